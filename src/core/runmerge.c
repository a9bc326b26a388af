/*
 * The reduce: checks that run files form one sharded decode, and merges
 * their events into the total order, in rounds when there are more runs
 * than files it may hold open.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/runfile.h"
#include "event/merge.h"
#include "util/util.h"

static int
same_listing(const struct runfile_meta *a, const struct runfile_meta *b,
    const char **what)
{
	size_t i;

	*what = "shard count";
	if (a->shard_n != b->shard_n)
		return 0;
	*what = "options (filters, limits, default time)";
	if (strcmp(a->options, b->options) != 0)
		return 0;
	*what = "rules";
	if (a->nrules != b->nrules)
		return 0;
	for (i = 0; i < a->nrules; i++)
		if (strcmp(a->rule_paths[i], b->rule_paths[i]) != 0 ||
		    strcmp(a->rule_sha[i], b->rule_sha[i]) != 0)
			return 0;
	*what = "inputs";
	if (a->ninputs != b->ninputs)
		return 0;
	for (i = 0; i < a->ninputs; i++)
		if (strcmp(a->inputs[i], b->inputs[i]) != 0 ||
		    a->input_kind[i] != b->input_kind[i])
			return 0;
	*what = "files of the inputs (names, sizes or mtimes)";
	if (a->nfiles != b->nfiles)
		return 0;
	for (i = 0; i < a->nfiles; i++)
		if (a->files[i].input != b->files[i].input ||
		    strcmp(a->files[i].rel, b->files[i].rel) != 0 ||
		    a->files[i].size != b->files[i].size ||
		    a->files[i].mtime != b->files[i].mtime)
			return 0;
	return 1;
}

static void
copy_file(struct bo_shard_file *dst, const struct bo_shard_file *src)
{
	struct bo_diag *d;

	*dst = *src;
	dst->rel = xstrdup(src->rel);
	dst->diag = NULL;
	if (src->diag != NULL) {
		d = bo_diag_new_buffer();
		bo_diag_merge(d, src->diag);
		dst->diag = d;
	}
}

int
runfile_union(const struct runfile_meta *const *m, const char *const *names,
    size_t n, int complete, struct bo_diag *diag, struct runfile_meta *out)
{
	const char **owner;
	const char *what;
	struct bo_peers *peers;
	size_t i, j, k, bad = 0;
	uint32_t N;

	memset(out, 0, sizeof(*out));
	if (n == 0) {
		bo_diag_report(diag, BO_FATAL, NULL, "no run files given");
		return -1;
	}
	N = m[0]->shard_n;
	for (i = 1; i < n; i++)
		if (!same_listing(m[0], m[i], &what)) {
			bo_diag_report(diag, BO_FATAL, NULL, "%s: foreign run: "
			    "other %s than %s", names[i], what, names[0]);
			bad++;
		}
	if (bad)
		return -1;
	owner = xcalloc(N + 1, sizeof(*owner));
	for (i = 0; i < n; i++)
		for (j = 0; j < m[i]->nshards; j++) {
			k = m[i]->shards[j];
			if (owner[k] != NULL) {
				bo_diag_report(diag, BO_FATAL, NULL, "shard "
				    "%zu/%u given twice: in %s and in %s", k,
				    (unsigned)N, owner[k], names[i]);
				bad++;
			} else
				owner[k] = names[i];
		}
	for (k = 1; complete && k <= N; k++)
		if (owner[k] == NULL) {
			bo_diag_report(diag, BO_FATAL, NULL, "shard %zu/%u is "
			    "missing: no run file given holds it", k,
			    (unsigned)N);
			bad++;
		}
	if (bad) {
		free(owner);
		return -1;
	}
	out->shard_n = N;
	out->shards = xcalloc(N, sizeof(*out->shards));
	for (k = 1; k <= N; k++)
		if (owner[k] != NULL)
			out->shards[out->nshards++] = (uint32_t)k;
	free(owner);
	memcpy(out->options, m[0]->options, sizeof(out->options));
	out->nrules = m[0]->nrules;
	out->rule_paths = xcalloc(out->nrules + 1, sizeof(char *));
	out->rule_sha = xcalloc(out->nrules + 1, sizeof(*out->rule_sha));
	for (i = 0; i < out->nrules; i++) {
		out->rule_paths[i] = xstrdup(m[0]->rule_paths[i]);
		memcpy(out->rule_sha[i], m[0]->rule_sha[i], 65);
	}
	out->ninputs = m[0]->ninputs;
	out->inputs = xcalloc(out->ninputs + 1, sizeof(char *));
	out->input_kind = xcalloc(out->ninputs + 1, sizeof(uint32_t));
	for (i = 0; i < out->ninputs; i++) {
		out->inputs[i] = xstrdup(m[0]->inputs[i]);
		out->input_kind[i] = m[0]->input_kind[i];
	}
	out->nfiles = m[0]->nfiles;
	out->files = xcalloc(out->nfiles + 1, sizeof(*out->files));
	for (j = 0; j < out->nfiles; j++) {
		copy_file(&out->files[j], &m[0]->files[j]);
		for (i = 1; i < n; i++)
			if (m[i]->files[j].mine) {
				free(out->files[j].rel);
				bo_diag_free(out->files[j].diag);
				copy_file(&out->files[j], &m[i]->files[j]);
			}
	}
	/* Every shard lists the same files and says the same about them. */
	out->listing = bo_diag_new_buffer();
	bo_diag_merge(out->listing, m[0]->listing);
	peers = bo_peers_new();
	for (i = 0; i < n; i++) {
		for (j = 0; j < m[i]->npeers; j++)
			bo_peers_add(peers, &m[i]->peers[j]);
		out->nevents += m[i]->nevents;
	}
	runfile_peers_take(out, peers);
	bo_peers_free(peers);
	return 0;
}

/* One open run of a merge. */
struct src {
	struct runfile_reader	*r;
	const struct bo_event	*cur;
};

/* Keeps the event read, so that a damaged run can be named. */
static const struct bo_event *
src_next(void *arg, size_t i, int *err)
{
	struct src *s = (struct src *)arg + i;

	return s->cur = runfile_next(s->r, err);
}

/* Merges at most fan_in runs straight into sink. */
static int
merge_direct(const char *const *paths, size_t n, int complete,
    struct bo_diag *diag, struct runfile_meta *meta, runfile_check_fn check,
    void *check_arg, struct bo_sink sink)
{
	struct src *s = xcalloc(n, sizeof(*s));
	const struct runfile_meta **m = xcalloc(n, sizeof(*m));
	const char *why;
	size_t i;
	int rc = -1;

	memset(meta, 0, sizeof(*meta));
	for (i = 0; i < n; i++) {
		if ((s[i].r = runfile_open(paths[i], &why)) == NULL) {
			bo_diag_report(diag, BO_FATAL, NULL, "%s: %s", paths[i],
			    why);
			goto out;
		}
		m[i] = runfile_meta(s[i].r);
	}
	if (runfile_union(m, paths, n, complete, diag, meta) != 0)
		goto out;
	if (check != NULL && check(meta, check_arg) != 0) {
		runfile_meta_free(meta);
		goto out;
	}
	if ((rc = bo_merge_sources(n, src_next, s, sink)) == -2) {
		for (i = 0; i < n; i++)
			if (s[i].cur == NULL)
				break;
		bo_diag_report(diag, BO_FATAL, NULL, "%s: damaged run file "
		    "(its events do not read back in order)", i < n ?
		    paths[i] : "a run");
		rc = -1;
	}
out:
	if (rc != 0)
		runfile_meta_free(meta);
	for (i = 0; i < n; i++)
		runfile_close(s[i].r);
	free(s);
	free(m);
	return rc;
}

static void
temps_free(char **t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		(void)unlink(t[i]);
		free(t[i]);
	}
	free(t);
}

int
runfile_merge(const char *const *paths, size_t n, int complete,
    size_t fan_in, struct bo_diag *diag, struct runfile_meta *meta,
    runfile_check_fn check, void *check_arg, struct bo_sink sink)
{
	char **cur = NULL, **next;
	size_t ncur = 0, nnext, i, k;
	const char *tmpdir = getenv("TMPDIR");
	int rc;

	if (fan_in < 2)
		fan_in = 2;
	if (n <= fan_in)
		return merge_direct(paths, n, complete, diag, meta, check,
		    check_arg, sink);
	if (tmpdir == NULL || tmpdir[0] == '\0')
		tmpdir = "/tmp";
	/* Rounds: each group of fan_in runs becomes one partial run. */
	while ((ncur ? ncur : n) > fan_in) {
		const char *const *in = ncur ? (const char *const *)cur : paths;
		size_t nin = ncur ? ncur : n;

		nnext = (nin + fan_in - 1) / fan_in;
		next = xcalloc(nnext, sizeof(*next));
		for (k = 0; k < nnext; k++) {
			struct runfile_meta part;
			struct runfile_writer *w;
			size_t from = k * fan_in, cnt = nin - from < fan_in ?
			    nin - from : fan_in;
			int fd;

			next[k] = xasprintf("%s/blackout-merge-XXXXXX", tmpdir);
			if ((fd = mkstemp(next[k])) < 0 || close(fd) != 0 ||
			    (w = runfile_create(next[k])) == NULL) {
				bo_diag_report(diag, BO_FATAL, NULL, "%s: cannot "
				    "write a partial merge: %s", tmpdir,
				    strerror(errno));
				temps_free(next, k + 1);
				temps_free(cur, ncur);
				return -1;
			}
			rc = merge_direct(in + from, cnt, 0, diag, &part,
			    NULL, NULL, runfile_sink(w));
			if (rc == 0 && runfile_finish(w, &part) != 0) {
				bo_diag_report(diag, BO_FATAL, NULL, "%s: %s",
				    next[k], strerror(errno));
				w = NULL;
				rc = -1;
			} else if (rc != 0)
				runfile_abort(w);
			runfile_meta_free(&part);
			if (rc != 0) {
				temps_free(next, k + 1);
				temps_free(cur, ncur);
				return -1;
			}
		}
		temps_free(cur, ncur);
		cur = next;
		ncur = nnext;
	}
	rc = merge_direct((const char *const *)cur, ncur, complete, diag, meta,
	    check, check_arg, sink);
	for (i = 0; i < ncur; i++)
		(void)unlink(cur[i]);
	temps_free(cur, ncur);
	return rc;
}
