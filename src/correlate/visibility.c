/*
 * Visibility of each target: how many of its prefixes the counted peers
 * route, combined and per collector, the down periods that follow, how
 * deep they go, and the transit ASes its full-feed routes cross.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/outage.h"
#include "correlate/routing_tl.h"
#include "correlate/state.h"
#include "correlate/visibility.h"
#include "util/util.h"

/* ---- target state ---- */

/* Logs what changed in prefix xi's visibility, combined and per
 * collector.  A collector's change cites an event of that collector: the
 * one at hand when it is its own, else the last one it sent (its peers
 * may stop counting while another collector's event is read). */
static void
log_changes(struct corr *k, struct pfx *x, size_t xi, int64_t now,
    enum bo_prec prec, const struct evid *ev, bool judged, uint64_t vis_c,
    uint64_t seen_c)
{
	enum vstate st;
	size_t c;

	if (judged) {
		st = x->vis ? VS_VIS : (double)x->have > k->p.dark_share *
		    (double)x->up ? VS_WEAK : VS_DARK;
		if (st != x->lst || (st != VS_VIS && (x->have != x->lhave ||
		    x->up != x->lup)))
			outage_note(k, xi, -1, st, x->have, x->up, now, prec,
			    ev);
		x->lst = (uint8_t)st;
		x->lhave = x->have;
		x->lup = x->up;
	}
	for (c = 0; c < k->ncoll; c++) {
		uint64_t b = 1ULL << c;
		const struct evid *e = ev;

		if (!(seen_c & b) || ((x->lc_seen & b) &&
		    (x->lc_vis & b) == (vis_c & b)))
			continue;
		if (k->ev_coll != (int)c)
			e = k->coll[c].last_ev.input != NULL ?
			    &k->coll[c].last_ev : NULL;
		outage_note(k, xi, (int)c, (vis_c & b) ? VS_VIS : VS_DARK, 0,
		    0, now, e == ev ? prec : BO_PREC_S, e);
		x->lc_seen |= b;
		x->lc_vis = (x->lc_vis & ~b) | (vis_c & b);
	}
}

/*
 * Re-evaluates one prefix at time now: combined visibility over every
 * counted peer, and each collector's own.  A prefix joins the target's
 * denominator the first time it is visible, so a prefix seen once by one
 * peer (a leak, a new announcement still spreading) is not an outage.
 */
void
vis_pfx_eval(struct corr *k, size_t xi, int64_t now, enum bo_prec prec,
    const struct evid *ev)
{
	struct pfx *x = &k->px[xi];
	const struct upcount *u;
	const uint32_t *up_c;
	uint32_t have_c[CORR_MAX_COLL], up, have = 0;
	double thr = k->p.visibility_threshold;
	bool vis, was_known = x->known, was_vis = x->vis;
	uint64_t vis_c = x->vis_c, known_c = x->known_c, seen_c = 0;
	bool judged = false;
	size_t i, c, ti;

	if (rt_corr_forget(k, xi, now, prec, ev))
		return;
	u = corr_counted_up(k, now, x->p.afi);
	up = u->up;
	up_c = u->up_c;
	memset(have_c, 0, sizeof(have_c));
	for (i = 0; i < x->pp.n; i++) {
		const struct pfx_peer *s = keyvec_at(&x->pp, sizeof(*s), i);

		if (!(s->st & RT_ROUTE) || !corr_peer_counted(k,
		    &k->peers[s->peer], now, x->p.afi))
			continue;
		have_c[k->peers[s->peer].coll]++;
		have++;
	}
	if (up >= (uint32_t)k->p.min_peers) {
		x->have = have;
		x->up = up;
		vis = (double)have > thr * (double)up;
		x->vis = vis;
		if (vis)
			x->known = true;
		judged = true;
	}
	for (c = 0; c < k->ncoll; c++) {
		if (up_c[c] == 0)
			continue;
		seen_c |= 1ULL << c;
		if ((double)have_c[c] > thr * (double)up_c[c])
			vis_c |= 1ULL << c;
		else
			vis_c &= ~(1ULL << c);
		if (vis_c & (1ULL << c))
			known_c |= 1ULL << c;
	}
	for (ti = 0; ti < k->ntg; ti++) {
		struct target *t = &k->tg[ti];

		if (!(x->tmask & (1ULL << ti)))
			continue;
		if (!x->known || (was_known && x->vis == was_vis))
			continue;
		if (!was_known) {
			t->nknown++;
			t->nvis++;
		} else if (x->vis)
			t->nvis++;
		else
			t->nvis--;
		if (!t->down && t->nvis < t->nknown)
			t->down = true;
		if (t->down && t->nvis == t->nknown)
			corr_target_close(k, ti, now, prec, ev, false);
		corr_pts_push(&t->pts, &t->npts, now, t->nvis, t->nknown);
	}
	if (x->tmask != 0)
		log_changes(k, x, xi, now, prec, ev, judged, vis_c, seen_c);
	x->vis_c = vis_c;
	x->known_c = known_c;
}

void
vis_eval_all(struct corr *k, int64_t now, enum bo_prec prec,
    const struct evid *ev)
{
	size_t i;

	for (i = 0; i < k->npx; i++)
		vis_pfx_eval(k, i, now, prec, ev);
}

/* ---- transit ASes ---- */

/* Adds the ASes of path other than the first hop's (the collector's peer)
 * and the origin. */
static void
path_transits(const char *path, uint32_t peer_as, uint32_t *set, size_t *n,
    size_t max)
{
	uint32_t as[64];
	size_t na = 0, i, j;
	const char *p = path;
	char *end;

	while (*p != '\0' && na < BO_NELEM(as)) {
		unsigned long v;

		while (*p == ' ' || *p == '{' || *p == '}' || *p == ',' ||
		    *p == '[' || *p == ']' || *p == '(' || *p == ')')
			p++;
		if (*p == '\0')
			break;
		v = strtoul(p, &end, 10);
		if (end == p) {
			p++;
			continue;
		}
		p = end;
		if (v <= UINT32_MAX && (na == 0 || as[na - 1] != v))
			as[na++] = (uint32_t)v;
	}
	for (i = 0; i + 1 < na; i++) {
		if (i == 0 && (peer_as == 0 || as[0] == peer_as))
			continue;
		for (j = 0; j < *n && set[j] != as[i]; j++)
			;
		if (j == *n && *n < max)
			set[(*n)++] = as[i];
	}
}

static struct transit *
transit_get(struct target *t, uint32_t as)
{
	long i = u32map_get(&t->trix, as);

	if (i >= 0)
		return &t->tr[i];
	xgrow(&t->tr, &t->captr, t->ntr, sizeof(*t->tr));
	memset(&t->tr[t->ntr], 0, sizeof(t->tr[0]));
	t->tr[t->ntr].as = as;
	u32map_put(&t->trix, as, t->ntr);
	return &t->tr[t->ntr++];
}

/*
 * Reference counts of transit ASes per target, kept as routes change so
 * that a check costs the number of transits, not prefixes x peers.  Routes
 * of full-feed peers count, including those of a peer away for a reset
 * (their last paths are kept): its absence is a coverage gap, not a
 * transit leaving.
 */
static void
transit_ref(struct corr *k, const struct pfx *x, const char *path,
    uint32_t peer_as, int delta)
{
	uint32_t set[64];
	size_t n = 0, i, ti;

	if (path == NULL)
		return;
	path_transits(path, peer_as, set, &n, BO_NELEM(set));
	for (ti = 0; ti < k->ntg; ti++) {
		if (!(x->tmask & (1ULL << ti)))
			continue;
		for (i = 0; i < n; i++) {
			struct transit *tr = transit_get(&k->tg[ti], set[i]);

			if (delta > 0)
				tr->refs++;
			else if (tr->refs > 0)
				tr->refs--;
		}
	}
}

/* Whose paths count: full-feed peers, and on update-only data with
 * assume_full_feed the peers of collectors with no snapshot (the same
 * peers visibility counts). */
static bool
transit_peer(const struct corr *k, const struct peer *p)
{
	return p->full || (k->p.assume_full_feed != 0 &&
	    !k->coll[p->coll].had_snap);
}

/* Some route of the target is left: path changes mean something. */
static bool
target_routed(const struct target *t)
{
	size_t i;

	for (i = 0; i < t->ntr; i++)
		if (t->tr[i].refs > 0)
			return true;
	return false;
}

/* Full-feed status changed (a snapshot): count again from the routes. */
void
vis_transit_recount(struct corr *k)
{
	size_t i, j;

	for (i = 0; i < k->ntg; i++)
		for (j = 0; j < k->tg[i].ntr; j++)
			k->tg[i].tr[j].refs = 0;
	for (i = 0; i < k->npx; i++)
		for (j = 0; j < k->px[i].pp.n; j++) {
			const struct pfx_peer *s = keyvec_at(&k->px[i].pp,
			    sizeof(*s), j);

			if (transit_peer(k, &k->peers[s->peer]))
				transit_ref(k, &k->px[i], s->path,
				    k->peers[s->peer].as, 1);
		}
}

/* Sets the path of (prefix, peer), keeping the counts right. */
void
vis_route_path(struct corr *k, struct pfx *x, size_t pi, const char *path)
{
	const struct peer *p = &k->peers[pi];
	struct pfx_peer *s = path != NULL ? corr_pfx_slot(x, pi) :
	    corr_pfx_peer(x, pi);

	if (s == NULL || s->path == path)
		return;
	if (transit_peer(k, p))
		transit_ref(k, x, s->path, p->as, -1);
	s->path = path;
	if (transit_peer(k, p))
		transit_ref(k, x, path, p->as, 1);
}

/*
 * Compares the transit ASes now in the target's paths with the ones it
 * had; a change becomes a signal once it has lasted min_outage_s.  While
 * none of the target's routes is left its paths vanish with it: that is
 * the outage, not a path change, so nothing is compared then.  While it
 * is partly down they are compared: a transit leaving every path of a
 * target is the story even when some of its prefixes are dark.
 */
void
vis_transit_check(struct corr *k, size_t ti, int64_t now, enum bo_prec prec,
    const struct evid *ev, bool adopt)
{
	struct target *t = &k->tg[ti];
	size_t i;

	if (t->nknown == 0 || (t->tr_init && !target_routed(t)))
		return;
	for (i = 0; i < t->ntr; i++) {
		struct transit *tr = &t->tr[i];
		bool in = tr->refs > 0;

		if (!t->tr_init) {
			tr->present = in;
			continue;
		}
		/* a snapshot adds the ASes its peers use; one taken while a
		 * change is under way must not make that change vanish */
		if (adopt) {
			if (in && !tr->present && tr->pending == 0)
				tr->present = true;
			continue;
		}
		if (in == tr->present) {
			tr->pending = 0;
			continue;
		}
		if (tr->pending == 0) {
			tr->pending = in ? 1 : -1;
			tr->since = now;
			tr->prec = prec;
			if (ev)
				tr->ev = *ev;
		}
	}
	t->tr_init = true;
	if (k->next_timer > now + (int64_t)k->p.min_outage_s * US)
		k->next_timer = now + (int64_t)k->p.min_outage_s * US;
}

void
vis_transit_commit(struct corr *k, int64_t now)
{
	size_t ti, i;

	for (ti = 0; ti < k->ntg; ti++) {
		struct target *t = &k->tg[ti];

		for (i = 0; i < t->ntr; i++) {
			struct transit *tr = &t->tr[i];
			struct rsig *s;

			if (tr->pending == 0)
				continue;
			if (!target_routed(t)) {
				tr->pending = 0;
				continue;
			}
			if (now - tr->since < (int64_t)k->p.min_outage_s * US) {
				if (k->next_timer > tr->since +
				    (int64_t)k->p.min_outage_s * US)
					k->next_timer = tr->since +
					    (int64_t)k->p.min_outage_s * US;
				continue;
			}
			tr->present = tr->pending > 0;
			s = corr_sig_add(k, tr->since, tr->prec,
			    tr->present ? "bgp.transit_appeared" :
			    "bgp.transit_disappeared", BO_SRC_BGP, 1ULL << ti);
			s->summary = xasprintf("AS%" PRIu32 " %s the paths to "
			    "%s", tr->as, tr->present ? "appeared in" :
			    "disappeared from", t->spec->name);
			s->vantage = xstrdup("all collectors");
			corr_sig_evid(s, &tr->ev);
			tr->pending = 0;
		}
	}
}
