/*
 * blackout map and blackout merge: one shard of a sharded decode into a run
 * file, and run files merged into one (see doc/scale.md).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>
#include <blackout/correlate.h>

#include "cli/cli.h"
#include "core/runfile.h"
#include "correlate/corr.h"
#include "util/util.h"

static const char map_usage[] =
"usage: blackout map [--case FILE] [--target T]... --shard K/N -o RUN\n"
"           [INPUT...]\n"
"\n"
"Decodes shard K of N of the inputs (the case's, or the INPUTs given) into\n"
"the run file RUN: the files of the inputs, in the order the walker lists\n"
"them, every N-th from the K-th.  'blackout timeline --runs' and 'blackout\n"
"report --runs' read the N run files as one run.\n"
"\n"
"options:\n"
"  -c, --case FILE         the case whose inputs are decoded\n"
"  -t, --target T          a target (checked as timeline does)\n"
"  -s, --shard K/N         which shard: 1 <= K <= N\n"
"  -o, --output RUN        the run file to write (replaced atomically)\n"
CLI_INPUT_HELP_NOTIME
"  -h, --help              this text\n"
"\n"
"The same input options as the timeline's must be given to the reduce.\n"
"exit status: 0 clean, 1 completed with warnings, 2 usage or fatal error\n";

static int
parse_shard(const char *s, unsigned *k, unsigned *n)
{
	char *end;
	unsigned long a, b;

	errno = 0;
	a = strtoul(s, &end, 10);
	if (end == s || *end != '/' || errno != 0)
		return -1;
	s = end + 1;
	b = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || a < 1 || b < 1 ||
	    a > b || b > 1000000)
		return -1;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return 0;
}

int
cmd_map(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		{ "case", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 't' },
		{ "shard", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct cli_input_opts io;
	struct bo_ctx *ctx;
	struct bo_case *cs;
	const char *case_path = NULL, *output = NULL;
	unsigned k = 0, n = 0;
	size_t i;
	int ch, rc, r;

	cli_init(&c, "blackout map");
	ctx = bo_ctx_new(c.diag);
	cs = bo_case_new();
	memset(&io, 0, sizeof(io));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:j:c:t:s:o:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(map_usage, stdout);
			rc = BO_EXIT_OK;
			goto out;
		case 'c':
			case_path = optarg;
			continue;
		case 't':
			if (bo_case_add_target(cs, optarg) != 0) {
				rc = cli_usage_error(&c, "--target: '%s' is "
				    "neither an ASN nor a prefix", optarg);
				goto out;
			}
			continue;
		case 's':
			if (parse_shard(optarg, &k, &n) != 0) {
				rc = cli_usage_error(&c, "--shard: want K/N with "
				    "1 <= K <= N, not '%s'", optarg);
				goto out;
			}
			continue;
		case 'o':
			output = optarg;
			continue;
		case 0x101:
		case 0x102:
			/* a case window is the correlator's, not a filter */
			rc = cli_usage_error(&c, "--from/--to belong to the "
			    "reduce (timeline, report), not to map");
			goto out;
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
	if (n == 0 || output == NULL) {
		rc = cli_usage_error(&c, "give --shard K/N and -o RUN");
		goto out;
	}
	if (case_path != NULL && bo_case_load(cs, case_path, c.diag) != 0) {
		fprintf(stderr, "%s: %s: the case file has errors\n", c.prog,
		    case_path);
		rc = BO_EXIT_USAGE;
		goto out;
	}
	if (optind < argc)
		case_inputs_clear(cs);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		bo_case_add_input(cs, argv[i]);
	if (bo_case_ninputs(cs) == 0) {
		rc = cli_usage_error(&c, "no INPUT given (on the command line "
		    "or in the case's inputs)");
		goto out;
	}
	for (i = 0; i < bo_case_ninputs(cs); i++)
		if (strcmp(bo_case_input(cs, i), "-") == 0) {
			rc = cli_usage_error(&c, "standard input cannot be "
			    "sharded");
			goto out;
		}
	if (cli_input_apply(&c, &io, ctx) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	cli_progress_start(&c, ctx);
	r = bo_map(ctx, (const char *const *)cs->inputs, cs->ninputs, k, n,
	    output);
	cli_progress_end(&c, ctx);
	cli_summary(&c);
	rc = cli_exit(&c, r != 0);
out:
	bo_case_free(cs);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}

static const char merge_usage[] =
"usage: blackout merge -o RUN RUN...\n"
"\n"
"Merges run files of one sharded decode ('blackout map') into one run file\n"
"holding all their shards: a partial merge, so that a reduce over thousands\n"
"of shards can go in rounds.  Runs of another decode (other inputs,\n"
"options, rules or shard count), or a shard given twice, are refused.\n"
"\n"
"options:\n"
"  -o, --output RUN        the run file to write\n"
"  -q, --quiet             no summary on stderr\n"
"  -h, --help              this text\n"
"\n"
"exit status: 0 clean, 2 usage or fatal error\n";

int
cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct bo_ctx *ctx;
	const char *output = NULL;
	int ch, rc;

	cli_init(&c, "blackout merge");
	ctx = bo_ctx_new(c.diag);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(merge_usage, stdout);
			rc = BO_EXIT_OK;
			goto out;
		case 'o':
			output = optarg;
			continue;
		case 'q':
			c.quiet = 1;
			continue;
		default:
			rc = cli_usage_error(&c, "unknown option");
			goto out;
		}
	}
	if (output == NULL || optind >= argc) {
		rc = cli_usage_error(&c, "give -o RUN and the runs to merge");
		goto out;
	}
	rc = cli_exit(&c, bo_merge_runs(ctx, (const char *const *)argv +
	    optind, (size_t)(argc - optind), output) != 0);
out:
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
