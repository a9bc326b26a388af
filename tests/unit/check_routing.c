/*
 * The hijack and leak detectors on their own, fed route events by hand.
 * Six counted peers (0-5) on two collectors (0-2 on collector 0, 3-5 on
 * collector 1); the baseline is the first hour after the first route.
 * Every expected number follows from the routes written here.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/routing.h"
#include "util/util.h"

#define S	((int64_t)1000000)
#define T0	((int64_t)1203811200 * S)	/* 2008-02-24 00:00 UTC */
#define H	(3600 * S)

static struct rt_params
params(void)
{
	struct rt_params p;

	p.baseline_s = 3600;
	p.visibility_threshold = 0.5;
	p.merge_gap_s = 600;
	p.leak_min_prefixes = 10;
	p.leak_window_s = 600;
	p.leak_min_peers = 2;
	return p;
}

static struct corr_target_spec spec;
static uint32_t spec_asn;
static struct bo_prefix spec_pfx;

static struct rt *
new_asn(uint32_t asn)
{
	memset(&spec, 0, sizeof(spec));
	spec.name = "target";
	spec_asn = asn;
	spec.asns = &spec_asn;
	spec.nasns = 1;
	struct rt_params p = params();
	return rt_new(&spec, 1, &p);
}

static struct rt *
new_prefix(const char *pfx)
{
	struct rt_params p = params();

	memset(&spec, 0, sizeof(spec));
	spec.name = "target";
	ck_assert_int_eq(bo_prefix_parse(pfx, &spec_pfx), 0);
	spec.pfx = &spec_pfx;
	spec.npfx = 1;
	return rt_new(&spec, 1, &p);
}

static uint32_t
six(const void *arg, int64_t t)
{
	(void)arg;
	(void)t;
	return 6;
}

static void
route(struct rt *r, int64_t t, size_t peer, const char *pfx, uint32_t origin,
    const char *path, bool counted, bool view)
{
	struct bo_prefix p;
	struct rt_route e;

	ck_assert_int_eq(bo_prefix_parse(pfx, &p), 0);
	memset(&e, 0, sizeof(e));
	e.t = t;
	e.prec = BO_PREC_S;
	e.prefix = &p;
	e.origin = origin;
	e.path = path;
	e.peer = peer;
	e.coll = peer / 3;
	e.counted = counted;
	e.view = view;
	e.peers_counted = six;
	e.ev.input = "test";
	e.ev.member = "";
	e.ev.offset = (uint64_t)peer;
	rt_route(r, &e);
}

/* A route from a peer whose table is not known yet (no snapshot, no
 * session seen coming up): learned, never judged. */
static void
unseen(struct rt *r, int64_t t, size_t peer, const char *pfx, uint32_t origin,
    const char *path)
{
	route(r, t, peer, pfx, origin, path, true, false);
}

static void
announce(struct rt *r, int64_t t, size_t peer, const char *pfx,
    uint32_t origin, const char *path)
{
	route(r, t, peer, pfx, origin, path, true, true);
}

static void
withdraw(struct rt *r, int64_t t, size_t peer, const char *pfx)
{
	route(r, t, peer, pfx, 0, NULL, true, true);
}

static bool
misrouted(const struct rt *r, const char *pfx)
{
	struct bo_prefix p;

	ck_assert_int_eq(bo_prefix_parse(pfx, &p), 0);
	return rt_only_misrouted(r, &p);
}

/* YouTube's /22 in the baseline; AS17557's /24 via AS3491 at peers 0-4
 * from 18:47; YouTube's own /24 at peers 0-3 at 20:07 and its /25s at
 * peers 0-5 at 20:18; peer 4 keeps AS17557's route until 21:01. */
START_TEST(hijack_more_specific)
{
	struct rt *r = new_asn(36561);
	const struct rt_incident *in;
	int64_t on = T0 + 18 * H + 47 * 60 * S;
	size_t p;

	for (p = 0; p < 6; p++)
		announce(r, T0 + p * S, p, "208.65.152.0/22", 36561,
		    "64500 3356 36561");
	for (p = 0; p < 5; p++)
		announce(r, on + (int64_t)p * S, p, "208.65.153.0/24", 17557,
		    "64500 3491 17557");
	for (p = 0; p < 4; p++)
		announce(r, T0 + 20 * H + 7 * 60 * S, p, "208.65.153.0/24",
		    36561, "64500 3356 36561");
	for (p = 0; p < 6; p++) {
		announce(r, T0 + 20 * H + 18 * 60 * S, p, "208.65.153.0/25",
		    36561, "64500 3356 36561");
		announce(r, T0 + 20 * H + 18 * 60 * S + S, p,
		    "208.65.153.128/25", 36561, "64500 3356 36561");
	}
	withdraw(r, T0 + 21 * H + 61 * S, 4, "208.65.153.0/24");
	rt_close(r, T0 + 24 * H);

	ck_assert_uint_eq(rt_count(r), 1);
	in = rt_get(r, 0);
	ck_assert_int_eq(in->kind, RT_HIJACK);
	ck_assert_int_eq(in->onset, on);
	ck_assert(in->has_end);
	ck_assert_int_eq(in->end, T0 + 21 * H + 61 * S);
	ck_assert_uint_eq(in->as, 17557);
	ck_assert_uint_eq(in->upstream, 3491);
	ck_assert_uint_eq(in->npfx, 1);
	ck_assert_uint_eq(in->peers, 5);
	ck_assert_uint_eq(in->peers_total, 6);
	ck_assert(in->unreachable);
	ck_assert_uint_eq(in->colls, 3);
	ck_assert_uint_eq(in->norigins, 1);
	ck_assert_uint_eq(in->origins[0], 36561);
	ck_assert_ptr_nonnull(strstr(in->effect, "traffic for "
	    "208.65.153.0/24 drawn to AS17557 at 5 of 6 peers"));
	ck_assert_ptr_nonnull(strstr(in->effect, "208.65.152.0/22 stayed "
	    "visible (routed to its origin by 6 peers)"));
	/* onset, the /24 at 20:07, the two /25s at 20:18 (one signal), end */
	ck_assert_uint_eq(in->nsigs, 4);
	ck_assert_str_eq(in->sigs[1].kind, "bgp.hijack_countermeasure");
	ck_assert_int_eq(in->sigs[1].t, T0 + 20 * H + 7 * 60 * S);
	ck_assert_ptr_nonnull(strstr(in->sigs[1].summary,
	    "208.65.153.0/24 itself"));
	ck_assert_int_eq(in->sigs[2].t, T0 + 20 * H + 18 * 60 * S);
	ck_assert_ptr_nonnull(strstr(in->sigs[2].summary, "208.65.153.0/25, "
	    "208.65.153.128/25, inside the hijacked 208.65.153.0/24"));
	ck_assert_str_eq(in->sigs[3].kind, "bgp.hijack_end");
	rt_free(r);
}
END_TEST

/* Two origins for one prefix in the baseline: the second one coming back
 * later is no hijack. */
START_TEST(normal_moas)
{
	struct rt *r = new_asn(64510);
	size_t p;

	for (p = 0; p < 6; p++)
		announce(r, T0 + p * S, p, "198.18.30.0/24",
		    p < 3 ? 64510 : 64511, p < 3 ? "64500 174 64510" :
		    "64500 3356 64511");
	for (p = 3; p < 6; p++)
		withdraw(r, T0 + 12 * H, p, "198.18.30.0/24");
	for (p = 3; p < 6; p++)
		announce(r, T0 + 12 * H + 1800 * S, p, "198.18.30.0/24", 64511,
		    "64500 3356 64511");
	rt_close(r, T0 + 24 * H);
	ck_assert_uint_eq(rt_count(r), 0);
	rt_free(r);
}
END_TEST

/* A more-specific whose path goes through the owner is its customer's;
 * one seen only at peers that are not counted is not reported. */
START_TEST(customer_and_uncounted)
{
	struct rt *r = new_asn(64500);
	size_t p;

	for (p = 0; p < 6; p++)
		announce(r, T0, p, "10.0.0.0/16", 64500, "3356 64500");
	for (p = 0; p < 6; p++)
		announce(r, T0 + 2 * H, p, "10.0.1.0/24", 65001,
		    "3356 64500 65001");
	for (p = 0; p < 6; p++)
		route(r, T0 + 3 * H, p, "10.0.2.0/24", 65002, "3356 65002",
		    false, true);
	rt_close(r, T0 + 24 * H);
	ck_assert_uint_eq(rt_count(r), 0);
	rt_free(r);
}
END_TEST

/* A prefix target: its origin is learned in the baseline; the same prefix
 * from another origin later is an exact-prefix hijack, which does not
 * make the prefix unreachable; a session going down ends it. */
START_TEST(exact_prefix_peer_down)
{
	struct rt *r = new_prefix("192.0.2.0/24");
	const struct rt_incident *in;
	struct rt_evid ev = { "test", "", 99, 0 };
	size_t p;

	for (p = 0; p < 6; p++)
		announce(r, T0, p, "192.0.2.0/24", 100, "3356 100");
	announce(r, T0 + 5 * H, 0, "192.0.2.0/24", 200, "174 200");
	announce(r, T0 + 5 * H, 1, "192.0.2.0/24", 200, "174 200");
	withdraw(r, T0 + 5 * H + 60 * S, 1, "192.0.2.0/24");
	rt_peer_down(r, 0, T0 + 5 * H + 120 * S, BO_PREC_S, &ev);
	rt_close(r, T0 + 24 * H);
	ck_assert_uint_eq(rt_count(r), 1);
	in = rt_get(r, 0);
	ck_assert_uint_eq(in->as, 200);
	ck_assert_uint_eq(in->upstream, 174);
	ck_assert_uint_eq(in->peers, 2);
	ck_assert(!in->unreachable);
	ck_assert(in->has_end);
	ck_assert_int_eq(in->end, T0 + 5 * H + 120 * S);
	ck_assert_uint_eq(in->origins[0], 100);
	ck_assert(!misrouted(r, "192.0.2.0/24"));
	rt_free(r);
}
END_TEST

/* A more-specific first seen at peers whose table is not known is what
 * was there (learned); the same origin later at known peers is not a
 * hijack, while a third origin is. */
START_TEST(no_view_learned)
{
	struct rt *r = new_asn(64500);
	size_t p;

	for (p = 0; p < 6; p++)
		announce(r, T0, p, "10.0.0.0/16", 64500, "3356 64500");
	for (p = 0; p < 6; p++)
		unseen(r, T0 + 2 * H, p, "10.0.9.0/24", 65009, "174 65009");
	for (p = 0; p < 6; p++)
		announce(r, T0 + 3 * H, p, "10.0.9.0/24", 65009,
		    "1299 174 65009");
	ck_assert_uint_eq(rt_count(r), 0);
	for (p = 0; p < 6; p++)
		unseen(r, T0 + 4 * H, p, "10.0.8.0/24", 65008, "174 65008");
	ck_assert_uint_eq(rt_count(r), 0);
	for (p = 0; p < 2; p++)
		announce(r, T0 + 5 * H, p, "10.0.7.0/24", 65007, "174 65007");
	rt_close(r, T0 + 24 * H);
	ck_assert_uint_eq(rt_count(r), 1);
	ck_assert_uint_eq(rt_get(r, 0)->as, 65007);
	rt_free(r);
}
END_TEST

static const char *
leaked(int i)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "153.128.%d.0/24", i * 16);
	return buf;
}

/* OCN's /16 via AS2914 in the baseline; twelve more-specifics via
 * "701 15169 4713" at peers 0-3 within a minute, withdrawn 8 minutes
 * later. */
START_TEST(leak_more_specifics)
{
	struct rt *r = new_asn(4713);
	const struct rt_incident *in;
	int64_t on = T0 + 3 * H + 22 * 60 * S;
	size_t p;
	int i;

	for (p = 0; p < 6; p++)
		announce(r, T0, p, "153.128.0.0/16", 4713, "64500 2914 4713");
	for (i = 0; i < 12; i++)
		for (p = 0; p < 4; p++)
			announce(r, on + i * 5 * S + (int64_t)p * S, p,
			    leaked(i), 4713, p == 0 ? "701 15169 4713" :
			    "64500 3356 701 15169 4713");
	for (i = 0; i < 12; i++)
		for (p = 0; p < 4; p++)
			withdraw(r, on + 480 * S + i * S, p, leaked(i));
	rt_close(r, T0 + 12 * H);
	ck_assert_uint_eq(rt_count(r), 1);
	in = rt_get(r, 0);
	ck_assert_int_eq(in->kind, RT_LEAK);
	ck_assert_int_eq(in->onset, on);
	ck_assert(in->has_end);
	ck_assert_int_eq(in->end, on + 480 * S + 11 * S);
	ck_assert_uint_eq(in->as, 15169);
	ck_assert_uint_eq(in->upstream, 701);
	ck_assert_uint_eq(in->npfx, 12);
	ck_assert_uint_eq(in->norigins, 1);
	ck_assert_uint_eq(in->origins[0], 4713);
	ck_assert_uint_eq(in->peers, 4);
	ck_assert_ptr_nonnull(strstr(in->effect, "12 prefixes (origin AS4713; "
	    "12 of them more-specifics"));
	ck_assert(misrouted(r, leaked(3)));
	ck_assert(!misrouted(r, "153.128.0.0/16"));
	rt_free(r);
}
END_TEST

/* Below the thresholds: nine prefixes through a new transit at four
 * peers, then twelve at a single peer (its own path hunting), then twelve
 * spread over more than leak_window_s: no leak. */
START_TEST(leak_thresholds)
{
	struct rt *r = new_asn(4713);
	size_t p;
	int i;

	for (p = 0; p < 6; p++)
		announce(r, T0, p, "153.128.0.0/16", 4713, "64500 2914 4713");
	for (i = 0; i < 9; i++)
		for (p = 0; p < 4; p++)
			announce(r, T0 + 2 * H + i * S, p, leaked(i), 4713,
			    "64500 701 15169 4713");
	for (i = 0; i < 9; i++)
		for (p = 0; p < 4; p++)
			withdraw(r, T0 + 2 * H + 60 * S, p, leaked(i));
	for (i = 0; i < 12; i++)
		announce(r, T0 + 3 * H + i * S, 5, leaked(i), 4713,
		    "64500 1299 6453 4713");
	for (i = 0; i < 12; i++)
		withdraw(r, T0 + 3 * H + 60 * S, 5, leaked(i));
	for (i = 0; i < 12; i++)
		for (p = 0; p < 2; p++)
			announce(r, T0 + 4 * H + i * 120 * S, p, leaked(i),
			    4713, "64500 174 9999 4713");
	rt_close(r, T0 + 12 * H);
	ck_assert_uint_eq(rt_count(r), 0);
	rt_free(r);
}
END_TEST

/* What the baseline shows is not news: a transit seen then never leaks. */
START_TEST(leak_baseline_transit)
{
	struct rt *r = new_asn(4713);
	size_t p;
	int i;

	for (p = 0; p < 6; p++) {
		announce(r, T0, p, "153.128.0.0/16", 4713, "64500 2914 4713");
		announce(r, T0, p, "153.129.0.0/16", 4713,
		    "64500 701 15169 4713");
	}
	for (i = 0; i < 12; i++)
		for (p = 0; p < 4; p++)
			announce(r, T0 + 2 * H + i * S, p, leaked(i), 4713,
			    "64500 701 15169 4713");
	rt_close(r, T0 + 12 * H);
	ck_assert_uint_eq(rt_count(r), 0);
	rt_free(r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("routing");
	TCase *tc = tcase_create("detectors");

	tcase_add_test(tc, hijack_more_specific);
	tcase_add_test(tc, normal_moas);
	tcase_add_test(tc, customer_and_uncounted);
	tcase_add_test(tc, exact_prefix_peer_down);
	tcase_add_test(tc, no_view_learned);
	tcase_add_test(tc, leak_more_specifics);
	tcase_add_test(tc, leak_thresholds);
	tcase_add_test(tc, leak_baseline_transit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int nf;

	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
