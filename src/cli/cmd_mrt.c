/*
 * blackout mrt: MRT tools.  `dump` writes what bgpdump -m/-M writes, from
 * any file the input layer can open (compressed, or a member of an
 * archive); `stats` counts what is in the records.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <blackout/blackout.h>

#include "cli/cli.h"
#include "core/ctx.h"
#include "decode/decoder.h"
#include "event/event_json.h"
#include "decode/mrt.h"
#include "render/bgpdump.h"
#include "decode/mrt_parse.h"
#include "input/input.h"
#include "util/outfile.h"
#include "util/util.h"

#define OUT_BUFSIZE	(1u << 20)

static const char usage_text[] =
"usage: blackout mrt dump [-m | -M] [-l] [-t dump|change] [filters] [-o FILE]\n"
"           INPUT...\n"
"       blackout mrt stats [filters] INPUT...\n"
"       blackout mrt events [--count] [filters] [-o FILE] INPUT...\n"
"\n"
"dump writes one line per route as bgpdump -m (or -M) does, byte for byte\n"
"(see doc/bgpdump-differences.md); INPUT may be compressed or an archive,\n"
"whose MRT members are dumped in order.  Damaged records are reported on\n"
"stderr with their byte offset and skipped; decoding resumes at the next\n"
"plausible record.\n"
"\n"
"stats counts records by type, BGP messages, prefixes and problems.\n"
"\n"
"Filters (those of blackout ingest) are applied while decoding: records\n"
"outside --from/--to are not decoded, RIB prefixes outside --prefix are\n"
"skipped before their attributes are read; --origin-as, --path-as and\n"
"--peer select routes (lines without an AS path pass the AS filters).\n"
"\n"
"events writes the bgp.* events of the records as NDJSON in record order,\n"
"streaming (blackout ingest sorts them across members); --count only\n"
"counts them.  Filters are those of blackout ingest (--prefix, --match,\n"
"--origin-as, --path-as, --peer, --from, --to).\n"
"\n"
"options:\n"
"  -m                one line per entry, Unix timestamps (the default)\n"
"  -M                one line per entry, readable timestamps, fewer fields\n"
"  -l                add bgpdump's large communities column after communities\n"
"  -t dump|change    RIB entries show the dump time (default) or the time\n"
"                    of the route's last change\n"
"  -o, --output FILE write to FILE instead of standard output\n"
"      --from, --to, --prefix, --match, --origin-as, --path-as, --peer\n"
"                    as for blackout ingest\n"
"  -q, --quiet       no warnings or summary on stderr\n"
"  -h, --help        this text\n"
"\n"
"exit status: 0 clean, 1 completed with warnings, 2 usage or fatal error\n";

struct dump {
	struct cli		*c;
	struct bo_ctx		*ctx;		/* options: filters, limits */
	const struct bo_filter	*flt;		/* NULL when nothing filters */
	struct mrt_fmt		 fmt;
	struct mrt_out		 out;
	struct mrt_stats	 st;
	int			 stats;		/* stats instead of dump */
	int			 stop;
	struct bo_decode_ctx	 dc;		/* the member's, for warnings */
};

/*
 * The filters of blackout ingest, with its meaning: a line without the
 * key in question (a withdrawal has no AS path) passes the AS filters.
 */
static int
dump_keep_peer(const struct dump *d, const struct mrt_peer *peer)
{
	char text[64];

	if (d->flt == NULL || d->flt->npeers == 0)
		return 1;
	text[mrt_put_addr(text, &peer->addr)] = '\0';
	return bo_filter_peer(d->flt, text);
}

static int
dump_keep_as(const struct dump *d, const struct mrt_attrs *at)
{
	static const uint32_t none[1];
	const struct mrt_aspath *path;

	if (d->flt == NULL || at == NULL ||
	    !MRT_ATTR_SEEN(at, BGP_ATTR_AS_PATH))
		return 1;
	path = at->eff;
	/* an empty path is there, and holds none of the ASNs asked for */
	return bo_filter_origin(d->flt, mrt_aspath_origin(path)) &&
	    bo_filter_path(d->flt, path->nas > 0 ? path->as : none,
	    path->nas);
}

static int
dump_keep_prefix(void *arg, const struct mrt_prefix *p)
{
	struct dump *d = arg;
	struct bo_prefix b;

	b.afi = p->afi;
	b.len = p->len;
	memcpy(b.addr, p->addr, sizeof(b.addr));
	return bo_filter_prefix(d->flt, &b);
}

static int
dump_want(void *arg, const struct mrt_hdr *h)
{
	struct dump *d = arg;
	int64_t t = (int64_t)h->ts * 1000000 + (h->et ? h->usec : 0);

	return bo_filter_time(d->flt, t);
}

static int
dump_rib(void *arg, const struct mrt_rib *r)
{
	struct dump *d = arg;

	if (!dump_keep_peer(d, r->peer) || !dump_keep_as(d, r->attrs))
		return 0;
	return mrt_fmt_rib(&d->fmt, r);
}

static int
dump_msg(void *arg, const struct mrt_msg *m)
{
	struct dump *d = arg;

	if (!dump_keep_peer(d, &m->peer))
		return 0;
	/* withdrawals have no path: the AS filters pass them */
	d->fmt.withdrawals_only = !dump_keep_as(d, m->attrs);
	return mrt_fmt_msg(&d->fmt, m);
}

static int
dump_state(void *arg, const struct mrt_state *s)
{
	struct dump *d = arg;

	if (d->flt != NULL && (d->flt->nprefixes > 0 ||
	    d->flt->norigin_as > 0 || d->flt->npath_as > 0))
		return 0;	/* a session is not about a prefix or AS */
	if (!dump_keep_peer(d, &s->peer))
		return 0;
	return mrt_fmt_state(&d->fmt, s);
}

static void
dump_warn(void *arg, uint64_t off, const char *msg)
{
	struct dump *d = arg;

	bo_decode_warn_at(&d->dc, off, 0, "%s", msg);
}

static void
stats_add(struct mrt_stats *a, const struct mrt_stats *b)
{
	size_t i, j;

	a->records += b->records;
	a->skipped += b->skipped;
	a->filtered += b->filtered;
	a->unsupported += b->unsupported;
	a->bytes += b->bytes;
	for (i = 0; i < 5; i++)
		for (j = 0; j < 16; j++)
			a->by_type[i][j] += b->by_type[i][j];
	for (i = 0; i < BO_NELEM(a->bgp_msgs); i++)
		a->bgp_msgs[i] += b->bgp_msgs[i];
	a->rib_entries += b->rib_entries;
	a->announced += b->announced;
	a->withdrawn += b->withdrawn;
	a->states += b->states;
	a->host_bits += b->host_bits;
	a->resyncs += b->resyncs;
	if (b->records > 0) {
		if (a->first_ts == 0 || b->first_ts < a->first_ts)
			a->first_ts = b->first_ts;
		if (b->last_ts > a->last_ts)
			a->last_ts = b->last_ts;
	}
}

/* Opens -o FILE (or keeps stdout): the fd, or -1 (reported). */
static int
open_output(const struct cli *c, const char *output)
{
	int fd;

	if (output == NULL)
		return STDOUT_FILENO;
	if ((fd = bo_outfile_open(output)) < 0)
		fprintf(stderr, "%s: %s: %s\n", c->prog, output,
		    strerror(errno));
	return fd;
}

/*
 * Whether a member is read as MRT: inside an archive only MRT members are
 * (others are skipped, counted); a file named on the command line is read
 * as MRT whatever its first bytes.
 */
static int
mrt_member(struct bo_diag *diag, const struct bo_member *m,
    struct bo_stream *s)
{
	const char *err;
	size_t avail;

	avail = bo_stream_fill(s, 4096);
	if (avail == 0 && bo_stream_error(s, &err)) {
		bo_member_fail(diag, m, 0, "cannot decompress", err);
		return 0;
	}
	if (m->path[0] != '\0' && bo_sniff_bytes(bo_stream_data(s),
	    avail < 4096 ? avail : 4096) != BO_SNIFF_MRT) {
		bo_member_skip(diag, m, "not MRT");
		return 0;
	}
	return 1;
}

static int
on_member(void *arg, const struct bo_member *m, struct bo_stream *s)
{
	struct dump *d = arg;
	struct mrt_parser p;
	struct mrt_cb cb;
	int rc;

	bo_decode_ctx_init(&d->dc, d->c->diag, m);
	if (!mrt_member(d->c->diag, m, s))
		return 0;
	memset(&cb, 0, sizeof(cb));
	if (!d->stats) {
		cb.rib = dump_rib;
		cb.msg = dump_msg;
		cb.state = dump_state;
	}
	cb.warn = dump_warn;
	if (d->flt != NULL) {
		cb.want = dump_want;
		cb.want_prefix = dump_keep_prefix;
	}
	cb.arg = d;
	mrt_parser_init(&p, &cb);
	rc = mrt_parse_stream(&p, s);
	bo_diag_count(d->c->diag, BO_CNT_RECORDS, p.st.records);
	bo_diag_count(d->c->diag, BO_CNT_RECORDS_SKIPPED, p.st.skipped);
	stats_add(&d->st, &p.st);
	d->dc.stop = p.stop;
	mrt_parser_free(&p);
	if (bo_member_end(&d->dc, s, rc) == BO_MEMBER_STOPPED)
		d->stop = 1;
	if (mrt_out_flush(&d->out) != 0)
		d->stop = 1;
	return d->stop ? -1 : 0;
}

static void
print_stats(FILE *f, const struct mrt_stats *st)
{
	static const uint16_t types[5] = { MRT_BGP, MRT_TABLE_DUMP,
	    MRT_TABLE_DUMP_V2, MRT_BGP4MP, MRT_BGP4MP_ET };
	static const char *msgs[6] = { "?", "OPEN", "UPDATE", "NOTIFICATION",
	    "KEEPALIVE", "ROUTE-REFRESH" };
	char t1[40], t2[40];
	size_t i, j;

	fprintf(f, "records\t%" PRIu64 "\n", st->records);
	fprintf(f, "bytes\t%" PRIu64 "\n", st->bytes);
	if (st->records > 0) {
		fmt_time_utc((int64_t)st->first_ts * 1000000, 0, t1,
		    sizeof(t1));
		fmt_time_utc((int64_t)st->last_ts * 1000000, 0, t2,
		    sizeof(t2));
		fprintf(f, "time\t%s\t%s\n", t1, t2);
	}
	for (i = 0; i < 5; i++)
		for (j = 0; j < 16; j++) {
			const char *sn;

			if (st->by_type[i][j] == 0)
				continue;
			sn = mrt_subtype_name(types[i], (uint16_t)j);
			fprintf(f, "type\t%u/%zu\t%s/%s\t%" PRIu64 "\n",
			    types[i], j, mrt_type_name(types[i]),
			    sn ? sn : "?", st->by_type[i][j]);
		}
	for (i = 1; i < 6; i++)
		if (st->bgp_msgs[i] > 0)
			fprintf(f, "bgp\t%s\t%" PRIu64 "\n", msgs[i],
			    st->bgp_msgs[i]);
	fprintf(f, "rib_entries\t%" PRIu64 "\n", st->rib_entries);
	fprintf(f, "announced\t%" PRIu64 "\n", st->announced);
	fprintf(f, "withdrawn\t%" PRIu64 "\n", st->withdrawn);
	fprintf(f, "state_changes\t%" PRIu64 "\n", st->states);
	fprintf(f, "host_bits_cleared\t%" PRIu64 "\n", st->host_bits);
	fprintf(f, "skipped\t%" PRIu64 "\n", st->skipped);
	fprintf(f, "not_decoded\t%" PRIu64 "\n", st->unsupported);
	fprintf(f, "resyncs\t%" PRIu64 "\n", st->resyncs);
}

struct evrun {
	struct cli		*c;
	struct bo_ctx		*ctx;
	struct mrt_out		 out;
	struct buf		 b;
	int			 count;
	uint64_t		 n;
	int			 stop;
};

static int
ev_write(void *arg, const struct bo_event *ev)
{
	struct evrun *r = arg;
	char *d;

	r->n++;
	if (r->count)
		return 0;
	buf_reset(&r->b);
	bo_event_json(&r->b, ev);
	buf_addc(&r->b, '\n');
	d = mrt_out_reserve(&r->out, r->b.len);
	memcpy(d, r->b.data, r->b.len);
	r->out.len += r->b.len;
	return r->out.err ? -1 : 0;
}

static int
ev_member(void *arg, const struct bo_member *m, struct bo_stream *s)
{
	struct evrun *r = arg;
	struct bo_decode_ctx dc;
	int rc;

	if (!mrt_member(r->c->diag, m, s))
		return 0;
	bo_decode_ctx_init(&dc, r->c->diag, m);
	dc.sink.event = ev_write;
	dc.sink.arg = r;
	dc.filter = bo_ctx_filter(r->ctx);
	dc.limits = bo_ctx_limits(r->ctx);
	rc = mrt_decode_stream(&dc, s, NULL);
	if (bo_member_end(&dc, s, rc) == BO_MEMBER_STOPPED ||
	    mrt_out_flush(&r->out) != 0)
		r->stop = 1;
	return r->stop ? -1 : 0;
}

static int
cmd_mrt_events(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		{ "output", required_argument, NULL, 'o' },
		{ "count", no_argument, NULL, 0x200 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct cli_input_opts io;
	struct evrun r;
	const char *output = NULL;
	int ch, rc, i, fd = STDOUT_FILENO;

	cli_init(&c, "blackout mrt events");
	memset(&r, 0, sizeof(r));
	memset(&io, 0, sizeof(io));
	r.c = &c;
	r.ctx = bo_ctx_new(c.diag);
	buf_init(&r.b);
	io.no_default_rules = 1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "R:o:qvh", longopts, NULL)) !=
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
			r.count = 1;
			continue;
		}
		if ((rc = cli_input_opt(&c, &io, r.ctx, ch, optarg)) <= 0) {
			rc = rc < 0 ? BO_EXIT_USAGE :
			    cli_usage_error(&c, "unknown option");
			goto out;
		}
	}
	if (optind >= argc) {
		rc = cli_usage_error(&c, "no INPUT given");
		goto out;
	}
	io.no_default_rules = 1;
	if (cli_input_apply(&c, &io, r.ctx) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	if ((fd = open_output(&c, output)) < 0) {
		rc = BO_EXIT_FATAL;
		goto out;
	}
	mrt_out_init(&r.out, fd, OUT_BUFSIZE);
	for (i = optind; i < argc && !r.stop; i++) {
		if (bo_walk(argv[i], bo_ctx_limits(r.ctx), c.diag, ev_member,
		    &r) != 0)
			break;
	}
	(void)mrt_out_flush(&r.out);
	if (r.out.err != 0)
		fprintf(stderr, "%s: writing %s: %s\n", c.prog,
		    output ? output : "output", strerror(r.out.err));
	if (r.count)
		printf("%" PRIu64 "\n", r.n);
	if (output != NULL && bo_outfile_close(fd, r.out.err == 0) != 0 &&
	    r.out.err == 0)
		r.out.err = errno;
	mrt_out_free(&r.out);
	cli_summary(&c);
	rc = cli_exit(&c, r.out.err != 0);
out:
	buf_free(&r.b);
	bo_ctx_free(r.ctx);
	cli_done(&c);
	return rc;
}

int
cmd_mrt(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_INPUT_LONGOPTS,
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct cli_input_opts io;
	struct dump d;
	const struct bo_filter *flt;
	const char *output = NULL, *sub;
	int ch, fd = STDOUT_FILENO, rc, i, mode = MRT_FMT_M, large = 0;
	int tchange = 0;

	if (argc < 2 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? BO_EXIT_USAGE : BO_EXIT_OK;
	}
	sub = argv[1];
	if (strcmp(sub, "events") == 0)
		return cmd_mrt_events(argc - 1, argv + 1);
	if (strcmp(sub, "dump") != 0 && strcmp(sub, "stats") != 0) {
		fprintf(stderr, "blackout mrt: unknown command '%s'\n%s", sub,
		    usage_text);
		return BO_EXIT_USAGE;
	}
	cli_init(&c, strcmp(sub, "dump") == 0 ? "blackout mrt dump" :
	    "blackout mrt stats");
	memset(&d, 0, sizeof(d));
	memset(&io, 0, sizeof(io));
	d.ctx = bo_ctx_new(c.diag);
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "mMlt:o:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'm':
			mode = MRT_FMT_M;
			break;
		case 'M':
			mode = MRT_FMT_MM;
			break;
		case 'l':
			large = 1;
			break;
		case 't':
			if (strcmp(optarg, "dump") == 0)
				tchange = 0;
			else if (strcmp(optarg, "change") == 0)
				tchange = 1;
			else {
				rc = cli_usage_error(&c, "-t takes dump or "
				    "change, not '%s'", optarg);
				goto out;
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		default:
			if ((rc = cli_input_opt(&c, &io, d.ctx, ch, optarg)) <= 0) {
				rc = rc < 0 ? BO_EXIT_USAGE :
				    cli_usage_error(&c, "unknown option");
				goto out;
			}
		}
	}
	optind++;	/* argv was shifted by one */
	if (optind >= argc) {
		rc = cli_usage_error(&c, "no INPUT given");
		goto out;
	}
	io.no_default_rules = 1;
	if (cli_input_apply(&c, &io, d.ctx) != 0) {
		rc = BO_EXIT_USAGE;
		goto out;
	}
	flt = bo_ctx_filter(d.ctx);
	if (flt->from_us != INT64_MIN || flt->to_us != INT64_MAX ||
	    flt->nprefixes > 0 || flt->norigin_as > 0 || flt->npath_as > 0 ||
	    flt->npeers > 0)
		d.flt = flt;
	if ((fd = open_output(&c, output)) < 0) {
		rc = BO_EXIT_FATAL;
		goto out;
	}
	d.c = &c;
	d.stats = strcmp(sub, "stats") == 0;
	mrt_out_init(&d.out, fd, OUT_BUFSIZE);
	mrt_fmt_init(&d.fmt, &d.out, mode);
	d.fmt.large = large;
	d.fmt.tchange = tchange;
	if (d.flt != NULL && d.flt->nprefixes > 0) {
		d.fmt.keep = dump_keep_prefix;
		d.fmt.keep_arg = &d;
	}
	for (i = optind; i < argc && !d.stop; i++) {
		if (bo_walk(argv[i], bo_ctx_limits(d.ctx), c.diag, on_member,
		    &d) != 0)
			break;
	}
	(void)mrt_out_flush(&d.out);
	if (d.out.err != 0)
		fprintf(stderr, "%s: writing %s: %s\n", c.prog,
		    output ? output : "output", strerror(d.out.err));
	if (d.stats)
		print_stats(stdout, &d.st);
	/* the old file is replaced only by a complete one */
	if (output != NULL && bo_outfile_close(fd, d.out.err == 0 && !d.stop)
	    != 0 && d.out.err == 0) {
		fprintf(stderr, "%s: %s: %s\n", c.prog, output,
		    strerror(errno));
		d.out.err = errno;
	}
	cli_summary(&c);
	rc = cli_exit(&c, d.out.err != 0);
	mrt_fmt_free(&d.fmt);
	mrt_out_free(&d.out);
out:
	bo_ctx_free(d.ctx);
	cli_done(&c);
	return rc;
}
