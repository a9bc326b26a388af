/* The input layer's own parsing of untrusted bytes: gzip and bzip2
 * streams through recover.c (several streams, trailing bytes, damage),
 * and the escaping of member names. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/recover.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct src {
	const uint8_t	*p;
	size_t		 left;
};

/* Odd chunk sizes, as an archive entry gives them. */
static ssize_t
src_read(void *arg, void *buf, size_t n)
{
	struct src *s = arg;

	if (n > s->left)
		n = s->left;
	if (n > 7777)
		n = 7777;
	memcpy(buf, s->p, n);
	s->p += n;
	s->left -= n;
	return (ssize_t)n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[65536];
	struct bo_recover *r;
	struct src s;
	char *name;
	int kind;
	size_t total;
	ssize_t n;

	for (kind = BO_RECOVER_GZIP; kind <= BO_RECOVER_BZIP2; kind++) {
		s.p = data;
		s.left = size;
		r = bo_recover_new(kind, src_read, &s);
		/* a bomb in the corpus must not stall the run */
		for (total = 0; total < (64u << 20); total += (size_t)n)
			if ((n = bo_recover_read(r, out, sizeof(out))) <= 0)
				break;
		(void)bo_recover_damage(r);
		bo_recover_close(r);
	}
	(void)bo_recover_kind(data, size);
	name = xstrndup((const char *)data, size);
	free(name_escape(name));
	free(name);
	return 0;
}
