/*
 * MRT values as text (decode/mrt_text.c).  Each writes without a NUL and
 * returns the length.
 */
#ifndef BO_MRT_TEXT_H
#define BO_MRT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "decode/mrt_parse.h"

#define MRT_ASPATH_MAX	8000	/* bgpdump's MAX_ASPATH_LEN */

extern const char mrt_digits2[201];

/* Inline: a line of `mrt dump -m` writes a dozen numbers or more. The
 * length is known first, so the digits go straight to d, two at a time. */
static inline size_t
mrt_put_u32(char *d, uint32_t v)
{
	size_t n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 :
	    v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 :
	    v < 100000000 ? 8 : v < 1000000000 ? 9 : 10, i = n;

	while (v >= 100) {
		unsigned r = v % 100;

		v /= 100;
		d[--i] = mrt_digits2[2 * r + 1];
		d[--i] = mrt_digits2[2 * r];
	}
	if (v >= 10) {
		d[1] = mrt_digits2[2 * v + 1];
		d[0] = mrt_digits2[2 * v];
	} else
		d[0] = (char)('0' + v);
	return n;
}
/* Lower-case hex of a 16-bit group, no leading zeros. */
size_t	 mrt_put_hex16(char *, unsigned);
size_t	 mrt_put_ip4(char *, const uint8_t *);
/* Like glibc inet_ntop(AF_INET6): longest zero run, IPv4-mapped and
 * -compatible forms.  At most 45 bytes. */
size_t	 mrt_put_ip6(char *, const uint8_t *);
size_t	 mrt_put_addr(char *, const struct mrt_addr *);
/* The AS path as bgpdump writes it (the text of an event's as_path too);
 * at most cap bytes, cap at least MRT_ASPATH_MAX + 16. */
size_t	 mrt_put_aspath(char *, size_t cap, const struct mrt_aspath *);

#endif /* BO_MRT_TEXT_H */
