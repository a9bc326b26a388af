/*
 * Rule loading and validation.  A rule file is one YAML document (see
 * blackout-rules(5)); it is read with libyaml's document API so that every
 * node keeps its mark, and every error names file:line:column.  Unknown
 * keys are errors, so a misspelt key cannot silently do nothing.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "rules/rules_private.h"
#include "util/yaml_guard.h"

/* A rule file larger than this is refused before parsing. */
#define RULE_FILE_MAX	(4u * 1024 * 1024)

struct yctx {
	const char		*file;
	yaml_document_t		*doc;
	struct bo_diag		*diag;
	int			 nerr;
	struct bo_rule		*rule;
	pcre2_jit_stack		*jit;
	uint32_t		 match_limit;
	uint32_t		 depth_limit;
};

static void yerr(struct yctx *, const yaml_node_t *, const char *, ...)
	__attribute__((format(printf, 3, 4)));

static struct rmark
ymark(const yaml_node_t *n)
{
	struct rmark m = { 0, 0 };

	if (n != NULL) {
		m.line = n->start_mark.line + 1;
		m.col = n->start_mark.column + 1;
	}
	return m;
}

static void
yerr_at(struct yctx *y, struct rmark m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
yerr_at(struct yctx *y, struct rmark m, const char *fmt, ...)
{
	struct bo_where w;
	char msg[1024];
	va_list ap;

	memset(&w, 0, sizeof(w));
	w.input = y->file;
	w.line = m.line;
	w.column = m.col;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	bo_diag_report(y->diag, BO_FAIL, &w, "%s", msg);
	y->nerr++;
}

static void
yerr(struct yctx *y, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yerr_at(y, ymark(n), "%s", msg);
}

static yaml_node_t *
ynode(struct yctx *y, int id)
{
	return yaml_document_get_node(y->doc, id);
}

static const char *
yscalar_of(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

/* The value of key in mapping map, or NULL. */
static yaml_node_t *
yget(struct yctx *y, const yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	    p++) {
		const char *k = yscalar_of(ynode(y, p->key));

		if (k != NULL && strcmp(k, key) == 0)
			return ynode(y, p->value);
	}
	return NULL;
}

/* Every key must be known and appear once. */
static int
ykeys(struct yctx *y, const yaml_node_t *map, const char *what,
    const char *const *allowed)
{
	yaml_node_pair_t *p, *q;
	size_t i;
	int bad = 0;

	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		yerr(y, map, "%s must be a mapping", what);
		return -1;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *kn = ynode(y, p->key);
		const char *k = yscalar_of(kn);

		if (k == NULL) {
			yerr(y, kn, "%s: keys must be plain strings", what);
			bad = 1;
			continue;
		}
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(allowed[i], k) == 0)
				break;
		if (allowed[i] == NULL) {
			yerr(y, kn, "%s: unknown key '%s'", what, k);
			bad = 1;
		}
		for (q = map->data.mapping.pairs.start; q < p; q++) {
			const char *k2 = yscalar_of(ynode(y, q->key));

			if (k2 != NULL && strcmp(k, k2) == 0) {
				yerr(y, kn, "%s: key '%s' given twice", what, k);
				bad = 1;
			}
		}
	}
	return bad ? -1 : 0;
}

static const char *
ystr(struct yctx *y, const yaml_node_t *n, const char *what)
{
	const char *s = yscalar_of(n);

	if (n != NULL && s == NULL)
		yerr(y, n, "%s must be a string", what);
	return s;
}

static int
ybool(struct yctx *y, const yaml_node_t *n, const char *what, int *v)
{
	const char *s = ystr(y, n, what);

	if (s == NULL)
		return -1;
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0) {
		*v = 1;
		return 0;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0) {
		*v = 0;
		return 0;
	}
	yerr(y, n, "%s must be true or false", what);
	return -1;
}

/* A string or a list of strings. */
static int
ystrlist(struct yctx *y, const yaml_node_t *n, const char *what,
    char ***out, size_t *nout, yaml_node_t ***nodes)
{
	yaml_node_item_t *it;
	size_t cap = 0, ncap = 0;

	*out = NULL;
	*nout = 0;
	if (nodes != NULL)
		*nodes = NULL;
	if (n == NULL)
		return 0;
	if (n->type == YAML_SCALAR_NODE) {
		*out = xcalloc(1, sizeof(char *));
		(*out)[0] = xstrdup(yscalar_of(n));
		*nout = 1;
		if (nodes != NULL) {
			*nodes = xcalloc(1, sizeof(yaml_node_t *));
			(*nodes)[0] = (yaml_node_t *)n;
		}
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		yerr(y, n, "%s must be a string or a list of strings", what);
		return -1;
	}
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	    it++) {
		yaml_node_t *e = ynode(y, *it);
		const char *s = ystr(y, e, what);

		if (s == NULL)
			return -1;
		xgrow(out, &cap, *nout, sizeof(char *));
		if (nodes != NULL)
			xgrow(nodes, &ncap, *nout, sizeof(yaml_node_t *));
		(*out)[*nout] = xstrdup(s);
		if (nodes != NULL)
			(*nodes)[*nout] = e;
		(*nout)++;
	}
	return 0;
}

static void
strlist_free(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/*
 * Where in the YAML text the byte at offset off of a scalar's value is:
 * exact for plain and quoted scalars without escapes before it, the right
 * line (and column within the value's line) for block scalars.
 */
static struct rmark
ymark_offset(const yaml_node_t *n, size_t off)
{
	struct rmark m = ymark(n);
	const char *v = yscalar_of(n);
	size_t i, lstart = 0, nl = 0;

	if (v == NULL)
		return m;
	for (i = 0; i < off && v[i] != '\0'; i++)
		if (v[i] == '\n') {
			nl++;
			lstart = i + 1;
		}
	switch (n->data.scalar.style) {
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		m.line += 1 + nl;
		m.col = off - lstart + 1;
		break;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		m.col += 1 + off;
		break;
	default:
		m.col += off;
		break;
	}
	return m;
}

static int
ypat(struct yctx *y, const yaml_node_t *n, struct rpat *p, int caseless,
    const char *what)
{
	const char *s = ystr(y, n, what);
	char *err = NULL;
	size_t off = 0;

	if (s == NULL)
		return -1;
	if (rpat_compile(p, s, y->match_limit, y->depth_limit, caseless,
	    y->jit, &err, &off) != 0) {
		yerr_at(y, ymark_offset(n, off), "%s: %s", what, err);
		free(err);
		return -1;
	}
	p->mark = ymark(n);
	return 0;
}

static int
ytmpl(struct yctx *y, const yaml_node_t *n, struct tmpl *t, const char *what)
{
	const char *s = ystr(y, n, what);
	char *err = NULL;

	if (s == NULL)
		return -1;
	if (tmpl_compile(t, s, ymark(n), &err) != 0) {
		yerr(y, n, "%s: %s", what, err);
		free(err);
		return -1;
	}
	return 0;
}

static int
yprec(struct yctx *y, const yaml_node_t *n, enum bo_prec *p)
{
	const char *s = ystr(y, n, "precision");

	if (s == NULL)
		return -1;
	if (bo_prec_parse(s, p) != 0) {
		yerr(y, n, "precision must be us, ms, s, min, hour or day");
		return -1;
	}
	return 0;
}

static int
ytime(struct yctx *y, const yaml_node_t *n, struct rtime *t)
{
	static const char *const keys[] = { "value", "format", "zone",
	    "precision", NULL };
	const yaml_node_t *v;
	const char *s, *err;

	if (ykeys(y, n, "time", keys) != 0)
		return -1;
	v = yget(y, n, "format");
	if (v == NULL) {
		yerr(y, n, "time: 'format' is required");
		return -1;
	}
	if ((s = ystr(y, v, "time format")) == NULL)
		return -1;
	if (rtime_fmt_parse(s, &t->fmt) != 0) {
		yerr(y, v, "time format '%s': not one of none, epoch, epoch_ms, "
		    "epoch_us, epoch_ns, rfc3339, rfc2822, twitter, syslog or a "
		    "strftime pattern", s);
		return -1;
	}
	if (t->fmt == RT_STRF) {
		if (rtime_strf_check(s, &err) != 0) {
			yerr(y, v, "time format '%s': %s", s, err);
			return -1;
		}
		t->strf = xstrdup(s);
	}
	if ((v = yget(y, n, "value")) != NULL) {
		if (ytmpl(y, v, &t->value, "time value") != 0)
			return -1;
	} else if (t->fmt != RT_NONE) {
		yerr(y, n, "time: 'value' is required unless format is none");
		return -1;
	}
	if ((v = yget(y, n, "zone")) != NULL) {
		if ((s = ystr(y, v, "zone")) == NULL)
			return -1;
		if (rtime_zone_parse(s, &t->zone_s) != 0) {
			yerr(y, v, "zone '%s': use +HH:MM, -HHMM, UTC or Z", s);
			return -1;
		}
		t->has_zone = 1;
	}
	if ((v = yget(y, n, "precision")) != NULL) {
		if (yprec(y, v, &t->prec) != 0)
			return -1;
		t->has_prec = 1;
	}
	return 0;
}


static int
yout(struct yctx *y, const yaml_node_t *n, struct rout *o)
{
	static const char *const keys[] = { "kind", "collector", "peer",
	    "peer_as", "host", "prefix", "asn", "country", "actor", "action", "target",
	    "text", "class", "src", "attrs", "time", "classify", NULL };
	const yaml_node_t *v;
	const char *s;
	size_t i, j;
	int bad = 0;

	if (ykeys(y, n, "emit", keys) != 0)
		return -1;
	o->present = 1;
	for (i = 0; i < RF__COUNT; i++)
		if ((v = yget(y, n, rfield_names[i])) != NULL &&
		    ytmpl(y, v, &o->f[i], rfield_names[i]) != 0)
			bad = 1;
	if ((v = yget(y, n, "class")) != NULL) {
		if ((s = ystr(y, v, "class")) == NULL ||
		    bo_class_parse(s, &o->cls) != 0) {
			yerr(y, v, "class must be signal, claim, report or "
			    "context");
			bad = 1;
		}
		o->has_cls = 1;
	}
	if ((v = yget(y, n, "src")) != NULL) {
		if ((s = ystr(y, v, "src")) == NULL ||
		    bo_srctype_parse(s, &o->src) != 0) {
			yerr(y, v, "src must be bgp, probe, router, social, news "
			    "or other");
			bad = 1;
		}
		o->has_src = 1;
	}
	if ((v = yget(y, n, "classify")) != NULL &&
	    ybool(y, v, "classify", &o->classify) != 0)
		bad = 1;
	if ((v = yget(y, n, "time")) != NULL) {
		if (ytime(y, v, &o->time) != 0)
			bad = 1;
		o->has_time = 1;
	}
	if ((v = yget(y, n, "attrs")) != NULL) {
		yaml_node_pair_t *p;

		if (v->type != YAML_MAPPING_NODE) {
			yerr(y, v, "attrs must be a mapping");
			return -1;
		}
		o->nattrs = (size_t)(v->data.mapping.pairs.top -
		    v->data.mapping.pairs.start);
		o->attrs = xcalloc(o->nattrs ? o->nattrs : 1,
		    sizeof(*o->attrs));
		i = 0;
		for (p = v->data.mapping.pairs.start;
		    p < v->data.mapping.pairs.top; p++, i++) {
			const char *k = ystr(y, ynode(y, p->key), "attr name");

			if (k == NULL) {
				bad = 1;
				continue;
			}
			o->attrs[i].key = xstrdup(k);
			for (j = 0; j < i; j++)
				if (o->attrs[j].key != NULL &&
				    strcmp(o->attrs[j].key, k) == 0) {
					yerr(y, ynode(y, p->key), "attrs: key "
					    "'%s' given twice", k);
					bad = 1;
				}
			if (ytmpl(y, ynode(y, p->value), &o->attrs[i].val,
			    k) != 0)
				bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int
ywhen(struct yctx *y, const yaml_node_t *n, struct rmatch *m)
{
	yaml_node_pair_t *p;
	size_t i = 0;

	if (n->type != YAML_MAPPING_NODE) {
		yerr(y, n, "when must be a mapping of path: value");
		return -1;
	}
	m->nwhen = (size_t)(n->data.mapping.pairs.top -
	    n->data.mapping.pairs.start);
	m->when = xcalloc(m->nwhen ? m->nwhen : 1, sizeof(*m->when));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++, i++) {
		const char *k = ystr(y, ynode(y, p->key), "when path");
		yaml_node_t *v = ynode(y, p->value);
		const char *s = yscalar_of(v);

		if (k == NULL)
			return -1;
		m->when[i].path = xstrdup(k);
		if (s != NULL && v->data.scalar.style ==
		    YAML_PLAIN_SCALAR_STYLE && (strcmp(s, "null") == 0 ||
		    strcmp(s, "~") == 0)) {
			m->when[i].absent = 1;
			continue;
		}
		if (ystrlist(y, v, "when value", &m->when[i].vals,
		    &m->when[i].nvals, NULL) != 0)
			return -1;
	}
	return 0;
}

static int
ymatch(struct yctx *y, const yaml_node_t *n, struct rmatch *m, int classifier)
{
	static const char *const keys[] = { "name", "field", "regex",
	    "caseless", "when", "exists", "each", "context", "continue", "emit",
	    "sources", NULL };
	const yaml_node_t *v;
	const char *s;
	int caseless = 0, cont = 0, bad = 0;

	m->mark = ymark(n);
	if (ykeys(y, n, "pattern", keys) != 0)
		return -1;
	if ((v = yget(y, n, "name")) == NULL || (s = ystr(y, v,
	    "name")) == NULL) {
		yerr(y, n, "pattern: 'name' is required");
		return -1;
	}
	m->name = xstrdup(s);
	if ((v = yget(y, n, "caseless")) != NULL &&
	    ybool(y, v, "caseless", &caseless) != 0)
		bad = 1;
	if ((v = yget(y, n, "regex")) != NULL) {
		if (ypat(y, v, &m->re, caseless, "regex") != 0)
			bad = 1;
		m->has_re = 1;
	} else if (classifier || y->rule->frame == RFR_LINES) {
		yerr(y, n, "pattern %s: 'regex' is required", m->name);
		bad = 1;
	}
	if ((v = yget(y, n, "field")) != NULL &&
	    ytmpl(y, v, &m->field, "field") != 0)
		bad = 1;
	if ((v = yget(y, n, "when")) != NULL && ywhen(y, v, m) != 0)
		bad = 1;
	if ((v = yget(y, n, "exists")) != NULL) {
		char **paths;
		size_t np, i;

		if (ystrlist(y, v, "exists", &paths, &np, NULL) != 0) {
			bad = 1;
		} else {
			m->when = xreallocarray(m->when, m->nwhen + np + 1,
			    sizeof(*m->when));
			for (i = 0; i < np; i++) {
				memset(&m->when[m->nwhen], 0,
				    sizeof(*m->when));
				m->when[m->nwhen++].path = paths[i];
			}
			free(paths);
		}
	}
	if ((v = yget(y, n, "each")) != NULL) {
		if ((s = ystr(y, v, "each")) == NULL)
			bad = 1;
		else
			m->each = xstrdup(s);
		if (y->rule->frame != RFR_JSON) {
			yerr(y, v, "each is for JSON rules only");
			bad = 1;
		}
	}
	if ((v = yget(y, n, "context")) != NULL &&
	    ybool(y, v, "context", &m->context) != 0)
		bad = 1;
	if ((v = yget(y, n, "continue")) != NULL &&
	    ybool(y, v, "continue", &cont) != 0)
		bad = 1;
	m->stop = !cont;
	if ((v = yget(y, n, "emit")) != NULL && yout(y, v, &m->out) != 0)
		bad = 1;
	if ((v = yget(y, n, "sources")) != NULL) {
		char **l;
		size_t nl, i;
		enum bo_srctype st;

		if (!classifier) {
			yerr(y, v, "sources is for classifier patterns");
			bad = 1;
		} else if (ystrlist(y, v, "sources", &l, &nl, NULL) == 0) {
			for (i = 0; i < nl; i++) {
				if (bo_srctype_parse(l[i], &st) != 0) {
					yerr(y, v, "source type '%s': use bgp, "
					    "probe, router, social, news or other",
					    l[i]);
					bad = 1;
				} else
					m->srcmask |= 1u << st;
				free(l[i]);
			}
			free(l);
		} else
			bad = 1;
	}
	if (classifier && (m->field.src != NULL || m->nwhen || m->context)) {
		yerr(y, n, "pattern %s: classifiers read the event text only",
		    m->name);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int
ysample_ev(struct yctx *y, const yaml_node_t *n, struct rsample_ev *e)
{
	yaml_node_pair_t *p;
	size_t cap = 0, kcap = 0;

	e->mark = ymark(n);
	if (n->type != YAML_MAPPING_NODE) {
		yerr(y, n, "a sample event must be a mapping");
		return -1;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		const char *k = ystr(y, ynode(y, p->key), "sample key");
		yaml_node_t *v = ynode(y, p->value);
		yaml_node_pair_t *q;

		if (k == NULL)
			return -1;
		if (strcmp(k, "attrs") == 0 && v->type == YAML_MAPPING_NODE) {
			for (q = v->data.mapping.pairs.start;
			    q < v->data.mapping.pairs.top; q++) {
				const char *ak = ystr(y, ynode(y, q->key),
				    "attr name");
				const char *av = ystr(y, ynode(y, q->value),
				    "attr value");

				if (ak == NULL || av == NULL)
					return -1;
				xgrow(&e->keys, &kcap, e->n, sizeof(char *));
				xgrow(&e->vals, &cap, e->n, sizeof(char *));
				e->keys[e->n] = xasprintf("attrs.%s", ak);
				e->vals[e->n] = xstrdup(av);
				e->n++;
			}
			continue;
		}
		if (ystr(y, v, k) == NULL)
			return -1;
		xgrow(&e->keys, &kcap, e->n, sizeof(char *));
		xgrow(&e->vals, &cap, e->n, sizeof(char *));
		e->keys[e->n] = xstrdup(k);
		e->vals[e->n] = xstrdup(yscalar_of(v));
		e->n++;
	}
	return 0;
}

static int
ysample(struct yctx *y, const yaml_node_t *n, struct rsample *s,
    int classifier)
{
	static const char *const keys[] = { "input", "text", "path", "mtime",
	    "unmatched", "events", NULL };
	const yaml_node_t *v;
	const char *str;
	yaml_node_item_t *it;
	size_t cap = 0;

	s->mark = ymark(n);
	s->mtime = INT64_MIN;
	if (ykeys(y, n, "sample", keys) != 0)
		return -1;
	v = yget(y, n, classifier ? "text" : "input");
	if (v == NULL || (str = ystr(y, v, "sample input")) == NULL) {
		yerr(y, n, "sample: '%s' is required",
		    classifier ? "text" : "input");
		return -1;
	}
	s->input = xstrdup(str);
	if ((v = yget(y, n, "path")) != NULL) {
		if ((str = ystr(y, v, "path")) == NULL)
			return -1;
		s->path = xstrdup(str);
	}
	if ((v = yget(y, n, "mtime")) != NULL) {
		int64_t us;

		if ((str = ystr(y, v, "mtime")) == NULL ||
		    parse_time_arg(str, &us) != 0) {
			yerr(y, v, "mtime must be an RFC 3339 time");
			return -1;
		}
		s->mtime = us / 1000000;
	}
	if ((v = yget(y, n, "unmatched")) != NULL) {
		if ((str = ystr(y, v, "unmatched")) == NULL ||
		    parse_u64(str, &s->unmatched) != 0) {
			yerr(y, v, "unmatched must be a count");
			return -1;
		}
		s->has_unmatched = 1;
	}
	v = yget(y, n, "events");
	if (v == NULL)
		return 0;
	if (v->type != YAML_SEQUENCE_NODE) {
		yerr(y, v, "events must be a list");
		return -1;
	}
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	    it++) {
		xgrow(&s->evs, &cap, s->nevs, sizeof(*s->evs));
		memset(&s->evs[s->nevs], 0, sizeof(*s->evs));
		if (ysample_ev(y, ynode(y, *it), &s->evs[s->nevs++]) != 0)
			return -1;
	}
	return 0;
}

static int
ysource(struct yctx *y, const yaml_node_t *n, struct bo_rule *r)
{
	static const char *const keys[] = { "type", "format", "paths",
	    "content", "fields", "items", "separator", NULL };
	static const char *const frames[RFR__COUNT] = { "lines", "json", "xml",
	    "csv" };
	const yaml_node_t *v;
	yaml_node_t **nodes = NULL;
	char **res = NULL;
	const char *s;
	size_t i;
	int bad = 0;

	if (ykeys(y, n, "source", keys) != 0)
		return -1;
	r->src = BO_SRC_OTHER;
	if ((v = yget(y, n, "type")) != NULL && ((s = ystr(y, v,
	    "type")) == NULL || bo_srctype_parse(s, &r->src) != 0)) {
		yerr(y, v, "source type must be bgp, probe, router, social, "
		    "news or other");
		bad = 1;
	}
	if ((v = yget(y, n, "format")) == NULL ||
	    (s = ystr(y, v, "format")) == NULL) {
		yerr(y, n, "source: 'format' is required (lines, json, xml, "
		    "csv)");
		return -1;
	}
	for (i = 0; i < RFR__COUNT; i++)
		if (strcmp(frames[i], s) == 0)
			break;
	if (i == RFR__COUNT) {
		yerr(y, v, "format '%s': use lines, json, xml or csv", s);
		return -1;
	}
	r->frame = (enum rframe)i;
	if (ystrlist(y, yget(y, n, "paths"), "paths", &r->globs, &r->nglobs,
	    NULL) != 0)
		bad = 1;
	if ((v = yget(y, n, "content")) != NULL) {
		if (ypat(y, v, &r->content, 0, "content") != 0)
			bad = 1;
		r->has_content = 1;
	}
	if (r->nglobs == 0 && !r->has_content) {
		yerr(y, n, "source: give 'paths', 'content' or both, or no "
		    "member is ever routed to this rule");
		bad = 1;
	}
	if (ystrlist(y, yget(y, n, "fields"), "fields", &res, &r->npathre,
	    &nodes) == 0 && r->npathre > 0) {
		r->pathre = xcalloc(r->npathre, sizeof(*r->pathre));
		for (i = 0; i < r->npathre; i++)
			if (ypat(y, nodes[i], &r->pathre[i], 0, "fields") != 0)
				bad = 1;
	}
	strlist_free(res, r->npathre);
	free(nodes);
	if (ystrlist(y, yget(y, n, "items"), "items", &r->items, &r->nitems,
	    NULL) != 0)
		bad = 1;
	if ((v = yget(y, n, "separator")) != NULL) {
		if ((s = ystr(y, v, "separator")) == NULL || strlen(s) != 1) {
			yerr(y, v, "separator must be one character");
			bad = 1;
		} else
			r->csv_sep = xstrdup(s);
	}
	return bad ? -1 : 0;
}

static int
ylimits(struct yctx *y, const yaml_node_t *n)
{
	static const char *const keys[] = { "match", "depth", NULL };
	const yaml_node_t *v;
	const char *s;

	if (ykeys(y, n, "limits", keys) != 0)
		return -1;
	if ((v = yget(y, n, "match")) != NULL && ((s = ystr(y, v,
	    "match")) == NULL || parse_u32(s, &y->match_limit) != 0 ||
	    y->match_limit == 0)) {
		yerr(y, v, "limits.match must be a positive count");
		return -1;
	}
	if ((v = yget(y, n, "depth")) != NULL && ((s = ystr(y, v,
	    "depth")) == NULL || parse_u32(s, &y->depth_limit) != 0 ||
	    y->depth_limit == 0)) {
		yerr(y, v, "limits.depth must be a positive count");
		return -1;
	}
	return 0;
}

static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' &&
		    *s != '.')
			return 0;
	return 1;
}

static void
rule_free(struct bo_rule *r)
{
	size_t i, j;

	if (r == NULL)
		return;
	free(r->file);
	free(r->id);
	free(r->version);
	free(r->title);
	strlist_free(r->globs, r->nglobs);
	rpat_free(&r->content);
	for (i = 0; i < r->npathre; i++)
		rpat_free(&r->pathre[i]);
	free(r->pathre);
	strlist_free(r->items, r->nitems);
	free(r->csv_sep);
	rtime_free(&r->time);
	rout_free(&r->defout);
	for (i = 0; i < r->nm; i++) {
		struct rmatch *m = &r->m[i];

		free(m->name);
		tmpl_free(&m->field);
		rpat_free(&m->re);
		for (j = 0; j < m->nwhen; j++) {
			free(m->when[j].path);
			strlist_free(m->when[j].vals, m->when[j].nvals);
		}
		free(m->when);
		free(m->each);
		rout_free(&m->out);
	}
	free(r->m);
	for (i = 0; i < r->nsamples; i++) {
		struct rsample *s = &r->samples[i];

		free(s->input);
		free(s->path);
		for (j = 0; j < s->nevs; j++) {
			strlist_free(s->evs[j].keys, s->evs[j].n);
			strlist_free(s->evs[j].vals, s->evs[j].n);
		}
		free(s->evs);
	}
	free(r->samples);
	free(r);
}

/* Variables a lines rule may name: captures of any of its patterns, path
 * fields, builtins.  A name outside them is almost always a typo. */
static int
lines_var_known(const struct bo_rule *r, const char *name, size_t len)
{
	static const char *const builtins[] = { "member", "file",
	    "path_collector", "line", NULL };
	size_t i;

	for (i = 0; builtins[i] != NULL; i++)
		if (strlen(builtins[i]) == len &&
		    memcmp(builtins[i], name, len) == 0)
			return 1;
	for (i = 0; i < r->nm; i++)
		if (rpat_has_name(&r->m[i].re, name, len))
			return 1;
	for (i = 0; i < r->npathre; i++)
		if (rpat_has_name(&r->pathre[i], name, len))
			return 1;
	return 0;
}

static void
check_tmpl_vars(struct yctx *y, const struct bo_rule *r, const struct tmpl *t)
{
	size_t i;

	for (i = 0; i < t->nsegs; i++) {
		const char *v = t->segs[i].var, *bar;
		size_t len = t->segs[i].varlen, k;

		if (len > 6 && memcmp(v + len - 6, ":lower", 6) == 0)
			len -= 6;
		while (v != NULL) {
			bar = memchr(v, '|', len);
			k = bar ? (size_t)(bar - v) : len;
			if (!lines_var_known(r, v, k))
				yerr_at(y, t->mark, "template %s: no capture, "
				    "path field or builtin is named '%.*s'",
				    t->src, (int)k, v);
			if (bar == NULL)
				break;
			len -= k + 1;
			v = bar + 1;
		}
	}
}

static void
check_out_vars(struct yctx *y, const struct bo_rule *r, const struct rout *o)
{
	size_t i;

	for (i = 0; i < RF__COUNT; i++)
		check_tmpl_vars(y, r, &o->f[i]);
	for (i = 0; i < o->nattrs; i++)
		check_tmpl_vars(y, r, &o->attrs[i].val);
	check_tmpl_vars(y, r, &o->time.value);
}

static struct bo_rule *
rule_from_doc(struct yctx *y, yaml_node_t *root)
{
	static const char *const keys[] = { "schema", "id", "version", "title",
	    "description", "references", "author", "type", "source", "time",
	    "limits", "patterns", "default", "samples", NULL };
	struct bo_rule *r = xcalloc(1, sizeof(*r));
	const yaml_node_t *v;
	yaml_node_item_t *it;
	const char *s;
	size_t cap = 0, i;

	y->rule = r;
	r->file = xstrdup(y->file);
	r->mark = ymark(root);
	if (ykeys(y, root, "rule", keys) != 0)
		goto fail;
	v = yget(y, root, "schema");
	if (v == NULL || (s = ystr(y, v, "schema")) == NULL) {
		yerr(y, root, "'schema: %d' is required", RULE_SCHEMA_VERSION);
		goto fail;
	}
	if (strcmp(s, "1") != 0) {
		yerr(y, v, "schema %s is not supported (this blackout reads "
		    "schema %d)", s, RULE_SCHEMA_VERSION);
		goto fail;
	}
	if ((v = yget(y, root, "id")) == NULL || (s = ystr(y, v,
	    "id")) == NULL || !valid_id(s)) {
		yerr(y, v ? v : root, "'id' is required: letters, digits, "
		    "'.', '-', '_'");
		goto fail;
	}
	r->id = xstrdup(s);
	if ((v = yget(y, root, "version")) == NULL || (s = ystr(y, v,
	    "version")) == NULL) {
		yerr(y, root, "rule %s: 'version' is required", r->id);
		goto fail;
	}
	r->version = xstrdup(s);
	if ((v = yget(y, root, "title")) == NULL || (s = ystr(y, v,
	    "title")) == NULL) {
		yerr(y, root, "rule %s: 'title' is required", r->id);
		goto fail;
	}
	r->title = xstrdup(s);
	if ((v = yget(y, root, "description")) != NULL)
		(void)ystr(y, v, "description");
	if ((v = yget(y, root, "references")) != NULL) {
		char **refs;
		size_t nrefs;

		if (ystrlist(y, v, "references", &refs, &nrefs, NULL) == 0)
			strlist_free(refs, nrefs);
	}
	if ((v = yget(y, root, "type")) != NULL) {
		s = ystr(y, v, "type");
		if (s != NULL && strcmp(s, "classifier") == 0)
			r->classifier = 1;
		else if (s == NULL || strcmp(s, "decoder") != 0)
			yerr(y, v, "type must be decoder or classifier");
	}
	y->match_limit = RULE_MATCH_LIMIT;
	y->depth_limit = RULE_DEPTH_LIMIT;
	if ((v = yget(y, root, "limits")) != NULL)
		(void)ylimits(y, v);
	r->match_limit = y->match_limit;
	r->depth_limit = y->depth_limit;
	v = yget(y, root, "source");
	if (r->classifier && v != NULL)
		yerr(y, v, "a classifier has no source: it reads the text of "
		    "events other rules make");
	else if (!r->classifier && v == NULL)
		yerr(y, root, "rule %s: 'source' is required", r->id);
	else if (v != NULL && ysource(y, v, r) != 0)
		goto fail;
	if ((v = yget(y, root, "time")) != NULL) {
		(void)ytime(y, v, &r->time);
		r->has_time = 1;
	}
	if ((v = yget(y, root, "default")) != NULL) {
		if (r->classifier || r->frame == RFR_LINES)
			yerr(y, v, "'default' is for json, xml and csv rules");
		else
			(void)yout(y, v, &r->defout);
	}
	v = yget(y, root, "patterns");
	if (v == NULL || v->type != YAML_SEQUENCE_NODE ||
	    v->data.sequence.items.top == v->data.sequence.items.start) {
		if (v != NULL || r->classifier || r->frame == RFR_LINES ||
		    !r->defout.present) {
			yerr(y, v ? v : root, "rule %s: 'patterns' must be a "
			    "non-empty list", r->id);
			goto fail;
		}
	} else {
		for (it = v->data.sequence.items.start;
		    it < v->data.sequence.items.top; it++) {
			xgrow(&r->m, &cap, r->nm, sizeof(*r->m));
			memset(&r->m[r->nm], 0, sizeof(*r->m));
			(void)ymatch(y, ynode(y, *it), &r->m[r->nm++],
			    r->classifier);
		}
	}
	if (!r->classifier && r->frame == RFR_LINES)
		for (i = 0; i < r->nm; i++)
			check_out_vars(y, r, &r->m[i].out);
	v = yget(y, root, "samples");
	if (v == NULL || v->type != YAML_SEQUENCE_NODE ||
	    v->data.sequence.items.top == v->data.sequence.items.start) {
		yerr(y, v ? v : root, "rule %s: 'samples' must be a non-empty "
		    "list: every rule carries its own tests", r->id);
		goto fail;
	}
	cap = 0;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	    it++) {
		xgrow(&r->samples, &cap, r->nsamples, sizeof(*r->samples));
		memset(&r->samples[r->nsamples], 0, sizeof(*r->samples));
		(void)ysample(y, ynode(y, *it), &r->samples[r->nsamples++],
		    r->classifier);
	}
	if (y->nerr == 0)
		return r;
fail:
	rule_free(r);
	y->rule = NULL;
	return NULL;
}

static int
load_file(struct bo_rules *rs, const char *file)
{
	struct yctx y;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct bo_rule *r;
	struct stat st;
	FILE *f;
	size_t i;
	unsigned long aline = 0, acol = 0;
	int rc = -1, alias;

	memset(&y, 0, sizeof(y));
	y.file = file;
	y.diag = rs->diag;
	y.jit = rs->jit;
	if ((f = fopen(file, "rb")) == NULL) {
		yerr_at(&y, (struct rmark){ 0, 0 }, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && st.st_size > RULE_FILE_MAX) {
		yerr_at(&y, (struct rmark){ 0, 0 }, "rule file larger than "
		    "%u bytes", RULE_FILE_MAX);
		fclose(f);
		return -1;
	}
	if ((alias = yaml_find_alias(f, &aline, &acol)) != 0) {
		yerr_at(&y, (struct rmark){ alias > 0 ? aline : 0, alias > 0 ?
		    acol : 0 }, "%s", alias > 0 ? "YAML aliases are not "
		    "accepted in rule files" : "cannot read the file twice");
		fclose(f);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		yerr_at(&y, (struct rmark){ parser.problem_mark.line + 1,
		    parser.problem_mark.column + 1 }, "YAML: %s%s%s",
		    parser.problem ? parser.problem : "syntax error",
		    parser.context ? " " : "",
		    parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		fclose(f);
		return -1;
	}
	y.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (root == NULL) {
		yerr_at(&y, (struct rmark){ 1, 1 }, "empty rule file");
		goto out;
	}
	r = rule_from_doc(&y, root);
	if (r == NULL)
		goto out;
	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i]->id, r->id) == 0) {
			yerr_at(&y, r->mark, "rule id '%s' already loaded from "
			    "%s", r->id, rs->r[i]->file);
			rule_free(r);
			goto out;
		}
	xgrow(&rs->r, &rs->cap, rs->n, sizeof(*rs->r));
	rs->r[rs->n++] = r;
	rc = 0;
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_yaml_name(const char *n)
{
	size_t l = strlen(n);

	return n[0] != '.' && ((l > 5 && strcmp(n + l - 5, ".yaml") == 0) ||
	    (l > 4 && strcmp(n + l - 4, ".yml") == 0));
}

struct bo_rules *
bo_rules_new(struct bo_diag *diag)
{
	struct bo_rules *r = xcalloc(1, sizeof(*r));

	r->diag = diag;
	/* Without one (no memory for it) PCRE2 uses a small stack on the
	 * machine stack; deep patterns then hit the limit sooner. */
	r->jit = pcre2_jit_stack_create(32 * 1024, RULE_JIT_STACK_MAX, NULL);
	return r;
}

void
bo_rules_free(struct bo_rules *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++)
		rule_free(rs->r[i]);
	free(rs->r);
	if (rs->jit != NULL)
		pcre2_jit_stack_free(rs->jit);
	free(rs);
}

int
bo_rules_load(struct bo_rules *rs, const char *path)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int rc = 0;

	if (stat(path, &st) != 0) {
		struct bo_where w = { path, NULL, 0, 0, 0, 0 };

		bo_diag_report(rs->diag, BO_FAIL, &w, "cannot read rules: %s",
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(rs, path);
	if ((d = opendir(path)) == NULL) {
		struct bo_where w = { path, NULL, 0, 0, 0, 0 };

		bo_diag_report(rs->diag, BO_FAIL, &w, "cannot read rules: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (is_yaml_name(de->d_name)) {
			xgrow(&names, &cap, n, sizeof(char *));
			names[n++] = xasprintf("%s%s%s", path,
			    path[strlen(path) - 1] == '/' ? "" : "/",
			    de->d_name);
		}
	closedir(d);
	/* Sorted, so classifier order and bid ties do not depend on the
	 * file system's directory order. */
	qsort(names, n, sizeof(char *), cmp_str);
	for (i = 0; i < n; i++)
		if (load_file(rs, names[i]) != 0)
			rc = -1;
	strlist_free(names, n);
	return rc;
}

size_t
bo_rules_count(const struct bo_rules *rs)
{
	return rs->n;
}

void
bo_rules_info(const struct bo_rules *rs, size_t i, const char **id,
    const char **version, const char **file)
{
	if (i >= rs->n) {
		*id = *version = *file = NULL;
		return;
	}
	*id = rs->r[i]->id;
	*version = rs->r[i]->version;
	*file = rs->r[i]->file;
}

const char *
bo_rule_id(const struct bo_rule *rule)
{
	return rule != NULL ? rule->id : NULL;
}

const struct bo_rule *
bo_rules_at(const struct bo_rules *rs, size_t i)
{
	return i < rs->n ? rs->r[i] : NULL;
}

const char *
rule_member_path(const struct bo_member *m, struct buf *b)
{
	buf_reset(b);
	buf_adds(b, m->input);
	if (m->path[0] != '\0') {
		buf_addc(b, '!');
		buf_adds(b, m->path);
	}
	return b->data;
}

int
rule_path_matches(const struct bo_rule *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->nglobs; i++)
		if (fnmatch(r->globs[i], path, 0) == 0)
			return 1;
	return 0;
}

const char *
bo_rule_title(const struct bo_rule *r)
{
	return r->title;
}

const char *
bo_rule_kind(const struct bo_rule *r)
{
	static const char *const frames[RFR__COUNT] = { "lines", "json",
	    "xml", "csv" };

	return r->classifier ? "classifier" : frames[r->frame];
}

size_t
bo_rule_npatterns(const struct bo_rule *r)
{
	return r->nm;
}

size_t
bo_rule_nsamples(const struct bo_rule *r)
{
	return r->nsamples;
}
