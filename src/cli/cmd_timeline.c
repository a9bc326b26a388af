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
#include "correlate/corr.h"
#include "render/render.h"
#include "util/outfile.h"
#include "util/util.h"

static const char usage_text[] =
"usage: blackout timeline [--case FILE] [--target T]... [--from TIME]\n"
"           [--to TIME] [--format text|json|ndjson] [-o FILE] [--tz ZONE]\n"
"           [--param NAME=VALUE]... [INPUT...]\n"
"\n"
"INPUTs given on the command line replace the case file's inputs.\n"
"\n"
"Reconstructs what went dark and when from BGP (MRT), probe and router\n"
"logs, and places every claim and news report against the measured\n"
"incidents (claims are never confirmed).  See doc/correlation.md.\n"
"\n"
"options:\n"
"  -c, --case FILE         a case file (YAML): title, targets, window,\n"
"                          inputs (relative to it), thresholds, timezone\n"
"  -t, --target T          an ASN (AS131279), a prefix (175.45.176.0/22,\n"
"                          covers its more-specifics) or a case group;\n"
"                          repeatable; added to the case's targets\n"
"      --from TIME         start of the window (RFC 3339 or @epoch)\n"
"      --to TIME           end of the window (exclusive)\n"
"  -f, --format FMT        text (default), json or ndjson\n"
"  -o, --output FILE       write to FILE instead of standard output\n"
"      --tz ZONE           also show local times in ZONE (IANA name)\n"
"  -p, --param NAME=VALUE  set a threshold (see the THRESHOLDS section)\n"
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
		{ "case", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "tz", required_argument, NULL, 0x200 },
		{ "param", required_argument, NULL, 'p' },
		{ "color", required_argument, NULL, 0x201 },
		{ "runs", no_argument, NULL, 0x202 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *targets[64], *params[64];
	size_t ntargets = 0, nparams = 0, i;
	struct cli c;
	struct cli_input_opts io;
	struct bo_ctx *ctx;
	struct bo_case *cs;
	struct bo_timeline *tl = NULL;
	struct bo_render_opts ro;
	const char *case_path = NULL, *output = NULL, *tz = NULL;
	int64_t from = INT64_MIN, to = INT64_MAX;
	int have_from = 0, have_to = 0, color = -1, runs = 0;
	enum fmt fmt = FMT_TEXT;
	FILE *out = NULL;
	int ch, rc, r;

	cli_init(&c, "blackout timeline");
	ctx = bo_ctx_new(c.diag);
	cs = bo_case_new();
	memset(&io, 0, sizeof(io));
	memset(&ro, 0, sizeof(ro));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:j:c:t:f:o:p:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		case 'c':
			case_path = optarg;
			continue;
		case 't':
			if (ntargets == BO_NELEM(targets)) {
				rc = cli_usage_error(&c, "too many --target");
				goto out;
			}
			targets[ntargets++] = optarg;
			continue;
		case 'p':
			if (nparams == BO_NELEM(params)) {
				rc = cli_usage_error(&c, "too many --param");
				goto out;
			}
			params[nparams++] = optarg;
			continue;
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
		case 0x200:
			tz = optarg;
			continue;
		case 0x202:
			runs = 1;
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
		case 0x101:
		case 0x102:
			/* The window goes to the case, not to the decoders:
			 * route state needs the RIB before it opens. */
			if (parse_time_arg(optarg, ch == 0x101 ? &from : &to)
			    != 0) {
				rc = cli_usage_error(&c, "%s: bad time '%s' "
				    "(RFC 3339 or @epoch)", ch == 0x101 ?
				    "--from" : "--to", optarg);
				goto out;
			}
			if (ch == 0x101)
				have_from = 1;
			else
				have_to = 1;
			continue;
		default:
			break;
		}
		r = cli_input_opt(&c, &io, ctx, ch, optarg);
		if (r <= 0) {
			rc = r < 0 ? BO_EXIT_USAGE :
			    cli_usage_error(&c, "unknown option");
			goto out;
		}
	}
	if (case_path != NULL && bo_case_load(cs, case_path, c.diag) != 0) {
		fprintf(stderr, "%s: %s: the case file has errors\n", c.prog,
		    case_path);
		rc = BO_EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < ntargets; i++)
		if (bo_case_add_target(cs, targets[i]) != 0) {
			rc = cli_usage_error(&c, "--target: '%s' is neither an "
			    "ASN, a prefix nor a group of the case",
			    targets[i]);
			goto out;
		}
	for (i = 0; i < nparams; i++) {
		char *name = xstrdup(params[i]), *eq = strchr(name, '=');

		r = eq == NULL ? -1 : (*eq = '\0',
		    bo_case_set_param(cs, name, eq + 1));
		free(name);
		if (r != 0) {
			rc = cli_usage_error(&c, "--param: '%s': unknown name or "
			    "bad value", params[i]);
			goto out;
		}
	}
	if (have_from || have_to) {
		/* the command line overrides the case's bounds it names */
		int64_t f0 = cs->has_window ? cs->from_us : INT64_MIN;
		int64_t t0 = cs->has_window ? cs->to_us : INT64_MAX;

		if (have_from)
			f0 = from;
		if (have_to)
			t0 = to;
		if (f0 >= t0) {
			rc = cli_usage_error(&c, "--to is not after --from");
			goto out;
		}
		bo_case_set_window(cs, f0, t0);
	}
	if (tz != NULL) {
		if (!case_tz_valid(tz)) {
			rc = cli_usage_error(&c, "--tz: '%s' is not in the "
			    "system tz database", tz);
			goto out;
		}
		bo_case_set_tz(cs, tz);
	}
	/* INPUTs on the command line stand for the case's own */
	if (runs) {
		if (optind >= argc) {
			rc = cli_usage_error(&c, "--runs: no run file given");
			goto out;
		}
		cli_set_runs(ctx, argv + optind, (size_t)(argc - optind));
	} else if (optind < argc)
		case_inputs_clear(cs);
	for (i = (size_t)optind; !runs && i < (size_t)argc; i++)
		bo_case_add_input(cs, argv[i]);
	if (bo_case_ninputs(cs) == 0 && !runs) {
		rc = cli_usage_error(&c, "no INPUT given (on the command line "
		    "or in the case's inputs)");
		goto out;
	}
	if (cli_input_apply(&c, &io, ctx) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	out = stdout;
	if (output != NULL && (out = bo_outfile_fopen(output)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", c.prog, output,
		    strerror(errno));
		rc = BO_EXIT_FATAL;
		goto out;
	}
	r = bo_timeline_build(ctx, cs, &tl);
	if (tl == NULL) {
		rc = cli_exit(&c, 1);
		goto out;
	}
	ro.tz = bo_case_tz(cs);
	ro.width = 80;
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");

		color = isatty(fileno(out)) && (nc == NULL || nc[0] == '\0');
	}
	ro.color = color;
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
	bo_case_free(cs);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
