/*
 * Third-party outage signals (signal.c).
 */
#ifndef BO_CORR_SIGNAL_H
#define BO_CORR_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/state.h"

void	signal_add(struct corr *, const struct bo_event *);
void	signal_close(struct corr *);
void	signal_free(struct corr *);

#endif /* BO_CORR_SIGNAL_H */
