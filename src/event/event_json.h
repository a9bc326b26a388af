/* One event as a JSON object: the line format of `blackout ingest`,
 * described by doc/event.schema.json. */
#ifndef BO_EVENT_JSON_H
#define BO_EVENT_JSON_H

#include <blackout/event.h>

#include "util/util.h"

/* Appends the object (no newline). */
void	bo_event_json(struct buf *, const struct bo_event *);

#endif
