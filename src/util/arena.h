/*
 * Arena allocation for per-batch data (events of one run), and an interner
 * for repeated strings (collectors, peers, kinds, member paths).  Nothing
 * allocated here is freed on its own; the whole arena goes at once.
 */
#ifndef BO_ARENA_H
#define BO_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;
	struct arena_chunk	*spare;		/* kept by arena_reset */
	size_t			 used;		/* in head */
	size_t			 total;		/* bytes handed out */
};

void	 arena_init(struct arena *);
void	 arena_free(struct arena *);
/* Forgets what was handed out but keeps the chunks for the next batch:
 * a store filled and emptied batch after batch would otherwise give its
 * memory back and fault the same pages in again. */
void	 arena_reset(struct arena *);
/* Gives back the chunks arena_reset kept. */
void	 arena_trim(struct arena *);
void	*arena_alloc(struct arena *, size_t) __attribute__((malloc));
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);

struct intern;

/* FNV-1a of n bytes: the interner's hash, for tables of names. */
uint32_t	 str_hash(const char *, size_t n);

struct intern	*intern_new(void);
void		 intern_free(struct intern *);
/* Returns the one stored copy of s; NULL gives NULL. */
const char	*intern_str(struct intern *, const char *s);
const char	*intern_strn(struct intern *, const char *s, size_t n);
size_t		 intern_count(const struct intern *);

#endif /* BO_ARENA_H */
