#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "mrtw.h"

/*
 * What each collector peer saw, as MRT.  The ground truth of the targets
 * (truth.c) and a random but seeded background of other prefixes with
 * ordinary churn are turned into per-peer messages with propagation delays;
 * the messages of each collector are then replayed in time order into
 * update files, and the replayed table is dumped as RIB snapshots, so the
 * RIBs always agree with the updates before them.
 */

#define US		1000000LL
#define NO_ATTR		0u

/* Transit networks for background paths: large real transit ASes. */
static const uint32_t transit_as[] = {
	174, 209, 701, 1239, 1273, 1299, 2914, 3257, 3320, 3356, 3491, 4134,
	4637, 5511, 6453, 6461, 6762, 6830, 6939, 7018, 9002, 12956
};

struct bg_route {
	uint32_t	origin;
	uint32_t	mid[2];		/* transit of path variant 0 and 1 */
	uint32_t	regional;	/* 0: none */
	uint8_t		prepend;	/* extra copies of the origin */
	uint8_t		origin_code;
};

struct attr {
	uint32_t	path[GEN_MAX_PATH];
	uint8_t		plen;
	uint8_t		origin;
	uint32_t	nexthop;
};

struct attr_tab {
	struct attr	*v;		/* v[0] unused: NO_ATTR */
	size_t		 n;
	size_t		 cap;
	uint32_t	*slot;		/* open addressing, 0 = empty */
	size_t		 nslot;
};

enum msg_kind { MSG_WD, MSG_ANN, MSG_STATE };

struct msg {
	int64_t		t;
	uint32_t	seq;
	uint16_t	peer;
	uint8_t		kind;
	uint8_t		st_old;
	uint8_t		st_new;
	uint32_t	pfx;
	uint32_t	attr;
};

struct msg_list {
	struct msg	*v;
	size_t		 n;
	size_t		 cap;
};

enum bg_kind { BG_PATH, BG_FLAP, BG_DUP };

struct bg_event {
	int64_t		t;
	int64_t		dur;
	uint32_t	pfx;
	enum bg_kind	kind;
};

struct world {
	const struct scenario	*s;
	struct gen_prefix	*pfx;		/* targets first, then background */
	size_t			 npfx;
	struct bg_route		*bg;		/* indexed by pfx - ntpfx */
	uint32_t		*order;		/* prefixes in address order */
	uint32_t		*canon;		/* target prefix: first entry of
						 * the same prefix */
	struct bg_event		*bev;
	size_t			 nbev;
	struct attr_tab		 at;
};

/* --- attributes ------------------------------------------------------------ */

static uint64_t
attr_hash(const struct attr *a)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	h = (h ^ a->nexthop) * 0x100000001b3ULL;
	h = (h ^ a->origin) * 0x100000001b3ULL;
	for (i = 0; i < a->plen; i++)
		h = (h ^ a->path[i]) * 0x100000001b3ULL;
	return h ^ (h >> 29);
}

static int
attr_eq(const struct attr *a, const struct attr *b)
{
	return a->plen == b->plen && a->origin == b->origin &&
	    a->nexthop == b->nexthop &&
	    memcmp(a->path, b->path, a->plen * sizeof(a->path[0])) == 0;
}

static void
attr_rehash(struct attr_tab *t)
{
	size_t i, j;

	free(t->slot);
	t->nslot = t->nslot == 0 ? 1024 : t->nslot * 2;
	t->slot = xcalloc(t->nslot, sizeof(*t->slot));
	for (i = 1; i < t->n; i++) {
		j = attr_hash(&t->v[i]) & (t->nslot - 1);
		while (t->slot[j] != 0)
			j = (j + 1) & (t->nslot - 1);
		t->slot[j] = (uint32_t)i;
	}
}

static uint32_t
attr_intern(struct attr_tab *t, const struct attr *a)
{
	size_t j;

	if (t->n == 0) {
		xgrow(&t->v, &t->cap, 0, sizeof(*t->v));
		memset(&t->v[0], 0, sizeof(t->v[0]));
		t->n = 1;
	}
	if (t->n * 2 >= t->nslot)
		attr_rehash(t);
	j = attr_hash(a) & (t->nslot - 1);
	while (t->slot[j] != 0) {
		if (attr_eq(&t->v[t->slot[j]], a))
			return t->slot[j];
		j = (j + 1) & (t->nslot - 1);
	}
	xgrow(&t->v, &t->cap, t->n, sizeof(*t->v));
	t->v[t->n] = *a;
	t->slot[j] = (uint32_t)t->n;
	return (uint32_t)t->n++;
}

static void
path_add(struct attr *a, uint32_t as)
{
	/* Consecutive repeats are prepending only where asked for (origin). */
	if (a->plen > 0 && a->path[a->plen - 1] == as)
		return;
	if (a->plen < GEN_MAX_PATH)
		a->path[a->plen++] = as;
}

static void
path_head(struct attr *a, const struct gen_peer *p)
{
	size_t i;

	memset(a, 0, sizeof(*a));
	a->nexthop = p->addr;
	path_add(a, p->asn);
	for (i = 0; i < p->nvia; i++)
		path_add(a, p->via[i]);
}

/* The tail of a target's path: the networks between its upstream and the
 * origin (a leaker between a transit and the origin), then the origin. */
static void
path_origin(struct attr *a, const struct gen_target *t)
{
	size_t i;

	for (i = 0; i < t->ntransit; i++)
		path_add(a, t->transit[i]);
	path_add(a, t->origin);
	a->origin = t->origin_code;
}

static uint32_t
attr_target(struct world *w, const struct gen_peer *p,
    const struct gen_target *t, uint32_t upstream)
{
	struct attr a;

	path_head(&a, p);
	path_add(&a, upstream);
	path_origin(&a, t);
	return attr_intern(&w->at, &a);
}

/* A path through one more transit network, as a peer may briefly hold
 * while it hunts for a way around a lost route. */
static uint32_t
attr_hunt(struct world *w, const struct gen_peer *p,
    const struct gen_target *t, uint32_t upstream, uint64_t h)
{
	struct attr a;
	uint32_t x;

	do
		x = transit_as[h++ % BO_NELEM(transit_as)];
	while (x == p->asn || x == upstream ||
	    (p->nvia > 0 && x == p->via[p->nvia - 1]));
	path_head(&a, p);
	path_add(&a, x);
	path_add(&a, upstream);
	path_origin(&a, t);
	return attr_intern(&w->at, &a);
}

static uint32_t
attr_bg(struct world *w, const struct gen_peer *p, size_t pfx, int variant)
{
	const struct bg_route *r = &w->bg[pfx - w->s->ntpfx];
	struct attr a;
	size_t i;

	path_head(&a, p);
	path_add(&a, r->mid[variant & 1]);
	if (r->regional != 0)
		path_add(&a, r->regional);
	path_add(&a, r->origin);
	for (i = 0; i < r->prepend && a.plen < GEN_MAX_PATH; i++)
		a.path[a.plen++] = r->origin;
	a.origin = r->origin_code;
	return attr_intern(&w->at, &a);
}

/* --- the world ----------------------------------------------------------------- */

static int
pfx_cmp(const struct gen_prefix *a, const struct gen_prefix *b)
{
	int c;

	if (a->v6 != b->v6)
		return a->v6 ? 1 : -1;
	if (a->v6 && (c = memcmp(a->a6, b->a6, sizeof(a->a6))) != 0)
		return c < 0 ? -1 : 1;
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return (int)a->len - (int)b->len;
}

struct pfx_ix {
	struct gen_prefix	p;
	uint32_t		i;
};

static int
pfx_ix_cmp(const void *a, const void *b)
{
	const struct pfx_ix *x = a, *y = b;
	int c = pfx_cmp(&x->p, &y->p);

	return c != 0 ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* The indices of v in address order (ties by index): the order of a RIB
 * dump, and how repeats are found. */
static uint32_t *
pfx_order(const struct gen_prefix *v, size_t n)
{
	struct pfx_ix *t = xcalloc(n + 1, sizeof(*t));
	uint32_t *order = xcalloc(n + 1, sizeof(*order));
	size_t i;

	for (i = 0; i < n; i++) {
		t[i].p = v[i];
		t[i].i = (uint32_t)i;
	}
	if (n > 0)
		qsort(t, n, sizeof(*t), pfx_ix_cmp);
	for (i = 0; i < n; i++)
		order[i] = t[i].i;
	free(t);
	return order;
}

static int
octet_taken(const struct scenario *s, unsigned o)
{
	size_t i, j;

	/* Private, shared, loopback, link-local, benchmarking space. */
	if (o == 0 || o == 10 || o == 100 || o == 127 || o == 169 ||
	    o == 172 || o == 192 || o == 198 || o >= 224)
		return 1;
	for (i = 0; i < s->ntgt; i++)
		for (j = 0; j < s->tgt[i].npfx; j++)
			if (!s->tgt[i].pfx[j].v6 &&
			    s->tgt[i].pfx[j].addr >> 24 == o)
				return 1;
	return 0;
}

static uint32_t
random_origin(struct prng *r)
{
	/* Mostly 16-bit ASes as in 2014, a fifth from the 4-byte range. */
	if (prng_below(r, 5) == 0)
		return 131072 + prng_below(r, 70000);
	return 1000 + prng_below(r, 60000);
}

static void
world_build_bg(struct world *w, struct prng *r)
{
	static const uint8_t lens[] = { 24, 24, 24, 24, 24, 24, 24, 24, 24,
	    24, 23, 23, 22, 22, 22, 21, 20, 20, 19, 18, 17, 16, 16 };
	const struct scenario *s = w->s;
	struct gen_prefix *cand;
	size_t i, j, n = s->bg_prefixes;
	unsigned o;

	cand = xcalloc(n + 1, sizeof(*cand));
	for (i = 0; i < n; i++) {
		do
			o = 1 + prng_below(r, 222);
		while (octet_taken(s, o));
		cand[i].len = lens[prng_below(r, BO_NELEM(lens))];
		cand[i].addr = (o << 24 | (prng_next(r) & 0xffffff)) &
		    (0xffffffffu << (32 - cand[i].len));
	}
	/* Drop repeats, keeping generation order for the rest. */
	w->pfx = xcalloc(s->ntpfx + n + 1, sizeof(*w->pfx));
	w->bg = xcalloc(n + 1, sizeof(*w->bg));
	for (i = 0; i < s->ntgt; i++)
		for (j = 0; j < s->tgt[i].npfx; j++)
			w->pfx[w->npfx++] = s->tgt[i].pfx[j];
	{
		uint32_t *idx = pfx_order(cand, n);
		uint8_t *dup = xcalloc(n + 1, 1);

		for (i = 1; i < n; i++)
			if (pfx_cmp(&cand[idx[i]], &cand[idx[i - 1]]) == 0)
				dup[idx[i]] = 1;
		for (i = 0; i < n; i++)
			if (!dup[i])
				w->pfx[w->npfx++] = cand[i];
		free(idx);
		free(dup);
	}
	for (i = s->ntpfx; i < w->npfx; i++) {
		struct bg_route *b = &w->bg[i - s->ntpfx];

		b->origin = random_origin(r);
		b->mid[0] = transit_as[prng_below(r, BO_NELEM(transit_as))];
		do
			b->mid[1] = transit_as[prng_below(r,
			    BO_NELEM(transit_as))];
		while (b->mid[1] == b->mid[0]);
		if (prng_below(r, 3) == 0)
			b->regional = random_origin(r);
		if (prng_below(r, 10) == 0)
			b->prepend = (uint8_t)(1 + prng_below(r, 3));
		b->origin_code = prng_below(r, 8) == 0 ? 2 : 0;
	}
	free(cand);
	w->order = pfx_order(w->pfx, w->npfx);
}

static void
world_build_churn(struct world *w, struct prng *r)
{
	const struct scenario *s = w->s;
	size_t cap = 0, nbg = w->npfx - s->ntpfx;
	double rate = s->bg_churn / 3600.0;	/* per second */
	double t = (double)(s->from / US);
	struct bg_event *e;
	uint32_t k;

	if (nbg == 0 || rate <= 0)
		return;
	for (;;) {
		/* Poisson arrivals: exponential gaps. */
		t += -log(1.0 - prng_unit(r)) / rate;
		if (t >= (double)(s->to / US))
			break;
		xgrow(&w->bev, &cap, w->nbev, sizeof(*w->bev));
		e = &w->bev[w->nbev++];
		e->t = (int64_t)t * US + (int64_t)prng_below(r, 1000000);
		e->pfx = (uint32_t)(s->ntpfx + prng_below(r, (uint32_t)nbg));
		k = prng_below(r, 10);
		e->kind = k < 6 ? BG_PATH : k < 9 ? BG_FLAP : BG_DUP;
		e->dur = prng_range(r, 30 * US, 1200 * US);
	}
}

static void
world_free(struct world *w)
{
	free(w->pfx);
	free(w->bg);
	free(w->order);
	free(w->canon);
	free(w->bev);
	free(w->at.v);
	free(w->at.slot);
}

/* --- messages ------------------------------------------------------------------ */

static void
msg_add(struct msg_list *l, int64_t t, size_t peer, enum msg_kind k,
    size_t pfx, uint32_t attr)
{
	struct msg *m;

	xgrow(&l->v, &l->cap, l->n, sizeof(*l->v));
	m = &l->v[l->n];
	memset(m, 0, sizeof(*m));
	m->t = t;
	m->seq = (uint32_t)l->n;
	m->peer = (uint16_t)peer;
	m->kind = (uint8_t)k;
	m->pfx = (uint32_t)pfx;
	m->attr = attr;
	l->n++;
}

static void
msg_state(struct msg_list *l, int64_t t, size_t peer, int from, int to)
{
	msg_add(l, t, peer, MSG_STATE, 0, NO_ATTR);
	l->v[l->n - 1].st_old = (uint8_t)from;
	l->v[l->n - 1].st_new = (uint8_t)to;
}

static int
msg_cmp(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->peer != y->peer)
		return x->peer < y->peer ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Seconds to tens of seconds: how long an origin's change takes to reach a
 * collector peer.  One delay per (peer, instant), so prefixes changed
 * together still arrive together, in one UPDATE. */
static int64_t
prop_delay(const struct scenario *s, size_t coll, size_t peer, int64_t t)
{
	char key[96];
	uint64_t h;

	snprintf(key, sizeof(key), "delay/%zu/%zu/%lld", coll, peer,
	    (long long)t);
	h = gen_hash(s->seed, key);
	return 1 * US + (int64_t)(h % (uint64_t)(35 * US));
}

static int
peer_sees(const struct gen_peer *p, uint32_t upstream)
{
	size_t i;

	if (p->sees == NULL)
		return 1;
	for (i = 0; i < p->nsees; i++)
		if (p->sees[i] == upstream)
			return 1;
	return 0;
}

/* The upstream a peer prefers among those announcing: a fixed order per
 * peer, as if set by its local preferences and path lengths. */
static int
best_up(const struct scenario *s, const struct gen_peer *p,
    const struct gen_target *t, uint32_t upmask)
{
	uint64_t best = UINT64_MAX, h;
	char key[96];
	size_t u;
	int b = -1;

	for (u = 0; u < t->nup; u++) {
		if (!(upmask & (1u << u)) || !peer_sees(p, t->up[u]))
			continue;
		snprintf(key, sizeof(key), "pref/%u/%u", p->addr, t->up[u]);
		h = gen_hash(s->seed, key);
		if (h < best) {
			best = h;
			b = (int)u;
		}
	}
	return b;
}

/*
 * A prefix listed under two targets is a multi-origin (MOAS) prefix: each
 * peer routes it via one of its origins, a fixed choice per peer (as its
 * path selection would make it), so part of the peers see one origin and
 * the rest the other.  Returns whether peer p of collector ci carries
 * target prefix i at all.
 */
static int
moas_carries(const struct scenario *s, size_t ci, size_t p, size_t i)
{
	const struct gen_target *t;
	size_t j, k, pick = i;
	uint64_t best = UINT64_MAX, h;
	char key[96];
	const struct gen_prefix *me;

	if (!GEN_PEER_CARRIES(&s->coll[ci].peers[p], &truth_target_of(s, i,
	    &k)->pfx[k]))
		return 0;	/* a session of the other family */
	t = truth_target_of(s, i, &k);
	me = &t->pfx[k];
	for (j = 0; j < s->ntpfx; j++) {
		t = truth_target_of(s, j, &k);
		if (!gen_pfx_eq(&t->pfx[k], me))
			continue;
		snprintf(key, sizeof(key), "moas/%zu/%zu/%zu", ci, p, j);
		if ((h = gen_hash(s->seed, key)) < best) {
			best = h;
			pick = j;
		}
	}
	return pick == i;
}

static uint64_t
hunt_hash(const struct scenario *s, size_t ci, size_t p,
    const struct gen_change *g)
{
	char key[96];

	snprintf(key, sizeof(key), "hunt/%zu/%zu/%u/%lld", ci, p, g->pfx,
	    (long long)g->t);
	return gen_hash(s->seed, key);
}

/*
 * A prefix announced by more than one target (a hijacked prefix, an
 * anycast prefix with two origins) is one route per peer: the peer picks
 * among every (target, upstream) announcing it, by a fixed preference per
 * peer and origin.  Routes are numbered entry * 16 + upstream, -1 none.
 */
static void
world_build_canon(struct world *w)
{
	const struct scenario *s = w->s;
	size_t i, j;

	w->canon = xcalloc(s->ntpfx + 1, sizeof(*w->canon));
	for (i = 0; i < s->ntpfx; i++) {
		w->canon[i] = (uint32_t)i;
		for (j = 0; j < i; j++)
			if (pfx_cmp(&w->pfx[i], &w->pfx[j]) == 0) {
				w->canon[i] = w->canon[j];
				break;
			}
	}
}

/* Whether the peer may route entry i of a prefix listed by several
 * targets.  Targets announced from the start are multi-origin: each peer
 * is held to one origin (moas_carries).  When one of them is announced
 * later (a hijacker, a counter-measure), routes come and go: each peer
 * takes the one it prefers among those announced at the moment, as BGP
 * does. */
static int
may_route(const struct world *w, size_t ci, size_t p, size_t i, int dynamic)
{
	const struct scenario *s = w->s;
	size_t k;
	const struct gen_target *t = truth_target_of(s, i, &k);

	if (dynamic)
		return GEN_PEER_CARRIES(&s->coll[ci].peers[p], &t->pfx[k]);
	return moas_carries(s, ci, p, i);
}

static int
best_route(const struct world *w, size_t ci, size_t p,
    const uint32_t *upmask, size_t c)
{
	const struct scenario *s = w->s;
	const struct gen_peer *pe = &s->coll[ci].peers[p];
	const struct gen_target *t;
	uint64_t best = UINT64_MAX, h;
	size_t i, k, u, n = 0, only = c;
	int dynamic = 0;
	char key[96];
	int b = -1;

	for (i = c; i < s->ntpfx; i++)
		if (w->canon[i] == c)
			dynamic |= !truth_target_of(s, i, &k)->announced;
	for (i = c; i < s->ntpfx; i++)
		if (w->canon[i] == c && may_route(w, ci, p, i, dynamic)) {
			n++;
			only = i;
		}
	if (n == 0)
		return -1;
	if (n == 1) {
		/* one origin for this peer: its upstreams, as always */
		t = truth_target_of(s, only, &k);
		b = best_up(s, pe, t, upmask[only]);
		return b < 0 ? -1 : (int)(only * 16) + b;
	}
	for (i = c; i < s->ntpfx; i++) {
		if (w->canon[i] != c || !may_route(w, ci, p, i, dynamic))
			continue;
		t = truth_target_of(s, i, &k);
		for (u = 0; u < t->nup; u++) {
			if (!(upmask[i] & (1u << u)) || !peer_sees(pe, t->up[u]))
				continue;
			snprintf(key, sizeof(key), "pref/%u/%u/%u", pe->addr,
			    t->origin, t->up[u]);
			h = gen_hash(s->seed, key);
			if (h < best) {
				best = h;
				b = (int)(i * 16 + u);
			}
		}
	}
	return b;
}

static uint32_t
attr_route(struct world *w, const struct gen_peer *pe, int r)
{
	size_t k;
	const struct gen_target *t = truth_target_of(w->s, (size_t)r / 16, &k);

	return attr_target(w, pe, t, t->up[r % 16]);
}

static void
gen_target_msgs(struct world *w, size_t ci, struct msg_list *l)
{
	const struct scenario *s = w->s;
	const struct gen_collector *c = &s->coll[ci];
	const struct gen_target *t;
	uint32_t *upmask;
	int *cur;
	int64_t *last, at;
	size_t i, j, x, k, p, cx;
	uint64_t h;
	int b;

	if (s->ntpfx == 0)
		return;
	upmask = xcalloc(s->ntpfx, sizeof(*upmask));
	for (p = 0; p < c->npeers; p++) {
		const struct gen_peer *pe = &c->peers[p];

		cur = xcalloc(s->ntpfx, sizeof(*cur));
		last = xcalloc(s->ntpfx, sizeof(*last));
		for (i = 0; i < s->ntpfx; i++)
			upmask[i] = truth_initial(truth_target_of(s, i, &k));
		for (i = 0; i < s->ntpfx; i++)
			cur[i] = w->canon[i] == i ? best_route(w, ci, p, upmask,
			    i) : -1;
		for (i = 0; i < s->nchg; i = j) {
			/* Changes made at one instant reach a peer together:
			 * apply them all before it picks its best path. */
			for (j = i; j < s->nchg && s->chg[j].t == s->chg[i].t;
			    j++) {
				const struct gen_change *g = &s->chg[j];

				if (g->announced)
					upmask[g->pfx] |= 1u << g->up;
				else
					upmask[g->pfx] &= ~(1u << g->up);
			}
			for (x = i; x < j; x++) {
				const struct gen_change *g = &s->chg[x];

				cx = w->canon[g->pfx];
				b = best_route(w, ci, p, upmask, cx);
				if (b == cur[cx])
					continue;
				at = g->t + prop_delay(s, ci, p, g->t);
				/* A peer never reorders one prefix's messages. */
				if (at <= last[cx])
					at = last[cx] + 1000;
				last[cx] = at;
				t = cur[cx] >= 0 ? truth_target_of(s,
				    (size_t)cur[cx] / 16, &k) : NULL;
				if (b < 0 && t != NULL && t->path_hunting &&
				    (h = hunt_hash(s, ci, p, g)) % 2 == 0) {
					msg_add(l, at, p, MSG_ANN, cx,
					    attr_hunt(w, pe, t,
					    t->up[cur[cx] % 16], h / 2));
					at += 2 * US + (int64_t)(h % (6 * US));
					last[cx] = at;
				}
				if (b < 0)
					msg_add(l, at, p, MSG_WD, cx, NO_ATTR);
				else
					msg_add(l, at, p, MSG_ANN, cx,
					    attr_route(w, pe, b));
				cur[cx] = b;
			}
		}
		free(cur);
		free(last);
	}
	free(upmask);
}

static void
gen_bg_msgs(struct world *w, size_t ci, struct msg_list *l)
{
	const struct scenario *s = w->s;
	const struct gen_collector *c = &s->coll[ci];
	size_t nbg = w->npfx - s->ntpfx, i, p;
	uint8_t *variant;
	char key[96];
	int64_t at, back;

	variant = xcalloc(c->npeers * nbg + 1, 1);
	for (i = 0; i < w->nbev; i++) {
		const struct bg_event *e = &w->bev[i];
		size_t b = e->pfx - s->ntpfx;

		for (p = 0; p < c->npeers; p++) {
			const struct gen_peer *pe = &c->peers[p];

			if (!GEN_PEER_CARRIES(pe, &w->pfx[e->pfx]))
				continue;
			snprintf(key, sizeof(key), "bg/%zu/%zu/%zu", i, ci, p);
			at = e->t + prop_delay(s, ci, p, e->t);
			switch (e->kind) {
			case BG_PATH:
				/* About half the peers see a path change. */
				if (gen_hash(s->seed, key) & 1)
					break;
				variant[p * nbg + b] ^= 1;
				msg_add(l, at, p, MSG_ANN, e->pfx, attr_bg(w, pe,
				    e->pfx, variant[p * nbg + b]));
				break;
			case BG_FLAP:
				msg_add(l, at, p, MSG_WD, e->pfx, NO_ATTR);
				back = e->t + e->dur + prop_delay(s, ci, p,
				    e->t + e->dur);
				if (back <= at)
					back = at + US;
				msg_add(l, back, p, MSG_ANN, e->pfx, attr_bg(w, pe,
				    e->pfx, variant[p * nbg + b]));
				break;
			case BG_DUP:
				/* One peer repeats its announcement, as
				 * routers do after a route refresh. */
				if (gen_hash(s->seed, key) % c->npeers != 0)
					break;
				msg_add(l, at, p, MSG_ANN, e->pfx, attr_bg(w, pe,
				    e->pfx, variant[p * nbg + b]));
				break;
			}
		}
	}
	free(variant);
}

static void
gen_reset_msgs(const struct scenario *s, size_t ci, struct msg_list *l)
{
	const struct gen_event *e;
	int64_t back;
	size_t i;

	for (i = 0; i < s->nev; i++) {
		e = &s->ev[i];
		if (e->kind != GEV_RESET || e->coll != ci)
			continue;
		back = e->from + e->down;
		msg_state(l, e->from, e->peer, BGP_STATE_ESTABLISHED,
		    BGP_STATE_IDLE);
		msg_state(l, back - 3 * US, e->peer, BGP_STATE_IDLE,
		    BGP_STATE_CONNECT);
		msg_state(l, back - 2 * US, e->peer, BGP_STATE_CONNECT,
		    BGP_STATE_OPENSENT);
		msg_state(l, back - 1 * US, e->peer, BGP_STATE_OPENSENT,
		    BGP_STATE_OPENCONFIRM);
		msg_state(l, back, e->peer, BGP_STATE_OPENCONFIRM,
		    BGP_STATE_ESTABLISHED);
	}
}

/* --- replay into files ------------------------------------------------------------ */

struct table {
	uint32_t	*attr;		/* [peer * npfx + pfx] */
	uint32_t	*since;		/* originated, seconds */
	uint8_t		*up;		/* per peer: session established */
};

struct ymdhm {
	int		y;
	unsigned	mo, d, h, mi;
};

static void
ymdhm(int64_t t_us, struct ymdhm *c)
{
	int64_t y, secs = t_us / US;

	civil_from_days(secs / 86400, &y, &c->mo, &c->d);
	c->y = (int)y;
	c->h = (unsigned)(secs % 86400 / 3600);
	c->mi = (unsigned)(secs % 3600 / 60);
}

/* The archive layouts of RIPE RIS and RouteViews. */
static char *
member_path(const struct gen_collector *c, int rib, int64_t t)
{
	const char *ext = c->comp == COMP_GZIP ? ".gz" :
	    c->comp == COMP_BZIP2 ? ".bz2" : "";
	struct ymdhm x;

	ymdhm(t, &x);
	if (c->layout == LAYOUT_ROUTEVIEWS)
		return xasprintf("%s/bgpdata/%04d.%02u/%s/%s.%04d%02u%02u."
		    "%02u%02u%s", c->name, x.y, x.mo, rib ? "RIBS" : "UPDATES",
		    rib ? "rib" : "updates", x.y, x.mo, x.d, x.h, x.mi, ext);
	return xasprintf("%s/%04d.%02u/%s.%04d%02u%02u.%02u%02u%s", c->name,
	    x.y, x.mo, rib ? "bview" : "updates", x.y, x.mo, x.d, x.h, x.mi,
	    ext);
}

static void
attrs_of(const struct world *w, uint32_t id, struct mrtw_attrs *a)
{
	const struct attr *x = &w->at.v[id];

	a->path = x->path;
	a->plen = x->plen;
	a->origin = x->origin;
	a->nexthop = x->nexthop;
}

static int
write_rib(struct world *w, size_t ci, const struct table *tb, int64_t t,
    struct gen_out *out, char **err)
{
	const struct gen_collector *c = &w->s->coll[ci];
	struct mrtw_rib_entry *e;
	struct buf b;
	size_t i, j, p, n;
	uint32_t seq = 0, id;
	char *path;
	int rc = -1;

	buf_init(&b);
	e = xcalloc(c->npeers + 1, sizeof(*e));
	if (mrtw_peer_index(&b, t, c->addr, c->peers, c->npeers) != 0)
		goto fail;
	for (i = 0; i < w->npfx; i = j) {
		uint32_t x = w->order[i];

		/* one record per prefix: a MOAS prefix's origins (one per
		 * peer) share it, as in a real RIB */
		for (p = 0, n = 0; p < c->npeers; p++)
			for (j = i; j < w->npfx && (j == i ||
			    pfx_cmp(&w->pfx[w->order[j]], &w->pfx[x]) == 0);
			    j++) {
				uint32_t y = w->order[j];

				if (!tb->up[p] ||
				    (id = tb->attr[p * w->npfx + y]) == NO_ATTR)
					continue;
				e[n].peer = (uint16_t)p;
				e[n].originated = tb->since[p * w->npfx + y];
				attrs_of(w, id, &e[n].a);
				n++;
			}
		for (j = i + 1; j < w->npfx &&
		    pfx_cmp(&w->pfx[w->order[j]], &w->pfx[x]) == 0; j++)
			;
		if (n == 0)
			continue;
		if (mrtw_rib(&b, t, seq++, &w->pfx[x], e, n) != 0)
			goto fail;
	}
	path = member_path(c, 1, t);
	rc = out_add(out, path, &b, c->comp);
	if (rc != 0)
		*err = xasprintf("%s: cannot compress", path);
	free(path);
	free(e);
	buf_free(&b);
	return rc;
fail:
	*err = xasprintf("%s: RIB record does not fit the MRT buffer", c->name);
	free(e);
	buf_free(&b);
	return -1;
}

static int
is_gap(const struct scenario *s, size_t ci, int64_t from, int64_t to)
{
	size_t i;

	for (i = 0; i < s->nev; i++)
		if (s->ev[i].kind == GEV_GAP && s->ev[i].coll == ci &&
		    s->ev[i].from >= from && s->ev[i].from < to)
			return 1;
	return 0;
}

static void
session_of(const struct gen_collector *c, size_t p, struct mrtw_session *ss)
{
	ss->et = c->et;
	ss->peer_as = c->peers[p].asn;
	ss->local_as = c->asn;
	ss->peer_ip = c->peers[p].addr;
	ss->local_ip = c->addr;
}

/* Writes the UPDATE for l->v[*i] and the messages after it that share its
 * time, peer, kind and attributes, and advances *i past them. */
static int
write_group(struct world *w, size_t ci, struct table *tb,
    const struct msg_list *l, size_t *i, struct buf *b)
{
	const struct gen_collector *c = &w->s->coll[ci];
	const struct msg *m = &l->v[*i];
	struct gen_prefix pf[MRTW_MAX_NLRI];
	struct mrtw_session ss;
	struct mrtw_attrs a;
	size_t n = 0, j = *i, k;
	uint32_t since = (uint32_t)(m->t / US);

	while (j < l->n && n < MRTW_MAX_NLRI && l->v[j].t == m->t &&
	    l->v[j].peer == m->peer && l->v[j].kind == m->kind &&
	    l->v[j].attr == m->attr) {
		k = (size_t)m->peer * w->npfx + l->v[j].pfx;
		tb->attr[k] = m->kind == MSG_ANN ? m->attr : NO_ATTR;
		tb->since[k] = since;
		pf[n++] = w->pfx[l->v[j].pfx];
		j++;
	}
	*i = j;
	/* While the session is down the collector hears nothing; the table
	 * above keeps what the peer would send once it is back. */
	if (!tb->up[m->peer])
		return 0;
	session_of(c, m->peer, &ss);
	if (m->kind == MSG_WD)
		return mrtw_update(b, &ss, m->t, NULL, pf, n);
	attrs_of(w, m->attr, &a);
	return mrtw_update(b, &ss, m->t, &a, pf, n);
}

/* The whole table a peer sends when its session comes back. */
static int
write_table_dump(struct world *w, size_t ci, struct table *tb, size_t p,
    int64_t t, struct buf *b)
{
	const struct gen_collector *c = &w->s->coll[ci];
	struct mrtw_session ss;
	struct mrtw_attrs a;
	size_t i, k;
	uint32_t id;

	session_of(c, p, &ss);
	for (i = 0; i < w->npfx; i++) {
		k = p * w->npfx + w->order[i];
		if ((id = tb->attr[k]) == NO_ATTR)
			continue;
		tb->since[k] = (uint32_t)(t / US);
		attrs_of(w, id, &a);
		if (mrtw_update(b, &ss, t, &a, &w->pfx[w->order[i]], 1) != 0)
			return -1;
	}
	return 0;
}

static void
table_init(struct world *w, size_t ci, struct table *tb)
{
	const struct scenario *s = w->s;
	const struct gen_collector *c = &s->coll[ci];
	uint32_t *upmask;
	size_t p, i, k;
	char key[96];
	uint64_t h;
	int b;

	upmask = xcalloc(s->ntpfx + 1, sizeof(*upmask));
	for (i = 0; i < s->ntpfx; i++)
		upmask[i] = truth_initial(truth_target_of(s, i, &k));
	tb->attr = xcalloc(c->npeers * w->npfx + 1, sizeof(*tb->attr));
	tb->since = xcalloc(c->npeers * w->npfx + 1, sizeof(*tb->since));
	tb->up = xcalloc(c->npeers + 1, 1);
	for (p = 0; p < c->npeers; p++) {
		tb->up[p] = 1;
		for (i = 0; i < w->npfx; i++) {
			/* Most routes date from when the session came up (one
			 * time per peer), the rest from changes since. */
			snprintf(key, sizeof(key), "age/%zu/%zu/%zu", ci, p, i);
			h = gen_hash(s->seed, key);
			if (h % 10 < 7) {
				snprintf(key, sizeof(key), "age/%zu/%zu", ci, p);
				h = gen_hash(s->seed, key);
			}
			tb->since[p * w->npfx + i] = (uint32_t)(s->from / US -
			    (int64_t)(h % (30 * 86400)));
			if (i >= s->ntpfx) {
				if (GEN_PEER_CARRIES(&c->peers[p], &w->pfx[i]))
					tb->attr[p * w->npfx + i] = attr_bg(w,
					    &c->peers[p], i, 0);
				continue;
			}
			if (w->canon[i] != i)
				continue;
			b = best_route(w, ci, p, upmask, i);
			if (b >= 0)
				tb->attr[p * w->npfx + i] = attr_route(w,
				    &c->peers[p], b);
		}
	}
	free(upmask);
}

static void
table_free(struct table *tb)
{
	free(tb->attr);
	free(tb->since);
	free(tb->up);
}

static int
gen_collector_files(struct world *w, size_t ci, struct gen_out *out,
    char **err)
{
	const struct scenario *s = w->s;
	const struct gen_collector *c = &s->coll[ci];
	struct msg_list l = { NULL, 0, 0 };
	struct mrtw_session ss;
	struct table tb;
	struct buf b;
	int64_t wt;
	size_t i = 0;
	char *path;
	int rc = -1;

	gen_target_msgs(w, ci, &l);
	gen_bg_msgs(w, ci, &l);
	gen_reset_msgs(s, ci, &l);
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), msg_cmp);
	table_init(w, ci, &tb);
	buf_init(&b);
	for (wt = s->from; wt < s->to; wt += c->upd_every) {
		if (wt - s->from >= c->rib_offset &&
		    (wt - s->from - c->rib_offset) % c->rib_every == 0 &&
		    write_rib(w, ci, &tb, wt, out, err) != 0)
			goto out;
		buf_reset(&b);
		while (i < l.n && l.v[i].t < wt + c->upd_every) {
			const struct msg *m = &l.v[i];

			if (m->kind != MSG_STATE) {
				if (write_group(w, ci, &tb, &l, &i, &b) != 0)
					goto toobig;
				continue;
			}
			session_of(c, m->peer, &ss);
			if (mrtw_state(&b, &ss, m->t, m->st_old,
			    m->st_new) != 0)
				goto toobig;
			if (m->st_new == BGP_STATE_ESTABLISHED) {
				tb.up[m->peer] = 1;
				if (write_table_dump(w, ci, &tb, m->peer, m->t,
				    &b) != 0)
					goto toobig;
			} else
				tb.up[m->peer] = 0;
			i++;
		}
		/* A missing file: the messages are lost, as in a real gap. */
		if (is_gap(s, ci, wt, wt + c->upd_every))
			continue;
		path = member_path(c, 0, wt);
		if (out_add(out, path, &b, c->comp) != 0) {
			*err = xasprintf("%s: cannot compress", path);
			free(path);
			goto out;
		}
		free(path);
	}
	rc = 0;
	goto out;
toobig:
	*err = xasprintf("%s: UPDATE does not fit the MRT buffer", c->name);
out:
	buf_free(&b);
	table_free(&tb);
	free(l.v);
	return rc;
}

int
bgp_generate(const struct scenario *s, struct gen_out *out, char **err)
{
	struct world w;
	struct prng r;
	size_t ci;
	int rc = 0;

	memset(&w, 0, sizeof(w));
	w.s = s;
	prng_seed(&r, s->seed, "background-prefixes");
	world_build_bg(&w, &r);
	world_build_canon(&w);
	prng_seed(&r, s->seed, "background-churn");
	world_build_churn(&w, &r);
	for (ci = 0; ci < s->ncoll && rc == 0; ci++)
		rc = gen_collector_files(&w, ci, out, err);
	world_free(&w);
	return rc;
}
