/* bgpdump -m text: not read yet (issue 3, priority 4); bids 0. */
#include "config.h"

#include "decode/decoder.h"

static int
bgpdump_text_bid(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	(void)dc;
	(void)sn;
	return 0;
}

static int
bgpdump_text_decode(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	(void)dc;
	(void)s;
	return -1;
}

const struct bo_decoder_ops bo_decoder_bgpdump_text = { "bgpdump-text",
    bgpdump_text_bid, bgpdump_text_decode };
