/*
 * The correlator on synthetic event streams shaped like real data: a RIB
 * snapshot from three full-feed peers and one partial peer on each of two
 * collectors (rrc00, route-views2), then updates in 15-minute files with
 * background churn, probes, claims and reports.  Every expected number is
 * worked out by hand in the comments, from the scenario, not from output.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <blackout/correlate.h>

#include "correlate/corr.h"
#include "render/render.h"
#include "util/util.h"

#define S	((int64_t)1000000)
#define NPEER	8	/* 0-2 rrc00 full, 3 rrc00 partial, 4-6 rv2 full,
			 * 7 rv2 partial */
#define NBG	40	/* background prefixes 10.N.0.0/16 */

static const char *const tpfx[4] = {
	"175.45.176.0/24", "175.45.177.0/24", "175.45.178.0/24",
	"175.45.179.0/24"
};

struct scen {
	struct bo_evstore *st;
	uint64_t	 off;
	struct bo_case	*cs;
};

static int64_t
T(const char *s)
{
	int64_t t;

	ck_assert_int_eq(parse_time_arg(s, &t), 0);
	return t;
}

static const char *
coll_of(int peer)
{
	return peer < 4 ? "rrc00" : "route-views2";
}

static void
peer_addr(int peer, char *buf, size_t len)
{
	snprintf(buf, len, "192.0.2.%d", peer + 1);
}

static uint32_t
peer_as(int peer)
{
	static const uint32_t as[NPEER] = { 2914, 3356, 1299, 64500, 6939,
	    174, 3257, 64501 };

	return as[peer];
}

/* Member names as RIS lays them out: one update file per 15 minutes. */
static void
member_of(const char *coll, int64_t t, int rib, char *buf, size_t len)
{
	char ts[40];
	int64_t f = t - ((t / S) % 900) * S;

	fmt_time_utc(rib ? t : f, 0, ts, sizeof(ts));
	snprintf(buf, len, "%s/2014.12/%s.%.4s%.2s%.2s.%.2s%.2s.gz", coll,
	    rib ? "bview" : "updates", ts, ts + 5, ts + 8, ts + 11, ts + 14);
}

static void
ev_bgp(struct scen *sc, const char *kind, int64_t t, int peer,
    const char *prefix, uint32_t origin, const char *path,
    const char *state)
{
	struct bo_event ev;
	struct bo_attr a[2];
	char addr[32], member[128];
	bool state_ev = strcmp(kind, "bgp.state") == 0;

	memset(&ev, 0, sizeof(ev));
	ev.time_us = t;
	ev.prec = BO_PREC_S;
	ev.cls = BO_CLASS_SIGNAL;
	/* what the MRT decoder gives: the role, and a route's op */
	ev.role = state_ev ? BO_ROLE_SESSION : BO_ROLE_ROUTE;
	ev.src = BO_SRC_BGP;
	ev.kind = kind;
	ev.collector = coll_of(peer);
	peer_addr(peer, addr, sizeof(addr));
	ev.peer = addr;
	ev.peer_as = peer_as(peer);
	if (prefix != NULL)
		ck_assert_int_eq(bo_prefix_parse(prefix, &ev.prefix), 0);
	ev.asn = origin;
	ev.attrs = a;
	if (path != NULL) {
		a[ev.nattrs].key = state ? "new_state" : "as_path";
		a[ev.nattrs++].value = path;
	}
	if (!state_ev) {
		a[ev.nattrs].key = "op";
		a[ev.nattrs++].value = strcmp(kind, "bgp.rib") == 0 ? "rib" :
		    strcmp(kind, "bgp.withdraw") == 0 ? "withdraw" :
		    "announce";
	}
	member_of(ev.collector, t, strcmp(kind, "bgp.rib") == 0, member,
	    sizeof(member));
	ev.prov.input = "case.tar.gz";
	ev.prov.member = member;
	ev.prov.offset = sc->off++;
	bo_evstore_add(sc->st, &ev);
}

static void
announce(struct scen *sc, int64_t t, int peer, const char *prefix,
    uint32_t origin, const char *transit)
{
	char path[64];

	snprintf(path, sizeof(path), "%" PRIu32 " %s %" PRIu32, peer_as(peer),
	    transit, origin);
	ev_bgp(sc, "bgp.announce", t, peer, prefix, origin, path, NULL);
}

static void
withdraw(struct scen *sc, int64_t t, int peer, const char *prefix)
{
	ev_bgp(sc, "bgp.withdraw", t, peer, prefix, 0, NULL, NULL);
}

static void
state(struct scen *sc, int64_t t, int peer, const char *st)
{
	ev_bgp(sc, "bgp.state", t, peer, NULL, 0, st, st);
}

static bool
full(int peer)
{
	return peer != 3 && peer != 7;
}

/*
 * 2014-12-22 00:00 RIB: full peers hold 40 background prefixes plus the
 * four /24s of AS131279 via AS4837; partial peers hold 3 background
 * prefixes (3 < 0.9 x 44: not full-feed).  Then, from 00:00:30 to the
 * end, one background announcement per collector per minute, so that no
 * collector is ever silent and every 15-minute file exists, except the
 * ones a test leaves out.
 */
static struct scen *
scen_new(const char *end, int skip_file_rrc00)
{
	struct scen *sc = xcalloc(1, sizeof(*sc));
	int64_t t0 = T("2014-12-22T00:00:00Z"), t, te = T(end);
	char p[32];
	int peer, i;

	sc->st = bo_evstore_new();
	sc->cs = bo_case_new();
	for (peer = 0; peer < NPEER; peer++) {
		for (i = 0; i < (full(peer) ? NBG : 3); i++) {
			snprintf(p, sizeof(p), "10.%d.0.0/16", i);
			ev_bgp(sc, "bgp.rib", t0, peer, p, 65000 + (uint32_t)i,
			    "1 2 3", NULL);
		}
		if (!full(peer))
			continue;
		for (i = 0; i < 4; i++) {
			char path[64];

			snprintf(path, sizeof(path), "%" PRIu32 " 4837 131279",
			    peer_as(peer));
			ev_bgp(sc, "bgp.rib", t0, peer, tpfx[i], 131279, path,
			    NULL);
		}
	}
	for (t = t0 + 30 * S, i = 0; t < te; t += 60 * S, i++) {
		int64_t slot = (t - t0) / S / 900;

		snprintf(p, sizeof(p), "10.%d.0.0/16", i % NBG);
		if (skip_file_rrc00 < 0 || slot != skip_file_rrc00)
			announce(sc, t, 3, p, 65000 + (uint32_t)(i % NBG),
			    "1 2");
		announce(sc, t, 7, p, 65000 + (uint32_t)(i % NBG), "1 2");
	}
	return sc;
}

static void
scen_free(struct scen *sc)
{
	bo_evstore_free(sc->st);
	bo_case_free(sc->cs);
	free(sc);
}

static void
claim(struct scen *sc, const char *kind, int64_t t, enum bo_prec prec,
    const char *actor, const char *target, const char *text)
{
	struct bo_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.time_us = t;
	ev.prec = prec;
	ev.cls = strncmp(kind, "report", 6) == 0 ? BO_CLASS_REPORT :
	    BO_CLASS_CLAIM;
	ev.role = ev.cls == BO_CLASS_REPORT ? BO_ROLE_REPORT : BO_ROLE_CLAIM;
	ev.src = ev.cls == BO_CLASS_REPORT ? BO_SRC_NEWS : BO_SRC_SOCIAL;
	ev.kind = kind;
	ev.collector = actor;
	ev.actor = actor;
	ev.target = target;
	ev.text = text;
	ev.prov.input = "case.tar.gz";
	ev.prov.member = "social/tweets.json";
	ev.prov.line = ++sc->off;
	bo_evstore_add(sc->st, &ev);
}

static void
probe(struct scen *sc, int64_t t, const char *vp, const char *host, int ok)
{
	struct bo_event ev;
	struct bo_attr a = { "reached", ok ? "true" : "false" };

	memset(&ev, 0, sizeof(ev));
	ev.time_us = t;
	ev.prec = BO_PREC_US;
	ev.cls = BO_CLASS_SIGNAL;
	ev.role = BO_ROLE_REACHABILITY;
	ev.attrs = &a;
	ev.nattrs = 1;
	ev.src = BO_SRC_PROBE;
	ev.kind = ok ? "probe.reply" : "probe.loss";
	ev.collector = vp;
	ev.host = host;
	ev.prov.input = "case.tar.gz";
	ev.prov.member = vp;
	ev.prov.line = ++sc->off;
	bo_evstore_add(sc->st, &ev);
}

/* Every full peer withdraws prefixes [a, b) at t0 + peer seconds (peers
 * in order 0,1,2,4,5,6 get 0..5 s) and announces them again at t1 + the
 * same offsets. */
static void
outage(struct scen *sc, int64_t t0, int64_t t1, int a, int b,
    const char *transit_after)
{
	int peer, i, k = 0;

	for (peer = 0; peer < NPEER; peer++) {
		if (!full(peer))
			continue;
		for (i = a; i < b; i++) {
			withdraw(sc, t0 + k * S, peer, tpfx[i]);
			if (t1 > 0)
				announce(sc, t1 + k * S, peer, tpfx[i], 131279,
				    transit_after);
		}
		k++;
	}
}

static struct bo_timeline *
run(struct scen *sc)
{
	struct bo_timeline *tl;
	struct bo_sink sink;
	struct corr *k;
	size_t i;

	bo_evstore_sort(sc->st);
	k = corr_new(sc->cs);
	sink = corr_sink(k);
	for (i = 0; i < bo_evstore_count(sc->st); i++)
		ck_assert_int_eq(sink.event(sink.arg,
		    bo_evstore_get(sc->st, i)), 0);
	tl = corr_finish(k);
	corr_free(k);
	return tl;
}

static size_t
count_signals(const struct bo_incident *in, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < in->nsignals; i++)
		n += strcmp(in->signals[i].kind, kind) == 0;
	return n;
}

/*
 * Total outage.  Per prefix, 6 full-feed peers are up; visible means
 * more than 3 routes.  The third withdrawal (k = 2, 16:15:02) leaves 3:
 * onset 16:15:02.  The fourth re-announcement (k = 3, 01:46:03) makes 4:
 * end 01:46:03.  Duration 9 h 31 min 1 s = 34261 s.  rrc00 alone (3 up,
 * visible above 1.5) loses it at its 2nd withdrawal, 16:15:01, and
 * route-views2 at 16:15:04: two collectors agree, confirmed.
 */
START_TEST(total_outage)
{
	struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
	struct bo_timeline *tl;
	struct bo_incident *in;

	outage(sc, T("2014-12-22T16:15:00Z"), T("2014-12-23T01:46:00Z"), 0, 4,
	    "4837");
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	in = &tl->incidents[0];
	ck_assert_int_eq(in->onset_us, T("2014-12-22T16:15:02Z"));
	ck_assert(in->has_end);
	ck_assert_int_eq(in->end_us, T("2014-12-23T01:46:03Z"));
	ck_assert_int_eq(in->duration_s, 9 * 3600 + 31 * 60 + 1);
	ck_assert_str_eq(in->kind, "outage");
	ck_assert_uint_eq(in->prefixes_affected, 4);
	ck_assert_uint_eq(in->prefixes_total, 4);
	ck_assert_int_eq(in->status, BO_STATUS_CONFIRMED);
	ck_assert_str_eq(in->id, "INC-20141222T1615Z-AS131279");
	ck_assert_uint_eq(count_signals(in, "bgp.visibility_drop"), 2);
	ck_assert_uint_eq(tl->ngaps, 0);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/* Two of the four /24s go for 2 h: a partial outage, 2 of 4; the
 * prefix target 175.45.176.0/22 covers the same /24s, so both targets
 * share the one incident. */
START_TEST(partial_outage)
{
	struct scen *sc = scen_new("2014-12-22T23:00:00Z", -1);
	struct bo_timeline *tl;
	struct bo_incident *in;

	outage(sc, T("2014-12-22T18:00:00Z"), T("2014-12-22T20:00:00Z"), 2, 4,
	    "4837");
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	ck_assert_int_eq(bo_case_add_target(sc->cs, "175.45.176.0/22"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	in = &tl->incidents[0];
	ck_assert_str_eq(in->kind, "partial_outage");
	ck_assert_uint_eq(in->prefixes_affected, 2);
	ck_assert_uint_eq(in->prefixes_total, 4);
	ck_assert_uint_eq(in->ntargets, 2);
	ck_assert_str_eq(in->targets[0], "AS131279");
	ck_assert_str_eq(in->targets[1], "175.45.176.0/22");
	/* 18:00:02 .. 20:00:03 */
	ck_assert_int_eq(in->duration_s, 7201);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/*
 * Flapping before an outage: from 12:00 to 12:58, every 2 minutes, all
 * six full peers withdraw 175.45.176.0/24 and announce it again 60 s
 * later: 30 flaps of ~60 s, each shorter than min_outage_s, so no
 * incident of their own.  30 x 2 x 6 = 360 updates in 12 five-minute
 * bins (30 each) against a median of 0: instability, attached to the
 * 16:15 outage as its precursor (3 h 15 min before it).
 */
START_TEST(flapping_before_outage)
{
	struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
	struct bo_timeline *tl;
	struct bo_incident *in;
	int64_t t = T("2014-12-22T12:00:00Z");
	int f, peer;

	for (f = 0; f < 30; f++, t += 120 * S)
		for (peer = 0; peer < NPEER; peer++) {
			if (!full(peer))
				continue;
			withdraw(sc, t, peer, tpfx[0]);
			announce(sc, t + 60 * S, peer, tpfx[0], 131279, "4837");
		}
	outage(sc, T("2014-12-22T16:15:00Z"), T("2014-12-23T01:46:00Z"), 0, 4,
	    "4837");
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	in = &tl->incidents[0];
	ck_assert_int_eq(in->onset_us, T("2014-12-22T16:15:02Z"));
	ck_assert_uint_eq(count_signals(in, "bgp.instability"), 1);
	ck_assert_uint_eq(tl->nsignals, 0);
	{
		size_t i;

		for (i = 0; i < in->nsignals; i++)
			if (strcmp(in->signals[i].kind, "bgp.instability") ==
			    0) {
				ck_assert_int_eq(in->signals[i].time_us,
				    T("2014-12-22T12:00:00Z"));
				ck_assert_ptr_nonnull(strstr(
				    in->signals[i].summary, "360 "));
			}
	}
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/*
 * Peer session resets are not outages: all three full peers of rrc00
 * drop their sessions at 10:00 and come back at 10:20, re-sending their
 * tables at 10:20:05.  Their routes are withdrawn with the session, but
 * they leave the denominator too: route-views2's 3 peers still see every
 * prefix.  Result: no incident, three coverage gaps 10:00 .. 10:25
 * (back at 10:20 + resync_s 300).
 */
START_TEST(peer_reset_not_outage)
{
	struct scen *sc = scen_new("2014-12-22T18:00:00Z", -1);
	struct bo_timeline *tl;
	int peer, i;

	for (peer = 0; peer < 3; peer++) {
		state(sc, T("2014-12-22T10:00:00Z"), peer, "Idle");
		state(sc, T("2014-12-22T10:20:00Z"), peer, "Established");
		for (i = 0; i < 4; i++)
			announce(sc, T("2014-12-22T10:20:05Z"), peer, tpfx[i],
			    131279, "4837");
	}
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 0);
	ck_assert_uint_eq(tl->ngaps, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(tl->gaps[i].start_us,
		    T("2014-12-22T10:00:00Z"));
		ck_assert_int_eq(tl->gaps[i].end_us, T("2014-12-22T10:25:00Z"));
		ck_assert_ptr_nonnull(strstr(tl->gaps[i].reason,
		    "session reset"));
	}
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/* A missing update file is a gap: rrc00's file for 14:00 (slot 56 of
 * the day) is absent; the gap runs from 14:00 to the next file, 14:15. */
START_TEST(missing_file_gap)
{
	struct scen *sc = scen_new("2014-12-22T18:00:00Z", 56);
	struct bo_timeline *tl;

	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 0);
	ck_assert_uint_eq(tl->ngaps, 1);
	ck_assert_str_eq(tl->gaps[0].scope, "rrc00");
	ck_assert_int_eq(tl->gaps[0].start_us, T("2014-12-22T14:00:00Z"));
	ck_assert_int_eq(tl->gaps[0].end_us, T("2014-12-22T14:15:00Z"));
	ck_assert_ptr_nonnull(strstr(tl->gaps[0].reason,
	    "missing update file"));
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/*
 * Claims and reports against the 16:15:02 .. 01:46:03 outage:
 * - a claim at 15:00 (minute precision) naming AS131279: before_onset,
 *   lag 15:00:00 - 16:15:02 = -4502 s, target matches;
 * - a news report at 16:40 (minute): during, lag 1498 s;
 * - a second report at 17:05: during, lag 2998 s: the first outlet had
 *   it 25 minutes earlier;
 * - a claim at 16:15 (minute: 16:15:00-16:16:00 overlaps the onset
 *   second): order not asserted, so during, lag -2 s;
 * - a claim naming 210.52.109.0/24, a target that never went down:
 *   no_matching_signal;
 * - a claim about "Xbox Live", outside the case: no_matching_signal;
 * - a claim with no extracted target whose text names AS64502, not a
 *   target: no_matching_signal, though it falls inside the outage.
 */
START_TEST(claims_placed)
{
	struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
	struct bo_timeline *tl;
	struct bo_incident *in;
	size_t i;

	outage(sc, T("2014-12-22T16:15:00Z"), T("2014-12-23T01:46:00Z"), 0, 4,
	    "4837");
	claim(sc, "claim.credit", T("2014-12-22T15:00:00Z"), BO_PREC_MIN,
	    "@AnonGroup", "AS131279", "we will take AS131279 down");
	claim(sc, "report.news", T("2014-12-22T16:40:00Z"), BO_PREC_MIN,
	    "Outlet A", "North Korea", "North Korea's internet is down");
	claim(sc, "report.news", T("2014-12-22T17:05:00Z"), BO_PREC_MIN,
	    "Outlet B", "North Korea", "North Korea offline");
	claim(sc, "claim.credit", T("2014-12-22T16:15:00Z"), BO_PREC_MIN,
	    "@Fast", "AS131279", "done");
	claim(sc, "claim.credit", T("2014-12-22T18:00:00Z"), BO_PREC_MIN,
	    "@Other", "210.52.109.0/24", "we took down 210.52.109.0/24");
	claim(sc, "claim.credit", T("2014-12-22T19:00:00Z"), BO_PREC_MIN,
	    "@Lizard", "Xbox Live", "Xbox Live #offline");
	claim(sc, "claim.credit", T("2014-12-22T20:00:00Z"), BO_PREC_MIN,
	    "@Noise", NULL, "AS64502 is down thanks to us");
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	ck_assert_int_eq(bo_case_add_target(sc->cs, "210.52.109.0/24"), 0);
	tl = run(sc);
	/* the group alias is not known here: reports naming "North Korea"
	 * match no target */
	ck_assert_uint_eq(tl->nincidents, 1);
	ck_assert_uint_eq(tl->nclaims, 7);
	for (i = 0; i < tl->nclaims; i++) {
		const struct bo_claim *c = &tl->claims[i];

		if (strcmp(c->actor, "@AnonGroup") == 0) {
			ck_assert_int_eq(c->relation, BO_REL_BEFORE_ONSET);
			ck_assert_int_eq(c->lag_s, -4502);
			ck_assert(c->target_match);
			ck_assert_int_eq(c->incident, 0);
		} else if (strcmp(c->actor, "@Fast") == 0) {
			ck_assert_int_eq(c->relation, BO_REL_DURING);
			ck_assert_int_eq(c->lag_s, -2);
		} else if (strcmp(c->actor, "@Other") == 0 ||
		    strcmp(c->actor, "@Lizard") == 0 ||
		    strcmp(c->actor, "@Noise") == 0 ||
		    strncmp(c->actor, "Outlet", 6) == 0) {
			ck_assert_int_eq(c->relation,
			    BO_REL_NO_MATCHING_SIGNAL);
			ck_assert_int_eq(c->incident, -1);
			ck_assert(!c->has_lag);
		} else
			ck_abort_msg("unexpected claim %s", c->actor);
	}
	in = &tl->incidents[0];
	ck_assert_uint_eq(in->nclaims, 2);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/* The same with a group whose aliases name the country: the reports now
 * match, during, with lags 1498 s and 2998 s; a report about "Bank of
 * Think" names no target even with the alias "NK" (whole words only). */
START_TEST(reports_lag_via_group)
{
	struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
	struct bo_timeline *tl;
	size_t i, seen = 0;
	char path[] = "/tmp/bo-case-XXXXXX";
	FILE *f;
	int fd;

	outage(sc, T("2014-12-22T16:15:00Z"), T("2014-12-23T01:46:00Z"), 0, 4,
	    "4837");
	claim(sc, "report.news", T("2014-12-22T16:40:00Z"), BO_PREC_MIN,
	    "Outlet A", "North Korea", "North Korea's internet is down");
	claim(sc, "report.news", T("2014-12-22T17:05:00Z"), BO_PREC_MIN,
	    "Outlet B", NULL, "Internet in North Korea offline");
	/* "NK" as a word only: "think" and "bank" name nothing */
	claim(sc, "report.news", T("2014-12-22T17:30:00Z"), BO_PREC_MIN,
	    "Outlet C", "Bank of Think", "We think the bank is fine");
	/* no extracted target: the text decides; "#OpRIPNK" is not "NK",
	 * "North Korean" is North Korea */
	claim(sc, "claim.credit", T("2014-12-22T17:40:00Z"), BO_PREC_MIN,
	    "Outlet D", NULL, "#OpRIPNK targets posted");
	claim(sc, "report.news", T("2014-12-22T17:50:00Z"), BO_PREC_MIN,
	    "Outlet E", NULL, "North Korean internet down");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("title: test\n"
	    "targets:\n"
	    "  - name: north-korea\n"
	    "    members: [AS131279]\n"
	    "    aliases: [North Korea, DPRK, NK]\n", f);
	fclose(f);
	ck_assert_int_eq(bo_case_load(sc->cs, path, NULL), 0);
	unlink(path);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	for (i = 0; i < tl->nclaims; i++) {
		const struct bo_claim *c = &tl->claims[i];

		if (strcmp(c->actor, "Outlet C") == 0) {
			ck_assert_int_eq(c->relation,
			    BO_REL_NO_MATCHING_SIGNAL);
			ck_assert(!c->target_match);
			continue;
		}
		if (strcmp(c->actor, "Outlet D") == 0) {
			/* placed by time only, naming nothing */
			ck_assert_int_eq(c->relation, BO_REL_DURING);
			ck_assert(!c->target_match);
			continue;
		}
		if (strcmp(c->actor, "Outlet E") == 0) {
			ck_assert(c->target_match);
			ck_assert_int_eq(c->lag_s, 5698);
			continue;
		}
		ck_assert_int_eq(c->relation, BO_REL_DURING);
		ck_assert(c->target_match);
		ck_assert_int_eq(c->lag_s, strcmp(c->actor, "Outlet A") == 0 ?
		    1498 : 2998);
		seen++;
	}
	ck_assert_uint_eq(seen, 2);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/*
 * Confirmation.  Only rrc00's peers withdraw (route-views2 keeps the
 * routes): combined, 3 of 6 routes left is not more than half, so the
 * target is down, but only one collector saw it: unconfirmed.  Add
 * probes from two vantage points that all lose 175.45.176.1 from
 * 16:15:30 until 01:46:30: BGP and probes agree, confirmed.
 */
START_TEST(confirmation_rule)
{
	int with_probes;

	for (with_probes = 0; with_probes < 2; with_probes++) {
		struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
		struct bo_timeline *tl;
		int64_t t;
		int peer, i;

		for (peer = 0; peer < 3; peer++)
			for (i = 0; i < 4; i++) {
				withdraw(sc, T("2014-12-22T16:15:00Z") +
				    peer * S, peer, tpfx[i]);
				announce(sc, T("2014-12-23T01:46:00Z") +
				    peer * S, peer, tpfx[i], 131279, "4837");
			}
		if (with_probes)
			for (t = T("2014-12-22T15:00:00Z");
			    t < T("2014-12-23T03:00:00Z"); t += 60 * S) {
				int ok = t < T("2014-12-22T16:15:30Z") ||
				    t >= T("2014-12-23T01:46:30Z");

				probe(sc, t, "vp-ams", "175.45.176.1", ok);
				probe(sc, t + 10 * S, "vp-sin",
				    "175.45.176.1", ok);
			}
		ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
		tl = run(sc);
		ck_assert_uint_eq(tl->nincidents, 1);
		ck_assert_int_eq(tl->incidents[0].status, with_probes ?
		    BO_STATUS_CONFIRMED : BO_STATUS_UNCONFIRMED);
		/* 3rd withdrawal at 16:15:02 leaves 3 of 6 */
		ck_assert_int_eq(tl->incidents[0].onset_us,
		    T("2014-12-22T16:15:02Z"));
		if (with_probes) {
			size_t si, pi, hits = 0;

			ck_assert_uint_eq(count_signals(&tl->incidents[0],
			    "probe.unreachable"), 1);
			/* one ping a minute: 5 per 5-minute bin, all
			 * answered at 15:00, none at 17:00 */
			for (si = 0; si < tl->nseries; si++) {
				const struct bo_series *se = &tl->series[si];

				if (strcmp(se->name, "175.45.176.1 from vp-ams: "
				    "replies per 300 s") != 0)
					continue;
				for (pi = 0; pi < se->npoints; pi++) {
					const struct bo_point *pt =
					    &se->points[pi];

					if (pt->time_us ==
					    T("2014-12-22T15:00:00Z")) {
						ck_assert(pt->value == 5 &&
						    pt->total == 5);
						hits++;
					} else if (pt->time_us ==
					    T("2014-12-22T17:00:00Z")) {
						ck_assert(pt->value == 0 &&
						    pt->total == 5);
						hits++;
					}
				}
			}
			ck_assert_uint_eq(hits, 2);
		}
		bo_timeline_free(tl);
		scen_free(sc);
	}
}
END_TEST

/* A third-party monitor's statement (an outage_signal event). */
static void
monitor(struct scen *sc, int64_t t, const char *who, const char *country,
    const char *down, const char *end, bool open)
{
	struct bo_event ev;
	struct bo_attr a[3];
	size_t n = 0;

	memset(&ev, 0, sizeof(ev));
	ev.time_us = t;
	ev.prec = BO_PREC_S;
	ev.cls = BO_CLASS_SIGNAL;
	ev.role = BO_ROLE_OUTAGE_SIGNAL;
	ev.src = BO_SRC_OTHER;
	ev.kind = "monitor.statement";
	ev.collector = who;
	ev.country = country;
	a[n].key = "down";
	a[n++].value = down;
	if (end != NULL) {
		a[n].key = "end";
		a[n++].value = end;
	}
	if (open) {
		a[n].key = "open";
		a[n++].value = "true";
	}
	ev.attrs = a;
	ev.nattrs = n;
	ev.prov.input = "case.tar.gz";
	ev.prov.member = "monitors/statements.json";
	ev.prov.line = ++sc->off;
	bo_evstore_add(sc->st, &ev);
}

static void
case_kp(struct scen *sc)
{
	char path[] = "/tmp/bo-case-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("title: test\n"
	    "targets:\n"
	    "  - name: north-korea\n"
	    "    members: [AS131279]\n"
	    "    aliases: [KP, North Korea]\n", f);
	fclose(f);
	ck_assert_int_eq(bo_case_load(sc->cs, path, NULL), 0);
	unlink(path);
}

/*
 * Third-party monitors (doc/correlation.md).  As in confirmation_rule,
 * only rrc00 loses AS131279 (16:15:01 to 01:46:03): unconfirmed alone.
 * mode 0: IODA says KP (the target's alias) is down from 16:20 until its
 * "normal" at 01:40, on one series: the monitor corroborates our
 * measurement, confirmed, and its statement is a signal of the incident.
 * mode 1: the same from a monitor naming KR: matches no target, nothing
 * changes.  mode 2: IODA's statement is eleven hours before: not placed
 * in the incident, which stays unconfirmed.  mode 3: no BGP outage, two
 * statements of the same monitor: they make no incident and confirm
 * nothing; they are listed as signals outside incidents.
 */
START_TEST(monitor_signals)
{
	int mode;

	for (mode = 0; mode < 4; mode++) {
		struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
		struct bo_timeline *tl;
		const char *cc = mode == 1 ? "KR" : "KP";
		int peer, i;

		if (mode != 3)
			for (peer = 0; peer < 3; peer++)
				for (i = 0; i < 4; i++) {
					withdraw(sc, T("2014-12-22T16:15:00Z") +
					    peer * S, peer, tpfx[i]);
					announce(sc, T("2014-12-23T01:46:00Z") +
					    peer * S, peer, tpfx[i], 131279,
					    "4837");
				}
		if (mode == 2) {
			monitor(sc, T("2014-12-22T05:00:00Z"), "ioda", cc,
			    "true", NULL, false);
		} else if (mode == 3) {
			monitor(sc, T("2014-12-22T16:20:00Z"), "ooni", cc,
			    "true", NULL, false);
			monitor(sc, T("2014-12-22T16:25:00Z"), "ooni", cc,
			    "true", NULL, false);
		} else {
			monitor(sc, T("2014-12-22T16:20:00Z"), "ioda", cc,
			    "true", NULL, true);
			monitor(sc, T("2014-12-23T01:40:00Z"), "ioda", cc,
			    "false", NULL, false);
		}
		case_kp(sc);
		tl = run(sc);
		if (mode == 3) {
			ck_assert_uint_eq(tl->nincidents, 0);
			ck_assert_uint_eq(tl->nsignals, 2);
			for (i = 0; i < 2; i++) {
				ck_assert_str_eq(tl->signals[i].kind,
				    "monitor.outage");
				ck_assert_str_eq(tl->signals[i].vantage,
				    "ooni");
				ck_assert(!tl->signals[i].confirmed);
			}
		} else {
			const struct bo_incident *in = &tl->incidents[0];

			ck_assert_uint_eq(tl->nincidents, 1);
			ck_assert_int_eq(in->status, mode == 0 ?
			    BO_STATUS_CONFIRMED : BO_STATUS_UNCONFIRMED);
			ck_assert_uint_eq(count_signals(in, "monitor.outage"),
			    mode == 0 ? 1 : 0);
			if (mode == 0) {
				ck_assert_ptr_nonnull(strstr(in->why,
				    "third-party monitors (ioda)"));
				for (i = 0; i < (int)in->nsignals; i++)
					if (strcmp(in->signals[i].kind,
					    "monitor.outage") == 0)
						ck_assert_ptr_nonnull(strstr(
						    in->signals[i].summary,
						    "ioda: KP down from "
						    "2014-12-22T16:20:00Z to "
						    "2014-12-23T01:40:00Z"));
			}
			/* a statement about KR is about no target */
			if (mode == 1)
				ck_assert_uint_eq(tl->nsignals, 0);
		}
		bo_timeline_free(tl);
		scen_free(sc);
	}
}
END_TEST

/*
 * Router logs corroborate: with only rrc00 losing the routes (as in
 * confirmation_rule, unconfirmed alone), a router's session-down message
 * about a neighbour in AS131279 at 16:14:50, 12 s before the onset and
 * within merge_gap_s, makes BGP and router logs agree.  A session-down
 * about AS64999 (not a target) is not a signal at all.
 */
START_TEST(router_signal)
{
	struct scen *sc = scen_new("2014-12-23T06:00:00Z", -1);
	struct bo_timeline *tl;
	struct bo_event ev;
	struct bo_attr down = { "new_state", "Idle" };
	int peer, i;

	for (peer = 0; peer < 3; peer++)
		for (i = 0; i < 4; i++) {
			withdraw(sc, T("2014-12-22T16:15:00Z") + peer * S, peer,
			    tpfx[i]);
			announce(sc, T("2014-12-23T01:46:00Z") + peer * S, peer,
			    tpfx[i], 131279, "4837");
		}
	for (i = 0; i < 2; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.time_us = T("2014-12-22T16:14:50Z");
		ev.prec = BO_PREC_S;
		ev.cls = BO_CLASS_SIGNAL;
		ev.src = BO_SRC_ROUTER;
		ev.role = BO_ROLE_SESSION;
		ev.attrs = &down;
		ev.nattrs = 1;
		ev.kind = "router.session_down";
		ev.collector = "border1";
		ev.peer = "203.0.113.9";
		ev.peer_as = i == 0 ? 131279 : 64999;
		ev.text = "%BGP-5-ADJCHANGE: neighbor 203.0.113.9 Down";
		ev.prov.input = "case.tar.gz";
		ev.prov.member = "router/syslog";
		ev.prov.line = (uint64_t)i + 1;
		bo_evstore_add(sc->st, &ev);
	}
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	ck_assert_int_eq(tl->incidents[0].status, BO_STATUS_CONFIRMED);
	ck_assert_uint_eq(count_signals(&tl->incidents[0],
	    "router.session_down"), 1);
	ck_assert_ptr_nonnull(strstr(tl->incidents[0].why, "router"));
	ck_assert_uint_eq(tl->nsignals, 0);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/*
 * Slow flapping, as the scenario generator writes it: from 06:00 to
 * 10:00 all four /24s are withdrawn for 60 s every 20 minutes (12 flaps:
 * 06:00, 06:20, ... 09:40), then a total outage at 10:30.  No churn bin
 * is busy twice in a row, but 12 short withdrawals, each within
 * flap_gap_s of the last, are flapping: one instability signal from the
 * first flap's onset (06:00:02, the third withdrawal) to the last flap's
 * end (09:41:03), attached to the outage as its precursor.
 */
START_TEST(slow_flapping)
{
	struct scen *sc = scen_new("2014-12-22T14:00:00Z", -1);
	struct bo_timeline *tl;
	struct bo_incident *in;
	int64_t t;
	size_t i, n = 0;

	for (t = T("2014-12-22T06:00:00Z"); t < T("2014-12-22T10:00:00Z");
	    t += 1200 * S)
		outage(sc, t, t + 60 * S, 0, 4, "4837");
	outage(sc, T("2014-12-22T10:30:00Z"), T("2014-12-22T13:00:00Z"), 0, 4,
	    "4837");
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	in = &tl->incidents[0];
	ck_assert_int_eq(in->onset_us, T("2014-12-22T10:30:02Z"));
	for (i = 0; i < in->nsignals; i++)
		if (strcmp(in->signals[i].kind, "bgp.instability") == 0) {
			ck_assert_int_eq(in->signals[i].time_us,
			    T("2014-12-22T06:00:02Z"));
			ck_assert_ptr_nonnull(strstr(in->signals[i].summary,
			    "12 short withdrawals"));
			n++;
		}
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(tl->nsignals, 0);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/*
 * A multi-homed network losing two upstreams: from 14:00 to 16:30 peers
 * 0, 1 and 4 withdraw both prefixes, 2, 5 and 6 keep them.  3 of 6 is
 * not more than half: the prefixes are not visible, but half the peers
 * still route them (0.5 > dark_share 0.2): a partial outage, 4 of 4
 * prefixes, best routed at 3 of 6 peers.
 */
START_TEST(multihomed_partial)
{
	static const int lost[3] = { 0, 1, 4 };
	struct scen *sc = scen_new("2014-12-22T20:00:00Z", -1);
	struct bo_timeline *tl;
	int i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++) {
			withdraw(sc, T("2014-12-22T14:00:00Z") + i * S, lost[i],
			    tpfx[j]);
			announce(sc, T("2014-12-22T16:30:00Z") + i * S, lost[i],
			    tpfx[j], 131279, "6939");
		}
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	ck_assert_uint_eq(tl->nincidents, 1);
	ck_assert_str_eq(tl->incidents[0].kind, "partial_outage");
	ck_assert_uint_eq(tl->incidents[0].prefixes_affected, 4);
	ck_assert_int_eq(tl->incidents[0].onset_us, T("2014-12-22T14:00:02Z"));
	ck_assert_int_eq(tl->incidents[0].end_us, T("2014-12-22T16:30:00Z"));
	for (i = j = 0; i < (int)tl->incidents[0].nsignals; i++)
		if (strcmp(tl->incidents[0].signals[i].kind,
		    "bgp.outage_onset") == 0) {
			ck_assert_ptr_nonnull(strstr(
			    tl->incidents[0].signals[i].summary,
			    "3 of 6 peers"));
			j++;
		}
	ck_assert_int_eq(j, 1);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

/* A transit change: at 08:00 every full peer moves to paths via AS9002
 * instead of AS4837 and stays there: AS4837 disappears, AS9002 appears,
 * both dated 08:00:00 (when the first route changed); no outage. */
START_TEST(path_change)
{
	struct scen *sc = scen_new("2014-12-22T12:00:00Z", -1);
	struct bo_timeline *tl;
	size_t i, app = 0, dis = 0;
	int peer, j;

	for (peer = 0; peer < NPEER; peer++)
		if (full(peer))
			for (j = 0; j < 4; j++)
				announce(sc, T("2014-12-22T08:00:00Z"), peer,
				    tpfx[j], 131279, "9002");
	ck_assert_int_eq(bo_case_add_target(sc->cs, "AS131279"), 0);
	tl = run(sc);
	if (getenv("BO_DEBUG")) {
		struct bo_render_opts o;

		memset(&o, 0, sizeof(o));
		bo_render_text(stderr, tl, &o);
	}
	ck_assert_uint_eq(tl->nincidents, 0);
	for (i = 0; i < tl->nsignals; i++) {
		const struct bo_signal *s = &tl->signals[i];

		if (strcmp(s->kind, "bgp.transit_appeared") == 0) {
			ck_assert_ptr_nonnull(strstr(s->summary, "AS9002"));
			ck_assert_int_eq(s->time_us, T("2014-12-22T08:00:00Z"));
			app++;
		} else if (strcmp(s->kind, "bgp.transit_disappeared") == 0) {
			ck_assert_ptr_nonnull(strstr(s->summary, "AS4837"));
			dis++;
		}
	}
	ck_assert_uint_eq(app, 1);
	ck_assert_uint_eq(dis, 1);
	bo_timeline_free(tl);
	scen_free(sc);
}
END_TEST

static char *
render(const struct bo_timeline *tl)
{
	struct bo_render_opts o;
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(bo_render_json(f, tl, &o), 0);
	fclose(f);
	return data;
}

/* Same events added in two different orders: byte-identical JSON. */
START_TEST(determinism)
{
	struct scen *a = scen_new("2014-12-23T06:00:00Z", -1);
	struct scen *b = xcalloc(1, sizeof(*b));
	struct bo_timeline *ta, *tb;
	char *ja, *jb;
	size_t i, n;

	outage(a, T("2014-12-22T16:15:00Z"), T("2014-12-23T01:46:00Z"), 0, 4,
	    "4837");
	claim(a, "claim.credit", T("2014-12-22T15:00:00Z"), BO_PREC_MIN,
	    "@AnonGroup", "AS131279", "x");
	b->st = bo_evstore_new();
	b->cs = bo_case_new();
	n = bo_evstore_count(a->st);
	for (i = n; i > 0; i--)
		bo_evstore_add(b->st, bo_evstore_get(a->st, i - 1));
	ck_assert_int_eq(bo_case_add_target(a->cs, "AS131279"), 0);
	ck_assert_int_eq(bo_case_add_target(b->cs, "AS131279"), 0);
	ta = run(a);
	tb = run(b);
	ja = render(ta);
	jb = render(tb);
	ck_assert_str_eq(ja, jb);
	ck_assert_ptr_nonnull(strstr(ja, "\"relation\":\"before_onset\""));
	free(ja);
	free(jb);
	bo_timeline_free(ta);
	bo_timeline_free(tb);
	scen_free(a);
	scen_free(b);
}
END_TEST

/* Case file errors carry file:line:column. */
static char last_msg[512];

static void
keep_msg(void *arg, enum bo_grade g, const char *msg)
{
	(void)arg;
	(void)g;
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

START_TEST(case_errors)
{
	char path[] = "/tmp/bo-case-XXXXXX";
	struct bo_diag *d = bo_diag_new(keep_msg, NULL);
	struct bo_case *cs = bo_case_new();
	FILE *f;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("title: x\n"
	    "targets: [AS131279]\n"
	    "thresholds:\n"
	    "  min_outage_s: soon\n", f);
	fclose(f);
	ck_assert_int_ne(bo_case_load(cs, path, d), 0);
	ck_assert_ptr_nonnull(strstr(last_msg, ":4:17: "));
	ck_assert_ptr_nonnull(strstr(last_msg, "min_outage_s"));
	f = fopen(path, "w");
	fputs("title: [unclosed\n", f);
	fclose(f);
	ck_assert_int_ne(bo_case_load(cs, path, d), 0);
	ck_assert_ptr_nonnull(strstr(last_msg, path));
	f = fopen(path, "w");
	fputs("title: ok\ntimezone: Asia/Pyongyang\n"
	    "window: {from: 2014-12-20T00:00:00Z, to: 2014-12-28T00:00:00Z}\n"
	    "inputs: [a.tar.gz]\n"
	    "targets: [AS131279, 175.45.176.0/22]\n", f);
	fclose(f);
	bo_case_free(cs);
	cs = bo_case_new();
	ck_assert_int_eq(bo_case_load(cs, path, d), 0);
	ck_assert_uint_eq(bo_case_ninputs(cs), 1);
	ck_assert_str_eq(bo_case_input(cs, 0), "/tmp/a.tar.gz");
	ck_assert_str_eq(bo_case_tz(cs), "Asia/Pyongyang");
	ck_assert_int_ne(bo_case_add_target(cs, "not-a-target"), 0);
	ck_assert_int_ne(bo_case_set_param(cs, "min_outage_s", "-1"), 0);
	ck_assert_int_ne(bo_case_set_param(cs, "no_such", "1"), 0);
	ck_assert_int_eq(bo_case_set_param(cs, "min_outage_s", "600"), 0);
	unlink(path);
	bo_case_free(cs);
	bo_diag_free(d);
}
END_TEST

static Suite *
correlate_suite(void)
{
	Suite *s = suite_create("correlate");
	TCase *tc = tcase_create("scenarios");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, total_outage);
	tcase_add_test(tc, partial_outage);
	tcase_add_test(tc, flapping_before_outage);
	tcase_add_test(tc, peer_reset_not_outage);
	tcase_add_test(tc, missing_file_gap);
	tcase_add_test(tc, claims_placed);
	tcase_add_test(tc, reports_lag_via_group);
	tcase_add_test(tc, confirmation_rule);
	tcase_add_test(tc, router_signal);
	tcase_add_test(tc, slow_flapping);
	tcase_add_test(tc, multihomed_partial);
	tcase_add_test(tc, path_change);
	tcase_add_test(tc, monitor_signals);
	tcase_add_test(tc, determinism);
	tcase_add_test(tc, case_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(correlate_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
