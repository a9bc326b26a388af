/*
 * Line-framed text (ping, traceroute, syslog): every line is tried against
 * the rule's patterns in order.  Patterns marked `context` keep their
 * captures for the later lines of the member (iputils' "PING host (addr)"
 * names the destination of every "no answer yet" after it).  Lines no
 * pattern matches are counted and shown with --show-unmatched.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"

struct lctx {
	char	*name;
	char	*value;
};

struct lstate {
	struct bo_decode_ctx	*dc;
	const struct bo_rule	*r;
	struct remit		 em;
	const char		*line;
	struct rpat		*cur;		/* pattern that matched */
	uint64_t		 lineno;
	struct lctx		*ctx;
	size_t			 nctx;
	size_t			 ctxcap;
};

/* Offset of the first byte that breaks UTF-8, or len when it is valid. */
static size_t
utf8_bad_at(const unsigned char *s, size_t len)
{
	size_t i = 0, k, n;

	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return i;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, past U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return i;
		i += n + 1;
	}
	return len;
}

static int
lines_var(void *arg, const char *name, size_t len, struct buf *out)
{
	struct lstate *ls = arg;
	size_t i;

	if (ls->cur != NULL && rpat_capture(ls->cur, ls->line, name, len, out))
		return 1;
	for (i = ls->nctx; i-- > 0;)
		if (strlen(ls->ctx[i].name) == len &&
		    memcmp(ls->ctx[i].name, name, len) == 0) {
			buf_adds(out, ls->ctx[i].value);
			return 1;
		}
	if (len == 4 && memcmp(name, "line", 4) == 0) {
		buf_printf(out, "%llu", (unsigned long long)ls->lineno);
		return 1;
	}
	return rvar_common(ls->dc, name, len, out);
}

/* A context pattern's captures replace earlier values of the same names;
 * captures it did not set are dropped, so a new header does not inherit
 * the old one's optional parts. */
static void
context_store(struct lstate *ls, struct rpat *p)
{
	struct buf v;
	size_t i, j;

	buf_init(&v);
	for (i = 0; i < rpat_name_count(p); i++) {
		const char *name = rpat_name_at(p, i);
		int set;

		buf_reset(&v);
		set = rpat_capture(p, ls->line, name, strlen(name), &v);
		for (j = 0; j < ls->nctx; j++)
			if (strcmp(ls->ctx[j].name, name) == 0)
				break;
		if (j < ls->nctx) {
			free(ls->ctx[j].value);
			if (set) {
				ls->ctx[j].value = xstrdup(v.data);
				continue;
			}
			free(ls->ctx[j].name);
			ls->ctx[j] = ls->ctx[--ls->nctx];
			continue;
		}
		if (!set)
			continue;
		xgrow(&ls->ctx, &ls->ctxcap, ls->nctx, sizeof(*ls->ctx));
		ls->ctx[ls->nctx].name = xstrdup(name);
		ls->ctx[ls->nctx].value = xstrdup(v.data);
		ls->nctx++;
	}
	buf_free(&v);
}

static int
is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' &&
		    s[i] != '\v')
			return 0;
	return 1;
}

/* 1 when some pattern matched, -1 when the sink asked to stop. */
static int
line_apply(struct lstate *ls, const char *line, size_t len, uint64_t off)
{
	const struct bo_rule *r = ls->r;
	size_t i;
	int matched = 0, rc;

	ls->line = line;
	for (i = 0; i < r->nm; i++) {
		struct rmatch *m = &r->m[i];
		const char *err = NULL;

		rc = rpat_match(&m->re, line, len, &err);
		if (rc < 0) {
			bo_decode_warn_at(ls->dc, off, ls->lineno,
			    "rule %s, pattern %s: %s; line skipped", r->id,
			    m->name, err);
			bo_diag_count(ls->dc->diag, BO_CNT_RECORDS_SKIPPED, 1);
			return 1;
		}
		if (rc == 0)
			continue;
		matched = 1;
		ls->cur = &m->re;
		if (m->context)
			context_store(ls, &m->re);
		if (m->out.present && remit_event(&ls->em, &m->out, lines_var,
		    ls, ls->lineno, off) != 0)
			return -1;
		ls->cur = NULL;
		if (m->stop)
			break;
	}
	return matched;
}

int
rdecode_lines(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	struct lstate ls;
	const char *line;
	size_t len, bad, i;
	uint64_t off;
	int trunc, rc = 0, m;

	memset(&ls, 0, sizeof(ls));
	ls.dc = dc;
	ls.r = dc->rule;
	remit_init(&ls.em, dc, dc->rule);
	for (;;) {
		off = bo_stream_offset(s);
		if (bo_stream_line(s, RULE_MAX_LINE, &line, &len, &trunc) != 0)
			break;
		ls.lineno++;
		bo_diag_count(dc->diag, BO_CNT_RECORDS, 1);
		if (ls.lineno == 1 && bo_stream_cr_lines(s))
			bo_decode_warn_at(dc, off, 0, "lines end in CR alone "
			    "(classic Mac OS text); read as lines");
		if (trunc) {
			bo_decode_warn_at(dc, off, ls.lineno, "line longer than "
			    "%u bytes; skipped", RULE_MAX_LINE);
			bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED, 1);
			continue;
		}
		if (len > 0 && line[0] == '\0') {
			/* a run of NULs before the text (log rotation) */
			size_t z = 0;

			while (z < len && line[z] == '\0')
				z++;
			bo_decode_warn_at(dc, off, ls.lineno, "%zu NUL bytes "
			    "before the text skipped", z);
			line += z;
			len -= z;
			off += z;
		}
		if (memchr(line, '\0', len) != NULL) {
			bo_decode_warn_at(dc, off, ls.lineno, "NUL byte at column "
			    "%zu; line skipped",
			    (size_t)((const char *)memchr(line, '\0', len) -
			    line) + 1);
			bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED, 1);
			continue;
		}
		if (is_blank(line, len))
			continue;
		bad = utf8_bad_at((const unsigned char *)line, len);
		if (bad < len)
			/* matched anyway: PCRE2 skips invalid sequences, and
			 * output replaces them with U+FFFD */
			bo_decode_warn_at(dc, off, ls.lineno, "invalid UTF-8 at "
			    "column %zu", bad + 1);
		m = line_apply(&ls, line, len, off);
		if (m < 0) {
			rc = -1;
			break;
		}
		if (m == 0) {
			bo_diag_count(dc->diag, BO_CNT_LINES_UNMATCHED, 1);
			if (dc->unmatched != NULL)
				dc->unmatched(dc->unmatched_arg,
				    dc->member->input, dc->member->path,
				    ls.lineno, line, len);
		}
	}
	for (i = 0; i < ls.nctx; i++) {
		free(ls.ctx[i].name);
		free(ls.ctx[i].value);
	}
	free(ls.ctx);
	remit_free(&ls.em);
	return dc->stop ? -1 : rc;
}
