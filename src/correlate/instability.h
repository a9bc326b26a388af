/*
 * Bursts and flapping of a target, after the stream (instability.c).
 */
#ifndef BO_CORR_INSTABILITY_H
#define BO_CORR_INSTABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "correlate/state.h"

void	inst_bursts(struct corr *, size_t ti, int64_t first, int64_t last);
void	inst_flapping(struct corr *, size_t ti);

#endif /* BO_CORR_INSTABILITY_H */
