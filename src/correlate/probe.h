/*
 * Probe series per host and vantage point, router signals (probe.c).
 */
#ifndef BO_CORR_PROBE_H
#define BO_CORR_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/state.h"

void	probe_event(struct corr *, const struct bo_event *);
void	probe_router_event(struct corr *, const struct bo_event *);
void	probe_host_state(struct corr *, const struct bo_event *);
void	probe_host_close(struct corr *, struct host *, int64_t now,
	    enum bo_prec, const struct evid *, bool ongoing);

#endif /* BO_CORR_PROBE_H */
