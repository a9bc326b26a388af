/*
 * Claims and reports and the targets they name (claim.c): taken in
 * by the dispatcher, placed against incidents by incident.c.
 */
#ifndef BO_CORR_CLAIM_H
#define BO_CORR_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/state.h"

void	claim_add(struct corr *, const struct bo_event *);
void	claim_place(struct corr *, struct bo_timeline *, struct claimrec *,
	    const struct winc *, size_t nw);

#endif /* BO_CORR_CLAIM_H */
