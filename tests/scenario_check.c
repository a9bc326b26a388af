/*
 * scenario_check SCENARIO.yaml TIMELINE.ndjson: holds a timeline (blackout
 * timeline --format ndjson) against the scenario's `expect:` block, as
 * jq's tests hold output against the expected text.  The vocabulary is in
 * tests/scenarios/README.md; a key it does not know is an error, so a new
 * expectation cannot be skipped silently: add it here and there.
 * Exit 0 when every expectation holds, 1 with one line per miss, 2 on
 * unreadable input.
 *
 * scenario_check --case SCENARIO.yaml prints the scenario's own case (its
 * `case:` block, for the scenarios that name their own targets) as a case
 * file blackout reads, or nothing when it has none.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
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

/*
 * "2021-03-10T12:00:35.5Z" as seconds; NAN when not a UTC time.  The
 * routing scenarios write "2008-02-24T18:47", to the minute: *minute is
 * set then (when minute is not NULL).
 */
static double
utc_at(const char *s, int *minute)
{
	struct tm tm;
	double frac = 0;
	const char *p;
	char *end;

	if (minute != NULL)
		*minute = 0;
	if (s == NULL)
		return NAN;
	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (p == NULL)
		return NAN;
	if (*p == '\0' && minute != NULL) {
		*minute = 1;
		return (double)timegm(&tm);
	}
	if (*p != ':' || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]))
		return NAN;
	tm.tm_sec = (p[1] - '0') * 10 + (p[2] - '0');
	p += 3;
	if (*p == '.') {
		frac = strtod(p, &end);
		p = end;
	}
	if (strcmp(p, "Z") != 0)
		return NAN;
	return (double)timegm(&tm) + frac;
}

static double
utc(const char *s)
{
	return utc_at(s, NULL);
}

/* An unquoted ~, null or empty scalar: YAML's null. */
static int
is_null(yaml_node_t *n)
{
	const char *v = scalar(n);

	return v != NULL && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (*v == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0);
}

/* A whole integer, or -1: a typo must not read as 0. */
static int
integer(yaml_node_t *n, json_int_t *out)
{
	const char *v = scalar(n);
	char *end;
	long long x;

	if (v == NULL || *v == '\0')
		return -1;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (*end != '\0' || errno != 0)
		return -1;
	*out = (json_int_t)x;
	return 0;
}

/* 1 for true, 0 for false, -1 for anything else. */
static int
boolean(yaml_node_t *n)
{
	const char *v = scalar(n);

	if (v != NULL && strcmp(v, "true") == 0)
		return 1;
	if (v != NULL && strcmp(v, "false") == 0)
		return 0;
	return -1;
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
	int minute;
	double g = utc(got), w = utc_at(want, &minute);

	if (isnan(w))
		return -1;
	/* a time written to the minute is that whole minute */
	if (minute && tol < 60)
		tol = 60;
	if (tol == 0)
		return !isnan(g) && g == w;
	return !isnan(g) && g >= w && g < w + tol;
}

/* tolerance_s, or def; a tolerance that is not a number is said once
 * and holds nothing */
static double
tolerance(yaml_node_t *e, double def)
{
	yaml_node_t *t = lookup(e, "tolerance_s");
	json_int_t v;

	if (t == NULL)
		return def;
	if (integer(t, &v) != 0 || v < 0) {
		miss("tolerance_s: %s is not a number of seconds",
		    scalar(t) ? scalar(t) : "a list or mapping");
		return NAN;
	}
	return (double)v;
}

/*
 * The checks below return NULL when the record holds the expectation,
 * else why not, written into why.
 */

/* got, a JSON time or null, against want, a time or null */
static const char *
time_is(json_t *got, yaml_node_t *want, double tol, const char *key,
    char *why, size_t len)
{
	const char *g = json_string_value(got);

	if (is_null(want)) {
		if (json_is_null(got))
			return NULL;
		return snprintf(why, len, "%s %s, want null", key,
		    g ? g : "none"), why;
	}
	switch (time_ok(g, scalar(want), tol)) {
	case 1:
		return NULL;
	case -1:
		return snprintf(why, len, "%s: %s is not a UTC time", key,
		    scalar(want) ? scalar(want) : "a list or mapping"), why;
	default:
		return snprintf(why, len, "%s %s, want %s", key,
		    g ? g : "null", scalar(want)), why;
	}
}

/* got, a JSON integer or null, against want, an integer or null */
static const char *
int_is(json_t *got, yaml_node_t *want, const char *key, char *why,
    size_t len)
{
	json_int_t w;
	char g[32];

	if (json_is_integer(got))
		snprintf(g, sizeof(g), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(got));
	else
		snprintf(g, sizeof(g), "null");
	if (is_null(want))
		return json_is_null(got) ? NULL :
		    (snprintf(why, len, "%s %s, want null", key, g), why);
	if (integer(want, &w) != 0)
		return snprintf(why, len, "%s: %s is not a number", key,
		    scalar(want) ? scalar(want) : "a list or mapping"), why;
	if (json_is_integer(got) && json_integer_value(got) == w)
		return NULL;
	return snprintf(why, len, "%s %s, want %" JSON_INTEGER_FORMAT, key, g,
	    w), why;
}

/* got, a JSON true or false, against want, true or false */
static const char *
bool_is(json_t *got, yaml_node_t *want, const char *key, char *why,
    size_t len)
{
	int w = boolean(want);

	if (w < 0)
		return snprintf(why, len, "%s: not true or false", key), why;
	if (json_is_boolean(got) && json_is_true(got) == w)
		return NULL;
	return snprintf(why, len, "%s %s, want %s", key,
	    json_is_boolean(got) ? (json_is_true(got) ? "true" : "false") :
	    "none", w ? "true" : "false"), why;
}

/* got, a JSON array of strings or integers, holds exactly the values of
 * the list want, in any order */
static const char *
set_is(json_t *got, yaml_node_t *want, const char *key, char *why,
    size_t len)
{
	size_t i, k;
	json_t *g;

	if (want->type != YAML_SEQUENCE_NODE)
		return snprintf(why, len, "%s: not a list", key), why;
	if (json_array_size(got) != seq_len(want))
		return snprintf(why, len, "%s: %zu, want %zu", key,
		    json_array_size(got), seq_len(want)), why;
	for (i = 0; i < seq_len(want); i++) {
		const char *w = scalar(seq_at(want, i));
		json_int_t n;
		int found = 0;

		json_array_foreach(got, k, g)
			if ((json_is_string(g) && w != NULL &&
			    strcmp(json_string_value(g), w) == 0) ||
			    (json_is_integer(g) && integer(seq_at(want, i),
			    &n) == 0 && json_integer_value(g) == n))
				found = 1;
		if (!found)
			return snprintf(why, len, "%s: no %s", key,
			    w ? w : "(list or mapping)"), why;
	}
	return NULL;
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

	/* the scenarios write their targets in lower case (youtube), a case
	 * names them as people do (YouTube) */
	return json_array_size(t) == 1 &&
	    strcasecmp(json_string_value(json_array_get(t, 0)), target) == 0;
}

static const char *const incident_keys[] = { "target", "kind", "onset",
	"end", "tolerance_s", "confirmed", "partial", "prefixes",
	"prefixes_affected", "prefixes_total", "not_restored", "peers_lost",
	"peers", "of", "collectors_below", "signals", "members", "parts",
	"offender", "leaker", "upstream", "origins", "unreachable",
	"countermeasures", NULL };

/* The earliest onset of member's parts (JSON null when it stayed up), or
 * NULL when it has no part. */
static json_t *
member_onset(json_t *inc, const char *member)
{
	json_t *p, *first = NULL;
	size_t i;

	json_array_foreach(json_object_get(inc, "parts"), i, p) {
		json_t *on = json_object_get(p, "onset");

		if (jstr(p, "member") == NULL ||
		    strcmp(jstr(p, "member"), member) != 0)
			continue;
		if (first == NULL || (json_is_null(first) &&
		    !json_is_null(on)) || (!json_is_null(on) &&
		    utc(json_string_value(on)) <
		    utc(json_string_value(first))))
			first = on;
	}
	return first;
}

/* members: {AS8452: onset, AS20928: null}, each member's own onset */
static const char *
members_are(json_t *inc, yaml_node_t *m, double tol, char *why, size_t len)
{
	yaml_node_pair_t *p;
	const char *w;
	char key[96];

	if (m->type != YAML_MAPPING_NODE)
		return snprintf(why, len, "members: not a mapping"), why;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		const char *name = scalar(node(p->key));
		json_t *on = name ? member_onset(inc, name) : NULL;

		if (on == NULL)
			return snprintf(why, len, "no part of member %s",
			    name ? name : "?"), why;
		snprintf(key, sizeof(key), "member %s onset", name);
		if ((w = time_is(on, node(p->value), tol, key, why, len)) !=
		    NULL)
			return w;
	}
	return NULL;
}

/* parts: {ipv4: [onset, end], ...}, each family's own; the target's one
 * part of that family */
static const char *
parts_are(json_t *inc, yaml_node_t *m, double tol, char *why, size_t len)
{
	yaml_node_pair_t *p;
	const char *w;
	char key[64];

	if (m->type != YAML_MAPPING_NODE)
		return snprintf(why, len, "parts: not a mapping"), why;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		const char *fam = scalar(node(p->key));
		yaml_node_t *v = node(p->value);
		json_t *part = NULL, *x;
		size_t i, n = 0;

		if (fam == NULL || seq_len(v) != 2)
			return snprintf(why, len, "parts: %s is not "
			    "[onset, end]", fam ? fam : "?"), why;
		json_array_foreach(json_object_get(inc, "parts"), i, x)
			if (jstr(x, "family") != NULL &&
			    strcmp(jstr(x, "family"), fam) == 0) {
				part = x;
				n++;
			}
		if (n != 1)
			return snprintf(why, len, "%zu %s parts, want one", n,
			    fam), why;
		snprintf(key, sizeof(key), "%s part onset", fam);
		if ((w = time_is(json_object_get(part, "onset"), seq_at(v, 0),
		    tol, key, why, len)) != NULL)
			return w;
		snprintf(key, sizeof(key), "%s part end", fam);
		if ((w = time_is(json_object_get(part, "end"), seq_at(v, 1),
		    tol, key, why, len)) != NULL)
			return w;
	}
	return NULL;
}

/* countermeasures: the times of the bgp.hijack_countermeasure signals,
 * all of them */
static const char *
countermeasures_are(json_t *inc, yaml_node_t *list, double tol, char *why,
    size_t len)
{
	json_t *s;
	size_t i, k, n = 0;

	if (list->type != YAML_SEQUENCE_NODE)
		return snprintf(why, len, "countermeasures: not a list"), why;
	json_array_foreach(json_object_get(inc, "signals"), k, s)
		if (same_word(jstr(s, "kind"), "bgp.hijack_countermeasure"))
			n++;
	if (n != seq_len(list))
		return snprintf(why, len, "%zu counter-measures, want %zu", n,
		    seq_len(list)), why;
	for (i = 0; i < seq_len(list); i++) {
		const char *w = scalar(seq_at(list, i));
		int found = 0, bad = 0;

		json_array_foreach(json_object_get(inc, "signals"), k, s) {
			int ok;

			if (!same_word(jstr(s, "kind"),
			    "bgp.hijack_countermeasure"))
				continue;
			ok = time_ok(jstr(s, "time"), w, tol);
			found |= ok == 1;
			bad |= ok < 0;
		}
		if (bad)
			return snprintf(why, len, "countermeasures: %s is not "
			    "a UTC time", w ? w : "?"), why;
		if (!found)
			return snprintf(why, len, "no counter-measure at %s",
			    w), why;
	}
	return NULL;
}

/* offender, leaker, upstream, origins, peers of N, unreachable: the
 * record's routing block (hijacks and leaks) */
static const char *
routing_is(json_t *inc, yaml_node_t *e, char *why, size_t len)
{
	static const char *const ints[] = { "offender", "leaker", "upstream",
	    NULL };
	json_t *r = json_object_get(inc, "routing");
	yaml_node_t *n;
	const char *w;
	size_t i;

	for (i = 0; ints[i] != NULL; i++)
		if ((n = lookup(e, ints[i])) != NULL && (w = int_is(
		    json_object_get(r, ints[i]), n, ints[i], why, len)) != NULL)
			return w;
	if ((n = lookup(e, "origins")) != NULL && (w = set_is(
	    json_object_get(r, "origins"), n, "origins", why, len)) != NULL)
		return w;
	if ((n = lookup(e, "of")) != NULL) {
		if (lookup(e, "peers") == NULL)
			return snprintf(why, len, "of: without peers"), why;
		if ((w = int_is(json_object_get(r, "peers"), lookup(e,
		    "peers"), "peers", why, len)) != NULL ||
		    (w = int_is(json_object_get(r, "peers_total"), n,
		    "peers of", why, len)) != NULL)
			return w;
	}
	if ((n = lookup(e, "unreachable")) != NULL && (w = bool_is(
	    json_object_get(r, "unreachable"), n, "unreachable", why,
	    len)) != NULL)
		return w;
	/* a list of prefixes is the routing block's own list */
	if ((n = lookup(e, "prefixes")) != NULL &&
	    n->type == YAML_SEQUENCE_NODE && r != NULL && (w = set_is(
	    json_object_get(r, "prefixes"), n, "prefixes", why, len)) != NULL)
		return w;
	return NULL;
}

/* prefixes (or prefixes_affected), prefixes_total, not_restored */
static const char *
counts_are(json_t *inc, yaml_node_t *e, char *why, size_t len)
{
	yaml_node_t *n;
	const char *w;
	json_int_t want;
	json_t *got = json_object_get(inc, "prefixes_affected");

	if ((n = lookup(e, "prefixes_affected")) != NULL && (w = int_is(got,
	    n, "prefixes affected", why, len)) != NULL)
		return w;
	n = lookup(e, "prefixes");
	/* a list is held by its length: an outage's record counts prefixes
	 * and does not list them */
	if (n != NULL && n->type == YAML_SEQUENCE_NODE) {
		want = (json_int_t)seq_len(n);
		if (json_integer_value(got) != want)
			return snprintf(why, len, "%" JSON_INTEGER_FORMAT
			    " prefixes affected, want %" JSON_INTEGER_FORMAT,
			    json_integer_value(got), want), why;
	} else if (n != NULL && (w = int_is(got, n, "prefixes affected", why,
	    len)) != NULL)
		return w;
	if ((n = lookup(e, "prefixes_total")) != NULL && (w = int_is(
	    json_object_get(inc, "prefixes_total"), n, "prefixes_total", why,
	    len)) != NULL)
		return w;
	if ((n = lookup(e, "not_restored")) != NULL && (w = int_is(
	    json_object_get(inc, "prefixes_not_restored"), n,
	    "not restored", why, len)) != NULL)
		return w;
	return NULL;
}

/* Why incident record inc does not fit e, or NULL when it does. */
static const char *
incident_fits(json_t *inc, yaml_node_t *e, char *why, size_t len)
{
	const char *v, *w, *kind = jstr(inc, "kind");
	yaml_node_t *n;
	double tol = tolerance(e, 60);
	size_t i;

	if ((n = lookup(e, "onset")) != NULL && (w = time_is(json_object_get(
	    inc, "onset"), n, tol, "onset", why, len)) != NULL)
		return w;
	if ((n = lookup(e, "end")) != NULL && (w = time_is(json_object_get(
	    inc, "end"), n, tol, "end", why, len)) != NULL)
		return w;
	if ((v = scalar(lookup(e, "kind"))) != NULL && !same_word(kind, v))
		return snprintf(why, len, "kind %s, want %s", kind, v), why;
	if ((n = lookup(e, "partial")) != NULL) {
		json_t *p = json_boolean(strcmp(kind, "partial_outage") == 0);

		w = bool_is(p, n, "partial", why, len);
		json_decref(p);
		if (w != NULL)
			return w;
	}
	if ((n = lookup(e, "confirmed")) != NULL) {
		json_t *c = json_boolean(jstr(inc, "status") != NULL &&
		    strcmp(jstr(inc, "status"), "confirmed") == 0);

		w = bool_is(c, n, "confirmed", why, len);
		json_decref(c);
		if (w != NULL)
			return w;
	}
	if ((w = counts_are(inc, e, why, len)) != NULL)
		return w;
	if ((v = scalar(lookup(e, "peers_lost"))) != NULL) {
		char text[64];
		const char *all = scalar(lookup(e, "peers"));

		if (all == NULL)
			return snprintf(why, len, "peers_lost: without peers"),
			    why;
		snprintf(text, sizeof(text), "had %s of %s peers", v, all);
		if (!signal_has(inc, NULL, NULL, text))
			return snprintf(why, len, "no signal says '%s'",
			    text), why;
	} else if (lookup(e, "peers") != NULL && lookup(e, "of") == NULL)
		return snprintf(why, len, "peers: with peers_lost (a signal's "
		    "count) or of (a hijack's or leak's)"), why;
	if ((w = routing_is(inc, e, why, len)) != NULL)
		return w;
	if ((n = lookup(e, "members")) != NULL &&
	    (w = members_are(inc, n, tol, why, len)) != NULL)
		return w;
	if ((n = lookup(e, "parts")) != NULL &&
	    (w = parts_are(inc, n, tol, why, len)) != NULL)
		return w;
	if ((n = lookup(e, "countermeasures")) != NULL &&
	    (w = countermeasures_are(inc, n, tol, why, len)) != NULL)
		return w;
	n = lookup(e, "collectors_below");
	if (n != NULL && n->type != YAML_SEQUENCE_NODE)
		return snprintf(why, len, "collectors_below: not a list"), why;
	for (i = 0; i < seq_len(n); i++)
		if (!signal_has(inc, "bgp.visibility_drop",
		    scalar(seq_at(n, i)), NULL))
			return snprintf(why, len, "no visibility drop at %s",
			    scalar(seq_at(n, i))), why;
	n = lookup(e, "signals");
	if (n != NULL && n->type != YAML_SEQUENCE_NODE)
		return snprintf(why, len, "signals: not a list"), why;
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
	"precision", NULL };

/* Whether claim record c fits e (NULL) or why not. */
static const char *
claim_fits(json_t *c, yaml_node_t *e, char *why, size_t len)
{
	const char *v, *w;
	yaml_node_t *n;

	if ((v = scalar(lookup(e, "actor"))) != NULL) {
		const char *a = *v == '@' ? v + 1 : v;

		if (!contains_ci(jstr(c, "actor"), a) &&
		    !contains_ci(jstr(c, "source"), a))
			return snprintf(why, len, "actor"), why;
	}
	if ((n = lookup(e, "at")) != NULL && (w = time_is(json_object_get(c,
	    "time"), n, 0, "time", why, len)) != NULL)
		return w;
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
	if ((v = scalar(lookup(e, "precision"))) != NULL &&
	    (jstr(c, "precision") == NULL ||
	    strcmp(jstr(c, "precision"), v) != 0))
		return snprintf(why, len, "precision %s, want %s",
		    jstr(c, "precision"), v), why;
	if ((n = lookup(e, "target_match")) != NULL &&
	    (w = bool_is(json_object_get(c, "target_match"), n,
	    "target_match", why, len)) != NULL)
		return w;
	if ((n = lookup(e, "lag_s")) != NULL) {
		json_t *lag = json_object_get(c, "lag_s");
		json_int_t want;
		double tol = tolerance(e, 60);

		if (integer(n, &want) != 0)
			return snprintf(why, len, "lag_s: not a number"), why;
		/* the onset is heard up to a minute late: the lag is up to
		 * a minute shorter */
		if (!json_is_integer(lag) ||
		    (double)json_integer_value(lag) > (double)want ||
		    (double)json_integer_value(lag) <= (double)want - tol)
			return snprintf(why, len, "lag_s %s, want %s (up to "
			    "%g s less)", json_is_integer(lag) ? "out of range" :
			    "null", scalar(n), tol), why;
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

	/* instability: [] says none in any incident */
	for (k = 0; seq_len(list) == 0 && k < json_array_size(records); k++) {
		json_t *r = json_array_get(records, k), *s;

		if (strcmp(jstr(r, "type"), "incident") != 0)
			continue;
		json_array_foreach(json_object_get(json_object_get(r,
		    "incident"), "signals"), j, s)
			if (same_word(jstr(s, "kind"), "bgp.instability")) {
				miss("instability: [] but a bgp.instability "
				    "signal at %s", jstr(s, "time"));
				return;
			}
	}

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

/* key: [] in the expect block: no record of that type at all */
static void
none_of(yaml_node_t *expect, const char *key, const char *type)
{
	yaml_node_t *n = lookup(expect, key);
	size_t k = count_type(type);

	if (n != NULL && n->type == YAML_SEQUENCE_NODE && seq_len(n) == 0 &&
	    k > 0)
		miss("%s: [] but %zu %s records", key, k, type);
}

/*
 * The scenario's own case as JSON, which is YAML blackout reads: every
 * scalar a string, as a case file holds names, members and times.
 */
static json_t *
to_json(yaml_node_t *n, int depth)
{
	yaml_node_pair_t *p;
	json_t *j;
	size_t i;

	if (n == NULL || depth > 16)
		return NULL;
	if (n->type == YAML_SCALAR_NODE)
		return json_string(scalar(n));
	if (n->type == YAML_SEQUENCE_NODE) {
		j = json_array();
		for (i = 0; i < seq_len(n); i++)
			if (json_array_append_new(j, to_json(seq_at(n, i),
			    depth + 1)) != 0)
				return json_decref(j), NULL;
		return j;
	}
	j = json_object();
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++)
		if (scalar(node(p->key)) == NULL || json_object_set_new(j,
		    scalar(node(p->key)), to_json(node(p->value),
		    depth + 1)) != 0)
			return json_decref(j), NULL;
	return j;
}

static int
print_case(const char *path)
{
	yaml_node_t *c = lookup(yaml_document_get_root_node(&doc), "case");
	json_t *j;

	if (c == NULL)
		return 0;
	if (c->type != YAML_MAPPING_NODE || (j = to_json(c, 0)) == NULL) {
		fprintf(stderr, "%s: case: not a case\n", path);
		return 2;
	}
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(j);
	return 0;
}

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_node_t *expect, *n;
	json_error_t jerr;
	FILE *f;
	char *line = NULL;
	size_t cap = 0, i;
	int want_case = argc == 3 && strcmp(argv[1], "--case") == 0;

	if (argc != 3) {
		fprintf(stderr, "usage: scenario_check SCENARIO.yaml "
		    "TIMELINE.ndjson\n"
		    "       scenario_check --case SCENARIO.yaml\n");
		return 2;
	}
	if (want_case)
		argv++;
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
	if (want_case) {
		int rc = print_case(argv[1]);

		yaml_document_delete(&doc);
		return rc;
	}
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
	for (i = 0; expect_keys[i] != NULL; i++)
		if ((n = lookup(expect, expect_keys[i])) != NULL &&
		    strcmp(expect_keys[i], "all_claims") != 0 &&
		    n->type != YAML_SEQUENCE_NODE)
			miss("%s: not a list", expect_keys[i]);
	if ((n = lookup(expect, "incidents")) != NULL)
		check_incidents(n);
	if ((n = lookup(expect, "claims")) != NULL)
		check_claims(n, 0);
	/* an empty list says none, as incidents: [] does */
	none_of(expect, "claims", "claim");
	none_of(expect, "gaps", "coverage");
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
