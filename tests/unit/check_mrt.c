/*
 * Unit tests of the MRT parser and the bgpdump formatter on hand-built
 * records: AS4_PATH merging, aggregators, ADD-PATH, _ET time, damaged
 * attributes, and address formatting against inet_ntop.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/bgpdump.h"
#include "decode/mrt_parse.h"
#include "input/input.h"

/* ---- a record builder ---- */

struct bb {
	uint8_t	 b[4096];
	size_t	 n;
};

static void
p8(struct bb *b, unsigned v)
{
	b->b[b->n++] = (uint8_t)v;
}

static void
p16(struct bb *b, unsigned v)
{
	p8(b, v >> 8);
	p8(b, v);
}

static void
p32(struct bb *b, uint32_t v)
{
	p16(b, v >> 16);
	p16(b, v & 0xffff);
}

static void
pbytes(struct bb *b, const void *p, size_t n)
{
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

/* Appends an MRT record around body. */
static void
record(struct bb *out, uint32_t ts, unsigned type, unsigned sub,
    const struct bb *body)
{
	p32(out, ts);
	p16(out, type);
	p16(out, sub);
	p32(out, (uint32_t)body->n);
	pbytes(out, body->b, body->n);
}

/* A BGP4MP MESSAGE (2-byte ASNs, IPv4) carrying an UPDATE. */
static void
bgp4mp_update(struct bb *body, uint32_t peer_as, const struct bb *attrs,
    const struct bb *nlri)
{
	static const uint8_t marker[16] = { 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	p16(body, peer_as);
	p16(body, 64500);
	p16(body, 0);		/* ifindex */
	p16(body, 1);		/* AFI IPv4 */
	p32(body, 0xc0000201);	/* 192.0.2.1 */
	p32(body, 0xc0000202);
	pbytes(body, marker, 16);
	p16(body, (unsigned)(19 + 2 + 2 + attrs->n + nlri->n));
	p8(body, 2);		/* UPDATE */
	p16(body, 0);		/* no withdrawals */
	p16(body, (unsigned)attrs->n);
	pbytes(body, attrs->b, attrs->n);
	pbytes(body, nlri->b, nlri->n);
}

/* ---- collecting callbacks ---- */

struct got {
	struct mrt_fmt	 fmt;
	struct mrt_out	 out;
	int		 warns;
	uint64_t	 warn_off;
	char		 warn[512];
	uint32_t	 origin;
	uint32_t	 usec;
};

static int
got_msg(void *arg, const struct mrt_msg *m)
{
	struct got *g = arg;

	if (m->attrs != NULL)
		g->origin = mrt_aspath_origin(m->attrs->eff);
	g->usec = m->h->usec;
	return mrt_fmt_msg(&g->fmt, m);
}

static int
got_rib(void *arg, const struct mrt_rib *r)
{
	struct got *g = arg;

	return mrt_fmt_rib(&g->fmt, r);
}

static void
got_warn(void *arg, uint64_t off, const char *msg)
{
	struct got *g = arg;

	g->warns++;
	g->warn_off = off;
	snprintf(g->warn, sizeof(g->warn), "%s", msg);
}

/* Parses buf and returns the -m text (static storage). */
static const char *
dump(const struct bb *in, struct got *g, struct mrt_stats *st)
{
	static char text[8192];
	struct bo_stream *s = bo_stream_mem_new(in->b, in->n);
	struct mrt_parser p;
	struct mrt_cb cb;

	memset(g, 0, sizeof(*g));
	mrt_out_init(&g->out, -1, 4096);
	mrt_fmt_init(&g->fmt, &g->out, MRT_FMT_M);
	memset(&cb, 0, sizeof(cb));
	cb.msg = got_msg;
	cb.rib = got_rib;
	cb.warn = got_warn;
	cb.arg = g;
	mrt_parser_init(&p, &cb);
	(void)mrt_parse_stream(&p, s);
	if (st != NULL)
		*st = p.st;
	mrt_parser_free(&p);
	bo_stream_mem_free(s);
	snprintf(text, sizeof(text), "%.*s", (int)g->out.len, g->out.buf);
	mrt_fmt_free(&g->fmt);
	mrt_out_free(&g->out);
	return text;
}

static void
attr(struct bb *a, unsigned flags, unsigned type, const struct bb *v)
{
	p8(a, flags);
	p8(a, type);
	p8(a, (unsigned)v->n);
	pbytes(a, v->b, v->n);
}

/* ---- tests ---- */

START_TEST(test_as4_merge)
{
	struct bb in = { .n = 0 }, body = { .n = 0 }, at = { .n = 0 };
	struct bb v = { .n = 0 }, nlri = { .n = 0 };
	struct got g;
	const char *t;

	v.n = 0;
	p8(&v, 0);
	attr(&at, 0x40, 1, &v);			/* ORIGIN IGP */
	v.n = 0;
	p8(&v, 2);
	p8(&v, 3);
	p16(&v, 64496);
	p16(&v, 23456);				/* AS_TRANS */
	p16(&v, 23456);
	attr(&at, 0x40, 2, &v);			/* AS_PATH */
	v.n = 0;
	p32(&v, 0xc0000201);
	attr(&at, 0x40, 3, &v);			/* NEXT_HOP */
	v.n = 0;
	p16(&v, 23456);
	p32(&v, 0x0a000001);
	attr(&at, 0xc0, 7, &v);			/* AGGREGATOR AS_TRANS */
	v.n = 0;
	p8(&v, 2);
	p8(&v, 2);
	p32(&v, 131279);
	p32(&v, 4200000000u);
	attr(&at, 0xc0, 17, &v);		/* AS4_PATH */
	v.n = 0;
	p32(&v, 131279);
	p32(&v, 0x0a000002);
	attr(&at, 0xc0, 18, &v);		/* AS4_AGGREGATOR */
	p8(&nlri, 22);
	p8(&nlri, 175);
	p8(&nlri, 45);
	p8(&nlri, 176);				/* 175.45.176.0/22 */
	bgp4mp_update(&body, 64496, &at, &nlri);
	record(&in, 1419264000, MRT_BGP4MP, MRT_BGP4MP_MESSAGE, &body);
	t = dump(&in, &g, NULL);
	ck_assert_int_eq(g.warns, 0);
	ck_assert_str_eq(t, "BGP4MP|1419264000|A|192.0.2.1|64496|"
	    "175.45.176.0/22|64496 131279 4200000000|IGP|192.0.2.1|0|0||NAG|"
	    "131279 10.0.0.2|\n");
	ck_assert_uint_eq(g.origin, 4200000000u);
}
END_TEST

START_TEST(test_attr_overrun)
{
	struct bb in = { .n = 0 }, body = { .n = 0 }, at = { .n = 0 };
	struct bb nlri = { .n = 0 }, body2 = { .n = 0 }, at2 = { .n = 0 };
	struct bb v = { .n = 0 };
	struct got g;
	struct mrt_stats st;
	const char *t;

	/* ORIGIN claiming 9 bytes in a 3-byte block */
	p8(&at, 0x40);
	p8(&at, 1);
	p8(&at, 9);
	p8(&nlri, 8);
	p8(&nlri, 10);
	bgp4mp_update(&body, 65001, &at, &nlri);
	record(&in, 1000000000, MRT_BGP4MP, MRT_BGP4MP_MESSAGE, &body);
	/* then a good record */
	p8(&v, 1);
	attr(&at2, 0x40, 1, &v);
	bgp4mp_update(&body2, 65002, &at2, &nlri);
	record(&in, 1000000001, MRT_BGP4MP, MRT_BGP4MP_MESSAGE, &body2);
	t = dump(&in, &g, &st);
	ck_assert_int_eq(g.warns, 1);
	ck_assert_uint_eq(g.warn_off, 0);
	ck_assert_ptr_nonnull(strstr(g.warn, "BGP4MP/MESSAGE record"));
	ck_assert_ptr_nonnull(strstr(g.warn, "overruns"));
	ck_assert_uint_eq(st.records, 2);
	ck_assert_uint_eq(st.skipped, 1);
	ck_assert_str_eq(t, "BGP4MP|1000000001|A|192.0.2.1|65002|10.0.0.0/8|"
	    "|EGP|255.255.255.255|0|0||NAG||\n");
}
END_TEST

START_TEST(test_et_addpath_mp)
{
	struct bb in = { .n = 0 }, body = { .n = 0 }, at = { .n = 0 };
	struct bb v = { .n = 0 }, nlri = { .n = 0 }, et = { .n = 0 };
	static const uint8_t nh[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 1 };
	struct got g;
	const char *t;

	p8(&v, 0);
	attr(&at, 0x40, 1, &v);
	v.n = 0;
	p16(&v, 2);		/* AFI IPv6 */
	p8(&v, 1);		/* SAFI unicast */
	p8(&v, 16);
	pbytes(&v, nh, 16);
	p8(&v, 0);		/* reserved */
	p32(&v, 7);		/* path id */
	p8(&v, 32);
	p32(&v, 0x20010db8);	/* 2001:db8::/32 */
	attr(&at, 0x80, 14, &v);
	v.n = 0;
	p8(&v, 2);
	p8(&v, 1);
	p32(&v, 65551);
	attr(&at, 0x40, 2, &v);
	/* 4-byte session, ADD-PATH: MESSAGE_AS4_ADDPATH, with µs */
	p32(&et, 123456);
	p32(&et, 65551);
	p32(&et, 64500);
	p16(&et, 0);
	p16(&et, 2);
	pbytes(&et, nh, 16);
	pbytes(&et, nh, 16);
	memset(et.b + et.n, 0xff, 16);
	et.n += 16;
	p16(&et, (unsigned)(19 + 4 + at.n));
	p8(&et, 2);
	p16(&et, 0);
	p16(&et, (unsigned)at.n);
	pbytes(&et, at.b, at.n);
	(void)body;
	(void)nlri;
	record(&in, 1445565678, MRT_BGP4MP_ET, MRT_BGP4MP_MESSAGE_AS4_AP, &et);
	t = dump(&in, &g, NULL);
	ck_assert_int_eq(g.warns, 0);
	ck_assert_uint_eq(g.usec, 123456);
	ck_assert_str_eq(t, "BGP4MP_ET_AP|1445565678.123456|A|2001:db8::1|"
	    "65551|2001:db8::/32|7|65551|IGP|2001:db8::1|0|0||NAG||\n");
}
END_TEST

START_TEST(test_rib_before_index)
{
	struct bb in = { .n = 0 }, body = { .n = 0 };
	struct got g;
	struct mrt_stats st;

	p32(&body, 1);		/* sequence */
	p8(&body, 8);
	p8(&body, 10);		/* 10.0.0.0/8 */
	p16(&body, 1);		/* one entry */
	p16(&body, 0);
	p32(&body, 1);
	p16(&body, 0);
	record(&in, 1400000000, MRT_TABLE_DUMP_V2, MRT_TD2_RIB_IPV4_UNICAST,
	    &body);
	(void)dump(&in, &g, &st);
	ck_assert_int_eq(g.warns, 1);
	ck_assert_ptr_nonnull(strstr(g.warn, "before any PEER_INDEX_TABLE"));
	ck_assert_uint_eq(st.skipped, 1);
}
END_TEST

/* Junk between records: the next record is found again. */
START_TEST(test_resync)
{
	struct bb in = { .n = 0 }, body = { .n = 0 }, at = { .n = 0 };
	struct bb v = { .n = 0 }, nlri = { .n = 0 };
	struct got g;
	struct mrt_stats st;
	const char *t;
	size_t i;

	p8(&v, 0);
	attr(&at, 0x40, 1, &v);
	p8(&nlri, 8);
	p8(&nlri, 10);
	bgp4mp_update(&body, 65001, &at, &nlri);
	record(&in, 1000000000, MRT_BGP4MP, MRT_BGP4MP_MESSAGE, &body);
	for (i = 0; i < 7; i++)
		p8(&in, 0xee);
	record(&in, 1000000001, MRT_BGP4MP, MRT_BGP4MP_MESSAGE, &body);
	t = dump(&in, &g, &st);
	ck_assert_uint_eq(st.records, 2);
	ck_assert_uint_eq(st.resyncs, 1);
	ck_assert_int_eq(g.warns, 1);
	ck_assert_uint_eq(g.warn_off, 12 + body.n);
	ck_assert_ptr_nonnull(strstr(t, "|1000000001|A|"));
	/* a record cut at the end of the stream */
	in.n -= 3;
	(void)dump(&in, &g, &st);
	ck_assert_uint_eq(st.records, 1);
	ck_assert_uint_eq(st.skipped, 2);
	ck_assert_ptr_nonnull(strstr(g.warn, "record truncated"));
}
END_TEST

START_TEST(test_ip6_inet_ntop)
{
	uint8_t a[16];
	char mine[64], ref[64];
	uint32_t x = 12345;
	int i, k;
	size_t n;

	for (i = 0; i < 20000; i++) {
		/* zero-heavy words so that runs of every length occur */
		for (k = 0; k < 8; k++) {
			x = x * 1103515245u + 12345u;
			a[2 * k] = (x >> 16) % 3 == 0 ? (uint8_t)(x >> 8) : 0;
			a[2 * k + 1] = (x >> 20) % 3 == 0 ? (uint8_t)x : 0;
		}
		if (i % 7 == 0) {	/* mapped and compatible forms */
			memset(a, 0, 10);
			a[10] = a[11] = (i % 2) ? 0xff : 0;
		}
		n = mrt_put_ip6(mine, a);
		mine[n] = '\0';
		ck_assert_ptr_nonnull(inet_ntop(AF_INET6, a, ref, sizeof(ref)));
		ck_assert_str_eq(mine, ref);
	}
}
END_TEST

/* numbers and IPv4 addresses against snprintf, at every digit count's
 * edges and on a pseudo-random sweep */
START_TEST(test_u32_ip4_text)
{
	static const uint32_t edge[] = { 0, 9, 10, 99, 100, 999, 1000, 9999,
	    10000, 65535, 99999, 100000, 4199999999u, 4294967295u };
	char mine[32], ref[32];
	uint8_t a[4];
	uint32_t x = 77;
	size_t i, n;

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]) + 100000; i++) {
		uint32_t v;

		x = x * 1103515245u + 12345u;
		v = i < sizeof(edge) / sizeof(edge[0]) ? edge[i] :
		    x >> (x % 29);

		n = mrt_put_u32(mine, v);
		mine[n] = '\0';
		snprintf(ref, sizeof(ref), "%u", v);
		ck_assert_str_eq(mine, ref);
		memcpy(a, &v, 4);
		n = mrt_put_ip4(mine, a);
		mine[n] = '\0';
		ck_assert_ptr_nonnull(inet_ntop(AF_INET, a, ref, sizeof(ref)));
		ck_assert_str_eq(mine, ref);
	}
}
END_TEST

START_TEST(test_ip6_bgpdump)
{
	static const char *cases[] = { "fe80::", "2001:db8::1",
	    "::ffff:192.168.2.1", "::192.168.1.2", "2001:7f8:30::2:1:0:8447",
	    "::", "::1", "1::", "2001:db8:0:1:0:0:0:1" };
	static const char *want[] = { "fe80::", "2001:db8::1",
	    "::ffff:192.168.2.1", "::192.168.1.2", "2001:7f8:30::2:1:0:8447",
	    "::", "::1", "1::", "2001:db8:0:1::1" };
	uint8_t a[16];
	char out[64];
	size_t i, n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(inet_pton(AF_INET6, cases[i], a), 1);
		n = mrt_put_ip6_bgpdump(out, a);
		out[n] = '\0';
		ck_assert_str_eq(out, want[i]);
	}
}
END_TEST

START_TEST(test_aspath_text)
{
	uint32_t as[] = { 1, 2, 3, 4, 5, 6, 7 };
	uint8_t types[] = { AS_SEQUENCE, AS_SET, AS_CONFED_SEQUENCE,
	    AS_CONFED_SET };
	uint16_t lens[] = { 2, 2, 2, 1 };
	struct mrt_aspath p = { as, 7, 7, types, lens, 4, 4 };
	char out[9000];
	size_t n;

	n = mrt_put_aspath(out, sizeof(out), &p);
	out[n] = '\0';
	ck_assert_str_eq(out, "1 2 {3,4} (5 6) [7]");
	ck_assert_uint_eq(mrt_aspath_origin(&p), 0);
	p.nseg = 1;
	p.nas = 2;
	ck_assert_uint_eq(mrt_aspath_origin(&p), 2);
}
END_TEST

/* --origin-as on paths as bgpdump writes them (mrt_origin_as.sh checks
 * the same rule against bgpdump's output on real files). */
START_TEST(test_origin_filter)
{
	uint32_t want[] = { 131279, 65531 };
	struct bo_filter f;

	bo_filter_init(&f);
	ck_assert(bo_filter_origin_path(&f, NULL));
	f.origin_as = want;
	f.norigin_as = 2;
	ck_assert(bo_filter_origin_path(&f, "3356 4837 131279"));
	ck_assert(!bo_filter_origin_path(&f, "3356 131279 4837"));
	ck_assert(!bo_filter_origin_path(&f, "3356 4837 1131279"));
	ck_assert(bo_filter_origin_path(&f, "3255 {65530,65531}"));
	ck_assert(bo_filter_origin_path(&f, "3255 {131279}"));
	ck_assert(!bo_filter_origin_path(&f, "3255 {65530,65532}"));
	ck_assert(!bo_filter_origin_path(&f, "131279 {65530}"));
	ck_assert(!bo_filter_origin_path(&f, ""));
	ck_assert(!bo_filter_origin_path(&f, NULL));
	ck_assert(!bo_filter_origin_path(&f, "0"));
	ck_assert(!bo_filter_origin_path(&f, "1 (65531)"));
	ck_assert(!bo_filter_origin_path(&f, "1 [131279]"));
	ck_assert(bo_filter_origin_path(&f, "65531"));
}
END_TEST

static Suite *
mrt_suite(void)
{
	Suite *s = suite_create("mrt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_as4_merge);
	tcase_add_test(tc, test_attr_overrun);
	tcase_add_test(tc, test_et_addpath_mp);
	tcase_add_test(tc, test_rib_before_index);
	tcase_add_test(tc, test_resync);
	tcase_add_test(tc, test_ip6_inet_ntop);
	tcase_add_test(tc, test_u32_ip4_text);
	tcase_add_test(tc, test_ip6_bgpdump);
	tcase_add_test(tc, test_aspath_text);
	tcase_add_test(tc, test_origin_filter);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(mrt_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
