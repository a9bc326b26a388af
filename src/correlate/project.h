/*
 * The projection: on each decoding thread, a member's events are reduced
 * to those the correlator's result can depend on before they are stored,
 * sorted and merged.  The method and why it cannot change the timeline
 * are in doc/correlation.md ("Projection").
 */
#ifndef BO_CORR_PROJECT_H
#define BO_CORR_PROJECT_H

#include <stdint.h>

#include <blackout/event.h>

#include "correlate/corr.h"

struct bo_ctx;
struct project;

/* The projection for these targets (NULL when there are none).  The
 * specs are only read during the call. */
struct project	*project_new(const struct corr_target_spec *, size_t n);
void		 project_free(struct project *);
/* With targets named by AS, a first decoding pass over the inputs that
 * keeps nothing, reports nothing and learns the prefixes those ASes
 * originate, which the projection then keeps with their more-specifics.
 * It decodes only the routes of those ASes (and of MRT, only records
 * whose bytes hold one of them).
 * -1 when it failed or an input cannot be read twice (standard input, a
 * pipe): then the projection must not be used. */
int		 project_scan(struct bo_ctx *, struct project *,
		    const char *const *inputs, size_t n);
/* The origin ASes of every route the projection saw, once its pass is
 * done (none when the targets name no AS). */
size_t		 project_origins(const struct project *, const uint32_t **);
/* Installs p as ctx's stage until project_remove; p outlives the run. */
void		 project_install(struct bo_ctx *, struct project *);
void		 project_remove(struct bo_ctx *);
/* How many events of its member a kept route event stands for (itself
 * included): counts that the dropped ones would have added are added by
 * the correlator for it. */
uint64_t	 project_weight(const struct bo_event *);

#endif /* BO_CORR_PROJECT_H */
