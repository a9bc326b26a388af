/*
 * bo_timeline_build: reads a case's inputs through the library context
 * straight into the correlator (no event is kept), then adds what the
 * methods section needs: inputs with their SHA-256, rules, counters.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <blackout/correlate.h>

#include "core/ctx.h"
#include "core/runfile.h"
#include "correlate/corr.h"
#include "correlate/coverage.h"
#include "correlate/project.h"
#include "correlate/state.h"
#include "rules/rules.h"
#include "util/util.h"

static void
fill_methods(struct bo_ctx *ctx, struct bo_timeline *tl)
{
	size_t i, n;

	n = bo_ctx_ninputs(ctx);
	tl->inputs = xcalloc(n ? n : 1, sizeof(*tl->inputs));
	for (i = 0; i < n; i++) {
		const struct bo_input_info *in = bo_ctx_input(ctx, i);

		tl->inputs[i] = *in;
		tl->inputs[i].path = xstrdup(in->path);
	}
	tl->ninputs = n;
	n = ctx->rules ? bo_rules_count(ctx->rules) : 0;
	tl->rules = xcalloc(n ? n : 1, sizeof(*tl->rules));
	for (i = 0; i < n; i++) {
		const char *id = NULL, *version = NULL, *file = NULL;
		uint64_t bytes;

		bo_rules_info(ctx->rules, i, &id, &version, &file);
		tl->rules[i].id = xstrdup(id ? id : "");
		tl->rules[i].version = xstrdup(version ? version : "");
		tl->rules[i].file = xstrdup(file ? file : "");
		/* the rule's content, not its path, says what was run */
		if (file == NULL || bo_hash_input(file, tl->rules[i].sha256,
		    &bytes) != 0)
			tl->rules[i].sha256[0] = '\0';
	}
	tl->nrules = n;
	for (i = 0; i < BO_CNT__COUNT; i++)
		tl->counters[i] = bo_diag_get(ctx->diag, (enum bo_counter)i);
}

/*
 * An input that cannot be read at all would otherwise leave a timeline
 * that reads as "nothing happened": no data is not evidence of calm, so
 * a missing or unreadable input stops the run before anything is built.
 * (Damage inside a readable input is the decoders' business: counted,
 * named, and the rest read.)
 */
static int
inputs_readable(struct bo_ctx *ctx, const struct bo_case *c)
{
	struct stat st;
	size_t i;
	int fd, bad = 0;

	for (i = 0; i < c->ninputs; i++) {
		const char *in = c->inputs[i];

		if (strcmp(in, "-") == 0)
			continue;
		if (stat(in, &st) != 0 || (S_ISDIR(st.st_mode) ?
		    access(in, R_OK | X_OK) != 0 :
		    (fd = open(in, O_RDONLY)) < 0 || close(fd) != 0)) {
			bo_diag_report(ctx->diag, BO_FATAL, NULL, "%s: cannot "
			    "read input: %s (no timeline is written from "
			    "missing evidence)", in, strerror(errno));
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* A target no input mentions is most often a typing slip: say so, with
 * the origin AS one keystroke away when the inputs hold one. */
static void
tell_unseen(struct bo_ctx *ctx, const struct corr *k,
    const struct origins *seen)
{
	const struct corr_target_spec *s;
	uint32_t near;
	size_t ti, j;

	for (ti = 0; ti < k->ntg; ti++) {
		if (coverage_target_seen(k, ti))
			continue;
		s = k->tg[ti].spec;
		near = 0;
		for (j = 0; j < s->nasns && near == 0; j++)
			near = origins_nearest(seen, s->asns[j]);
		if (near != 0)
			bo_diag_report(ctx->diag, BO_WARN, NULL, "target %s is "
			    "not in any input: did you mean AS%" PRIu32 "?",
			    s->name, near);
		else
			bo_diag_report(ctx->diag, BO_WARN, NULL, "target %s is "
			    "not in any input", s->name);
	}
}

/* No data is a finding of its own: the run completes with a warning
 * (exit status 1), never as a clean "nothing happened". */
static void
tell_no_data(struct bo_ctx *ctx, const struct bo_timeline *tl)
{
	size_t i;

	for (i = 0; i < tl->ngaps; i++)
		if (tl->gaps[i].kind == BO_GAP_NO_DATA)
			bo_diag_report(ctx->diag, BO_WARN, NULL, "%s: %s",
			    tl->gaps[i].scope, tl->gaps[i].reason);
}

int
bo_timeline_build(struct bo_ctx *ctx, struct bo_case *c,
    struct bo_timeline **out)
{
	struct corr_target_spec *specs;
	struct project *pj;
	struct corr *k;
	struct origins seen;
	size_t nspecs, i;
	uint64_t ignored;
	char *err;
	int rc;

	*out = NULL;
	if (c->ntargets == 0) {
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "no targets: give "
		    "--target or a case file with targets");
		return -1;
	}
	if (c->ntargets > CORR_MAX_TARGET_SPECS) {
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "more than %d "
		    "targets: use groups", CORR_MAX_TARGET_SPECS);
		return -1;
	}
	if (case_resolve(c, &specs, &nspecs, &err) != 0) {
		bo_diag_report(ctx->diag, BO_FATAL, NULL, "%s", err);
		free(err);
		return -1;
	}
	/* run files hold every event: the reduce projects nothing */
	pj = ctx->nruns == 0 ? project_new(specs, nspecs) : NULL;
	case_specs_free(specs, nspecs);
	for (i = 0; i < c->ninputs; i++)
		if (c->collectors[i] != NULL)
			bo_ctx_set_collector(ctx, c->inputs[i],
			    c->collectors[i]);
	/* a reduce reads run files; the maps read the inputs */
	if (ctx->nruns == 0 && inputs_readable(ctx, c) != 0) {
		project_free(pj);
		return -1;
	}
	memset(&seen, 0, sizeof(seen));
	if (pj != NULL && ctx->projection &&
	    project_scan(ctx, pj, (const char *const *)c->inputs,
	    c->ninputs) != 0) {
		project_free(pj);
		pj = NULL;
	}
	k = corr_new(c);
	/*
	 * The window is not handed down as a time filter: route state needs
	 * the RIB snapshot before the window opens.  The correlator trims
	 * its output to the window instead.
	 */
	/* Run files of a sharded decode stand for decoding the inputs. */
	if (ctx->nruns > 0)
		rc = bo_runs_ingest(ctx, (const char *const *)c->inputs,
		    c->ninputs, origins_sink(&seen, corr_sink(k)));
	else {
		project_install(ctx, pj);
		rc = bo_ingest(ctx, (const char *const *)c->inputs,
		    c->ninputs, origins_sink(&seen, corr_sink(k)));
		project_remove(ctx);
		bo_ctx_spool_free(ctx);
		/* what the projection dropped had origins too */
		if (pj != NULL && ctx->projection) {
			const uint32_t *as;

			for (i = project_origins(pj, &as); i > 0; i--)
				origins_add(&seen, as[i - 1]);
		}
	}
	project_free(pj);
	if (rc != 0 && ctx->nruns > 0) {
		/* Refused runs: no timeline from a part of the events. */
		origins_free(&seen);
		corr_free(k);
		return -1;
	}
	*out = corr_finish(k);
	if ((ignored = corr_ignored_collector_events(k)) > 0) {
		bo_diag_report(ctx->diag, BO_WARN, NULL, "%" PRIu64 " events "
		    "from collectors past the first %d were not correlated",
		    ignored, CORR_MAX_COLLECTORS);
		bo_diag_reason(ctx->diag, BO_CNT_WARNINGS,
		    "collectors past the limit not correlated");
	}
	tell_unseen(ctx, k, &seen);
	tell_no_data(ctx, *out);
	origins_free(&seen);
	corr_free(k);
	fill_methods(ctx, *out);
	return rc;
}
