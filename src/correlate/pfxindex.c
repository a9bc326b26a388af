/*
 * A hash of (family, length, network bits) with the list of lengths in
 * use per family: a covering lookup masks the query to each length in use
 * and probes once per length.  A trie would do the same in the same
 * bound; the hash keeps the memory one slot per prefix.
 */
#include "config.h"

#include <endian.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/pfxindex.h"
#include "util/util.h"

/* A prefix as its two address words, most significant byte first, so
 * that cutting it to a length is two masks, not a byte loop. */
struct pkey {
	uint64_t	 w[2];
	uint8_t		 afi, len;
};

struct pent {
	struct pkey	 k;
	uint64_t	 mask;
	bool		 used;
};

struct pfxindex {
	struct pent	*tab;
	size_t		 cap;		/* power of two */
	size_t		 n;
	/* One bit per hash of every prefix present: most lookups are of
	 * lengths no target has at that address, and this 128 KiB stays in
	 * cache where the table does not (a 25,000-prefix target spent a
	 * quarter of its run in table misses). */
	uint64_t	*filt;
	/* lengths in use, ascending, per family (index afi - 1) */
	uint8_t		 lens[2][129];
	size_t		 nlens[2];
};

static void
key_of(struct pkey *k, const struct bo_prefix *p)
{
	uint64_t w;

	memcpy(&w, p->addr, 8);
	k->w[0] = be64toh(w);
	memcpy(&w, p->addr + 8, 8);
	k->w[1] = be64toh(w);
	k->afi = p->afi;
	k->len = p->len;
}

static uint64_t
hi_bits(unsigned n)
{
	if (n == 0)
		return 0;
	return n >= 64 ? UINT64_MAX : UINT64_MAX << (64 - n);
}

/* k with only its first len bits */
static void
cut(struct pkey *out, const struct pkey *k, unsigned len)
{
	out->w[0] = k->w[0] & hi_bits(len);
	out->w[1] = k->w[1] & hi_bits(len > 64 ? len - 64 : 0);
	out->afi = k->afi;
	out->len = (uint8_t)len;
}

/* Two multiplies and shifts (the 64-bit finaliser of MurmurHash3) mix
 * every bit of the key into the low bits the table uses and the high
 * bits the filter uses; this runs once per length on every route. */
static size_t
key_hash(const struct pkey *k)
{
	uint64_t h;

	h = k->w[0] ^ ((k->w[1] ^ ((uint64_t)k->afi << 8 | k->len)) *
	    0x9e3779b97f4a7c15ULL);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return (size_t)(h ^ (h >> 33));
}

static bool
key_eq(const struct pkey *a, const struct pkey *b)
{
	return a->w[0] == b->w[0] && a->w[1] == b->w[1] && a->afi == b->afi &&
	    a->len == b->len;
}

size_t
pfxindex_hash(const struct bo_prefix *p)
{
	struct pkey k;

	key_of(&k, p);
	return key_hash(&k);
}

#define FILT_BITS	20

static size_t
filt_bit(size_t h)
{
	return (size_t)(((uint64_t)h >> 40) & ((1u << FILT_BITS) - 1));
}

static void
filt_set(struct pfxindex *ix, size_t h)
{
	size_t b = filt_bit(h);

	ix->filt[b / 64] |= 1ULL << (b % 64);
}

static bool
filt_has(const struct pfxindex *ix, size_t h)
{
	size_t b = filt_bit(h);

	return (ix->filt[b / 64] >> (b % 64)) & 1;
}

static struct pent *
slot_h(const struct pfxindex *ix, const struct pkey *k, size_t h)
{
	size_t i;

	for (i = h & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1))
		if (!ix->tab[i].used || key_eq(&ix->tab[i].k, k))
			return &ix->tab[i];
}

struct pfxindex *
pfxindex_new(void)
{
	struct pfxindex *ix = xcalloc(1, sizeof(*ix));

	ix->cap = 16;
	ix->tab = xcalloc(ix->cap, sizeof(*ix->tab));
	ix->filt = xcalloc((1u << FILT_BITS) / 64, sizeof(*ix->filt));
	return ix;
}

void
pfxindex_free(struct pfxindex *ix)
{
	if (ix == NULL)
		return;
	free(ix->tab);
	free(ix->filt);
	free(ix);
}

static int
fam(const struct bo_prefix *p)
{
	if (p->afi == BO_AFI_IPV4)
		return 0;
	if (p->afi == BO_AFI_IPV6)
		return 1;
	return -1;
}

static void
grow(struct pfxindex *ix)
{
	struct pent *old = ix->tab;
	size_t ocap = ix->cap, i;

	ix->cap *= 2;
	ix->tab = xcalloc(ix->cap, sizeof(*ix->tab));
	for (i = 0; i < ocap; i++)
		if (old[i].used)
			*slot_h(ix, &old[i].k, key_hash(&old[i].k)) = old[i];
	free(old);
}

void
pfxindex_add(struct pfxindex *ix, const struct bo_prefix *p, uint64_t mask)
{
	struct pkey k, c;
	struct pent *e;
	int f = fam(p);
	unsigned max = f == 0 ? 32 : 128;
	size_t i, j, h;

	if (f < 0 || p->len > max)
		return;
	if (2 * (ix->n + 1) > ix->cap)
		grow(ix);
	key_of(&k, p);
	cut(&c, &k, p->len);
	h = key_hash(&c);
	filt_set(ix, h);
	e = slot_h(ix, &c, h);
	if (!e->used) {
		e->used = true;
		e->k = c;
		ix->n++;
		for (i = 0; i < ix->nlens[f] && ix->lens[f][i] < c.len; i++)
			;
		if (i == ix->nlens[f] || ix->lens[f][i] != c.len) {
			for (j = ix->nlens[f]; j > i; j--)
				ix->lens[f][j] = ix->lens[f][j - 1];
			ix->lens[f][i] = c.len;
			ix->nlens[f]++;
		}
	}
	e->mask |= mask;
}

static void
prefix_of(struct bo_prefix *p, const struct pkey *k)
{
	uint64_t w;

	w = htobe64(k->w[0]);
	memcpy(p->addr, &w, 8);
	w = htobe64(k->w[1]);
	memcpy(p->addr + 8, &w, 8);
	p->afi = k->afi;
	p->len = k->len;
}

static inline uint64_t
covering(const struct pfxindex *ix, const struct bo_prefix *p,
    void (*fn)(void *, const struct bo_prefix *, uint64_t), void *arg)
{
	struct pkey k, c;
	uint64_t m = 0;
	int f = fam(p);
	size_t i;

	if (f < 0)
		return 0;
	key_of(&k, p);
	for (i = 0; i < ix->nlens[f] && ix->lens[f][i] <= p->len; i++) {
		const struct pent *e;
		size_t h;

		cut(&c, &k, ix->lens[f][i]);
		h = key_hash(&c);
		if (!filt_has(ix, h))
			continue;
		e = slot_h(ix, &c, h);
		if (!e->used)
			continue;
		m |= e->mask;
		if (fn != NULL) {
			struct bo_prefix q;

			prefix_of(&q, &c);
			fn(arg, &q, e->mask);
		}
	}
	return m;
}

uint64_t
pfxindex_covering_each(const struct pfxindex *ix, const struct bo_prefix *p,
    void (*fn)(void *, const struct bo_prefix *, uint64_t), void *arg)
{
	return covering(ix, p, fn, arg);
}

uint64_t
pfxindex_covering(const struct pfxindex *ix, const struct bo_prefix *p)
{
	return covering(ix, p, NULL, NULL);
}

uint64_t
pfxindex_get(const struct pfxindex *ix, const struct bo_prefix *p)
{
	struct pkey k, c;
	const struct pent *e;
	int f = fam(p);
	size_t h;

	if (f < 0 || p->len > (f == 0 ? 32 : 128))
		return 0;
	key_of(&k, p);
	cut(&c, &k, p->len);
	h = key_hash(&c);
	if (!filt_has(ix, h))
		return 0;
	e = slot_h(ix, &c, h);
	return e->used ? e->mask : 0;
}

/* ---- prefix to index ---- */

struct tab_key {
	const struct bo_prefix	*p;
	pfxtab_get		 get;
};

static bool
tab_is(const void *arg, size_t i, const void *key)
{
	const struct tab_key *k = key;

	return bo_prefix_cmp(k->get(arg, i), k->p) == 0;
}

static uint32_t
tab_tag(const struct bo_prefix *p)
{
	return (uint32_t)((uint64_t)pfxindex_hash(p) >> 32);
}

long
pfxtab_find(const struct pfxtab *t, const struct bo_prefix *p,
    pfxtab_get get, const void *arg)
{
	struct tab_key k = { p, get };

	return idxtab_find(&t->t, tab_tag(p), tab_is, arg, &k);
}

void
pfxtab_put(struct pfxtab *t, size_t idx, size_t n, pfxtab_get get,
    const void *arg)
{
	idxtab_put(&t->t, idx, n, tab_tag(get(arg, idx)));
}

void
pfxtab_free(struct pfxtab *t)
{
	idxtab_free(&t->t);
}
