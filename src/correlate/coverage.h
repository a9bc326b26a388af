/*
 * What the inputs say nothing about: no_data gaps for targets, and the
 * origin ASes seen, to name the nearest one for a target never seen.
 */
#ifndef BO_CORR_COVERAGE_H
#define BO_CORR_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/event.h>

struct corr;

/* Adds a no_data gap for each target over the part of the window (or of
 * the data, with no window) where no input says anything of it.  Called
 * after the stream ends, before the timeline is assembled. */
void	coverage_targets(struct corr *);
/* Whether any input mentioned target ti (a route, a probe, a router
 * message), visible or not. */
bool	coverage_target_seen(const struct corr *, size_t ti);

/* The set of origin ASes of routes seen, collected on the way to the
 * correlator. */
struct origins {
	uint32_t	*as;		/* open addressing, 0 = empty */
	size_t		 cap;
	size_t		 n;
	struct bo_sink	 inner;
};

struct bo_sink	origins_sink(struct origins *, struct bo_sink inner);
/* The origin seen one keystroke away from as (0: none). */
void		origins_add(struct origins *, uint32_t as);
uint32_t	origins_nearest(const struct origins *, uint32_t as);
void		origins_free(struct origins *);

#endif /* BO_CORR_COVERAGE_H */
