/*
 * The dispatcher (engine.c): the lifecycle of a run (corr.h) and the
 * end of the stream, for incident.c.
 */
#ifndef BO_CORR_ENGINE_H
#define BO_CORR_ENGINE_H

#include "correlate/state.h"

/* Ends the stream: closes open states at the last event time. */
void	engine_close(struct corr *);

#endif /* BO_CORR_ENGINE_H */
