/*
 * A vector of fixed-size records sorted by a uint32_t key that each record
 * starts with.  The correlator keeps per-peer state of a prefix in one:
 * only the peers that ever routed the prefix take room, where an array
 * indexed by peer number grew with every peer of the run (thousands in a
 * study of every collector) for each of a target's prefixes.
 */
#ifndef BO_KEYVEC_H
#define BO_KEYVEC_H

#include <stddef.h>
#include <stdint.h>

struct keyvec {
	void		*v;
	uint32_t	 n;
	uint32_t	 cap;
};

/* The record with this key, or NULL. */
void	*keyvec_find(const struct keyvec *, size_t size, uint32_t key);
/* The record with this key, added as a copy of init (whose key is
 * overwritten) when there is none.  Earlier pointers into the vector are
 * invalid after an addition. */
void	*keyvec_get(struct keyvec *, size_t size, uint32_t key,
	    const void *init);
void	 keyvec_free(struct keyvec *);

/* The i-th record in key order. */
static inline void *
keyvec_at(const struct keyvec *kv, size_t size, size_t i)
{
	return (char *)kv->v + i * size;
}

#endif /* BO_KEYVEC_H */
