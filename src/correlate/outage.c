/*
 * Outage periods, replayed from the visibility log once the stream has
 * ended (see outage.h).  The method is in doc/correlation.md,
 * "Visibility and outages"; in short, per address family:
 *
 *   - a prefix joins its target's baseline when it is first visible, and
 *     leaves it when it has been dark for baseline_s while the target was
 *     up (withdrawn for good, renumbered), until it is visible again;
 *   - the dark share is the baseline address space not visible, over
 *     the baseline address space (a more-specific adds no space of its
 *     own); the target goes down when it reaches onset_share;
 *   - it is back when every baseline prefix is visible again, leaving
 *     out the prefixes that are still dark at the end of the data when
 *     together they are less than restored_share: those are "not
 *     restored by the end of the data", not an outage that never ends;
 *   - kind and counts come from the deepest point: affected = baseline
 *     prefixes not visible then, total = the baseline then.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/outage.h"
#include "correlate/state.h"
#include "util/util.h"

#define US	((int64_t)1000000)

void
outage_note(struct corr *k, size_t xi, int coll, enum vstate st,
    uint32_t have, uint32_t up, int64_t t, enum bo_prec prec,
    const struct evid *ev)
{
	struct vlog *v;

	xgrow(&k->olog.v, &k->olog.cap, k->olog.n, sizeof(*k->olog.v));
	v = &k->olog.v[k->olog.n++];
	memset(v, 0, sizeof(*v));
	v->t = t;
	v->px = (uint32_t)xi;
	v->coll = (int16_t)coll;
	v->st = (uint8_t)st;
	v->prec = (uint8_t)prec;
	v->have = have;
	v->up = up;
	if (ev != NULL) {
		v->ev_input = ev->input;
		v->ev_member = ev->member;
		v->ev_offset = ev->offset;
		v->ev_line = ev->line;
	}
}

/* The entries of one view (coll, -1: combined), in log order. */
static size_t *
log_index(const struct olog *l, int coll, size_t *n)
{
	size_t *v = xcalloc(l->n + 1, sizeof(*v)), i;

	*n = 0;
	for (i = 0; i < l->n; i++)
		if (l->v[i].coll == coll)
			v[(*n)++] = i;
	return v;
}

void
outage_free(struct olog *l)
{
	free(l->comb);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- one replay: a set of prefixes of one family, one view ---- */

struct rpx {
	size_t		 xi;
	double		 w;		/* address space of its own */
	uint8_t		 st;
	bool		 known;		/* visible once */
	bool		 base;		/* in the baseline */
	bool		 nr;		/* not restored, left out of the end */
	int64_t		 dark_since;
	uint32_t	 have;
	uint32_t	 up;
};

struct rper {
	int64_t		 on;
	int64_t		 end;
	bool		 has_end;
	enum bo_prec	 on_prec;
	enum bo_prec	 end_prec;
	struct evid	 ev_on;
	struct evid	 ev_end;
	double		 deep;		/* dark share at the deepest */
	int64_t		 left;		/* routes of its dark prefixes then */
	int64_t		 nweak;
	uint32_t	 affected;
	uint32_t	 total;
	bool		 all_dark;
	uint32_t	 deep_have;
	uint32_t	 deep_up;
	size_t		*px;		/* dark at the deepest */
	size_t		 npx;
	size_t		*nrx;		/* not restored by the end */
	size_t		 nnrx;
};

struct rstale {
	size_t		 xi;
	int64_t		 since;
	bool		 nr;
	struct evid	 ev;
};

/* Running sums over the baseline, kept as prefixes change, so that a
 * replay costs the log, not the log times the prefixes. */
struct sums {
	double		 base;		/* address space */
	double		 dark;
	double		 base_e;	/* leaving out the not restored */
	double		 dark_e;
	int64_t		 nbase;
	int64_t		 ndark;
	int64_t		 ndark_e;
	int64_t		 nweak;
	int64_t		 left;		/* routes of the dark prefixes */
};

struct replay {
	struct corr	*k;
	int		 coll;
	const size_t	*ix;		/* the log entries of coll */
	size_t		 nix;
	struct sums	 sm;
	struct rpx	*p;
	size_t		 n;
	size_t		*map;		/* prefix index -> p index + 1 */
	struct rper	*per;
	size_t		 nper;
	struct rstale	*stale;
	size_t		 nstale;
	struct evid	*dark_ev;	/* per p: the event that darkened it */
};

struct px_ord {
	struct bo_prefix p;
	size_t		 xi;
};

static int
cmp_px_ord(const void *a, const void *b)
{
	const struct px_ord *x = a, *y = b;

	return bo_prefix_cmp(&x->p, &y->p);
}

/* Address order.  The prefixes are copied beside their indices, since
 * qsort has no context argument to reach the prefix table; they are
 * distinct, so the order is total.  Every prefix a target (a /1 of the
 * address space, say) can be half a million of them. */
static void
sort_px(size_t *v, size_t n, const struct corr *k)
{
	struct px_ord *o;
	size_t i;

	if (n < 2)
		return;
	o = xreallocarray(NULL, n, sizeof(*o));
	for (i = 0; i < n; i++) {
		o[i].p = k->px[v[i]].p;
		o[i].xi = v[i];
	}
	qsort(o, n, sizeof(*o), cmp_px_ord);
	for (i = 0; i < n; i++)
		v[i] = o[i].xi;
	free(o);
}

static void
replay_init(struct replay *r, struct corr *k, const size_t *xs, size_t n,
    int coll, const size_t *ix, size_t nix)
{
	size_t *ord = xcalloc(n + 1, sizeof(*ord)), *stack;
	size_t i, ns = 0;

	memset(r, 0, sizeof(*r));
	r->k = k;
	r->coll = coll;
	r->ix = ix;
	r->nix = nix;
	r->n = n;
	r->p = xcalloc(n + 1, sizeof(*r->p));
	r->dark_ev = xcalloc(n + 1, sizeof(*r->dark_ev));
	r->map = xcalloc(k->npx + 1, sizeof(*r->map));
	memcpy(ord, xs, n * sizeof(*ord));
	sort_px(ord, n, k);
	stack = xcalloc(n + 1, sizeof(*stack));
	for (i = 0; i < n; i++) {
		const struct bo_prefix *p = &k->px[ord[i]].p;
		struct rpx *x = &r->p[i];

		x->xi = ord[i];
		r->map[ord[i]] = i + 1;
		/* a more-specific of a prefix of the same set adds no
		 * address space of its own */
		while (ns > 0 && !bo_prefix_covers(&k->px[stack[ns - 1]].p, p))
			ns--;
		x->w = ns > 0 ? 0 : ldexp(1.0, (p->afi == BO_AFI_IPV6 ? 128 :
		    32) - p->len);
		stack[ns++] = ord[i];
	}
	free(stack);
	free(ord);
}

static void
replay_free(struct replay *r)
{
	size_t i;

	for (i = 0; i < r->nper; i++) {
		free(r->per[i].px);
		free(r->per[i].nrx);
	}
	free(r->per);
	free(r->stale);
	free(r->p);
	free(r->map);
	free(r->dark_ev);
	memset(r, 0, sizeof(*r));
}

static bool
log_here(const struct replay *r, const struct vlog *v)
{
	return v->coll == r->coll && v->px < r->k->npx && r->map[v->px] != 0;
}

static void
evid_of(const struct vlog *v, struct evid *e)
{
	e->input = v->ev_input;
	e->member = v->ev_member;
	e->offset = v->ev_offset;
	e->line = v->ev_line;
}

/* Which prefixes are still dark at the end of the data, and whether they
 * are few enough (under restored_share of the address space ever seen)
 * to be left out of the recovery: a target most of which came back is
 * back, with its stragglers named; one most of which did not is still
 * down. */
static void
mark_not_restored(struct replay *r)
{
	const struct olog *l = &r->k->olog;
	uint8_t *last = xcalloc(r->n + 1, 1);
	bool *known = xcalloc(r->n + 1, sizeof(*known));
	double all = 0, nr = 0;
	size_t i;

	for (i = 0; i < r->nix; i++) {
		const struct vlog *v = &l->v[r->ix[i]];

		if (!log_here(r, v))
			continue;
		last[r->map[v->px] - 1] = v->st;
		if (v->st == VS_VIS)
			known[r->map[v->px] - 1] = true;
	}
	for (i = 0; i < r->n; i++) {
		if (!known[i])
			continue;
		all += r->p[i].w;
		if (last[i] != VS_VIS) {
			r->p[i].nr = true;
			nr += r->p[i].w;
		}
	}
	if (all > 0 && nr >= r->k->p.restored_share * all)
		for (i = 0; i < r->n; i++)
			r->p[i].nr = false;
	free(last);
	free(known);
}

/* Adds (sign 1) or takes out (sign -1) a prefix's part of the sums. */
static void
acct(struct replay *r, const struct rpx *x, int sign)
{
	struct sums *m = &r->sm;
	double w = sign * x->w;

	if (!x->base)
		return;
	m->base += w;
	m->nbase += sign;
	if (!x->nr)
		m->base_e += w;
	if (x->st == VS_VIS)
		return;
	m->dark += w;
	m->ndark += sign;
	m->left += sign * (int64_t)x->have;
	m->nweak += x->st == VS_WEAK ? sign : 0;
	if (!x->nr) {
		m->dark_e += w;
		m->ndark_e += sign;
	}
}

/* The deepest point: the largest dark share and, among equal shares
 * (a whole network withdrawn, while peers are still hearing of it), the
 * fewest routes left.  Among equal shares the prefixes are rescanned
 * only when the routes left halve or a weak prefix goes dark, which
 * bounds the rescans of a long outage. */
static void
deepest(struct replay *r, struct rper *pd, double s)
{
	const struct sums *m = &r->sm;
	uint64_t bh = 0, bu = 0;
	size_t i;

	if (s < pd->deep || (s == pd->deep && m->nweak >= pd->nweak &&
	    !(m->left * 2 <= pd->left && pd->left > 0)))
		return;
	pd->deep = s;
	pd->left = m->left;
	pd->nweak = m->nweak;
	pd->affected = (uint32_t)m->ndark;
	pd->total = (uint32_t)m->nbase;
	pd->all_dark = m->nweak == 0 && m->ndark == m->nbase;
	pd->npx = 0;
	/* at most every prefix replayed: one allocation, not one a prefix */
	pd->px = xreallocarray(pd->px, r->n ? r->n : 1, sizeof(*pd->px));
	for (i = 0; i < r->n; i++) {
		const struct rpx *x = &r->p[i];

		if (!x->base || x->st == VS_VIS)
			continue;
		pd->px[pd->npx++] = x->xi;
		/* the best routed prefix, for the onset's summary */
		if (x->up > 0 && (bu == 0 || (uint64_t)x->have * bu >
		    bh * x->up)) {
			bh = x->have;
			bu = x->up;
		}
	}
	pd->deep_have = (uint32_t)bh;
	pd->deep_up = (uint32_t)bu;
}

/* Prefixes dark for baseline_s while the target is up leave the
 * baseline: their absence is the new normal, not an outage. */
static void
expire(struct replay *r, int64_t now)
{
	int64_t lim = (int64_t)r->k->p.baseline_s * US;
	size_t i;

	if (r->sm.ndark == 0)
		return;
	for (i = 0; i < r->n; i++) {
		struct rpx *x = &r->p[i];

		if (!x->base || x->st == VS_VIS || now - x->dark_since <= lim)
			continue;
		acct(r, x, -1);
		x->base = false;
		r->stale = xreallocarray(r->stale, r->nstale + 1,
		    sizeof(*r->stale));
		r->stale[r->nstale].xi = x->xi;
		r->stale[r->nstale].since = x->dark_since;
		r->stale[r->nstale].nr = x->nr;
		r->stale[r->nstale].ev = r->dark_ev[i];
		r->nstale++;
	}
}

static void
replay_run(struct replay *r)
{
	const struct olog *l = &r->k->olog;
	double thr = r->k->p.onset_share, s;
	struct rper cur;
	bool down = false;
	size_t i, j, q;

	memset(&cur, 0, sizeof(cur));
	mark_not_restored(r);
	for (i = 0; i < r->nix; i = j) {
		int64_t t = l->v[r->ix[i]].t;
		const struct vlog *last = NULL;

		for (j = i; j < r->nix && l->v[r->ix[j]].t == t; j++)
			;
		for (q = i; q < j && last == NULL; q++)
			if (log_here(r, &l->v[r->ix[q]]))
				last = &l->v[r->ix[q]];
		if (last == NULL)
			continue;
		if (!down)
			expire(r, t);
		for (q = i; q < j; q++) {
			const struct vlog *v = &l->v[r->ix[q]];
			struct rpx *x;

			if (!log_here(r, v))
				continue;
			x = &r->p[r->map[v->px] - 1];
			acct(r, x, -1);
			x->have = v->have;
			x->up = v->up;
			if (v->st != x->st) {
				if (v->st == VS_VIS) {
					x->known = true;
					x->base = true;
				} else if (x->st == VS_VIS ||
				    x->st == VS_NONE) {
					x->dark_since = t;
					evid_of(v, &r->dark_ev[r->map[v->px] -
					    1]);
				}
				x->st = v->st;
				last = v;
			}
			acct(r, x, 1);
		}
		s = r->sm.base > 0 ? r->sm.dark / r->sm.base : 0;
		if (!down && s >= thr && s > 0) {
			down = true;
			memset(&cur, 0, sizeof(cur));
			cur.on = t;
			cur.on_prec = (enum bo_prec)last->prec;
			evid_of(last, &cur.ev_on);
			cur.deep = -1;
		}
		if (!down)
			continue;
		deepest(r, &cur, s);
		if (r->sm.ndark_e > 0)
			continue;
		/* back to the baseline: the end; what is still dark now is
		 * what never came back */
		cur.end = t;
		cur.has_end = true;
		cur.end_prec = (enum bo_prec)last->prec;
		evid_of(last, &cur.ev_end);
		for (q = 0; q < r->n; q++) {
			struct rpx *x = &r->p[q];

			if (!x->base || x->st == VS_VIS)
				continue;
			cur.nrx = xreallocarray(cur.nrx, cur.nnrx + 1,
			    sizeof(*cur.nrx));
			cur.nrx[cur.nnrx++] = x->xi;
			acct(r, x, -1);
			x->base = false;
		}
		r->per = xreallocarray(r->per, r->nper + 1, sizeof(*r->per));
		r->per[r->nper++] = cur;
		memset(&cur, 0, sizeof(cur));
		down = false;
	}
	if (down) {
		/* still down: what is dark is the outage, not stragglers */
		cur.end = INT64_MAX;
		r->per = xreallocarray(r->per, r->nper + 1, sizeof(*r->per));
		r->per[r->nper++] = cur;
	}
}

/* ---- targets, families, members ---- */

/* The prefixes of target ti in family afi (0: both) that belong to
 * member mi (-1: all): an ASN member owns the prefixes it originates, a
 * prefix member the prefixes it covers. */
static size_t *
subset(const struct corr *k, size_t ti, int afi, long mi, size_t *n)
{
	const struct target *t = &k->tg[ti];
	const struct corr_target_spec *s = t->spec;
	size_t *v = xcalloc(t->npx + 1, sizeof(*v)), i;

	*n = 0;
	for (i = 0; i < t->npx; i++) {
		const struct pfx *x = &k->px[t->px[i]];

		if (afi != 0 && x->p.afi != afi)
			continue;
		if (mi >= 0 && (size_t)mi < s->nasns &&
		    x->origin != s->asns[mi])
			continue;
		if (mi >= 0 && (size_t)mi >= s->nasns &&
		    !bo_prefix_covers(&s->pfx[(size_t)mi - s->nasns], &x->p))
			continue;
		v[(*n)++] = t->px[i];
	}
	return v;
}

static void
period_from(struct period *pd, const struct rper *rp)
{
	memset(pd, 0, sizeof(*pd));
	pd->start = rp->on;
	pd->start_prec = rp->on_prec;
	pd->has_end = rp->has_end;
	pd->end = rp->has_end ? rp->end : INT64_MAX;
	pd->end_prec = rp->end_prec;
	pd->ev_start = rp->ev_on;
	pd->ev_end = rp->ev_end;
	pd->lost = rp->affected;
	pd->total = rp->total;
	pd->all = rp->all_dark;
	pd->deep_have = rp->deep_have;
	pd->deep_up = rp->deep_up;
	pd->nr = (uint32_t)rp->nnrx;
	pd->px = xcalloc(rp->npx + 1, sizeof(*pd->px));
	memcpy(pd->px, rp->px, rp->npx * sizeof(*pd->px));
	pd->npx = rp->npx;
}

static bool
periods_meet(const struct period *a, const struct period *b)
{
	return a->start <= b->end && b->start <= a->end;
}

/* b into a: the union of two families' periods of one target. */
static void
period_join(struct period *a, struct period *b)
{
	size_t i;

	if (b->start < a->start) {
		a->start = b->start;
		a->start_prec = b->start_prec;
		a->ev_start = b->ev_start;
	}
	if (b->end > a->end) {
		a->end = b->end;
		a->has_end = b->has_end;
		a->end_prec = b->end_prec;
		a->ev_end = b->ev_end;
	}
	a->lost += b->lost;
	a->total += b->total;
	a->nr += b->nr;
	a->all = a->all && b->all;
	if (b->deep_up > 0 && (a->deep_up == 0 || (uint64_t)b->deep_have *
	    a->deep_up > (uint64_t)a->deep_have * b->deep_up)) {
		a->deep_have = b->deep_have;
		a->deep_up = b->deep_up;
	}
	a->px = xreallocarray(a->px, a->npx + b->npx + 1, sizeof(*a->px));
	for (i = 0; i < b->npx; i++)
		a->px[a->npx++] = b->px[i];
	free(b->px);
	memset(b, 0, sizeof(*b));
}

static void
short_signal(struct corr *k, size_t ti, const struct period *pd)
{
	struct rsig *s;
	char d[32];

	s = corr_sig_add(k, pd->start, pd->start_prec, "bgp.short_withdrawal",
	    BO_SRC_BGP, 1ULL << ti);
	s->end = pd->end;
	s->role = RS_SHORT;
	s->summary = xasprintf("%s: %" PRIu32 " of %" PRIu32 " prefixes "
	    "withdrawn for %s (shorter than min_outage_s)", k->tg[ti].spec->name,
	    pd->lost, pd->total, fmt_duration((pd->end - pd->start) / US,
	    d, sizeof(d)));
	s->vantage = xstrdup("all collectors");
	if (pd->ev_start.input != NULL && s->nev < CORR_MAX_EVID)
		s->ev[s->nev++] = pd->ev_start;
	if (pd->ev_end.input != NULL && s->nev < CORR_MAX_EVID)
		s->ev[s->nev++] = pd->ev_end;
}

/* One signal per target for the prefixes that left its baseline while
 * it was up: withdrawn for good, or for longer than baseline_s. */
static void
stale_signals(struct corr *k, size_t ti, const struct replay *r)
{
	char a[64], d[32];
	size_t i;

	for (i = 0; i < r->nstale; i++) {
		const struct rstale *st = &r->stale[i];
		struct rsig *s;

		s = corr_sig_add(k, st->since, BO_PREC_S, "bgp.prefix_gone",
		    BO_SRC_BGP, 1ULL << ti);
		s->end = st->since;
		s->vantage = xstrdup("all collectors");
		bo_prefix_format(&k->px[st->xi].p, a, sizeof(a));
		if (st->nr)
			s->summary = xasprintf("%s: %s withdrawn and not "
			    "restored by the end of the data (left the "
			    "baseline after %s)", k->tg[ti].spec->name, a,
			    fmt_duration((int64_t)k->p.baseline_s, d,
			    sizeof(d)));
		else
			s->summary = xasprintf("%s: %s dark for more than %s "
			    "while the target was up (left the baseline until "
			    "it was visible again)", k->tg[ti].spec->name, a,
			    fmt_duration((int64_t)k->p.baseline_s, d,
			    sizeof(d)));
		if (st->ev.input != NULL)
			s->ev[s->nev++] = st->ev;
	}
}

static void
target_periods(struct corr *k, size_t ti)
{
	struct target *t = &k->tg[ti];
	struct period *v = NULL, pd;
	struct replay r;
	size_t *xs, n, nv = 0, i, j;
	int afi;

	for (afi = BO_AFI_IPV4; afi <= BO_AFI_IPV6; afi++) {
		xs = subset(k, ti, afi, -1, &n);
		replay_init(&r, k, xs, n, -1, k->olog.comb, k->olog.ncomb);
		replay_run(&r);
		for (i = 0; i < r.nper; i++) {
			period_from(&pd, &r.per[i]);
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = pd;
		}
		stale_signals(k, ti, &r);
		replay_free(&r);
		free(xs);
	}
	/* one target, two families: periods that overlap are one */
	for (i = 0; i < nv; i++)
		for (j = i + 1; j < nv; j++)
			if (v[j].start != INT64_MIN && v[i].start != INT64_MIN &&
			    periods_meet(&v[i], &v[j])) {
				period_join(&v[i], &v[j]);
				v[j].start = INT64_MIN;
			}
	for (i = 0; i < t->nperiods; i++)
		free(t->periods[i].px);
	t->nperiods = 0;
	for (i = 0; i < nv; i++) {
		if (v[i].start == INT64_MIN)
			continue;
		if (v[i].has_end && v[i].end - v[i].start <
		    (int64_t)k->p.min_outage_s * US) {
			short_signal(k, ti, &v[i]);
			free(v[i].px);
			continue;
		}
		t->periods = xreallocarray(t->periods, t->nperiods + 1,
		    sizeof(*t->periods));
		t->periods[t->nperiods++] = v[i];
	}
	free(v);
}

/* Each collector's own view, by the same rule: the signals that say
 * which collectors agree.  Counts come from its own deepest point, so
 * they never exceed their total. */
static void
collector_drops(struct corr *k, size_t ti, size_t c, const size_t *ix,
    size_t nix)
{
	struct replay r;
	struct rsig *s;
	size_t *xs, n, i;
	char d[32];
	int afi;

	for (afi = BO_AFI_IPV4; afi <= BO_AFI_IPV6; afi++) {
		xs = subset(k, ti, afi, -1, &n);
		replay_init(&r, k, xs, n, (int)c, ix, nix);
		replay_run(&r);
		for (i = 0; i < r.nper; i++) {
			const struct rper *p = &r.per[i];

			if (p->has_end && p->end - p->on <
			    (int64_t)k->p.min_outage_s * US)
				continue;
			s = corr_sig_add(k, p->on, p->on_prec,
			    "bgp.visibility_drop", BO_SRC_BGP, 1ULL << ti);
			s->end = p->has_end ? p->end : INT64_MAX;
			s->coll = (int)c;
			s->role = RS_BGP_DROP;
			s->vantage = xstrdup(k->coll[c].name);
			s->summary = xasprintf("%s: %" PRIu32 " of %" PRIu32
			    " prefixes of %s not visible to its full-feed "
			    "peers %s%s", k->coll[c].name, p->affected,
			    p->total, k->tg[ti].spec->name, p->has_end ?
			    "for " : "", p->has_end ? fmt_duration(
			    (p->end - p->on) / US, d, sizeof(d)) :
			    "still at the end of the data");
			if (p->ev_on.input != NULL)
				s->ev[s->nev++] = p->ev_on;
			if (p->has_end && p->ev_end.input != NULL)
				s->ev[s->nev++] = p->ev_end;
		}
		replay_free(&r);
		free(xs);
	}
}

void
outage_build(struct corr *k)
{
	size_t ti, c, *ix, nix;

	free(k->olog.comb);
	k->olog.comb = log_index(&k->olog, -1, &k->olog.ncomb);
	for (ti = 0; ti < k->ntg; ti++)
		target_periods(k, ti);
	for (c = 0; c < k->ncoll; c++) {
		ix = log_index(&k->olog, (int)c, &nix);
		for (ti = 0; ti < k->ntg; ti++)
			collector_drops(k, ti, c, ix, nix);
		free(ix);
	}
}

/* ---- parts: members and families ---- */

static int
cmp_part(const void *a, const void *b)
{
	const struct bo_part *x = a, *y = b;
	int c;

	if (x->has_onset != y->has_onset)
		return x->has_onset ? -1 : 1;
	if (x->has_onset && x->onset_us != y->onset_us)
		return x->onset_us < y->onset_us ? -1 : 1;
	if ((c = strcmp(x->target, y->target)) != 0)
		return c;
	if ((c = strcmp(x->member, y->member)) != 0)
		return c;
	return strcmp(x->family, y->family);
}

static void
part_add(struct corr *k, struct bo_incident *in, size_t ti, long mi,
    int afi, int64_t on, int64_t end)
{
	const struct corr_target_spec *s = k->tg[ti].spec;
	int64_t gap = (int64_t)k->p.merge_gap_s * US;
	struct replay r;
	struct bo_part *p;
	size_t *xs, n, i, known = 0;
	char buf[64];

	xs = subset(k, ti, afi, mi, &n);
	for (i = 0; i < n; i++)
		known += k->px[xs[i]].known;
	if (known == 0) {
		free(xs);
		return;
	}
	replay_init(&r, k, xs, n, -1, k->olog.comb, k->olog.ncomb);
	replay_run(&r);
	in->parts = xreallocarray(in->parts, in->nparts + 1,
	    sizeof(*in->parts));
	p = &in->parts[in->nparts++];
	memset(p, 0, sizeof(*p));
	p->target = xstrdup(s->name);
	if (mi < 0)
		p->member = xstrdup(s->name);
	else if ((size_t)mi < s->nasns)
		p->member = xasprintf("AS%" PRIu32, s->asns[mi]);
	else
		p->member = xstrdup(bo_prefix_format(&s->pfx[(size_t)mi -
		    s->nasns], buf, sizeof(buf)));
	p->family = xstrdup(afi == BO_AFI_IPV6 ? "ipv6" : "ipv4");
	for (i = 0; i < r.nper; i++) {
		const struct rper *q = &r.per[i];
		int64_t qe = q->has_end ? q->end : INT64_MAX;

		/* its first period that meets the incident */
		if (q->on > (end == INT64_MAX ? end : end + gap) ||
		    (qe != INT64_MAX && qe + gap < on))
			continue;
		if (q->has_end && q->end - q->on <
		    (int64_t)k->p.min_outage_s * US)
			continue;
		p->has_onset = true;
		p->onset_us = q->on;
		p->onset_prec = q->on_prec;
		p->has_end = q->has_end;
		p->end_us = q->has_end ? q->end : 0;
		p->end_prec = q->end_prec;
		p->prefixes_affected = q->affected;
		p->prefixes_total = q->total;
		break;
	}
	if (!p->has_onset) {
		/* it stayed up: its baseline, all visible */
		for (i = 0; i < r.n; i++)
			p->prefixes_total += r.p[i].base;
	}
	replay_free(&r);
	free(xs);
}

void
outage_parts(struct corr *k, uint64_t tmask, int64_t on, int64_t end,
    struct bo_incident *in)
{
	size_t ti, fam, nm;
	long mi;
	int afi;

	for (ti = 0; ti < k->ntg; ti++) {
		const struct corr_target_spec *s = k->tg[ti].spec;
		bool has[3] = { false, false, false };
		size_t i;

		if (!(tmask & (1ULL << ti)))
			continue;
		for (i = 0; i < k->tg[ti].npx; i++)
			if (k->px[k->tg[ti].px[i]].known)
				has[k->px[k->tg[ti].px[i]].p.afi ==
				    BO_AFI_IPV6 ? 2 : 1] = true;
		fam = (size_t)has[1] + (size_t)has[2];
		nm = s->nasns + s->npfx;
		if (nm <= 1 && fam <= 1)
			continue;
		for (afi = BO_AFI_IPV4; afi <= BO_AFI_IPV6; afi++) {
			if (!has[afi])
				continue;
			if (nm <= 1)
				part_add(k, in, ti, -1, afi, on, end);
			else
				for (mi = 0; (size_t)mi < nm; mi++)
					part_add(k, in, ti, mi, afi, on, end);
		}
	}
	if (in->nparts > 1)
		qsort(in->parts, in->nparts, sizeof(*in->parts), cmp_part);
}
