#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "util/keyvec.h"
#include "util/util.h"

static inline uint32_t
key_at(const struct keyvec *kv, size_t size, size_t i)
{
	uint32_t k;

	memcpy(&k, (const char *)kv->v + i * size, sizeof(k));
	return k;
}

/* The first position whose key is not below key. */
static size_t
lower(const struct keyvec *kv, size_t size, uint32_t key)
{
	size_t lo = 0, hi = kv->n;

	/* records mostly arrive in key order: the last is the likely one */
	if (hi > 0 && key_at(kv, size, hi - 1) < key)
		return hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_at(kv, size, mid) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void *
keyvec_find(const struct keyvec *kv, size_t size, uint32_t key)
{
	size_t i = lower(kv, size, key);

	return i < kv->n && key_at(kv, size, i) == key ?
	    keyvec_at(kv, size, i) : NULL;
}

void *
keyvec_get(struct keyvec *kv, size_t size, uint32_t key, const void *init)
{
	size_t i = lower(kv, size, key);
	char *r;

	if (i < kv->n && key_at(kv, size, i) == key)
		return keyvec_at(kv, size, i);
	if (kv->n == kv->cap) {
		/* small first: most prefixes are routed by few peers */
		kv->cap = kv->cap ? kv->cap + kv->cap / 2 + 1 : 2;
		kv->v = xreallocarray(kv->v, kv->cap, size);
	}
	r = keyvec_at(kv, size, i);
	memmove(r + size, r, (kv->n - i) * size);
	memcpy(r, init, size);
	memcpy(r, &key, sizeof(key));
	kv->n++;
	return r;
}

void
keyvec_free(struct keyvec *kv)
{
	free(kv->v);
	kv->v = NULL;
	kv->n = kv->cap = 0;
}
