#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>

#include "event/peers.h"
#include "util/arena.h"
#include "util/util.h"

/*
 * Per-member counts are kept while a member is decoded, then folded into
 * the per-peer maximum when the member ends: one member is one RIB dump,
 * and a peer that appears in three dumps has one table, not three.
 */
struct peer_entry {
	struct bo_peer_stat	 st;
	uint64_t		 cur_v4;	/* in the current member */
	uint64_t		 cur_v6;
	int			 seen;		/* in the current member */
};

struct bo_peers {
	struct intern		*names;
	struct peer_entry	*e;
	size_t			 n;
	size_t			 cap;
	size_t			*slots;		/* index + 1; 0 is free */
	size_t			 nslots;
};

static size_t
pair_hash(const char *c, const char *a)
{
	uintptr_t h = (uintptr_t)c * 0x9e3779b97f4a7c15u ^ (uintptr_t)a;

	return (size_t)(h ^ h >> 29);
}

static void
peers_rehash(struct bo_peers *p)
{
	size_t i, j;

	free(p->slots);
	p->nslots = p->nslots ? p->nslots * 2 : 256;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	for (i = 0; i < p->n; i++) {
		j = pair_hash(p->e[i].st.collector, p->e[i].st.peer) &
		    (p->nslots - 1);
		while (p->slots[j] != 0)
			j = (j + 1) & (p->nslots - 1);
		p->slots[j] = i + 1;
	}
}

struct bo_peers *
bo_peers_new(void)
{
	struct bo_peers *p = xcalloc(1, sizeof(*p));

	p->names = intern_new();
	return p;
}

void
bo_peers_free(struct bo_peers *p)
{
	if (p == NULL)
		return;
	intern_free(p->names);
	free(p->slots);
	free(p->e);
	free(p);
}

static struct peer_entry *
peers_find(struct bo_peers *p, const char *collector, const char *peer,
    uint32_t peer_as)
{
	const char *c = intern_str(p->names, collector);
	const char *a = intern_str(p->names, peer);
	size_t j;

	if ((p->n + 1) * 2 > p->nslots)
		peers_rehash(p);
	j = pair_hash(c, a) & (p->nslots - 1);
	while (p->slots[j] != 0) {
		struct peer_entry *e = &p->e[p->slots[j] - 1];

		if (e->st.collector == c && e->st.peer == a)
			return e;
		j = (j + 1) & (p->nslots - 1);
	}
	xgrow(&p->e, &p->cap, p->n, sizeof(*p->e));
	memset(&p->e[p->n], 0, sizeof(p->e[p->n]));
	p->e[p->n].st.collector = c;
	p->e[p->n].st.peer = a;
	p->e[p->n].st.peer_as = peer_as;
	p->slots[j] = ++p->n;
	return &p->e[p->n - 1];
}

void
bo_peers_count(struct bo_peers *p, const struct bo_event *ev)
{
	struct peer_entry *e;

	if (ev->peer == NULL || ev->prefix.afi == BO_AFI_NONE)
		return;
	e = peers_find(p, ev->collector, ev->peer, ev->peer_as);
	e->seen = 1;
	if (ev->prefix.afi == BO_AFI_IPV4)
		e->cur_v4++;
	else
		e->cur_v6++;
}

void
bo_peers_member_end(struct bo_peers *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct peer_entry *e = &p->e[i];

		if (!e->seen)
			continue;
		if (e->cur_v4 > e->st.v4_prefixes)
			e->st.v4_prefixes = e->cur_v4;
		if (e->cur_v6 > e->st.v6_prefixes)
			e->st.v6_prefixes = e->cur_v6;
		e->st.dumps++;
		e->cur_v4 = e->cur_v6 = 0;
		e->seen = 0;
	}
}

static int
strcmp0(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b ? 0 : a == NULL ? -1 : 1;
	return strcmp(a, b);
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct peer_entry *a = x, *b = y;
	int c = strcmp0(a->st.collector, b->st.collector);

	return c != 0 ? c : strcmp0(a->st.peer, b->st.peer);
}

void
bo_peers_finish(struct bo_peers *p)
{
	/* Sorting moves entries: the index is rebuilt for any later use. */
	if (p->n > 0)
		qsort(p->e, p->n, sizeof(*p->e), entry_cmp);
	p->nslots /= 2;
	peers_rehash(p);
}

size_t
bo_peers_n(const struct bo_peers *p)
{
	return p != NULL ? p->n : 0;
}

const struct bo_peer_stat *
bo_peers_at(const struct bo_peers *p, size_t i)
{
	return p != NULL && i < p->n ? &p->e[i].st : NULL;
}

void
bo_peers_add(struct bo_peers *dst, const struct bo_peer_stat *st)
{
	struct peer_entry *e = peers_find(dst, st->collector, st->peer,
	    st->peer_as);

	if (st->v4_prefixes > e->st.v4_prefixes)
		e->st.v4_prefixes = st->v4_prefixes;
	if (st->v6_prefixes > e->st.v6_prefixes)
		e->st.v6_prefixes = st->v6_prefixes;
	e->st.dumps += st->dumps;
}

void
bo_peers_merge(struct bo_peers *dst, const struct bo_peers *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		bo_peers_add(dst, &src->e[i].st);
}
