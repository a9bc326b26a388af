/*
 * What routing.c, hijack.c and leak.c share: AS paths, the targets' space
 * and the watched prefixes in their hash tables, and incidents as the
 * detectors build them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/routing_base.h"
#include "util/util.h"

/* ---- small helpers ---- */

size_t
rt_path_parse(const char *path, uint32_t *as, size_t max)
{
	const char *p = path;
	size_t n = 0;
	char *end;

	while (p != NULL && *p != '\0' && n < max) {
		unsigned long v;

		if (*p < '0' || *p > '9') {
			/* AS_SET braces and separators: a set is read as its
			 * members in order, which is all a path needs here */
			p++;
			continue;
		}
		v = strtoul(p, &end, 10);
		p = end;
		if (v > UINT32_MAX)
			continue;
		if (n == 0 || as[n - 1] != (uint32_t)v)
			as[n++] = (uint32_t)v;
	}
	return n;
}

bool
rt_in_baseline(const struct rt *r, int64_t t)
{
	return !r->started || t - r->first < (int64_t)(r->p.baseline_s * 1e6);
}

bool
rt_judged(const struct rt *r, const struct rt_route *e)
{
	return e->counted && e->view && !rt_in_baseline(r, e->t);
}

bool
rt_u32_has(const uint32_t *v, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

void
rt_u32_add(uint32_t **v, size_t *n, uint32_t x)
{
	if (rt_u32_has(*v, *n, x))
		return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = x;
}

uint32_t
rt_most(const uint32_t *as, const uint32_t *cnt, size_t n)
{
	uint32_t best = 0, bc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (cnt[i] > bc || (cnt[i] == bc && as[i] < best)) {
			best = as[i];
			bc = cnt[i];
		}
	return best;
}

/* ---- prefix tables ---- */

static const struct bo_prefix *
sp_pfx(const void *arg, size_t i)
{
	const struct rt *r = arg;

	return &r->sp[i].p;
}

static const struct bo_prefix *
w_pfx(const void *arg, size_t i)
{
	const struct rt *r = arg;

	return &r->w[i].p;
}

long
rt_space_find(const struct rt *r, const struct bo_prefix *p)
{
	return pfxtab_find(&r->sptab, p, sp_pfx, r);
}

struct rt_space *
rt_space_get(struct rt *r, const struct bo_prefix *p, uint64_t tmask)
{
	struct rt_space *s;
	long i = rt_space_find(r, p);

	if (i >= 0) {
		r->sp[i].tmask |= tmask;
		return &r->sp[i];
	}
	xgrow(&r->sp, &r->capsp, r->nsp, sizeof(*r->sp));
	s = &r->sp[r->nsp];
	memset(s, 0, sizeof(*s));
	s->p = *p;
	s->tmask = tmask;
	r->nsp++;
	pfxtab_put(&r->sptab, r->nsp - 1, r->nsp, sp_pfx, r);
	pfxindex_add(r->spix, p, 1);
	return s;
}

struct rt_watch *
rt_watch_get(struct rt *r, const struct bo_prefix *p, uint64_t tmask)
{
	struct rt_watch *w;
	long i = pfxtab_find(&r->wtab, p, w_pfx, r);

	if (i >= 0) {
		r->w[i].tmask |= tmask;
		return &r->w[i];
	}
	xgrow(&r->w, &r->capw, r->nw, sizeof(*r->w));
	w = &r->w[r->nw];
	memset(w, 0, sizeof(*w));
	w->p = *p;
	w->tmask = tmask;
	r->nw++;
	pfxtab_put(&r->wtab, r->nw - 1, r->nw, w_pfx, r);
	return w;
}

struct rt_watch *
rt_watch_find(const struct rt *r, const struct bo_prefix *p)
{
	long i = pfxtab_find(&r->wtab, p, w_pfx, r);

	return i < 0 ? NULL : &r->w[i];
}

struct rt_wpeer *
rt_watch_peer(const struct rt_watch *w, size_t peer)
{
	return keyvec_find(&w->peers, sizeof(struct rt_wpeer),
	    (uint32_t)peer);
}

struct rt_wpeer *
rt_watch_slot(struct rt_watch *w, size_t peer)
{
	static const struct rt_wpeer none = { 0, 0, -1, -1 };

	return keyvec_get(&w->peers, sizeof(none), (uint32_t)peer, &none);
}

struct strict_arg {
	const struct rt	*r;
	uint8_t		 len;
	bool		 origin;
	long		 best;
};

static void
strict_one(void *arg, const struct bo_prefix *c, uint64_t mask)
{
	struct strict_arg *a = arg;
	long x;

	(void)mask;
	if (c->len >= a->len)
		return;
	/* shortest first: the last one found is the most specific */
	if ((x = rt_space_find(a->r, c)) >= 0 &&
	    (!a->origin || a->r->sp[x].norig > 0))
		a->best = x;
}

long
rt_space_cover(const struct rt *r, const struct bo_prefix *p, bool origin)
{
	struct strict_arg a = { r, p->len, origin, -1 };

	(void)pfxindex_covering_each(r->spix, p, strict_one, &a);
	return a.best;
}

/* ---- incidents ---- */

struct rt_incident *
rt_inc_add(struct rt *r)
{
	struct rt_incident *in;

	xgrow(&r->inc, &r->capinc, r->ninc, sizeof(*r->inc));
	in = &r->inc[r->ninc++];
	memset(in, 0, sizeof(*in));
	return in;
}

void
rt_inc_sig(struct rt_incident *in, int64_t t, enum bo_prec prec,
    const char *kind, char *summary, const struct rt_evid *ev)
{
	struct rt_sig *s;

	xgrow(&in->sigs, &in->capsigs, in->nsigs, sizeof(*in->sigs));
	s = &in->sigs[in->nsigs++];
	s->t = t;
	s->prec = prec;
	s->kind = kind;
	s->summary = summary;
	if (ev != NULL)
		s->ev = *ev;
	else
		memset(&s->ev, 0, sizeof(s->ev));
}

static const struct bo_prefix *
inc_pfx(const void *arg, size_t i)
{
	const struct rt_incident *in = arg;

	return &in->pfx[i];
}

void
rt_inc_prefix(struct rt_incident *in, const struct bo_prefix *p)
{
	if (pfxtab_find(&in->pfxix, p, inc_pfx, in) >= 0)
		return;
	xgrow(&in->pfx, &in->cappfx, in->npfx, sizeof(*in->pfx));
	in->pfx[in->npfx] = *p;
	pfxtab_put(&in->pfxix, in->npfx, in->npfx + 1, inc_pfx, in);
	in->npfx++;
}

char *
rt_fmt_prefixes(const struct bo_prefix *p, size_t n, size_t max)
{
	struct buf b;
	char s[64];
	size_t i;

	buf_init(&b);
	for (i = 0; i < n && i < max; i++)
		buf_printf(&b, "%s%s", i ? ", " : "",
		    bo_prefix_format(&p[i], s, sizeof(s)));
	if (n > max)
		buf_printf(&b, " and %zu more", n - max);
	return buf_take(&b);
}

static int
cmp_pfx(const void *a, const void *b)
{
	return bo_prefix_cmp(a, b);
}

void
rt_inc_sort(struct rt_incident *in)
{
	size_t i;

	if (in->npfx < 2)
		return;
	qsort(in->pfx, in->npfx, sizeof(*in->pfx), cmp_pfx);
	pfxtab_free(&in->pfxix);
	for (i = 0; i < in->npfx; i++)
		pfxtab_put(&in->pfxix, i, i + 1, inc_pfx, in);
}
