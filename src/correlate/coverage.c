/*
 * Coverage of the targets themselves.  Silence about a target is not
 * calm: where no input says anything of a target (no route, no probe, no
 * router message), the timeline carries a no_data gap naming it and the
 * interval, and the renderers say that no conclusion can be drawn.  A
 * target never seen at all is also named on standard error, with the
 * nearest origin AS the inputs did hold when one is close (a mistyped
 * ASN: "did you mean AS131279?").
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/coverage.h"
#include "correlate/state.h"
#include "util/util.h"

#define US	((int64_t)1000000)

const char *
bo_gap_kind_name(enum bo_gap_kind k)
{
	return k == BO_GAP_NO_DATA ? "no_data" : "source";
}

/* The first time anything was known of target ti: a prefix judged
 * visible, a probe result of a host in it, a router message about it. */
static int64_t
first_evidence(const struct corr *k, size_t ti)
{
	const struct target *t = &k->tg[ti];
	int64_t first = INT64_MAX;
	size_t i;

	if (t->npts > 0)
		first = t->pts[0].t;
	for (i = 0; i < k->nhosts; i++) {
		const struct host *h = &k->hosts[i];

		if ((h->tmask & (1ULL << ti)) && h->npts > 0 &&
		    h->pts[0].t < first)
			first = h->pts[0].t;
	}
	for (i = 0; i < k->nsig; i++)
		if (k->sig[i].src == BO_SRC_ROUTER &&
		    (k->sig[i].tmask & (1ULL << ti)) && k->sig[i].t < first)
			first = k->sig[i].t;
	return first;
}

/* With no window, the data's own span starts with the first
 * measurement (a claim posted the night before is not coverage). */
static int64_t
measured_from(const struct corr *k)
{
	int64_t lo = INT64_MAX;
	size_t i;

	for (i = 0; i < k->ncoll; i++)
		if (k->coll[i].first_us != INT64_MIN && k->coll[i].first_us < lo)
			lo = k->coll[i].first_us;
	for (i = 0; i < k->nhosts; i++)
		if (k->hosts[i].npts > 0 && k->hosts[i].pts[0].t < lo)
			lo = k->hosts[i].pts[0].t;
	return lo == INT64_MAX ? k->first_us : lo;
}

static void
no_data(struct corr *k, size_t ti, int64_t start, int64_t end,
    const char *why)
{
	corr_gap_add(k, k->tg[ti].spec->name, start, end, why, NULL, 0);
	k->gaps[k->ngaps - 1].kind = BO_GAP_NO_DATA;
}

void
coverage_targets(struct corr *k)
{
	const struct bo_case *cs = k->cs;
	int64_t lo, hi, first, slack = (int64_t)k->p.silence_s * US;
	bool any = k->nevents > 0;
	size_t ti;

	lo = cs->has_window ? cs->from_us : any ? measured_from(k) : INT64_MIN;
	hi = cs->has_window ? cs->to_us : any ? k->now : INT64_MAX;
	for (ti = 0; ti < k->ntg; ti++) {
		first = first_evidence(k, ti);
		if (first == INT64_MAX || first >= hi) {
			no_data(k, ti, lo, hi, !any ? "the inputs hold no "
			    "record at all" : k->tg[ti].npx > 0 ? "routes of "
			    "it were seen, but never by enough counted "
			    "(full-feed, up) peers to judge its visibility" :
			    "no route, probe or router record of it in any "
			    "input, neither of an outage nor of its absence");
			continue;
		}
		/* The first RIB snapshot may come a little after the window
		 * opens; silence_s is how long a source may stay quiet. */
		if (first > lo && first - lo > slack)
			no_data(k, ti, lo, first, "no record of it in any "
			    "input before the end of this interval");
		if (cs->has_window && hi > k->now && hi - k->now > slack)
			no_data(k, ti, k->now > lo ? k->now : lo, hi,
			    "the inputs end before "
			    "the window does");
	}
}

bool
coverage_target_seen(const struct corr *k, size_t ti)
{
	size_t i;

	if (k->tg[ti].npx > 0)
		return true;
	for (i = 0; i < k->nhosts; i++)
		if (k->hosts[i].tmask & (1ULL << ti))
			return true;
	for (i = 0; i < k->nsig; i++)
		if (k->sig[i].tmask & (1ULL << ti))
			return true;
	return false;
}

/* ---- origin ASes seen, for "did you mean" ---- */

static uint32_t *
origin_slot(struct origins *o, uint32_t as)
{
	size_t i;

	for (i = (as * 2654435761u) & (o->cap - 1);
	    o->as[i] != 0 && o->as[i] != as; i = (i + 1) & (o->cap - 1))
		;
	return &o->as[i];
}

void
origins_add(struct origins *o, uint32_t as)
{
	uint32_t *s, *old;
	size_t i, ocap;

	if (as == 0)
		return;
	if (2 * (o->n + 1) > o->cap) {
		old = o->as;
		ocap = o->cap;
		o->cap = ocap ? ocap * 2 : 1024;
		o->as = xcalloc(o->cap, sizeof(*o->as));
		for (i = 0; i < ocap; i++)
			if (old[i] != 0)
				*origin_slot(o, old[i]) = old[i];
		free(old);
	}
	s = origin_slot(o, as);
	if (*s == 0) {
		*s = as;
		o->n++;
	}
}

static int
origins_event(void *arg, const struct bo_event *ev)
{
	struct origins *o = arg;

	if (ev->src == BO_SRC_BGP && ev->kind != NULL &&
	    (strcmp(ev->kind, "bgp.rib") == 0 ||
	    strcmp(ev->kind, "bgp.announce") == 0))
		origins_add(o, ev->asn);
	return o->inner.event(o->inner.arg, ev);
}

struct bo_sink
origins_sink(struct origins *o, struct bo_sink inner)
{
	struct bo_sink s;

	o->inner = inner;
	s.event = origins_event;
	s.arg = o;
	return s;
}

void
origins_free(struct origins *o)
{
	free(o->as);
	memset(o, 0, sizeof(*o));
}

/* Edit distance of two short digit strings. */
static size_t
edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[12][12];

	if (la > 11 || lb > 11)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t x = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < x)
				x = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < x)
				x = d[i][j - 1] + 1;
			d[i][j] = x;
		}
	return d[la][lb];
}

uint32_t
origins_nearest(const struct origins *o, uint32_t as)
{
	char want[16], have[16];
	size_t i, d, c, best_c = 0;
	uint32_t pick = 0;

	snprintf(want, sizeof(want), "%" PRIu32, as);
	for (i = 0; i < o->cap; i++) {
		if (o->as[i] == 0)
			continue;
		snprintf(have, sizeof(have), "%" PRIu32, o->as[i]);
		/* one slip of the keyboard: a digit dropped, added or
		 * mistyped */
		if ((d = edits(want, have)) != 1)
			continue;
		/* the longest run of leading digits in common wins (a
		 * digit lost at the end is the commonest slip), then the
		 * smaller number, whatever the hash order */
		for (c = 0; want[c] != '\0' && want[c] == have[c]; c++)
			;
		if (pick == 0 || c > best_c || (c == best_c &&
		    o->as[i] < pick)) {
			best_c = c;
			pick = o->as[i];
		}
	}
	return pick;
}
