/* blackout timeline: correlate the inputs of a case and print the result. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <blackout/blackout.h>
#include <blackout/correlate.h>

#include "cli/cli.h"
#include "render/render.h"
#include "util/outfile.h"
#include "util/util.h"

static const char usage_text[] =
"usage: blackout timeline [--case FILE] [--target T]... [--from TIME]\n"
"           [--to TIME] [--format text|json|ndjson] [--brief] [-o FILE]\n"
"           [--tz ZONE] [--param NAME=VALUE]... [INPUT...]\n"
"\n"
"Reconstructs what went dark and when from BGP (MRT), probe and router\n"
"logs, and places every claim and news report against the measured\n"
"incidents (claims are never confirmed).  See doc/correlation.md.\n"
"INPUTs given on the command line are added to the case file's inputs.\n"
"\n"
"options:\n"
CLI_CASE_HELP
"  -f, --format FMT        text (default), json or ndjson\n"
"      --brief             text: one screen per incident (its strongest\n"
"                          signals, claim counts), no lists of the rest\n"
"  -o, --output FILE       write to FILE instead of standard output\n"
"      --color WHEN        auto (default), always or never\n"
"      --runs              the arguments are run files of 'blackout map'\n"
"                          (all N shards), read instead of the inputs\n"
CLI_INPUT_HELP_NOTIME
"  -h, --help              this text\n"
"\n"
"exit status: 0 clean, 1 completed with warnings, 2 usage or fatal error\n";

enum fmt { FMT_TEXT, FMT_JSON, FMT_NDJSON };

int
cmd_timeline(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		CLI_CASE_LONGOPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "color", required_argument, NULL, 0x201 },
		{ "brief", no_argument, NULL, 0x202 },
		{ "runs", no_argument, NULL, 0x203 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct cli_input_opts io;
	struct cli_case a;
	struct bo_ctx *ctx;
	struct bo_timeline *tl = NULL;
	struct bo_render_opts ro;
	const char *output = NULL;
	int color = -1;
	enum fmt fmt = FMT_TEXT;
	FILE *out = NULL;
	int ch, rc, r;

	cli_init(&c, "blackout timeline");
	ctx = bo_ctx_new(c.diag);
	memset(&io, 0, sizeof(io));
	io.uses_rules = 1;
	memset(&a, 0, sizeof(a));
	memset(&ro, 0, sizeof(ro));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:j:c:f:o:p:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(optarg, "ndjson") == 0)
				fmt = FMT_NDJSON;
			else {
				rc = cli_usage_error(&c, "--format: '%s' is not "
				    "text, json or ndjson", optarg);
				goto out;
			}
			continue;
		case 'o':
			output = optarg;
			continue;
		case 0x202:
			ro.brief = 1;
			continue;
		case 0x203:
			a.runs = 1;
			continue;
		case 0x201:
			if (strcmp(optarg, "always") == 0)
				color = 1;
			else if (strcmp(optarg, "never") == 0)
				color = 0;
			else if (strcmp(optarg, "auto") == 0)
				color = -1;
			else {
				rc = cli_usage_error(&c, "--color: auto, always "
				    "or never");
				goto out;
			}
			continue;
		default:
			break;
		}
		if ((r = cli_case_opt(&c, &a, ch, optarg)) == 0)
			r = cli_input_opt(&c, &io, ctx, ch, optarg);
		if (r <= 0) {
			rc = r < 0 ? BO_EXIT_USAGE :
			    cli_usage_error(&c, "unknown option");
			goto out;
		}
	}
	if (ro.brief && fmt != FMT_TEXT) {
		rc = cli_usage_error(&c, "--brief is for the text format");
		goto out;
	}
	out = stdout;
	if (output != NULL && (out = bo_outfile_fopen(output)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", c.prog, output,
		    strerror(errno));
		rc = BO_EXIT_FATAL;
		goto out;
	}
	/* A run that cannot read its inputs is fatal: the temporary
	 * output is discarded, no file is left that could pass for a
	 * timeline. */
	if (a.runs) {
		if (optind >= argc) {
			rc = cli_usage_error(&c, "--runs: no run file given");
			goto out;
		}
		cli_set_runs(ctx, argv + optind, (size_t)(argc - optind));
	}
	r = cli_case_timeline(&c, &a, &io, ctx, argv + optind,
	    a.runs ? 0 : (size_t)(argc - optind), &tl);
	if (r < 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	if (tl == NULL) {
		cli_summary(&c);
		rc = cli_exit(&c, 1);
		goto out;
	}
	ro.tz = a.tz;
	ro.width = 80;
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");

		color = isatty(fileno(out)) && (nc == NULL || nc[0] == '\0');
	}
	ro.color = color;
	cli_progress_phase(&c, "rendering");
	errno = 0;
	switch (fmt) {
	case FMT_JSON:
		rc = bo_render_json(out, tl, &ro);
		break;
	case FMT_NDJSON:
		rc = bo_render_ndjson(out, tl, &ro);
		break;
	default:
		rc = bo_render_text(out, tl, &ro);
		break;
	}
	if (fflush(out) != 0)
		rc = -1;
	cli_phase_done(&c);
	if (rc != 0)
		fprintf(stderr, "%s: writing %s: %s\n", c.prog,
		    output ? output : "output", strerror(errno ? errno : EIO));
	cli_summary(&c);
	rc = cli_exit(&c, r != 0 || rc != 0);
out:
	/* the old file is replaced only by a complete one */
	if (out != NULL && out != stdout)
		(void)bo_outfile_fclose(out, rc != BO_EXIT_FATAL);
	bo_timeline_free(tl);
	cli_case_free(&a);
	cli_input_free(&io);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
