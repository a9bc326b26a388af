/*
 * The hijack detector (hijack.c), fed by routing.c.
 */
#ifndef BO_CORR_HIJACK_H
#define BO_CORR_HIJACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/routing_base.h"

/* What the detectors do with each route of the targets' space: w is the
 * prefix's watch entry, owner whether the origin is the target's. */
struct hj_state	*hj_new(void);
void		 hj_free(struct hj_state *);
void		 hj_route(struct rt *, struct rt_watch *, const struct rt_route *,
		    uint64_t tmask, bool legit);
void		 hj_owner_new(struct rt *, const struct rt_route *, uint64_t);
void		 hj_gone(struct rt *, struct rt_watch *, size_t peer, int64_t t,
		    enum bo_prec, const struct rt_evid *);
void		 hj_close(struct rt *, int64_t now);

#endif /* BO_CORR_HIJACK_H */
