/*
 * JSON through rules (jansson): one document, a concatenation of them or
 * JSON Lines, read one value at a time so a member never has to fit in
 * memory whole.  Each document yields items (the rule's `items` paths:
 * "statuses", "data", or the document itself, an array giving one item
 * per element); each item is matched against the rule's patterns by
 * `when`/`exists` conditions and optional regexes on fields.  A malformed
 * document is warned about at its line and column and skipped to the next
 * line, so one broken line of a stream does not lose the rest.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules/rules_private.h"

/* The first window asked for; it doubles while a document is incomplete. */
#define JSON_WINDOW	(256u * 1024)

struct jstate {
	struct bo_decode_ctx	*dc;
	const struct bo_rule	*r;
	struct remit		 em;
	json_t			*doc;
	json_t			*item;
	json_t			*elem;		/* `each` element, or NULL */
	size_t			 index;		/* item within the document */
	uint64_t		 line;
	uint64_t		 offset;
};

static int json_text(json_t *, struct buf *);

/* Set by json_text when a string held a NUL (one decoding thread owns
 * each member). */
static _Thread_local int json_nul_seen;

/*
 * Follows a dotted path ("user.screen_name", "result.0.rtt").  A segment
 * "name[key=path]" picks the element of array name whose key equals the
 * item's value at path: Twitter v2 keeps authors apart from tweets
 * ("$.includes.users[id=author_id].username"); "$." starts at the
 * document instead of the item.
 */
static json_t *
json_path_in(json_t *v, json_t *item, const char *path, size_t len)
{
	const char *p = path, *end = path + len, *dot, *br;
	char *num_end;

	while (v != NULL && p < end) {
		size_t k;

		br = memchr(p, '[', (size_t)(end - p));
		dot = memchr(p, '.', (size_t)(end - p));
		if (br != NULL && (dot == NULL || br < dot)) {
			const char *close = memchr(br, ']', (size_t)(end - br));
			const char *eq = memchr(br, '=', (size_t)(end - br));
			json_t *arr, *e, *want;
			struct buf a, b;
			size_t i;

			if (close == NULL || eq == NULL || eq > close)
				return NULL;
			arr = json_is_object(v) ? json_object_getn(v, p,
			    (size_t)(br - p)) : NULL;
			want = json_path_in(item, item, eq + 1,
			    (size_t)(close - eq - 1));
			v = NULL;
			buf_init(&a);
			buf_init(&b);
			if (want != NULL && json_text(want, &a))
				for (i = 0; json_is_array(arr) &&
				    i < json_array_size(arr) && v == NULL; i++) {
					e = json_object_getn(json_array_get(arr,
					    i), br + 1, (size_t)(eq - br - 1));
					buf_reset(&b);
					if (e != NULL && json_text(e, &b) &&
					    strcmp(a.data, b.data) == 0)
						v = json_array_get(arr, i);
				}
			buf_free(&a);
			buf_free(&b);
			p = close + 1;
			if (p < end && *p == '.')
				p++;
			continue;
		}
		k = dot ? (size_t)(dot - p) : (size_t)(end - p);
		if (json_is_object(v)) {
			v = json_object_getn(v, p, k);
		} else if (json_is_array(v) && k > 0 && k < 12) {
			char tmp[12];
			unsigned long i;

			memcpy(tmp, p, k);
			tmp[k] = '\0';
			i = strtoul(tmp, &num_end, 10);
			if (*num_end != '\0')
				return NULL;
			v = json_array_get(v, i);
		} else {
			return NULL;
		}
		p = dot ? dot + 1 : end;
	}
	return v;
}

static json_t *
json_path(json_t *v, const char *path, size_t len)
{
	return json_path_in(v, v, path, len);
}

/* The text form of a value: strings as they are, numbers without
 * binary-float noise, objects and arrays as compact JSON. */
static int
json_text(json_t *v, struct buf *out)
{
	char *s;

	switch (json_typeof(v)) {
	case JSON_STRING: {
		const char *sv = json_string_value(v), *z;
		size_t n = json_string_length(v);

		/* "\u0000" would cut the text short where it is used as a
		 * C string: U+FFFD instead, and item_one says so */
		while ((z = memchr(sv, '\0', n)) != NULL) {
			buf_add(out, sv, (size_t)(z - sv));
			buf_adds(out, "\xef\xbf\xbd");
			n -= (size_t)(z - sv) + 1;
			sv = z + 1;
			json_nul_seen = 1;
		}
		buf_add(out, sv, n);
		return 1;
	}
	case JSON_INTEGER:
		buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 1;
	case JSON_REAL:
		buf_printf(out, "%.15g", json_real_value(v));
		return 1;
	case JSON_TRUE:
		buf_adds(out, "true");
		return 1;
	case JSON_FALSE:
		buf_adds(out, "false");
		return 1;
	case JSON_NULL:
		return 0;
	default:
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (s == NULL)
			return 0;
		buf_adds(out, s);
		free(s);
		return 1;
	}
}

static int
json_var(void *arg, const char *name, size_t len, struct buf *out)
{
	struct jstate *js = arg;
	json_t *v;

	if (len >= 1 && name[0] == '@') {
		if (js->elem == NULL)
			return 0;
		if (len == 1)
			return json_text(js->elem, out);
		if (name[1] != '.')
			return 0;
		v = json_path(js->elem, name + 2, len - 2);
		return v != NULL && json_text(v, out);
	}
	if (len == 4 && memcmp(name, "item", 4) == 0) {
		buf_printf(out, "%zu", js->index);
		return 1;
	}
	if (len > 2 && name[0] == '$' && name[1] == '.')
		v = json_path_in(js->doc, js->item, name + 2, len - 2);
	else
		v = json_path_in(js->item, js->item, name, len);
	if (v != NULL)
		return json_text(v, out);
	return rvar_common(js->dc, name, len, out);
}

/* One event per element of the array m->each names. */
static int
json_each(void *arg, struct remit *e, const struct rmatch *m, rvar_fn fn,
    void *fnarg)
{
	struct jstate *js = arg;
	json_t *arr = json_path(js->item, m->each, strlen(m->each));
	size_t j;
	int rc = 0;

	for (j = 0; rc == 0 && json_is_array(arr) && j < json_array_size(arr);
	    j++) {
		js->elem = json_array_get(arr, j);
		if (m->out.present && remit_event(e, &m->out, fn, fnarg,
		    js->line, js->offset) != 0)
			rc = -1;
	}
	js->elem = NULL;
	return rc;
}

static int
item_one(struct jstate *js, json_t *item)
{
	int m;

	js->item = item;
	bo_diag_count(js->dc->diag, BO_CNT_RECORDS, 1);
	json_nul_seen = 0;
	m = ritem_apply(&js->em, json_var, js, js->line, js->offset,
	    json_each);
	if (json_nul_seen)
		bo_decode_warn_at(js->dc, js->offset, js->line, "NUL character "
		    "in a JSON string; read as U+FFFD");
	if (m == 0) {
		char *s = json_dumps(item, JSON_COMPACT | JSON_ENCODE_ANY);

		ritem_unmatched(js->dc, js->line, s ? s : "", s ? strlen(s) : 0);
		free(s);
	}
	js->index++;
	return m < 0 ? -1 : 0;
}

/* The items of one document: the first `items` path present, else the
 * document (an array: each element). */
static int
doc_items(struct jstate *js, json_t *doc)
{
	const struct bo_rule *r = js->r;
	json_t *v = NULL, *e;
	size_t i;

	js->index = 0;
	js->doc = doc;
	for (i = 0; i < r->nitems && v == NULL; i++)
		v = json_path(doc, r->items[i], strlen(r->items[i]));
	if (v == NULL)
		v = doc;
	if (!json_is_array(v)) {
		js->em.item = 0;
		return item_one(js, v);
	}
	for (i = 0; i < json_array_size(v); i++) {
		e = json_array_get(v, i);
		js->em.item = i + 1;
		if (item_one(js, e) != 0)
			return -1;
	}
	js->em.item = 0;
	return 0;
}

static uint64_t
count_lines(const uint8_t *p, size_t n)
{
	uint64_t k = 0;
	const uint8_t *q = p, *end = p + n;

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		k++;
		q++;
	}
	return k;
}

int
rdecode_json(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	struct jstate js;
	json_error_t jerr;
	json_t *doc;
	const uint8_t *p;
	size_t want = JSON_WINDOW, avail, skip;
	uint64_t line = 1;
	int rc = 0;

	memset(&js, 0, sizeof(js));
	js.dc = dc;
	js.r = dc->rule;
	remit_init(&js.em, dc, dc->rule);
	for (;;) {
		avail = bo_stream_fill(s, want);
		p = bo_stream_data(s);
		/* white space and a UTF-8 BOM between documents */
		skip = 0;
		if (bo_stream_offset(s) == 0 && avail >= 3 &&
		    memcmp(p, "\xef\xbb\xbf", 3) == 0)
			skip = 3;
		while (skip < avail && (p[skip] == ' ' || p[skip] == '\t' ||
		    p[skip] == '\r' || p[skip] == '\n'))
			skip++;
		line += count_lines(p, skip);
		bo_stream_consume(s, skip);
		avail -= skip;
		p += skip;
		if (avail == 0)
			break;
		js.line = line;
		js.offset = bo_stream_offset(s);
		doc = json_loadb((const char *)p, avail, JSON_DISABLE_EOF_CHECK |
		    JSON_ALLOW_NUL, &jerr);
		if (doc == NULL) {
			const uint8_t *nl;

			/* incomplete: a bigger window, unless the member
			 * has no more to give */
			if (jerr.position >= 0 && (size_t)jerr.position >= avail &&
			    avail == want && want < RULE_MAX_DOC) {
				want *= 2;
				continue;
			}
			bo_decode_warn_at(dc, js.offset, line + (uint64_t)
			    (jerr.line > 0 ? jerr.line - 1 : 0),
			    "%s: %s (column %d)", avail == want ?
			    "JSON document too large or malformed" :
			    (size_t)jerr.position >= avail ?
			    "truncated JSON document" : "malformed JSON",
			    jerr.text, jerr.column);
			bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED, 1);
			/* resume at the next line that opens a document
			 * (JSON Lines: the next line) */
			skip = jerr.position > 0 ? (size_t)jerr.position : 1;
			if (skip > avail)
				skip = avail;
			for (;;) {
				nl = memchr(p + skip - 1, '\n', avail - skip + 1);
				skip = nl ? (size_t)(nl - p) + 1 : avail;
				if (skip >= avail || p[skip] == '{' ||
				    p[skip] == '[')
					break;
				skip++;
			}
			line += count_lines(p, skip);
			bo_stream_consume(s, skip);
			want = JSON_WINDOW;
			continue;
		}
		skip = (size_t)jerr.position;
		if (skip == 0 || skip > avail)
			skip = avail;
		rc = doc_items(&js, doc);
		json_decref(doc);
		line += count_lines(p, skip);
		bo_stream_consume(s, skip);
		want = JSON_WINDOW;
		if (rc != 0)
			break;
	}
	remit_free(&js.em);
	return dc->stop ? -1 : rc;
}
