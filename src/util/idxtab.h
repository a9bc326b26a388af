/*
 * Indices of records a caller keeps in an array of its own, found by a
 * 32-bit tag of their key (bits of a well-mixed hash) and the caller's
 * test of a record against the key: open addressing, each slot holding
 * the index beside the tag, so that a miss seldom reads a record, behind
 * a bitmap of 8 bits a slot, so that most misses read no slot either.
 * The table grows from its own slots, without reading a record.
 */
#ifndef BO_IDXTAB_H
#define BO_IDXTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idxtab {
	uint64_t	*slot;		/* 0 empty; tag << 32 | (index + 1) */
	uint64_t	*filt;		/* cap / 8 words */
	size_t		 cap;
};

/* Whether record i (of the caller's array arg) has the key. */
typedef bool	(*idxtab_is)(const void *arg, size_t i, const void *key);

/* The index of the record with key and this tag, -1 when none. */
long	 idxtab_find(const struct idxtab *, uint32_t tag, idxtab_is,
	    const void *arg, const void *key);
/* Record idx is new (not in the table); n records exist, idx among them. */
void	 idxtab_put(struct idxtab *, size_t idx, size_t n, uint32_t tag);
void	 idxtab_free(struct idxtab *);

#endif /* BO_IDXTAB_H */
