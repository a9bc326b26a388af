#include "config.h"
#include "rules/rules_private.h"
int
rdecode_csv(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	(void)dc;
	(void)s;
	return -1;
}
