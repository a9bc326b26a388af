/*
 * Target visibility (visibility.c): down periods, transit ASes.
 * Called by route.c as routes change.
 */
#ifndef BO_CORR_VISIBILITY_H
#define BO_CORR_VISIBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/state.h"

void	vis_pfx_eval(struct corr *, size_t xi, int64_t now, enum bo_prec,
	    const struct evid *);
void	vis_eval_all(struct corr *, int64_t now, enum bo_prec,
	    const struct evid *);
void	vis_route_path(struct corr *, struct pfx *, size_t pi,
	    const char *path);
void	vis_transit_check(struct corr *, size_t ti, int64_t now,
	    enum bo_prec, const struct evid *, bool adopt);
void	vis_transit_recount(struct corr *);
void	vis_transit_commit(struct corr *, int64_t now);

#endif /* BO_CORR_VISIBILITY_H */
