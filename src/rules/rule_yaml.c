/*
 * The YAML readers of rule files: scalars, booleans, lists, patterns,
 * templates, precisions and time specs out of libyaml's document nodes,
 * each error reported with the node's file:line:column.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule_yaml.h"

struct rmark
ymark(const yaml_node_t *n)
{
	struct rmark m = { 0, 0 };

	if (n != NULL) {
		m.line = n->start_mark.line + 1;
		m.col = n->start_mark.column + 1;
	}
	return m;
}

void
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

void
yerr(struct yctx *y, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	yerr_at(y, ymark(n), "%s", msg);
}

yaml_node_t *
ynode(struct yctx *y, int id)
{
	return yaml_document_get_node(y->doc, id);
}

const char *
yscalar_of(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

/* The value of key in mapping map, or NULL. */
yaml_node_t *
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
int
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

const char *
ystr(struct yctx *y, const yaml_node_t *n, const char *what)
{
	const char *s = yscalar_of(n);

	if (n != NULL && s == NULL)
		yerr(y, n, "%s must be a string", what);
	return s;
}

int
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
int
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

void
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
struct rmark
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

int
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

int
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

int
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

int
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
