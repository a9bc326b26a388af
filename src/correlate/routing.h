/*
 * Routing incidents: hijacks (a target's prefix, or a more-specific of
 * it, announced by an origin that is not the target's) and leaks (many
 * of a target's routes suddenly carried through a network that was never
 * one of its transits).  Neither is an outage: the target's own routes
 * may stay visible throughout.
 *
 * The detectors are fed route events (prefix, origin, AS path, peer,
 * collector, time) and asked at the end for the incidents they found; they
 * know nothing of visibility, probes or claims.  The method and every
 * threshold are in doc/correlation.md ("Hijacks" and "Leaks").
 *
 * Ownership: an rt copies what it keeps except the strings of evidence
 * (rt_evid), which the caller interns for the life of the rt.
 */
#ifndef BO_CORR_ROUTING_H
#define BO_CORR_ROUTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/event.h>

#include "correlate/corr.h"
#include "correlate/routing_base.h"

struct rt	*rt_new(const struct corr_target_spec *, size_t ntargets,
		    const struct rt_params *);
void		 rt_free(struct rt *);
void		 rt_route(struct rt *, const struct rt_route *);
/* A session went down: its routes are gone. */
void		 rt_peer_down(struct rt *, size_t peer, int64_t t,
		    enum bo_prec, const struct rt_evid *);
/* True when every route ever seen for the prefix came from a hijack or a
 * leak: its withdrawal ends that incident and is no outage. */
bool		 rt_only_misrouted(const struct rt *, const struct bo_prefix *);
/* Ends the stream; the incidents are final afterwards. */
void		 rt_close(struct rt *, int64_t now);
size_t		 rt_count(const struct rt *);
const struct rt_incident *rt_get(const struct rt *, size_t);

#endif /* BO_CORR_ROUTING_H */
