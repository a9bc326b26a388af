/*
 * Templates and event building: a rule's output section names the event's
 * fields as templates ("${addr}", "AS${asn}"), which each decoder resolves
 * through its own variable lookup (regex captures, JSON paths, XML child
 * elements, CSV columns).  Then time, prefix and AS are parsed, claim
 * classifiers run over the text, and the event goes to bo_emit().
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"

const char *const rfield_names[RF__COUNT] = {
	"kind", "collector", "peer", "peer_as", "host", "prefix", "asn",
	"country", "actor", "action", "target", "text",
};

int
tmpl_compile(struct tmpl *t, const char *src, struct rmark mark, char **err)
{
	const char *p = src, *v, *e;
	size_t cap = 0;

	memset(t, 0, sizeof(*t));
	t->src = xstrdup(src);
	t->mark = mark;
	for (;;) {
		struct tseg *sg;

		v = strstr(p, "${");
		xgrow(&t->segs, &cap, t->nsegs, sizeof(*t->segs));
		sg = &t->segs[t->nsegs++];
		memset(sg, 0, sizeof(*sg));
		if (v == NULL) {
			sg->litlen = strlen(p);
			sg->lit = xstrndup(p, sg->litlen);
			return 0;
		}
		sg->litlen = (size_t)(v - p);
		sg->lit = xstrndup(p, sg->litlen);
		e = strchr(v + 2, '}');
		if (e == NULL || e == v + 2) {
			*err = xasprintf("template %s: %s", src, e == NULL ?
			    "'${' without '}'" : "empty variable name");
			return -1;
		}
		sg->varlen = (size_t)(e - (v + 2));
		sg->var = xstrndup(v + 2, sg->varlen);
		p = e + 1;
	}
}

void
tmpl_free(struct tmpl *t)
{
	size_t i;

	for (i = 0; i < t->nsegs; i++) {
		free(t->segs[i].lit);
		free(t->segs[i].var);
	}
	free(t->segs);
	free(t->src);
	memset(t, 0, sizeof(*t));
}

/* "${full_text|text}": the first alternative with a non-empty value,
 * which is how one rule reads several firmware or API versions.  A
 * ":lower" suffix lowercases the value ("Down" and "down" are one kind). */
int
rvar_alt(const char *v, size_t len, rvar_fn fn, void *arg, struct buf *out)
{
	const char *bar;
	size_t start = out->len, i;
	int lower = 0;

	if (len > 6 && memcmp(v + len - 6, ":lower", 6) == 0) {
		lower = 1;
		len -= 6;
	}
	for (;;) {
		bar = memchr(v, '|', len);
		if (fn(arg, v, bar ? (size_t)(bar - v) : len, out) &&
		    out->len > start) {
			for (i = start; lower && i < out->len; i++)
				if (out->data[i] >= 'A' && out->data[i] <= 'Z')
					out->data[i] = (char)(out->data[i] -
					    'A' + 'a');
			return 1;
		}
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		if (bar == NULL)
			return 0;
		len -= (size_t)(bar - v) + 1;
		v = bar + 1;
	}
}

int
tmpl_expand(const struct tmpl *t, rvar_fn fn, void *arg, struct buf *out)
{
	size_t i, start = out->len;

	if (t->src == NULL)
		return 0;
	/* A lone variable with no value means "no such field". */
	if (t->nsegs == 2 && t->segs[0].litlen == 0 && t->segs[1].var == NULL &&
	    t->segs[1].litlen == 0 && t->segs[0].var != NULL) {
		if (!rvar_alt(t->segs[0].var, t->segs[0].varlen, fn, arg, out) ||
		    out->len == start) {
			out->len = start;
			if (out->data != NULL)
				out->data[start] = '\0';
			return 0;
		}
		return 1;
	}
	for (i = 0; i < t->nsegs; i++) {
		buf_add(out, t->segs[i].lit, t->segs[i].litlen);
		if (t->segs[i].var != NULL)
			(void)rvar_alt(t->segs[i].var, t->segs[i].varlen, fn,
			    arg, out);
	}
	return 1;
}

void
rtime_free(struct rtime *t)
{
	tmpl_free(&t->value);
	free(t->strf);
	memset(t, 0, sizeof(*t));
}

void
rout_free(struct rout *o)
{
	size_t i;

	for (i = 0; i < RF__COUNT; i++)
		tmpl_free(&o->f[i]);
	for (i = 0; i < o->nattrs; i++) {
		free(o->attrs[i].key);
		tmpl_free(&o->attrs[i].val);
	}
	free(o->attrs);
	rtime_free(&o->time);
	memset(o, 0, sizeof(*o));
}

void
remit_init(struct remit *e, struct bo_decode_ctx *dc,
    const struct bo_rule *rule)
{
	memset(e, 0, sizeof(*e));
	e->dc = dc;
	e->rule = rule;
	buf_init(&e->b);
}

void
remit_free(struct remit *e)
{
	if (e->demoted > 1)
		bo_decode_warn_at(e->dc, e->demoted_off, e->demoted_line,
		    "rule %s: %" PRIu64 " more events up to here lacked what "
		    "their role needs; kept as context", e->rule->id,
		    e->demoted - 1);
	buf_free(&e->b);
	free(e->attrs);
	free(e->attroff);
}

int
rvar_common(struct bo_decode_ctx *dc, const char *name, size_t len,
    struct buf *out)
{
	const char *base;
	size_t i;

	for (i = 0; i < dc->nfields; i++)
		if (strlen(dc->fields[i].key) == len &&
		    memcmp(dc->fields[i].key, name, len) == 0) {
			buf_adds(out, dc->fields[i].value);
			return 1;
		}
	if (len == 6 && memcmp(name, "member", 6) == 0) {
		buf_adds(out, dc->member->path[0] ? dc->member->path :
		    dc->member->input);
		return 1;
	}
	if (len == 4 && memcmp(name, "file", 4) == 0) {
		base = dc->member->path[0] ? dc->member->path :
		    dc->member->input;
		if (strrchr(base, '/') != NULL)
			base = strrchr(base, '/') + 1;
		if (strrchr(base, '!') != NULL)
			base = strrchr(base, '!') + 1;
		buf_adds(out, base);
		return 1;
	}
	if (len == 15 && memcmp(name, "path_collector", 14) == 0 &&
	    dc->collector != NULL) {
		buf_adds(out, dc->collector);
		return 1;
	}
	return 0;
}

/* Offsets into the scratch buffer; pointers are fixed up at the end
 * because the buffer moves as it grows. */
#define NOFF	((size_t)-1)

struct built {
	size_t	 off[RF__COUNT];
	size_t	 nattrs;
};

static void
expand_field(struct remit *e, const struct tmpl *t, rvar_fn fn, void *arg,
    size_t *off)
{
	size_t start = e->b.len;

	if (t->src == NULL)
		return;
	if (tmpl_expand(t, fn, arg, &e->b)) {
		buf_addc(&e->b, '\0');
		*off = start;
	}
}

static void
add_attr(struct remit *e, struct built *bt, const char *key, size_t voff)
{
	if (bt->nattrs == e->attrcap) {
		size_t cap = e->attrcap;

		xgrow(&e->attrs, &cap, bt->nattrs, sizeof(*e->attrs));
		xgrow(&e->attroff, &e->attrcap, bt->nattrs,
		    sizeof(*e->attroff));
	}
	e->attrs[bt->nattrs].key = key;
	e->attroff[bt->nattrs] = voff;
	bt->nattrs++;
}

static void
set_attr(struct remit *e, struct built *bt, const char *key, const char *val)
{
	size_t i, off = e->b.len;

	buf_adds(&e->b, val);
	buf_addc(&e->b, '\0');
	for (i = 0; i < bt->nattrs; i++)
		if (strcmp(e->attrs[i].key, key) == 0) {
			e->attroff[i] = off;
			return;
		}
	add_attr(e, bt, key, off);
}

static void
expand_out(struct remit *e, const struct rout *o, struct built *bt,
    rvar_fn fn, void *arg)
{
	size_t i, j, before = bt->nattrs;

	for (i = 0; i < RF__COUNT; i++) {
		size_t off = NOFF;

		expand_field(e, &o->f[i], fn, arg, &off);
		if (off != NOFF)
			bt->off[i] = off;
	}
	for (i = 0; i < o->nattrs; i++) {
		size_t off = NOFF;

		expand_field(e, &o->attrs[i].val, fn, arg, &off);
		if (off == NOFF)
			continue;
		/* one output's keys are distinct (rules check sees to it);
		 * only a classifier's may replace earlier ones */
		for (j = 0; j < before; j++)
			if (strcmp(e->attrs[j].key, o->attrs[i].key) == 0)
				break;
		if (j == before)
			j = bt->nattrs;
		if (j < bt->nattrs)
			e->attroff[j] = off;
		else
			add_attr(e, bt, o->attrs[i].key, off);
	}
}

/* What a classifier's templates see: its own captures, then the fields
 * of the event being classified ("${actor}" is the tweet's author). */
struct classify_env {
	struct remit		*e;
	struct built		*bt;
	struct rpat		*pat;
	const char		*text;
};

static int
classify_var(void *arg, const char *name, size_t len, struct buf *out)
{
	struct classify_env *ce = arg;
	size_t i, off, at = out->len, lead;

	if (rpat_capture(ce->pat, ce->text, name, len, out)) {
		/* A capture names a thing ("North Korea outage"): the
		 * spaces a pattern could not help taking at its edges are
		 * not part of the name. */
		while (out->len > at && isspace((unsigned char)
		    out->data[out->len - 1]))
			out->data[--out->len] = '\0';
		for (lead = at; lead < out->len &&
		    isspace((unsigned char)out->data[lead]); lead++)
			;
		if (lead > at) {
			memmove(out->data + at, out->data + lead,
			    out->len - lead + 1);
			out->len -= lead - at;
		}
		return 1;
	}
	for (i = 0; i < RF__COUNT; i++)
		if (strlen(rfield_names[i]) == len &&
		    memcmp(rfield_names[i], name, len) == 0) {
			off = ce->bt->off[i];
			if (off == NOFF)
				return 0;
			/* copy out first: out may be the scratch buffer */
			{
				char *tmp = xstrdup(ce->e->b.data + off);

				buf_adds(out, tmp);
				free(tmp);
			}
			return 1;
		}
	return 0;
}

/*
 * Claim patterns are rules too: the first classifier pattern (in load
 * order) whose regex fires on the text decides kind and class and may
 * name actor, action and target; fields it leaves out keep the values
 * the source rule gave.  Returns the pattern that fired, or NULL.
 */
static const struct rmatch *
classify(struct remit *e, struct built *bt, uint64_t line,
    const struct bo_event *ev)
{
	struct bo_rules *rs = e->dc->rules;
	struct classify_env ce;
	char *text;
	size_t i, j, tlen;

	if (rs == NULL || bt->off[RF_TEXT] == NOFF)
		return NULL;
	text = xstrdup(e->b.data + bt->off[RF_TEXT]);
	tlen = strlen(text);
	for (i = 0; i < rs->n; i++) {
		const struct bo_rule *r = rs->r[i];

		if (!r->classifier)
			continue;
		for (j = 0; j < r->nm; j++) {
			struct rmatch *m = &r->m[j];
			const char *err = NULL;
			int rc;

			if (m->srcmask != 0 && !(m->srcmask & 1u << ev->src))
				continue;
			/* a mere report never downgrades what its rule
			 * already made a claim (an official statement) */
			if (ev->cls == BO_CLASS_CLAIM && m->out.has_cls &&
			    m->out.cls != BO_CLASS_CLAIM)
				continue;
			rc = rpat_match(&m->re, text, tlen, &err);
			if (rc < 0) {
				bo_decode_warn_at(e->dc, 0, line,
				    "rule %s, pattern %s: %s", r->id, m->name,
				    err);
				continue;
			}
			if (rc == 0)
				continue;
			ce.e = e;
			ce.bt = bt;
			ce.pat = &m->re;
			ce.text = text;
			expand_out(e, &m->out, bt, classify_var, &ce);
			set_attr(e, bt, "claim_rule", r->id);
			free(text);
			return m;
		}
	}
	free(text);
	return NULL;
}

#define DAY_US	(INT64_C(86400) * 1000000)

static int64_t
fallback_time(struct remit *e, const char **from)
{
	struct bo_decode_ctx *dc = e->dc;

	if (dc->default_time_us != INT64_MIN) {
		*from = "case";
		return dc->default_time_us;
	}
	if (dc->member->mtime != INT64_MIN) {
		*from = "member-mtime";
		return dc->member->mtime * INT64_C(1000000);
	}
	*from = "none";
	return 0;
}

/* Event time: the pattern's spec, else the rule's; a missing or bad
 * value falls back to the case's or the member's own time, marked. */
static void
event_time(struct remit *e, const struct rout *o, struct built *bt,
    rvar_fn fn, void *arg, uint64_t line, uint64_t offset,
    struct bo_event *ev)
{
	const struct rtime *rt = o->has_time ? &o->time :
	    e->rule->has_time ? &e->rule->time : NULL;
	const char *from, *err;
	int64_t ref;
	size_t start = e->b.len;

	ref = fallback_time(e, &from);
	if (rt != NULL && rt->fmt != RT_NONE &&
	    tmpl_expand(&rt->value, fn, arg, &e->b)) {
		char *val = xstrndup(e->b.data + start, e->b.len - start);

		e->b.len = start;
		e->b.data[start] = '\0';
		if (rtime_parse(rt->fmt, rt->strf, val, strlen(val),
		    rt->has_zone ? rt->zone_s : 0,
		    strcmp(from, "none") == 0 ? INT64_MIN : ref, &ev->time_us,
		    &ev->prec, &err) == 0) {
			if (rt->has_prec)
				ev->prec = rt->prec;
			free(val);
			return;
		}
		bo_decode_warn_at(e->dc, offset, line,
		    "rule %s: %s '%.64s' (as %s); using the %s time", e->rule->id,
		    err, val, rtime_fmt_name(rt->fmt), from);
		set_attr(e, bt, "time_unparsed", val);
		free(val);
	}
	if (strcmp(from, "none") == 0 && !e->warned_notime) {
		e->warned_notime = 1;
		bo_decode_warn_at(e->dc, offset, line,
		    "rule %s: no time in the data and none for the member; "
		    "events dated 1970-01-01", e->rule->id);
	}
	set_attr(e, bt, "time_from", from);
	/* Day precision means "on that UTC day": the interval starts at
	 * midnight, so it covers a member written late in the day about
	 * lines from earlier that day. */
	ev->time_us = ref - ((ref % DAY_US) + DAY_US) % DAY_US;
	ev->prec = BO_PREC_DAY;
}

int
remit_event(struct remit *e, const struct rout *o, rvar_fn fn, void *arg,
    uint64_t line, uint64_t offset)
{
	struct bo_event ev;
	struct built bt;
	const struct rmatch *cm = NULL;
	size_t i;
	const char *f[RF__COUNT];

	memset(&ev, 0, sizeof(ev));
	buf_reset(&e->b);
	for (i = 0; i < RF__COUNT; i++)
		bt.off[i] = NOFF;
	bt.nattrs = 0;
	expand_out(e, o, &bt, fn, arg);
	event_time(e, o, &bt, fn, arg, line, offset, &ev);
	if (e->item > 0) {
		char num[24];

		snprintf(num, sizeof(num), "%" PRIu64, e->item);
		set_attr(e, &bt, "item", num);
	}
	ev.cls = o->has_cls ? o->cls : BO_CLASS_SIGNAL;
	ev.role = o->has_role ? o->role : BO_ROLE_NONE;
	ev.src = o->has_src ? o->src : e->rule->src;
	if (o->classify && (cm = classify(e, &bt, line, &ev)) != NULL &&
	    cm->out.has_cls) {
		/* the classifier decides what the text is: its role, or
		 * the one its class implies */
		ev.cls = cm->out.cls;
		ev.role = cm->out.has_role ? cm->out.role :
		    ev.cls == BO_CLASS_CLAIM ? BO_ROLE_CLAIM :
		    ev.cls == BO_CLASS_REPORT ? BO_ROLE_REPORT : ev.role;
	}
	for (i = 0; i < RF__COUNT; i++)
		f[i] = bt.off[i] == NOFF ? NULL : e->b.data + bt.off[i];
	for (i = 0; i < bt.nattrs; i++)
		e->attrs[i].value = e->b.data + e->attroff[i];
	if (f[RF_KIND] != NULL)
		role_kind_fix(e->b.data + bt.off[RF_KIND]);
	ev.kind = f[RF_KIND] != NULL ? f[RF_KIND] : "unknown";
	ev.collector = f[RF_COLLECTOR];
	ev.peer = f[RF_PEER];
	ev.host = f[RF_HOST];
	ev.country = f[RF_COUNTRY];
	ev.actor = f[RF_ACTOR];
	ev.action = f[RF_ACTION];
	ev.target = f[RF_TARGET];
	ev.text = f[RF_TEXT];
	if (f[RF_PREFIX] != NULL && bo_prefix_parse(f[RF_PREFIX],
	    &ev.prefix) != 0) {
		bo_decode_warn_at(e->dc, offset, line,
		    "rule %s: '%.64s' is not a prefix; left out", e->rule->id,
		    f[RF_PREFIX]);
		memset(&ev.prefix, 0, sizeof(ev.prefix));
	}
	if (f[RF_ASN] != NULL && parse_asn(f[RF_ASN], &ev.asn) != 0) {
		bo_decode_warn_at(e->dc, offset, line,
		    "rule %s: '%.64s' is not an AS number; left out",
		    e->rule->id, f[RF_ASN]);
		ev.asn = 0;
	}
	if (f[RF_PEER_AS] != NULL && parse_asn(f[RF_PEER_AS],
	    &ev.peer_as) != 0) {
		bo_decode_warn_at(e->dc, offset, line,
		    "rule %s: '%.64s' is not an AS number; left out",
		    e->rule->id, f[RF_PEER_AS]);
		ev.peer_as = 0;
	}
	ev.attrs = e->attrs;
	ev.nattrs = bt.nattrs;
	ev.prov.line = line;
	ev.prov.offset = offset;
	role_event(e, o, &ev, line, offset);
	return bo_emit(e->dc, &ev);
}

/* Whether a `when`/`exists` condition holds for the item fn resolves:
 * a missing or null value is absent. */
int
rwhen_holds(const struct rwhen *w, rvar_fn fn, void *arg)
{
	struct buf b;
	size_t i;
	int found, ok = 0;

	buf_init(&b);
	found = rvar_alt(w->path, strlen(w->path), fn, arg, &b);
	if (w->absent)
		ok = !found;
	else if (found && w->nvals == 0)
		ok = 1;
	else
		for (i = 0; found && i < w->nvals && !ok; i++)
			ok = strcmp(b.data, w->vals[i]) == 0;
	buf_free(&b);
	return ok;
}

/* An item's own fields, behind the captures of the regex that matched. */
struct capvar {
	rvar_fn		 fn;
	void		*arg;
	struct rpat	*pat;
	const char	*text;
};

static int
cap_var(void *arg, const char *name, size_t len, struct buf *out)
{
	struct capvar *cv = arg;

	if (cv->pat != NULL && rpat_capture(cv->pat, cv->text, name, len, out))
		return 1;
	return cv->fn(cv->arg, name, len, out);
}

int
ritem_apply(struct remit *e, rvar_fn fn, void *arg, uint64_t line,
    uint64_t offset, ritem_each_fn each)
{
	const struct bo_rule *r = e->rule;
	struct capvar cv;
	struct buf text;
	size_t i, j;
	int matched = 0, rc = 0;

	cv.fn = fn;
	cv.arg = arg;
	buf_init(&text);
	for (i = 0; i < r->nm && rc == 0; i++) {
		struct rmatch *m = &r->m[i];
		const char *err = NULL;

		for (j = 0; j < m->nwhen; j++)
			if (!rwhen_holds(&m->when[j], fn, arg))
				break;
		if (j < m->nwhen)
			continue;
		cv.pat = NULL;
		cv.text = NULL;
		if (m->has_re) {
			buf_reset(&text);
			if (!tmpl_expand(&m->field, fn, arg, &text))
				continue;
			rc = rpat_match(&m->re, text.data, text.len, &err);
			if (rc < 0)
				bo_decode_warn_at(e->dc, offset, line,
				    "rule %s, pattern %s: %s", r->id, m->name,
				    err);
			if (rc != 1) {
				rc = 0;
				continue;
			}
			rc = 0;
			cv.pat = &m->re;
			cv.text = text.data;
		}
		matched = 1;
		if (m->each != NULL && each != NULL)
			rc = each(arg, e, m, cap_var, &cv);
		else if (m->out.present)
			rc = remit_event(e, &m->out, cap_var, &cv, line,
			    offset);
		if (m->stop)
			break;
	}
	buf_free(&text);
	if (rc != 0)
		return -1;
	if (!matched && r->defout.present) {
		if (remit_event(e, &r->defout, fn, arg, line, offset) != 0)
			return -1;
		matched = 1;
	}
	return matched;
}

void
ritem_unmatched(struct bo_decode_ctx *dc, uint64_t line, const char *text,
    size_t len)
{
	bo_diag_count(dc->diag, BO_CNT_LINES_UNMATCHED, 1);
	if (dc->unmatched != NULL)
		dc->unmatched(dc->unmatched_arg, dc->member->input,
		    dc->member->path, line, text, len);
}
