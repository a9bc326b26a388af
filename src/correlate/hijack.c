/*
 * Hijacks: a prefix of a target's space announced, after the baseline, by
 * an origin that is neither the target's nor one known for that space,
 * on a path that does not go through a known origin (a customer's
 * more-specific reaches the world through its provider, the owner).
 *
 * Routes of one offending origin against one target form an episode: it
 * begins with the first such route at a counted peer and ends when the
 * last one is withdrawn or replaced; back within merge_gap_s, it is the
 * same episode.  The target's own new announcements inside a hijacked
 * prefix while the episode is on are its counter-measures.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/hijack.h"
#include "correlate/routing_base.h"
#include "util/util.h"

#define US	((int64_t)1000000)
/* Counter-measures announced this close together are one signal. */
#define CM_GROUP_US	(60 * US)

struct hj_ep {
	size_t		 inc;		/* in rt->inc */
	uint64_t	 tmask;
	uint32_t	 offender;
	uint32_t	*per_peer;	/* offending routes per peer */
	size_t		 cap;
	uint32_t	 carriers;	/* peers with one or more */
	uint32_t	*ups;		/* upstreams and their route counts */
	uint32_t	*upn;
	size_t		 nups;
	/* at the peak */
	struct bo_prefix top;
	struct bo_prefix cover;		/* the target's covering prefix */
	bool		 has_cover;
	uint32_t	 cover_peers;	/* peers routing it to its owner */
	/* the current group of counter-measures */
	int64_t		 cm_t;
	uint32_t	 cm_as;
	long		 cm_sig;
	struct bo_prefix *cm_pfx;
	size_t		 ncm;
};

struct hj_state {
	struct hj_ep	*v;
	size_t		 n;
	size_t		 cap;
};

struct hj_state *
hj_new(void)
{
	return xcalloc(1, sizeof(struct hj_state));
}

void
hj_free(struct hj_state *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->v[i].per_peer);
		free(h->v[i].ups);
		free(h->v[i].upn);
		free(h->v[i].cm_pfx);
	}
	free(h->v);
	free(h);
}

/* The most specific prefix of the space strictly covering p, or p itself
 * when the space holds it and nothing covers it. */
static long
cover_of(const struct rt *r, const struct bo_prefix *p)
{
	long x = rt_space_cover(r, p, true);

	return x >= 0 ? x : rt_space_find(r, p);
}

static uint32_t
upstream_of(const char *path, uint32_t origin)
{
	uint32_t as[RT_MAX_PATH];
	size_t n = rt_path_parse(path, as, BO_NELEM(as));

	/* the path ends with the origin; a peer that is the origin itself
	 * shows no upstream */
	if (n >= 2 && as[n - 1] == origin)
		return as[n - 2];
	return 0;
}

static void
ep_up_count(struct hj_ep *ep, uint32_t up)
{
	size_t i;

	if (up == 0)
		return;
	for (i = 0; i < ep->nups; i++)
		if (ep->ups[i] == up) {
			ep->upn[i]++;
			return;
		}
	ep->ups = xreallocarray(ep->ups, ep->nups + 1, sizeof(*ep->ups));
	ep->upn = xreallocarray(ep->upn, ep->nups + 1, sizeof(*ep->upn));
	ep->ups[ep->nups] = up;
	ep->upn[ep->nups++] = 1;
}

static void
ep_fit(struct hj_ep *ep, size_t peer)
{
	size_t ncap = ep->cap ? ep->cap : 8;

	if (peer < ep->cap)
		return;
	while (ncap <= peer)
		ncap *= 2;
	ep->per_peer = xreallocarray(ep->per_peer, ncap,
	    sizeof(*ep->per_peer));
	memset(ep->per_peer + ep->cap, 0, (ncap - ep->cap) *
	    sizeof(*ep->per_peer));
	ep->cap = ncap;
}

/* Peers routing the prefix of w to one of the known origins. */
static uint32_t
owner_peers(const struct rt *r, const struct rt_space *s)
{
	const struct rt_watch *w = rt_watch_find(r, &s->p);
	uint32_t n = 0;
	size_t i;

	for (i = 0; w != NULL && i < w->peers.n; i++) {
		const struct rt_wpeer *p = keyvec_at(&w->peers, sizeof(*p), i);

		if (p->origin != 0 && rt_u32_has(s->orig, s->norig, p->origin))
			n++;
	}
	return n;
}

static struct hj_ep *
ep_find(struct rt *r, const struct rt_route *e, uint64_t tmask)
{
	struct hj_state *h = r->hj;
	struct rt_incident *in;
	struct hj_ep *ep;
	struct rt_space *cs;
	char a[64], b[64], via[32] = "", *os;
	uint32_t up;
	size_t i;
	long c;

	for (i = 0; i < h->n; i++) {
		ep = &h->v[i];
		in = &r->inc[ep->inc];
		if (ep->offender != e->origin || !(ep->tmask & tmask))
			continue;
		if (ep->carriers > 0)
			return ep;
		if (in->has_end && e->t - in->end <=
		    (int64_t)(r->p.merge_gap_s * 1e6)) {
			in->has_end = false;
			return ep;
		}
	}
	xgrow(&h->v, &h->cap, h->n, sizeof(*h->v));
	ep = &h->v[h->n++];
	memset(ep, 0, sizeof(*ep));
	ep->inc = r->ninc;
	ep->tmask = tmask;
	ep->offender = e->origin;
	ep->cm_sig = -1;
	in = rt_inc_add(r);
	in->kind = RT_HIJACK;
	in->tmask = tmask;
	in->onset = e->t;
	in->onset_prec = e->prec;
	in->ev_on = e->ev;
	in->as = e->origin;
	c = cover_of(r, e->prefix);
	if (c >= 0) {
		cs = &r->sp[c];
		for (i = 0; i < cs->norig; i++)
			rt_u32_add(&in->origins, &in->norigins, cs->orig[i]);
	}
	os = NULL;
	if (in->norigins > 0) {
		struct buf ob;

		buf_init(&ob);
		for (i = 0; i < in->norigins; i++)
			buf_printf(&ob, "%sAS%" PRIu32, i ? ", " : "",
			    in->origins[i]);
		os = buf_take(&ob);
	}
	up = upstream_of(e->path, e->origin);
	if (up != 0)
		snprintf(via, sizeof(via), ", via AS%" PRIu32, up);
	bo_prefix_format(e->prefix, a, sizeof(a));
	if (c >= 0 && bo_prefix_cmp(&r->sp[c].p, e->prefix) != 0)
		rt_inc_sig(in, e->t, e->prec, "bgp.hijack_onset",
		    xasprintf("AS%" PRIu32 " announced %s, a more-specific of "
		    "%s (origin %s)%s", e->origin, a,
		    bo_prefix_format(&r->sp[c].p, b, sizeof(b)),
		    os ? os : "unknown", via), &e->ev);
	else
		rt_inc_sig(in, e->t, e->prec, "bgp.hijack_onset",
		    xasprintf("AS%" PRIu32 " announced %s, whose origin is "
		    "%s%s", e->origin, a, os ? os : "unknown", via), &e->ev);
	free(os);
	return ep;
}

static void
ep_drop(struct rt *r, struct hj_ep *ep, size_t peer, int64_t t,
    enum bo_prec prec, const struct rt_evid *ev)
{
	struct rt_incident *in = &r->inc[ep->inc];

	if (peer >= ep->cap || ep->per_peer[peer] == 0)
		return;
	if (--ep->per_peer[peer] > 0 || --ep->carriers > 0)
		return;
	in->has_end = true;
	in->end = t;
	in->end_prec = prec;
	in->ev_off = *ev;
}

void
hj_gone(struct rt *r, struct rt_watch *w, size_t peer, int64_t t,
    enum bo_prec prec, const struct rt_evid *ev)
{
	struct rt_wpeer *s = rt_watch_peer(w, peer);

	if (s == NULL || s->hj < 0)
		return;
	ep_drop(r, &r->hj->v[s->hj], peer, t, prec, ev);
	s->hj = -1;
}

void
hj_route(struct rt *r, struct rt_watch *w, const struct rt_route *e,
    uint64_t tmask, bool legit)
{
	struct rt_incident *in;
	struct hj_ep *ep;
	long c;

	hj_gone(r, w, e->peer, e->t, e->prec, &e->ev);
	if (legit || !rt_judged(r, e))
		return;
	ep = ep_find(r, e, tmask);
	in = &r->inc[ep->inc];
	rt_watch_slot(w, e->peer)->hj = (int32_t)(ep - r->hj->v);
	ep_fit(ep, e->peer);
	if (ep->per_peer[e->peer]++ == 0)
		ep->carriers++;
	in->colls |= 1ULL << (e->coll & 63);
	rt_inc_prefix(in, e->prefix);
	ep_up_count(ep, upstream_of(e->path, e->origin));
	if (ep->carriers <= in->peers)
		return;
	in->peers = ep->carriers;
	in->peers_total = e->peers_counted(e->arg, e->t);
	ep->top = *e->prefix;
	c = cover_of(r, e->prefix);
	ep->has_cover = c >= 0 && bo_prefix_cmp(&r->sp[c].p, e->prefix) != 0;
	if (!ep->has_cover)
		return;
	ep->cover = r->sp[c].p;
	ep->cover_peers = owner_peers(r, &r->sp[c]);
	/* the more-specific wins wherever it is routed: past the majority,
	 * the covering route is visible but not where the traffic goes */
	if ((double)ep->carriers > r->p.visibility_threshold *
	    (double)in->peers_total)
		in->unreachable = true;
}

/* A new announcement of the target's own inside a hijacked prefix. */
void
hj_owner_new(struct rt *r, const struct rt_route *e, uint64_t own)
{
	struct hj_state *h = r->hj;
	char a[64], *ps;
	size_t i, j;

	for (i = 0; i < h->n; i++) {
		struct hj_ep *ep = &h->v[i];
		struct rt_incident *in = &r->inc[ep->inc];
		bool same = false, inside = false;

		if (!(ep->tmask & own) || ep->carriers == 0)
			continue;
		for (j = 0; j < in->npfx && !inside; j++) {
			same = bo_prefix_cmp(&in->pfx[j], e->prefix) == 0;
			inside = bo_prefix_covers(&in->pfx[j], e->prefix);
		}
		if (!inside)
			continue;
		j--;
		if (ep->cm_sig < 0 || ep->cm_as != e->origin ||
		    e->t - ep->cm_t > CM_GROUP_US) {
			ep->cm_t = e->t;
			ep->cm_as = e->origin;
			ep->ncm = 0;
			rt_inc_sig(in, e->t, e->prec, "bgp.hijack_countermeasure",
			    NULL, &e->ev);
			ep->cm_sig = (long)in->nsigs - 1;
		}
		ep->cm_pfx = xreallocarray(ep->cm_pfx, ep->ncm + 1,
		    sizeof(*ep->cm_pfx));
		ep->cm_pfx[ep->ncm++] = *e->prefix;
		ps = rt_fmt_prefixes(ep->cm_pfx, ep->ncm, 8);
		free(in->sigs[ep->cm_sig].summary);
		in->sigs[ep->cm_sig].summary = same && ep->ncm == 1 ?
		    xasprintf("AS%" PRIu32 " announced %s itself, competing "
		    "with AS%" PRIu32 "'s route (a counter-measure)",
		    e->origin, ps, ep->offender) :
		    xasprintf("AS%" PRIu32 " announced %s, inside the hijacked "
		    "%s (a counter-measure: the longest match wins)",
		    e->origin, ps, bo_prefix_format(&in->pfx[j], a,
		    sizeof(a)));
		free(ps);
	}
}

void
hj_close(struct rt *r, int64_t now)
{
	struct hj_state *h = r->hj;
	char a[64], b[64], *ps;
	size_t i;

	(void)now;
	for (i = 0; i < h->n; i++) {
		struct hj_ep *ep = &h->v[i];
		struct rt_incident *in = &r->inc[ep->inc];
		struct buf eb;

		in->upstream = rt_most(ep->ups, ep->upn, ep->nups);
		rt_inc_sort(in);
		ps = rt_fmt_prefixes(in->pfx, in->npfx, 4);
		buf_init(&eb);
		buf_printf(&eb, "traffic for %s drawn to AS%" PRIu32 " at %"
		    PRIu32 " of %" PRIu32 " peers", bo_prefix_format(&ep->top,
		    a, sizeof(a)), ep->offender, in->peers, in->peers_total);
		if (in->unreachable)
			buf_printf(&eb, "; a more-specific at a majority of "
			    "peers: %s unreachable although %s stayed visible "
			    "(routed to its origin by %" PRIu32 " peers)", a,
			    bo_prefix_format(&ep->cover, b, sizeof(b)),
			    ep->cover_peers);
		in->effect = buf_take(&eb);
		if (in->has_end)
			rt_inc_sig(in, in->end, in->end_prec, "bgp.hijack_end",
			    xasprintf("the last route to AS%" PRIu32 " for %s "
			    "was withdrawn or replaced", ep->offender, ps),
			    &in->ev_off);
		free(ps);
	}
}
