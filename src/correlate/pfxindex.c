/*
 * A hash of (family, length, network bits) with the list of lengths in
 * use per family: a covering lookup masks the query to each length in use
 * and probes once per length.  A trie would do the same in the same
 * bound; the hash keeps the memory one slot per prefix.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/pfxindex.h"
#include "util/util.h"

struct pent {
	struct bo_prefix p;
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
canon(struct bo_prefix *out, const struct bo_prefix *in, unsigned len)
{
	unsigned full = len / 8, rem = len % 8;

	memset(out, 0, sizeof(*out));
	out->afi = in->afi;
	out->len = (uint8_t)len;
	memcpy(out->addr, in->addr, full);
	if (rem != 0)
		out->addr[full] = (uint8_t)(in->addr[full] &
		    (0xff << (8 - rem)));
}

size_t
pfxindex_hash(const struct bo_prefix *p)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	h = (h ^ p->afi) * 1099511628211ULL;
	h = (h ^ p->len) * 1099511628211ULL;
	for (i = 0; i < 16; i++)
		h = (h ^ p->addr[i]) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 29));
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
slot_h(const struct pfxindex *ix, const struct bo_prefix *c, size_t h)
{
	size_t i;

	for (i = h & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1))
		if (!ix->tab[i].used || memcmp(&ix->tab[i].p, c,
		    sizeof(*c)) == 0)
			return &ix->tab[i];
}

static struct pent *
slot(const struct pfxindex *ix, const struct bo_prefix *c)
{
	return slot_h(ix, c, pfxindex_hash(c));
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
			*slot(ix, &old[i].p) = old[i];
	free(old);
}

void
pfxindex_add(struct pfxindex *ix, const struct bo_prefix *p, uint64_t mask)
{
	struct bo_prefix c;
	struct pent *e;
	int f = fam(p);
	unsigned max = f == 0 ? 32 : 128;
	size_t i, j, h;

	if (f < 0 || p->len > max)
		return;
	if (2 * (ix->n + 1) > ix->cap)
		grow(ix);
	canon(&c, p, p->len);
	h = pfxindex_hash(&c);
	filt_set(ix, h);
	e = slot_h(ix, &c, h);
	if (!e->used) {
		e->used = true;
		e->p = c;
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

uint64_t
pfxindex_covering(const struct pfxindex *ix, const struct bo_prefix *p)
{
	struct bo_prefix c;
	uint64_t m = 0;
	int f = fam(p);
	size_t i;

	if (f < 0)
		return 0;
	for (i = 0; i < ix->nlens[f] && ix->lens[f][i] <= p->len; i++) {
		const struct pent *e;
		size_t h;

		canon(&c, p, ix->lens[f][i]);
		h = pfxindex_hash(&c);
		if (!filt_has(ix, h))
			continue;
		e = slot_h(ix, &c, h);
		if (e->used)
			m |= e->mask;
	}
	return m;
}

uint64_t
pfxindex_get(const struct pfxindex *ix, const struct bo_prefix *p)
{
	struct bo_prefix c;
	const struct pent *e;
	int f = fam(p);

	if (f < 0 || p->len > (f == 0 ? 32 : 128))
		return 0;
	canon(&c, p, p->len);
	e = slot(ix, &c);
	return e->used ? e->mask : 0;
}
