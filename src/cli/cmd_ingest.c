#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <blackout/blackout.h>

#include "cli/cli.h"
#include "core/ctx.h"
#include "event/event_json.h"
#include "util/outfile.h"
#include "util/util.h"

static const char usage_text[] =
"usage: blackout ingest [options] INPUT... [-o FILE]\n"
"\n"
"Decodes every member of the inputs into normalized events and writes them\n"
"as NDJSON (one JSON object per line, doc/event.schema.json) in time order;\n"
"ties are broken by member, offset or line, so the output is the same\n"
"whatever the container or member order.\n"
"\n"
"options:\n"
"  -o, --output FILE       write to FILE instead of standard output\n"
"      --show-unmatched    list text lines no rule matched on stderr\n"
CLI_INPUT_HELP
"  -h, --help              this text\n"
"\n"
"exit status: 0 clean, 1 completed with warnings, 2 usage or fatal error\n";

struct out {
	FILE		*f;
	struct buf	 b;
	int		 err;
};

static int
write_event(void *arg, const struct bo_event *ev)
{
	struct out *o = arg;

	buf_reset(&o->b);
	bo_event_json(&o->b, ev);
	buf_addc(&o->b, '\n');
	if (fwrite(o->b.data, 1, o->b.len, o->f) != o->b.len) {
		o->err = errno;
		return -1;
	}
	return 0;
}

static void
show_unmatched(void *arg, const char *input, const char *member,
    uint64_t line, const char *text, size_t len)
{
	(void)arg;
	fprintf(stderr, "unmatched: %s%s%s:%" PRIu64 ": %.*s\n", input,
	    member[0] ? "!" : "", member, line, (int)(len > 200 ? 200 : len),
	    text);
}

int
cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		{ "output", required_argument, NULL, 'o' },
		{ "show-unmatched", no_argument, NULL, 0x200 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct cli_input_opts io;
	struct bo_ctx *ctx;
	struct bo_sink sink;
	struct out o;
	const char *output = NULL;
	int ch, rc, r;

	cli_init(&c, "blackout ingest");
	ctx = bo_ctx_new(c.diag);
	memset(&io, 0, sizeof(io));
	memset(&o, 0, sizeof(o));
	buf_init(&o.b);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:o:j:qvh", longopts, NULL)) !=
	    -1) {
		if (ch == 'h') {
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		}
		if (ch == 'o') {
			output = optarg;
			continue;
		}
		if (ch == 0x200) {
			ctx->unmatched = show_unmatched;
			continue;
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
	o.f = stdout;
	if (output != NULL && (o.f = bo_outfile_fopen(output)) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", c.prog, output,
		    strerror(errno));
		rc = BO_EXIT_FATAL;
		goto out;
	}
	sink.event = write_event;
	sink.arg = &o;
	cli_progress_start(&c, ctx);
	r = bo_ingest(ctx, (const char *const *)argv + optind,
	    (size_t)(argc - optind), sink);
	cli_progress_end(&c, ctx);
	if (fflush(o.f) != 0 && o.err == 0)
		o.err = errno;
	/* the old file is replaced only by a complete one */
	if (output != NULL && bo_outfile_fclose(o.f, r == 0 && o.err == 0) !=
	    0 && o.err == 0)
		o.err = errno;
	if (o.err != 0)
		fprintf(stderr, "%s: writing %s: %s\n", c.prog,
		    output ? output : "output", strerror(o.err));
	cli_summary(&c);
	rc = cli_exit(&c, r != 0 || o.err != 0);
out:
	buf_free(&o.b);
	bo_ctx_free(ctx);
	cli_done(&c);
	return rc;
}
