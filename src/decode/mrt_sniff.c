#include "config.h"

#include "decode/mrt_parse.h"
#include "decode/mrt_sniff.h"
#include "util/cursor.h"

/* A header the parser could frame: known type, sane length (and, when
 * found by scanning, a time after 1989).  Its length is left in *len. */
static int
hdr_ok(const uint8_t *p, size_t n, size_t at, int scan, uint32_t *len)
{
	struct cursor c;
	uint32_t ts;
	uint16_t type, sub;

	if (at > n)
		return 0;
	cur_init(&c, p + at, n - at, 0);
	/* timestamp, type, subtype, length */
	if (cur_u32(&c, &ts) != 0 || cur_u16(&c, &type) != 0 ||
	    cur_u16(&c, &sub) != 0 || cur_u32(&c, len) != 0)
		return 0;
	return mrt_type_known(type, sub) && *len <= MRT_MAX_RECORD &&
	    (!scan || ts >= 600000000u);
}

/*
 * Whether a chain of headers starts at `at`: up to three in a row make
 * sense, each starting where the one before ends or 4 bytes off (the
 * framing errors the parser repairs); a record running past the sniffed
 * bytes ends the check.  want: how many headers must be seen.
 */
static int
chain(const uint8_t *p, size_t n, size_t at, int want)
{
	uint32_t len;
	size_t end, k;
	int seen = 0;

	if (!hdr_ok(p, n, at, want > 1, &len))
		return 0;
	for (seen = 1; seen < 3; seen++) {
		end = at + 12 + (size_t)len;
		if (end + 16 > n)
			return 1;	/* runs past what was sniffed */
		for (k = end - 4; k <= end + 4; k += 4)
			if (hdr_ok(p, n, k, want > 1, &len))
				break;
		if (k > end + 4)
			return seen >= want;
		at = k;
	}
	return 1;
}

/*
 * MRT if headers chain from the first byte that is not a NUL (log rotation
 * and preallocation leave runs of them); or, when the first record is
 * damaged, if two chained headers are found further into the sniffed
 * bytes: one bad record must not hide a file from its decoder.
 */
int
mrt_sniff(const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] == 0)
		i++;
	if (i == n)
		return 0;
	/* A lone header starting the bytes is enough only when nothing
	 * follows it that could disprove it. */
	if (chain(p, n, i, 1))
		return 1;
	for (i++; i + 12 <= n; i++)
		if (chain(p, n, i, 2))
			return 1;
	return 0;
}
