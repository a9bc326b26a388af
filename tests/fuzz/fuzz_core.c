/* Core parsers of untrusted text: content sniffing (MRT header sanity,
 * JSON/XML/text), prefixes, times, AS numbers and JSON escaping. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/event.h>

#include "decode/decoder.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bo_prefix p;
	struct buf b;
	char *s;
	int64_t t;
	uint32_t as;
	char out[64];

	(void)bo_sniff_bytes(data, size);
	s = xstrndup((const char *)data, size);
	if (bo_prefix_parse(s, &p) == 0) {
		struct bo_prefix q;

		bo_prefix_format(&p, out, sizeof(out));
		/* a formatted prefix parses back to itself */
		if (bo_prefix_parse(out, &q) != 0 || bo_prefix_cmp(&p, &q) != 0)
			abort();
	}
	if (parse_time_arg(s, &t) == 0)
		fmt_time_utc(t, 1, out, sizeof(out));
	(void)parse_asn(s, &as);
	buf_init(&b);
	buf_add_json_strn(&b, (const char *)data, size);
	buf_free(&b);
	free(s);
	return 0;
}
