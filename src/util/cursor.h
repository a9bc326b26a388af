/*
 * The bounds-checked cursor every parser of untrusted bytes reads through.
 * Each getter checks, converts and advances in one call and returns -1 when
 * the bytes are not there: never a zero-filled value, so truncation cannot
 * look like data.  Nested length-prefixed structures get a sub-cursor cut
 * to the declared length, so an attribute can never read past its own end.
 */
#ifndef BO_CURSOR_H
#define BO_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
	const uint8_t	*p;
	size_t		 len;
	size_t		 pos;
	uint64_t	 base;	/* offset of p[0] in the member stream */
};

#define CUR_WUR __attribute__((warn_unused_result))

static inline void
cur_init(struct cursor *c, const void *p, size_t len, uint64_t base)
{
	c->p = p;
	c->len = len;
	c->pos = 0;
	c->base = base;
}

static inline size_t
cur_left(const struct cursor *c)
{
	return c->len - c->pos;
}

/* The absolute stream offset of the next byte, for messages. */
static inline uint64_t
cur_offset(const struct cursor *c)
{
	return c->base + c->pos;
}

static inline const uint8_t *
cur_ptr(const struct cursor *c)
{
	return c->p + c->pos;
}

static inline CUR_WUR int
cur_skip(struct cursor *c, size_t n)
{
	if (cur_left(c) < n)
		return -1;
	c->pos += n;
	return 0;
}

static inline CUR_WUR int
cur_u8(struct cursor *c, uint8_t *v)
{
	if (cur_left(c) < 1)
		return -1;
	*v = c->p[c->pos++];
	return 0;
}

static inline CUR_WUR int
cur_u16(struct cursor *c, uint16_t *v)
{
	const uint8_t *b;

	if (cur_left(c) < 2)
		return -1;
	b = c->p + c->pos;
	*v = (uint16_t)((uint16_t)b[0] << 8 | b[1]);
	c->pos += 2;
	return 0;
}

static inline CUR_WUR int
cur_u32(struct cursor *c, uint32_t *v)
{
	const uint8_t *b;

	if (cur_left(c) < 4)
		return -1;
	b = c->p + c->pos;
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | (uint32_t)b[3];
	c->pos += 4;
	return 0;
}

static inline CUR_WUR int
cur_u64(struct cursor *c, uint64_t *v)
{
	uint32_t hi, lo;

	if (cur_left(c) < 8 || cur_u32(c, &hi) != 0 || cur_u32(c, &lo) != 0)
		return -1;
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

/* Copies n bytes out. */
static inline CUR_WUR int
cur_copy(struct cursor *c, void *dst, size_t n)
{
	if (cur_left(c) < n)
		return -1;
	memcpy(dst, c->p + c->pos, n);
	c->pos += n;
	return 0;
}

/* Points *out at the next n bytes (no copy) and advances. */
static inline CUR_WUR int
cur_bytes(struct cursor *c, size_t n, const uint8_t **out)
{
	if (cur_left(c) < n)
		return -1;
	*out = c->p + c->pos;
	c->pos += n;
	return 0;
}

/* Cuts a sub-cursor of the next n bytes and advances past them. */
static inline CUR_WUR int
cur_sub(struct cursor *c, size_t n, struct cursor *sub)
{
	if (cur_left(c) < n)
		return -1;
	cur_init(sub, c->p + c->pos, n, c->base + c->pos);
	c->pos += n;
	return 0;
}

#endif /* BO_CURSOR_H */
