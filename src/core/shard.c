/*
 * Sharded decoding glue: what a shard writes from the context after its
 * bo_ingest, and how the reduce puts the same facts back into a context,
 * so that the methods section, counters and messages come out as a single
 * run's.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "core/runfile.h"
#include "util/util.h"

static void
sha_hex(const void *p, size_t n, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx sc;
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&sc);
	sha256_update(&sc, n, p);
	sha256_digest(&sc, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
}

/*
 * Everything that changes which events a decode yields, apart from the
 * rules (kept with their own digests) and the inputs (kept by name): the
 * filters, the limits that cut members, the default time.  Threads and
 * the memory bound change nothing and are left out.  Whatever else comes
 * to decide which events are kept at the source (a projection on the
 * targets, and its switch) must be added here, so that runs decoded one
 * way are refused by a reduce configured the other.
 */
static void
options_digest(const struct bo_ctx *ctx, char out[65])
{
	const struct bo_filter *f = &ctx->filter;
	const struct bo_limits *l = &ctx->limits;
	struct buf b;
	char pfx[64];
	size_t i;

	buf_init(&b);
	buf_printf(&b, "blackout-options 1\nfrom %" PRId64 "\nto %" PRId64
	    "\nmatch %d\nstrict %d\n", f->from_us, f->to_us,
	    (int)f->prefix_match, f->strict_keys);
	for (i = 0; i < f->nprefixes; i++)
		buf_printf(&b, "prefix %s\n", bo_prefix_format(&f->prefixes[i],
		    pfx, sizeof(pfx)));
	for (i = 0; i < f->norigin_as; i++)
		buf_printf(&b, "origin %" PRIu32 "\n", f->origin_as[i]);
	for (i = 0; i < f->npath_as; i++)
		buf_printf(&b, "path %" PRIu32 "\n", f->path_as[i]);
	for (i = 0; i < f->npeers; i++)
		buf_printf(&b, "peer %s\n", f->peers[i]);
	buf_printf(&b, "depth %u\nmember %" PRIu64 "\nratio %u\nfloor %"
	    PRIu64 "\nline %zu\ndefault_time %" PRId64 "\n", l->max_depth,
	    l->max_member_bytes, l->max_ratio, l->ratio_floor, l->max_line,
	    ctx->default_time_us);
	sha_hex(b.data, b.len, out);
	buf_free(&b);
}

static void
rules_digests(const struct bo_ctx *ctx, struct runfile_meta *m)
{
	size_t i;
	uint64_t bytes;

	m->nrules = ctx->nrule_paths;
	m->rule_paths = xcalloc(m->nrules + 1, sizeof(char *));
	m->rule_sha = xcalloc(m->nrules + 1, sizeof(*m->rule_sha));
	for (i = 0; i < m->nrules; i++) {
		m->rule_paths[i] = xstrdup(ctx->rule_paths[i]);
		if (bo_hash_input(ctx->rule_paths[i], m->rule_sha[i],
		    &bytes) != 0)
			m->rule_sha[i][0] = '\0';
	}
}

int
bo_map(struct bo_ctx *ctx, const char *const *inputs, size_t n, unsigned k,
    unsigned shards, const char *path)
{
	struct runfile_meta m;
	struct runfile_writer *w;
	struct stat st;
	size_t i;
	int rc;

	if ((w = runfile_create(path)) == NULL) {
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	ctx->shard_k = k;
	ctx->shard_n = shards;
	rc = bo_ingest(ctx, inputs, n, runfile_sink(w));
	ctx->shard_k = ctx->shard_n = 0;
	if (rc != 0) {
		/* No partial run file: the reduce would take it as whole. */
		runfile_abort(w);
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.shard_n = shards;
	m.shards = xcalloc(1, sizeof(*m.shards));
	m.shards[m.nshards++] = k;
	options_digest(ctx, m.options);
	rules_digests(ctx, &m);
	m.ninputs = n;
	m.inputs = xcalloc(n + 1, sizeof(char *));
	m.input_kind = xcalloc(n + 1, sizeof(uint32_t));
	for (i = 0; i < n; i++) {
		m.inputs[i] = xstrdup(inputs[i]);
		m.input_kind[i] = stat(inputs[i], &st) != 0 ? RUNFILE_MISSING :
		    S_ISDIR(st.st_mode) ? RUNFILE_DIR : RUNFILE_FILE;
	}
	/* Borrowed from the context for the write. */
	m.files = ctx->files;
	m.nfiles = ctx->nfiles;
	m.listing = ctx->listing_diag;
	runfile_peers_take(&m, ctx->peers);
	rc = runfile_finish(w, &m);
	if (rc != 0)
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "%s: %s", path,
		    strerror(errno));
	m.files = NULL;
	m.nfiles = 0;
	m.listing = NULL;
	runfile_meta_free(&m);
	return rc;
}

#define FAN_IN_DEFAULT	64

static size_t
fan_in(void)
{
	const char *s = getenv("BLACKOUT_FAN_IN");
	long v = s ? strtol(s, NULL, 10) : 0;

	return v >= 2 ? (size_t)v : FAN_IN_DEFAULT;
}

int
bo_merge_runs(struct bo_ctx *ctx, const char *const *runs, size_t n,
    const char *path)
{
	struct runfile_meta m;
	struct runfile_writer *w;
	int rc;

	if ((w = runfile_create(path)) == NULL) {
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (runfile_merge(runs, n, 0, fan_in(), ctx->diag, &m, NULL, NULL,
	    runfile_sink(w)) != 0) {
		runfile_abort(w);
		return -1;
	}
	rc = runfile_finish(w, &m);
	if (rc != 0)
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "%s: %s", path,
		    strerror(errno));
	runfile_meta_free(&m);
	return rc;
}

/* An input's SHA-256 as bo_hash_input gives it, from its files' own. */
static void
input_hash(const struct runfile_meta *m, uint32_t in, char out[65])
{
	struct buf b;
	size_t i;

	out[0] = '\0';
	if (m->input_kind[in] == RUNFILE_MISSING)
		return;
	buf_init(&b);
	for (i = 0; i < m->nfiles; i++) {
		const struct bo_shard_file *f = &m->files[i];

		if (f->input != in)
			continue;
		if (f->sha256[0] == '\0')
			goto out;	/* unreadable: no hash, as in one run */
		if (m->input_kind[in] == RUNFILE_FILE) {
			memcpy(out, f->sha256, 65);
			goto out;
		}
		buf_printf(&b, "%s  %s\n", f->sha256, f->rel);
	}
	if (m->input_kind[in] == RUNFILE_DIR)
		sha_hex(b.data ? b.data : "", b.len, out);
out:
	buf_free(&b);
}

struct reduce_check {
	struct bo_ctx		*ctx;
	const char *const	*inputs;
	size_t			 n;
};

/* The runs must be what this command would have decoded itself. */
static int
reduce_check(const struct runfile_meta *m, void *arg)
{
	struct reduce_check *rc = arg;
	struct bo_diag *diag = rc->ctx->diag;
	struct runfile_meta mine;
	size_t i, bad = 0;

	memset(&mine, 0, sizeof(mine));
	options_digest(rc->ctx, mine.options);
	rules_digests(rc->ctx, &mine);
	if (strcmp(m->options, mine.options) != 0) {
		bo_diag_report(diag, BO_FATAL, NULL, "the runs were decoded "
		    "with other options (filters, limits, default time) than "
		    "this command's");
		bad++;
	}
	if (m->nrules != mine.nrules) {
		bo_diag_report(diag, BO_FATAL, NULL, "the runs were decoded "
		    "with %zu rule files, this command loads %zu", m->nrules,
		    mine.nrules);
		bad++;
	}
	for (i = 0; i < m->nrules && i < mine.nrules; i++)
		if (strcmp(m->rule_sha[i], mine.rule_sha[i]) != 0) {
			bo_diag_report(diag, BO_FATAL, NULL, "rules %s: not the "
			    "content the runs were decoded with",
			    mine.rule_paths[i]);
			bad++;
		}
	if (rc->n > 0 && rc->n != m->ninputs) {
		bo_diag_report(diag, BO_FATAL, NULL, "the runs hold %zu "
		    "inputs, the case %zu", m->ninputs, rc->n);
		bad++;
	}
	for (i = 0; rc->n > 0 && i < rc->n && i < m->ninputs; i++)
		if (strcmp(rc->inputs[i], m->inputs[i]) != 0) {
			bo_diag_report(diag, BO_FATAL, NULL, "input %zu is %s "
			    "in the case but %s in the runs", i + 1,
			    rc->inputs[i], m->inputs[i]);
			bad++;
		}
	runfile_meta_free(&mine);
	return bad ? -1 : 0;
}

int
bo_runs_ingest(struct bo_ctx *ctx, const char *const *inputs, size_t n,
    struct bo_sink sink)
{
	struct reduce_check chk = { ctx, inputs, n };
	struct runfile_meta m;
	size_t i;

	if (runfile_merge((const char *const *)ctx->runs, ctx->nruns, 1,
	    fan_in(), ctx->diag, &m, reduce_check, &chk, sink) != 0)
		return -1;
	/* The facts of a single run, folded in the same order. */
	bo_ctx_inputs_reset(ctx);
	ctx->inputs = xcalloc(m.ninputs + 1, sizeof(*ctx->inputs));
	ctx->ninputs = m.ninputs;
	for (i = 0; i < m.ninputs; i++) {
		ctx->inputs[i].path = xstrdup(m.inputs[i]);
		input_hash(&m, (uint32_t)i, ctx->inputs[i].sha256);
	}
	bo_diag_merge(ctx->diag, m.listing);
	for (i = 0; i < m.nfiles; i++) {
		const struct bo_shard_file *f = &m.files[i];
		struct bo_input_info *in = &ctx->inputs[f->input];

		in->bytes += f->size;
		in->members_read += f->read;
		in->members_skipped += f->skipped;
		in->members_failed += f->failed;
		if (f->diag != NULL)
			bo_diag_merge(ctx->diag, f->diag);
	}
	bo_peers_free(ctx->peers);
	ctx->peers = bo_peers_new();
	for (i = 0; i < m.npeers; i++)
		bo_peers_add(ctx->peers, &m.peers[i]);
	bo_peers_finish(ctx->peers);
	runfile_meta_free(&m);
	return 0;
}
