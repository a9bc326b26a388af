/*
 * The correlator's shared helpers: evidence, signals and gaps as every
 * concern records them, and the questions about peers, prefixes and
 * targets that route.c, visibility.c, probe.c, signal.c and the routing
 * glue all ask.  Nothing here calls up into a concern.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/state.h"
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

/* ---- peers, prefixes, targets ---- */

/* Whether the peer counts in the denominator of visibility of a prefix
 * of family afi at time t.  Real collectors mostly keep separate IPv4
 * and IPv6 sessions: a peer counts for the families it is full-feed in
 * (BO_AFI_NONE: either). */
bool
corr_peer_counted(const struct corr *k, const struct peer *p, int64_t t,
    int afi)
{
	if (!p->up || t < p->resync_until)
		return false;
	if (afi == BO_AFI_IPV6 ? p->full_v6 : afi == BO_AFI_IPV4 ?
	    p->full_v4 : p->full)
		return true;
	return k->p.assume_full_feed != 0 && !k->coll[p->coll].had_snap;
}

static void
count_up(struct corr *k, struct upcount *u, int64_t now, int afi)
{
	size_t i;

	memset(u->up_c, 0, sizeof(u->up_c));
	u->up = 0;
	u->from = now;
	u->until = INT64_MAX;
	for (i = 0; i < k->npeers; i++) {
		const struct peer *p = &k->peers[i];

		/* a peer back from a reset counts from resync_until on */
		if (p->up && p->resync_until > now &&
		    p->resync_until < u->until)
			u->until = p->resync_until;
		if (!corr_peer_counted(k, p, now, afi))
			continue;
		u->up_c[p->coll]++;
		u->up++;
	}
	u->gen = k->peer_gen;
}

const struct upcount *
corr_counted_up(struct corr *k, int64_t now, int afi)
{
	struct upcount *u = &k->upc[afi == BO_AFI_IPV6 ? 2 :
	    afi == BO_AFI_IPV4 ? 1 : 0];

	if (u->gen != k->peer_gen || now < u->from || now >= u->until) {
		count_up(k, u, now, afi);
		return u;
	}
	if (k->check_counts) {
		/* the tests' check that a count kept is the count made */
		struct upcount f;

		count_up(k, &f, now, afi);
		if (f.up != u->up || memcmp(f.up_c, u->up_c,
		    sizeof(f.up_c)) != 0) {
			fprintf(stderr, "counted peers kept: %u, counted "
			    "again: %u\n", u->up, f.up);
			abort();
		}
	}
	return u;
}

/* Which targets an announced prefix with this origin belongs to. */
uint64_t
corr_pfx_targets(const struct corr *k, const struct bo_prefix *p,
    uint32_t origin)
{
	uint64_t m = pfxindex_covering(k->spec_ix, p);
	size_t i, j;

	for (i = 0; i < k->ntg; i++) {
		const struct corr_target_spec *s = k->tg[i].spec;

		for (j = 0; j < s->nasns && origin != 0 &&
		    !(m & (1ULL << i)); j++)
			if (s->asns[j] == origin)
				m |= 1ULL << i;
	}
	return m;
}

struct pfx_peer *
corr_pfx_peer(const struct pfx *x, size_t peer)
{
	return keyvec_find(&x->pp, sizeof(struct pfx_peer), (uint32_t)peer);
}

struct pfx_peer *
corr_pfx_slot(struct pfx *x, size_t peer)
{
	static const struct pfx_peer none = { 0, 0, INT64_MIN, NULL };

	return keyvec_get(&x->pp, sizeof(none), (uint32_t)peer, &none);
}

void
corr_pts_push(struct point **v, size_t *n, int64_t t, uint32_t val,
    uint32_t total)
{
	if (*n > 0 && (*v)[*n - 1].v == val && (*v)[*n - 1].total == total)
		return;
	if (*n > 0 && (*v)[*n - 1].t == t) {
		(*v)[*n - 1].v = val;
		(*v)[*n - 1].total = total;
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].t = t;
	(*v)[*n].v = val;
	(*v)[*n].total = total;
	(*n)++;
}

/* The stream keeps only whether the target is down by the strictest
 * reading (any prefix dark), which the transit checks need; outage
 * periods, their counts and the collectors' drops are replayed from the
 * visibility log when the stream ends (outage.c). */
void
corr_target_close(struct corr *k, size_t ti, int64_t now, enum bo_prec prec,
    const struct evid *ev, bool ongoing)
{
	struct target *t = &k->tg[ti];

	(void)now;
	(void)prec;
	(void)ev;
	(void)ongoing;
	t->down = false;
	free(t->cur.px);
	memset(&t->cur, 0, sizeof(t->cur));
}
