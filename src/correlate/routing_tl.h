/*
 * The glue between the correlator (engine.h) and the routing detectors
 * (routing.h): parameters, evidence and timeline incidents.
 */
#ifndef BO_CORR_ROUTING_TL_H
#define BO_CORR_ROUTING_TL_H

#include <stddef.h>

#include <blackout/timeline.h>

#include "correlate/routing.h"

struct corr;
struct evid;

/* A detector set up with the correlator's targets and thresholds. */
struct rt	*rt_from_corr(const struct corr *);
void		 rt_evid_of(struct rt_evid *, const struct evid *);
/* Fills the routing part of in (kind, status, why, fields, signals) with
 * room for extra more signals; returns the signals written. */
size_t		 rt_incident_fill(const struct corr *, struct bo_incident *,
		    const struct rt_incident *, size_t extra);

#endif /* BO_CORR_ROUTING_TL_H */
