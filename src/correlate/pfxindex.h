/*
 * Prefix index: a set of prefixes, each with a 64-bit mask (the targets
 * it belongs to), answering "which masks cover this prefix" in time
 * bounded by the number of distinct prefix lengths in the set (at most
 * 33 or 129 hash probes), not by the number of prefixes.  The
 * correlator resolves each route's prefix to its targets with it.
 */
#ifndef BO_CORR_PFXINDEX_H
#define BO_CORR_PFXINDEX_H

#include <stdint.h>

#include <blackout/event.h>

#include "util/idxtab.h"

struct pfxindex;

struct pfxindex	*pfxindex_new(void);
void		 pfxindex_free(struct pfxindex *);
/* ORs mask into the prefix's entry (host bits are ignored). */
void		 pfxindex_add(struct pfxindex *, const struct bo_prefix *,
		    uint64_t mask);
/* The OR of the masks of every prefix of the set covering p (p itself
 * included); 0 when none does or p has no address family. */
uint64_t	 pfxindex_covering(const struct pfxindex *,
		    const struct bo_prefix *);
/* The same, calling fn for each covering prefix of the set, shortest
 * first, with its mask. */
uint64_t	 pfxindex_covering_each(const struct pfxindex *,
		    const struct bo_prefix *,
		    void (*fn)(void *arg, const struct bo_prefix *, uint64_t),
		    void *arg);
/* The hash of a prefix with zero host bits, for other tables of them. */
size_t		 pfxindex_hash(const struct bo_prefix *);
/* The mask of exactly p, 0 when p is not in the set. */
uint64_t	 pfxindex_get(const struct pfxindex *, const struct bo_prefix *);

/* Prefix to index, for an array of records the caller keeps (and grows),
 * on idxtab (util/idxtab.h).  get(arg, i) is the prefix of record i. */
struct pfxtab {
	struct idxtab	 t;
};
typedef const struct bo_prefix *(*pfxtab_get)(const void *arg, size_t i);

/* The index of p's record, -1 when none. */
long		 pfxtab_find(const struct pfxtab *, const struct bo_prefix *,
		    pfxtab_get, const void *arg);
/* Record idx is new (it was not in the table); n records exist, idx
 * among them. */
void		 pfxtab_put(struct pfxtab *, size_t idx, size_t n, pfxtab_get,
		    const void *arg);
void		 pfxtab_free(struct pfxtab *);

#endif /* BO_CORR_PFXINDEX_H */
