/*
 * The correlator's dispatcher: the lifecycle of one run, the event sink
 * that hands each event to the concern that owns it (route.c, probe.c,
 * signal.c, claim.c) and the end of the stream.  The concerns call down
 * into state.c, never back here.  Events arrive in bo_event_cmp order;
 * state is kept only for target prefixes, hosts and peers, so memory
 * follows targets x peers, not the input.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/claim.h"
#include "correlate/engine.h"
#include "correlate/outage.h"
#include "correlate/probe.h"
#include "correlate/route.h"
#include "correlate/routing_tl.h"
#include "correlate/signal.h"
#include "util/util.h"


/* ---- lifecycle ---- */

struct corr *
corr_new(const struct bo_case *cs)
{
	struct corr *k = xcalloc(1, sizeof(*k));
	size_t i;

	k->cs = cs;
	k->p = cs->params;
	k->peer_gen = 1;
	k->check_counts = getenv("BO_TEST_COUNTS") != NULL;
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
		u32map_free(&t->trix);
	}
	free(k->tg);
	for (i = 0; i < k->ncoll; i++)
		free(k->coll[i].files);
	free(k->peers);
	for (i = 0; i < k->npx; i++) {
		keyvec_free(&k->px[i].pp);
	}
	free(k->px);
	pfxtab_free(&k->pxtab);
	idxtab_free(&k->peer_tab);
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
			corr_target_close(k, i, end, BO_PREC_S, NULL, true);
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
