/*
 * The glue between the correlator (state.h) and the routing detectors
 * (routing.h): parameters, evidence and timeline incidents.
 */
#ifndef BO_CORR_ROUTING_TL_H
#define BO_CORR_ROUTING_TL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

struct bo_event;

/* Every route event of the stream (route.c), whether or not its prefix
 * is tracked: a hijacker's route is of no target. */
void		 rt_corr_route(struct corr *, size_t pi, size_t coll,
		    const struct bo_event *, bool withdraw);
void		 rt_corr_peer_down(struct corr *, size_t pi, int64_t t,
		    enum bo_prec, const struct evid *);
/*
 * A prefix whose every route came from a hijack or a leak is not one of
 * the target's: it leaves the denominators (it may have joined them
 * before the detector knew), so that its withdrawal ends that incident
 * without making an outage.  True when it was taken out (visibility.c).
 */
bool		 rt_corr_forget(struct corr *, size_t xi, int64_t now,
		    enum bo_prec, const struct evid *);

/* Says where hijacks and leaks could not be judged (engine_close). */
void		 rt_corr_gaps(struct corr *);

#endif /* BO_CORR_ROUTING_TL_H */
