/*
 * Case files: what an investigation looks at, kept in YAML so that it
 * reruns with one command and can live under version control.
 *
 *   title: North Korea, December 2014
 *   timezone: Asia/Pyongyang
 *   window: { from: 2014-12-20T00:00Z, to: 2014-12-28T00:00Z }
 *   targets: [AS131279, 175.45.176.0/22, north-korea]
 *   groups:
 *     north-korea: { members: [AS131279, 175.45.176.0/22],
 *                    aliases: [North Korea, DPRK] }
 *   inputs: [nk-2014.tar.gz]          # relative to this file
 *   thresholds: { min_outage_s: 300 }
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include <blackout/correlate.h>

#include "correlate/corr.h"
#include "util/util.h"
#include "util/yaml_guard.h"

#define P(field) offsetof(struct corr_params, field)

const struct corr_param_def corr_param_defs[] = {
	{ "visibility_threshold", P(visibility_threshold), 0.5, 0, 1, 0,
	  "a prefix is visible when more than this share of the up full-feed "
	  "peers route it (IODA: 0.5)" },
	{ "min_peers", P(min_peers), 2, 1, 1e6, 1,
	  "fewer up full-feed peers than this: visibility unknown, not an "
	  "outage" },
	{ "full_feed_v4", P(full_feed_v4), 400000, 0, 1e9, 1,
	  "a peer with at least this many IPv4 prefixes in the RIB snapshot "
	  "is full-feed (IODA: 400k)" },
	{ "full_feed_v6", P(full_feed_v6), 10000, 0, 1e9, 1,
	  "a peer with at least this many IPv6 prefixes in the RIB snapshot "
	  "is full-feed (IODA: 10k)" },
	{ "full_feed_share", P(full_feed_share), 0.9, 0, 1, 0,
	  "also full-feed: at least this share of the largest table any peer "
	  "of the same collector has in the same snapshot" },
	{ "assume_full_feed", P(assume_full_feed), 0, 0, 1, 1,
	  "1: count peers of collectors with no RIB snapshot as full-feed" },
	{ "dark_share", P(dark_share), 0.2, 0, 1, 0,
	  "an outage is total when at its deepest no target prefix is routed "
	  "by more than this share of the up full-feed peers, else partial" },
	{ "onset_share", P(onset_share), 0.1, 0.000001, 1, 0,
	  "a target is down while at least this share of its baseline "
	  "address space is dark (per address family); it is back when "
	  "all of it is visible again" },
	{ "restored_share", P(restored_share), 0.5, 0, 1, 0,
	  "prefixes still dark at the end of the data, when less than this "
	  "share of the target's address space, are reported as not "
	  "restored instead of keeping the outage open" },
	{ "baseline_s", P(baseline_s), 3600, 0, 1e9, 1,
	  "a prefix dark this long while its target is up leaves the "
	  "target's baseline (withdrawn for good, renumbered) until it "
	  "is visible again" },
	{ "min_outage_s", P(min_outage_s), 300, 0, 1e9, 1,
	  "a target must stay below visibility this long to be an outage; "
	  "shorter drops are reported as short withdrawals" },
	{ "probe_min_s", P(probe_min_s), 300, 0, 1e9, 1,
	  "every vantage point must lose the host this long to be a probe "
	  "outage" },
	{ "merge_gap_s", P(merge_gap_s), 600, 0, 1e9, 1,
	  "signals of one target closer than this form one incident" },
	{ "precursor_s", P(precursor_s), 86400, 0, 1e9, 1,
	  "instability ending this long before an onset is attached to that "
	  "incident" },
	{ "resync_s", P(resync_s), 300, 0, 1e9, 1,
	  "after a session comes back, its peer is not counted for this long "
	  "while it re-sends its table" },
	{ "bin_s", P(bin_s), 300, 1, 1e9, 1,
	  "bin width for churn counts (IODA: 5 min)" },
	{ "churn_factor", P(churn_factor), 5, 1, 1e9, 0,
	  "a bin is unstable when its updates exceed this many times the "
	  "target's median bin" },
	{ "churn_min", P(churn_min), 8, 1, 1e9, 1,
	  "and has at least this many announcements and withdrawals" },
	{ "flap_min", P(flap_min), 3, 2, 1e9, 1,
	  "this many short withdrawals in a row, each within flap_gap_s of "
	  "the last, are instability (flapping)" },
	{ "flap_gap_s", P(flap_gap_s), 3600, 0, 1e9, 1,
	  "short withdrawals further apart than this are not one flapping "
	  "period" },
	{ "silence_s", P(silence_s), 1800, 60, 1e9, 1,
	  "a collector with no data for longer than this has a coverage gap" },
	{ "claim_window_s", P(claim_window_s), 259200, 0, 1e9, 1,
	  "a claim is placed against an incident at most this far away" },
	{ "learn_s", P(learn_s), 3600, 0, 1e9, 1,
	  "routes in the first this many seconds of the data give the "
	  "targets' origins and transits: hijacks and leaks are judged "
	  "against them" },
	{ "leak_min_prefixes", P(leak_min_prefixes), 10, 1, 1e9, 1,
	  "a new transit of a target is a leak when it carries at least this "
	  "many prefixes within leak_window_s" },
	{ "leak_window_s", P(leak_window_s), 600, 0, 1e9, 1,
	  "how soon after its first route a new transit must carry "
	  "leak_min_prefixes prefixes to be a leak" },
	{ "leak_min_peers", P(leak_min_peers), 2, 1, 1e6, 1,
	  "a leak must reach at least this many counted peers (one peer's "
	  "path hunting is not a leak)" },
};

const size_t corr_nparam_defs = BO_NELEM(corr_param_defs);

void
corr_params_default(struct corr_params *p)
{
	size_t i;

	for (i = 0; i < corr_nparam_defs; i++)
		*(double *)((char *)p + corr_param_defs[i].off) =
		    corr_param_defs[i].def;
}

double
corr_param_get(const struct corr_params *p, const struct corr_param_def *d)
{
	return *(const double *)((const char *)p + d->off);
}

static void
strv_add(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

struct bo_case *
bo_case_new(void)
{
	struct bo_case *c = xcalloc(1, sizeof(*c));

	corr_params_default(&c->params);
	return c;
}

static void
groups_free(struct case_group *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(g[i].name);
		strv_free(g[i].members, g[i].nmembers);
		strv_free(g[i].aliases, g[i].naliases);
	}
	free(g);
}

void
bo_case_free(struct bo_case *c)
{
	size_t i;

	if (c == NULL)
		return;
	free(c->title);
	free(c->tz);
	free(c->dir);
	strv_free(c->targets, c->ntargets);
	groups_free(c->groups, c->ngroups);
	strv_free(c->collectors, c->ninputs);
	strv_free(c->inputs, c->ninputs);
	for (i = 0; i < c->nset_params; i++)
		free(c->set_params[i]);
	free(c);
}

void
bo_case_set_title(struct bo_case *c, const char *s)
{
	free(c->title);
	c->title = s ? xstrdup(s) : NULL;
}

static const struct case_group *
case_group(const struct bo_case *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ngroups; i++)
		if (strcasecmp(c->groups[i].name, name) == 0)
			return &c->groups[i];
	return NULL;
}

/* An ASN or a prefix; groups are checked when the case is resolved. */
static int
spec_valid(const char *s)
{
	struct bo_prefix p;
	uint32_t as;

	if (strchr(s, '/') != NULL)
		return bo_prefix_parse(s, &p);
	if (parse_asn(s, &as) == 0)
		return 0;
	return -1;
}

int
bo_case_add_target(struct bo_case *c, const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return -1;
	if (spec_valid(s) != 0 && case_group(c, s) == NULL)
		return -1;
	for (i = 0; i < c->ntargets; i++)
		if (strcasecmp(c->targets[i], s) == 0)
			return 0;
	strv_add(&c->targets, &c->ntargets, s);
	return 0;
}

void
bo_case_set_window(struct bo_case *c, int64_t from_us, int64_t to_us)
{
	c->has_window = from_us != INT64_MIN || to_us != INT64_MAX;
	c->from_us = from_us;
	c->to_us = to_us;
}

void
bo_case_set_tz(struct bo_case *c, const char *s)
{
	free(c->tz);
	c->tz = (s && s[0] && strcmp(s, "UTC") != 0) ? xstrdup(s) : NULL;
}

void
bo_case_window(const struct bo_case *c, int64_t *from_us, int64_t *to_us)
{
	*from_us = c->has_window ? c->from_us : INT64_MIN;
	*to_us = c->has_window ? c->to_us : INT64_MAX;
}

void
bo_case_add_input(struct bo_case *c, const char *s)
{
	bo_case_add_input_collector(c, s, NULL);
}

void
bo_case_add_input_collector(struct bo_case *c, const char *s,
    const char *collector)
{
	c->collectors = xreallocarray(c->collectors, c->ninputs + 1,
	    sizeof(*c->collectors));
	c->collectors[c->ninputs] = collector != NULL ? xstrdup(collector) :
	    NULL;
	strv_add(&c->inputs, &c->ninputs, s);
}

int
bo_case_set_param(struct bo_case *c, const char *name, const char *value)
{
	const struct corr_param_def *d = NULL;
	char *end;
	double v;
	size_t i;

	for (i = 0; i < corr_nparam_defs; i++)
		if (strcmp(corr_param_defs[i].name, name) == 0)
			d = &corr_param_defs[i];
	if (d == NULL || value == NULL || value[0] == '\0')
		return -1;
	errno = 0;
	v = strtod(value, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v < d->min ||
	    v > d->max || (d->integer && v != floor(v)))
		return -1;
	*(double *)((char *)&c->params + d->off) = v;
	for (i = 0; i < c->nset_params; i++)
		if (strcmp(c->set_params[i], name) == 0)
			return 0;
	if (c->nset_params < BO_NELEM(c->set_params))
		c->set_params[c->nset_params++] = xstrdup(name);
	return 0;
}

void
case_inputs_clear(struct bo_case *c)
{
	strv_free(c->collectors, c->ninputs);
	strv_free(c->inputs, c->ninputs);
	c->inputs = c->collectors = NULL;
	c->ninputs = 0;
}

size_t
bo_case_ninputs(const struct bo_case *c)
{
	return c->ninputs;
}

const char *
bo_case_input(const struct bo_case *c, size_t i)
{
	return i < c->ninputs ? c->inputs[i] : NULL;
}

const char *
bo_case_tz(const struct bo_case *c)
{
	return c->tz;
}

/* ---- resolution ---- */

static int
spec_add(struct corr_target_spec *t, const char *s)
{
	struct bo_prefix p;
	uint32_t as;

	if (strchr(s, '/') != NULL) {
		if (bo_prefix_parse(s, &p) != 0)
			return -1;
		t->pfx = xreallocarray(t->pfx, t->npfx + 1, sizeof(*t->pfx));
		t->pfx[t->npfx++] = p;
		return 0;
	}
	if (parse_asn(s, &as) != 0)
		return -1;
	t->asns = xreallocarray(t->asns, t->nasns + 1, sizeof(*t->asns));
	t->asns[t->nasns++] = as;
	return 0;
}

int
case_resolve(const struct bo_case *c, struct corr_target_spec **out,
    size_t *n, char **err)
{
	struct corr_target_spec *v;
	const struct case_group *g;
	size_t i, j;

	*out = NULL;
	*n = 0;
	*err = NULL;
	v = xcalloc(c->ntargets ? c->ntargets : 1, sizeof(*v));
	for (i = 0; i < c->ntargets; i++) {
		struct corr_target_spec *t = &v[i];

		t->name = c->targets[i];
		g = case_group(c, t->name);
		if (g == NULL) {
			if (spec_add(t, t->name) != 0) {
				*err = xasprintf("target '%s' is neither an "
				    "ASN, a prefix nor a group", t->name);
				goto fail;
			}
			continue;
		}
		t->aliases = g->aliases;
		t->naliases = g->naliases;
		for (j = 0; j < g->nmembers; j++)
			if (spec_add(t, g->members[j]) != 0) {
				*err = xasprintf("group '%s': member '%s' is "
				    "neither an ASN nor a prefix", g->name,
				    g->members[j]);
				goto fail;
			}
	}
	*out = v;
	*n = c->ntargets;
	return 0;
fail:
	case_specs_free(v, c->ntargets);
	return -1;
}

void
case_specs_free(struct corr_target_spec *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].asns);
		free(v[i].pfx);
	}
	free(v);
}

/* ---- YAML ---- */

struct loader {
	struct bo_case	*c;
	yaml_document_t	 doc;
	const char	*path;
	struct bo_diag	*diag;
	int		 errors;
};

static void
load_error(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
load_error(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
{
	struct bo_where w;
	va_list ap;
	char *msg;

	memset(&w, 0, sizeof(w));
	w.input = l->path;
	w.line = n ? n->start_mark.line + 1 : 1;
	w.column = n ? n->start_mark.column + 1 : 1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	bo_diag_report(l->diag, BO_FAIL, &w, "%s", msg);
	free(msg);
	l->errors++;
}

static const char *
scalar(struct loader *l, yaml_node_t *n, const char *what)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		load_error(l, n, "%s: expected a string", what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

/* Calls fn for each scalar of a sequence (or a lone scalar). */
static void
each_scalar(struct loader *l, yaml_node_t *n, const char *what,
    void (*fn)(struct loader *, yaml_node_t *, const char *, void *),
    void *arg)
{
	yaml_node_item_t *it;
	const char *s;

	if (n != NULL && n->type == YAML_SCALAR_NODE) {
		fn(l, n, (const char *)n->data.scalar.value, arg);
		return;
	}
	if (n == NULL || n->type != YAML_SEQUENCE_NODE) {
		load_error(l, n, "%s: expected a list", what);
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(&l->doc, *it);

		if ((s = scalar(l, e, what)) != NULL)
			fn(l, e, s, arg);
	}
}

struct strv_arg {
	char		***v;
	size_t		 *n;
	int		  spec;		/* must be an ASN or a prefix */
};

static void
add_strv(struct loader *l, yaml_node_t *n, const char *s, void *arg)
{
	struct strv_arg *a = arg;

	if (a->spec && spec_valid(s) != 0) {
		load_error(l, n, "'%s' is neither an ASN nor a prefix", s);
		return;
	}
	strv_add(a->v, a->n, s);
}


static struct case_group *
group_new(struct bo_case *c, const char *name)
{
	struct case_group *g;

	c->groups = xreallocarray(c->groups, c->ngroups + 1,
	    sizeof(*c->groups));
	g = &c->groups[c->ngroups++];
	memset(g, 0, sizeof(*g));
	g->name = xstrdup(name);
	return g;
}

/* members/aliases of a group mapping; 'name' is skipped (inline form). */
static void
group_body(struct loader *l, struct case_group *g, yaml_node_t *m)
{
	yaml_node_pair_t *p;
	struct strv_arg a;

	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key = scalar(l, k, "group key");

		if (key == NULL || strcmp(key, "name") == 0)
			continue;
		if (strcmp(key, "members") == 0) {
			a.v = &g->members;
			a.n = &g->nmembers;
			a.spec = 1;
		} else if (strcmp(key, "aliases") == 0) {
			a.v = &g->aliases;
			a.n = &g->naliases;
			a.spec = 0;
		} else {
			load_error(l, k, "unknown key '%s' (name, members, "
			    "aliases)", key);
			continue;
		}
		each_scalar(l, v, key, add_strv, &a);
	}
	/* {name: AS131279, aliases: [Star JV]} stands for itself */
	if (g->nmembers == 0 && spec_valid(g->name) == 0)
		strv_add(&g->members, &g->nmembers, g->name);
	if (g->nmembers == 0)
		load_error(l, m, "group '%s' has no members", g->name);
}

static void
load_groups(struct loader *l, yaml_node_t *n)
{
	yaml_node_pair_t *p;
	struct strv_arg a;
	const char *name;

	if (n->type != YAML_MAPPING_NODE) {
		load_error(l, n, "groups: expected a mapping of name: members");
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		struct case_group *g;

		name = scalar(l, yaml_document_get_node(&l->doc, p->key),
		    "group name");
		if (name == NULL)
			continue;
		g = group_new(l->c, name);
		if (v->type == YAML_MAPPING_NODE) {
			group_body(l, g, v);
			continue;
		}
		a.v = &g->members;
		a.n = &g->nmembers;
		a.spec = 1;
		each_scalar(l, v, "group members", add_strv, &a);
	}
}

/* A target is a string, or an inline group {name, members, aliases}.  The
 * names are added once every group is known. */
static void
load_targets(struct loader *l, yaml_node_t *n, yaml_node_t **names,
    size_t *nnames, size_t max)
{
	yaml_node_item_t *it;

	if (n->type == YAML_SCALAR_NODE) {
		names[(*nnames)++] = n;
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		load_error(l, n, "targets: expected a list");
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(&l->doc, *it);
		yaml_node_t *name = NULL;
		yaml_node_pair_t *p;

		if (*nnames == max) {
			load_error(l, e, "more than %zu targets", max);
			return;
		}
		if (e->type == YAML_SCALAR_NODE) {
			names[(*nnames)++] = e;
			continue;
		}
		if (e->type != YAML_MAPPING_NODE) {
			load_error(l, e, "target: expected a string or a "
			    "mapping");
			continue;
		}
		for (p = e->data.mapping.pairs.start;
		    p < e->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&l->doc,
			    p->key);

			if (k->type == YAML_SCALAR_NODE &&
			    strcmp((char *)k->data.scalar.value, "name") == 0)
				name = yaml_document_get_node(&l->doc,
				    p->value);
		}
		if (name == NULL || scalar(l, name, "target name") == NULL) {
			if (name == NULL)
				load_error(l, e, "target mapping needs a name");
			continue;
		}
		group_body(l, group_new(l->c, (char *)name->data.scalar.value),
		    e);
		names[(*nnames)++] = name;
	}
}

static void
load_window(struct loader *l, yaml_node_t *n)
{
	yaml_node_pair_t *p;
	int64_t from = INT64_MIN, to = INT64_MAX, t;

	if (n->type != YAML_MAPPING_NODE) {
		load_error(l, n, "window: expected {from: TIME, to: TIME}");
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key = scalar(l, k, "window key");
		const char *val = scalar(l, v, "window time");

		if (key == NULL || val == NULL)
			continue;
		if (parse_time_arg(val, &t) != 0) {
			load_error(l, v, "window %s: '%s' is not a time "
			    "(RFC 3339 or @epoch)", key, val);
			continue;
		}
		if (strcmp(key, "from") == 0)
			from = t;
		else if (strcmp(key, "to") == 0)
			to = t;
		else
			load_error(l, k, "unknown window key '%s' (from, to)",
			    key);
	}
	if (from != INT64_MIN && to != INT64_MAX && to <= from) {
		load_error(l, n, "window: 'to' is not after 'from'");
		return;
	}
	bo_case_set_window(l->c, from, to);
}

static void
load_thresholds(struct loader *l, yaml_node_t *n)
{
	yaml_node_pair_t *p;

	if (n->type != YAML_MAPPING_NODE) {
		load_error(l, n, "thresholds: expected a mapping name: value");
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key = scalar(l, k, "threshold name");
		const char *val = scalar(l, v, "threshold value");

		if (key != NULL && val != NULL &&
		    bo_case_set_param(l->c, key, val) != 0)
			load_error(l, v, "threshold '%s': unknown name or bad "
			    "value '%s'", key, val);
	}
}

static void
add_input_as(struct loader *l, const char *s, const char *collector)
{
	if (s[0] == '/' || l->c->dir == NULL)
		bo_case_add_input_collector(l->c, s, collector);
	else {
		char *p = xasprintf("%s/%s", l->c->dir, s);

		bo_case_add_input_collector(l->c, p, collector);
		free(p);
	}
}

/* An input is a path, or {path: PATH, collector: NAME} for MRT files
 * whose path does not say which collector they come from. */
static void
load_inputs(struct loader *l, yaml_node_t *n)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *p;

	if (n != NULL && n->type == YAML_SCALAR_NODE) {
		add_input_as(l, (const char *)n->data.scalar.value, NULL);
		return;
	}
	if (n == NULL || n->type != YAML_SEQUENCE_NODE) {
		load_error(l, n, "inputs: expected a list");
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(&l->doc, *it);
		const char *path = NULL, *coll = NULL, *key, *val;

		if (e != NULL && e->type == YAML_SCALAR_NODE) {
			add_input_as(l, (const char *)e->data.scalar.value,
			    NULL);
			continue;
		}
		if (e == NULL || e->type != YAML_MAPPING_NODE) {
			load_error(l, e, "input: expected a path or {path: "
			    "PATH, collector: NAME}");
			continue;
		}
		for (p = e->data.mapping.pairs.start;
		    p < e->data.mapping.pairs.top; p++) {
			key = scalar(l, yaml_document_get_node(&l->doc,
			    p->key), "input key");
			val = scalar(l, yaml_document_get_node(&l->doc,
			    p->value), "input value");
			if (key == NULL || val == NULL)
				continue;
			if (strcmp(key, "path") == 0)
				path = val;
			else if (strcmp(key, "collector") == 0)
				coll = val;
			else
				load_error(l, yaml_document_get_node(&l->doc,
				    p->key), "unknown input key '%s' (path, "
				    "collector)", key);
		}
		if (path == NULL)
			load_error(l, e, "input mapping needs a path");
		else
			add_input_as(l, path, coll);
	}
}

static void
load_root(struct loader *l, yaml_node_t *root)
{
	yaml_node_t *names[256];
	size_t nnames = 0, i;
	yaml_node_pair_t *p;

	if (root == NULL) {
		load_error(l, NULL, "empty case file");
		return;
	}
	if (root->type != YAML_MAPPING_NODE) {
		load_error(l, root, "a case file is a mapping (title, "
		    "targets, window, inputs, thresholds, timezone, groups)");
		return;
	}
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key = scalar(l, k, "key"), *s;

		if (key == NULL)
			continue;
		if (strcmp(key, "title") == 0) {
			if ((s = scalar(l, v, "title")) != NULL)
				bo_case_set_title(l->c, s);
		} else if (strcmp(key, "timezone") == 0) {
			if ((s = scalar(l, v, "timezone")) == NULL)
				continue;
			if (!tz_known(s))
				load_error(l, v, "timezone '%s' is not in the "
				    "system tz database", s);
			else
				bo_case_set_tz(l->c, s);
		} else if (strcmp(key, "window") == 0)
			load_window(l, v);
		else if (strcmp(key, "targets") == 0)
			load_targets(l, v, names, &nnames, BO_NELEM(names));
		else if (strcmp(key, "groups") == 0)
			load_groups(l, v);
		else if (strcmp(key, "inputs") == 0)
			load_inputs(l, v);
		else if (strcmp(key, "thresholds") == 0)
			load_thresholds(l, v);
		else if (strcmp(key, "description") == 0 ||
		    strcmp(key, "notes") == 0)
			continue;
		else
			load_error(l, k, "unknown key '%s' (title, targets, "
			    "groups, window, inputs, thresholds, timezone)",
			    key);
	}
	for (i = 0; i < nnames; i++) {
		const char *s = (const char *)names[i]->data.scalar.value;

		if (bo_case_add_target(l->c, s) != 0)
			load_error(l, names[i], "target '%s' is neither an ASN, "
			    "a prefix nor a group", s);
	}
}

int
case_load_file(struct bo_case *c, FILE *f, const char *path,
    struct bo_diag *diag)
{
	struct bo_diag *own = NULL;
	struct yaml_failure why;
	struct loader l;
	const char *slash;
	int rc = -1;

	/* errors still fail the load when nobody listens */
	if (diag == NULL)
		diag = own = bo_diag_new(NULL, NULL);
	memset(&l, 0, sizeof(l));
	l.c = c;
	l.path = path;
	l.diag = diag;
	free(c->dir);
	slash = strrchr(path, '/');
	c->dir = slash ? xstrndup(path, (size_t)(slash - path)) : NULL;
	if (c->dir != NULL && c->dir[0] == '\0') {
		free(c->dir);
		c->dir = xstrdup("/");
	}
	if (yaml_load_guarded(f, &l.doc, &why) != 0) {
		struct bo_where w;

		memset(&w, 0, sizeof(w));
		w.input = path;
		w.line = why.line;
		w.column = why.col;
		bo_diag_report(diag, BO_FAIL, &w, "%s",
		    why.what == YAML_FAIL_ALIAS ? "YAML aliases are not "
		    "accepted in case files" : why.what == YAML_FAIL_REWIND ?
		    "cannot read the case file twice" : why.msg);
		goto out;
	}
	load_root(&l, yaml_document_get_root_node(&l.doc));
	yaml_document_delete(&l.doc);
	rc = l.errors ? -1 : 0;
out:
	bo_diag_free(own);
	return rc;
}

int
bo_case_load(struct bo_case *c, const char *path, struct bo_diag *diag)
{
	FILE *f;
	int rc;

	if ((f = fopen(path, "rb")) == NULL) {
		struct bo_where w;

		memset(&w, 0, sizeof(w));
		w.input = path;
		bo_diag_report(diag, BO_FAIL, &w, "cannot open case file: %s",
		    strerror(errno));
		return -1;
	}
	rc = case_load_file(c, f, path, diag);
	fclose(f);
	return rc;
}
