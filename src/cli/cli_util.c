#include "config.h"

#include <getopt.h>
#include <pthread.h>
#include <limits.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <blackout/blackout.h>

#include "cli/cli.h"
#include "input/input.h"
#include "rules/rules.h"
#include "util/util.h"

static void	progress_clear_locked(void);
static pthread_mutex_t print_lock;

void
cli_diag_print(void *arg, enum bo_grade g, const char *msg)
{
	struct cli *c = arg;
	const char *label, *on = "", *off = "";

	if (c->quiet && g < (c->setup ? BO_FAIL : BO_FATAL))
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
	pthread_mutex_lock(&print_lock);
	progress_clear_locked();
	fprintf(stderr, "%s: %s%s%s: %s\n", c->prog, on, label, off, msg);
	pthread_mutex_unlock(&print_lock);
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
		bo_ctx_set_undated_time(ctx, t);
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
	case 0x110:
		if (parse_u64(arg, &v) != 0)
			return bad_value(c, "--max-spool", arg,
			    "want a byte count (0: none)");
		l->max_spool = v;
		return 1;
	case 'j':
		if (parse_u64(arg, &v) != 0 || v == 0 || v > 16)
			return bad_value(c, "--threads", arg, "want 1-16");
		bo_ctx_set_threads(ctx, (unsigned)v);
		return 1;
	case 0x10f: {
		const char *eq = strchr(arg, '=');

		if (o->ncoll == BO_NELEM(o->coll_paths) || eq == NULL ||
		    eq == arg || eq[1] == '\0')
			return bad_value(c, "--collector", arg, "want NAME=PATH "
			    "(rrc06=updates.20141222.1600.gz)");
		o->coll_names[o->ncoll] = xstrndup(arg, (size_t)(eq - arg));
		o->coll_paths[o->ncoll++] = eq + 1;
		return 1;
	}
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

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
cli_rules_dir(void)
{
	static char found[PATH_MAX + 32];
	const char *env = getenv("BLACKOUT_RULES");
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (env != NULL && env[0] != '\0')
		return env;
	/* Where the binary is says which rules belong to it: a build tree
	 * has them beside it (or in its source tree when built apart), an
	 * installation in PREFIX/share/blackout, whatever PREFIX was. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(found, sizeof(found), "%s/rules", exe);
		if (is_dir(found))
			return found;
		if (strcmp(exe, BO_BUILDDIR) == 0) {
			snprintf(found, sizeof(found), "%s/rules", BO_SRCDIR);
			if (is_dir(found))
				return found;
		}
		snprintf(found, sizeof(found), "%s/../share/%s/rules", exe,
		    PACKAGE);
		if (is_dir(found) && realpath(found, exe) != NULL) {
			snprintf(found, sizeof(found), "%s", exe);
			return found;
		}
	}
	return BO_RULES_DIR;
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
	for (i = 0; i < o->ncoll; i++)
		bo_ctx_set_collector(ctx, o->coll_paths[i], o->coll_names[i]);
	const char *dir = NULL;

	/* a rule that fails to load stops the run: say why even with -q */
	c->setup = 1;
	if (!o->no_default_rules && o->nrules == 0) {
		dir = cli_rules_dir();
		if (access(dir, R_OK) == 0 && bo_ctx_load_rules(ctx, dir) != 0)
			rc = -1;
	}
	for (i = 0; i < o->nrules; i++)
		if (bo_ctx_load_rules(ctx, o->rules[i]) != 0)
			rc = -1;
	c->setup = 0;
	if (rc != 0)
		fprintf(stderr, "%s: rules failed to load (see above)\n",
		    c->prog);
	else if (o->uses_rules && !c->quiet) {
		/* Without rules every text member is skipped: a person must
		 * be able to tell that from "nothing happened". */
		if (bo_ctx_nrules(ctx) == 0)
			fprintf(stderr, "%s: no rules loaded%s: only MRT is "
			    "read (see -R, $BLACKOUT_RULES)\n", c->prog,
			    o->no_default_rules ? " (--no-default-rules)" :
			    dir != NULL ? " (none found)" : "");
		else if (o->nrules == 0)
			fprintf(stderr, "%s: %zu rules loaded from %s\n",
			    c->prog, bo_ctx_nrules(ctx), dir);
		else
			fprintf(stderr, "%s: %zu rules loaded from -R\n",
			    c->prog, bo_ctx_nrules(ctx));
	}
	return rc;
}

void
cli_input_free(struct cli_input_opts *o)
{
	size_t i;

	for (i = 0; i < o->ncoll; i++)
		free((char *)o->coll_names[i]);
	o->ncoll = 0;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The one progress line of a run (stderr, a terminal only). */
struct progress {
	const struct cli	*c;
	double			 start;
	double			 last;
	double			 delay;		/* before the first line */
	int			 on;
	int			 shown;
	/* mrt commands walk their inputs one by one: what came before */
	uint64_t		 base_in;
	uint64_t		 base_out;
	uint64_t		 cur_in;
	uint64_t		 cur_out;
	uint64_t		 total;
};

static struct progress the_progress;
/* Warnings of decoding threads (-v) and the progress line share stderr. */
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

static void
progress_clear_locked(void)
{
	if (the_progress.shown)
		fputs("\r\033[K", stderr);
	the_progress.shown = 0;
}

static void
progress_line(void *arg, uint64_t in, uint64_t in_total, uint64_t out,
    uint64_t members)
{
	struct progress *p = arg;
	double t = now_s(), el, rate;
	char eta[64] = "";

	/* throttled, but the end of reading is always said */
	if (t - p->last < 0.25 && !(in_total > 0 && in >= in_total))
		return;
	el = t - p->start;
	if (el < p->delay)
		return;
	p->last = t;
	rate = (double)out / el / 1e6;
	if (in_total > 0 && in >= in_total)
		/* every byte read: the merge of sorted runs and the
		 * correlation still go on */
		snprintf(eta, sizeof(eta), ", all read; merging and "
		    "correlating");
	else if (in_total > 0 && in > 0) {
		double left = el * (double)(in_total - in) / (double)in;

		snprintf(eta, sizeof(eta), ", %d%%, ETA %d:%02d",
		    (int)(100.0 * (double)in / (double)in_total),
		    (int)(left / 60), (int)left % 60);
	}
	pthread_mutex_lock(&print_lock);
	fprintf(stderr, "\r\033[K%s: %" PRIu64 " members, %.1f MB, %.1f MB/s%s",
	    p->c->prog, members, (double)out / 1e6, rate, eta);
	p->shown = 1;
	pthread_mutex_unlock(&print_lock);
}

/* Only for a person watching: never in pipes, logs, CI or with -q. */
static int
progress_wanted(const struct cli *c)
{
	const char *ci = getenv("CI");

	return !c->quiet && isatty(STDERR_FILENO) &&
	    (ci == NULL || ci[0] == '\0');
}

static void
progress_begin(struct cli *c)
{
	const char *d = getenv("BLACKOUT_PROGRESS_DELAY");
	char *end;

	memset(&the_progress, 0, sizeof(the_progress));
	the_progress.c = c;
	the_progress.start = now_s();
	the_progress.last = 0;
	/* a run shorter than this shows no progress at all */
	the_progress.delay = 1.0;
	if (d != NULL && d[0] != '\0') {
		the_progress.delay = strtod(d, &end);
		if (*end != '\0' || !(the_progress.delay >= 0))
			the_progress.delay = 1.0;
	}
	the_progress.on = progress_wanted(c);
}

static void
live_print(void *arg, enum bo_grade g, const char *msg)
{
	static size_t shown;
	struct cli *c = arg;
	int over;

	pthread_mutex_lock(&print_lock);
	/* the same cap as the file-ordered copy (cli_init) */
	over = g >= BO_WARN && ++shown > 200;
	pthread_mutex_unlock(&print_lock);
	if (!over)
		cli_diag_print(c, g, msg);
}

void
cli_progress_start(struct cli *c, struct bo_ctx *ctx)
{
	progress_begin(c);
	if (the_progress.on)
		bo_ctx_set_progress(ctx, progress_line, &the_progress);
	/* -v: warnings of every thread as they happen; the summary and the
	 * file-ordered count stay as without it */
	if (c->verbose && !c->quiet)
		bo_ctx_set_live_diag(ctx, live_print, c);
}

void
cli_progress_end(struct cli *c, struct bo_ctx *ctx)
{
	(void)c;
	pthread_mutex_lock(&print_lock);
	progress_clear_locked();
	pthread_mutex_unlock(&print_lock);
	the_progress.on = 0;
	bo_ctx_set_progress(ctx, NULL, NULL);
	bo_ctx_set_live_diag(ctx, NULL, NULL);
}

void
cli_progress_phase(struct cli *c, const char *what)
{
	if (!progress_wanted(c))
		return;
	pthread_mutex_lock(&print_lock);
	fprintf(stderr, "\r\033[K%s: %s", c->prog, what);
	the_progress.shown = 1;
	pthread_mutex_unlock(&print_lock);
}

void
cli_phase_done(const struct cli *c)
{
	(void)c;
	pthread_mutex_lock(&print_lock);
	progress_clear_locked();
	pthread_mutex_unlock(&print_lock);
}

static void
walk_progress(void *arg, uint64_t in, uint64_t out)
{
	struct progress *p = arg;

	p->cur_in = in;
	p->cur_out = out;
	progress_line(p, p->base_in + in, p->total, p->base_out + out,
	    bo_diag_get(p->c->diag, BO_CNT_MEMBERS_READ) +
	    bo_diag_get(p->c->diag, BO_CNT_MEMBERS_SKIPPED) +
	    bo_diag_get(p->c->diag, BO_CNT_MEMBERS_FAILED));
}

void
cli_walk_start(struct cli *c, char *const *inputs, size_t n)
{
	struct stat st;
	size_t i;

	progress_begin(c);
	for (i = 0; i < n; i++) {
		if (stat(inputs[i], &st) != 0 || !S_ISREG(st.st_mode)) {
			the_progress.total = 0;	/* a directory: no ETA */
			break;
		}
		the_progress.total += (uint64_t)st.st_size;
	}
}

int
cli_walk(struct cli *c, const char *input, const struct bo_limits *l,
    bo_walk_fn fn, void *arg)
{
	int rc;

	the_progress.cur_in = the_progress.cur_out = 0;
	rc = bo_walk_progress(input, l, c->diag, fn, arg,
	    the_progress.on ? walk_progress : NULL, &the_progress);
	the_progress.base_in += the_progress.cur_in;
	the_progress.base_out += the_progress.cur_out;
	return rc;
}

void
cli_walk_end(struct cli *c)
{
	cli_phase_done(c);
	the_progress.on = 0;
}

void
cli_set_runs(struct bo_ctx *ctx, char **runs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		bo_ctx_add_run(ctx, runs[i]);
}
