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
 * A quarter of the soft limit on open files goes to one round (the rest
 * is for inputs, archives, threads and stdio), at most 64: runs are
 * hundreds of MB each, so a wider merge gains nothing.
 */
size_t
bo_merge_fanin(void)
{
	struct rlimit rl;
	rlim_t n = 256;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		n = rl.rlim_cur;
	n /= 4;
	if (n > 64)
		n = 64;
	return n < 2 ? 2 : (size_t)n;
}

/* One sorted source: a run on disk or a store. */
struct source {
	struct bo_spill_reader	*run;
	struct bo_evstore	*store;
	size_t			 next;
	const struct bo_event	*cur;
};

static int
source_advance(struct source *src, int *err)
{
	if (src->run != NULL)
		src->cur = bo_spill_next(src->run, err);
	else
		src->cur = bo_evstore_get(src->store, src->next++);
	return src->cur != NULL;
}

static int
heap_less(struct source *s, size_t a, size_t b)
{
	return bo_event_cmp(s[a].cur, s[b].cur) < 0;
}

static void
heap_down(struct source *s, size_t *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < n && heap_less(s, h[l], h[m]))
			m = l;
		if (l + 1 < n && heap_less(s, h[l + 1], h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Merges runs (taken) and stores into sink; see bo_merge. */
static int
merge_into(FILE **runs, size_t nruns, struct bo_evstore **st, size_t nst,
    struct bo_sink sink)
{
	size_t nsrc = nruns + nst, nheap = 0, i;
	struct source *src = xcalloc(nsrc ? nsrc : 1, sizeof(*src));
	size_t *heap = xcalloc(nsrc ? nsrc : 1, sizeof(*heap));
	int rc = 0, err = 0;

	for (i = 0; i < nruns; i++)
		src[i].run = bo_spill_reader_new(runs[i]);
	for (i = 0; i < nst; i++) {
		src[nruns + i].store = st[i];
		bo_evstore_sort(st[i]);
	}
	for (i = 0; i < nsrc; i++)
		if (source_advance(&src[i], &err))
			heap[nheap++] = i;
	for (i = nheap; i-- > 0;)
		heap_down(src, heap, nheap, i);
	while (nheap > 0 && rc == 0 && !err) {
		struct source *top = &src[heap[0]];

		if (sink.event(sink.arg, top->cur) != 0)
			rc = -1;
		else if (!source_advance(top, &err))
			heap[0] = heap[--nheap];
		heap_down(src, heap, nheap, 0);
	}
	for (i = 0; i < nsrc; i++)
		bo_spill_reader_free(src[i].run);
	free(src);
	free(heap);
	return err ? -2 : rc;
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

int
bo_runs_add(struct bo_runs *r, FILE *f)
{
	size_t fanin = bo_merge_fanin(), first;
	unsigned level = 0;

	for (;;) {
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 16;
			r->f = xreallocarray(r->f, r->cap, sizeof(*r->f));
			r->level = xreallocarray(r->level, r->cap,
			    sizeof(*r->level));
		}
		r->f[r->n] = f;
		r->level[r->n++] = level;
		/* Levels only fall along the list, as digits of a counter:
		 * the runs of the newest level are the last ones. */
		first = r->n;
		while (first > 0 && r->level[first - 1] == level)
			first--;
		if (r->n - first < fanin)
			return 0;
		if ((f = merge_runs(r->f + first, r->n - first)) == NULL) {
			/* the merged runs were closed: their events are gone */
			r->n = first;
			return -1;
		}
		r->n = first;
		level++;
	}
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
