/*
 * The k-way merge that puts every file's events, in memory or in sorted
 * runs on disk, into the one total order (bo_event_cmp), so output never
 * depends on member order, threads or where the memory bound fell.
 *
 * Each run on disk holds a file descriptor: runs are merged in rounds so
 * that fewer than bo_merge_budget() are open at once however many files
 * spilled.
 */
#ifndef BO_MERGE_H
#define BO_MERGE_H

#include <stdio.h>

#include <blackout/blackout.h>

/* How many runs may be open (from the process's open-file limit), and how
 * many one round merges. */
size_t	 bo_merge_budget(void);
size_t	 bo_merge_fanin(void);

/* Sorted runs kept by rounds (level: how many merges a run went through). */
struct bo_runs {
	FILE		**f;
	unsigned	*level;
	size_t		 n;
	size_t		 cap;
};

/*
 * Keeps a new sorted run; when the budget's worth are kept, the newest
 * (at least fanin of them, whole levels) are merged into one.  0, or -1
 * (errno set) when a merged run could not be written: the events of the
 * runs merged are then lost, which the caller must treat as fatal.
 */
int	 bo_runs_add(struct bo_runs *, FILE *);
void	 bo_runs_free(struct bo_runs *);

/*
 * The next event of source i, or NULL at its end or when it could not be
 * read (then *err is set).  The event must stay valid until the next call
 * for the same source.
 */
typedef const struct bo_event *(*bo_merge_next_fn)(void *arg, size_t i,
	    int *err);

/*
 * The k-way merge itself: puts n sources, each sorted, into sink in
 * bo_event_cmp order; on equal events the lower source goes first, so the
 * order is the same however the heap falls.  0; -1 when the sink asked to
 * stop; -2 when a source could not be read (no source is read further).
 */
int	 bo_merge_sources(size_t n, bo_merge_next_fn, void *arg,
	    struct bo_sink);

/*
 * Merges the runs (taken: closed here) and the stores (sorted here) into
 * sink.  0; -1 when the sink asked to stop; -2 when a run could not be
 * read back.
 */
int	 bo_merge(struct bo_runs *, struct bo_evstore **, size_t nstores,
	    struct bo_sink);

#endif
