/*
 * Big-endian writers matching the cursor's getters, for the run file and
 * what it carries (diagnostics).  Strings are length + 1, then the bytes
 * and their NUL; 0 stands for NULL.
 */
#ifndef BO_WIRE_H
#define BO_WIRE_H

#include <stdint.h>
#include <string.h>

#include "util/cursor.h"
#include "util/util.h"

static inline void
wire_put32(struct buf *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	buf_add(b, x, 4);
}

static inline void
wire_put64(struct buf *b, uint64_t v)
{
	wire_put32(b, (uint32_t)(v >> 32));
	wire_put32(b, (uint32_t)v);
}

static inline void
wire_putstr(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		wire_put32(b, 0);
		return;
	}
	n = strlen(s);
	wire_put32(b, (uint32_t)n + 1);
	buf_add(b, s, n + 1);
}

/* A string written by wire_putstr, pointing into the cursor's bytes. */
static inline CUR_WUR int
wire_getstr(struct cursor *c, const char **out)
{
	uint32_t n;
	const uint8_t *p;

	if (cur_u32(c, &n) != 0)
		return -1;
	if (n == 0) {
		*out = NULL;
		return 0;
	}
	if (cur_bytes(c, n, &p) != 0 || p[n - 1] != '\0')
		return -1;
	*out = (const char *)p;
	return 0;
}

/* A count of items each at least min bytes long: no count can claim more
 * items than the bytes left could hold. */
static inline CUR_WUR int
wire_count(struct cursor *c, size_t min, uint32_t *n)
{
	if (cur_u32(c, n) != 0 || (uint64_t)*n * min > cur_left(c))
		return -1;
	return 0;
}

#endif
