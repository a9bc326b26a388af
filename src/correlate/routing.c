/*
 * Routing incidents, the interface (routing.h): which routes belong to
 * the targets' space, the origins known for it, each peer's route per
 * prefix, and the hand-off to the hijack (hijack.c) and leak (leak.c)
 * detectors, which share routing_base.c with it.
 *
 * The targets' space is every prefix a target originates (its ASNs in
 * the case) or covers (its prefixes in the case), and every more-specific
 * of those.  Only routes of that space are kept, so memory grows with the
 * targets' prefixes times peers, as in the rest of the correlator.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/hijack.h"
#include "correlate/leak.h"
#include "correlate/routing.h"
#include "util/util.h"

struct cover_arg {
	const struct rt	*r;
	uint64_t	 m;
	uint32_t	*orig;
	size_t		 norig;
	size_t		 max;
};

static void
cover_one(void *arg, const struct bo_prefix *c, uint64_t mask)
{
	struct cover_arg *a = arg;
	const struct rt_space *s;
	long x = rt_space_find(a->r, c);
	size_t i;

	(void)mask;
	if (x < 0)
		return;
	s = &a->r->sp[x];
	a->m |= s->tmask;
	for (i = 0; i < s->norig && a->norig < a->max; i++)
		if (!rt_u32_has(a->orig, a->norig, s->orig[i]))
			a->orig[a->norig++] = s->orig[i];
}

/* The targets whose space covers p, with the origins known there (the
 * covering prefixes' origins and the targets' own ASNs).  The index
 * finds the covering prefixes with a filter in front of its table: most
 * lengths in use hold nothing at p's address. */
static uint64_t
space_cover(const struct rt *r, const struct bo_prefix *p, uint32_t *orig,
    size_t *norig, size_t max)
{
	struct cover_arg a = { r, 0, orig, 0, max };
	uint64_t m;
	size_t i, j;

	*norig = 0;
	if (p->afi < 1 || p->afi > 2)
		return 0;
	(void)pfxindex_covering_each(r->spix, p, cover_one, &a);
	*norig = a.norig;
	m = a.m;
	for (i = 0; i < r->nspecs; i++)
		if (m & (1ULL << i))
			for (j = 0; j < r->specs[i].nasns && *norig < max; j++)
				if (!rt_u32_has(orig, *norig,
				    r->specs[i].asns[j]))
					orig[(*norig)++] = r->specs[i].asns[j];
	return m;
}

/* Targets whose ASNs include the origin. */
static uint64_t
owner_of(const struct rt *r, uint32_t origin)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < r->nspecs && origin != 0; i++)
		if (rt_u32_has(r->specs[i].asns, r->specs[i].nasns, origin))
			m |= 1ULL << i;
	return m;
}

/* ---- the interface ---- */

struct rt *
rt_new(const struct corr_target_spec *specs, size_t n,
    const struct rt_params *p)
{
	struct rt *r = xcalloc(1, sizeof(*r));
	size_t i, j;

	r->specs = specs;
	r->nspecs = n < 64 ? n : 64;
	r->p = *p;
	r->spix = pfxindex_new();
	for (i = 0; i < r->nspecs; i++)
		for (j = 0; j < specs[i].npfx; j++)
			(void)rt_space_get(r, &specs[i].pfx[j], 1ULL << i);
	r->hj = hj_new();
	r->lk = lk_new();
	return r;
}

void
rt_free(struct rt *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsp; i++)
		free(r->sp[i].orig);
	for (i = 0; i < r->nw; i++)
		keyvec_free(&r->w[i].peers);
	for (i = 0; i < r->ninc; i++) {
		size_t j;

		free(r->inc[i].pfx);
		pfxtab_free(&r->inc[i].pfxix);
		free(r->inc[i].origins);
		free(r->inc[i].effect);
		for (j = 0; j < r->inc[i].nsigs; j++)
			free(r->inc[i].sigs[j].summary);
		free(r->inc[i].sigs);
	}
	free(r->inc);
	free(r->sp);
	pfxtab_free(&r->sptab);
	pfxindex_free(r->spix);
	free(r->w);
	pfxtab_free(&r->wtab);
	hj_free(r->hj);
	lk_free(r->lk);
	free(r);
}

static void
route_gone(struct rt *r, struct rt_watch *w, size_t peer, int64_t t,
    enum bo_prec prec, const struct rt_evid *ev)
{
	struct rt_wpeer *s = rt_watch_peer(w, peer);

	if (s == NULL || s->origin == 0)
		return;
	hj_gone(r, w, peer, t, prec, ev);
	lk_gone(r, w, peer, t, prec, ev);
	s->origin = 0;
}

void
rt_route(struct rt *r, const struct rt_route *e)
{
	uint32_t orig[64], as[RT_MAX_PATH];
	uint64_t own, cover, m;
	struct rt_watch *w;
	struct rt_wpeer *ws;
	struct rt_space *s;
	size_t norig, nas, i;
	bool legit, base;

	if (!r->started) {
		r->started = true;
		r->first = e->t;
	}
	if (e->prefix->afi != BO_AFI_IPV4 && e->prefix->afi != BO_AFI_IPV6)
		return;
	if (e->origin == 0) {
		if ((w = rt_watch_find(r, e->prefix)) != NULL)
			route_gone(r, w, e->peer, e->t, e->prec, &e->ev);
		return;
	}
	/* what the baseline held, or a peer's table before it is known,
	 * is learned, not judged */
	base = !rt_judged(r, e);
	own = owner_of(r, e->origin);
	cover = space_cover(r, e->prefix, orig, &norig, BO_NELEM(orig));
	m = own | cover;
	if (m == 0) {
		/* out of the space now; a route it replaces was not */
		if ((w = rt_watch_find(r, e->prefix)) != NULL)
			route_gone(r, w, e->peer, e->t, e->prec, &e->ev);
		return;
	}
	/* with no origin known for the space yet, the first one seen is the
	 * reference, not a hijack (base: see above) */
	if (own != 0 || base || norig == 0) {
		s = rt_space_get(r, e->prefix, own != 0 ? own : m);
		if (!rt_u32_has(s->orig, s->norig, e->origin)) {
			rt_u32_add(&s->orig, &s->norig, e->origin);
			if (!base && own != 0)
				hj_owner_new(r, e, own);
		}
	}
	legit = base || own != 0 || norig == 0 ||
	    rt_u32_has(orig, norig, e->origin);
	if (!legit) {
		/* the owner carries it: a customer's more-specific */
		nas = rt_path_parse(e->path, as, BO_NELEM(as));
		for (i = 0; i + 1 < nas && !legit; i++)
			legit = rt_u32_has(orig, norig, as[i]);
	}
	w = rt_watch_get(r, e->prefix, m);
	rt_watch_slot(w, e->peer)->origin = e->origin;
	hj_route(r, w, e, m, legit);
	lk_route(r, w, e, m);
	ws = rt_watch_peer(w, e->peer);
	if (ws->hj >= 0)
		w->dirty = true;
	else if (ws->lk < 0)
		w->clean = true;
}

void
rt_peer_down(struct rt *r, size_t peer, int64_t t, enum bo_prec prec,
    const struct rt_evid *ev)
{
	size_t i;

	for (i = 0; i < r->nw; i++)
		route_gone(r, &r->w[i], peer, t, prec, ev);
}

bool
rt_only_misrouted(const struct rt *r, const struct bo_prefix *p)
{
	const struct rt_watch *w = rt_watch_find(r, p);

	return w != NULL && w->dirty && !w->clean;
}

void
rt_close(struct rt *r, int64_t now)
{
	hj_close(r, now);
	lk_close(r, now);
}

size_t
rt_count(const struct rt *r)
{
	return r->ninc;
}

const struct rt_incident *
rt_get(const struct rt *r, size_t i)
{
	return i < r->ninc ? &r->inc[i] : NULL;
}
