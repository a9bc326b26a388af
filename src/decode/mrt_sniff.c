#include "config.h"

#include "decode/mrt_parse.h"
#include "decode/mrt_sniff.h"
#include "util/cursor.h"

/*
 * Up to three headers in a row must make sense: a type and subtype the
 * parser knows (or an OSPF/IS-IS type it can at least name) and a length
 * below the parser's limit.  A record running past the sniffed bytes ends
 * the check.
 */
int
mrt_sniff(const uint8_t *p, size_t n)
{
	struct cursor c;
	uint32_t ts, len;
	uint16_t type, sub;
	int seen = 0;

	cur_init(&c, p, n, 0);
	while (seen < 3) {
		/* timestamp, type, subtype, length */
		if (cur_u32(&c, &ts) != 0 || cur_u16(&c, &type) != 0 ||
		    cur_u16(&c, &sub) != 0 || cur_u32(&c, &len) != 0)
			break;
		if (!mrt_type_known(type, sub) || len > MRT_MAX_RECORD)
			return 0;
		seen++;
		if (cur_skip(&c, len) != 0)
			break;
	}
	return seen > 0;
}
