/*
 * The role contract: which fields and attributes each role needs, of
 * which type, checked when a rule is loaded (a literal value, a missing
 * one) and again when an event is built (what the data gave).  The
 * correlator reads only roles, so this table is what a rule promises it.
 * blackout-rules(5), ROLES, says the same in prose; keep them together.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/rules_private.h"

enum vtype {
	VT_TEXT = 0,
	VT_NUMBER,
	VT_BOOL,
	VT_TIME,
	VT_ADDRESS,
	VT_CHOICE
};

/* need: 0 optional, 1 required, 2 at least one of the items marked 2 */
struct role_item {
	const char	*name;
	int		 field;		/* RF_*, or -1 for an attribute */
	enum vtype	 type;
	int		 need;
	const char	*choices;	/* VT_CHOICE: "a|b|c" */
	int		 empty_ok;	/* no value is a value ("nobody") */
};

struct role_def {
	enum bo_role		 role;
	enum bo_class		 cls;	/* the class its events have */
	const struct role_item	*items;
	size_t			 nitems;
};

#define ATTR	(-1)

static const struct role_item route_items[] = {
	{ "collector", RF_COLLECTOR, VT_TEXT, 1, NULL, 0 },
	{ "peer", RF_PEER, VT_ADDRESS, 1, NULL, 0 },
	{ "prefix", RF_PREFIX, VT_TEXT, 1, NULL, 0 },
	{ "op", ATTR, VT_CHOICE, 1, "announce|withdraw|rib", 0 },
	{ "asn", RF_ASN, VT_TEXT, 0, NULL, 0 },
};

static const struct role_item session_items[] = {
	{ "collector", RF_COLLECTOR, VT_TEXT, 1, NULL, 0 },
	{ "peer", RF_PEER, VT_TEXT, 1, NULL, 0 },
	{ "new_state", ATTR, VT_TEXT, 1, NULL, 0 },
	{ "peer_as", RF_PEER_AS, VT_TEXT, 0, NULL, 0 },
};

static const struct role_item reach_items[] = {
	{ "collector", RF_COLLECTOR, VT_TEXT, 1, NULL, 0 },
	{ "host", RF_HOST, VT_TEXT, 1, NULL, 0 },
	{ "reached", ATTR, VT_BOOL, 2, NULL, 0 },
	{ "responder", ATTR, VT_TEXT, 2, NULL, 1 },
	{ "rtt_ms", ATTR, VT_NUMBER, 0, NULL, 0 },
	{ "sent", ATTR, VT_NUMBER, 0, NULL, 0 },
	{ "rcvd", ATTR, VT_NUMBER, 0, NULL, 0 },
};

static const struct role_item host_items[] = {
	{ "collector", RF_COLLECTOR, VT_TEXT, 1, NULL, 0 },
	{ "host", RF_HOST, VT_TEXT, 1, NULL, 0 },
	{ "up", ATTR, VT_BOOL, 1, NULL, 0 },
	{ "service", ATTR, VT_TEXT, 0, NULL, 0 },
};

static const struct role_item signal_items[] = {
	{ "collector", RF_COLLECTOR, VT_TEXT, 1, NULL, 0 },
	{ "country", RF_COUNTRY, VT_TEXT, 2, NULL, 0 },
	{ "asn", RF_ASN, VT_TEXT, 2, NULL, 0 },
	{ "prefix", RF_PREFIX, VT_TEXT, 2, NULL, 0 },
	{ "host", RF_HOST, VT_TEXT, 2, NULL, 0 },
	{ "target", RF_TARGET, VT_TEXT, 2, NULL, 0 },
	{ "down", ATTR, VT_BOOL, 1, NULL, 0 },
	{ "end", ATTR, VT_TIME, 0, NULL, 0 },
	{ "duration", ATTR, VT_NUMBER, 0, NULL, 0 },
	{ "open", ATTR, VT_BOOL, 0, NULL, 0 },
	{ "series", ATTR, VT_TEXT, 0, NULL, 0 },
};

static const struct role_item claim_items[] = {
	{ "text", RF_TEXT, VT_TEXT, 2, NULL, 0 },
	{ "target", RF_TARGET, VT_TEXT, 2, NULL, 0 },
};

static const struct role_item report_items[] = {
	{ "text", RF_TEXT, VT_TEXT, 1, NULL, 0 },
};

#define DEF(r, c, v)	{ r, c, v, BO_NELEM(v) }

static const struct role_def defs[] = {
	DEF(BO_ROLE_ROUTE, BO_CLASS_SIGNAL, route_items),
	DEF(BO_ROLE_SESSION, BO_CLASS_SIGNAL, session_items),
	DEF(BO_ROLE_REACHABILITY, BO_CLASS_SIGNAL, reach_items),
	DEF(BO_ROLE_HOST_STATE, BO_CLASS_SIGNAL, host_items),
	DEF(BO_ROLE_OUTAGE_SIGNAL, BO_CLASS_SIGNAL, signal_items),
	DEF(BO_ROLE_CLAIM, BO_CLASS_CLAIM, claim_items),
	DEF(BO_ROLE_REPORT, BO_CLASS_REPORT, report_items),
	{ BO_ROLE_CONTEXT, BO_CLASS_CONTEXT, NULL, 0 },
};

static const struct role_def *
role_def(enum bo_role r)
{
	size_t i;

	for (i = 0; i < BO_NELEM(defs); i++)
		if (defs[i].role == r)
			return &defs[i];
	return NULL;
}

int
role_correlated(enum bo_role r)
{
	return r != BO_ROLE_NONE && r != BO_ROLE_CONTEXT;
}

enum bo_class
role_class(enum bo_role r)
{
	const struct role_def *d = role_def(r);

	return d != NULL ? d->cls : BO_CLASS_CONTEXT;
}

static const char *
type_name(const struct role_item *it)
{
	static const char *names[] = { "text", "a number",
	    "a boolean (true/false)", "a time (RFC 3339 or epoch seconds)",
	    "an IP address", NULL };

	return it->type == VT_CHOICE ? it->choices : names[it->type];
}

static int
is_bool(const char *s, int *v)
{
	static const char *yes[] = { "true", "yes", "1" };
	static const char *no[] = { "false", "no", "0" };
	size_t i;

	for (i = 0; i < BO_NELEM(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*v = 1;
			return 1;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*v = 0;
			return 1;
		}
	}
	return 0;
}

/* Epoch seconds (with a fraction) or RFC 3339, in µs. */
static int
parse_when(const char *s, int64_t *us)
{
	char *end;
	double d;

	if (isdigit((unsigned char)s[0]) && strchr(s, '-') == NULL) {
		d = strtod(s, &end);
		if (*end != '\0' || !isfinite(d) || d < 0 || d > 32503680000.0)
			return -1;
		*us = (int64_t)(d * 1e6 + 0.5);
		return 0;
	}
	return parse_time_arg(s, us);
}

/* Whether s is a value of the item's type. */
static int
value_ok(const struct role_item *it, const char *s)
{
	struct bo_prefix p;
	int64_t t;
	char *end;
	int b;

	switch (it->type) {
	case VT_TEXT:
		return 1;
	case VT_NUMBER:
		if (*s == '\0')
			return 0;
		(void)strtod(s, &end);
		return *end == '\0';
	case VT_BOOL:
		return is_bool(s, &b);
	case VT_TIME:
		return parse_when(s, &t) == 0;
	case VT_ADDRESS:
		return strchr(s, '/') == NULL && bo_prefix_parse(s, &p) == 0;
	case VT_CHOICE: {
		size_t n = strlen(s);
		const char *c = it->choices, *bar;

		for (; c != NULL; c = bar ? bar + 1 : NULL) {
			bar = strchr(c, '|');
			if ((size_t)(bar ? bar - c : (long)strlen(c)) == n &&
			    strncmp(c, s, n) == 0 && n > 0)
				return 1;
		}
		return 0;
	}
	}
	return 0;
}

/* The literal text of a template without variables, else NULL. */
static const char *
tmpl_literal(const struct tmpl *t)
{
	size_t i;

	if (t->src == NULL)
		return NULL;
	for (i = 0; i < t->nsegs; i++)
		if (t->segs[i].var != NULL)
			return NULL;
	return t->src;
}

static const struct tmpl *
out_item(const struct rout *o, const struct role_item *it)
{
	size_t i;

	if (it->field >= 0)
		return o->f[it->field].src != NULL ? &o->f[it->field] : NULL;
	for (i = 0; i < o->nattrs; i++)
		if (o->attrs[i].key != NULL &&
		    strcmp(o->attrs[i].key, it->name) == 0)
			return &o->attrs[i].val;
	return NULL;
}

static void
names_of(const struct role_def *d, int need, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->nitems; i++)
		if (d->items[i].need == need)
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0,
			    "%s%s", n ? ", " : "", d->items[i].name);
}

int
role_check_out(const struct rout *o, int classifier, role_msg_fn fn,
    void *arg)
{
	const struct role_def *d;
	const struct tmpl *t;
	const char *lit;
	char msg[512], list[200];
	size_t i;
	int bad = 0, any2 = 0, has2 = 0;

	if (!o->has_role) {
		if (classifier)
			return 0;
		fn(arg, o->mark, "emit needs a role: route, session, "
		    "reachability, host_state, outage_signal, claim, report "
		    "or context (blackout-rules(5), ROLES)");
		return -1;
	}
	d = role_def(o->role);
	if (d == NULL)
		return -1;
	if (o->has_cls && o->cls != d->cls) {
		snprintf(msg, sizeof(msg), "role %s makes %s events, not %s",
		    bo_role_name(o->role), bo_class_name(d->cls),
		    bo_class_name(o->cls));
		fn(arg, o->role_mark, msg);
		bad = 1;
	}
	for (i = 0; i < d->nitems; i++) {
		const struct role_item *it = &d->items[i];

		t = out_item(o, it);
		if (it->need == 2) {
			has2 = 1;
			any2 |= t != NULL;
		}
		if (t == NULL) {
			if (it->need == 1) {
				snprintf(msg, sizeof(msg), "role %s needs "
				    "%s%s (%s)", bo_role_name(o->role),
				    it->field >= 0 ? "" : "attrs.", it->name,
				    type_name(it));
				fn(arg, o->role_mark, msg);
				bad = 1;
			}
			continue;
		}
		if ((lit = tmpl_literal(t)) != NULL && !value_ok(it, lit)) {
			snprintf(msg, sizeof(msg), "role %s: %s must be %s, "
			    "not '%.64s'", bo_role_name(o->role), it->name,
			    type_name(it), lit);
			fn(arg, t->mark, msg);
			bad = 1;
		}
	}
	if (has2 && !any2) {
		names_of(d, 2, list, sizeof(list));
		snprintf(msg, sizeof(msg), "role %s needs one of %s",
		    bo_role_name(o->role), list);
		fn(arg, o->role_mark, msg);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static const char *
event_field(const struct bo_event *ev, int f)
{
	switch (f) {
	case RF_COLLECTOR:
		return ev->collector;
	case RF_PEER:
		return ev->peer;
	case RF_HOST:
		return ev->host;
	case RF_COUNTRY:
		return ev->country;
	case RF_TARGET:
		return ev->target;
	case RF_TEXT:
		return ev->text;
	case RF_PREFIX:
		return ev->prefix.afi != BO_AFI_NONE ? "" : NULL;
	case RF_ASN:
		return ev->asn != 0 ? "" : NULL;
	case RF_PEER_AS:
		return ev->peer_as != 0 ? "" : NULL;
	default:
		return NULL;
	}
}

static struct bo_attr *
event_attr(struct bo_event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->nattrs; i++)
		if (strcmp(ev->attrs[i].key, key) == 0)
			return (struct bo_attr *)&ev->attrs[i];
	return NULL;
}

/*
 * Checks what the data gave against the role.  Booleans become "true" or
 * "false" and times RFC 3339, so the correlator reads one spelling.  An
 * event missing what its role needs is kept as context, with a warning:
 * it is in the output, and nothing is concluded from it.
 */
void
role_event(struct remit *e, const struct rout *o, struct bo_event *ev,
    uint64_t line, uint64_t offset)
{
	const struct role_def *d = role_def(ev->role);
	const char *why = NULL, *what = NULL;
	size_t i;
	int has2 = 0, any2 = 0, b;

	if (d == NULL)
		return;
	for (i = 0; i < d->nitems && why == NULL; i++) {
		const struct role_item *it = &d->items[i];
		struct bo_attr *a = NULL;
		const char *v;
		int64_t us;

		if (it->field >= 0) {
			v = event_field(ev, it->field);
		} else {
			a = event_attr(ev, it->name);
			v = a != NULL && a->value[0] != '\0' ? a->value : NULL;
		}
		if (it->need == 2) {
			has2 = 1;
			/* a traceroute hop where nobody answered: the rule
			 * asked for a responder and the data had none */
			any2 |= v != NULL || (it->empty_ok &&
			    out_item(o, it) != NULL);
		}
		if (v == NULL) {
			if (it->need == 1) {
				why = "has no value for";
				what = it->name;
			}
			continue;
		}
		if (a == NULL)
			continue;
		if (!value_ok(it, v)) {
			why = "has a bad value for";
			what = it->name;
		} else if (it->type == VT_BOOL) {
			(void)is_bool(v, &b);
			a->value = b ? "true" : "false";
		} else if (it->type == VT_TIME &&
		    parse_when(v, &us) == 0) {
			fmt_time_utc(us, us % 1000000 != 0, e->timebuf,
			    sizeof(e->timebuf));
			a->value = e->timebuf;
		}
	}
	if (why == NULL && has2 && !any2) {
		why = "has none of the subjects of";
		what = "its role";
	}
	if (why == NULL)
		return;
	if (e->demoted++ == 0)
		bo_decode_warn_at(e->dc, offset, line, "rule %s: a %s event "
		    "%s %s; kept as context", e->rule->id,
		    bo_role_name(ev->role), why, what);
	e->demoted_line = line;
	e->demoted_off = offset;
	ev->role = BO_ROLE_CONTEXT;
}

/* Kinds follow doc/event.schema.json: lowercase words joined by dots. */
void
role_kind_fix(char *k)
{
	for (; *k != '\0'; k++) {
		unsigned char c = (unsigned char)*k;

		if (isupper(c))
			*k = (char)tolower(c);
		else if (!islower(c) && !isdigit(c) && c != '.' && c != '_')
			*k = '_';
	}
}
