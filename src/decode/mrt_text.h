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

size_t	 mrt_put_u32(char *, uint32_t);
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
