#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/util.h"

#define ARENA_CHUNK	(64u * 1024)
#define ARENA_ALIGN	16

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;
	_Alignas(16) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->spare = NULL;
	a->used = 0;
	a->total = 0;
}

static void
chunks_free(struct arena_chunk *c)
{
	struct arena_chunk *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

void
arena_free(struct arena *a)
{
	chunks_free(a->head);
	chunks_free(a->spare);
	arena_init(a);
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c, *next;

	/* Only standard chunks are worth keeping: an oversized one was
	 * made for one large value. */
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (c->size == ARENA_CHUNK) {
			c->next = a->spare;
			a->spare = c;
		} else
			free(c);
	}
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void
arena_trim(struct arena *a)
{
	chunks_free(a->spare);
	a->spare = NULL;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c;
	size_t size;
	void *p;

	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	if (a->head == NULL || a->head->size - a->used < n) {
		size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		if (size == ARENA_CHUNK && a->spare != NULL) {
			c = a->spare;
			a->spare = c->next;
		} else {
			c = xmalloc(sizeof(*c) + size);
			c->size = size;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
	}
	p = a->head->data + a->used;
	a->used += n;
	a->total += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

/* Open addressing with linear probing; FNV-1a hashes. */
struct intern {
	struct arena	  arena;
	const char	**slots;
	uint32_t	 *hashes;
	size_t		  cap;
	size_t		  count;
};

uint32_t
str_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct intern *
intern_new(void)
{
	struct intern *in = xcalloc(1, sizeof(*in));

	arena_init(&in->arena);
	in->cap = 1024;
	in->slots = xcalloc(in->cap, sizeof(*in->slots));
	in->hashes = xcalloc(in->cap, sizeof(*in->hashes));
	return in;
}

void
intern_free(struct intern *in)
{
	if (in == NULL)
		return;
	arena_free(&in->arena);
	free(in->slots);
	free(in->hashes);
	free(in);
}

static void
intern_rehash(struct intern *in)
{
	size_t ncap = in->cap * 2, i, j;
	const char **slots = xcalloc(ncap, sizeof(*slots));
	uint32_t *hashes = xcalloc(ncap, sizeof(*hashes));

	for (i = 0; i < in->cap; i++) {
		if (in->slots[i] == NULL)
			continue;
		j = in->hashes[i] & (ncap - 1);
		while (slots[j] != NULL)
			j = (j + 1) & (ncap - 1);
		slots[j] = in->slots[i];
		hashes[j] = in->hashes[i];
	}
	free(in->slots);
	free(in->hashes);
	in->slots = slots;
	in->hashes = hashes;
	in->cap = ncap;
}

const char *
intern_strn(struct intern *in, const char *s, size_t n)
{
	uint32_t h;
	size_t i;

	if (s == NULL)
		return NULL;
	if ((in->count + 1) * 2 > in->cap)
		intern_rehash(in);
	h = str_hash(s, n);
	i = h & (in->cap - 1);
	while (in->slots[i] != NULL) {
		/* memchr: a stored string is never longer than its
		 * allocation, whatever NULs the probe holds. */
		if (in->hashes[i] == h &&
		    memchr(in->slots[i], '\0', n) == NULL &&
		    in->slots[i][n] == '\0' &&
		    memcmp(in->slots[i], s, n) == 0)
			return in->slots[i];
		i = (i + 1) & (in->cap - 1);
	}
	in->slots[i] = arena_strndup(&in->arena, s, n);
	in->hashes[i] = h;
	in->count++;
	return in->slots[i];
}

const char *
intern_str(struct intern *in, const char *s)
{
	return s == NULL ? NULL : intern_strn(in, s, strlen(s));
}

size_t
intern_count(const struct intern *in)
{
	return in->count;
}
