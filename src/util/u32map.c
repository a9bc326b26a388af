/*
 * Open addressing with linear probing, at most half full; the key is
 * mixed by a multiply so that ASNs in runs spread over the table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/u32map.h"
#include "util/util.h"

static size_t
slot0(const struct u32map *m, uint32_t key)
{
	uint64_t h = (uint64_t)key * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 32) & (m->cap - 1);
}

long
u32map_get(const struct u32map *m, uint32_t key)
{
	size_t i;

	if (m->cap == 0)
		return -1;
	for (i = slot0(m, key); m->val[i] != 0; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == key)
			return (long)m->val[i] - 1;
	return -1;
}

static void
insert(struct u32map *m, uint32_t key, uint32_t val)
{
	size_t i;

	for (i = slot0(m, key); m->val[i] != 0; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == key) {
			m->val[i] = val;
			return;
		}
	m->key[i] = key;
	m->val[i] = val;
	m->n++;
}

void
u32map_put(struct u32map *m, uint32_t key, size_t idx)
{
	if (idx >= UINT32_MAX) {
		/* the array indexed would not fit in memory long before */
		fprintf(stderr, "blackout: more than 2^32 entries\n");
		abort();
	}
	if (2 * (m->n + 1) > m->cap) {
		struct u32map old = *m;
		size_t i;

		m->cap = m->cap ? m->cap * 2 : 16;
		m->key = xcalloc(m->cap, sizeof(*m->key));
		m->val = xcalloc(m->cap, sizeof(*m->val));
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.val[i] != 0)
				insert(m, old.key[i], old.val[i]);
		free(old.key);
		free(old.val);
	}
	insert(m, key, (uint32_t)idx + 1);
}

void
u32map_free(struct u32map *m)
{
	free(m->key);
	free(m->val);
	m->key = m->val = NULL;
	m->cap = m->n = 0;
}
