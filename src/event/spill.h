/*
 * Sorted runs of events on disk, so that an unfiltered ingest of many GB
 * runs in bounded memory: a store past its bound is sorted and written to
 * an unnamed temporary file in $TMPDIR (else /tmp), and the runs are
 * merged back in bo_event_cmp order (event/merge.h).  The format is
 * private to one process.
 */
#ifndef BO_SPILL_H
#define BO_SPILL_H

#include <stdio.h>

#include <blackout/event.h>

/* Sorts st, writes it to a new temporary file, empties st (keeping its
 * memory: it is a store being filled).  The file is rewound and ready to
 * read; NULL (errno set) when it cannot be written. */
FILE	*bo_spill_write(struct bo_evstore *st);

/* The same for several stores at once: one run holding all their events;
 * the stores' memory is given back. */
FILE	*bo_spill_write_stores(struct bo_evstore **, size_t n);

/* Where runs are written: $TMPDIR, else /tmp. */
const char *bo_spill_dir(void);
/* A new unnamed file there (removed at once: nothing is left behind
 * however the process ends), read and write; -1 with errno set. */
int	 bo_spill_fd(void);

/* A run written event by event (already in order): new (NULL, errno
 * set, when no file could be made), put, then finish, which gives the
 * rewound file or NULL (errno set) when it could not be written. */
struct bo_spill_writer;

struct bo_spill_writer *bo_spill_writer_new(void);
int	 bo_spill_put(struct bo_spill_writer *, const struct bo_event *);
FILE	*bo_spill_finish(struct bo_spill_writer *);

struct buf;

/* The names one run has written so far (see spill.c): every run, spilled
 * or a run file's events, is encoded with a table of its own from its
 * first event, and read back with one (bo_spill_reader has it). */
struct bo_spill_names;

struct bo_spill_names *bo_spill_names_new(void);
void	 bo_spill_names_free(struct bo_spill_names *);

/* One event as a length-prefixed record (the run file's events too). */
void	 bo_spill_encode(struct buf *, struct bo_spill_names *,
	    const struct bo_event *);
#define BO_SPILL_MAX_RECORD	(64u << 20)

/* Reads records until the end of the file or a zero length. */
struct bo_spill_reader;

struct bo_spill_reader *bo_spill_reader_new(FILE *);	/* takes the FILE */
/* The next event (valid until the next call), or NULL at the end; *err
 * is set when the file could not be read back. */
const struct bo_event *bo_spill_next(struct bo_spill_reader *, int *err);
void	 bo_spill_reader_free(struct bo_spill_reader *);

#endif
