#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <blackout/blackout.h>

#include "event/merge.h"
#include "event/spill.h"
#include "util/util.h"

/*
 * A quarter of the soft limit on open files may hold runs (the rest is for
 * inputs, archives, threads and stdio), at most 256: runs are hundreds of
 * MB each, so a wider merge gains nothing.
 */
size_t
bo_merge_budget(void)
{
	struct rlimit rl;
	rlim_t n = 1024;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		n = rl.rlim_cur;
	n /= 4;
	if (n > 256)
		n = 256;
	return n < 4 ? 4 : (size_t)n;
}

/* A round merges at least a quarter of the budget, so that a few rounds'
 * runs together stay within it. */
size_t
bo_merge_fanin(void)
{
	return bo_merge_budget() / 4 < 2 ? 2 : bo_merge_budget() / 4;
}

/* One sorted source: a run on disk or a store. */
struct source {
	struct bo_spill_reader	*run;
	struct bo_evstore	*store;
	size_t			 next;
};

static const struct bo_event *
source_next(void *arg, size_t i, int *err)
{
	struct source *src = (struct source *)arg + i;

	if (src->run != NULL)
		return bo_spill_next(src->run, err);
	return bo_evstore_get(src->store, src->next++);
}

static int
heap_less(const struct bo_event *const *cur, size_t a, size_t b)
{
	int c = bo_event_cmp(cur[a], cur[b]);

	return c < 0 || (c == 0 && a < b);
}

static void
heap_down(const struct bo_event *const *cur, size_t *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < n && heap_less(cur, h[l], h[m]))
			m = l;
		if (l + 1 < n && heap_less(cur, h[l + 1], h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

int
bo_merge_sources(size_t n, bo_merge_next_fn next, void *arg,
    struct bo_sink sink)
{
	const struct bo_event **cur = xcalloc(n ? n : 1, sizeof(*cur));
	size_t *heap = xcalloc(n ? n : 1, sizeof(*heap)), nheap = 0, i;
	int rc = 0, err = 0;

	for (i = 0; i < n && !err; i++)
		if ((cur[i] = next(arg, i, &err)) != NULL)
			heap[nheap++] = i;
	for (i = nheap; i-- > 0;)
		heap_down(cur, heap, nheap, i);
	while (nheap > 0 && !err) {
		size_t top = heap[0];

		if (sink.event(sink.arg, cur[top]) != 0) {
			rc = -1;
			break;
		}
		if ((cur[top] = next(arg, top, &err)) == NULL)
			heap[0] = heap[--nheap];
		heap_down(cur, heap, nheap, 0);
	}
	free(cur);
	free(heap);
	return err ? -2 : rc;
}

/* Merges runs (taken) and stores into sink; see bo_merge. */
static int
merge_into(FILE **runs, size_t nruns, struct bo_evstore **st, size_t nst,
    struct bo_sink sink)
{
	size_t nsrc = nruns + nst, i;
	struct source *src = xcalloc(nsrc ? nsrc : 1, sizeof(*src));
	int rc;

	for (i = 0; i < nruns; i++)
		src[i].run = bo_spill_reader_new(runs[i]);
	for (i = 0; i < nst; i++) {
		src[nruns + i].store = st[i];
		bo_evstore_sort(st[i]);
	}
	rc = bo_merge_sources(nsrc, source_next, src, sink);
	for (i = 0; i < nsrc; i++)
		bo_spill_reader_free(src[i].run);
	free(src);
	return rc;
}

static int
put_run(void *arg, const struct bo_event *ev)
{
	return bo_spill_put(arg, ev);
}

/* Merges n runs (closed here) into one new run, or NULL (errno set). */
static FILE *
merge_runs(FILE **runs, size_t n)
{
	struct bo_spill_writer *w;
	struct bo_sink sink;
	FILE *f;
	int rc;

	if ((w = bo_spill_writer_new()) == NULL)
		return NULL;
	sink.event = put_run;
	sink.arg = w;
	rc = merge_into(runs, n, NULL, 0, sink);
	f = bo_spill_finish(w);
	if (rc != 0 && f != NULL) {
		fclose(f);
		errno = EIO;
		f = NULL;
	}
	return f;
}

/* Merges the runs from first on into one of the given level. */
static int
runs_fold(struct bo_runs *r, size_t first, unsigned level)
{
	FILE *f = merge_runs(r->f + first, r->n - first);

	/* the merged runs were closed: on failure their events are gone */
	r->n = first;
	if (f == NULL)
		return -1;
	r->f[r->n] = f;
	r->level[r->n++] = level;
	return 0;
}

int
bo_runs_add(struct bo_runs *r, FILE *f)
{
	size_t fanin = bo_merge_fanin(), first;
	unsigned level;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = xreallocarray(r->f, r->cap, sizeof(*r->f));
		r->level = xreallocarray(r->level, r->cap, sizeof(*r->level));
	}
	r->f[r->n] = f;
	r->level[r->n++] = 0;
	/*
	 * Runs are merged only when the budget is reached: the final merge
	 * reads them all at once, and every round before it writes its
	 * events again.  Levels only fall along the list (the runs of the
	 * newest level are the last ones), so folding the newest levels,
	 * at least fanin runs of them, keeps the rounds balanced: an event
	 * goes through a round only once per budget of runs before it.
	 */
	if (r->n < bo_merge_budget())
		return 0;
	first = r->n;
	do {
		level = r->level[first - 1];
		while (first > 0 && r->level[first - 1] == level)
			first--;
	} while (first > 0 && r->n - first < fanin);
	return runs_fold(r, first, r->level[first] + 1);
}

void
bo_runs_free(struct bo_runs *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->f[i] != NULL)
			fclose(r->f[i]);
	free(r->f);
	free(r->level);
	memset(r, 0, sizeof(*r));
}

int
bo_merge(struct bo_runs *r, struct bo_evstore **st, size_t nst,
    struct bo_sink sink)
{
	int rc = merge_into(r->f, r->n, st, nst, sink);

	r->n = 0;	/* the readers closed them */
	return rc;
}
