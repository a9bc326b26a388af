/*
 * Rule patterns: PCRE2, JIT-compiled when the platform allows, with match
 * and depth limits per rule so one hostile line cannot stall a run, and a
 * literal prefilter: a fixed string every match must contain, looked for
 * with memmem before the regex runs, so lines that cannot match cost
 * almost nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"

/* Below this a memmem costs about as much as the JIT's own first-char scan. */
#define PREFILTER_MIN	3
static pcre2_jit_stack *
jit_stack_get(void *arg)
{
	return arg;
}

static int
is_meta(char c)
{
	return strchr("\\^$.[]|()?*+{}", c) != NULL;
}

/* Escapes whose next char stands for itself ("\." is a dot). */
static int
escape_is_literal(char c)
{
	return c != '\0' && strchr("\\^$.[]|()?*+{}/-#&~\"' :@,=<>!%", c)
	    != NULL;
}

/*
 * Constructs whose effect on later characters we do not model: inline
 * options ("(?i)" anywhere), escapes taking arguments (\x41, \p{L}, \g1,
 * \Q...\E, back references).  A pattern with any of them gets no prefilter.
 */
static int
prefilter_safe(const char *re)
{
	const char *p;

	for (p = re; *p != '\0'; p++) {
		if (p[0] == '(' && p[1] == '?' && p[2] != '\0' &&
		    strchr("imnsxJU^-", p[2]) != NULL)
			return 0;
		if (p[0] == '\\') {
			if (p[1] != '\0' && strchr("xopPgkNcuQE0123456789",
			    p[1]) != NULL)
				return 0;
			if (p[1] != '\0')
				p++;
		}
	}
	return 1;
}

/*
 * The longest run of literal characters at the top level of the pattern
 * that every match must contain.  Anything we are unsure of ends a run;
 * a top-level alternation or an inline option at the start (caseless,
 * extended) gives no prefilter at all.
 */
static void
derive_literal(const char *re, char **lit, size_t *litlen)
{
	struct buf run, best;
	size_t i, n = strlen(re);
	int depth = 0;

	*lit = NULL;
	*litlen = 0;
	if (!prefilter_safe(re))
		return;
	buf_init(&run);
	buf_init(&best);
	for (i = 0; i < n; i++) {
		char c = re[i], lc = 0;
		int literal = 0;
		size_t next;

		if (c == '\\' && escape_is_literal(re[i + 1])) {
			lc = re[i + 1];
			literal = depth == 0;
			next = i + 2;
		} else if (c == '\\') {
			/* \d, \s, \Q...\E and friends: not a literal */
			next = i + 2;
		} else if (c == '[') {
			/* skip the class; ']' first in it is literal */
			next = i + 1;
			if (next < n && re[next] == '^')
				next++;
			if (next < n && re[next] == ']')
				next++;
			while (next < n && re[next] != ']') {
				if (re[next] == '\\')
					next++;
				next++;
			}
			next++;
		} else if (c == '(') {
			depth++;
			next = i + 1;
		} else if (c == ')') {
			depth--;
			next = i + 1;
		} else if (c == '|') {
			if (depth == 0) {
				buf_free(&run);
				buf_free(&best);
				return;
			}
			next = i + 1;
		} else if (!is_meta(c)) {
			lc = c;
			literal = depth == 0;
			next = i + 1;
		} else {
			next = i + 1;
		}
		if (next > n)
			next = n;
		/* a quantifier makes the atom optional or repeated */
		if (next < n && (re[next] == '?' || re[next] == '*' ||
		    re[next] == '{'))
			literal = 0;
		if (literal)
			buf_addc(&run, lc);
		if (!literal || (next < n && re[next] == '+')) {
			if (run.len > best.len) {
				buf_reset(&best);
				buf_add(&best, run.data, run.len);
			}
			buf_reset(&run);
		}
		i = next - 1;
	}
	if (run.len > best.len) {
		buf_reset(&best);
		buf_add(&best, run.data, run.len);
	}
	buf_free(&run);
	if (best.len >= PREFILTER_MIN) {
		*litlen = best.len;
		*lit = buf_take(&best);
	}
	buf_free(&best);
}

int
rpat_compile(struct rpat *p, const char *src, uint32_t match_limit,
    uint32_t depth_limit, int caseless, pcre2_jit_stack *jit, char **err,
    size_t *erroff)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int ec;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, allopts = 0;

	p->src = xstrdup(src);
	if (caseless)
		opts |= PCRE2_CASELESS;
	p->code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts,
	    &ec, &off, NULL);
	if (p->code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*err = xasprintf("pattern error at offset %zu: %s", (size_t)off,
		    (const char *)msg);
		*erroff = off;
		return -1;
	}
	/* No JIT (an unsupported CPU, a hardened kernel) only costs speed. */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(p->mctx, match_limit);
	pcre2_set_depth_limit(p->mctx, depth_limit);
	if (jit != NULL)
		pcre2_jit_stack_assign(p->mctx, jit_stack_get, jit);
	p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
	(void)pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &p->ncap);
	/* An anchored pattern fails at the line's first bytes, cheaper
	 * than any scan for a literal; the prefilter is for the others. */
	(void)pcre2_pattern_info(p->code, PCRE2_INFO_ALLOPTIONS, &allopts);
	if (!caseless && !(allopts & PCRE2_ANCHORED))
		derive_literal(src, &p->lit, &p->litlen);
	return 0;
}

void
rpat_free(struct rpat *p)
{
	free(p->src);
	free(p->lit);
	if (p->md != NULL)
		pcre2_match_data_free(p->md);
	if (p->mctx != NULL)
		pcre2_match_context_free(p->mctx);
	if (p->code != NULL)
		pcre2_code_free(p->code);
	memset(p, 0, sizeof(*p));
}

int
rpat_match(struct rpat *p, const char *s, size_t len, const char **err)
{
	int rc;

	if (p->code == NULL)
		return 0;
	if (p->lit != NULL && memmem(s, len, p->lit, p->litlen) == NULL)
		return 0;
	rc = pcre2_match(p->code, (PCRE2_SPTR)s, len, 0, 0, p->md, p->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		*err = "pattern hit its match limit";
		break;
	case PCRE2_ERROR_DEPTHLIMIT:
		*err = "pattern hit its depth limit";
		break;
	case PCRE2_ERROR_JIT_STACKLIMIT:
		*err = "pattern ran out of JIT stack";
		break;
	default:
		*err = "pattern match failed";
		break;
	}
	return -1;
}

/* The group a name stands for: >= 0, -1 none, -2 several (duplicate
 * names: the caller scans). */
static int
capture_group(const struct rpat *p, const char *name, size_t namelen)
{
	PCRE2_SPTR first, last;
	char nm[128];
	int sz;

	if (namelen >= sizeof(nm))
		return -1;
	memcpy(nm, name, namelen);
	nm[namelen] = '\0';
	if (nm[0] >= '0' && nm[0] <= '9') {
		char *end;
		unsigned long v = strtoul(nm, &end, 10);

		return *end != '\0' || v > p->ncap ? -1 : (int)v;
	}
	sz = pcre2_substring_nametable_scan(p->code, (PCRE2_SPTR)nm, &first,
	    &last);
	if (sz <= 0)
		return -1;
	if (first != last)
		return -2;
	return first[0] << 8 | first[1];
}

int
rpat_capture(struct rpat *p, const char *s, const char *name,
    size_t namelen, struct buf *out)
{
	struct rpat_cache *c;
	PCRE2_SIZE *ov;
	int n;

	if (p->code == NULL || namelen == 0)
		return 0;
	/*
	 * Names come from templates and name tables that live as long as
	 * the rule set, so their addresses key a small cache: the name
	 * table is searched once per name, not once per line.
	 */
	c = &p->cache[((uintptr_t)name >> 3 ^ namelen) % RPAT_CACHE];
	if (c->name != name || c->len != namelen) {
		c->name = name;
		c->len = namelen;
		c->group = capture_group(p, name, namelen);
	}
	n = c->group;
	if (n == -1)
		return 0;
	ov = pcre2_get_ovector_pointer(p->md);
	if (n == -2) {
		PCRE2_SPTR first, last;
		char nm[128];
		int sz;

		/* With duplicate names the first set group wins. */
		memcpy(nm, name, namelen);
		nm[namelen] = '\0';
		sz = pcre2_substring_nametable_scan(p->code, (PCRE2_SPTR)nm,
		    &first, &last);
		for (; sz > 0 && first <= last; first += sz) {
			n = first[0] << 8 | first[1];
			if (ov[2 * n] != PCRE2_UNSET) {
				buf_add(out, s + ov[2 * n],
				    ov[2 * n + 1] - ov[2 * n]);
				return 1;
			}
		}
		return 0;
	}
	if ((uint32_t)n >= pcre2_get_ovector_count(p->md) ||
	    ov[2 * n] == PCRE2_UNSET)
		return 0;
	buf_add(out, s + ov[2 * n], ov[2 * n + 1] - ov[2 * n]);
	return 1;
}

size_t
rpat_name_count(const struct rpat *p)
{
	uint32_t n = 0;

	if (p->code != NULL)
		(void)pcre2_pattern_info(p->code, PCRE2_INFO_NAMECOUNT, &n);
	return n;
}

const char *
rpat_name_at(const struct rpat *p, size_t i)
{
	PCRE2_SPTR table;
	uint32_t esz;

	(void)pcre2_pattern_info(p->code, PCRE2_INFO_NAMETABLE, &table);
	(void)pcre2_pattern_info(p->code, PCRE2_INFO_NAMEENTRYSIZE, &esz);
	return (const char *)table + i * esz + 2;
}

int
rpat_has_name(const struct rpat *p, const char *name, size_t len)
{
	size_t i, n = rpat_name_count(p);

	for (i = 0; i < n; i++) {
		const char *nm = rpat_name_at(p, i);

		if (strlen(nm) == len && memcmp(nm, name, len) == 0)
			return 1;
	}
	if (len > 0 && name[0] >= '0' && name[0] <= '9') {
		uint64_t v;
		char tmp[24];

		if (len < sizeof(tmp)) {
			memcpy(tmp, name, len);
			tmp[len] = '\0';
			if (parse_u64(tmp, &v) == 0 && v <= p->ncap)
				return 1;
		}
	}
	return 0;
}
