#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <blackout/event.h>

#include "util/arena.h"
#include "util/util.h"

/* The names of the last event added, as given and as stored: the next
 * event mostly repeats them, often from the same buffer. */
enum { L_KIND, L_COLL, L_PEER, L_INPUT, L_MEMBER, L__N };

struct bo_evstore {
	struct arena	  arena;	/* attrs arrays and free text */
	struct intern	 *strings;	/* repeated names */
	const char	 *last_src[L__N];
	const char	 *last_dst[L__N];
	struct bo_event	**evs;		/* pointers: sorting moves 8 bytes */
	size_t		  n;
	size_t		  cap;
};

struct bo_evstore *
bo_evstore_new(void)
{
	struct bo_evstore *st = xcalloc(1, sizeof(*st));

	arena_init(&st->arena);
	st->strings = intern_new();
	return st;
}

void
bo_evstore_free(struct bo_evstore *st)
{
	if (st == NULL)
		return;
	arena_free(&st->arena);
	intern_free(st->strings);
	free(st->evs);
	free(st);
}

static const char *
intern_last(struct bo_evstore *st, int k, const char *s)
{
	/* a buffer reused for another name fails the compare */
	if (s == NULL || (s == st->last_src[k] && str_is(st->last_dst[k], s)))
		return s == NULL ? NULL : st->last_dst[k];
	st->last_src[k] = s;
	return st->last_dst[k] = intern_str(st->strings, s);
}

void
bo_evstore_add(struct bo_evstore *st, const struct bo_event *src)
{
	struct bo_event *ev;
	struct bo_attr *attrs = NULL;
	size_t i;

	ev = arena_alloc(&st->arena, sizeof(*ev));
	*ev = *src;
	/* Names repeat across events; free text does not. */
	ev->kind = intern_last(st, L_KIND, src->kind);
	ev->collector = intern_last(st, L_COLL, src->collector);
	ev->peer = intern_last(st, L_PEER, src->peer);
	ev->host = intern_str(st->strings, src->host);
	ev->country = intern_str(st->strings, src->country);
	ev->actor = intern_str(st->strings, src->actor);
	ev->action = intern_str(st->strings, src->action);
	ev->target = intern_str(st->strings, src->target);
	ev->text = arena_strdup(&st->arena, src->text);
	ev->prov.input = intern_last(st, L_INPUT, src->prov.input);
	ev->prov.member = intern_last(st, L_MEMBER, src->prov.member);
	if (src->nattrs > 0) {
		attrs = arena_alloc(&st->arena, src->nattrs * sizeof(*attrs));
		for (i = 0; i < src->nattrs; i++) {
			attrs[i].key = intern_str(st->strings,
			    src->attrs[i].key);
			attrs[i].value = arena_strdup(&st->arena,
			    src->attrs[i].value);
		}
	}
	ev->attrs = attrs;
	xgrow(&st->evs, &st->cap, st->n, sizeof(*st->evs));
	st->evs[st->n++] = ev;
}

void
bo_evstore_clear(struct bo_evstore *st)
{
	/* Names stay interned: the next batch repeats them. */
	arena_free(&st->arena);
	free(st->evs);
	st->evs = NULL;
	st->n = 0;
	st->cap = 0;
}

void
bo_evstore_reset(struct bo_evstore *st)
{
	arena_reset(&st->arena);
	st->n = 0;
}

void
bo_evstore_trim(struct bo_evstore *st)
{
	arena_trim(&st->arena);
	if (st->n == 0) {
		free(st->evs);
		st->evs = NULL;
		st->cap = 0;
	}
}

size_t
bo_evstore_count(const struct bo_evstore *st)
{
	return st->n;
}

const struct bo_event *
bo_evstore_get(const struct bo_evstore *st, size_t i)
{
	return i < st->n ? st->evs[i] : NULL;
}

static int
cmp_ptr(const void *a, const void *b)
{
	const struct bo_event *const *x = a, *const *y = b;

	return bo_event_cmp(*x, *y);
}

void
bo_evstore_sort(struct bo_evstore *st)
{
	/* bo_event_cmp is a total order over distinct events (seq breaks
	 * ties within a member), so qsort's instability cannot show. */
	if (st->n > 0)
		qsort(st->evs, st->n, sizeof(*st->evs), cmp_ptr);
}

static int
evstore_sink_fn(void *arg, const struct bo_event *ev)
{
	bo_evstore_add(arg, ev);
	return 0;
}

struct bo_sink
bo_evstore_sink(struct bo_evstore *st)
{
	struct bo_sink s = { evstore_sink_fn, st };

	return s;
}
