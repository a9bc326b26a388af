#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <blackout/blackout.h>

#include "core/ctx.h"
#include "event/peers.h"
#include "rules/rules.h"
#include "util/util.h"

const char *
bo_version(void)
{
	return PACKAGE_VERSION;
}

void
bo_limits_default(struct bo_limits *l)
{
	l->max_depth = 4;
	l->max_member_bytes = 1ULL << 40;	/* 1 TiB */
	/* gzip tops out near 1032:1; real MRT compresses 5-15:1. */
	l->max_ratio = 500;
	l->ratio_floor = 32ULL << 20;
	l->max_line = 1u << 20;
	/* About 20 MB of events before a sorted run goes to disk: a larger
	 * store sorts out of cache and faults in more memory than the run's
	 * write and merge cost (bench/speed.md). */
	l->max_events = 1u << 16;
	/* what a timeline's scan keeps of compressed inputs' bytes in
	 * TMPDIR, not to decompress them twice */
	l->max_spool = 4ULL << 30;
}

struct bo_ctx *
bo_ctx_new(struct bo_diag *diag)
{
	struct bo_ctx *ctx = xcalloc(1, sizeof(*ctx));
	long n;

	if (diag == NULL) {
		diag = bo_diag_new(NULL, NULL);
		ctx->own_diag = 1;
	}
	ctx->diag = diag;
	bo_filter_init(&ctx->filter);
	bo_limits_default(&ctx->limits);
	ctx->rules = bo_rules_new(diag);
	ctx->default_time_us = INT64_MIN;
	ctx->projection = 1;
	for (size_t i = 0; i < BO_NELEM(ctx->spool_w); i++)
		ctx->spool_w[i].fd = -1;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	bo_ctx_set_threads(ctx, n > 0 ? (unsigned)n : 1);
	return ctx;
}

static void
inputs_clear(struct bo_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->ninputs; i++)
		free(ctx->inputs[i].path);
	free(ctx->inputs);
	ctx->inputs = NULL;
	ctx->ninputs = 0;
}

void
bo_ctx_files_reset(struct bo_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nfiles; i++) {
		free(ctx->files[i].rel);
		bo_diag_free(ctx->files[i].diag);
	}
	free(ctx->files);
	ctx->files = NULL;
	ctx->nfiles = 0;
	bo_diag_free(ctx->listing_diag);
	ctx->listing_diag = NULL;
}

void
bo_ctx_free(struct bo_ctx *ctx)
{
	if (ctx == NULL)
		return;
	inputs_clear(ctx);
	bo_ctx_files_reset(ctx);
	bo_ctx_spool_free(ctx);
	strv_free(ctx->runs, ctx->nruns);
	strv_free(ctx->rule_paths, ctx->nrule_paths);
	strv_free(ctx->coll_inputs, ctx->ncoll);
	strv_free(ctx->coll_names, ctx->ncoll);
	bo_peers_free(ctx->peers);
	bo_rules_free(ctx->rules);
	if (ctx->own_diag)
		bo_diag_free(ctx->diag);
	free(ctx);
}

void
bo_ctx_spool_free(struct bo_ctx *ctx)
{
	size_t i;

	for (i = 0; i < BO_NELEM(ctx->spool_w); i++) {
		if (ctx->spool_w[i].fd >= 0)
			close(ctx->spool_w[i].fd);
		ctx->spool_w[i].fd = -1;
		ctx->spool_w[i].end = 0;
	}
	for (i = 0; i < ctx->nspools; i++)
		free(ctx->spools[i].fspath);
	free(ctx->spools);
	ctx->spools = NULL;
	ctx->nspools = 0;
	ctx->spooled = 0;
}

void
bo_ctx_spool_count(const struct bo_ctx *ctx, uint64_t *files,
    uint64_t *bytes)
{
	*files = ctx->spool_read_files;
	*bytes = ctx->spool_read_bytes;
}

void
bo_ctx_set_projection(struct bo_ctx *ctx, int on)
{
	ctx->projection = on != 0;
}

void
bo_ctx_projection_count(const struct bo_ctx *ctx, uint64_t *in,
    uint64_t *kept)
{
	*in = ctx->stage_in;
	*kept = ctx->stage_kept;
}

struct bo_diag *
bo_ctx_diag(struct bo_ctx *ctx)
{
	return ctx->diag;
}

struct bo_filter *
bo_ctx_filter(struct bo_ctx *ctx)
{
	return &ctx->filter;
}

struct bo_limits *
bo_ctx_limits(struct bo_ctx *ctx)
{
	return &ctx->limits;
}

int
bo_ctx_load_rules(struct bo_ctx *ctx, const char *path)
{
	ctx->rule_paths = xreallocarray(ctx->rule_paths,
	    ctx->nrule_paths + 1, sizeof(*ctx->rule_paths));
	ctx->rule_paths[ctx->nrule_paths++] = xstrdup(path);
	return bo_rules_load(ctx->rules, path);
}

void
bo_ctx_set_collector(struct bo_ctx *ctx, const char *input,
    const char *collector)
{
	ctx->coll_inputs = xreallocarray(ctx->coll_inputs, ctx->ncoll + 1,
	    sizeof(*ctx->coll_inputs));
	ctx->coll_names = xreallocarray(ctx->coll_names, ctx->ncoll + 1,
	    sizeof(*ctx->coll_names));
	ctx->coll_inputs[ctx->ncoll] = xstrdup(input);
	ctx->coll_names[ctx->ncoll] = xstrdup(collector);
	ctx->ncoll++;
}

const char *
bo_ctx_collector(const struct bo_ctx *ctx, const char *input)
{
	size_t i;

	/* the last word wins, as options do */
	for (i = ctx->ncoll; i > 0; i--)
		if (strcmp(ctx->coll_inputs[i - 1], input) == 0)
			return ctx->coll_names[i - 1];
	return NULL;
}

size_t
bo_ctx_nrules(const struct bo_ctx *ctx)
{
	return ctx->rules != NULL ? bo_rules_count(ctx->rules) : 0;
}

void
bo_ctx_set_unmatched(struct bo_ctx *ctx, bo_unmatched_fn fn, void *arg)
{
	ctx->unmatched = fn;
	ctx->unmatched_arg = arg;
}

void
bo_ctx_add_run(struct bo_ctx *ctx, const char *path)
{
	ctx->runs = xreallocarray(ctx->runs, ctx->nruns + 2,
	    sizeof(*ctx->runs));
	ctx->runs[ctx->nruns++] = xstrdup(path);
	ctx->runs[ctx->nruns] = NULL;
}

void
bo_ctx_set_progress(struct bo_ctx *ctx, bo_run_progress_fn fn, void *arg)
{
	ctx->progress = fn;
	ctx->progress_arg = arg;
}

void
bo_ctx_set_live_diag(struct bo_ctx *ctx, bo_diag_fn fn, void *arg)
{
	ctx->live = fn;
	ctx->live_arg = arg;
}

void
bo_ctx_set_undated_time(struct bo_ctx *ctx, int64_t us)
{
	ctx->default_time_us = us;
}

void
bo_ctx_set_threads(struct bo_ctx *ctx, unsigned n)
{
	ctx->threads = n == 0 ? 1 : n > BO_MAX_THREADS ? BO_MAX_THREADS : n;
	/* a walk of one file at a time leaves the other cores free */
	ctx->limits.read_ahead = ctx->threads >= 2;
}

const char *
bo_default_rules_dir(void)
{
	const char *env = getenv("BLACKOUT_RULES");

	return env != NULL && env[0] != '\0' ? env : BO_RULES_DIR;
}

size_t
bo_ctx_ninputs(const struct bo_ctx *ctx)
{
	return ctx->ninputs;
}

const struct bo_input_info *
bo_ctx_input(const struct bo_ctx *ctx, size_t i)
{
	return i < ctx->ninputs ? &ctx->inputs[i] : NULL;
}

void
bo_ctx_inputs_reset(struct bo_ctx *ctx)
{
	inputs_clear(ctx);
}

size_t
bo_ctx_npeers(const struct bo_ctx *ctx)
{
	return bo_peers_n(ctx->peers);
}

const struct bo_peer_stat *
bo_ctx_peer(const struct bo_ctx *ctx, size_t i)
{
	return bo_peers_at(ctx->peers, i);
}
