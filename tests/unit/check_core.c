/* Unit tests for the core: util, cursor, event model, filters, sniffing,
 * diagnostics and the stream's line reader. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>
#include <blackout/diag.h>
#include <blackout/event.h>

#include "core/ctx.h"
#include "decode/decoder.h"
#include "event/peers.h"
#include "event/spill.h"
#include "input/ahead.h"
#include "input/input.h"
#include "util/arena.h"
#include "util/cursor.h"
#include "util/util.h"

START_TEST(test_prefix_parse_format)
{
	struct bo_prefix p, q;
	char buf[64];

	ck_assert_int_eq(bo_prefix_parse("175.45.176.0/22", &p), 0);
	ck_assert_int_eq(p.afi, BO_AFI_IPV4);
	ck_assert_int_eq(p.len, 22);
	ck_assert_str_eq(bo_prefix_format(&p, buf, sizeof(buf)),
	    "175.45.176.0/22");
	/* host bits are cleared, as bgpdump upstream prints them */
	ck_assert_int_eq(bo_prefix_parse("11.13.0.0/13", &q), 0);
	ck_assert_str_eq(bo_prefix_format(&q, buf, sizeof(buf)), "11.8.0.0/13");
	ck_assert_int_eq(bo_prefix_parse("2001:db8::1/32", &q), 0);
	ck_assert_str_eq(bo_prefix_format(&q, buf, sizeof(buf)),
	    "2001:db8::/32");
	ck_assert_int_eq(bo_prefix_parse("1.2.3.4/33", &q), -1);
	ck_assert_int_eq(bo_prefix_parse("1.2.3/8", &q), -1);
	ck_assert_int_eq(bo_prefix_parse("/8", &q), -1);
	ck_assert_int_eq(bo_prefix_parse("1.2.3.4/", &q), -1);
	ck_assert_int_eq(bo_prefix_parse("1.2.3.4", &q), 0);
	ck_assert_int_eq(q.len, 32);
}
END_TEST

START_TEST(test_prefix_covers)
{
	struct bo_prefix a, b, c, v6;

	ck_assert_int_eq(bo_prefix_parse("175.45.176.0/22", &a), 0);
	ck_assert_int_eq(bo_prefix_parse("175.45.179.0/24", &b), 0);
	ck_assert_int_eq(bo_prefix_parse("175.45.180.0/24", &c), 0);
	ck_assert_int_eq(bo_prefix_parse("::/0", &v6), 0);
	ck_assert(bo_prefix_covers(&a, &b));
	ck_assert(!bo_prefix_covers(&b, &a));
	ck_assert(!bo_prefix_covers(&a, &c));
	ck_assert(bo_prefix_covers(&a, &a));
	ck_assert(!bo_prefix_covers(&v6, &b));
	ck_assert_int_lt(bo_prefix_cmp(&a, &c), 0);
}
END_TEST

START_TEST(test_time)
{
	int64_t t;
	char buf[48];

	ck_assert_int_eq(parse_time_arg("2014-12-22T16:15:00Z", &t), 0);
	ck_assert_int_eq(t, 1419264900LL * 1000000);
	ck_assert_int_eq(parse_time_arg("2014-12-23T01:15:00+09:00", &t), 0);
	ck_assert_int_eq(t, 1419264900LL * 1000000);
	ck_assert_int_eq(parse_time_arg("@1419264900", &t), 0);
	ck_assert_int_eq(t, 1419264900LL * 1000000);
	ck_assert_int_eq(parse_time_arg("2014-12-22", &t), 0);
	ck_assert_int_eq(t, 1419206400LL * 1000000);
	ck_assert_int_eq(parse_time_arg("2015-10-23T02:01:48.5Z", &t), 0);
	ck_assert_int_eq(t, 1445565708500000LL);
	ck_assert_int_eq(parse_time_arg("2014-13-01", &t), -1);
	ck_assert_int_eq(parse_time_arg("2014-12-22T25:00Z", &t), -1);
	ck_assert_int_eq(parse_time_arg("yesterday", &t), -1);
	ck_assert_int_eq(parse_time_arg("2014-12-22T16:15:00Zjunk", &t), -1);
	ck_assert_str_eq(fmt_time_utc(1419264900LL * 1000000, 0, buf,
	    sizeof(buf)), "2014-12-22T16:15:00Z");
	ck_assert_str_eq(fmt_time_utc(1445565708123456LL, 1, buf, sizeof(buf)),
	    "2015-10-23T02:01:48.123456Z");
	ck_assert_str_eq(fmt_time_utc(-1, 1, buf, sizeof(buf)),
	    "1969-12-31T23:59:59.999999Z");
	/* leap day */
	ck_assert_int_eq(parse_time_arg("2016-02-29T00:00:00Z", &t), 0);
	ck_assert_str_eq(fmt_time_utc(t, 0, buf, sizeof(buf)),
	    "2016-02-29T00:00:00Z");
}
END_TEST

START_TEST(test_numbers)
{
	int64_t i;
	uint32_t u;

	ck_assert_int_eq(parse_i64("-12", &i), 0);
	ck_assert_int_eq(i, -12);
	ck_assert_int_eq(parse_i64("12x", &i), -1);
	ck_assert_int_eq(parse_i64("", &i), -1);
	ck_assert_int_eq(parse_i64("99999999999999999999", &i), -1);
	ck_assert_int_eq(parse_u32("4294967296", &u), -1);
	ck_assert_int_eq(parse_u32("-1", &u), -1);
	ck_assert_int_eq(parse_asn("AS131279", &u), 0);
	ck_assert_uint_eq(u, 131279);
	ck_assert_int_eq(parse_asn("as4837", &u), 0);
	ck_assert_uint_eq(u, 4837);
	ck_assert_int_eq(parse_asn("2.1", &u), 0);
	ck_assert_uint_eq(u, 131073);
	ck_assert_int_eq(parse_asn("AS", &u), -1);
	ck_assert_int_eq(parse_asn("1.70000", &u), -1);
}
END_TEST

START_TEST(test_json_escape)
{
	struct buf b;

	buf_init(&b);
	buf_add_json_str(&b, "a\"b\\c\n\x01");
	ck_assert_str_eq(b.data, "\"a\\\"b\\\\c\\n\\u0001\"");
	buf_reset(&b);
	/* invalid UTF-8 and an overlong NUL become U+FFFD */
	buf_add_json_str(&b, "x\xff" "y\xc0\x80z");
	ck_assert_str_eq(b.data, "\"x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbdz\"");
	buf_reset(&b);
	buf_add_json_str(&b, "\xe2\x82\xac");	/* euro sign stays */
	ck_assert_str_eq(b.data, "\"\xe2\x82\xac\"");
	buf_free(&b);
}
END_TEST

START_TEST(test_cursor)
{
	static const uint8_t data[] = { 0, 1, 2, 3, 4, 5, 6 };
	struct cursor c, sub;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	cur_init(&c, data, sizeof(data), 100);
	ck_assert_int_eq(cur_u16(&c, &u16), 0);
	ck_assert_uint_eq(u16, 1);
	ck_assert_uint_eq(cur_offset(&c), 102);
	ck_assert_int_eq(cur_sub(&c, 3, &sub), 0);
	ck_assert_int_eq(cur_u32(&sub, &u32), -1);	/* sub is 3 bytes */
	ck_assert_uint_eq(cur_left(&sub), 3);		/* nothing consumed */
	ck_assert_int_eq(cur_u8(&sub, &u8), 0);
	ck_assert_uint_eq(u8, 2);
	ck_assert_uint_eq(cur_offset(&sub), 103);
	ck_assert_int_eq(cur_u64(&c, &u64), -1);
	ck_assert_int_eq(cur_u16(&c, &u16), 0);
	ck_assert_uint_eq(u16, 0x0506);
	ck_assert_int_eq(cur_u8(&c, &u8), -1);
	ck_assert_int_eq(cur_skip(&c, 1), -1);
	ck_assert_int_eq(cur_sub(&c, 1, &sub), -1);
}
END_TEST

START_TEST(test_intern)
{
	struct intern *in = intern_new();
	const char *a, *b;
	char name[32];
	int i;

	a = intern_str(in, "rrc00");
	b = intern_strn(in, "rrc00xyz", 5);
	ck_assert_ptr_eq(a, b);
	ck_assert_ptr_ne(intern_str(in, "rrc01"), a);
	/* a probe with an inner NUL must not match a shorter string */
	ck_assert_ptr_ne(intern_strn(in, "rrc00\0abc", 9), a);
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "peer-%d", i);
		intern_str(in, name);
	}
	ck_assert_ptr_eq(intern_str(in, "rrc00"), a);
	ck_assert_str_eq(intern_str(in, "peer-4999"), "peer-4999");
	intern_free(in);
}
END_TEST

static void
mkev(struct bo_event *ev, int64_t t, const char *member, uint64_t off,
    uint64_t seq)
{
	memset(ev, 0, sizeof(*ev));
	ev->time_us = t;
	ev->kind = "bgp.announce";
	ev->prov.input = "in";
	ev->prov.member = member;
	ev->prov.offset = off;
	ev->seq = seq;
}

START_TEST(test_evstore_order)
{
	struct bo_evstore *st = bo_evstore_new();
	struct bo_event ev;
	struct bo_attr attrs[] = { { "as_path", "4837 131279" } };

	mkev(&ev, 20, "b", 0, 0);
	bo_evstore_add(st, &ev);
	mkev(&ev, 10, "b", 50, 1);
	bo_evstore_add(st, &ev);
	mkev(&ev, 10, "a", 99, 0);
	ev.attrs = attrs;
	ev.nattrs = 1;
	bo_evstore_add(st, &ev);
	mkev(&ev, 10, "b", 50, 0);
	bo_evstore_add(st, &ev);
	bo_evstore_sort(st);
	ck_assert_uint_eq(bo_evstore_count(st), 4);
	ck_assert_str_eq(bo_evstore_get(st, 0)->prov.member, "a");
	ck_assert_str_eq(bo_event_attr(bo_evstore_get(st, 0), "as_path"),
	    "4837 131279");
	ck_assert_uint_eq(bo_evstore_get(st, 1)->seq, 0);
	ck_assert_uint_eq(bo_evstore_get(st, 2)->seq, 1);
	ck_assert_int_eq(bo_evstore_get(st, 3)->time_us, 20);
	ck_assert_ptr_null(bo_evstore_get(st, 4));
	bo_evstore_free(st);
}
END_TEST

START_TEST(test_filter)
{
	struct bo_filter f;
	struct bo_event ev;
	struct bo_prefix p[1];
	uint32_t origin[] = { 131279 }, path[] = { 4837 };
	struct bo_attr attrs[] = { { "as_path", "3356 4837 131279" } };

	bo_filter_init(&f);
	mkev(&ev, 1000, "m", 0, 0);
	ck_assert(bo_filter_match(&f, &ev));
	f.from_us = 1001;
	ck_assert(!bo_filter_match(&f, &ev));
	f.from_us = 1000;
	f.to_us = 1000;			/* exclusive */
	ck_assert(!bo_filter_match(&f, &ev));
	f.to_us = INT64_MAX;

	ck_assert_int_eq(bo_prefix_parse("175.45.176.0/22", &p[0]), 0);
	f.prefixes = p;
	f.nprefixes = 1;
	/* no prefix: passes unless strict */
	ck_assert(bo_filter_match(&f, &ev));
	f.strict_keys = 1;
	ck_assert(!bo_filter_match(&f, &ev));
	f.strict_keys = 0;
	ck_assert_int_eq(bo_prefix_parse("175.45.177.0/24", &ev.prefix), 0);
	ck_assert(bo_filter_match(&f, &ev));
	f.prefix_match = BO_MATCH_EXACT;
	ck_assert(!bo_filter_match(&f, &ev));
	f.prefix_match = BO_MATCH_LESS;
	ck_assert(!bo_filter_match(&f, &ev));
	f.prefix_match = BO_MATCH_ANY;
	ck_assert(bo_filter_match(&f, &ev));

	f.origin_as = origin;
	f.norigin_as = 1;
	ev.asn = 4837;
	ck_assert(!bo_filter_match(&f, &ev));
	ev.asn = 131279;
	ck_assert(bo_filter_match(&f, &ev));
	f.path_as = path;
	f.npath_as = 1;
	ev.attrs = attrs;
	ev.nattrs = 1;
	ck_assert(bo_filter_match(&f, &ev));
	attrs[0].value = "3356 48370 131279";	/* 48370 is not 4837 */
	ck_assert(!bo_filter_match(&f, &ev));
}
END_TEST

START_TEST(test_sniff)
{
	/* one BGP4MP_ET MESSAGE_AS4 header, length 0 */
	static const uint8_t mrt[] = { 0x56, 0x29, 0x94, 0x0c, 0, 17, 0, 4,
	    0, 0, 0, 0 };
	static const uint8_t bin[] = { 0x89, 'P', 'N', 'G', 0, 0, 0, 13,
	    1, 2, 3, 0 };
	const char *s;

	ck_assert_int_eq(bo_sniff_bytes(mrt, sizeof(mrt)), BO_SNIFF_MRT);
	ck_assert_int_eq(bo_sniff_bytes(bin, sizeof(bin)), BO_SNIFF_BINARY);
	s = "BGP4MP|1445565708|A|1.2.3.4|3856|175.45.176.0/24|";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_BGPDUMP);
	s = "\xef\xbb\xbf  <?xml version=\"1.0\"?><rss/>";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_XML);
	s = "\n{\"fw\": 4740}";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_JSON);
	s = "[1419264900.000000] 64 bytes from 175.45.176.1: icmp_seq=1\n";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_TEXT);
	s = "<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - BOM'su root'\n";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_TEXT);
	s = "<!-- feed -->\n<rss version=\"2.0\">";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_XML);
	s = "[1, 2,\n 3]";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_JSON);
	s = "[{\"fw\": 1}]";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_JSON);
	s = "PING 175.45.176.1 (175.45.176.1) 56(84) bytes of data.\n";
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, strlen(s)),
	    BO_SNIFF_TEXT);
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)s, 0),
	    BO_SNIFF_EMPTY);
}
END_TEST

struct captured {
	char	msg[512];
	int	n;
};

static void
capture(void *arg, enum bo_grade g, const char *msg)
{
	struct captured *c = arg;

	(void)g;
	snprintf(c->msg, sizeof(c->msg), "%s", msg);
	c->n++;
}

START_TEST(test_diag)
{
	struct captured cap = { "", 0 };
	struct bo_diag *d = bo_diag_new(capture, &cap);
	struct bo_where w = { "case.tar.gz", "rrc00/updates.gz", 992312, 1,
	    0, 0 };
	struct bo_where l = { "rules/ping.yaml", NULL, 0, 0, 12, 7 };
	enum bo_counter c;
	const char *r;

	bo_diag_report(d, BO_WARN, &w, "record %d: AS_PATH overruns", 1832);
	ck_assert_str_eq(cap.msg, "case.tar.gz!rrc00/updates.gz: byte 992312: "
	    "record 1832: AS_PATH overruns");
	bo_diag_report(d, BO_FAIL, &l, "pattern error");
	ck_assert_str_eq(cap.msg, "rules/ping.yaml:12:7: pattern error");
	ck_assert_uint_eq(bo_diag_get(d, BO_CNT_WARNINGS), 1);
	ck_assert_uint_eq(bo_diag_get(d, BO_CNT_ERRORS), 1);
	ck_assert_int_eq(bo_diag_worst(d), BO_FAIL);
	bo_diag_reason(d, BO_CNT_MEMBERS_SKIPPED, "empty");
	bo_diag_reason(d, BO_CNT_MEMBERS_FAILED, "encrypted member");
	bo_diag_reason(d, BO_CNT_MEMBERS_SKIPPED, "empty");
	ck_assert_uint_eq(bo_diag_nreasons(d), 2);
	ck_assert_uint_eq(bo_diag_reason_at(d, 0, &c, &r), 2);
	ck_assert_int_eq(c, BO_CNT_MEMBERS_SKIPPED);
	bo_diag_set_limit(d, 2);
	bo_diag_report(d, BO_WARN, NULL, "dropped");
	ck_assert_int_eq(cap.n, 2);
	ck_assert_uint_eq(bo_diag_suppressed(d), 1);
	ck_assert_uint_eq(bo_diag_get(d, BO_CNT_WARNINGS), 2);
	bo_diag_free(d);
}
END_TEST

/* -v: a thread's buffered messages are shown as they come (the tee) and
 * not again when merged in file order; counts travel either way. */
START_TEST(test_diag_tee)
{
	struct captured live = { "", 0 }, main_ = { "", 0 };
	struct bo_diag *d = bo_diag_new(capture, &main_);
	struct bo_diag *b = bo_diag_new_buffer(), *b2 = bo_diag_new_buffer();

	bo_diag_set_tee(b, capture, &live);
	bo_diag_report(b, BO_WARN, NULL, "first");
	ck_assert_int_eq(live.n, 1);
	ck_assert_str_eq(live.msg, "first");
	ck_assert_int_eq(main_.n, 0);
	bo_diag_report(b2, BO_WARN, NULL, "untee'd");
	bo_diag_merge(d, b);
	bo_diag_merge(d, b2);
	ck_assert_int_eq(live.n, 1);
	ck_assert_int_eq(main_.n, 1);
	ck_assert_str_eq(main_.msg, "untee'd");
	ck_assert_uint_eq(bo_diag_get(d, BO_CNT_WARNINGS), 2);
	bo_diag_free(b);
	bo_diag_free(b2);
	bo_diag_free(d);
}
END_TEST

START_TEST(test_stream_lines)
{
	static const char text[] = "one\r\ntwo\n\nthree-is-long\nlast";
	struct bo_stream *s = bo_stream_mem_new(text, sizeof(text) - 1);
	const char *line;
	size_t len;
	int trunc;

	ck_assert_int_eq(bo_stream_line(s, 100, &line, &len, &trunc), 0);
	ck_assert_int_eq((int)len, 3);
	ck_assert(memcmp(line, "one", 3) == 0);
	ck_assert_int_eq(bo_stream_line(s, 100, &line, &len, &trunc), 0);
	ck_assert(len == 3 && memcmp(line, "two", 3) == 0);
	ck_assert_int_eq(bo_stream_line(s, 100, &line, &len, &trunc), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(bo_stream_line(s, 5, &line, &len, &trunc), 0);
	ck_assert(trunc && len == 5 && memcmp(line, "three", 5) == 0);
	ck_assert_int_eq(bo_stream_line(s, 100, &line, &len, &trunc), 0);
	ck_assert(!trunc && len == 4 && memcmp(line, "last", 4) == 0);
	ck_assert_int_eq(bo_stream_line(s, 100, &line, &len, &trunc), -1);
	bo_stream_mem_free(s);
}
END_TEST

/* A producer of numbered blocks: call i gives i % 5 + 1 bytes of value i,
 * damage from call 30 on, and the end at call 40 (forever when endless). */
struct numbered {
	unsigned	 i;
	int		 endless;
};

static ssize_t
numbered_fn(void *arg, void *buf, size_t n, struct bo_ahead_state *st)
{
	struct numbered *p = arg;
	size_t len = p->i % 5 + 1;

	ck_assert_uint_ge(n, 5);
	st->in = 100 * (uint64_t)(p->i + 1);
	st->damaged = p->i >= 30;
	if (!p->endless && p->i >= 40)
		return 0;
	memset(buf, (int)(p->i & 0xff), len);
	p->i++;
	return (ssize_t)len;
}

START_TEST(test_ahead_order)
{
	struct numbered p = { 0, 0 }, q = { 0, 1 };
	struct bo_ahead_state st;
	struct bo_ahead *h;
	const uint8_t *b;
	const void *v;
	unsigned i, k;
	ssize_t n;

	/* two slots: the producer waits on the reader all the time */
	h = bo_ahead_new(numbered_fn, &p, 8, 2);
	ck_assert_ptr_nonnull(h);
	for (i = 0; i < 40; i++) {
		n = bo_ahead_read(h, &v, &st);
		b = v;
		ck_assert_int_eq((int)n, (int)(i % 5 + 1));
		for (k = 0; k < (unsigned)n; k++)
			ck_assert_uint_eq(b[k], i);
		/* the state after this very call, not a later one */
		ck_assert_uint_eq(st.in, 100 * (uint64_t)(i + 1));
		ck_assert_int_eq(st.damaged, i >= 30);
	}
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq((int)bo_ahead_read(h, &v, &st), 0);
		ck_assert_uint_eq(st.in, 4100);
		ck_assert_int_eq(st.damaged, 1);
	}
	bo_ahead_free(h);
	/* stopped while the ring is full and the producer waits */
	h = bo_ahead_new(numbered_fn, &q, 8, 3);
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq((int)bo_ahead_read(h, &v, &st), 1);
	bo_ahead_free(h);
}
END_TEST

START_TEST(test_arena)
{
	struct arena a;
	char *big, *s;
	int i;

	arena_init(&a);
	for (i = 0; i < 10000; i++) {
		s = arena_strdup(&a, "175.45.176.0/24");
		ck_assert_str_eq(s, "175.45.176.0/24");
		ck_assert_uint_eq((uintptr_t)s % 16, 0);
	}
	big = arena_alloc(&a, 1 << 20);	/* larger than a chunk */
	memset(big, 1, 1 << 20);
	ck_assert_ptr_null(arena_strdup(&a, NULL));
	arena_free(&a);
}
END_TEST

START_TEST(test_peer_tables)
{
	struct bo_ctx *ctx = bo_ctx_new(NULL);
	struct bo_event ev;
	char addr[32], pfx[32];
	int dump, i, k;

	ctx->peers = bo_peers_new();
	memset(&ev, 0, sizeof(ev));
	ev.kind = "bgp.rib";
	ev.collector = "rrc00";
	/* two dumps; peer .1 has a full table of 300, .2 a partial 20; a
	 * third peer on another collector shares .1's address */
	for (dump = 0; dump < 2; dump++) {
		for (i = 0; i < 300; i++) {
			snprintf(pfx, sizeof(pfx), "10.%d.%d.0/24", i / 256,
			    i % 256);
			ck_assert_int_eq(bo_prefix_parse(pfx, &ev.prefix), 0);
			for (k = 1; k <= 2; k++) {
				if (k == 2 && i >= 20)
					continue;
				snprintf(addr, sizeof(addr), "192.0.2.%d", k);
				ev.peer = addr;
				ev.peer_as = 64500 + (uint32_t)k;
				bo_peers_count(ctx->peers, &ev);
			}
		}
		bo_peers_member_end(ctx->peers);
	}
	ev.collector = "route-views2";
	ev.peer = "192.0.2.1";
	ck_assert_int_eq(bo_prefix_parse("2001:db8::/32", &ev.prefix), 0);
	bo_peers_count(ctx->peers, &ev);
	bo_peers_member_end(ctx->peers);
	bo_peers_finish(ctx->peers);
	ck_assert_uint_eq(bo_ctx_npeers(ctx), 3);
	ck_assert_str_eq(bo_ctx_peer(ctx, 0)->collector, "route-views2");
	ck_assert_uint_eq(bo_ctx_peer(ctx, 0)->v6_prefixes, 1);
	ck_assert_str_eq(bo_ctx_peer(ctx, 1)->peer, "192.0.2.1");
	ck_assert_uint_eq(bo_ctx_peer(ctx, 1)->v4_prefixes, 300);
	ck_assert_uint_eq(bo_ctx_peer(ctx, 1)->dumps, 2);
	ck_assert_uint_eq(bo_ctx_peer(ctx, 2)->v4_prefixes, 20);
	ck_assert_uint_eq(bo_ctx_peer(ctx, 2)->peer_as, 64502);
	ck_assert_ptr_null(bo_ctx_peer(ctx, 3));
	bo_ctx_free(ctx);
}
END_TEST

START_TEST(test_spill_roundtrip)
{
	struct bo_evstore *st = bo_evstore_new();
	struct bo_spill_reader *rd;
	const struct bo_event *got;
	struct bo_event ev;
	struct bo_attr attrs[] = { { "as_path", "4837 131279" },
	    { "empty", "" } };
	FILE *f;
	int err, i;

	for (i = 0; i < 100; i++) {
		mkev(&ev, 1000 - i, i % 2 ? "rrc00/u.gz" : "rrc01/u.gz",
		    (uint64_t)i * 10, (uint64_t)i);
		ev.prec = BO_PREC_US;
		ev.cls = BO_CLASS_CLAIM;
		ev.src = BO_SRC_SOCIAL;
		ev.text = i == 3 ? "tango down \xf0\x9f\x98\x80" : NULL;
		ev.peer_as = 3856;
		ev.asn = 131279;
		ck_assert_int_eq(bo_prefix_parse("2001:db8::/32", &ev.prefix),
		    0);
		ev.attrs = attrs;
		ev.nattrs = i % 3 == 0 ? 2 : 0;
		bo_evstore_add(st, &ev);
	}
	f = bo_spill_write(st);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(bo_evstore_count(st), 0);
	rd = bo_spill_reader_new(f);
	for (i = 0; i < 100; i++) {
		got = bo_spill_next(rd, &err);
		ck_assert_ptr_nonnull(got);
		ck_assert_int_eq(got->time_us, 901 + i);
		ck_assert_uint_eq(got->seq, (uint64_t)(99 - i));
		ck_assert_int_eq(got->prec, BO_PREC_US);
		ck_assert_int_eq(got->src, BO_SRC_SOCIAL);
		ck_assert_uint_eq(got->asn, 131279);
		ck_assert_int_eq(got->prefix.afi, BO_AFI_IPV6);
		ck_assert_str_eq(got->kind, "bgp.announce");
		ck_assert_ptr_null(got->peer);
		if (got->seq == 3)
			ck_assert_str_eq(got->text, "tango down \xf0\x9f\x98\x80");
		else
			ck_assert_ptr_null(got->text);
		if (got->seq % 3 == 0) {
			ck_assert_uint_eq(got->nattrs, 2);
			ck_assert_str_eq(bo_event_attr(got, "as_path"),
			    "4837 131279");
			ck_assert_str_eq(bo_event_attr(got, "empty"), "");
		} else
			ck_assert_uint_eq(got->nattrs, 0);
	}
	ck_assert_ptr_null(bo_spill_next(rd, &err));
	ck_assert_int_eq(err, 0);
	bo_spill_reader_free(rd);
	bo_evstore_free(st);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_prefix_parse_format);
	tcase_add_test(tc, test_prefix_covers);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_json_escape);
	tcase_add_test(tc, test_cursor);
	tcase_add_test(tc, test_intern);
	tcase_add_test(tc, test_evstore_order);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_sniff);
	tcase_add_test(tc, test_diag);
	tcase_add_test(tc, test_diag_tee);
	tcase_add_test(tc, test_stream_lines);
	tcase_add_test(tc, test_ahead_order);
	tcase_add_test(tc, test_arena);
	tcase_add_test(tc, test_peer_tables);
	tcase_add_test(tc, test_spill_roundtrip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
