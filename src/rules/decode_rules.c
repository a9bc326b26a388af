/*
 * The rules decoder's ops table: bid chooses the rule whose `sources`
 * globs and content pattern fit the member best (and sets ctx->rule);
 * decode takes the fields the rule reads from the member path and hands
 * the stream to the decoder for the rule's framing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"

/* Bid weights: content seen beats a file name; both beat either. */
#define BID_CONTENT	40
#define BID_PATH	20
#define BID_NAME_ONLY	10

static int
frame_fits(enum rframe f, enum bo_sniff_type t)
{
	switch (f) {
	case RFR_LINES:
	case RFR_CSV:
		/* BINARY too: a log with a stray NUL is still a log, and
		 * the decoder warns about that line */
		return t == BO_SNIFF_TEXT || t == BO_SNIFF_BINARY ||
		    t == BO_SNIFF_JSON || t == BO_SNIFF_XML;
	case RFR_JSON:
		return t == BO_SNIFF_JSON;
	case RFR_XML:
		return t == BO_SNIFF_XML;
	default:
		return 0;
	}
}

static int
rule_bid_one(struct bo_rule *r, const struct bo_sniff *sn, const char *path)
{
	const char *err;
	int pm, cm = 0;

	if (r->classifier || !frame_fits(r->frame, sn->type))
		return 0;
	pm = r->nglobs > 0 && rule_path_matches(r, path);
	if (r->has_content)
		cm = rpat_match(&r->content, (const char *)sn->head, sn->len,
		    &err) == 1;
	/* a text rule reads what sniffs as JSON, XML (a syslog line starts
	 * "<189>") or binary only when its content pattern says so */
	if (sn->type != BO_SNIFF_TEXT && (r->frame == RFR_LINES ||
	    r->frame == RFR_CSV) && !cm)
		return 0;
	if (cm)
		return BID_CONTENT + (pm ? BID_PATH : 0);
	if (!pm)
		return 0;
	/* the name alone (a log cut before its header): the weakest bid */
	return r->has_content ? BID_NAME_ONLY : BID_PATH;
}

static int
rules_bid(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	struct bo_rules *rs = dc->rules;
	struct bo_sniff text;
	struct buf pb;
	const char *path;
	size_t i;
	int best = 0, s;

	if (rs == NULL || sn->type == BO_SNIFF_EMPTY ||
	    sn->type == BO_SNIFF_MRT)
		return 0;
	/* the text after a run of NULs (log rotation) is what is read */
	text = *sn;
	while (text.len > 0 && text.head[0] == 0) {
		text.head++;
		text.len--;
	}
	buf_init(&pb);
	path = rule_member_path(dc->member, &pb);
	for (i = 0; i < rs->n; i++) {
		s = rule_bid_one(rs->r[i], &text, path);
		if (s > best) {
			best = s;
			dc->rule = rs->r[i];
		}
	}
	buf_free(&pb);
	return best;
}

/* Named captures of the rule's path patterns become fields (vantage
 * point from "probes/vp-ams/..."). */
static struct bo_field *
path_fields(struct bo_decode_ctx *dc, const struct bo_rule *r, size_t *n)
{
	struct bo_field *f = NULL;
	struct buf pb, v;
	const char *path, *err;
	size_t i, j, cap = 0;

	*n = 0;
	buf_init(&pb);
	buf_init(&v);
	path = rule_member_path(dc->member, &pb);
	for (i = 0; i < r->npathre; i++) {
		struct rpat *p = &r->pathre[i];

		if (rpat_match(p, path, strlen(path), &err) != 1)
			continue;
		for (j = 0; j < rpat_name_count(p); j++) {
			const char *name = rpat_name_at(p, j);

			buf_reset(&v);
			if (!rpat_capture(p, path, name, strlen(name), &v))
				continue;
			xgrow(&f, &cap, *n, sizeof(*f));
			f[*n].key = xstrdup(name);
			f[*n].value = xstrdup(v.data);
			(*n)++;
		}
	}
	buf_free(&pb);
	buf_free(&v);
	return f;
}

static int
rules_decode(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	const struct bo_rule *r = dc->rule;
	struct bo_field *f;
	size_t n, i;
	int rc;

	if (r == NULL)
		return -1;
	f = path_fields(dc, r, &n);
	dc->fields = f;
	dc->nfields = n;
	switch (r->frame) {
	case RFR_LINES:
		rc = rdecode_lines(dc, s);
		break;
	case RFR_JSON:
		rc = rdecode_json(dc, s);
		break;
	case RFR_XML:
		rc = rdecode_xml(dc, s);
		break;
	case RFR_CSV:
		rc = rdecode_csv(dc, s);
		break;
	default:
		rc = -1;
		break;
	}
	for (i = 0; i < n; i++) {
		free((char *)f[i].key);
		free((char *)f[i].value);
	}
	free(f);
	dc->fields = NULL;
	dc->nfields = 0;
	return rc;
}

const struct bo_decoder_ops bo_decoder_rules = { "rules", rules_bid,
    rules_decode };
