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
"       blackout report --target T... [options] INPUT...\n"
"\n"
"Correlates the evidence into an incident timeline and writes a report to\n"
"publish: HTML (one self-contained file with an SVG chart) or Markdown.\n"
"Times are in UTC; --tz adds local time.  The same case gives the same\n"
"bytes on any machine: inputs are named as the case file names them (or\n"
"by base name when given here), rules by file name and SHA-256.\n"
"INPUTs given on the command line are added to the case file's inputs.\n"
"\n"
"options:\n"
CLI_CASE_HELP
"  -f, --format FMT        html, md, or svg (the chart alone); by default\n"
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
	struct cli_case	 cs;
	const char	*output;
	enum report_fmt	 fmt;
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
	cli_phase_done(c);
	if (!to_stdout)
		fprintf(stderr, "%s: wrote %s to %s\n", c->prog,
		    fmt == FMT_MD ? "Markdown report" : fmt == FMT_SVG ?
		    "SVG chart" : "HTML report", path);
	return 0;
}

static int
parse_args(struct cli *c, struct report_args *a, struct cli_input_opts *io,
    struct bo_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		CLI_CASE_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "runs", no_argument, NULL, 0x206 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, r;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:j:c:f:o:p:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case 'o':
			a->output = optarg;
			continue;
		case 'f':
			if (parse_fmt(optarg, &a->fmt) != 0)
				return cli_usage_error(c, "--format: want html, "
				    "md or svg, not '%s'", optarg);
			continue;
		case 0x206:
			a->cs.runs = 1;
			continue;
		default:
			break;
		}
		if ((r = cli_case_opt(c, &a->cs, ch, optarg)) == 0)
			r = cli_input_opt(c, io, ctx, ch, optarg);
		if (r <= 0)
			return r < 0 ? BO_EXIT_USAGE :
			    cli_usage_error(c, "unknown option");
	}
	if (a->cs.path == NULL && a->cs.ntargets == 0)
		return cli_usage_error(c, "give --case FILE, or --target and "
		    "INPUTs");
	if (a->cs.runs && optind >= argc)
		return cli_usage_error(c, "--runs: no run file given");
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
	struct bo_timeline *tl = NULL;
	char *name = NULL, *path = NULL, *chart;
	int rc, fatal = 0;

	cli_init(&c, "blackout report");
	ctx = bo_ctx_new(c.diag);
	memset(&io, 0, sizeof(io));
	io.uses_rules = 1;
	memset(&a, 0, sizeof(a));
	if ((rc = parse_args(&c, &a, &io, ctx, argc, argv)) != 0) {
		rc = rc == 1 ? BO_EXIT_OK : BO_EXIT_USAGE;
		goto out;
	}
	if (a.cs.runs)
		cli_set_runs(ctx, argv + optind, (size_t)(argc - optind));
	rc = cli_case_timeline(&c, &a.cs, &io, ctx, argv + optind,
	    a.cs.runs ? 0 : (size_t)(argc - optind), &tl);
	if (rc < 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	if (tl == NULL || rc != 0) {
		fprintf(stderr, "%s: the timeline could not be built (see "
		    "above)\n", c.prog);
		cli_summary(&c);
		rc = BO_EXIT_FATAL;
		goto out;
	}
	memset(&ro, 0, sizeof(ro));
	cli_progress_phase(&c, "rendering");
	ro.tz = a.cs.tz;
	ro.width = 80;
	if (a.output != NULL) {
		if (a.fmt == FMT_NONE)
			a.fmt = fmt_from_path(a.output);
		fatal = write_report(&c, tl, &ro, a.fmt, a.output) != 0;
	} else if (a.cs.path != NULL) {
		name = case_name(a.cs.path);
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
	cli_phase_done(&c);
	cli_summary(&c);
	rc = cli_exit(&c, fatal);
out:
	free(name);
	bo_timeline_free(tl);
	cli_case_free(&a.cs);
	cli_input_free(&io);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
