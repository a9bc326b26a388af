/* Placeholder until the rule engine lands (issue 4): loads no rules. */
#include "config.h"

#include <stdlib.h>

#include "decode/decoder.h"
#include "rules/rules.h"
#include "util/util.h"

struct bo_rules {
	struct bo_diag	*diag;
};

struct bo_rules *
bo_rules_new(struct bo_diag *diag)
{
	struct bo_rules *r = xcalloc(1, sizeof(*r));

	r->diag = diag;
	return r;
}

void
bo_rules_free(struct bo_rules *r)
{
	free(r);
}

int
bo_rules_load(struct bo_rules *r, const char *path)
{
	(void)r;
	(void)path;
	return 0;
}

size_t
bo_rules_count(const struct bo_rules *r)
{
	(void)r;
	return 0;
}

void
bo_rules_info(const struct bo_rules *r, size_t i, const char **id,
    const char **version, const char **file)
{
	(void)r;
	(void)i;
	*id = *version = *file = NULL;
}

const char *
bo_rule_id(const struct bo_rule *rule)
{
	(void)rule;
	return NULL;
}

static int
rules_bid(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	(void)dc;
	(void)sn;
	return 0;
}

static int
rules_decode(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	(void)dc;
	(void)s;
	return -1;
}

const struct bo_decoder_ops bo_decoder_rules = { "rules", rules_bid,
    rules_decode };
