#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gen.h"

/*
 * splitmix64 (Steele, Lea, Flood 2014): tiny, fast and of good enough
 * quality for test data.  Each part of the output draws from its own stream,
 * seeded from the scenario seed and a stream name, so that adding a probe
 * does not change the BGP churn and vice versa.
 */
uint64_t
gen_hash(uint64_t seed, const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;	/* FNV-1a, seeded */

	for (; *s != '\0'; s++) {
		h ^= (uint8_t)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
prng_seed(struct prng *r, uint64_t seed, const char *stream)
{
	r->s = gen_hash(seed, stream);
	(void)prng_next(r);
}

uint64_t
prng_next(struct prng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t
prng_below(struct prng *r, uint32_t n)
{
	if (n == 0)
		return 0;
	/* The modulo bias over 2^64 is far below anything a test can see. */
	return (uint32_t)(prng_next(r) % n);
}

double
prng_unit(struct prng *r)
{
	return (double)(prng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

int64_t
prng_range(struct prng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(prng_next(r) % (uint64_t)(hi - lo + 1));
}

void
wb_init(struct wbuf *w, uint8_t *mem, size_t cap)
{
	w->p = mem;
	w->len = 0;
	w->cap = cap;
	w->overflow = 0;
}

void
wb_bytes(struct wbuf *w, const void *p, size_t n)
{
	if (w->overflow || w->cap - w->len < n) {
		w->overflow = 1;
		return;
	}
	memcpy(w->p + w->len, p, n);
	w->len += n;
}

void
wb_u8(struct wbuf *w, uint8_t v)
{
	wb_bytes(w, &v, 1);
}

void
wb_u16(struct wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	wb_bytes(w, b, sizeof(b));
}

void
wb_u32(struct wbuf *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	wb_bytes(w, b, sizeof(b));
}

void
wb_patch_u16(struct wbuf *w, size_t at, uint16_t v)
{
	if (w->overflow || at > w->len || w->len - at < 2) {
		w->overflow = 1;
		return;
	}
	w->p[at] = (uint8_t)(v >> 8);
	w->p[at + 1] = (uint8_t)v;
}

void
wb_patch_u32(struct wbuf *w, size_t at, uint32_t v)
{
	if (w->overflow || at > w->len || w->len - at < 4) {
		w->overflow = 1;
		return;
	}
	w->p[at] = (uint8_t)(v >> 24);
	w->p[at + 1] = (uint8_t)(v >> 16);
	w->p[at + 2] = (uint8_t)(v >> 8);
	w->p[at + 3] = (uint8_t)v;
}

int
wb_ok(const struct wbuf *w)
{
	return !w->overflow;
}

const char *
gen_ip(uint32_t a, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255);
	return buf;
}
