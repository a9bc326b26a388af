/*
 * Decompression ahead of the reader, on a thread of its own (ahead.c).
 *
 * A producer thread calls a read function again and again with blocks of
 * one fixed size, into a bounded ring; the reader takes the results in
 * order, each with the producer's state as it stood right after that
 * call.  The reader therefore sees the very bytes, ends and damage it
 * would have seen calling the function itself, at the same offsets, only
 * sooner: the output of a run cannot depend on the thread.
 */
#ifndef BO_AHEAD_H
#define BO_AHEAD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct bo_ahead;

/* What the reader may ask of the producer's side between two reads. */
struct bo_ahead_state {
	uint64_t	 in;		/* compressed bytes read so far */
	int		 damaged;	/* the damage message is final */
	/* of whatever the producer reads from (bo_recover_ahead_outer) */
	uint64_t	 outer_in;
	const char	*outer_damage;
};

/*
 * Called on the producer thread only: up to n bytes into buf, 0 for the
 * end (every later call would give 0 again and change nothing), with the
 * state after the call in *st.
 */
typedef ssize_t	(*bo_ahead_fn)(void *arg, void *buf, size_t n,
		    struct bo_ahead_state *st);

/* Starts the producer with a ring of slots blocks; NULL when no thread
 * can be started (the caller then reads for itself). */
struct bo_ahead	*bo_ahead_new(bo_ahead_fn, void *arg, size_t block,
		    unsigned slots);
/* The next result, in order: its bytes at *buf, valid until the next
 * call, and the producer's state after it in *st. */
ssize_t		 bo_ahead_read(struct bo_ahead *, const void **buf,
		    struct bo_ahead_state *st);
/* Stops the producer (after the block it is reading) and frees. */
void		 bo_ahead_free(struct bo_ahead *);

#endif
