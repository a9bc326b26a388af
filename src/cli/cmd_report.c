#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>
#include <blackout/correlate.h>

#include "cli/cli.h"
#include "render/render.h"
#include "render/render_fmt.h"
#include "util/outfile.h"
#include "util/util.h"

static const char usage_text[] =
"usage: blackout report --case FILE [options] [INPUT...]\n"
"       blackout report --target T... --from TIME --to TIME [options] INPUT...\n"
"\n"
"Correlates the evidence into an incident timeline and writes a report to\n"
"publish: HTML (one self-contained file with an SVG chart) or Markdown.\n"
"Times are in UTC; --tz adds local time.  The same inputs give the same\n"
"bytes.\n"
"\n"
"options:\n"
"      --case FILE         read targets, window, inputs and thresholds from\n"
"                          a case file; INPUTs given here are added\n"
"      --from TIME, --to TIME  the window (RFC 3339 or @epoch); with\n"
"                          --case, replaces the case's\n"
"      --target T          an AS (AS131279), a prefix or a group; repeatable\n"
"      --title TEXT        the report's headline\n"
"      --param NAME=VALUE  set a threshold (visibility_threshold=0.5...)\n"
"      --format FMT        html, md, or svg (the chart alone); by default\n"
"                          taken from -o's suffix, else html (with --case\n"
"                          and no -o: all three)\n"
"      --runs              the arguments are run files of 'blackout map'\n"
"                          (all N shards), read instead of the inputs\n"
"  -o, --output FILE       write to FILE ('-': standard output).  Without\n"
"                          -o, a case's report goes to NAME-report.html,\n"
"                          NAME-report.md and the chart it shows,\n"
"                          NAME-report.svg, in the current directory (NAME\n"
"                          from the case file; the paths are said on\n"
"                          stderr); with no case, to standard output\n"
"      --tz ZONE           also show local time in an IANA zone\n"
"                          (Asia/Pyongyang)\n"
CLI_INPUT_HELP_NOTIME
"  -h, --help              this text\n"
"\n"
"exit status: 0 clean, 1 completed with warnings, 2 usage or fatal error\n";

enum report_fmt {
	FMT_NONE = 0,
	FMT_HTML,
	FMT_MD,
	FMT_SVG
};

struct report_args {
	const char	*case_path;
	const char	*targets[64];
	size_t		 ntargets;
	const char	*params[64];
	size_t		 nparams;
	const char	*title;
	const char	*output;
	const char	*tz;
	enum report_fmt	 fmt;
	int		 runs;		/* INPUTs are run files */
};

static int
parse_fmt(const char *s, enum report_fmt *out)
{
	if (strcmp(s, "html") == 0)
		*out = FMT_HTML;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*out = FMT_MD;
	else if (strcmp(s, "svg") == 0)
		*out = FMT_SVG;
	else
		return -1;
	return 0;
}

static enum report_fmt
fmt_from_path(const char *path)
{
	size_t n = strlen(path);

	if ((n > 3 && strcmp(path + n - 3, ".md") == 0) ||
	    (n > 9 && strcmp(path + n - 9, ".markdown") == 0))
		return FMT_MD;
	if (n > 4 && strcmp(path + n - 4, ".svg") == 0)
		return FMT_SVG;
	return FMT_HTML;
}

/*
 * "samples/nk-2014/case.yaml" -> "nk-2014": a case file named after what it
 * holds gives its own name, one called just "case" its directory's.
 */
static char *
case_name(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	char *dir, *slash, *name;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	name = dot != NULL && dot != base ? xstrndup(base, (size_t)(dot - base))
	    : xstrdup(base);
	if (strcmp(name, "case") != 0 || base == path)
		return name;
	dir = xstrndup(path, (size_t)(base - path - 1));
	slash = strrchr(dir, '/');
	if (dir[0] != '\0' && strcmp(slash != NULL ? slash + 1 : dir, ".") != 0 &&
	    strcmp(slash != NULL ? slash + 1 : dir, "..") != 0) {
		free(name);
		name = xstrdup(slash != NULL ? slash + 1 : dir);
	}
	free(dir);
	return name;
}

static int
write_report(const struct cli *c, const struct bo_timeline *tl,
    const struct bo_render_opts *o, enum report_fmt fmt, const char *path)
{
	FILE *f = stdout;
	int rc, err = 0;
	bool to_stdout = path == NULL || strcmp(path, "-") == 0;

	if (!to_stdout && (f = bo_outfile_fopen(path)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", c->prog, path, strerror(errno));
		return -1;
	}
	rc = fmt == FMT_MD ? bo_render_markdown(f, tl, o) :
	    fmt == FMT_SVG ? bo_render_svg(f, tl, o) :
	    bo_render_html(f, tl, o);
	if (rc != 0)
		err = errno;
	if (fflush(f) != 0 && err == 0)
		err = errno;
	/* the old file is replaced only by a complete one */
	if (!to_stdout && bo_outfile_fclose(f, rc == 0 && err == 0) != 0 &&
	    err == 0)
		err = errno;
	if (rc != 0 || err != 0) {
		fprintf(stderr, "%s: writing %s: %s\n", c->prog,
		    to_stdout ? "standard output" : path,
		    strerror(err != 0 ? err : EIO));
		return -1;
	}
	/* Said even with --quiet: the user has to find the file. */
	if (!to_stdout)
		fprintf(stderr, "%s: wrote %s to %s\n", c->prog,
		    fmt == FMT_MD ? "Markdown report" : fmt == FMT_SVG ?
		    "SVG chart" : "HTML report", path);
	return 0;
}

static int
build_case(struct cli *c, struct report_args *a, struct bo_ctx *ctx,
    struct bo_case *cs, char **inputs, size_t ninputs)
{
	struct bo_filter *f = bo_ctx_filter(ctx);
	size_t i;
	char *eq, *name;
	int bad;

	if (a->case_path != NULL &&
	    bo_case_load(cs, a->case_path, c->diag) != 0) {
		fprintf(stderr, "%s: %s: cannot load the case (see above)\n",
		    c->prog, a->case_path);
		return -1;
	}
	for (i = 0; i < a->ntargets; i++)
		if (bo_case_add_target(cs, a->targets[i]) != 0) {
			cli_usage_error(c, "--target: bad target '%s'",
			    a->targets[i]);
			return -1;
		}
	/* The case API sets both ends at once: half a window would open
	 * the other end of the case's own. */
	if ((f->from_us != INT64_MIN) != (f->to_us != INT64_MAX)) {
		cli_usage_error(c, "give --from and --to together");
		return -1;
	}
	if (f->from_us != INT64_MIN)
		bo_case_set_window(cs, f->from_us, f->to_us);
	/* --from/--to are the case's window, not a decoding filter: route
	 * state starts from the RIB snapshot before the window opens, and
	 * bo_timeline_build trims its output to the window itself. */
	f->from_us = INT64_MIN;
	f->to_us = INT64_MAX;
	if (a->title != NULL)
		bo_case_set_title(cs, a->title);
	if (a->tz != NULL)
		bo_case_set_tz(cs, a->tz);
	for (i = 0; i < a->nparams; i++) {
		if ((eq = strchr(a->params[i], '=')) == NULL) {
			cli_usage_error(c, "--param: want NAME=VALUE, not '%s'",
			    a->params[i]);
			return -1;
		}
		name = xstrndup(a->params[i], (size_t)(eq - a->params[i]));
		bad = bo_case_set_param(cs, name, eq + 1) != 0;
		free(name);
		if (bad) {
			cli_usage_error(c, "--param: unknown name or bad value "
			    "in '%s'", a->params[i]);
			return -1;
		}
	}
	for (i = 0; i < ninputs; i++)
		bo_case_add_input(cs, inputs[i]);
	return 0;
}

static int
parse_args(struct cli *c, struct report_args *a, struct cli_input_opts *io,
    struct bo_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		{ "case", required_argument, NULL, 0x200 },
		{ "target", required_argument, NULL, 0x201 },
		{ "title", required_argument, NULL, 0x202 },
		{ "param", required_argument, NULL, 0x203 },
		{ "format", required_argument, NULL, 0x204 },
		{ "tz", required_argument, NULL, 0x205 },
		{ "output", required_argument, NULL, 'o' },
		{ "runs", no_argument, NULL, 0x206 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, r;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:o:qvh", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case 'o':
			a->output = optarg;
			continue;
		case 0x200:
			a->case_path = optarg;
			continue;
		case 0x201:
		case 0x203:
			if ((ch == 0x201 ? a->ntargets : a->nparams) == 64)
				return cli_usage_error(c, "too many %s",
				    ch == 0x201 ? "targets" : "params");
			if (ch == 0x201)
				a->targets[a->ntargets++] = optarg;
			else
				a->params[a->nparams++] = optarg;
			continue;
		case 0x202:
			a->title = optarg;
			continue;
		case 0x204:
			if (parse_fmt(optarg, &a->fmt) != 0)
				return cli_usage_error(c, "--format: want html, "
				    "md or svg, not '%s'", optarg);
			continue;
		case 0x205:
			if (!rtz_known(optarg))
				return cli_usage_error(c, "--tz: unknown time "
				    "zone '%s' (want an IANA name such as "
				    "Asia/Pyongyang)", optarg);
			a->tz = optarg;
			continue;
		case 0x206:
			a->runs = 1;
			continue;
		default:
			break;
		}
		r = cli_input_opt(c, io, ctx, ch, optarg);
		if (r <= 0)
			return r < 0 ? BO_EXIT_USAGE :
			    cli_usage_error(c, "unknown option");
	}
	if (a->case_path == NULL && a->ntargets == 0)
		return cli_usage_error(c, "give --case FILE, or --target and "
		    "INPUTs");
	if ((a->case_path == NULL || a->runs) && optind >= argc)
		return cli_usage_error(c, a->runs ? "--runs: no run file "
		    "given" : "no INPUT given");
	return 0;
}

int
cmd_report(int argc, char **argv)
{
	struct cli c;
	struct cli_input_opts io;
	struct report_args a;
	struct bo_render_opts ro;
	struct bo_ctx *ctx;
	struct bo_case *cs = NULL;
	struct bo_timeline *tl = NULL;
	char *name = NULL, *path = NULL, *chart;
	int rc, fatal = 0;

	cli_init(&c, "blackout report");
	ctx = bo_ctx_new(c.diag);
	memset(&io, 0, sizeof(io));
	memset(&a, 0, sizeof(a));
	if ((rc = parse_args(&c, &a, &io, ctx, argc, argv)) != 0) {
		rc = rc == 1 ? BO_EXIT_OK : BO_EXIT_USAGE;
		goto out;
	}
	if (cli_input_apply(&c, &io, ctx) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	cs = bo_case_new();
	if (a.runs)
		cli_set_runs(ctx, argv + optind, (size_t)(argc - optind));
	if (build_case(&c, &a, ctx, cs, argv + optind, a.runs ? 0 :
	    (size_t)(argc - optind)) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	if (bo_timeline_build(ctx, cs, &tl) != 0 || tl == NULL) {
		fprintf(stderr, "%s: the timeline could not be built (see "
		    "above)\n", c.prog);
		cli_summary(&c);
		rc = BO_EXIT_FATAL;
		goto out;
	}
	if (tl->version == NULL)
		tl->version = xstrdup(bo_version());
	memset(&ro, 0, sizeof(ro));
	ro.tz = a.tz;
	ro.width = 80;
	if (a.output != NULL) {
		if (a.fmt == FMT_NONE)
			a.fmt = fmt_from_path(a.output);
		fatal = write_report(&c, tl, &ro, a.fmt, a.output) != 0;
	} else if (a.case_path != NULL) {
		name = case_name(a.case_path);
		if (a.fmt == FMT_NONE || a.fmt == FMT_HTML) {
			path = xasprintf("%s-report.html", name);
			fatal |= write_report(&c, tl, &ro, FMT_HTML, path) != 0;
			free(path);
		}
		if (a.fmt == FMT_NONE || a.fmt == FMT_SVG) {
			path = xasprintf("%s-report.svg", name);
			fatal |= write_report(&c, tl, &ro, FMT_SVG, path) != 0;
			free(path);
		}
		if (a.fmt == FMT_NONE || a.fmt == FMT_MD) {
			/* The Markdown shows the chart written beside it. */
			path = xasprintf("%s-report.md", name);
			chart = xasprintf("%s-report.svg", name);
			ro.chart_file = a.fmt == FMT_NONE ? chart : NULL;
			fatal |= write_report(&c, tl, &ro, FMT_MD, path) != 0;
			ro.chart_file = NULL;
			free(chart);
			free(path);
		}
	} else {
		fatal = write_report(&c, tl, &ro, a.fmt == FMT_NONE ? FMT_HTML :
		    a.fmt, NULL) != 0;
	}
	cli_summary(&c);
	rc = cli_exit(&c, fatal);
out:
	free(name);
	bo_timeline_free(tl);
	bo_case_free(cs);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
