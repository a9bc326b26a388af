/*
 * Route state: per (collector, peer, prefix) from RIB snapshots and
 * updates, peer sessions and full-feed classification, tracked target
 * prefixes, churn bins, resync timers, collector silences and missing
 * update files.  What the routes mean for a target's visibility is
 * visibility.c's concern.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/project.h"
#include "correlate/route.h"
#include "correlate/routing_tl.h"
#include "correlate/state.h"
#include "correlate/visibility.h"
#include "util/util.h"

/* ---- collectors and peers ---- */

static int
coll_get(struct corr *k, const char *name)
{
	const char *s = intern_str(k->strs, name ? name : "unknown");
	size_t i;

	for (i = 0; i < k->ncoll; i++)
		if (k->coll[i].name == s)
			return (int)i;
	if (k->ncoll == CORR_MAX_COLL) {
		k->ignored_coll++;
		return -1;
	}
	memset(&k->coll[k->ncoll], 0, sizeof(k->coll[0]));
	k->coll[k->ncoll].name = s;
	k->coll[k->ncoll].first_us = INT64_MIN;
	return (int)k->ncoll++;
}

uint64_t
corr_ignored_collector_events(const struct corr *k)
{
	return k->ignored_coll;
}

struct peer_key {
	size_t		 coll;
	const char	*addr;		/* interned */
};

static bool
peer_is(const void *arg, size_t i, const void *key)
{
	const struct corr *k = arg;
	const struct peer_key *pk = key;

	return k->peers[i].coll == pk->coll && k->peers[i].addr == pk->addr;
}

static uint32_t
peer_tag(size_t coll, const char *a)
{
	return (uint32_t)((((uint64_t)(uintptr_t)a ^ (uint64_t)coll << 56) *
	    0x9e3779b97f4a7c15ULL) >> 32);
}

static struct peer *
peer_get(struct corr *k, size_t coll, const char *addr, uint32_t as)
{
	const char *a = intern_str(k->strs, addr ? addr : "");
	struct peer_key pk = { coll, a };
	struct peer *p;
	long i;

	if (k->last_peer < k->npeers) {
		p = &k->peers[k->last_peer];
		if (p->coll == coll && p->addr == a)
			return p;
	}
	if ((i = idxtab_find(&k->peer_tab, peer_tag(coll, a), peer_is, k,
	    &pk)) >= 0) {
		k->last_peer = (size_t)i;
		return &k->peers[i];
	}
	xgrow(&k->peers, &k->cappeers, k->npeers, sizeof(*k->peers));
	p = &k->peers[k->npeers];
	memset(p, 0, sizeof(*p));
	p->coll = coll;
	p->addr = a;
	p->as = as;
	p->resync_until = INT64_MIN;
	k->peer_gen++;
	idxtab_put(&k->peer_tab, k->npeers, k->npeers + 1, peer_tag(coll, a));
	k->last_peer = k->npeers++;
	return p;
}

/* ---- tracked prefixes ---- */

static const struct bo_prefix *
px_pfx(const void *arg, size_t i)
{
	const struct corr *k = arg;

	return &k->px[i].p;
}

static long
pfx_find(const struct corr *k, const struct bo_prefix *p)
{
	return pfxtab_find(&k->pxtab, p, px_pfx, k);
}

static long
pfx_track(struct corr *k, const struct bo_prefix *p, uint64_t m)
{
	struct pfx *x;
	size_t i;

	xgrow(&k->px, &k->cappx, k->npx, sizeof(*k->px));
	x = &k->px[k->npx];
	memset(x, 0, sizeof(*x));
	x->p = *p;
	x->tmask = m;
	pfxtab_put(&k->pxtab, k->npx, k->npx + 1, px_pfx, k);
	pfxindex_add(k->px_ix, p, m);
	for (i = 0; i < k->ntg; i++)
		if (m & (1ULL << i)) {
			struct target *t = &k->tg[i];

			xgrow(&t->px, &t->cappx, t->npx, sizeof(*t->px));
			t->px[t->npx++] = k->npx;
		}
	return (long)k->npx++;
}

/* A tracked prefix seen with another origin (MOAS) belongs to that
 * origin's targets too, from the start of its history: the visibility
 * log is per prefix, so their replay sees it all. */
static void
pfx_join(struct corr *k, size_t xi, uint64_t m)
{
	struct pfx *x = &k->px[xi];
	size_t i;

	m &= ~x->tmask;
	for (i = 0; i < k->ntg && m != 0; i++) {
		struct target *t = &k->tg[i];

		if (!(m & (1ULL << i)))
			continue;
		xgrow(&t->px, &t->cappx, t->npx, sizeof(*t->px));
		t->px[t->npx++] = xi;
		if (x->known) {
			t->nknown++;
			t->nvis += x->vis;
		}
	}
	x->tmask |= m;
}

/*
 * The entries of one RIB record (one prefix, every peer) come together;
 * those before the first one with a target origin (a MOAS prefix whose
 * other origin came first) are kept here, so the routes present before
 * the prefix was known to belong to a target count from the start.
 */
static void
pend_note(struct corr *k, const struct bo_event *ev, size_t pi)
{
	struct rib_pend *q = &k->pend;
	const char *m = intern_str(k->strs, ev->prov.member ?
	    ev->prov.member : "");

	if (q->member != m || bo_prefix_cmp(&q->p, &ev->prefix) != 0) {
		q->member = m;
		q->p = ev->prefix;
		q->n = 0;
	}
	if (q->n < BO_NELEM(q->peer)) {
		q->peer[q->n] = pi;
		q->path[q->n] = intern_str(k->strs,
		    bo_event_attr(ev, "as_path"));
		q->n++;
	}
}

static void
pend_apply(struct corr *k, const struct bo_event *ev, struct pfx *x)
{
	struct rib_pend *q = &k->pend;
	const char *m = intern_str(k->strs, ev->prov.member ?
	    ev->prov.member : "");
	size_t i;

	if (q->n == 0 || q->member != m ||
	    bo_prefix_cmp(&q->p, &ev->prefix) != 0)
		return;
	for (i = 0; i < q->n; i++) {
		corr_pfx_slot(x, q->peer[i])->st |= RT_ROUTE | RT_SNAP;
		vis_route_path(k, x, q->peer[i], q->path[i]);
	}
	q->n = 0;
}

/* ---- timers: peers back from resync, pending path changes ---- */

void
route_timers_run(struct corr *k, int64_t now)
{
	while (k->next_timer <= now) {
		int64_t t = k->next_timer;
		size_t i;

		k->next_timer = INT64_MAX;
		for (i = 0; i < k->npeers; i++) {
			struct peer *p = &k->peers[i];

			if (p->resync_until > t && p->resync_until <
			    k->next_timer)
				k->next_timer = p->resync_until;
		}
		vis_eval_all(k, t, BO_PREC_S, NULL);
		vis_transit_commit(k, t);
	}
}

static void
timer_at(struct corr *k, int64_t t)
{
	if (t < k->next_timer)
		k->next_timer = t;
}

/* ---- RIB snapshots ---- */

/*
 * A snapshot ends when its collector sends anything else later.  Then
 * its peers are classified (full-feed or not) from their table sizes, and
 * target routes the snapshot no longer holds are dropped: updates lost in
 * a gap are repaired by the next RIB.
 */
void
route_snap_finish(struct corr *k, size_t c)
{
	struct collector *co = &k->coll[c];
	uint64_t max4 = 0, max6 = 0;
	size_t i, j;
	bool f4, f6;

	if (!co->snap_open)
		return;
	co->snap_open = false;
	co->had_snap = true;
	k->peer_gen++;
	for (i = 0; i < k->npeers; i++) {
		struct peer *p = &k->peers[i];

		if (p->coll != c || !p->in_snap)
			continue;
		if (p->snap_v4 > max4)
			max4 = p->snap_v4;
		if (p->snap_v6 > max6)
			max6 = p->snap_v6;
	}
	for (i = 0; i < k->npeers; i++) {
		struct peer *p = &k->peers[i];

		if (p->coll != c)
			continue;
		if (!p->in_snap) {
			/* not in a dump of both families: no table now */
			if (max4 > 0 && max6 > 0)
				p->full = p->full_v4 = p->full_v6 = false;
			continue;
		}
		/* full-feed per family: the share rule too compares a
		 * table with the largest of the same family */
		f4 = (double)p->snap_v4 >= k->p.full_feed_v4 ||
		    (p->snap_v4 > 0 && (double)p->snap_v4 >=
		    k->p.full_feed_share * (double)max4);
		f6 = (double)p->snap_v6 >= k->p.full_feed_v6 ||
		    (p->snap_v6 > 0 && (double)p->snap_v6 >=
		    k->p.full_feed_share * (double)max6);
		/* Dumps split by family (an IPv6-only file) say nothing of
		 * the other family's table. */
		p->full_v4 = f4 || (p->full_v4 && max4 == 0);
		p->full_v6 = f6 || (p->full_v6 && max6 == 0);
		p->full = p->full_v4 || p->full_v6;
		for (j = 0; j < k->npx; j++) {
			struct pfx *x = &k->px[j];
			struct pfx_peer *s = corr_pfx_peer(x, i);
			bool fam = x->p.afi == BO_AFI_IPV6 ? p->snap_v6 > 0 :
			    p->snap_v4 > 0;

			if (s == NULL)
				continue;
			if (fam && (s->st & RT_ROUTE) && !(s->st & RT_SNAP)) {
				s->st &= (uint8_t)~RT_ROUTE;
				s->path = NULL;
			}
			s->st &= (uint8_t)~RT_SNAP;
		}
		p->in_snap = false;
		p->snap_v4 = 0;
		p->snap_v6 = 0;
	}
	vis_eval_all(k, co->snap_time, BO_PREC_S, NULL);
	/* A snapshot (re)states the paths; what it brings in is the view of
	 * its collector's peers, not a change in the routing. */
	vis_transit_recount(k);
	for (i = 0; i < k->ntg; i++)
		vis_transit_check(k, i, co->snap_time, BO_PREC_S, NULL, true);
}

static void
snap_start(struct corr *k, size_t c, const struct bo_event *ev)
{
	struct collector *co = &k->coll[c];
	size_t i;

	route_snap_finish(k, c);
	co->snap_open = true;
	co->snap_member = intern_str(k->strs, ev->prov.member ?
	    ev->prov.member : "");
	co->snap_time = ev->time_us;
	for (i = 0; i < k->npeers; i++)
		if (k->peers[i].coll == c) {
			k->peers[i].in_snap = false;
			k->peers[i].snap_v4 = 0;
			k->peers[i].snap_v6 = 0;
		}
}

/* ---- BGP events ---- */

static void
churn_count(struct corr *k, struct pfx *x, size_t pi, size_t c, int64_t t,
    const struct evid *e)
{
	int64_t idx = t / ((int64_t)k->p.bin_s * US);
	struct pfx_peer *s = corr_pfx_slot(x, pi);
	bool new_route = s->lastbin != idx;
	size_t ti;

	s->lastbin = idx;
	for (ti = 0; ti < k->ntg; ti++) {
		struct target *tg = &k->tg[ti];
		struct bin *b;

		if (!(x->tmask & (1ULL << ti)))
			continue;
		if (tg->nbins == 0 || tg->bins[tg->nbins - 1].idx != idx) {
			xgrow(&tg->bins, &tg->capbins, tg->nbins,
			    sizeof(*tg->bins));
			b = &tg->bins[tg->nbins++];
			b->idx = idx;
			b->n = 0;
			b->routes = 0;
			b->colls = 0;
			b->first = *e;
		}
		b = &tg->bins[tg->nbins - 1];
		b->last = *e;
		b->n++;
		b->routes += new_route;
		b->colls |= 1ULL << c;
	}
}

bool
route_state_is_up(const char *s)
{
	return s != NULL && (strcasecmp(s, "Established") == 0 ||
	    strcmp(s, "6") == 0 || strcasecmp(s, "up") == 0);
}

static void
peer_down(struct corr *k, struct peer *p, size_t pi, const struct bo_event *ev)
{
	size_t j;

	p->up = false;
	k->peer_gen++;
	p->in_reset = true;
	p->down_at = ev->time_us;
	evid_from(k, &p->down_ev, ev);
	rt_corr_peer_down(k, pi, ev->time_us, ev->prec, &p->down_ev);
	for (j = 0; j < k->npx; j++) {
		struct pfx_peer *s = corr_pfx_peer(&k->px[j], pi);

		if (s != NULL)
			s->st &= (uint8_t)~RT_ROUTE;
	}
	vis_eval_all(k, ev->time_us, ev->prec, &p->down_ev);
}

static void
peer_reset_gap(struct corr *k, struct peer *p, const struct bo_event *ev,
    bool was_up)
{
	struct evid e[2];
	char *scope;

	e[0] = p->down_ev;
	evid_from(k, &e[1], ev);
	scope = p->as ? xasprintf("%s peer %s AS%" PRIu32,
	    k->coll[p->coll].name, p->addr, p->as) :
	    xasprintf("%s peer %s", k->coll[p->coll].name, p->addr);
	corr_gap_add(k, scope, p->down_at, p->resync_until, was_up ?
	    "peer session reset: its routes are not counted until it is "
	    "back and has re-sent its table" :
	    "peer session coming up: its routes are not counted until it "
	    "has sent its table", e, 2);
	free(scope);
	p->in_reset = false;
}

static void
peer_up(struct corr *k, struct peer *p, const struct bo_event *ev)
{
	bool before = p->was_up;

	p->up = true;
	p->was_up = true;
	k->peer_gen++;
	if (p->in_reset) {
		p->resync_until = ev->time_us + (int64_t)k->p.resync_s * US;
		timer_at(k, p->resync_until);
		peer_reset_gap(k, p, ev, before);
	}
}

static void
on_state(struct corr *k, struct peer *p, size_t pi, const struct bo_event *ev)
{
	const char *st = bo_event_attr(ev, "new_state");

	if (st == NULL)
		st = bo_event_attr(ev, "state");
	p->known_state = true;
	if (route_state_is_up(st)) {
		if (!p->up)
			peer_up(k, p, ev);
		return;
	}
	if (p->up || !p->in_reset)
		peer_down(k, p, pi, ev);
}

static void
on_route(struct corr *k, struct peer *p, size_t pi, size_t c,
    const struct bo_event *ev, bool rib, bool withdraw)
{
	uint64_t m;
	struct evid e;
	struct pfx *x;
	long xi;
	size_t ti;
	bool counted;

	if (rib) {
		struct collector *co = &k->coll[c];

		if (!co->snap_open || co->snap_member != intern_str(k->strs,
		    ev->prov.member ? ev->prov.member : ""))
			snap_start(k, c, ev);
		p->in_snap = true;
		if (ev->prefix.afi == BO_AFI_IPV6)
			p->snap_v6 += project_weight(ev);
		else
			p->snap_v4 += project_weight(ev);
	}
	if (!withdraw && !p->up) {
		/* routes mean the session is up, whatever we missed */
		peer_up(k, p, ev);
	}
	if (ev->prefix.afi == BO_AFI_NONE)
		return;
	rt_corr_route(k, pi, c, ev, withdraw);
	xi = pfx_find(k, &ev->prefix);
	if (xi < 0) {
		if (withdraw)
			return;
		m = corr_pfx_targets(k, &ev->prefix, ev->asn);
		if (m == 0) {
			if (rib)
				pend_note(k, ev, pi);
			return;
		}
		xi = pfx_track(k, &ev->prefix, m);
		k->px[xi].origin = ev->asn;
		if (rib)
			pend_apply(k, ev, &k->px[xi]);
	} else if (!withdraw && ev->asn != 0 &&
	    (m = corr_pfx_targets(k, &ev->prefix, ev->asn)) &
	    ~k->px[xi].tmask)
		pfx_join(k, (size_t)xi, m);
	x = &k->px[xi];
	counted = corr_peer_counted(k, p, ev->time_us, ev->prefix.afi);
	if (withdraw) {
		struct pfx_peer *s = corr_pfx_peer(x, pi);

		if (s != NULL)
			s->st &= (uint8_t)~RT_ROUTE;
		vis_route_path(k, x, pi, NULL);
	} else {
		corr_pfx_slot(x, pi)->st |= RT_ROUTE | (rib ? RT_SNAP : 0);
		vis_route_path(k, x, pi, intern_str(k->strs,
		    bo_event_attr(ev, "as_path")));
	}
	if (rib && k->coll[c].snap_open)
		return;		/* evaluated when the snapshot ends */
	evid_from(k, &e, ev);
	if (counted)
		churn_count(k, x, pi, c, ev->time_us, &e);
	vis_pfx_eval(k, (size_t)xi, ev->time_us, ev->prec, &e);
	for (ti = 0; ti < k->ntg; ti++)
		if (x->tmask & (1ULL << ti))
			vis_transit_check(k, ti, ev->time_us, ev->prec, &e,
			    false);
}

/* Update file times from RIS and RouteViews names:
 * "updates.20141222.1615.gz", "updates.20141222.1615.bz2". */
static int
file_time(const char *member, int64_t *out)
{
	const char *b = strrchr(member, '/'), *p;
	int y, mo, d, h, mi;

	b = b ? b + 1 : member;
	if ((p = strrchr(b, '!')) != NULL)
		b = p + 1;
	if (strncmp(b, "updates.", 8) != 0 || sscanf(b + 8,
	    "%4d%2d%2d.%2d%2d", &y, &mo, &d, &h, &mi) != 5)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
		return -1;
	*out = (days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	    h * 3600 + mi * 60) * US;
	return 0;
}

/*
 * The collector's file times, unique and in order.  Files of the same
 * collector that overlap in time alternate event by event in the merged
 * order; each change of member lands here, so a time already known only
 * moves its last evidence (a list of every change, sorted at the end, was
 * quadratic: eight overlapping copies of a day took minutes).
 */
static void
file_seen(struct collector *co, int64_t ft)
{
	size_t lo = 0, hi = co->nfiles, mid;

	/* files come almost in order: try the last one first */
	if (hi > 0 && co->files[hi - 1].time_us <= ft)
		lo = co->files[hi - 1].time_us == ft ? hi - 1 : hi;
	else
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (co->files[mid].time_us < ft)
				lo = mid + 1;
			else
				hi = mid;
		}
	if (lo < co->nfiles && co->files[lo].time_us == ft) {
		co->files[lo].last = co->last_ev;
		return;
	}
	xgrow(&co->files, &co->capfiles, co->nfiles, sizeof(*co->files));
	memmove(&co->files[lo + 1], &co->files[lo],
	    (co->nfiles - lo) * sizeof(*co->files));
	co->files[lo].time_us = ft;
	co->files[lo].first = co->last_ev;
	co->files[lo].last = co->last_ev;
	co->nfiles++;
}

static void
coll_seen(struct corr *k, size_t c, const struct bo_event *ev)
{
	struct collector *co = &k->coll[c];
	const char *m = intern_str(k->strs, ev->prov.member ?
	    ev->prov.member : "");
	int64_t ft;

	if (co->first_us != INT64_MIN && ev->time_us - co->last_us >
	    (int64_t)k->p.silence_s * US) {
		struct evid e[2];
		char *why;

		e[0] = co->last_ev;
		evid_from(k, &e[1], ev);
		why = xasprintf("no data from the collector for more than "
		    "silence_s (%.0f s)", k->p.silence_s);
		corr_gap_add(k, co->name, co->last_us, ev->time_us, why, e, 2);
		free(why);
	}
	if (co->first_us == INT64_MIN)
		co->first_us = ev->time_us;
	co->last_us = ev->time_us;
	evid_from(k, &co->last_ev, ev);
	if (m == co->last_member)
		return;
	co->last_member = m;
	if (file_time(m[0] ? m : (ev->prov.input ? ev->prov.input : ""),
	    &ft) != 0)
		return;
	file_seen(co, ft);
}

void
route_event(struct corr *k, const struct bo_event *ev)
{
	const char *op = ev->role == BO_ROLE_ROUTE ? bo_event_attr(ev, "op") :
	    NULL;
	bool rib = op != NULL && strcmp(op, "rib") == 0;
	struct peer *p;
	size_t pi;
	int c;

	if ((c = coll_get(k, ev->collector)) < 0) {
		k->ignored_coll += project_weight(ev) - 1;
		return;
	}
	coll_seen(k, (size_t)c, ev);
	k->ev_coll = c;
	/* a snapshot in progress ends with its collector's next update */
	if (k->coll[c].snap_open && !rib &&
	    ev->time_us > k->coll[c].snap_time)
		route_snap_finish(k, (size_t)c);
	if (ev->peer == NULL)
		return;
	p = peer_get(k, (size_t)c, ev->peer, ev->peer_as);
	pi = (size_t)(p - k->peers);
	if (ev->role == BO_ROLE_SESSION)
		on_state(k, p, pi, ev);
	else if (rib)
		on_route(k, p, pi, (size_t)c, ev, true, false);
	else if (op != NULL && strcmp(op, "announce") == 0)
		on_route(k, p, pi, (size_t)c, ev, false, false);
	else if (op != NULL && strcmp(op, "withdraw") == 0)
		on_route(k, p, pi, (size_t)c, ev, false, true);
}

/* Missing update files: a collector's files come at a fixed interval (5
 * min at RIS, 15 at RouteViews); a longer step means files are absent. */
void
route_file_gaps(struct corr *k, size_t c)
{
	struct collector *co = &k->coll[c];
	int64_t step = INT64_MAX, d;
	size_t i;

	for (i = 1; i < co->nfiles; i++) {
		d = co->files[i].time_us - co->files[i - 1].time_us;
		if (d > 0 && d < step)
			step = d;
	}
	if (step == INT64_MAX)
		return;
	for (i = 1; i < co->nfiles; i++) {
		struct evid e[2];
		char *why;

		d = co->files[i].time_us - co->files[i - 1].time_us;
		if (d * 2 <= step * 3)
			continue;
		e[0] = co->files[i - 1].last;
		e[1] = co->files[i].first;
		why = xasprintf("missing update file%s: %" PRId64 " expected "
		    "at a %" PRId64 " s interval %s absent",
		    d / step - 1 == 1 ? "" : "s", d / step - 1, step / US,
		    d / step - 1 == 1 ? "is" : "are");
		corr_gap_add(k, co->name, co->files[i - 1].time_us + step,
		    co->files[i].time_us, why, e, 2);
		free(why);
	}
}
