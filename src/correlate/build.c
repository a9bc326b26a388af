/*
 * bo_timeline_build: reads a case's inputs through the library context
 * straight into the correlator (no event is kept), then adds what the
 * methods section needs: inputs with their SHA-256, rules, counters.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/correlate.h>

#include "core/ctx.h"
#include "core/runfile.h"
#include "correlate/corr.h"
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

		bo_rules_info(ctx->rules, i, &id, &version, &file);
		tl->rules[i].id = xstrdup(id ? id : "");
		tl->rules[i].version = xstrdup(version ? version : "");
		tl->rules[i].file = xstrdup(file ? file : "");
	}
	tl->nrules = n;
	for (i = 0; i < BO_CNT__COUNT; i++)
		tl->counters[i] = bo_diag_get(ctx->diag, (enum bo_counter)i);
}

int
bo_timeline_build(struct bo_ctx *ctx, struct bo_case *c,
    struct bo_timeline **out)
{
	struct corr_target_spec *specs;
	struct corr *k;
	size_t nspecs;
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
	case_specs_free(specs, nspecs);
	k = corr_new(c);
	/*
	 * The window is not handed down as a time filter: route state needs
	 * the RIB snapshot before the window opens.  The correlator trims
	 * its output to the window instead.
	 */
	/* Run files of a sharded decode stand for decoding the inputs. */
	if (ctx->nruns > 0)
		rc = bo_runs_ingest(ctx, (const char *const *)c->inputs,
		    c->ninputs, corr_sink(k));
	else
		rc = bo_ingest(ctx, (const char *const *)c->inputs,
		    c->ninputs, corr_sink(k));
	if (rc != 0 && ctx->nruns > 0) {
		/* Refused runs: no timeline from a part of the events. */
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
	corr_free(k);
	fill_methods(ctx, *out);
	return rc;
}
