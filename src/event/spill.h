/*
 * Sorted runs of events on disk, so that an unfiltered ingest of many GB
 * runs in bounded memory: a store past its bound is sorted and written to
 * an unnamed temporary file, and the runs are merged back in
 * bo_event_cmp order at the end.  The format is private to one process.
 */
#ifndef BO_SPILL_H
#define BO_SPILL_H

#include <stdio.h>

#include <blackout/event.h>

/* Sorts st, writes it to a new temporary file, empties st.  The file is
 * rewound and ready to read; NULL (errno set) when it cannot be written. */
FILE	*bo_spill_write(struct bo_evstore *st);

/* The same for several stores at once: one run holding all their events. */
FILE	*bo_spill_write_stores(struct bo_evstore **, size_t n);

struct buf;

/* One event as a length-prefixed record (the run file's events too). */
void	 bo_spill_encode(struct buf *, const struct bo_event *);
#define BO_SPILL_MAX_RECORD	(64u << 20)

/* Reads records until the end of the file or a zero length. */
struct bo_spill_reader;

struct bo_spill_reader *bo_spill_reader_new(FILE *);	/* takes the FILE */
/* The next event (valid until the next call), or NULL at the end; *err
 * is set when the file could not be read back. */
const struct bo_event *bo_spill_next(struct bo_spill_reader *, int *err);
void	 bo_spill_reader_free(struct bo_spill_reader *);

#endif
