/*
 * The correlator's dispatcher: the lifecycle of one run, the shared
 * evidence and gap helpers, the event sink that hands each event to the
 * concern that owns it (route.c, probe.c, claim.c) and the end of the
 * stream.  Events arrive in bo_event_cmp order; state is kept only for
 * target prefixes, hosts and peers, so memory follows targets x peers,
 * not the input.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/engine.h"
#include "correlate/routing_tl.h"
#include "util/util.h"


void
evid_from(struct corr *k, struct evid *e, const struct bo_event *ev)
{
	e->input = intern_str(k->strs, ev->prov.input ? ev->prov.input : "");
	e->member = intern_str(k->strs, ev->prov.member ? ev->prov.member :
	    "");
	const char *item = bo_event_attr(ev, "item");

	e->offset = ev->prov.offset;
	e->line = ev->prov.line;
	/* the rules decoder numbers the items of a JSON document that
	 * holds several on one line ("tweets.json:1#17") */
	e->item = item != NULL ? strtoull(item, NULL, 10) : 0;
}

struct rsig *
corr_sig_add(struct corr *k, int64_t t, enum bo_prec prec, const char *kind,
    enum bo_srctype src, uint64_t tmask)
{
	struct rsig *s;

	xgrow(&k->sig, &k->capsig, k->nsig, sizeof(*k->sig));
	s = &k->sig[k->nsig++];
	memset(s, 0, sizeof(*s));
	s->t = t;
	s->end = t;
	s->prec = prec;
	s->kind = kind;
	s->src = src;
	s->tmask = tmask;
	s->coll = -1;
	return s;
}

void
corr_sig_evid(struct rsig *s, const struct evid *e)
{
	size_t i;

	if (e == NULL || e->input == NULL)
		return;
	for (i = 0; i < s->nev; i++)
		if (s->ev[i].input == e->input && s->ev[i].member == e->member &&
		    s->ev[i].offset == e->offset && s->ev[i].line == e->line &&
		    s->ev[i].item == e->item)
			return;
	if (s->nev < CORR_MAX_EVID)
		s->ev[s->nev++] = *e;
}

struct bo_evidence *
evid_copy(const struct evid *e, size_t n)
{
	struct bo_evidence *v;
	size_t i;

	if (n == 0)
		return NULL;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].input = xstrdup(e[i].input ? e[i].input : "");
		v[i].member = xstrdup(e[i].member ? e[i].member : "");
		v[i].offset = e[i].offset;
		v[i].line = e[i].line;
		v[i].item = e[i].item;
	}
	return v;
}

void
corr_gap_add(struct corr *k, const char *scope, int64_t start, int64_t end,
    const char *reason, const struct evid *ev, size_t nev)
{
	struct bo_gap *g;

	k->gaps = xreallocarray(k->gaps, k->ngaps + 1, sizeof(*k->gaps));
	g = &k->gaps[k->ngaps++];
	memset(g, 0, sizeof(*g));
	g->scope = xstrdup(scope);
	g->start_us = start;
	g->end_us = end;
	g->reason = xstrdup(reason);
	g->evidence = evid_copy(ev, nev);
	g->nevidence = nev;
}

void
gap_clear(struct bo_gap *g)
{
	size_t i;

	free(g->scope);
	free(g->reason);
	for (i = 0; i < g->nevidence; i++) {
		free(g->evidence[i].input);
		free(g->evidence[i].member);
	}
	free(g->evidence);
	memset(g, 0, sizeof(*g));
}

/* The targets whose name or one of whose aliases is s, whole and in any
 * case: "KP" names the target with alias KP, not one named "KPX". */
uint64_t
corr_alias_targets(const struct corr *k, const char *s)
{
	uint64_t m = 0;
	size_t i, j;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; i < k->ntg; i++) {
		const struct corr_target_spec *t = k->tg[i].spec;

		if (strcasecmp(t->name, s) == 0)
			m |= 1ULL << i;
		for (j = 0; j < t->naliases; j++)
			if (strcasecmp(t->aliases[j], s) == 0)
				m |= 1ULL << i;
	}
	return m;
}

char *
tmask_names(const struct corr *k, uint64_t m)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < k->ntg; i++)
		if (m & (1ULL << i))
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    k->tg[i].spec->name);
	return buf_take(&b);
}

/* ---- lifecycle ---- */

struct corr *
corr_new(const struct bo_case *cs)
{
	struct corr *k = xcalloc(1, sizeof(*k));
	size_t i;

	k->cs = cs;
	k->p = cs->params;
	k->strs = intern_new();
	if (case_resolve(cs, &k->specs, &k->nspecs, &k->spec_err) != 0)
		k->nspecs = 0;
	k->ntg = k->nspecs > CORR_MAX_TARGETS ? CORR_MAX_TARGETS : k->nspecs;
	k->tg = xcalloc(k->ntg ? k->ntg : 1, sizeof(*k->tg));
	k->spec_ix = pfxindex_new();
	k->px_ix = pfxindex_new();
	for (i = 0; i < k->ntg; i++) {
		k->tg[i].spec = &k->specs[i];
		for (size_t j = 0; j < k->specs[i].npfx; j++)
			pfxindex_add(k->spec_ix, &k->specs[i].pfx[j],
			    1ULL << i);
	}
	k->next_timer = INT64_MAX;
	k->first_us = INT64_MAX;
	k->rt = rt_from_corr(k);
	k->ev_coll = -1;
	return k;
}

void
corr_free(struct corr *k)
{
	size_t i, j;

	if (k == NULL)
		return;
	rt_free(k->rt);
	for (i = 0; i < k->ntg; i++) {
		struct target *t = &k->tg[i];

		for (j = 0; j < t->nperiods; j++)
			free(t->periods[j].px);
		free(t->periods);
		free(t->cur.px);
		free(t->px);
		free(t->bins);
		free(t->pts);
		free(t->tr);
	}
	free(k->tg);
	for (i = 0; i < k->ncoll; i++)
		free(k->coll[i].files);
	free(k->peers);
	for (i = 0; i < k->npx; i++) {
		free(k->px[i].st);
		free(k->px[i].path);
		free(k->px[i].lastbin);
	}
	free(k->px);
	free(k->hash);
	pfxindex_free(k->spec_ix);
	pfxindex_free(k->px_ix);
	for (i = 0; i < k->nhosts; i++) {
		for (j = 0; j < k->hosts[i].nvps; j++)
			free(k->hosts[i].vps[j].bins);
		free(k->hosts[i].vps);
		free(k->hosts[i].pts);
	}
	free(k->hosts);
	for (i = 0; i < k->nsig; i++) {
		free(k->sig[i].summary);
		free(k->sig[i].vantage);
	}
	free(k->sig);
	for (i = 0; i < k->nclaims; i++) {
		struct bo_claim *c = &k->claims[i].c;

		free(c->kind);
		free(c->actor);
		free(c->action);
		free(c->target);
		free(c->text);
		free(c->url);
		free(c->source);
		free(c->evidence);
	}
	free(k->claims);
	signal_free(k);
	for (i = 0; i < k->ngaps; i++)
		gap_clear(&k->gaps[i]);
	free(k->gaps);
	outage_free(&k->olog);
	case_specs_free(k->specs, k->nspecs);
	free(k->spec_err);
	intern_free(k->strs);
	free(k);
}

/* ---- the sink ---- */

static int
corr_event(void *arg, const struct bo_event *ev)
{
	struct corr *k = arg;

	if (k->nspecs == 0 && k->spec_err != NULL)
		return 0;
	k->nevents++;
	if (ev->time_us < k->first_us)
		k->first_us = ev->time_us;
	if (ev->time_us > k->now)
		k->now = ev->time_us;
	k->ev_coll = -1;
	route_timers_run(k, ev->time_us);
	/* the role says what the event means; the kind is for people */
	switch (ev->role) {
	case BO_ROLE_ROUTE:
		route_event(k, ev);
		break;
	case BO_ROLE_SESSION:
		/* a route collector's peer changes which peers count; a
		 * router's own session log is a signal of its own */
		if (ev->src == BO_SRC_BGP)
			route_event(k, ev);
		else
			probe_router_event(k, ev);
		break;
	case BO_ROLE_REACHABILITY:
		probe_event(k, ev);
		break;
	case BO_ROLE_HOST_STATE:
		probe_host_state(k, ev);
		break;
	case BO_ROLE_OUTAGE_SIGNAL:
		signal_add(k, ev);
		break;
	case BO_ROLE_CLAIM:
	case BO_ROLE_REPORT:
		claim_add(k, ev);
		break;
	default:
		k->uncorrelated++;
		break;
	}
	return 0;
}

struct bo_sink
corr_sink(struct corr *k)
{
	struct bo_sink s;

	s.event = corr_event;
	s.arg = k;
	return s;
}


void
engine_close(struct corr *k)
{
	size_t i, c;
	int64_t end = k->now;

	for (c = 0; c < k->ncoll; c++)
		route_snap_finish(k, c);
	route_timers_run(k, end);
	rt_close(k->rt, end);
	rt_corr_gaps(k);
	for (i = 0; i < k->ntg; i++)
		if (k->tg[i].down)
			vis_target_close(k, i, end, BO_PREC_S, NULL, true);
	outage_build(k);
	signal_close(k);
	for (i = 0; i < k->nhosts; i++)
		if (k->hosts[i].down)
			probe_host_close(k, &k->hosts[i], end, BO_PREC_S, NULL,
			    true);
	for (i = 0; i < k->npeers; i++) {
		struct peer *p = &k->peers[i];

		if (p->in_reset && !p->up) {
			char *scope = xasprintf("%s peer %s AS%" PRIu32,
			    k->coll[p->coll].name, p->addr, p->as);

			corr_gap_add(k, scope, p->down_at, end, "peer session "
			    "down until the end of the data", &p->down_ev, 1);
			free(scope);
		}
	}
	for (c = 0; c < k->ncoll; c++) {
		route_file_gaps(k, c);
		if (!k->coll[c].had_snap && k->p.assume_full_feed == 0) {
			struct evid e = k->coll[c].last_ev;

			corr_gap_add(k, k->coll[c].name, k->coll[c].first_us,
			    k->coll[c].last_us, "no RIB snapshot: its peers "
			    "cannot be classified as full-feed and are not "
			    "counted (see assume_full_feed)", &e, 1);
		}
	}
}
