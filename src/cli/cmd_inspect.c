#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <blackout/blackout.h>

#include "cli/cli.h"

static const char usage_text[] =
"usage: blackout inspect [options] INPUT...\n"
"\n"
"Lists every member of the inputs (directories, archives, compressed files,\n"
"archives within archives), one per line, tab-separated:\n"
"  input  member  size  compression  type  decoder  rule|reason\n"
"Nothing is decoded; use it to see what 'ingest' would read or skip.\n"
"\n"
"options:\n"
CLI_HELP_RULES CLI_HELP_LIMITS CLI_HELP_COMMON
"  -h, --help              this text\n";

static int
print_member(void *arg, const struct bo_member_info *mi)
{
	(void)arg;
	printf("%s\t%s\t", mi->input, mi->member[0] ? mi->member : "-");
	if (mi->size >= 0)
		printf("%" PRId64, mi->size);
	else
		printf("-");
	printf("\t%s\t%s\t%s\t%s\n",
	    mi->compression[0] ? mi->compression : "-", mi->type,
	    mi->decoder ? mi->decoder : "skip",
	    mi->skip_reason ? mi->skip_reason : mi->rule ? mi->rule : "-");
	return 0;
}

int
cmd_inspect(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_OPTS_RULES, CLI_OPTS_LIMITS, CLI_OPTS_COMMON,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct cli_input_opts io;
	struct bo_ctx *ctx;
	int ch, rc, r;

	cli_init(&c, "blackout inspect");
	ctx = bo_ctx_new(c.diag);
	memset(&io, 0, sizeof(io));
	io.uses_rules = 1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:qvh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		}
		r = cli_input_opt(&c, &io, ctx, ch, optarg);
		if (r <= 0) {
			rc = r < 0 ? BO_EXIT_USAGE :
			    cli_usage_error(&c, "unknown option");
			goto out;
		}
	}
	if (optind >= argc) {
		rc = cli_usage_error(&c, "no INPUT given");
		goto out;
	}
	if (cli_input_apply(&c, &io, ctx) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	r = bo_inspect(ctx, (const char *const *)argv + optind,
	    (size_t)(argc - optind), print_member, NULL);
	fflush(stdout);
	rc = cli_exit(&c, r != 0);
out:
	cli_input_free(&io);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
