/*
 * Leaks: many of a target's routes suddenly carried through a network
 * that was never one of its transits.  During the baseline every AS
 * between the collector's peer and the origin of a target route is a
 * known transit of that target.  Afterwards, in each route of the target
 * at a counted peer, the new transit nearest the origin is the candidate
 * leaker (the networks above it only pass on what it sent) and the AS
 * before it its upstream.  A candidate becomes a leak when, within
 * leak_window_s of its first route, its routes carry leak_min_prefixes
 * distinct prefixes at leak_min_peers peers or more.  The leak ends when
 * the last route through the leaker is withdrawn or replaced.
 *
 * Without AS relationships this cannot tell a leak from a network that
 * moves many prefixes to a new provider at once; doc/correlation.md says
 * so.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/leak.h"
#include "correlate/routing_base.h"
#include "util/u32map.h"
#include "util/util.h"

#define MAX_T	64

struct lk_grp {
	size_t		 ti;
	uint32_t	 leaker;
	int64_t		 first;
	enum bo_prec	 first_prec;
	struct rt_evid	 ev_first;
	uint32_t	 live;		/* routes through it now */
	uint32_t	*per_peer;
	size_t		 cap;
	uint32_t	 carriers;
	uint32_t	 peak;
	uint32_t	 peak_total;
	uint64_t	 colls;
	struct bo_prefix *pfx;		/* distinct prefixes, first time */
	int64_t		*pfx_t;		/* in stream (time) order */
	size_t		 npfx;
	size_t		 cappfx, cappfx_t;
	struct pfxtab	 pfxix;		/* prefix -> index in pfx */
	size_t		 nwin;		/* pfx_t[0..nwin) within the window */
	uint32_t	*ups;
	uint32_t	*upn;
	size_t		 nups;
	uint32_t	*origins;	/* in order of first sight */
	size_t		 norigins;
	size_t		 caporigins;
	struct u32map	 origix;	/* origin -> index in origins */
	long		 inc;		/* -1 until it is a leak */
};

struct lk_state {
	struct u32map	 tr[MAX_T];	/* known transits per target */
	struct lk_grp	*g;
	size_t		 n;
	size_t		 cap;
};

struct lk_state *
lk_new(void)
{
	return xcalloc(1, sizeof(struct lk_state));
}

static void
grp_reset(struct lk_grp *g)
{
	free(g->per_peer);
	free(g->pfx);
	free(g->pfx_t);
	pfxtab_free(&g->pfxix);
	free(g->ups);
	free(g->upn);
	free(g->origins);
	u32map_free(&g->origix);
}

void
lk_free(struct lk_state *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < MAX_T; i++)
		u32map_free(&l->tr[i]);
	for (i = 0; i < l->n; i++)
		grp_reset(&l->g[i]);
	free(l->g);
	free(l);
}

static void
grp_drop(struct rt *r, struct lk_grp *g, size_t peer, int64_t t,
    enum bo_prec prec, const struct rt_evid *ev)
{
	struct rt_incident *in;

	if (g->live > 0)
		g->live--;
	if (peer < g->cap && g->per_peer[peer] > 0 &&
	    --g->per_peer[peer] == 0)
		g->carriers--;
	if (g->live > 0 || g->inc < 0)
		return;
	in = &r->inc[g->inc];
	in->has_end = true;
	in->end = t;
	in->end_prec = prec;
	in->ev_off = *ev;
}

void
lk_gone(struct rt *r, struct rt_watch *w, size_t peer, int64_t t,
    enum bo_prec prec, const struct rt_evid *ev)
{
	struct rt_wpeer *s = rt_watch_peer(w, peer);

	if (s == NULL || s->lk < 0)
		return;
	grp_drop(r, &r->lk->g[s->lk], peer, t, prec, ev);
	s->lk = -1;
}

/* The group of this leaker for target ti that a new route joins: the
 * open one, or a fresh one. */
static struct lk_grp *
grp_get(struct lk_state *l, size_t ti, uint32_t leaker,
    const struct rt_route *e)
{
	struct lk_grp *g;
	size_t i;

	for (i = 0; i < l->n; i++) {
		g = &l->g[i];
		if (g->ti != ti || g->leaker != leaker)
			continue;
		if (g->live > 0)
			return g;
		if (g->inc < 0) {
			/* never a leak and all gone: start again */
			grp_reset(g);
			goto fresh;
		}
	}
	xgrow(&l->g, &l->cap, l->n, sizeof(*l->g));
	g = &l->g[l->n++];
fresh:
	memset(g, 0, sizeof(*g));
	g->ti = ti;
	g->leaker = leaker;
	g->first = e->t;
	g->first_prec = e->prec;
	g->ev_first = e->ev;
	g->inc = -1;
	return g;
}

static const struct bo_prefix *
grp_pfx(const void *arg, size_t i)
{
	const struct lk_grp *g = arg;

	return &g->pfx[i];
}

static void
grp_add(struct lk_grp *g, const struct rt_route *e, uint32_t up)
{
	size_t i, ncap;

	g->live++;
	if (e->peer >= g->cap) {
		ncap = g->cap ? g->cap : 8;
		while (ncap <= e->peer)
			ncap *= 2;
		g->per_peer = xreallocarray(g->per_peer, ncap,
		    sizeof(*g->per_peer));
		memset(g->per_peer + g->cap, 0, (ncap - g->cap) *
		    sizeof(*g->per_peer));
		g->cap = ncap;
	}
	if (g->per_peer[e->peer]++ == 0)
		g->carriers++;
	if (g->carriers > g->peak) {
		g->peak = g->carriers;
		g->peak_total = e->peers_counted(e->arg, e->t);
	}
	g->colls |= 1ULL << (e->coll & 63);
	if (u32map_get(&g->origix, e->origin) < 0) {
		xgrow(&g->origins, &g->caporigins, g->norigins,
		    sizeof(*g->origins));
		u32map_put(&g->origix, e->origin, g->norigins);
		g->origins[g->norigins++] = e->origin;
	}
	for (i = 0; i < g->nups && g->ups[i] != up; i++)
		;
	if (i == g->nups) {
		g->ups = xreallocarray(g->ups, g->nups + 1, sizeof(*g->ups));
		g->upn = xreallocarray(g->upn, g->nups + 1, sizeof(*g->upn));
		g->ups[i] = up;
		g->upn[g->nups++] = 0;
	}
	g->upn[i]++;
	if (pfxtab_find(&g->pfxix, e->prefix, grp_pfx, g) >= 0)
		return;
	xgrow(&g->pfx, &g->cappfx, g->npfx, sizeof(*g->pfx));
	xgrow(&g->pfx_t, &g->cappfx_t, g->npfx, sizeof(*g->pfx_t));
	g->pfx[g->npfx] = *e->prefix;
	g->pfx_t[g->npfx] = e->t;
	pfxtab_put(&g->pfxix, g->npfx, g->npfx + 1, grp_pfx, g);
	g->npfx++;
}

/* Past the thresholds: the group is a leak from its first route. */
static void
grp_check(struct rt *r, struct lk_grp *g)
{
	int64_t lim = g->first + (int64_t)(r->p.leak_window_s * 1e6);
	struct rt_incident *in;
	struct rt_watch *w;
	size_t i;

	if (g->inc >= 0)
		return;
	/* the routes come in time order, so those within the window are
	 * the first ones: counted once each, not on every route */
	while (g->nwin < g->npfx && g->pfx_t[g->nwin] <= lim)
		g->nwin++;
	if ((double)g->nwin < r->p.leak_min_prefixes ||
	    (double)g->carriers < r->p.leak_min_peers)
		return;
	g->inc = (long)r->ninc;
	in = rt_inc_add(r);
	in->kind = RT_LEAK;
	in->tmask = 1ULL << g->ti;
	in->onset = g->first;
	in->onset_prec = g->first_prec;
	in->ev_on = g->ev_first;
	in->as = g->leaker;
	for (i = 0; i < g->npfx; i++)
		if ((w = rt_watch_find(r, &g->pfx[i])) != NULL)
			w->dirty = true;
}

void
lk_route(struct rt *r, struct rt_watch *w, const struct rt_route *e,
    uint64_t tmask)
{
	struct lk_state *l = r->lk;
	uint32_t as[RT_MAX_PATH];
	struct lk_grp *g;
	size_t n, i, ti;

	lk_gone(r, w, e->peer, e->t, e->prec, &e->ev);
	n = rt_path_parse(e->path, as, BO_NELEM(as));
	if (!rt_judged(r, e)) {
		/* known transits: the baseline, and each peer's table until
		 * it is known whole */
		for (ti = 0; ti < MAX_T; ti++)
			if (tmask & (1ULL << ti))
				for (i = 1; i + 1 < n; i++)
					u32map_put(&l->tr[ti], as[i], 0);
		return;
	}
	if (n < 3)
		return;
	for (ti = 0; ti < MAX_T; ti++) {
		if (!(tmask & (1ULL << ti)))
			continue;
		/* the new transit nearest the origin */
		for (i = n - 2; i >= 1; i--)
			if (u32map_get(&l->tr[ti], as[i]) < 0 &&
			    as[i] != e->origin)
				break;
		if (i == 0)
			continue;
		g = grp_get(l, ti, as[i], e);
		grp_add(g, e, as[i - 1]);
		rt_watch_slot(w, e->peer)->lk = (int32_t)(g - l->g);
		grp_check(r, g);
		if (g->inc >= 0)
			w->dirty = true;
		return;
	}
}

void
lk_close(struct rt *r, int64_t now)
{
	struct lk_state *l = r->lk;
	size_t i, j, nms;
	char *ps, *os;
	struct buf b;

	(void)now;
	for (i = 0; i < l->n; i++) {
		struct lk_grp *g = &l->g[i];
		struct rt_incident *in;

		if (g->inc < 0)
			continue;
		in = &r->inc[g->inc];
		for (j = 0; j < g->npfx; j++)
			rt_inc_prefix(in, &g->pfx[j]);
		/* distinct already: a leak of a whole table has thousands */
		if (in->norigins == 0 && g->norigins > 0) {
			in->origins = xreallocarray(NULL, g->norigins,
			    sizeof(*in->origins));
			memcpy(in->origins, g->origins, g->norigins *
			    sizeof(*in->origins));
			in->norigins = g->norigins;
		} else
			for (j = 0; j < g->norigins; j++)
				rt_u32_add(&in->origins, &in->norigins,
				    g->origins[j]);
		rt_inc_sort(in);
		in->upstream = rt_most(g->ups, g->upn, g->nups);
		in->peers = g->peak;
		in->peers_total = g->peak_total;
		in->colls = g->colls;
		/* more-specifics of prefixes the target routes itself */
		for (j = nms = 0; j < g->npfx; j++)
			nms += rt_space_cover(r, &g->pfx[j], false) >= 0;
		ps = rt_fmt_prefixes(in->pfx, in->npfx, 4);
		buf_init(&b);
		for (j = 0; j < in->norigins; j++)
			buf_printf(&b, "%sAS%" PRIu32, j ? ", " : "",
			    in->origins[j]);
		os = buf_take(&b);
		buf_printf(&b, "%zu prefixes (origin %s; %zu of them "
		    "more-specifics of the target's own routes) carried "
		    "through AS%" PRIu32 ", never a transit for them before, "
		    "with AS%" PRIu32 " as its upstream, at %" PRIu32 " of %"
		    PRIu32 " peers", in->npfx, os, nms, in->as, in->upstream,
		    in->peers, in->peers_total);
		in->effect = buf_take(&b);
		rt_inc_sig(in, in->onset, in->onset_prec, "bgp.leak_onset",
		    xasprintf("AS%" PRIu32 " appeared between AS%" PRIu32
		    " and the routes of %s: %s", in->as, in->upstream, os, ps),
		    &in->ev_on);
		if (in->has_end)
			rt_inc_sig(in, in->end, in->end_prec, "bgp.leak_end",
			    xasprintf("the last route through AS%" PRIu32
			    " was withdrawn or replaced", in->as),
			    &in->ev_off);
		free(ps);
		free(os);
	}
}
