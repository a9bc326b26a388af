#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <blackout/blackout.h>

#include "cli/cli.h"
#include "core/ctx.h"
#include "rules/rules.h"
#include "util/util.h"

static void
cli_diag_print(void *arg, enum bo_grade g, const char *msg)
{
	struct cli *c = arg;
	const char *label, *on = "", *off = "";

	if (c->quiet && g < BO_FATAL)
		return;
	if (g == BO_INFO && !c->verbose)
		return;
	switch (g) {
	case BO_INFO:
		label = "note";
		break;
	case BO_WARN:
		label = "warning";
		on = "\033[33m";
		break;
	default:
		label = "error";
		on = "\033[31m";
		break;
	}
	if (c->color && on[0] != '\0')
		off = "\033[0m";
	else
		on = "";
	fprintf(stderr, "%s: %s%s%s: %s\n", c->prog, on, label, off, msg);
}

void
cli_init(struct cli *c, const char *prog)
{
	const char *nc = getenv("NO_COLOR");

	memset(c, 0, sizeof(*c));
	c->prog = prog;
	c->color = isatty(STDERR_FILENO) && (nc == NULL || nc[0] == '\0');
	c->diag = bo_diag_new(cli_diag_print, c);
	/* A damaged archive can produce millions of warnings; past this
	 * they are counted in the summary, not printed. */
	bo_diag_set_limit(c->diag, 200);
}

void
cli_done(struct cli *c)
{
	bo_diag_free(c->diag);
	c->diag = NULL;
}

int
cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see '%s --help')\n", c->prog);
	return BO_EXIT_USAGE;
}

void
cli_summary(const struct cli *c)
{
	const struct bo_diag *d = c->diag;
	enum bo_counter cnt;
	const char *reason;
	size_t i;
	uint64_t n;

	if (c->quiet)
		return;
	fprintf(stderr, "%s: summary: %" PRIu64 " input(s); members: %" PRIu64
	    " read, %" PRIu64 " skipped, %" PRIu64 " failed; %" PRIu64
	    " records (%" PRIu64 " malformed, skipped); %" PRIu64
	    " unmatched lines; %" PRIu64 " events; %" PRIu64 " warnings, %"
	    PRIu64 " errors\n", c->prog,
	    bo_diag_get(d, BO_CNT_INPUTS), bo_diag_get(d, BO_CNT_MEMBERS_READ),
	    bo_diag_get(d, BO_CNT_MEMBERS_SKIPPED),
	    bo_diag_get(d, BO_CNT_MEMBERS_FAILED),
	    bo_diag_get(d, BO_CNT_RECORDS),
	    bo_diag_get(d, BO_CNT_RECORDS_SKIPPED),
	    bo_diag_get(d, BO_CNT_LINES_UNMATCHED),
	    bo_diag_get(d, BO_CNT_EVENTS), bo_diag_get(d, BO_CNT_WARNINGS),
	    bo_diag_get(d, BO_CNT_ERRORS));
	for (i = 0; i < bo_diag_nreasons(d); i++) {
		n = bo_diag_reason_at(d, i, &cnt, &reason);
		fprintf(stderr, "%s: summary:   %s: %" PRIu64 " x %s\n", c->prog,
		    cnt == BO_CNT_MEMBERS_SKIPPED ? "skipped" :
		    cnt == BO_CNT_MEMBERS_FAILED ? "failed" :
		    bo_counter_name(cnt), n, reason);
	}
	if (bo_diag_suppressed(d) > 0)
		fprintf(stderr, "%s: summary: %zu further messages not shown\n",
		    c->prog, bo_diag_suppressed(d));
}

int
cli_exit(const struct cli *c, int fatal)
{
	enum bo_grade worst = bo_diag_worst(c->diag);

	if (fatal || worst >= BO_FATAL)
		return BO_EXIT_FATAL;
	/* --strict: a run that lost or doubted anything is a failure. */
	if (c->strict && worst >= BO_WARN)
		return BO_EXIT_FATAL;
	if (worst >= BO_WARN)
		return BO_EXIT_WARN;
	return BO_EXIT_OK;
}

static int
bad_value(struct cli *c, const char *opt, const char *arg, const char *want)
{
	fprintf(stderr, "%s: %s: bad value '%s': %s\n", c->prog, opt, arg,
	    want);
	return -1;
}

int
cli_input_opt(struct cli *c, struct cli_input_opts *o, struct bo_ctx *ctx,
    int opt, const char *arg)
{
	struct bo_filter *f = bo_ctx_filter(ctx);
	struct bo_limits *l = bo_ctx_limits(ctx);
	uint64_t v;
	int64_t t;

	switch (opt) {
	case 'R':
		if (o->nrules == BO_NELEM(o->rules))
			return bad_value(c, "--rules", arg, "too many");
		o->rules[o->nrules++] = arg;
		return 1;
	case 0x100:
		o->no_default_rules = 1;
		return 1;
	case 0x101:
	case 0x102:
		if (parse_time_arg(arg, &t) != 0)
			return bad_value(c, opt == 0x101 ? "--from" : "--to",
			    arg, "want RFC 3339 (2014-12-22T16:15:00Z) or "
			    "@epoch");
		if (opt == 0x101)
			f->from_us = t;
		else
			f->to_us = t;
		return 1;
	case 0x103:
		if (o->nprefixes == BO_NELEM(o->prefixes) ||
		    bo_prefix_parse(arg, &o->prefixes[o->nprefixes]) != 0)
			return bad_value(c, "--prefix", arg, "want a prefix "
			    "such as 175.45.176.0/22");
		o->nprefixes++;
		return 1;
	case 0x104:
		if (o->norigin_as == BO_NELEM(o->origin_as) ||
		    parse_asn(arg, &o->origin_as[o->norigin_as]) != 0)
			return bad_value(c, "--origin-as", arg, "want an AS "
			    "number");
		o->norigin_as++;
		return 1;
	case 0x105:
		if (o->npath_as == BO_NELEM(o->path_as) ||
		    parse_asn(arg, &o->path_as[o->npath_as]) != 0)
			return bad_value(c, "--path-as", arg, "want an AS "
			    "number");
		o->npath_as++;
		return 1;
	case 0x106:
		if (o->npeers == BO_NELEM(o->peers))
			return bad_value(c, "--peer", arg, "too many");
		o->peers[o->npeers++] = arg;
		return 1;
	case 0x107:
		if (strcmp(arg, "exact") == 0)
			f->prefix_match = BO_MATCH_EXACT;
		else if (strcmp(arg, "more") == 0)
			f->prefix_match = BO_MATCH_MORE;
		else if (strcmp(arg, "less") == 0)
			f->prefix_match = BO_MATCH_LESS;
		else if (strcmp(arg, "any") == 0)
			f->prefix_match = BO_MATCH_ANY;
		else
			return bad_value(c, "--match", arg,
			    "want exact, more, less or any");
		return 1;
	case 0x108:
		if (parse_u64(arg, &v) != 0 || v > 64)
			return bad_value(c, "--max-depth", arg, "want 0-64");
		l->max_depth = (unsigned)v;
		return 1;
	case 0x109:
		if (parse_u64(arg, &v) != 0 || v == 0)
			return bad_value(c, "--max-member-size", arg,
			    "want a byte count");
		l->max_member_bytes = v;
		return 1;
	case 0x10a:
		if (parse_u64(arg, &v) != 0 || v == 0 || v > 1000000)
			return bad_value(c, "--max-ratio", arg, "want 1-1000000");
		l->max_ratio = (unsigned)v;
		return 1;
	case 0x10b:
		c->strict = 1;
		return 1;
	case 0x10d:
		if (parse_time_arg(arg, &t) != 0)
			return bad_value(c, "--undated-time", arg,
			    "want RFC 3339 or @epoch");
		ctx->default_time_us = t;
		return 1;
	case 0x10e: {
		unsigned y1, y2;
		char tail;

		if (sscanf(arg, "%u-%u%c", &y1, &y2, &tail) != 2 || y1 < 1 ||
		    y1 > y2 || y2 > 9999)
			return bad_value(c, "--valid-years", arg,
			    "want YEAR-YEAR, such as 1990-2030");
		bo_rules_valid_time(days_from_civil(y1, 1, 1) * 86400 *
		    INT64_C(1000000), days_from_civil((int64_t)y2 + 1, 1, 1) *
		    86400 * INT64_C(1000000));
		return 1;
	}
	case 0x10c:
		if (parse_u64(arg, &v) != 0 || v == 0)
			return bad_value(c, "--max-memory-events", arg,
			    "want a positive count");
		l->max_events = (size_t)v;
		return 1;
	case 'j':
		if (parse_u64(arg, &v) != 0 || v == 0 || v > 16)
			return bad_value(c, "--threads", arg, "want 1-16");
		bo_ctx_set_threads(ctx, (unsigned)v);
		return 1;
	case 'q':
		c->quiet = 1;
		return 1;
	case 'v':
		c->verbose++;
		return 1;
	default:
		return 0;
	}
}

int
cli_input_apply(struct cli *c, struct cli_input_opts *o, struct bo_ctx *ctx)
{
	struct bo_filter *f = bo_ctx_filter(ctx);
	size_t i;
	int rc = 0;

	f->prefixes = o->prefixes;
	f->nprefixes = o->nprefixes;
	f->origin_as = o->origin_as;
	f->norigin_as = o->norigin_as;
	f->path_as = o->path_as;
	f->npath_as = o->npath_as;
	f->peers = o->peers;
	f->npeers = o->npeers;
	if (!o->no_default_rules && o->nrules == 0) {
		const char *dir = bo_default_rules_dir();

		if (access(dir, R_OK) == 0 && bo_ctx_load_rules(ctx, dir) != 0)
			rc = -1;
	}
	for (i = 0; i < o->nrules; i++)
		if (bo_ctx_load_rules(ctx, o->rules[i]) != 0)
			rc = -1;
	if (rc != 0)
		fprintf(stderr, "%s: rules failed to load (see above)\n",
		    c->prog);
	return rc;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress {
	const struct cli	*c;
	double			 start;
	double			 last;
	int			 shown;
};

static void
progress_line(void *arg, uint64_t in, uint64_t in_total, uint64_t out,
    uint64_t members)
{
	struct progress *p = arg;
	double t = now_s(), el, rate;
	char eta[32] = "";

	if (t - p->last < 0.25)
		return;
	p->last = t;
	el = t - p->start;
	if (el < 1.0)
		return;
	rate = (double)out / el / 1e6;
	if (in_total > 0 && in > 0 && in <= in_total) {
		double left = el * (double)(in_total - in) / (double)in;

		snprintf(eta, sizeof(eta), ", %d%%, ETA %d:%02d",
		    (int)(100.0 * (double)in / (double)in_total),
		    (int)(left / 60), (int)left % 60);
	}
	fprintf(stderr, "\r\033[K%s: %" PRIu64 " members, %.1f MB, %.1f MB/s%s",
	    p->c->prog, members, (double)out / 1e6, rate, eta);
	p->shown = 1;
}

static struct progress the_progress;

void
cli_progress_start(struct cli *c, struct bo_ctx *ctx)
{
	const char *ci = getenv("CI");

	/* Only for a person watching: never in pipes, logs or CI. */
	if (c->quiet || !isatty(STDERR_FILENO) || (ci != NULL && ci[0] != '\0'))
		return;
	the_progress.c = c;
	the_progress.start = the_progress.last = now_s();
	the_progress.shown = 0;
	ctx->progress = progress_line;
	ctx->progress_arg = &the_progress;
}

void
cli_progress_end(struct cli *c, struct bo_ctx *ctx)
{
	(void)c;
	if (ctx->progress != NULL && the_progress.shown)
		fprintf(stderr, "\r\033[K");
	ctx->progress = NULL;
}

void
cli_set_runs(struct bo_ctx *ctx, char **runs, size_t n)
{
	size_t i;

	ctx->runs = xreallocarray(ctx->runs, ctx->nruns + n + 1,
	    sizeof(*ctx->runs));
	for (i = 0; i < n; i++)
		ctx->runs[ctx->nruns++] = xstrdup(runs[i]);
}
