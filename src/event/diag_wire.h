/* Diagnostics written into a run file and read back (src/core/runfile.c). */
#ifndef BO_DIAG_WIRE_H
#define BO_DIAG_WIRE_H

#include <blackout/diag.h>

#include "util/cursor.h"
#include "util/util.h"

/* Messages kept by a buffered handle, its counters and reasons. */
void		 bo_diag_encode(const struct bo_diag *, struct buf *);
/* A buffered handle as bo_diag_encode wrote it, or NULL when malformed. */
struct bo_diag	*bo_diag_decode(struct cursor *);

#endif
