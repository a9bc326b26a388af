/*
 * scenario_check SCENARIO.yaml TIMELINE.ndjson: holds a timeline (blackout
 * timeline --format ndjson) against the scenario's `expect:` block, as
 * jq's tests hold output against the expected text.  The vocabulary is in
 * tests/scenarios/README.md; a key it does not know is an error, so a new
 * expectation cannot be skipped silently: add it here and there.
 * Exit 0 when every expectation holds, 1 with one line per miss, 2 on
 * unreadable input.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <yaml.h>

static yaml_document_t doc;
static json_t *records;		/* every line of the timeline */
static int misses;
static const char *scenario;

static void
miss(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", scenario);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	misses++;
}

/* ---- YAML ---- */

static const char *
scalar(yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *
node(yaml_node_item_t i)
{
	return yaml_document_get_node(&doc, i);
}

static yaml_node_t *
lookup(yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(p->key));

		if (k != NULL && strcmp(k, key) == 0)
			return node(p->value);
	}
	return NULL;
}

static size_t
seq_len(yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SEQUENCE_NODE ?
	    (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start) : 0;
}

static yaml_node_t *
seq_at(yaml_node_t *n, size_t i)
{
	return node(n->data.sequence.items.start[i]);
}

/* Every key of map must be one of the NULL-ended known list. */
static void
known_keys(yaml_node_t *map, const char *what, const char *const *known)
{
	yaml_node_pair_t *p;
	size_t i;

	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		miss("%s: not a mapping", what);
		return;
	}
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(p->key));

		for (i = 0; known[i] != NULL; i++)
			if (k != NULL && strcmp(k, known[i]) == 0)
				break;
		if (known[i] == NULL)
			miss("%s: key '%s' not understood by the runner "
			    "(tests/scenarios/README.md)", what, k ? k : "?");
	}
}

/* ---- values ---- */

/* "2021-03-10T12:00:35.5Z" as seconds; NAN when not a UTC time. */
static double
utc(const char *s)
{
	struct tm tm;
	double frac = 0;
	const char *p;
	char *end;

	if (s == NULL)
		return NAN;
	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (p == NULL)
		return NAN;
	if (*p == '.') {
		frac = strtod(p, &end);
		p = end;
	}
	if (strcmp(p, "Z") != 0)
		return NAN;
	return (double)timegm(&tm) + frac;
}

static const char *
jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* relation names are written with - or _ */
static int
same_word(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (*a != *b && !((*a == '-' || *a == '_') &&
		    (*b == '-' || *b == '_')))
			return 0;
	return *a == *b;
}

static int
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay != NULL && *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * A time within [want, want + tol): peers hear of a change up to a minute
 * after the scenario's time, so onsets and ends hold to the minute unless
 * the expectation gives tolerance_s.
 */
static int
time_ok(const char *got, const char *want, double tol)
{
	double g = utc(got), w = utc(want);

	if (isnan(w))
		return -1;
	if (tol == 0)
		return !isnan(g) && g == w;
	return !isnan(g) && g >= w && g < w + tol;
}

static double
tolerance(yaml_node_t *e, double def)
{
	const char *t = scalar(lookup(e, "tolerance_s"));

	return t != NULL ? strtod(t, NULL) : def;
}

static int
flag(yaml_node_t *e, const char *key)
{
	const char *v = scalar(lookup(e, key));

	return v != NULL && strcmp(v, "true") == 0;
}

/* ---- records ---- */

static size_t
count_type(const char *type)
{
	size_t i, n = 0;

	for (i = 0; i < json_array_size(records); i++)
		if (strcmp(jstr(json_array_get(records, i), "type"), type) == 0)
			n++;
	return n;
}

static int
signal_has(json_t *inc, const char *kind, const char *vantage,
    const char *text)
{
	json_t *sigs = json_object_get(inc, "signals"), *s;
	size_t i;

	json_array_foreach(sigs, i, s) {
		if (kind != NULL && !same_word(jstr(s, "kind"), kind))
			continue;
		if (vantage != NULL && (jstr(s, "vantage") == NULL ||
		    strcmp(jstr(s, "vantage"), vantage) != 0))
			continue;
		if (text != NULL && !contains_ci(jstr(s, "summary"), text))
			continue;
		return 1;
	}
	return 0;
}

static int
targets_are(json_t *inc, const char *target)
{
	json_t *t = json_object_get(inc, "targets");

	return json_array_size(t) == 1 &&
	    strcmp(json_string_value(json_array_get(t, 0)), target) == 0;
}

static const char *const incident_keys[] = { "target", "kind", "onset",
	"end", "tolerance_s", "confirmed", "partial", "prefixes",
	"prefixes_total", "peers_lost", "peers", "collectors_below",
	"signals", NULL };

/* Why incident record inc does not fit e, or NULL when it does. */
static const char *
incident_fits(json_t *inc, yaml_node_t *e, char *why, size_t len)
{
	const char *v, *kind = jstr(inc, "kind");
	yaml_node_t *n;
	double tol = tolerance(e, 60);
	size_t i;
	json_int_t want;

	if ((v = scalar(lookup(e, "onset"))) != NULL &&
	    time_ok(jstr(inc, "onset"), v, tol) != 1)
		return snprintf(why, len, "onset %s, want %s",
		    jstr(inc, "onset"), v), why;
	if ((v = scalar(lookup(e, "end"))) != NULL &&
	    time_ok(jstr(inc, "end"), v, tol) != 1)
		return snprintf(why, len, "end %s, want %s",
		    jstr(inc, "end") ? jstr(inc, "end") : "none", v), why;
	if ((v = scalar(lookup(e, "kind"))) != NULL && !same_word(kind, v))
		return snprintf(why, len, "kind %s, want %s", kind, v), why;
	if (flag(e, "partial") && strcmp(kind, "partial_outage") != 0)
		return snprintf(why, len, "kind %s, want partial_outage",
		    kind), why;
	if (flag(e, "confirmed") && strcmp(jstr(inc, "status"),
	    "confirmed") != 0)
		return snprintf(why, len, "status %s, want confirmed",
		    jstr(inc, "status")), why;
	n = lookup(e, "prefixes");
	/* a list is held by its length: the record counts prefixes and
	 * does not list them */
	want = n == NULL ? -1 : n->type == YAML_SEQUENCE_NODE ?
	    (json_int_t)seq_len(n) : strtoll(scalar(n), NULL, 10);
	if (want >= 0 && json_integer_value(json_object_get(inc,
	    "prefixes_affected")) != want)
		return snprintf(why, len, "%" JSON_INTEGER_FORMAT
		    " prefixes affected, want %" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(inc,
		    "prefixes_affected")), want), why;
	if ((v = scalar(lookup(e, "prefixes_total"))) != NULL &&
	    json_integer_value(json_object_get(inc, "prefixes_total")) !=
	    strtoll(v, NULL, 10))
		return snprintf(why, len, "prefixes_total %" JSON_INTEGER_FORMAT
		    ", want %s", json_integer_value(json_object_get(inc,
		    "prefixes_total")), v), why;
	if ((v = scalar(lookup(e, "peers_lost"))) != NULL) {
		char text[64];
		const char *all = scalar(lookup(e, "peers"));

		snprintf(text, sizeof(text), "had %s of %s peers", v,
		    all ? all : "");
		if (!signal_has(inc, NULL, NULL, text))
			return snprintf(why, len, "no signal says '%s'",
			    text), why;
	}
	n = lookup(e, "collectors_below");
	for (i = 0; i < seq_len(n); i++)
		if (!signal_has(inc, "bgp.visibility_drop",
		    scalar(seq_at(n, i)), NULL))
			return snprintf(why, len, "no visibility drop at %s",
			    scalar(seq_at(n, i))), why;
	n = lookup(e, "signals");
	for (i = 0; i < seq_len(n); i++)
		if (!signal_has(inc, scalar(seq_at(n, i)), NULL, NULL))
			return snprintf(why, len, "no %s signal",
			    scalar(seq_at(n, i))), why;
	return NULL;
}

static void
check_incidents(yaml_node_t *list)
{
	size_t i, k, ninc = count_type("incident");
	char why[256];

	if (list->type != YAML_SEQUENCE_NODE) {
		miss("incidents: not a list");
		return;
	}
	if (ninc != seq_len(list))
		miss("%zu incidents, want %zu", ninc, seq_len(list));
	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *e = seq_at(list, i);
		const char *target = scalar(lookup(e, "target"));
		const char *last = "no incident of that target";
		int found = 0;

		known_keys(e, "incidents", incident_keys);
		for (k = 0; k < json_array_size(records) && !found; k++) {
			json_t *r = json_array_get(records, k), *inc;

			if (strcmp(jstr(r, "type"), "incident") != 0)
				continue;
			inc = json_object_get(r, "incident");
			if (target != NULL && !targets_are(inc, target))
				continue;
			if ((last = incident_fits(inc, e, why,
			    sizeof(why))) == NULL)
				found = 1;
		}
		if (!found)
			miss("incident %zu (%s): %s", i + 1,
			    target ? target : "any target", last);
	}
}

static const char *const claim_keys[] = { "actor", "at", "relation",
	"target", "lag_s", "tolerance_s", "verification", "target_match",
	NULL };

/* Whether claim record c fits e (NULL) or why not. */
static const char *
claim_fits(json_t *c, yaml_node_t *e, char *why, size_t len)
{
	const char *v;

	if ((v = scalar(lookup(e, "actor"))) != NULL) {
		const char *a = *v == '@' ? v + 1 : v;

		if (!contains_ci(jstr(c, "actor"), a) &&
		    !contains_ci(jstr(c, "source"), a))
			return snprintf(why, len, "actor"), why;
	}
	if ((v = scalar(lookup(e, "at"))) != NULL &&
	    time_ok(jstr(c, "time"), v, 0) != 1)
		return snprintf(why, len, "time %s, want %s",
		    jstr(c, "time"), v), why;
	if ((v = scalar(lookup(e, "target"))) != NULL &&
	    !contains_ci(jstr(c, "target"), v) &&
	    !contains_ci(jstr(c, "text"), v))
		return snprintf(why, len, "target"), why;
	if ((v = scalar(lookup(e, "relation"))) != NULL &&
	    (jstr(c, "relation") == NULL || !same_word(jstr(c, "relation"), v)))
		return snprintf(why, len, "relation %s, want %s",
		    jstr(c, "relation"), v), why;
	if ((v = scalar(lookup(e, "verification"))) != NULL &&
	    (jstr(c, "verification") == NULL ||
	    strcmp(jstr(c, "verification"), v) != 0))
		return snprintf(why, len, "verification %s, want %s",
		    jstr(c, "verification"), v), why;
	if ((v = scalar(lookup(e, "target_match"))) != NULL &&
	    json_is_true(json_object_get(c, "target_match")) !=
	    (strcmp(v, "true") == 0))
		return snprintf(why, len, "target_match, want %s", v), why;
	if ((v = scalar(lookup(e, "lag_s"))) != NULL) {
		json_t *lag = json_object_get(c, "lag_s");
		double w = strtod(v, NULL), tol = tolerance(e, 60);

		/* the onset is heard up to a minute late: the lag is up to
		 * a minute shorter */
		if (!json_is_integer(lag) ||
		    (double)json_integer_value(lag) > w ||
		    (double)json_integer_value(lag) <= w - tol)
			return snprintf(why, len, "lag_s %s, want %s (up to "
			    "%g s less)", json_is_integer(lag) ? "out of range" :
			    "null", v, tol), why;
	}
	return NULL;
}

static void
check_claims(yaml_node_t *list, int all)
{
	size_t i, k;
	char why[256];

	if (all) {
		known_keys(list, "all_claims", claim_keys);
		for (k = 0; k < json_array_size(records); k++) {
			json_t *r = json_array_get(records, k);
			const char *w;

			if (strcmp(jstr(r, "type"), "claim") != 0)
				continue;
			if ((w = claim_fits(json_object_get(r, "claim"), list,
			    why, sizeof(why))) != NULL)
				miss("all_claims: claim at %s: %s",
				    jstr(json_object_get(r, "claim"), "time"),
				    w);
		}
		return;
	}
	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *e = seq_at(list, i);
		char best[256] = "no claim of that actor and target";
		const char *w;
		int found = 0;

		known_keys(e, "claims", claim_keys);
		for (k = 0; k < json_array_size(records) && !found; k++) {
			json_t *r = json_array_get(records, k);

			if (strcmp(jstr(r, "type"), "claim") != 0)
				continue;
			w = claim_fits(json_object_get(r, "claim"), e, why,
			    sizeof(why));
			if (w == NULL)
				found = 1;
			else if (strcmp(w, "actor") != 0 &&
			    strcmp(w, "target") != 0)
				snprintf(best, sizeof(best), "%s", w);
		}
		if (!found)
			miss("claim %zu (%s): %s", i + 1,
			    scalar(lookup(e, "actor")) ?
			    scalar(lookup(e, "actor")) : "any actor", best);
	}
}

static const char *const gap_keys[] = { "collector", "peer", "from", "to",
	"reason", NULL };

static void
check_gaps(yaml_node_t *list)
{
	size_t i, k;

	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *e = seq_at(list, i);
		const char *coll = scalar(lookup(e, "collector"));
		const char *peer = scalar(lookup(e, "peer"));
		const char *from = scalar(lookup(e, "from"));
		const char *to = scalar(lookup(e, "to"));
		const char *reason = scalar(lookup(e, "reason"));
		char scope[256];
		int found = 0;

		known_keys(e, "gaps", gap_keys);
		/* "rrc00", or "rrc00 peer 195.66.225.76 AS2914" */
		snprintf(scope, sizeof(scope), "%s%s%s%s", coll ? coll : "",
		    peer ? " peer " : "", peer ? peer : "", peer ? " " : "");
		for (k = 0; k < json_array_size(records) && !found; k++) {
			json_t *r = json_array_get(records, k), *g;
			const char *s;

			if (strcmp(jstr(r, "type"), "coverage") != 0)
				continue;
			g = json_object_get(r, "coverage");
			s = jstr(g, "scope");
			if (peer ? strncmp(s, scope, strlen(scope)) != 0 :
			    strcmp(s, scope) != 0)
				continue;
			if ((from && time_ok(jstr(g, "start"), from, 0) != 1) ||
			    (to && time_ok(jstr(g, "end"), to, 0) != 1))
				continue;
			if (reason && !contains_ci(jstr(g, "reason"), reason))
				continue;
			found = 1;
		}
		if (!found)
			miss("gap %zu (%s, %s .. %s%s%s): none", i + 1, scope,
			    from ? from : "?", to ? to : "?",
			    reason ? ", reason " : "", reason ? reason : "");
	}
}

static const char *const instability_keys[] = { "target", "from", "to",
	"tolerance_s", NULL };

/* Instability signals of the target's incidents: the first within
 * tolerance of from (one 5-minute bin by default), none after to. */
static void
check_instability(yaml_node_t *list)
{
	size_t i, k, j;

	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *e = seq_at(list, i);
		const char *target = scalar(lookup(e, "target"));
		const char *from = scalar(lookup(e, "from"));
		const char *to = scalar(lookup(e, "to"));
		double first = INFINITY, last = -INFINITY;
		char t[32];

		known_keys(e, "instability", instability_keys);
		for (k = 0; k < json_array_size(records); k++) {
			json_t *r = json_array_get(records, k), *inc, *s;

			if (strcmp(jstr(r, "type"), "incident") != 0)
				continue;
			inc = json_object_get(r, "incident");
			if (target != NULL && !targets_are(inc, target))
				continue;
			json_array_foreach(json_object_get(inc, "signals"),
			    j, s) {
				double ts = utc(jstr(s, "time"));

				if (!same_word(jstr(s, "kind"),
				    "bgp.instability"))
					continue;
				if (ts < first)
					first = ts;
				if (ts > last)
					last = ts;
			}
		}
		if (isinf(first)) {
			miss("instability %zu: no bgp.instability signal",
			    i + 1);
			continue;
		}
		if (from != NULL && (first < utc(from) ||
		    first >= utc(from) + tolerance(e, 300))) {
			time_t tt = (time_t)first;

			strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ",
			    gmtime(&tt));
			miss("instability %zu: first at %s, want %s", i + 1, t,
			    from);
		}
		if (to != NULL && last > utc(to))
			miss("instability %zu: still signalled after %s",
			    i + 1, to);
	}
}

static const char *const expect_keys[] = { "incidents", "claims",
	"all_claims", "gaps", "instability", NULL };

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_node_t *expect, *n;
	json_error_t jerr;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: scenario_check SCENARIO.yaml "
		    "TIMELINE.ndjson\n");
		return 2;
	}
	scenario = argv[1];
	if ((f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		fprintf(stderr, "%s: line %zu: %s\n", argv[1],
		    parser.problem_mark.line + 1, parser.problem);
		return 2;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	expect = lookup(yaml_document_get_root_node(&doc), "expect");
	if (expect == NULL) {
		fprintf(stderr, "%s: no expect: block\n", argv[1]);
		return 2;
	}
	records = json_array();
	if ((f = fopen(argv[2], "rb")) == NULL) {
		perror(argv[2]);
		return 2;
	}
	while (getline(&line, &cap, f) > 0) {
		json_t *r = json_loads(line, 0, &jerr);

		if (r == NULL || jstr(r, "type") == NULL) {
			fprintf(stderr, "%s: not a timeline record: %s\n",
			    argv[2], jerr.text);
			return 2;
		}
		json_array_append_new(records, r);
	}
	free(line);
	fclose(f);

	known_keys(expect, "expect", expect_keys);
	if ((n = lookup(expect, "incidents")) != NULL)
		check_incidents(n);
	if ((n = lookup(expect, "claims")) != NULL)
		check_claims(n, 0);
	if ((n = lookup(expect, "all_claims")) != NULL) {
		if (count_type("claim") == 0)
			miss("all_claims: no claim at all");
		check_claims(n, 1);
	}
	if ((n = lookup(expect, "gaps")) != NULL)
		check_gaps(n);
	if ((n = lookup(expect, "instability")) != NULL)
		check_instability(n);
	json_decref(records);
	yaml_document_delete(&doc);
	if (misses > 0)
		return 1;
	printf("%s: every expectation holds\n", argv[1]);
	return 0;
}
