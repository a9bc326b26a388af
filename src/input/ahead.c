/*
 * A bounded ring between one producer thread (decompressing) and one
 * reader (libarchive and the decoders).  Every result the producer gets,
 * bytes, end or damage, travels in its slot with the state it left, so
 * nothing the reader sees depends on how far ahead the producer is: the
 * producer's own fields are never read by the reader while it runs.
 * Memory is the ring: slots times the block size.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "input/ahead.h"
#include "util/util.h"

struct slot {
	uint8_t			*data;
	ssize_t			 n;
	struct bo_ahead_state	 st;
};

struct bo_ahead {
	bo_ahead_fn		 fn;
	void			*arg;
	size_t			 block;
	struct slot		*slot;
	unsigned		 nslots;
	/* under mu */
	unsigned		 head;		/* next slot the reader takes */
	unsigned		 count;		/* filled, not yet taken */
	int			 held;		/* the reader's last slot */
	int			 stop;
	pthread_mutex_t		 mu;
	pthread_cond_t		 filled;
	pthread_cond_t		 freed;
	pthread_t		 tid;
	/* the reader's own */
	int			 ended;
	struct bo_ahead_state	 last;
};

static void *
ahead_main(void *arg)
{
	struct bo_ahead *h = arg;
	struct slot *s;
	unsigned w;
	ssize_t n;

	for (;;) {
		pthread_mutex_lock(&h->mu);
		/* the slot the reader holds is still being read */
		while (!h->stop && h->count + (unsigned)h->held >= h->nslots)
			pthread_cond_wait(&h->freed, &h->mu);
		if (h->stop) {
			pthread_mutex_unlock(&h->mu);
			break;
		}
		w = (h->head + h->count) % h->nslots;
		pthread_mutex_unlock(&h->mu);
		/* slot w is neither filled nor held: ours alone until
		 * published */
		s = &h->slot[w];
		n = h->fn(h->arg, s->data, h->block, &s->st);
		s->n = n;
		pthread_mutex_lock(&h->mu);
		h->count++;
		pthread_cond_signal(&h->filled);
		pthread_mutex_unlock(&h->mu);
		if (n <= 0)
			break;
	}
	return NULL;
}

struct bo_ahead *
bo_ahead_new(bo_ahead_fn fn, void *arg, size_t block, unsigned slots)
{
	struct bo_ahead *h = xcalloc(1, sizeof(*h));
	unsigned i;

	h->fn = fn;
	h->arg = arg;
	h->block = block;
	/* one slot is the reader's, one at least the producer's */
	h->nslots = slots < 2 ? 2 : slots;
	h->slot = xcalloc(h->nslots, sizeof(*h->slot));
	for (i = 0; i < h->nslots; i++)
		h->slot[i].data = xmalloc(block);
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->filled, NULL);
	pthread_cond_init(&h->freed, NULL);
	if (pthread_create(&h->tid, NULL, ahead_main, h) != 0) {
		pthread_cond_destroy(&h->freed);
		pthread_cond_destroy(&h->filled);
		pthread_mutex_destroy(&h->mu);
		for (i = 0; i < h->nslots; i++)
			free(h->slot[i].data);
		free(h->slot);
		free(h);
		return NULL;
	}
	return h;
}

ssize_t
bo_ahead_read(struct bo_ahead *h, const void **buf, struct bo_ahead_state *st)
{
	struct slot *s;

	if (h->ended) {
		/* as the function itself would: 0 again, nothing changed */
		*buf = NULL;
		*st = h->last;
		return 0;
	}
	pthread_mutex_lock(&h->mu);
	if (h->held) {
		h->held = 0;
		pthread_cond_signal(&h->freed);
	}
	while (h->count == 0)
		pthread_cond_wait(&h->filled, &h->mu);
	s = &h->slot[h->head];
	h->head = (h->head + 1) % h->nslots;
	h->count--;
	h->held = 1;
	pthread_mutex_unlock(&h->mu);
	*buf = s->data;
	*st = h->last = s->st;
	if (s->n <= 0) {
		h->ended = 1;
		return 0;
	}
	return s->n;
}

void
bo_ahead_free(struct bo_ahead *h)
{
	unsigned i;

	if (h == NULL)
		return;
	pthread_mutex_lock(&h->mu);
	h->stop = 1;
	pthread_cond_signal(&h->freed);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->tid, NULL);
	pthread_cond_destroy(&h->freed);
	pthread_cond_destroy(&h->filled);
	pthread_mutex_destroy(&h->mu);
	for (i = 0; i < h->nslots; i++)
		free(h->slot[i].data);
	free(h->slot);
	free(h);
}
