/*
 * XML feeds through rules (expat): RSS 2.0 `item`s, Atom `entry`s, or any
 * element the rule names in `items`.  Inside an item, the text of every
 * element is kept under its path relative to the item ("title",
 * "author/name", "dc:creator") and attributes as "path@attr"
 * ("link@href"); feed-level values outside items are "feed/PATH"
 * ("feed/title" for the channel's or feed's title).
 *
 * No DTD is trusted: any entity declaration stops the parse (that refuses
 * both external entities and billion-laughs expansion), parameter entities
 * are never parsed, and external references are refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "rules/rules_private.h"

#define XML_CHUNK	(64u * 1024)
#define XML_MAX_DEPTH	64
/* Longest text kept per element: feeds embed whole articles. */
#define XML_MAX_TEXT	(64u * 1024)

struct xkv {
	char	*key;
	char	*val;
};

struct xstate {
	struct bo_decode_ctx	*dc;
	const struct bo_rule	*r;
	struct remit		 em;
	XML_Parser		 p;
	struct buf		 path[XML_MAX_DEPTH];	/* open element paths */
	struct buf		 text[XML_MAX_DEPTH];	/* their text */
	unsigned		 depth;
	int			 in_item;
	unsigned		 item_depth;
	uint64_t		 item_line;
	uint64_t		 item_offset;
	struct xkv		*kv;		/* the current item */
	size_t			 nkv, kvcap;
	struct xkv		*feed;		/* outside items */
	size_t			 nfeed, feedcap;
	int			 refused;
	int			 stop;
	int			 too_deep;
	int			 cut_warned;
	uint64_t		 line_base;	/* lines skipped before */
	uint64_t		 skipped;	/* bytes skipped before */
};

static uint64_t
xml_line(const struct xstate *xs)
{
	return XML_GetCurrentLineNumber(xs->p) + xs->line_base;
}

static void
kv_set(struct xkv **kv, size_t *n, size_t *cap, const char *key,
    const char *val, size_t vlen)
{
	size_t i;

	/* the first occurrence wins: an item's own title before any
	 * nested one */
	for (i = 0; i < *n; i++)
		if (strcmp((*kv)[i].key, key) == 0)
			return;
	xgrow(kv, cap, *n, sizeof(**kv));
	(*kv)[*n].key = xstrdup(key);
	(*kv)[*n].val = xstrndup(val, vlen);
	(*n)++;
}

/*
 * Sets key, and the key with namespace prefixes dropped from its steps
 * ("atom:author/atom:name" is also "author/name"), so one rule reads
 * feeds whatever prefix they chose.
 */
static void
kv_set2(struct xkv **kv, size_t *n, size_t *cap, const char *key,
    const char *val, size_t vlen)
{
	struct buf local;
	const char *p, *step, *colon;

	kv_set(kv, n, cap, key, val, vlen);
	if (strchr(key, ':') == NULL)
		return;
	buf_init(&local);
	for (p = key; *p != '\0';) {
		size_t k = strcspn(p, "/@");

		step = p;
		colon = memchr(step, ':', k);
		if (colon != NULL)
			buf_add(&local, colon + 1, k - (size_t)(colon + 1 - step));
		else
			buf_add(&local, step, k);
		p += k;
		if (*p != '\0')
			buf_addc(&local, *p++);
	}
	if (local.len > 0 && strcmp(local.data, key) != 0)
		kv_set(kv, n, cap, local.data, val, vlen);
	buf_free(&local);
}

static void
kv_clear(struct xkv *kv, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		free(kv[i].key);
		free(kv[i].val);
	}
	*n = 0;
}

/* Text trimmed of surrounding white space. */
static void
trim(const char *s, size_t len, const char **out, size_t *olen)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	*out = s;
	*olen = len;
}

static int
is_item(const struct bo_rule *r, const char *name)
{
	static const char *const dflt[] = { "item", "entry", NULL };
	const char *colon = strchr(name, ':');
	size_t i;

	/* "atom:entry" is an entry too: the prefix is the feed's choice */
	if (colon != NULL && is_item(r, colon + 1))
		return 1;

	if (r->nitems == 0) {
		for (i = 0; dflt[i] != NULL; i++)
			if (strcmp(dflt[i], name) == 0)
				return 1;
		return 0;
	}
	for (i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i], name) == 0)
			return 1;
	return 0;
}

static int
xml_var(void *arg, const char *name, size_t len, struct buf *out)
{
	struct xstate *xs = arg;
	size_t i;

	for (i = 0; i < xs->nkv; i++)
		if (strlen(xs->kv[i].key) == len &&
		    memcmp(xs->kv[i].key, name, len) == 0) {
			buf_adds(out, xs->kv[i].val);
			return 1;
		}
	if (len > 5 && memcmp(name, "feed/", 5) == 0)
		for (i = 0; i < xs->nfeed; i++)
			if (strlen(xs->feed[i].key) == len - 5 &&
			    memcmp(xs->feed[i].key, name + 5, len - 5) == 0) {
				buf_adds(out, xs->feed[i].val);
				return 1;
			}
	return rvar_common(xs->dc, name, len, out);
}

/* The item is complete: patterns, else the default output. */
static void
item_done(struct xstate *xs)
{
	int m;

	bo_diag_count(xs->dc->diag, BO_CNT_RECORDS, 1);
	m = ritem_apply(&xs->em, xml_var, xs, xs->item_line, xs->item_offset,
	    NULL);
	if (m < 0) {
		xs->stop = 1;
		XML_StopParser(xs->p, XML_FALSE);
	} else if (m == 0) {
		/* the item's title (or its first value) says which it was */
		const char *t = xs->nkv > 0 ? xs->kv[0].val : "(empty item)";
		size_t i;

		for (i = 0; i < xs->nkv; i++)
			if (strcmp(xs->kv[i].key, "title") == 0)
				t = xs->kv[i].val;
		ritem_unmatched(xs->dc, xs->item_line, t, strlen(t));
	}
	kv_clear(xs->kv, &xs->nkv);
}

static void XMLCALL
on_start(void *arg, const XML_Char *name, const XML_Char **attrs)
{
	struct xstate *xs = arg;
	struct buf *pb;
	size_t i;

	if (xs->depth >= XML_MAX_DEPTH) {
		xs->too_deep = 1;
		XML_StopParser(xs->p, XML_FALSE);
		return;
	}
	if (!xs->in_item && is_item(xs->r, name)) {
		xs->in_item = 1;
		xs->item_depth = xs->depth;
		xs->item_line = xml_line(xs);
		xs->item_offset = (uint64_t)XML_GetCurrentByteIndex(xs->p) +
		    xs->skipped;
	}
	pb = &xs->path[xs->depth];
	buf_reset(pb);
	/* the item's own element has the empty path; feed-level paths
	 * drop the root element ("rss/channel/title" -> "channel/title") */
	if (xs->in_item && xs->depth > xs->item_depth) {
		if (xs->depth > xs->item_depth + 1) {
			buf_add(pb, xs->path[xs->depth - 1].data,
			    xs->path[xs->depth - 1].len);
			buf_addc(pb, '/');
		}
		buf_adds(pb, name);
	} else if (!xs->in_item && xs->depth > 0) {
		if (xs->depth > 1) {
			buf_add(pb, xs->path[xs->depth - 1].data,
			    xs->path[xs->depth - 1].len);
			buf_addc(pb, '/');
		}
		buf_adds(pb, name);
	}
	buf_reset(&xs->text[xs->depth]);
	for (i = 0; attrs[i] != NULL && attrs[i + 1] != NULL; i += 2) {
		struct buf k;

		buf_init(&k);
		buf_printf(&k, "%s@%s", pb->data ? pb->data : "", attrs[i]);
		if (xs->in_item)
			kv_set2(&xs->kv, &xs->nkv, &xs->kvcap, k.data,
			    attrs[i + 1], strlen(attrs[i + 1]));
		else
			kv_set2(&xs->feed, &xs->nfeed, &xs->feedcap, k.data,
			    attrs[i + 1], strlen(attrs[i + 1]));
		buf_free(&k);
	}
	xs->depth++;
}

static void XMLCALL
on_end(void *arg, const XML_Char *name)
{
	struct xstate *xs = arg;
	const char *t;
	size_t tl;
	unsigned d;

	(void)name;
	if (xs->depth == 0)
		return;
	d = --xs->depth;
	trim(xs->text[d].data ? xs->text[d].data : "", xs->text[d].len, &t,
	    &tl);
	if (xs->in_item && d == xs->item_depth) {
		xs->in_item = 0;
		item_done(xs);
		return;
	}
	if (xs->path[d].len == 0)
		return;
	/* an element's text includes its children's (XHTML content) */
	if (d > 0 && (xs->in_item ? d > xs->item_depth + 1 : 1) &&
	    xs->text[d - 1].len < XML_MAX_TEXT && tl > 0) {
		buf_addc(&xs->text[d - 1], ' ');
		buf_add(&xs->text[d - 1], t, tl);
	}
	if (tl == 0)
		return;
	if (xs->in_item)
		kv_set2(&xs->kv, &xs->nkv, &xs->kvcap, xs->path[d].data, t,
		    tl);
	else
		kv_set2(&xs->feed, &xs->nfeed, &xs->feedcap, xs->path[d].data,
		    t, tl);
}

static void XMLCALL
on_text(void *arg, const XML_Char *s, int len)
{
	struct xstate *xs = arg;
	struct buf *b;

	if (xs->depth == 0 || len <= 0)
		return;
	b = &xs->text[xs->depth - 1];
	if (b->len + (size_t)len <= XML_MAX_TEXT) {
		buf_add(b, s, (size_t)len);
	} else if (!xs->cut_warned) {
		/* once per member: feeds that embed whole articles */
		xs->cut_warned = 1;
		bo_decode_warn_at(xs->dc, 0, xml_line(xs), "XML element text "
		    "longer than %u bytes; cut there", XML_MAX_TEXT);
	}
}

static void XMLCALL
on_entity_decl(void *arg, const XML_Char *name, int is_param,
    const XML_Char *value, int vlen, const XML_Char *base,
    const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	struct xstate *xs = arg;

	(void)is_param;
	(void)value;
	(void)vlen;
	(void)base;
	(void)pubid;
	(void)notation;
	bo_decode_warn_at(xs->dc, 0, xml_line(xs),
	    "refusing XML entity declaration '%s'%s: entities are not "
	    "expanded (external entities and expansion bombs); member "
	    "skipped", name, sysid != NULL ? " (external)" : "");
	xs->refused = 1;
	XML_StopParser(xs->p, XML_FALSE);
}

static int XMLCALL
on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
    const XML_Char *sysid, const XML_Char *pubid)
{
	(void)p;
	(void)context;
	(void)base;
	(void)sysid;
	(void)pubid;
	return XML_STATUS_ERROR;
}

int
rdecode_xml(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	struct xstate xs;
	size_t avail, i;
	int rc = 0, fin;

	memset(&xs, 0, sizeof(xs));
	xs.dc = dc;
	xs.r = dc->rule;
	remit_init(&xs.em, dc, dc->rule);
	for (i = 0; i < XML_MAX_DEPTH; i++) {
		buf_init(&xs.path[i]);
		buf_init(&xs.text[i]);
	}
	xs.p = XML_ParserCreate(NULL);
	XML_SetUserData(xs.p, &xs);
	XML_SetElementHandler(xs.p, on_start, on_end);
	XML_SetCharacterDataHandler(xs.p, on_text);
	XML_SetEntityDeclHandler(xs.p, on_entity_decl);
	XML_SetExternalEntityRefHandler(xs.p, on_external);
	XML_SetParamEntityParsing(xs.p, XML_PARAM_ENTITY_PARSING_NEVER);
	/* Feeds in the wild put a newline (or a BOM and one) before the
	 * XML declaration, which expat rightly rejects; skip it, and count
	 * the lines it held so positions stay true. */
	avail = bo_stream_fill(s, XML_CHUNK);
	{
		const uint8_t *p = bo_stream_data(s);
		size_t k = 0, nl = 0;

		if (avail >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
			k = 3;
		while (k < avail && (p[k] == ' ' || p[k] == '\t' ||
		    p[k] == '\r' || p[k] == '\n'))
			nl += p[k++] == '\n';
		if (k > 0 && k + 5 <= avail && memcmp(p + k, "<?xml", 5) == 0 &&
		    (k > 3 || p[0] != 0xef)) {
			bo_stream_consume(s, k);
			xs.line_base = nl;
			xs.skipped = k;
		}
	}
	for (;;) {
		avail = bo_stream_fill(s, XML_CHUNK);
		fin = avail == 0;
		if (XML_Parse(xs.p, (const char *)bo_stream_data(s), (int)
		    (avail < XML_CHUNK ? avail : XML_CHUNK), fin) ==
		    XML_STATUS_ERROR) {
			if (xs.too_deep)
				bo_decode_warn_at(dc, 0,
				    xml_line(&xs), "XML nested "
				    "deeper than %d elements; rest of member "
				    "skipped", XML_MAX_DEPTH);
			else if (!xs.refused && !xs.stop)
				bo_decode_warn_at(dc, 0,
				    xml_line(&xs), "XML error "
				    "at column %lu: %s; rest of member skipped",
				    (unsigned long)
				    XML_GetCurrentColumnNumber(xs.p) + 1,
				    XML_ErrorString(XML_GetErrorCode(xs.p)));
			if (!xs.stop) {
				bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED,
				    1);
				rc = -1;
			}
			break;
		}
		if (fin)
			break;
		bo_stream_consume(s, avail < XML_CHUNK ? avail : XML_CHUNK);
	}
	XML_ParserFree(xs.p);
	kv_clear(xs.kv, &xs.nkv);
	free(xs.kv);
	kv_clear(xs.feed, &xs.nfeed);
	free(xs.feed);
	for (i = 0; i < XML_MAX_DEPTH; i++) {
		buf_free(&xs.path[i]);
		buf_free(&xs.text[i]);
	}
	remit_free(&xs.em);
	return dc->stop || xs.stop ? -1 : rc;
}
