/*
 * A map from 32-bit keys (ASNs) to indices into an array the caller
 * keeps in its own order: lists of ASes that grow with the data (a
 * target's transits when every prefix is a target) are found in
 * constant time instead of by a scan of the list.
 */
#ifndef BO_U32MAP_H
#define BO_U32MAP_H

#include <stddef.h>
#include <stdint.h>

struct u32map {
	uint32_t	*key;
	uint32_t	*val;		/* index + 1, 0 empty */
	size_t		 cap;		/* power of two, or 0 */
	size_t		 n;
};

/* The index stored for key, or -1. */
long	 u32map_get(const struct u32map *, uint32_t key);
/* Stores idx for key (replacing any). */
void	 u32map_put(struct u32map *, uint32_t key, size_t idx);
void	 u32map_free(struct u32map *);

#endif /* BO_U32MAP_H */
