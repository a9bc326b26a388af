/*
 * The leak detector (leak.c), fed by routing.c.
 */
#ifndef BO_CORR_LEAK_H
#define BO_CORR_LEAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/routing_base.h"

/* As hijack.h, for leaks. */
struct lk_state	*lk_new(void);
void		 lk_free(struct lk_state *);
void		 lk_route(struct rt *, struct rt_watch *, const struct rt_route *,
		    uint64_t tmask);
void		 lk_gone(struct rt *, struct rt_watch *, size_t peer, int64_t t,
		    enum bo_prec, const struct rt_evid *);
void		 lk_close(struct rt *, int64_t now);

#endif /* BO_CORR_LEAK_H */
