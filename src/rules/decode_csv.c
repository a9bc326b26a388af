/*
 * CSV with a header row (RFC 4180: quoted fields may hold separators,
 * doubled quotes and line breaks), for claims and reports gathered by
 * hand.  Each record's fields are the rule's variables by column name;
 * a record with more fields than the header is warned about and its
 * extra fields dropped, one with fewer leaves the rest empty.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"
#include "util/cursor.h"

/* More columns than this is not a hand-made claims sheet. */
#define CSV_MAX_FIELDS	256

struct cstate {
	struct bo_decode_ctx	*dc;
	const struct bo_rule	*r;
	struct remit		 em;
	char			*head[CSV_MAX_FIELDS];
	size_t			 nhead;
	struct buf		 f[CSV_MAX_FIELDS];
	size_t			 nf;
	int			 overflow;
	int			 nul;		/* NUL bytes dropped */
	int			 multiline;	/* a quoted field spans lines */
	uint64_t		 line;
};

/*
 * Reads one record from c into cs->f.  Returns 1 with a record, 0 at the
 * end, -1 on an unterminated quote (the rest of the member).  *lines
 * counts the line breaks the record spans.
 */
static int
csv_record(struct cstate *cs, struct cursor *c, char sep, uint64_t *lines)
{
	uint8_t ch;
	int quoted = 0, started = 0;
	size_t i;

	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_reset(&cs->f[i]);
	cs->nf = 1;
	cs->overflow = cs->nul = cs->multiline = 0;
	*lines = 0;
	if (cur_left(c) == 0)
		return 0;
	while (cur_u8(c, &ch) == 0) {
		struct buf *b = &cs->f[cs->nf - 1];

		if (ch == '\0') {
			/* would cut the field short as a C string */
			cs->nul = 1;
			continue;
		}
		if (quoted) {
			if (ch == '"') {
				/* "" inside quotes is one quote */
				if (cur_left(c) > 0 && *cur_ptr(c) == '"' &&
				    cur_skip(c, 1) == 0) {
					buf_addc(b, '"');
				} else {
					quoted = 0;
				}
				continue;
			}
			if (ch == '\n') {
				(*lines)++;
				cs->multiline = 1;
			}
			buf_addc(b, (char)ch);
			continue;
		}
		if (ch == '"' && !started) {
			quoted = 1;
			started = 1;
			continue;
		}
		if (ch == (uint8_t)sep) {
			if (cs->nf == CSV_MAX_FIELDS)
				cs->overflow = 1;
			else
				cs->nf++;
			started = 0;
			continue;
		}
		if (ch == '\r')
			continue;
		if (ch == '\n') {
			(*lines)++;
			return 1;
		}
		started = 1;
		buf_addc(b, (char)ch);
	}
	return quoted ? -1 : 1;
}

static int
csv_var(void *arg, const char *name, size_t len, struct buf *out)
{
	struct cstate *cs = arg;
	size_t i;

	for (i = 0; i < cs->nhead; i++)
		if (strlen(cs->head[i]) == len &&
		    memcmp(cs->head[i], name, len) == 0) {
			if (i >= cs->nf || cs->f[i].len == 0)
				return 0;
			buf_add(out, cs->f[i].data, cs->f[i].len);
			return 1;
		}
	return rvar_common(cs->dc, name, len, out);
}

int
rdecode_csv(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	struct cstate cs;
	struct cursor c;
	char *data = NULL;
	size_t len = 0, i, start;
	uint64_t lines;
	int rc = 0, got, unclosed = 0;
	char sep;

	memset(&cs, 0, sizeof(cs));
	cs.dc = dc;
	cs.r = dc->rule;
	sep = dc->rule->csv_sep != NULL ? dc->rule->csv_sep[0] : ',';
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_init(&cs.f[i]);
	remit_init(&cs.em, dc, dc->rule);
	if (bo_stream_slurp(s, RULE_MAX_DOC, &data, &len) != 0) {
		bo_decode_warn_at(dc, 0, 0, "CSV larger than %u bytes; not "
		    "read", RULE_MAX_DOC);
		rc = -1;
		goto out;
	}
	cur_init(&c, data, len, 0);
	/* a UTF-8 BOM before the header (spreadsheets write one) */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 &&
	    cur_skip(&c, 3) != 0)
		goto out;
	cs.line = 1;
	if (csv_record(&cs, &c, sep, &lines) != 1) {
		bo_decode_warn_at(dc, 0, 1, "CSV without a header row");
		rc = -1;
		goto out;
	}
	cs.nhead = cs.nf;
	for (i = 0; i < cs.nhead; i++)
		cs.head[i] = xstrdup(cs.f[i].data ? cs.f[i].data : "");
	cs.line += lines;
	for (;;) {
		start = c.pos;
		got = csv_record(&cs, &c, sep, &lines);
		if (got == 0)
			break;
		if (got < 0) {
			/* the record is lost; the rows after its first line
			 * are read again as rows */
			const uint8_t *nl = memchr(data + start, '\n',
			    len - start);

			/* each retry reads to the end: a few, not one per
			 * line of a hostile file */
			if (++unclosed > 16) {
				bo_decode_warn_at(dc, start, cs.line, "CSV quote "
				    "never closed, again; rest of member "
				    "skipped");
				bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED,
				    1);
				break;
			}
			bo_decode_warn_at(dc, start, cs.line, "CSV quote never "
			    "closed; the record is skipped and reading goes on "
			    "at the next line");
			bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED, 1);
			if (nl == NULL)
				break;
			c.pos = (size_t)(nl - (const uint8_t *)data) + 1;
			cs.line++;
			continue;
		}
		if (cs.nul)
			bo_decode_warn_at(dc, start, cs.line, "NUL bytes in the "
			    "record; dropped");
		if (cs.multiline && cs.nf != cs.nhead)
			bo_decode_warn_at(dc, start, cs.line, "a quoted field "
			    "spans %" PRIu64 " line breaks and the record has "
			    "%zu fields, the header %zu: a quote left open?",
			    lines, cs.nf, cs.nhead);
		if (cs.nf == 1 && cs.f[0].len == 0) {
			cs.line += lines;
			continue;	/* a blank line */
		}
		bo_diag_count(dc->diag, BO_CNT_RECORDS, 1);
		if (cs.nf > cs.nhead || cs.overflow)
			bo_decode_warn_at(dc, start, cs.line, "%zu fields, the "
			    "header has %zu; extra fields dropped", cs.nf,
			    cs.nhead);
		got = ritem_apply(&cs.em, csv_var, &cs, cs.line, start, NULL);
		if (got < 0) {
			rc = -1;
			break;
		}
		if (got == 0)
			ritem_unmatched(dc, cs.line, data + start,
			    c.pos - start);
		cs.line += lines;
	}
out:
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		buf_free(&cs.f[i]);
	for (i = 0; i < cs.nhead; i++)
		free(cs.head[i]);
	remit_free(&cs.em);
	free(data);
	return dc->stop ? -1 : rc;
}
