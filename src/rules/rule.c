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
#include "rules/rule_yaml.h"
#include "util/yaml_guard.h"

/* A rule file larger than this is refused before parsing. */
#define RULE_FILE_MAX	(4u * 1024 * 1024)

static void
yrole_msg(void *arg, struct rmark m, const char *msg)
{
	yerr_at(arg, m, "%s", msg);
}

static int
yout(struct yctx *y, const yaml_node_t *n, struct rout *o, int classifier)
{
	static const char *const keys[] = { "kind", "collector", "peer",
	    "peer_as", "host", "prefix", "asn", "country", "actor", "action",
	    "target", "text", "class", "role", "src", "attrs", "time",
	    "classify", NULL };
	const yaml_node_t *v;
	const char *s;
	size_t i, j;
	int bad = 0;

	if (ykeys(y, n, "emit", keys) != 0)
		return -1;
	o->present = 1;
	o->mark = ymark(n);
	o->role_mark = o->mark;
	if ((v = yget(y, n, "role")) != NULL) {
		o->role_mark = ymark(v);
		if ((s = ystr(y, v, "role")) == NULL ||
		    bo_role_parse(s, &o->role) != 0 ||
		    o->role == BO_ROLE_NONE) {
			yerr(y, v, "role must be route, session, reachability, "
			    "host_state, outage_signal, claim, report or "
			    "context");
			bad = 1;
		} else
			o->has_role = 1;
	}
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
	if (!bad && role_check_out(o, classifier, yrole_msg, y) != 0)
		bad = 1;
	/* the class follows the role unless the rule says it (and then
	 * role_check_out saw they agree) */
	if (o->has_role && !o->has_cls) {
		o->cls = role_class(o->role);
		o->has_cls = 1;
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
	if ((v = yget(y, n, "emit")) != NULL &&
	    yout(y, v, &m->out, classifier) != 0)
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

/* A rule whose events all say nothing to the correlator is legal (a
 * source kept for the record) but is usually a mistake: say so. */
static void
warn_uncorrelated(struct yctx *y, const struct bo_rule *r)
{
	struct bo_where w;
	size_t i;

	if (r->defout.present && role_correlated(r->defout.role))
		return;
	/* classify: claim patterns may make its events claims */
	for (i = 0; i < r->nm; i++)
		if (r->m[i].out.present && (role_correlated(r->m[i].out.role) ||
		    r->m[i].out.classify))
			return;
	memset(&w, 0, sizeof(w));
	w.input = y->file;
	w.line = r->mark.line;
	w.column = r->mark.col;
	bo_diag_report(y->diag, BO_WARN, &w, "rule %s: none of its events "
	    "reach the correlator (every role is context): the timeline "
	    "will not use this source", r->id);
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
			(void)yout(y, v, &r->defout, 0);
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
	if (!r->classifier && y->nerr == 0)
		warn_uncorrelated(y, r);
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
	struct yaml_failure why;
	yaml_document_t doc;
	yaml_node_t *root;
	struct bo_rule *r;
	struct stat st;
	FILE *f;
	size_t i;
	int rc = -1;

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
	if (yaml_load_guarded(f, &doc, &why) != 0) {
		yerr_at(&y, (struct rmark){ why.line, why.col }, "%s",
		    why.what == YAML_FAIL_ALIAS ? "YAML aliases are not "
		    "accepted in rule files" : why.what == YAML_FAIL_REWIND ?
		    "cannot read the file twice" : why.msg);
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
