#include "config.h"

#include <ctype.h>
#include <string.h>

#include "decode/decoder.h"
#include "decode/mrt_sniff.h"

static const char *sniff_names[BO_SNIFF__COUNT] = {
	"empty", "mrt", "bgpdump-text", "json", "xml", "text", "binary",
};

const char *
bo_sniff_name(enum bo_sniff_type t)
{
	return (unsigned)t < BO_SNIFF__COUNT ? sniff_names[t] : "?";
}

static int
has_prefix(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);

	return n >= k && memcmp(p, s, k) == 0;
}

/* Share of bytes that are printable ASCII, white space or UTF-8. */
static int
looks_textual(const uint8_t *p, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' &&
		    p[i] != '\t' && p[i] != '\f')
			bad++;
	}
	return bad * 20 <= n;
}

/*
 * '[' opens a JSON array, but also `ping -D` lines ("[1419264900.000000]
 * 64 bytes from ...") and many log formats.  In JSON, a closing ']' can
 * only be followed by ',', ']', '}' or the end.
 */
static int
json_array_head(const uint8_t *p, size_t n)
{
	size_t i = 1;

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	if (i >= n || p[i] == '{' || p[i] == '[' || p[i] == '"' || p[i] == ']')
		return 1;
	while (i < n && p[i] != ']' && p[i] != '\n')
		i++;
	if (i >= n || p[i] == '\n')
		return 1;
	i++;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i >= n || p[i] == ',' || p[i] == ']' || p[i] == '}' ||
	    p[i] == '\n' || p[i] == '\r';
}

enum bo_sniff_type
bo_sniff_bytes(const uint8_t *p, size_t n)
{
	static const char *bgpdump_heads[] = { "TABLE_DUMP|", "TABLE_DUMP2|",
	    "TABLE_DUMP_V2|", "BGP4MP|", "BGP4MP_ET|", "BGP|" };
	size_t i, skip = 0;

	if (n == 0)
		return BO_SNIFF_EMPTY;
	if (mrt_sniff(p, n))
		return BO_SNIFF_MRT;
	/* Log rotation (copytruncate) and preallocation leave runs of NUL
	 * bytes before a log's text: what follows them decides. */
	while (skip < n && p[skip] == 0)
		skip++;
	if (skip == n)
		return BO_SNIFF_BINARY;
	p += skip;
	n -= skip;
	skip = 0;
	for (i = 0; i < sizeof(bgpdump_heads) / sizeof(bgpdump_heads[0]); i++)
		if (has_prefix(p, n, bgpdump_heads[i]))
			return BO_SNIFF_BGPDUMP;
	if (has_prefix(p, n, "\xef\xbb\xbf"))
		skip = 3;
	while (skip < n && (p[skip] == ' ' || p[skip] == '\t' ||
	    p[skip] == '\r' || p[skip] == '\n'))
		skip++;
	if (!looks_textual(p, n))
		return BO_SNIFF_BINARY;
	if (skip < n && p[skip] == '{')
		return BO_SNIFF_JSON;
	if (skip < n && p[skip] == '[')
		return json_array_head(p + skip, n - skip) ? BO_SNIFF_JSON :
		    BO_SNIFF_TEXT;
	/* An XML document opens with a declaration, a comment, a doctype or
	 * an element; syslog's "<34>1 2003-10-11T22:14:15Z ..." is text. */
	if (skip + 1 < n && p[skip] == '<' && (p[skip + 1] == '?' ||
	    p[skip + 1] == '!' || p[skip + 1] == '_' ||
	    isalpha(p[skip + 1])))
		return BO_SNIFF_XML;
	return BO_SNIFF_TEXT;
}
