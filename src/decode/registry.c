#include "config.h"

#include <string.h>

#include "decode/decoder.h"

/* Every decoder, in the order bids are asked (ties go to the first). */
static const struct bo_decoder_ops *const decoders[] = {
	&bo_decoder_mrt,
	&bo_decoder_bgpdump_text,
	&bo_decoder_rules,
};

size_t
bo_decoder_count(void)
{
	return sizeof(decoders) / sizeof(decoders[0]);
}

const struct bo_decoder_ops *
bo_decoder_at(size_t i)
{
	return i < bo_decoder_count() ? decoders[i] : NULL;
}

const struct bo_decoder_ops *
bo_decoder_find(const char *name)
{
	size_t i;

	for (i = 0; i < bo_decoder_count(); i++)
		if (strcmp(decoders[i]->name, name) == 0)
			return decoders[i];
	return NULL;
}

const struct bo_decoder_ops *
bo_decoder_choose(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	const struct bo_decoder_ops *best = NULL, *d;
	const struct bo_rule *best_rule = NULL;
	size_t i;
	int bid, best_bid = 0;

	for (i = 0; i < bo_decoder_count(); i++) {
		d = bo_decoder_at(i);
		dc->rule = NULL;
		bid = d->bid(dc, sn);
		if (bid > best_bid) {
			best_bid = bid;
			best = d;
			best_rule = dc->rule;
		}
	}
	dc->rule = best_rule;
	return best;
}
