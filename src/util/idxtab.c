/*
 * The tag places the slot, picks the filter bit and is kept in the slot;
 * 8 bits of filter a slot keep a miss's false positives near 1 in 16 at
 * the table's load of at most one half.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/idxtab.h"
#include "util/util.h"

#define MAX_CAP	((size_t)1 << 29)	/* 8 cap filter bits in a 32-bit tag */

static bool
maybe(const struct idxtab *t, uint32_t tag)
{
	size_t b = (size_t)tag & (8 * t->cap - 1);

	return (t->filt[b / 64] >> (b % 64)) & 1;
}

static void
place(struct idxtab *t, uint64_t s)
{
	size_t b = (size_t)(s >> 32) & (8 * t->cap - 1), i;

	t->filt[b / 64] |= 1ULL << (b % 64);
	for (i = (size_t)(s >> 32) & (t->cap - 1); t->slot[i] != 0;
	    i = (i + 1) & (t->cap - 1))
		;
	t->slot[i] = s;
}

long
idxtab_find(const struct idxtab *t, uint32_t tag, idxtab_is is,
    const void *arg, const void *key)
{
	uint64_t s;
	size_t i;

	if (t->cap == 0 || !maybe(t, tag))
		return -1;
	for (i = (size_t)tag & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if ((s = t->slot[i]) == 0)
			return -1;
		if ((uint32_t)(s >> 32) == tag &&
		    is(arg, (size_t)(s & 0xffffffff) - 1, key))
			return (long)(s & 0xffffffff) - 1;
	}
}

void
idxtab_put(struct idxtab *t, size_t idx, size_t n, uint32_t tag)
{
	/* the slot keeps 32 bits of index and the table at most 2^29
	 * slots; the records would not fit in memory long before */
	if (idx >= UINT32_MAX || 2 * (n + 1) > MAX_CAP) {
		fprintf(stderr, "blackout: more than 2^28 records in a table\n");
		abort();
	}
	if (2 * (n + 1) > t->cap) {
		struct idxtab old = *t;
		size_t j;

		t->cap = t->cap ? t->cap * 2 : 64;
		t->slot = xcalloc(t->cap, sizeof(*t->slot));
		t->filt = xcalloc(t->cap / 8, sizeof(*t->filt));
		for (j = 0; j < old.cap; j++)
			if (old.slot[j] != 0)
				place(t, old.slot[j]);
		free(old.slot);
		free(old.filt);
	}
	place(t, (uint64_t)tag << 32 | (uint64_t)(idx + 1));
}

void
idxtab_free(struct idxtab *t)
{
	free(t->slot);
	free(t->filt);
	t->slot = t->filt = NULL;
	t->cap = 0;
}
