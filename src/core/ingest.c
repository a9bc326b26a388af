#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <blackout/blackout.h>

#include "core/ctx.h"
#include "decode/decoder.h"
#include "event/merge.h"
#include "event/peers.h"
#include "event/spill.h"
#include "input/input.h"
#include "rules/rules.h"
#include "util/util.h"

#define SNIFF_BYTES	4096

/* One file of an input: the unit of work a thread takes. */
struct job {
	size_t			 input;		/* index into ctx->inputs */
	char			*fspath;
	char			*rel;
	struct stat		 st;
	struct bo_diag		*diag;		/* buffered when threaded */
	struct bo_evstore	*store;
	struct bo_peers		*peers;
	uint64_t		 read;
	uint64_t		 skipped;
	uint64_t		 failed;
	int			 fatal;
	int			 done;		/* its store may be spilled */
	int			 no_collector;	/* said once per file */
	char			 sha256[65];	/* sharded runs only */
};

struct run {
	struct bo_ctx		*ctx;
	bo_member_fn		 inspect;	/* inspect mode */
	void			*inspect_arg;
	struct job		*jobs;
	size_t			 njobs;
	size_t			 capjobs;
	size_t			 next;		/* next job to take */
	int			 threaded;
	pthread_mutex_t		 lock;
	uint64_t		 in_total;
	uint64_t		 in_done;	/* bytes of finished jobs */
	uint64_t		 out_done;
	uint64_t		 members;
	uint64_t		 cur_in[BO_MAX_THREADS];
	uint64_t		 cur_out[BO_MAX_THREADS];
	size_t			 mem_events;	/* in finished jobs' stores */
	struct bo_runs		 runs;		/* sorted, spilled to disk */
	size_t			 listing;	/* input whose files are listed */
	int			 fatal;
};

/* What a member callback needs: the job, and the thread's own rules. */
struct worker {
	struct run		*run;
	struct job		*job;
	struct bo_rules		*rules;
	unsigned		 slot;
};

static void
run_progress(void *arg, uint64_t in, uint64_t out)
{
	struct worker *w = arg;
	struct run *r = w->run;
	uint64_t tin = 0, tout = 0;
	unsigned i;

	pthread_mutex_lock(&r->lock);
	r->cur_in[w->slot] = in;
	r->cur_out[w->slot] = out;
	for (i = 0; i < BO_MAX_THREADS; i++) {
		tin += r->cur_in[i];
		tout += r->cur_out[i];
	}
	r->ctx->progress(r->ctx->progress_arg, r->in_done + tin, r->in_total,
	    r->out_done + tout, r->members);
	pthread_mutex_unlock(&r->lock);
}

/* Keeps a sorted run written by a thread; called with r->lock held.
 * A run that could not be written is fatal: events would be lost. */
static int
run_keep(struct run *r, struct bo_diag *diag, FILE *f)
{
	if (f == NULL || bo_runs_add(&r->runs, f) != 0) {
		bo_diag_report(diag, BO_FATAL, NULL,
		    "cannot write a sorted run to a temporary file in %s: %s",
		    bo_spill_dir(), strerror(errno));
		r->fatal = 1;
		return -1;
	}
	return 0;
}

/* A file with more events than the bound spills while it is decoded. */
static int
job_sink(void *arg, const struct bo_event *ev)
{
	struct worker *wk = arg;
	struct job *j = wk->job;
	size_t limit = wk->run->ctx->limits.max_events;
	FILE *f;
	int rc;

	/* Events of unknown collectors merge into one "unknown" vantage:
	 * said once per file, with how to name it. */
	if (ev->src == BO_SRC_BGP && ev->collector == NULL &&
	    !j->no_collector) {
		struct bo_where w = { ev->prov.input, ev->prov.member, 0, 0, 0,
		    0 };

		j->no_collector = 1;
		bo_diag_report(j->diag, BO_WARN, &w, "collector unknown: the "
		    "path names no RIS or RouteViews collector; name it with "
		    "--collector NAME=PATH or {path: ..., collector: NAME} in "
		    "the case's inputs");
	}
	bo_evstore_add(j->store, ev);
	if (limit == 0 || bo_evstore_count(j->store) < limit)
		return 0;
	f = bo_spill_write(j->store);
	pthread_mutex_lock(&wk->run->lock);
	rc = run_keep(wk->run, j->diag, f);
	pthread_mutex_unlock(&wk->run->lock);
	return rc;
}

/* The RIB tally the core keeps for full-feed detection. */
static void
tally_rib(void *arg, const struct bo_event *ev)
{
	bo_peers_count(arg, ev);
}

static int
on_member(void *arg, const struct bo_member *m, struct bo_stream *s)
{
	struct worker *wk = arg;
	struct run *r = wk->run;
	struct job *j = wk->job;
	struct bo_decode_ctx dc;
	struct bo_sniff sn;
	const struct bo_decoder_ops *best;
	const char *err;
	char why[128];
	size_t avail;
	int rc;

	pthread_mutex_lock(&r->lock);
	r->members++;
	pthread_mutex_unlock(&r->lock);
	avail = bo_stream_fill(s, SNIFF_BYTES);
	if (avail == 0 && bo_stream_error(s, &err)) {
		bo_member_fail(j->diag, m, 0, "cannot decompress", err);
		j->failed++;
		return 0;
	}
	memset(&sn, 0, sizeof(sn));
	sn.head = bo_stream_data(s);
	sn.len = avail < SNIFF_BYTES ? avail : SNIFF_BYTES;
	sn.type = bo_sniff_bytes(sn.head, sn.len);
	sn.member = m;

	bo_decode_ctx_init(&dc, j->diag, m);
	dc.sink.event = job_sink;
	dc.sink.arg = wk;
	dc.filter = &r->ctx->filter;
	dc.limits = &r->ctx->limits;
	dc.rules = wk->rules;
	dc.rib_tally = tally_rib;
	dc.rib_tally_arg = j->peers;
	/* A scan keeps no table sizes, and a filter that reads a route's
	 * path needs its attributes. */
	if (r->ctx->scan) {
		dc.rib_tally = NULL;
		dc.routes_only = !bo_filter_reads_attrs(&r->ctx->filter);
		if (dc.routes_only) {
			dc.origins = r->ctx->scan_origins;
			dc.norigins = r->ctx->nscan_origins;
		}
	}
	dc.unmatched = r->ctx->unmatched;
	dc.unmatched_arg = r->ctx->unmatched_arg;
	dc.default_time_us = r->ctx->default_time_us;
	/* a collector named for the input wins over what the path says */
	if (bo_ctx_collector(r->ctx, m->input) != NULL)
		dc.collector = bo_ctx_collector(r->ctx, m->input);
	best = bo_decoder_choose(&dc, &sn);
	snprintf(why, sizeof(why), "no decoder or rule reads %s content",
	    bo_sniff_name(sn.type));

	if (r->inspect != NULL) {
		struct bo_member_info mi;

		mi.input = m->input;
		mi.member = m->path;
		mi.size = m->size;
		mi.compression = m->compression;
		mi.type = bo_sniff_name(sn.type);
		mi.decoder = best ? best->name : NULL;
		mi.rule = dc.rule ? bo_rule_id(dc.rule) : NULL;
		mi.skip_reason = best ? NULL : why;
		if (best == NULL)
			j->skipped++;
		else
			j->read++;
		return r->inspect(r->inspect_arg, &mi) != 0 ? -1 : 0;
	}

	if (best == NULL) {
		bo_member_skip(j->diag, m, why);
		j->skipped++;
		return 0;
	}
	if (r->ctx->stage.open != NULL) {
		struct bo_sink out = dc.sink;
		uint64_t in = 0, kept = 0;

		dc.sink.arg = r->ctx->stage.open(r->ctx->stage.arg, out);
		dc.sink.event = r->ctx->stage.event;
		/* a filter that reads a route's path needs it whole */
		if (r->ctx->stage.attrs != NULL &&
		    !bo_filter_reads_attrs(&r->ctx->filter)) {
			dc.keep_attrs = r->ctx->stage.attrs;
			dc.keep_attrs_arg = dc.sink.arg;
		}
		rc = best->decode(&dc, s);
		/* what the stage holds is stored even when the decoder
		 * gave up: its events were read; a store that cannot take
		 * them stops the run, as the decoder's own events would */
		if (r->ctx->stage.close(dc.sink.arg, &in, &kept) != 0)
			dc.stop = 1;
		pthread_mutex_lock(&r->lock);
		r->ctx->stage_in += in;
		r->ctx->stage_kept += kept;
		pthread_mutex_unlock(&r->lock);
	} else
		rc = best->decode(&dc, s);
	bo_peers_member_end(j->peers);
	switch (bo_member_end(&dc, s, rc)) {
	case BO_MEMBER_STOPPED:
		j->fatal = 1;
		return -1;
	case BO_MEMBER_FAILED:
		j->failed++;
		break;
	case BO_MEMBER_READ:
		j->read++;
		break;
	}
	return 0;
}

static int
add_job(void *arg, const char *fspath, const char *rel, const struct stat *st)
{
	struct run *r = arg;
	struct job *j;

	xgrow(&r->jobs, &r->capjobs, r->njobs, sizeof(*r->jobs));
	j = &r->jobs[r->njobs++];
	memset(j, 0, sizeof(*j));
	j->input = r->listing;
	j->fspath = xstrdup(fspath);
	j->rel = xstrdup(rel);
	j->st = *st;
	return 0;
}

/*
 * The memory bound is over all files: once the finished files' stores
 * together pass it, they are written out as one sorted run (one file, not
 * one per input file, so a directory of thousands of small update files
 * does not hold thousands of temporary files open).
 */
static void
job_retire(struct run *r, struct job *j)
{
	struct bo_evstore **st = NULL;
	size_t *idx = NULL, n = 0, i, limit = r->ctx->limits.max_events;
	FILE *f;

	pthread_mutex_lock(&r->lock);
	j->done = 1;
	r->mem_events += bo_evstore_count(j->store);
	if (limit == 0 || r->mem_events <= limit) {
		pthread_mutex_unlock(&r->lock);
		return;
	}
	st = xcalloc(r->njobs, sizeof(*st));
	idx = xcalloc(r->njobs, sizeof(*idx));
	for (i = 0; i < r->njobs; i++)
		if (r->jobs[i].done == 1 &&
		    bo_evstore_count(r->jobs[i].store) > 0) {
			idx[n] = i;
			st[n++] = r->jobs[i].store;
			/* being written by this thread: no other takes it */
			r->jobs[i].done = 2;
		}
	r->mem_events = 0;
	pthread_mutex_unlock(&r->lock);
	f = bo_spill_write_stores(st, n);
	pthread_mutex_lock(&r->lock);
	(void)run_keep(r, j->diag, f);
	for (i = 0; i < n; i++)
		r->jobs[idx[i]].done = 1;
	pthread_mutex_unlock(&r->lock);
	free(st);
	free(idx);
}

/* Which files a shard decodes: every shard_n-th in listing order. */
static int
job_mine(const struct run *r, const struct job *j)
{
	const struct bo_ctx *ctx = r->ctx;

	return ctx->shard_n == 0 ||
	    (size_t)(j - r->jobs) % ctx->shard_n == ctx->shard_k - 1;
}

/*
 * A timeline's scan keeps what the compressed files decompress to (input.h,
 * struct bo_spool_seg), each thread in a temporary file of its own, so
 * that the pass after it reads those bytes instead of decompressing
 * again; within limits.max_spool in all.  NULL when this file is not to
 * be spooled or read from a spool.
 */
static struct bo_spool_seg *
job_spool(struct worker *wk, const struct job *j, struct bo_spool_seg *seg)
{
	struct bo_ctx *ctx = wk->run->ctx;
	struct bo_spool_file *sf = &ctx->spool_w[wk->slot];
	const struct bo_spool_ent *e;
	size_t i = (size_t)(j - wk->run->jobs);

	memset(seg, 0, sizeof(*seg));
	if (ctx->spool_write && ctx->limits.max_spool > 0 &&
	    wk->run->inspect == NULL) {
		if (sf->fd < 0 && (sf->fd = bo_spill_fd()) < 0)
			return NULL;	/* no temporary file: read twice */
		seg->fd = sf->fd;
		seg->write = 1;
		seg->off = sf->end;
		pthread_mutex_lock(&wk->run->lock);
		seg->max = ctx->limits.max_spool > ctx->spooled ?
		    ctx->limits.max_spool - ctx->spooled : 0;
		pthread_mutex_unlock(&wk->run->lock);
		return seg->max > 0 ? seg : NULL;
	}
	/* the pass lists the files as the scan did: the same number, if
	 * it is the same file */
	if (ctx->scan || i >= ctx->nspools)
		return NULL;
	e = &ctx->spools[i];
	if (e->fspath == NULL || e->size != (int64_t)j->st.st_size ||
	    e->mtime != (int64_t)j->st.st_mtime ||
	    strcmp(e->fspath, j->fspath) != 0)
		return NULL;
	seg->fd = e->fd;
	seg->off = e->off;
	seg->len = e->len;
	pthread_mutex_lock(&wk->run->lock);
	ctx->spool_read_files++;
	ctx->spool_read_bytes += e->len;
	pthread_mutex_unlock(&wk->run->lock);
	return seg;
}

/* A spool the scan filled whole is kept for the pass after it. */
static void
job_spool_keep(struct worker *wk, const struct job *j,
    const struct bo_spool_seg *seg)
{
	struct bo_ctx *ctx = wk->run->ctx;
	struct bo_spool_ent *e;
	size_t i = (size_t)(j - wk->run->jobs);

	if (seg == NULL || !seg->write || !seg->ok || seg->len == 0)
		return;
	ctx->spool_w[wk->slot].end += seg->len;
	pthread_mutex_lock(&wk->run->lock);
	if (i >= ctx->nspools) {
		ctx->spools = xreallocarray(ctx->spools, i + 1,
		    sizeof(*ctx->spools));
		memset(ctx->spools + ctx->nspools, 0, (i + 1 -
		    ctx->nspools) * sizeof(*ctx->spools));
		ctx->nspools = i + 1;
	}
	e = &ctx->spools[i];
	e->fspath = xstrdup(j->fspath);
	e->size = (int64_t)j->st.st_size;
	e->mtime = (int64_t)j->st.st_mtime;
	e->fd = seg->fd;
	e->off = seg->off;
	e->len = seg->len;
	ctx->spooled += seg->len;
	pthread_mutex_unlock(&wk->run->lock);
}

static void
job_run(struct worker *wk, struct job *j)
{
	struct run *r = wk->run;
	struct bo_ctx *ctx = r->ctx;
	/* the job's diag is the run's own when unthreaded: count its part */
	uint64_t bytes = bo_diag_get(j->diag, BO_CNT_BYTES);
	struct bo_spool_seg seg, *sp;

	if (!job_mine(r, j))
		return;
	wk->job = j;
	/* A shard hashes its own files; the reduce composes the inputs'
	 * hashes from them as bo_hash_input would. */
	if (ctx->shard_n != 0 && r->inspect == NULL) {
		uint64_t hb = 0;

		if (bo_hash_file(j->fspath, j->sha256, &hb) != 0)
			j->sha256[0] = '\0';
	}
	sp = job_spool(wk, j, &seg);
	bo_walk_file_spool(ctx->inputs[j->input].path, j->fspath, j->rel,
	    &j->st, &ctx->limits, j->diag, on_member, wk,
	    ctx->progress ? run_progress : NULL, wk, sp);
	job_spool_keep(wk, j, sp);
	/* what its spills kept for refilling is not needed any more */
	bo_evstore_trim(j->store);
	if (r->inspect == NULL)
		job_retire(r, j);
	pthread_mutex_lock(&r->lock);
	r->in_done += (uint64_t)j->st.st_size;
	r->cur_in[wk->slot] = 0;
	r->out_done += bo_diag_get(j->diag, BO_CNT_BYTES) - bytes;
	r->cur_out[wk->slot] = 0;
	pthread_mutex_unlock(&r->lock);
}

static void *
worker_main(void *arg)
{
	struct worker *wk = arg;
	struct run *r = wk->run;
	struct job *j;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		j = r->fatal || r->next >= r->njobs ? NULL :
		    &r->jobs[r->next++];
		pthread_mutex_unlock(&r->lock);
		if (j == NULL)
			break;
		job_run(wk, j);
		if (j->fatal) {
			pthread_mutex_lock(&r->lock);
			r->fatal = 1;
			pthread_mutex_unlock(&r->lock);
		}
	}
	return NULL;
}

/*
 * PCRE2 match data and JIT stacks are not shared between threads: each
 * worker loads its own copy of the rules (already checked by the caller,
 * so its messages are dropped).
 */
static struct bo_rules *
worker_rules(struct bo_ctx *ctx, struct bo_diag *quiet)
{
	struct bo_rules *rules = bo_rules_new(quiet);
	size_t i;

	for (i = 0; i < ctx->nrule_paths; i++)
		(void)bo_rules_load(rules, ctx->rule_paths[i]);
	return rules;
}

static void
jobs_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->njobs; i++) {
		struct job *j = &r->jobs[i];

		free(j->fspath);
		free(j->rel);
		if (j->diag != r->ctx->diag)
			bo_diag_free(j->diag);
		bo_evstore_free(j->store);
		bo_peers_free(j->peers);
	}
	free(r->jobs);
	r->jobs = NULL;
	r->njobs = 0;
	bo_runs_free(&r->runs);
}

static void
shard_file_keep(struct run *r, struct job *j)
{
	struct bo_ctx *ctx = r->ctx;
	struct bo_shard_file *f;

	ctx->files = xreallocarray(ctx->files, ctx->nfiles + 1,
	    sizeof(*ctx->files));
	f = &ctx->files[ctx->nfiles++];
	memset(f, 0, sizeof(*f));
	f->input = (uint32_t)j->input;
	f->rel = xstrdup(j->rel);
	f->size = (uint64_t)j->st.st_size;
	f->mtime = (int64_t)j->st.st_mtime;
	f->mine = job_mine(r, j);
	if (f->mine) {
		memcpy(f->sha256, j->sha256, sizeof(f->sha256));
		f->diag = j->diag;
		j->diag = NULL;
		f->read = j->read;
		f->skipped = j->skipped;
		f->failed = j->failed;
	}
}

/*
 * Lists every file of every input, then decodes them, on several threads
 * when asked: each file's messages, events and peer tables are kept apart
 * and folded back in file order, so output is the same for any thread
 * count.  Only the progress line sees the threads.
 */
static int
run_inputs(struct run *r, const char *const *inputs, size_t n)
{
	struct bo_ctx *ctx = r->ctx;
	unsigned nthreads = ctx->threads, t;
	struct worker wk[BO_MAX_THREADS];
	pthread_t tid[BO_MAX_THREADS];
	struct bo_diag *quiet = NULL;
	size_t i;

	bo_ctx_inputs_reset(ctx);
	bo_peers_free(ctx->peers);
	ctx->peers = bo_peers_new();
	ctx->inputs = xcalloc(n ? n : 1, sizeof(*ctx->inputs));
	bo_ctx_files_reset(ctx);
	if (ctx->shard_n != 0)
		ctx->listing_diag = bo_diag_new_buffer();
	for (i = 0; i < n; i++) {
		struct bo_input_info *info = &ctx->inputs[i];
		size_t first = r->njobs, k;

		info->path = xstrdup(inputs[i]);
		/* Hashing first also gives the byte total for progress. */
		if (r->inspect == NULL && ctx->shard_n == 0 && !ctx->scan &&
		    bo_hash_input(inputs[i], info->sha256, &info->bytes) != 0)
			info->sha256[0] = '\0';
		r->listing = i;
		(void)bo_walk_files(inputs[i], ctx->shard_n != 0 ?
		    ctx->listing_diag : ctx->diag, add_job, r);
		if (ctx->shard_n != 0)
			for (k = first; k < r->njobs; k++)
				info->bytes += (uint64_t)r->jobs[k].st.st_size;
		r->in_total += info->bytes;
	}
	ctx->ninputs = n;
	if (ctx->shard_n != 0)
		bo_diag_merge(ctx->diag, ctx->listing_diag);

	if (r->inspect != NULL || ctx->unmatched != NULL || nthreads < 1)
		nthreads = 1;	/* these print as they go */
	if (nthreads > BO_MAX_THREADS)
		nthreads = BO_MAX_THREADS;
	if (nthreads > r->njobs)
		nthreads = r->njobs > 0 ? (unsigned)r->njobs : 1;
	r->threaded = nthreads > 1;
	/* cores no file takes decompress ahead of the decoders (walk.c) */
	ctx->limits.read_ahead = ctx->threads > r->njobs;
	for (i = 0; i < r->njobs; i++) {
		struct job *j = &r->jobs[i];

		/* A shard keeps each file's messages for the reduce. */
		j->diag = r->threaded || ctx->shard_n != 0 ?
		    bo_diag_new_buffer() : ctx->diag;
		if (j->diag != ctx->diag && ctx->live != NULL)
			bo_diag_set_tee(j->diag, ctx->live, ctx->live_arg);
		j->store = bo_evstore_new();
		j->peers = bo_peers_new();
	}
	pthread_mutex_init(&r->lock, NULL);
	if (r->threaded) {
		quiet = bo_diag_new(NULL, NULL);
		for (t = 0; t < nthreads; t++) {
			wk[t].run = r;
			wk[t].job = NULL;
			wk[t].rules = worker_rules(ctx, quiet);
			wk[t].slot = t;
			if (pthread_create(&tid[t], NULL, worker_main,
			    &wk[t]) != 0) {
				bo_rules_free(wk[t].rules);
				break;
			}
		}
		nthreads = t;
		for (t = 0; t < nthreads; t++) {
			pthread_join(tid[t], NULL);
			bo_rules_free(wk[t].rules);
		}
		bo_diag_free(quiet);
	}
	/* What threads did not take (none started, or a stop) runs here. */
	wk[0].run = r;
	wk[0].rules = ctx->rules;
	wk[0].slot = 0;
	while (!r->fatal && r->next < r->njobs) {
		struct job *j = &r->jobs[r->next++];

		job_run(&wk[0], j);
		if (j->fatal)
			r->fatal = 1;
	}
	/* Every byte is read; what follows (the merge, and a timeline's
	 * correlation) is said as such by the progress line. */
	if (ctx->progress != NULL && r->inspect == NULL)
		ctx->progress(ctx->progress_arg, r->in_total, r->in_total,
		    r->out_done, r->members);
	pthread_mutex_destroy(&r->lock);

	for (i = 0; i < r->njobs; i++) {
		struct job *j = &r->jobs[i];
		struct bo_input_info *info = &ctx->inputs[j->input];

		if (r->threaded || ctx->shard_n != 0)
			bo_diag_merge(ctx->diag, j->diag);
		bo_peers_merge(ctx->peers, j->peers);
		info->members_read += j->read;
		info->members_skipped += j->skipped;
		info->members_failed += j->failed;
		r->fatal |= j->fatal;
		if (ctx->shard_n != 0)
			shard_file_keep(r, j);
	}
	bo_peers_finish(ctx->peers);
	return r->fatal ? -1 : 0;
}

int
bo_inspect(struct bo_ctx *ctx, const char *const *inputs, size_t n,
    bo_member_fn fn, void *arg)
{
	struct run r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.inspect = fn;
	r.inspect_arg = arg;
	rc = run_inputs(&r, inputs, n);
	jobs_free(&r);
	return rc;
}

int
bo_ingest(struct bo_ctx *ctx, const char *const *inputs, size_t n,
    struct bo_sink sink)
{
	struct bo_evstore **st;
	struct run r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	ctx->stage_in = ctx->stage_kept = 0;
	rc = run_inputs(&r, inputs, n);
	st = xcalloc(r.njobs ? r.njobs : 1, sizeof(*st));
	for (i = 0; i < r.njobs; i++)
		st[i] = r.jobs[i].store;
	if (rc == 0 && (rc = bo_merge(&r.runs, st, r.njobs, sink)) == -2) {
		bo_diag_report(ctx->diag, BO_FATAL, NULL,
		    "a sorted run could not be read back from its temporary "
		    "file");
		rc = -1;
	}
	free(st);
	jobs_free(&r);
	return rc;
}
