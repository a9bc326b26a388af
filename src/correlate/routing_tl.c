/*
 * Hijacks and leaks into the timeline: the detectors' incidents
 * (routing.h) become bo_incidents of kind "hijack" and "leak", with their
 * own signals, and the correlator's parameters become the detectors'.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/routing.h"
#include "correlate/routing_tl.h"
#include "correlate/state.h"
#include "util/util.h"

struct rt *
rt_from_corr(const struct corr *k)
{
	struct rt_params p;

	p.baseline_s = k->p.learn_s;
	p.visibility_threshold = k->p.visibility_threshold;
	p.merge_gap_s = k->p.merge_gap_s;
	p.leak_min_prefixes = k->p.leak_min_prefixes;
	p.leak_window_s = k->p.leak_window_s;
	p.leak_min_peers = k->p.leak_min_peers;
	return rt_new(k->specs, k->nspecs, &p);
}

void
rt_evid_of(struct rt_evid *o, const struct evid *e)
{
	if (e == NULL) {
		memset(o, 0, sizeof(*o));
		return;
	}
	o->input = e->input;
	o->member = e->member;
	o->offset = e->offset;
	o->line = e->line;
}

static struct bo_evidence *
evidence_of(const struct rt_evid *r, size_t *n)
{
	struct evid e;

	*n = 0;
	if (r->input == NULL)
		return NULL;
	e.input = r->input;
	e.member = r->member;
	e.offset = r->offset;
	e.line = r->line;
	*n = 1;
	return evid_copy(&e, 1);
}

static char *
colls_names(const struct corr *k, uint64_t colls, size_t *n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	*n = 0;
	for (i = 0; i < k->ncoll && i < 64; i++)
		if (colls & (1ULL << i)) {
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    k->coll[i].name);
			(*n)++;
		}
	return buf_take(&b);
}

size_t
rt_incident_fill(const struct corr *k, struct bo_incident *in,
    const struct rt_incident *ri, size_t extra)
{
	char s[64], *names;
	size_t i, nc;

	in->kind = xstrdup(ri->kind == RT_HIJACK ? "hijack" : "leak");
	in->offender_as = ri->kind == RT_HIJACK ? ri->as : 0;
	in->leaker_as = ri->kind == RT_LEAK ? ri->as : 0;
	in->upstream_as = ri->upstream;
	in->prefixes = xcalloc(ri->npfx ? ri->npfx : 1,
	    sizeof(*in->prefixes));
	for (i = 0; i < ri->npfx; i++)
		in->prefixes[i] = xstrdup(bo_prefix_format(&ri->pfx[i], s,
		    sizeof(s)));
	in->nprefixes = ri->npfx;
	in->origins = xcalloc(ri->norigins ? ri->norigins : 1,
	    sizeof(*in->origins));
	memcpy(in->origins, ri->origins, ri->norigins * sizeof(*in->origins));
	in->norigins = ri->norigins;
	in->peers = ri->peers;
	in->peers_total = ri->peers_total;
	in->unreachable = ri->unreachable;
	in->effect = xstrdup(ri->effect ? ri->effect : "");
	in->prefixes_affected = (uint32_t)ri->npfx;
	in->prefixes_total = 0;
	/* independent views: peers of two collectors carried the routes */
	names = colls_names(k, ri->colls, &nc);
	if (nc >= 2) {
		in->status = BO_STATUS_CONFIRMED;
		in->why = xasprintf("confirmed: %zu collectors saw the routes "
		    "(%s)", nc, names);
	} else {
		in->status = BO_STATUS_UNCONFIRMED;
		in->why = xasprintf("unconfirmed: seen by one collector only "
		    "(%s)", nc ? names : "none");
	}
	free(names);
	in->signals = xcalloc(ri->nsigs + extra + 1, sizeof(*in->signals));
	for (i = 0; i < ri->nsigs; i++) {
		struct bo_signal *o = &in->signals[in->nsignals++];
		const struct rt_sig *g = &ri->sigs[i];

		o->time_us = g->t;
		o->prec = g->prec;
		o->kind = xstrdup(g->kind);
		o->src = BO_SRC_BGP;
		o->summary = xstrdup(g->summary ? g->summary : "");
		o->vantage = xstrdup("all collectors");
		o->evidence = evidence_of(&g->ev, &o->nevidence);
	}
	return in->nsignals;
}

/* ---- hooks in the stream side ---- */

static uint32_t
peers_counted(const void *arg, int64_t t)
{
	const struct corr *k = arg;
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < k->npeers; i++)
		if (corr_peer_counted(k, &k->peers[i], t, BO_AFI_NONE))
			n++;
	return n;
}

void
rt_corr_route(struct corr *k, size_t pi, size_t c, const struct bo_event *ev,
    bool withdraw)
{
	struct rt_route r;
	struct evid e;

	if (k->rt == NULL || ev->prefix.afi == BO_AFI_NONE ||
	    (!withdraw && ev->asn == 0))
		return;
	r.t = ev->time_us;
	r.prec = ev->prec;
	r.prefix = &ev->prefix;
	r.origin = withdraw ? 0 : ev->asn;
	r.path = withdraw ? NULL : bo_event_attr(ev, "as_path");
	r.peer = pi;
	r.coll = c;
	r.counted = corr_peer_counted(k, &k->peers[pi], ev->time_us,
	    ev->prefix.afi);
	r.view = k->coll[c].had_snap || (k->peers[pi].resync_until !=
	    INT64_MIN && ev->time_us >= k->peers[pi].resync_until);
	r.peers_counted = peers_counted;
	r.arg = k;
	evid_from(k, &e, ev);
	rt_evid_of(&r.ev, &e);
	rt_route(k->rt, &r);
}

void
rt_corr_peer_down(struct corr *k, size_t pi, int64_t t, enum bo_prec prec,
    const struct evid *ev)
{
	struct rt_evid re;

	if (k->rt == NULL)
		return;
	rt_evid_of(&re, ev);
	rt_peer_down(k->rt, pi, t, prec, &re);
}

bool
rt_corr_forget(struct corr *k, size_t xi, int64_t now, enum bo_prec prec,
    const struct evid *ev)
{
	struct pfx *x = &k->px[xi];
	size_t ti;

	if (k->rt == NULL || !rt_only_misrouted(k->rt, &x->p))
		return false;
	for (ti = 0; ti < k->ntg; ti++) {
		struct target *t = &k->tg[ti];

		if (!(x->tmask & (1ULL << ti)) || !x->known)
			continue;
		t->nknown--;
		if (x->vis)
			t->nvis--;
		if (t->down && t->nvis == t->nknown)
			corr_target_close(k, ti, now, prec, ev, false);
		corr_pts_push(&t->pts, &t->npts, now, t->nvis, t->nknown);
	}
	x->known = x->vis = false;
	x->known_c = x->vis_c = 0;
	return true;
}

void
rt_corr_gaps(struct corr *k)
{
	size_t c, i;

	if (k->p.assume_full_feed == 0)
		return;		/* the no-RIB gap says its peers are not counted */
	for (c = 0; c < k->ncoll; c++) {
		bool view = k->coll[c].had_snap;
		struct evid e = k->coll[c].last_ev;

		for (i = 0; i < k->npeers && !view; i++)
			view = k->peers[i].coll == c &&
			    k->peers[i].resync_until != INT64_MIN;
		if (view || k->coll[c].first_us == INT64_MIN)
			continue;
		corr_gap_add(k, k->coll[c].name, k->coll[c].first_us,
		    k->coll[c].last_us, "no RIB snapshot and no session seen "
		    "coming up: what its peers routed before is unknown, so "
		    "hijacks and leaks are not judged there", &e, 1);
	}
}
