#include "config.h"

#include "decode/mrt_sniff.h"

/* RFC 6396 types, and the deprecated ones still found in old archives. */
static int
mrt_type_ok(unsigned type, unsigned subtype)
{
	switch (type) {
	case 5:		/* BGP (deprecated, RIS 1999-2001) */
		return subtype <= 7;
	case 11:	/* OSPFv2 */
	case 32:	/* ISIS */
	case 33:
	case 48:	/* OSPFv3 */
	case 49:
		return 1;
	case 12:	/* TABLE_DUMP */
		return subtype == 1 || subtype == 2;
	case 13:	/* TABLE_DUMP_V2 */
		return subtype >= 1 && subtype <= 12;
	case 16:	/* BGP4MP */
	case 17:	/* BGP4MP_ET */
		return subtype <= 11;
	default:
		return 0;
	}
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

int
mrt_sniff(const uint8_t *p, size_t n)
{
	size_t off = 0;
	int seen = 0;

	/* Up to three headers in a row must make sense. */
	while (seen < 3 && n - off >= 12) {
		unsigned type = (unsigned)p[off + 4] << 8 | p[off + 5];
		unsigned sub = (unsigned)p[off + 6] << 8 | p[off + 7];
		uint32_t len = be32(p + off + 8);

		if (!mrt_type_ok(type, sub) || len > (1u << 24))
			return 0;
		seen++;
		if (len > n - off - 12)
			break;
		off += 12 + len;
	}
	return seen > 0;
}
