/*
 * The stream side of the correlator: route state per (collector, peer,
 * prefix) from RIB snapshots and updates, full-feed peers, visibility per
 * target prefix, outage periods, churn bins, transit ASes, probe series
 * and router signals.  Events arrive in bo_event_cmp order; state is kept
 * only for target prefixes and for peers, so memory follows targets x
 * peers, not the input.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/engine.h"
#include "util/util.h"

#define US	((int64_t)1000000)

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

static void
sig_evid(struct rsig *s, const struct evid *e)
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
	for (i = 0; i < k->ntg; i++)
		k->tg[i].spec = &k->specs[i];
	k->next_timer = INT64_MAX;
	k->first_us = INT64_MAX;
	return k;
}

void
corr_free(struct corr *k)
{
	size_t i, j;

	if (k == NULL)
		return;
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
	for (i = 0; i < k->ngaps; i++)
		gap_clear(&k->gaps[i]);
	free(k->gaps);
	case_specs_free(k->specs, k->nspecs);
	free(k->spec_err);
	intern_free(k->strs);
	free(k);
}

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

static struct peer *
peer_get(struct corr *k, size_t coll, const char *addr, uint32_t as)
{
	const char *a = intern_str(k->strs, addr ? addr : "");
	struct peer *p;
	size_t i;

	if (k->last_peer < k->npeers) {
		p = &k->peers[k->last_peer];
		if (p->coll == coll && p->addr == a)
			return p;
	}
	for (i = 0; i < k->npeers; i++)
		if (k->peers[i].coll == coll && k->peers[i].addr == a) {
			k->last_peer = i;
			return &k->peers[i];
		}
	xgrow(&k->peers, &k->cappeers, k->npeers, sizeof(*k->peers));
	p = &k->peers[k->npeers];
	memset(p, 0, sizeof(*p));
	p->coll = coll;
	p->addr = a;
	p->as = as;
	p->resync_until = INT64_MIN;
	k->last_peer = k->npeers++;
	return p;
}

/* Whether the peer counts in the denominator of visibility at time t. */
static bool
peer_counted(const struct corr *k, const struct peer *p, int64_t t)
{
	if (!p->up || t < p->resync_until)
		return false;
	if (p->full)
		return true;
	return k->p.assume_full_feed != 0 && !k->coll[p->coll].had_snap;
}

/* ---- tracked prefixes ---- */

static uint64_t
pfx_hash(const struct bo_prefix *p)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	h = (h ^ p->afi) * 1099511628211ULL;
	h = (h ^ p->len) * 1099511628211ULL;
	for (i = 0; i < 16; i++)
		h = (h ^ p->addr[i]) * 1099511628211ULL;
	return h;
}

static long
pfx_find(const struct corr *k, const struct bo_prefix *p)
{
	size_t i, idx;

	if (k->hcap == 0)
		return -1;
	for (i = pfx_hash(p) & (k->hcap - 1);; i = (i + 1) & (k->hcap - 1)) {
		if (k->hash[i] == 0)
			return -1;
		idx = k->hash[i] - 1;
		if (bo_prefix_cmp(&k->px[idx].p, p) == 0)
			return (long)idx;
	}
}

static void
hash_put(struct corr *k, size_t idx)
{
	size_t i;

	for (i = pfx_hash(&k->px[idx].p) & (k->hcap - 1); k->hash[i] != 0;
	    i = (i + 1) & (k->hcap - 1))
		;
	k->hash[i] = idx + 1;
}

/* Which targets an announced prefix with this origin belongs to. */
static uint64_t
pfx_targets(const struct corr *k, const struct bo_prefix *p, uint32_t origin)
{
	uint64_t m = 0;
	size_t i, j;

	for (i = 0; i < k->ntg; i++) {
		const struct corr_target_spec *s = k->tg[i].spec;

		for (j = 0; j < s->npfx && !(m & (1ULL << i)); j++)
			if (bo_prefix_covers(&s->pfx[j], p))
				m |= 1ULL << i;
		for (j = 0; j < s->nasns && origin != 0 &&
		    !(m & (1ULL << i)); j++)
			if (s->asns[j] == origin)
				m |= 1ULL << i;
	}
	return m;
}

static long
pfx_track(struct corr *k, const struct bo_prefix *p, uint64_t m)
{
	struct pfx *x;
	size_t i;

	if (2 * (k->npx + 1) > k->hcap) {
		free(k->hash);
		k->hcap = k->hcap ? k->hcap * 2 : 64;
		k->hash = xcalloc(k->hcap, sizeof(*k->hash));
		for (i = 0; i < k->npx; i++)
			hash_put(k, i);
	}
	xgrow(&k->px, &k->cappx, k->npx, sizeof(*k->px));
	x = &k->px[k->npx];
	memset(x, 0, sizeof(*x));
	x->p = *p;
	x->tmask = m;
	hash_put(k, k->npx);
	for (i = 0; i < k->ntg; i++)
		if (m & (1ULL << i)) {
			struct target *t = &k->tg[i];

			t->px = xreallocarray(t->px, t->npx + 1,
			    sizeof(*t->px));
			t->px[t->npx++] = k->npx;
		}
	return (long)k->npx++;
}

static void
pfx_fit(struct pfx *x, size_t npeers)
{
	size_t ncap;

	if (npeers <= x->cap)
		return;
	ncap = x->cap ? x->cap : 8;
	while (ncap < npeers)
		ncap *= 2;
	x->st = xreallocarray(x->st, ncap, sizeof(*x->st));
	x->path = xreallocarray(x->path, ncap, sizeof(*x->path));
	x->lastbin = xreallocarray(x->lastbin, ncap, sizeof(*x->lastbin));
	for (size_t i = x->cap; i < ncap; i++)
		x->lastbin[i] = INT64_MIN;
	memset(x->st + x->cap, 0, ncap - x->cap);
	memset(x->path + x->cap, 0, (ncap - x->cap) * sizeof(*x->path));
	x->cap = ncap;
}

/* ---- target state ---- */

static void
pts_push(struct point **v, size_t *n, int64_t t, uint32_t val,
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

static void
idx_add(size_t **v, size_t *n, size_t x)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = x;
}

static uint32_t
peers_up(const struct corr *k, int coll, int64_t t)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < k->npeers; i++)
		if ((coll < 0 || k->peers[i].coll == (size_t)coll) &&
		    peer_counted(k, &k->peers[i], t))
			n++;
	return n;
}

static void
target_short(struct corr *k, size_t ti, const struct period *pd)
{
	struct target *t = &k->tg[ti];
	struct rsig *s;
	char d[32];

	s = corr_sig_add(k, pd->start, pd->start_prec, "bgp.short_withdrawal",
	    BO_SRC_BGP, 1ULL << ti);
	s->end = pd->end;
	s->role = RS_SHORT;
	s->summary = xasprintf("%s: %" PRIu32 " of %" PRIu32 " prefixes "
	    "withdrawn for %s (shorter than min_outage_s)", t->spec->name,
	    pd->lost, pd->total,
	    fmt_duration((pd->end - pd->start) / US, d, sizeof(d)));
	s->vantage = xstrdup("all collectors");
	sig_evid(s, &pd->ev_start);
	sig_evid(s, &pd->ev_end);
}

static void
target_close(struct corr *k, size_t ti, int64_t now, enum bo_prec prec,
    const struct evid *ev, bool ongoing)
{
	struct target *t = &k->tg[ti];
	struct period *pd = &t->cur;

	t->down = false;
	pd->has_end = !ongoing;
	pd->end = ongoing ? INT64_MAX : now;
	pd->end_prec = prec;
	if (ev != NULL)
		pd->ev_end = *ev;
	pd->all = pd->deep_up == 0 || (double)pd->deep_have <=
	    k->p.dark_share * (double)pd->deep_up;
	pd->lost = (uint32_t)pd->npx;
	if ((ongoing ? now : pd->end) - pd->start <
	    (int64_t)k->p.min_outage_s * US) {
		if (!ongoing)
			target_short(k, ti, pd);
		free(pd->px);
	} else {
		t->periods = xreallocarray(t->periods, t->nperiods + 1,
		    sizeof(*t->periods));
		t->periods[t->nperiods++] = *pd;
	}
	memset(pd, 0, sizeof(*pd));
}

/* A collector's own view of a target: its drop periods are the signals
 * that say which collectors agree. */
static void
target_coll_update(struct corr *k, size_t ti, size_t c, int64_t now,
    enum bo_prec prec, const struct evid *ev, bool ongoing)
{
	struct target *t = &k->tg[ti];
	struct period *pd = &t->cur_c[c];
	struct rsig *s;
	char d[32];

	if (!t->down_c[c] && t->nvis_c[c] < t->nknown_c[c] && !ongoing) {
		t->down_c[c] = true;
		memset(pd, 0, sizeof(*pd));
		pd->start = now;
		pd->start_prec = prec;
		if (ev)
			pd->ev_start = *ev;
		pd->total = t->nknown_c[c];
		pd->lost = t->nknown_c[c] - t->nvis_c[c];
		pd->peers_up = peers_up(k, (int)c, now);
		return;
	}
	if (!t->down_c[c])
		return;
	if (t->nknown_c[c] - t->nvis_c[c] > pd->lost)
		pd->lost = t->nknown_c[c] - t->nvis_c[c];
	if (t->nvis_c[c] < t->nknown_c[c] && !ongoing)
		return;
	t->down_c[c] = false;
	if (!ongoing && now - pd->start < (int64_t)k->p.min_outage_s * US)
		return;
	s = corr_sig_add(k, pd->start, pd->start_prec, "bgp.visibility_drop",
	    BO_SRC_BGP, 1ULL << ti);
	s->end = ongoing ? INT64_MAX : now;
	s->coll = (int)c;
	s->role = RS_BGP_DROP;
	s->vantage = xstrdup(k->coll[c].name);
	if (ongoing)
		s->summary = xasprintf("%s: %" PRIu32 " of %" PRIu32 " prefixes "
		    "of %s not visible to its full-feed peers, still at the "
		    "end of the data", k->coll[c].name, pd->lost, pd->total,
		    t->spec->name);
	else
		s->summary = xasprintf("%s: %" PRIu32 " of %" PRIu32 " prefixes "
		    "of %s not visible to its full-feed peers for %s",
		    k->coll[c].name, pd->lost, pd->total, t->spec->name,
		    fmt_duration((now - pd->start) / US, d, sizeof(d)));
	sig_evid(s, &pd->ev_start);
	if (!ongoing && ev)
		sig_evid(s, ev);
}

/* How deep the target's current down period goes: the share of counted
 * peers routing its best-routed prefix, at its lowest. */
static void
target_depth(const struct corr *k, struct target *t)
{
	uint32_t bh = 0, bu = 0;
	size_t i;

	for (i = 0; i < t->npx; i++) {
		const struct pfx *x = &k->px[t->px[i]];

		if (!x->known || x->up == 0)
			continue;
		if (bu == 0 || (uint64_t)x->have * bu > (uint64_t)bh * x->up) {
			bh = x->have;
			bu = x->up;
		}
	}
	if (bu == 0)
		return;
	if (t->cur.deep_have == UINT32_MAX || (uint64_t)bh * t->cur.deep_up <
	    (uint64_t)t->cur.deep_have * bu) {
		t->cur.deep_have = bh;
		t->cur.deep_up = bu;
	}
}

/*
 * Re-evaluates one prefix at time now: combined visibility over every
 * counted peer, and each collector's own.  A prefix joins the target's
 * denominator the first time it is visible, so a prefix seen once by one
 * peer (a leak, a new announcement still spreading) is not an outage.
 */
static void
pfx_eval(struct corr *k, size_t xi, int64_t now, enum bo_prec prec,
    const struct evid *ev)
{
	struct pfx *x = &k->px[xi];
	uint32_t up_c[CORR_MAX_COLL], have_c[CORR_MAX_COLL], up = 0, have = 0;
	double thr = k->p.visibility_threshold;
	bool vis, was_known = x->known, was_vis = x->vis;
	uint64_t vis_c = x->vis_c, known_c = x->known_c;
	size_t i, c, ti;

	pfx_fit(x, k->npeers);
	memset(up_c, 0, sizeof(up_c));
	memset(have_c, 0, sizeof(have_c));
	for (i = 0; i < k->npeers; i++) {
		if (!peer_counted(k, &k->peers[i], now))
			continue;
		c = k->peers[i].coll;
		up_c[c]++;
		up++;
		if (x->st[i] & RT_ROUTE) {
			have_c[c]++;
			have++;
		}
	}
	if (up >= (uint32_t)k->p.min_peers) {
		x->have = have;
		x->up = up;
		vis = (double)have > thr * (double)up;
		x->vis = vis;
		if (vis)
			x->known = true;
	}
	for (c = 0; c < k->ncoll; c++) {
		if (up_c[c] == 0)
			continue;
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
		for (c = 0; c < k->ncoll; c++) {
			uint64_t b = 1ULL << c;

			if (!(known_c & b))
				continue;
			if (!(x->known_c & b)) {
				t->nknown_c[c]++;
				t->nvis_c[c]++;
			} else if ((vis_c & b) != (x->vis_c & b)) {
				if (vis_c & b)
					t->nvis_c[c]++;
				else
					t->nvis_c[c]--;
			} else
				continue;
			target_coll_update(k, ti, c, now, prec, ev, false);
		}
		if (t->down && x->known)
			target_depth(k, t);
		if (!x->known || (was_known && x->vis == was_vis))
			continue;
		if (!was_known) {
			t->nknown++;
			t->nvis++;
		} else if (x->vis)
			t->nvis++;
		else
			t->nvis--;
		if (!t->down && t->nvis < t->nknown) {
			t->down = true;
			memset(&t->cur, 0, sizeof(t->cur));
			t->cur.start = now;
			t->cur.start_prec = prec;
			if (ev)
				t->cur.ev_start = *ev;
			t->cur.total = t->nknown;
			t->cur.deep_have = UINT32_MAX;
			target_depth(k, t);
		}
		if (t->down) {
			if (!x->vis)
				idx_add(&t->cur.px, &t->cur.npx, xi);
			if (t->nknown > t->cur.total)
				t->cur.total = t->nknown;
			if (t->nvis == t->nknown)
				target_close(k, ti, now, prec, ev, false);
		}
		pts_push(&t->pts, &t->npts, now, t->nvis, t->nknown);
	}
	x->vis_c = vis_c;
	x->known_c = known_c;
}

static void
eval_all(struct corr *k, int64_t now, enum bo_prec prec,
    const struct evid *ev)
{
	size_t i;

	for (i = 0; i < k->npx; i++)
		pfx_eval(k, i, now, prec, ev);
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
	size_t i;

	for (i = 0; i < t->ntr; i++)
		if (t->tr[i].as == as)
			return &t->tr[i];
	t->tr = xreallocarray(t->tr, t->ntr + 1, sizeof(*t->tr));
	memset(&t->tr[t->ntr], 0, sizeof(t->tr[0]));
	t->tr[t->ntr].as = as;
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

/* Full-feed status changed (a snapshot): count again from the routes. */
static void
transit_recount(struct corr *k)
{
	size_t i, j;

	for (i = 0; i < k->ntg; i++)
		for (j = 0; j < k->tg[i].ntr; j++)
			k->tg[i].tr[j].refs = 0;
	for (i = 0; i < k->npx; i++)
		for (j = 0; j < k->npeers && j < k->px[i].cap; j++)
			if (k->peers[j].full)
				transit_ref(k, &k->px[i], k->px[i].path[j],
				    k->peers[j].as, 1);
}

/* Sets the path of (prefix, peer), keeping the counts right. */
static void
route_path(struct corr *k, struct pfx *x, size_t pi, const char *path)
{
	const struct peer *p = &k->peers[pi];

	if (x->path[pi] == path)
		return;
	if (p->full)
		transit_ref(k, x, x->path[pi], p->as, -1);
	x->path[pi] = path;
	if (p->full)
		transit_ref(k, x, path, p->as, 1);
}

/*
 * Compares the transit ASes now in the target's paths with the ones it
 * had; a change becomes a signal once it has lasted min_outage_s.  While
 * the target is (partly) down its paths vanish with it: that is the
 * outage, not a path change, so nothing is compared then.
 */
static void
transit_check(struct corr *k, size_t ti, int64_t now, enum bo_prec prec,
    const struct evid *ev, bool adopt)
{
	struct target *t = &k->tg[ti];
	size_t i;

	if (t->down || t->nknown == 0)
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

static void
transit_commit(struct corr *k, int64_t now)
{
	size_t ti, i;

	for (ti = 0; ti < k->ntg; ti++) {
		struct target *t = &k->tg[ti];

		for (i = 0; i < t->ntr; i++) {
			struct transit *tr = &t->tr[i];
			struct rsig *s;

			if (tr->pending == 0)
				continue;
			if (t->down) {
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
			sig_evid(s, &tr->ev);
			tr->pending = 0;
		}
	}
}

/* ---- timers: peers back from resync, pending path changes ---- */

static void
timers_run(struct corr *k, int64_t now)
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
		eval_all(k, t, BO_PREC_S, NULL);
		transit_commit(k, t);
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
static void
snap_finish(struct corr *k, size_t c)
{
	struct collector *co = &k->coll[c];
	uint64_t max4 = 0, max6 = 0;
	size_t i, j;
	bool full;

	if (!co->snap_open)
		return;
	co->snap_open = false;
	co->had_snap = true;
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
				p->full = false;
			continue;
		}
		full = (double)p->snap_v4 >= k->p.full_feed_v4 ||
		    (double)p->snap_v6 >= k->p.full_feed_v6 ||
		    (p->snap_v4 > 0 && (double)p->snap_v4 >=
		    k->p.full_feed_share * (double)max4) ||
		    (p->snap_v6 > 0 && (double)p->snap_v6 >=
		    k->p.full_feed_share * (double)max6);
		/* Dumps split by family (an IPv6-only file) say nothing of
		 * the other family's table. */
		p->full = full || (p->full && (max4 == 0 || max6 == 0));
		for (j = 0; j < k->npx; j++) {
			struct pfx *x = &k->px[j];
			bool fam = x->p.afi == BO_AFI_IPV6 ? p->snap_v6 > 0 :
			    p->snap_v4 > 0;

			pfx_fit(x, k->npeers);
			if (fam && (x->st[i] & RT_ROUTE) &&
			    !(x->st[i] & RT_SNAP)) {
				x->st[i] &= (uint8_t)~RT_ROUTE;
				x->path[i] = NULL;
			}
			x->st[i] &= (uint8_t)~RT_SNAP;
		}
		p->in_snap = false;
		p->snap_v4 = 0;
		p->snap_v6 = 0;
	}
	eval_all(k, co->snap_time, BO_PREC_S, NULL);
	/* A snapshot (re)states the paths; what it brings in is the view of
	 * its collector's peers, not a change in the routing. */
	transit_recount(k);
	for (i = 0; i < k->ntg; i++)
		transit_check(k, i, co->snap_time, BO_PREC_S, NULL, true);
}

static void
snap_start(struct corr *k, size_t c, const struct bo_event *ev)
{
	struct collector *co = &k->coll[c];
	size_t i;

	snap_finish(k, c);
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
churn_count(struct corr *k, struct pfx *x, size_t pi, size_t c, int64_t t)
{
	int64_t idx = t / ((int64_t)k->p.bin_s * US);
	bool new_route = x->lastbin[pi] != idx;
	size_t ti;

	x->lastbin[pi] = idx;
	for (ti = 0; ti < k->ntg; ti++) {
		struct target *tg = &k->tg[ti];
		struct bin *b;

		if (!(x->tmask & (1ULL << ti)))
			continue;
		if (tg->nbins == 0 || tg->bins[tg->nbins - 1].idx != idx) {
			tg->bins = xreallocarray(tg->bins, tg->nbins + 1,
			    sizeof(*tg->bins));
			b = &tg->bins[tg->nbins++];
			b->idx = idx;
			b->n = 0;
			b->routes = 0;
			b->colls = 0;
		}
		b = &tg->bins[tg->nbins - 1];
		b->n++;
		b->routes += new_route;
		b->colls |= 1ULL << c;
	}
}

static bool
state_is_up(const char *s)
{
	return s != NULL && (strcasecmp(s, "Established") == 0 ||
	    strcmp(s, "6") == 0);
}

static void
peer_down(struct corr *k, struct peer *p, size_t pi, const struct bo_event *ev)
{
	size_t j;

	p->up = false;
	p->in_reset = true;
	p->down_at = ev->time_us;
	evid_from(k, &p->down_ev, ev);
	for (j = 0; j < k->npx; j++) {
		struct pfx *x = &k->px[j];

		pfx_fit(x, k->npeers);
		x->st[pi] &= (uint8_t)~RT_ROUTE;
	}
	eval_all(k, ev->time_us, ev->prec, &p->down_ev);
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
	if (state_is_up(st)) {
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
			p->snap_v6++;
		else
			p->snap_v4++;
	}
	if (!withdraw && !p->up) {
		/* routes mean the session is up, whatever we missed */
		peer_up(k, p, ev);
	}
	if (ev->prefix.afi == BO_AFI_NONE)
		return;
	xi = pfx_find(k, &ev->prefix);
	if (xi < 0) {
		if (withdraw)
			return;
		m = pfx_targets(k, &ev->prefix, ev->asn);
		if (m == 0)
			return;
		xi = pfx_track(k, &ev->prefix, m);
	}
	x = &k->px[xi];
	pfx_fit(x, k->npeers);
	counted = peer_counted(k, p, ev->time_us);
	if (withdraw) {
		x->st[pi] &= (uint8_t)~RT_ROUTE;
		route_path(k, x, pi, NULL);
	} else {
		x->st[pi] |= RT_ROUTE | (rib ? RT_SNAP : 0);
		route_path(k, x, pi, intern_str(k->strs,
		    bo_event_attr(ev, "as_path")));
	}
	if (rib && k->coll[c].snap_open)
		return;		/* evaluated when the snapshot ends */
	if (counted)
		churn_count(k, x, pi, c, ev->time_us);
	evid_from(k, &e, ev);
	pfx_eval(k, (size_t)xi, ev->time_us, ev->prec, &e);
	for (ti = 0; ti < k->ntg; ti++)
		if (x->tmask & (1ULL << ti))
			transit_check(k, ti, ev->time_us, ev->prec, &e, false);
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
	xgrow(&co->files, &co->capfiles, co->nfiles, sizeof(*co->files));
	co->files[co->nfiles].time_us = ft;
	co->files[co->nfiles].ev = co->last_ev;
	co->nfiles++;
}

static void
on_bgp(struct corr *k, const struct bo_event *ev)
{
	const char *kind = ev->kind;
	struct peer *p;
	size_t pi, i;
	int c;

	if ((c = coll_get(k, ev->collector)) < 0)
		return;
	coll_seen(k, (size_t)c, ev);
	/* a snapshot in progress ends with its collector's next update */
	if (k->coll[c].snap_open && strcmp(kind, "bgp.rib") != 0 &&
	    ev->time_us > k->coll[c].snap_time)
		snap_finish(k, (size_t)c);
	if (ev->peer == NULL)
		return;
	p = peer_get(k, (size_t)c, ev->peer, ev->peer_as);
	pi = (size_t)(p - k->peers);
	for (i = 0; i < k->npx; i++)
		pfx_fit(&k->px[i], k->npeers);
	if (strcmp(kind, "bgp.state") == 0)
		on_state(k, p, pi, ev);
	else if (strcmp(kind, "bgp.rib") == 0)
		on_route(k, p, pi, (size_t)c, ev, true, false);
	else if (strcmp(kind, "bgp.announce") == 0)
		on_route(k, p, pi, (size_t)c, ev, false, false);
	else if (strcmp(kind, "bgp.withdraw") == 0)
		on_route(k, p, pi, (size_t)c, ev, false, true);
}

/* ---- probes ---- */

static uint64_t
host_targets(const struct corr *k, const struct bo_event *ev)
{
	struct bo_prefix h;
	uint64_t m = 0;
	size_t i, j;

	memset(&h, 0, sizeof(h));
	if (ev->host == NULL || bo_prefix_parse(ev->host, &h) != 0)
		h = ev->prefix;
	if (h.afi != BO_AFI_NONE) {
		m = pfx_targets(k, &h, 0);
		for (i = 0; i < k->npx; i++)
			if (bo_prefix_covers(&k->px[i].p, &h))
				m |= k->px[i].tmask;
	}
	if (ev->asn != 0)
		for (i = 0; i < k->ntg; i++)
			for (j = 0; j < k->tg[i].spec->nasns; j++)
				if (k->tg[i].spec->asns[j] == ev->asn)
					m |= 1ULL << i;
	return m;
}

static void
host_close(struct corr *k, struct host *h, int64_t now, enum bo_prec prec,
    const struct evid *ev, bool ongoing)
{
	struct period *pd = &h->cur;
	struct rsig *s;
	char d[32];

	h->down = false;
	if ((ongoing ? now : now) - pd->start <
	    (int64_t)k->p.probe_min_s * US)
		return;
	s = corr_sig_add(k, pd->start, pd->start_prec, "probe.unreachable",
	    BO_SRC_PROBE, h->tmask);
	s->end = ongoing ? INT64_MAX : now;
	s->role = RS_PROBE_DOWN;
	s->vantage = xasprintf("%zu vantage point%s", h->nvps,
	    h->nvps == 1 ? "" : "s");
	if (ongoing)
		s->summary = xasprintf("%s: no reply from any of %zu vantage "
		    "points, still at the end of the data", h->name, h->nvps);
	else
		s->summary = xasprintf("%s: no reply from any of %zu vantage "
		    "points for %s", h->name, h->nvps,
		    fmt_duration((now - pd->start) / US, d, sizeof(d)));
	sig_evid(s, &pd->ev_start);
	if (!ongoing && ev)
		sig_evid(s, ev);
	(void)prec;
}

static void
on_probe(struct corr *k, const struct bo_event *ev)
{
	const char *name = ev->host;
	char buf[64];
	struct host *h = NULL;
	struct vp *v = NULL;
	const char *vpn;
	size_t i, up = 0;
	bool ok, loss;

	ok = strstr(ev->kind, "reply") != NULL;
	loss = strstr(ev->kind, "loss") != NULL ||
	    strstr(ev->kind, "timeout") != NULL ||
	    strstr(ev->kind, "unreach") != NULL;
	if (!ok && !loss && strstr(ev->kind, "summary") != NULL) {
		/* A RIPE Atlas result, a scamper ping or a ping statistics
		 * line: one measurement of `sent` probes, `rcvd` answered. */
		const char *sent = bo_event_attr(ev, "sent");
		const char *rcvd = bo_event_attr(ev, "rcvd");
		uint64_t ns, nr;

		if (sent == NULL || rcvd == NULL ||
		    parse_u64(sent, &ns) != 0 || parse_u64(rcvd, &nr) != 0 ||
		    ns == 0)
			return;
		ok = nr > 0;
		loss = nr == 0;
	}
	if (!ok && !loss)
		return;
	if (name == NULL && ev->prefix.afi != BO_AFI_NONE)
		name = bo_prefix_format(&ev->prefix, buf, sizeof(buf));
	if (name == NULL)
		return;
	name = intern_str(k->strs, name);
	for (i = 0; i < k->nhosts; i++)
		if (k->hosts[i].name == name)
			h = &k->hosts[i];
	if (h == NULL) {
		uint64_t m = host_targets(k, ev);

		if (m == 0) {
			k->probes_unmatched++;
			return;
		}
		k->hosts = xreallocarray(k->hosts, k->nhosts + 1,
		    sizeof(*k->hosts));
		h = &k->hosts[k->nhosts++];
		memset(h, 0, sizeof(*h));
		h->name = name;
		h->tmask = m;
	}
	vpn = intern_str(k->strs, ev->collector ? ev->collector :
	    (ev->peer ? ev->peer : "probe"));
	for (i = 0; i < h->nvps; i++)
		if (h->vps[i].name == vpn)
			v = &h->vps[i];
	if (v == NULL) {
		h->vps = xreallocarray(h->vps, h->nvps + 1, sizeof(*h->vps));
		v = &h->vps[h->nvps++];
		memset(v, 0, sizeof(*v));
		v->name = vpn;
		v->ok = true;
		v->streak = INT64_MIN;
	}
	{
		int64_t idx = ev->time_us / ((int64_t)k->p.bin_s * US);

		if (v->nbins == 0 || v->bins[v->nbins - 1].idx != idx) {
			v->bins = xreallocarray(v->bins, v->nbins + 1,
			    sizeof(*v->bins));
			memset(&v->bins[v->nbins], 0, sizeof(*v->bins));
			v->bins[v->nbins++].idx = idx;
		}
		if (ok)
			v->bins[v->nbins - 1].replies++;
		else
			v->bins[v->nbins - 1].losses++;
	}
	if (ok) {
		h->replies++;
		v->ok = true;
		v->streak = INT64_MIN;
	} else {
		h->losses++;
		if (v->ok || v->streak == INT64_MIN) {
			v->streak = ev->time_us;
			v->prec = ev->prec;
			evid_from(k, &v->ev, ev);
		}
		v->ok = false;
	}
	for (i = 0; i < h->nvps; i++)
		if (h->vps[i].ok)
			up++;
	if (!h->down && up == 0) {
		/* all lost since the latest of the streaks began */
		struct vp *last = &h->vps[0];

		for (i = 1; i < h->nvps; i++)
			if (h->vps[i].streak > last->streak)
				last = &h->vps[i];
		h->down = true;
		memset(&h->cur, 0, sizeof(h->cur));
		h->cur.start = last->streak;
		h->cur.start_prec = last->prec;
		h->cur.ev_start = last->ev;
		h->cur.total = (uint32_t)h->nvps;
	} else if (h->down && up > 0) {
		struct evid e;

		evid_from(k, &e, ev);
		host_close(k, h, ev->time_us, ev->prec, &e, false);
	}
	pts_push(&h->pts, &h->npts, ev->time_us, (uint32_t)up,
	    (uint32_t)h->nvps);
}

/* ---- router logs ---- */

static void
on_router(struct corr *k, const struct bo_event *ev)
{
	uint64_t m = host_targets(k, ev);
	const char *state = bo_event_attr(ev, "state");
	struct rsig *s;
	struct evid e;
	size_t i, j;
	bool down;

	if (ev->peer_as != 0)
		for (i = 0; i < k->ntg; i++)
			for (j = 0; j < k->tg[i].spec->nasns; j++)
				if (k->tg[i].spec->asns[j] == ev->peer_as)
					m |= 1ULL << i;
	if (ev->peer != NULL) {
		struct bo_prefix a;

		if (bo_prefix_parse(ev->peer, &a) == 0) {
			m |= pfx_targets(k, &a, 0);
			for (i = 0; i < k->npx; i++)
				if (bo_prefix_covers(&k->px[i].p, &a))
					m |= k->px[i].tmask;
		}
	}
	if (m == 0)
		return;
	if (strstr(ev->kind, "down") != NULL)
		down = true;
	else if (state != NULL)
		down = !state_is_up(state) && strcasecmp(state, "up") != 0;
	else if (strstr(ev->kind, "up") != NULL)
		down = false;
	else
		return;	/* informational: says nothing of the session */
	s = corr_sig_add(k, ev->time_us, ev->prec, down ? "router.session_down" :
	    "router.session_up", BO_SRC_ROUTER, m);
	s->role = down ? RS_ROUTER_DOWN : RS_INFO;
	s->vantage = xstrdup(ev->collector ? ev->collector : "router");
	s->summary = xasprintf("%s: %s%s%s", ev->collector ? ev->collector :
	    "router", ev->kind, ev->text ? ": " : "", ev->text ? ev->text : "");
	evid_from(k, &e, ev);
	sig_evid(s, &e);
}

/* ---- claims and reports ---- */

/*
 * Whether word occurs in s starting a word (case-insensitive): an alias
 * "NK" must not match "think", "bank" or "#OpRIPNK".  Names of four
 * letters or more may run on into an inflection ("North Korean", "DPRKs");
 * shorter ones and numbers must end there too ("AS131279" is not the
 * start of "AS1312790").
 */
static bool
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	if (n == 0)
		return false;
	for (p = s; (p = strcasestr(p, word)) != NULL; p++) {
		bool before = p == s || !isalnum((unsigned char)p[-1]);
		bool after = !isalnum((unsigned char)p[n]) ||
		    (n >= 4 && isalpha((unsigned char)p[n]) &&
		    isalpha((unsigned char)word[n - 1]));

		if (before && after)
			return true;
	}
	return false;
}

static bool
names_target(const struct corr_target_spec *s, const char *str)
{
	size_t i;

	if (str == NULL || str[0] == '\0')
		return false;
	if (has_word(str, s->name))
		return true;
	for (i = 0; i < s->naliases; i++)
		if (has_word(str, s->aliases[i]))
			return true;
	for (i = 0; i < s->nasns; i++) {
		char as[16];

		snprintf(as, sizeof(as), "AS%" PRIu32, s->asns[i]);
		if (has_word(str, as))
			return true;
	}
	for (i = 0; i < s->npfx; i++) {
		char p[64];

		bo_prefix_format(&s->pfx[i], p, sizeof(p));
		if (has_word(str, p))
			return true;
	}
	return false;
}

static bool
text_names_as(const char *s)
{
	const char *p;

	for (p = s; (p = strcasestr(p, "AS")) != NULL; p += 2)
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    isdigit((unsigned char)p[2]))
			return true;
	return false;
}

static void
on_claim(struct corr *k, const struct bo_event *ev)
{
	struct claimrec *r;
	struct bo_claim *c;
	struct evid e;
	size_t i;

	k->claims = xreallocarray(k->claims, k->nclaims + 1,
	    sizeof(*k->claims));
	r = &k->claims[k->nclaims++];
	memset(r, 0, sizeof(*r));
	c = &r->c;
	c->time_us = ev->time_us;
	c->prec = ev->prec;
	c->cls = ev->cls;
	c->kind = xstrdup(ev->kind ? ev->kind : "");
	c->actor = ev->actor ? xstrdup(ev->actor) : NULL;
	c->action = ev->action ? xstrdup(ev->action) : NULL;
	c->target = ev->target ? xstrdup(ev->target) : NULL;
	c->text = ev->text ? xstrdup(ev->text) : NULL;
	c->url = bo_event_attr(ev, "url") ?
	    xstrdup(bo_event_attr(ev, "url")) : NULL;
	c->source = ev->collector ? xstrdup(ev->collector) : NULL;
	c->incident = -1;
	c->relation = BO_REL_NO_MATCHING_SIGNAL;
	evid_from(k, &e, ev);
	c->evidence = xcalloc(1, sizeof(*c->evidence));
	/* borrowed interned strings until the timeline copies them */
	c->evidence[0].input = (char *)e.input;
	c->evidence[0].member = (char *)e.member;
	c->evidence[0].offset = e.offset;
	c->evidence[0].line = e.line;
	c->evidence[0].item = e.item;
	c->nevidence = 1;
	/* The claimed target as written, else the text: what it names. */
	r->has_subject = (ev->target && ev->target[0]) || ev->asn != 0 ||
	    ev->prefix.afi != BO_AFI_NONE;
	for (i = 0; i < k->ntg; i++) {
		const struct corr_target_spec *s = k->tg[i].spec;
		size_t j;

		if (names_target(s, ev->target) ||
		    (!r->has_subject && names_target(s, ev->text)))
			r->tmask |= 1ULL << i;
		for (j = 0; j < s->nasns; j++)
			if (ev->asn != 0 && s->asns[j] == ev->asn)
				r->tmask |= 1ULL << i;
		for (j = 0; j < s->npfx; j++)
			if (ev->prefix.afi != BO_AFI_NONE &&
			    (bo_prefix_covers(&s->pfx[j], &ev->prefix) ||
			    bo_prefix_covers(&ev->prefix, &s->pfx[j])))
				r->tmask |= 1ULL << i;
	}
	if (!r->has_subject && r->tmask != 0)
		r->has_subject = true;
	/* "AS64502 is down" names a network even when the rules found no
	 * target: it is about that AS, matched or not */
	if (!r->has_subject && ev->text != NULL && text_names_as(ev->text))
		r->has_subject = true;
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
	timers_run(k, ev->time_us);
	if (ev->cls == BO_CLASS_CLAIM || ev->cls == BO_CLASS_REPORT) {
		on_claim(k, ev);
		return 0;
	}
	if (ev->kind == NULL)
		return 0;
	if (ev->src == BO_SRC_BGP && strncmp(ev->kind, "bgp.", 4) == 0)
		on_bgp(k, ev);
	else if (ev->src == BO_SRC_PROBE || strncmp(ev->kind, "probe.", 6) == 0)
		on_probe(k, ev);
	else if (ev->src == BO_SRC_ROUTER)
		on_router(k, ev);
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

/* Missing update files: a collector's files come at a fixed interval (5
 * min at RIS, 15 at RouteViews); a longer step means files are absent. */
static void
coll_file_gaps(struct corr *k, size_t c)
{
	struct collector *co = &k->coll[c];
	int64_t step = INT64_MAX, d;
	size_t i, j;

	/* insertion sort: files arrive almost in order */
	for (i = 1; i < co->nfiles; i++) {
		struct update_file f = co->files[i];

		for (j = i; j > 0 && co->files[j - 1].time_us > f.time_us; j--)
			co->files[j] = co->files[j - 1];
		co->files[j] = f;
	}
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
		e[0] = co->files[i - 1].ev;
		e[1] = co->files[i].ev;
		why = xasprintf("missing update file%s: %" PRId64 " expected "
		    "at a %" PRId64 " s interval %s absent",
		    d / step - 1 == 1 ? "" : "s", d / step - 1, step / US,
		    d / step - 1 == 1 ? "is" : "are");
		corr_gap_add(k, co->name, co->files[i - 1].time_us + step,
		    co->files[i].time_us, why, e, 2);
		free(why);
	}
}

void
engine_close(struct corr *k)
{
	size_t i, c;
	int64_t end = k->now;

	for (c = 0; c < k->ncoll; c++)
		snap_finish(k, c);
	timers_run(k, end);
	for (i = 0; i < k->ntg; i++) {
		for (c = 0; c < k->ncoll; c++)
			if (k->tg[i].down_c[c])
				target_coll_update(k, i, c, end, BO_PREC_S,
				    NULL, true);
		if (k->tg[i].down)
			target_close(k, i, end, BO_PREC_S, NULL, true);
	}
	for (i = 0; i < k->nhosts; i++)
		if (k->hosts[i].down)
			host_close(k, &k->hosts[i], end, BO_PREC_S, NULL, true);
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
		coll_file_gaps(k, c);
		if (!k->coll[c].had_snap && k->p.assume_full_feed == 0) {
			struct evid e = k->coll[c].last_ev;

			corr_gap_add(k, k->coll[c].name, k->coll[c].first_us,
			    k->coll[c].last_us, "no RIB snapshot: its peers "
			    "cannot be classified as full-feed and are not "
			    "counted (see assume_full_feed)", &e, 1);
		}
	}
}
