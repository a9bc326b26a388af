/* Placeholder until the MRT decoder lands (issue 3): reads nothing. */
#include "config.h"

#include "decode/decoder.h"

static int
mrt_bid(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	(void)dc;
	(void)sn;
	return 0;
}

static int
mrt_decode(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	(void)dc;
	(void)s;
	return -1;
}

const struct bo_decoder_ops bo_decoder_mrt = { "mrt", mrt_bid, mrt_decode };
const struct bo_decoder_ops bo_decoder_bgpdump_text = { "bgpdump-text",
    mrt_bid, mrt_decode };
