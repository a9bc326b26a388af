#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/*
 * The ground truth of a scenario: when each target prefix was announced
 * via each upstream.  The BGP writer derives what every collector peer saw
 * from it (with propagation delays); the probe writers derive reachability.
 */

struct chg_list {
	struct gen_change	*v;
	size_t			 n;
	size_t			 cap;
};

static void
chg_add(struct chg_list *l, int64_t t, size_t pfx, size_t up, int ann)
{
	xgrow(&l->v, &l->cap, l->n, sizeof(*l->v));
	l->v[l->n].t = t;
	l->v[l->n].pfx = (uint32_t)pfx;
	l->v[l->n].up = (uint16_t)up;
	l->v[l->n].announced = (uint8_t)ann;
	l->n++;
}

static int
up_selected(const struct gen_event *e, uint32_t asn)
{
	size_t i;

	if (e->ups == NULL)
		return 1;
	for (i = 0; i < e->nups; i++)
		if (e->ups[i] == asn)
			return 1;
	return 0;
}

/* Withdraws or announces the prefixes in mask, each after its own share of
 * the event's stagger, so that "the four /24s went within a minute" can be
 * written down without inventing four times by hand. */
static void
chg_mask(struct chg_list *l, const struct scenario *s,
    const struct gen_event *e, struct prng *r, int64_t t, uint64_t mask,
    int ann)
{
	const struct gen_target *tg = &s->tgt[e->target];
	size_t i, u;
	int64_t off;

	for (i = 0; i < tg->npfx; i++) {
		if (!(mask & (1ULL << i)))
			continue;
		off = e->stagger > 0 ? prng_range(r, 0, e->stagger) : 0;
		for (u = 0; u < tg->nup; u++)
			if (up_selected(e, tg->up[u]))
				chg_add(l, t + off, tg->first + i, u, ann);
	}
}

static void
chg_flap(struct chg_list *l, const struct scenario *s,
    const struct gen_event *e, struct prng *r)
{
	const struct gen_target *tg = &s->tgt[e->target];
	int64_t t = e->from, down, up;
	uint64_t mask;

	while (t < e->to) {
		down = prng_range(r, e->down / 2, e->down * 3 / 2);
		up = prng_range(r, e->up / 2, e->up * 3 / 2);
		if (t + down >= e->to)
			break;
		/* Real instability rarely takes every prefix each time. */
		mask = e->pmask;
		if (tg->npfx > 1 && prng_below(r, 2) == 0) {
			mask &= prng_next(r);
			if (mask == 0)
				mask = e->pmask & (~e->pmask + 1);
		}
		chg_mask(l, s, e, r, t, mask, 0);
		chg_mask(l, s, e, r, t + down, mask, 1);
		t += down + up;
	}
}

static int
chg_cmp(const void *a, const void *b)
{
	const struct gen_change *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->pfx != y->pfx)
		return x->pfx < y->pfx ? -1 : 1;
	if (x->up != y->up)
		return x->up < y->up ? -1 : 1;
	return (int)x->announced - (int)y->announced;
}

void
truth_build(struct scenario *s)
{
	struct chg_list l = { NULL, 0, 0 };
	const struct gen_event *e;
	struct prng r;
	char stream[32];
	size_t i;

	s->ntpfx = 0;
	for (i = 0; i < s->ntgt; i++)
		s->ntpfx += s->tgt[i].npfx;
	for (i = 0; i < s->nev; i++) {
		e = &s->ev[i];
		snprintf(stream, sizeof(stream), "event-%zu", i);
		prng_seed(&r, s->seed, stream);
		switch (e->kind) {
		case GEV_WITHDRAW:
			chg_mask(&l, s, e, &r, e->from, e->pmask, 0);
			break;
		case GEV_ANNOUNCE:
			chg_mask(&l, s, e, &r, e->from, e->pmask, 1);
			break;
		case GEV_OUTAGE:
			chg_mask(&l, s, e, &r, e->from, e->pmask, 0);
			chg_mask(&l, s, e, &r, e->to, e->pmask, 1);
			break;
		case GEV_FLAP:
			chg_flap(&l, s, e, &r);
			break;
		case GEV_RESET:
		case GEV_GAP:
			break;
		}
	}
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), chg_cmp);
	free(s->chg);
	s->chg = l.v;
	s->nchg = l.n;
}

uint32_t
truth_initial(const struct gen_target *t)
{
	return t->announced ? (uint32_t)((1ULL << t->nup) - 1) : 0;
}

const struct gen_target *
truth_target_of(const struct scenario *s, size_t i, size_t *k)
{
	size_t t;

	for (t = 0; t < s->ntgt; t++)
		if (i >= s->tgt[t].first && i < s->tgt[t].first + s->tgt[t].npfx) {
			*k = i - s->tgt[t].first;
			return &s->tgt[t];
		}
	*k = 0;
	return NULL;
}

int
truth_reachable(const struct scenario *s, uint32_t addr, int64_t t)
{
	const struct gen_target *tg = NULL;
	uint32_t upmask = 0, mask;
	size_t i, j, pfx = 0;

	for (i = 0; i < s->ntgt && tg == NULL; i++)
		for (j = 0; j < s->tgt[i].npfx; j++) {
			if (s->tgt[i].pfx[j].v6)
				continue;	/* probes are IPv4 */
			mask = 0xffffffffu << (32 - s->tgt[i].pfx[j].len);
			if ((addr & mask) == s->tgt[i].pfx[j].addr) {
				tg = &s->tgt[i];
				pfx = tg->first + j;
				break;
			}
		}
	if (tg == NULL)
		return 1;
	upmask = truth_initial(tg);
	for (i = 0; i < s->nchg && s->chg[i].t <= t; i++) {
		if (s->chg[i].pfx != pfx)
			continue;
		if (s->chg[i].announced)
			upmask |= 1u << s->chg[i].up;
		else
			upmask &= ~(1u << s->chg[i].up);
	}
	return upmask != 0;
}
