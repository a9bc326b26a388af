/*
 * Route state (route.c): peers, snapshots, timers, collector gaps.
 * Called by the dispatcher; calls visibility.c and the routing glue.
 */
#ifndef BO_CORR_ROUTE_H
#define BO_CORR_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/state.h"

void	route_event(struct corr *, const struct bo_event *);
void	route_timers_run(struct corr *, int64_t now);
void	route_snap_finish(struct corr *, size_t coll);
void	route_file_gaps(struct corr *, size_t coll);
bool	route_state_is_up(const char *);

#endif /* BO_CORR_ROUTE_H */
