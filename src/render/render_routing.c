#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_fmt.h"
#include "render/render_routing.h"
#include "util/util.h"

bool
rfmt_is_routing(const struct bo_incident *in)
{
	return in->kind != NULL && (strcmp(in->kind, "hijack") == 0 ||
	    strcmp(in->kind, "leak") == 0);
}

static char *
as_list(const uint32_t *v, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%sAS%" PRIu32, i ? ", " : "", v[i]);
	if (n == 0)
		buf_adds(&b, "unknown");
	return buf_take(&b);
}

size_t
rfmt_routing_rows(const struct bo_incident *in, struct rrow_kv *r)
{
	bool hj = strcmp(in->kind, "hijack") == 0;
	struct buf b;
	size_t n = 0, i;

	buf_init(&b);
	buf_printf(&b, "AS%" PRIu32, hj ? in->offender_as : in->leaker_as);
	if (in->upstream_as)
		buf_printf(&b, hj ? " via AS%" PRIu32 : ", upstream AS%" PRIu32,
		    in->upstream_as);
	r[n].word = hj ? "offender" : "leaker";
	r[n].label = hj ? "Offender" : "Leaker";
	r[n++].value = buf_take(&b);
	buf_printf(&b, "%zu: ", in->nprefixes);
	for (i = 0; i < in->nprefixes && i < 8; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", in->prefixes[i]);
	if (in->nprefixes > 8)
		buf_printf(&b, " and %zu more", in->nprefixes - 8);
	r[n].word = "prefixes";
	r[n].label = hj ? "Hijacked prefixes" : "Leaked prefixes";
	r[n++].value = buf_take(&b);
	r[n].word = "origins";
	r[n].label = hj ? "Target's origins" : "Origins";
	r[n++].value = as_list(in->origins, in->norigins);
	buf_printf(&b, "%" PRIu32 " of %" PRIu32 " counted peers at the "
	    "peak%s", in->peers, in->peers_total, in->unreachable ?
	    " (a majority: the more-specific drew the traffic)" : "");
	r[n].word = "peers";
	r[n].label = hj ? "Peers carrying it" : "Peers that took it";
	r[n++].value = buf_take(&b);
	r[n].word = "effect";
	r[n].label = "Effect";
	r[n++].value = xstrdup(in->effect ? in->effect : "");
	return n;
}

size_t
rfmt_reach_rows(const struct bo_incident *in, struct rrow_kv *r)
{
	struct buf b;

	if (rfmt_is_routing(in))
		return rfmt_routing_rows(in, r);
	buf_init(&b);
	rfmt_share(&b, in->prefixes_affected, in->prefixes_total);
	if (in->prefixes_not_restored > 0)
		buf_printf(&b, "; not restored by the end of the data: %"
		    PRIu32, in->prefixes_not_restored);
	r[0].word = "prefixes";
	r[0].label = "Prefixes affected";
	r[0].value = buf_take(&b);
	return 1;
}

void
rfmt_routing_free(struct rrow_kv *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(r[i].value);
}
