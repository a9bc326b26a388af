#include "config.h"

#include <errno.h>
#include <math.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "gen.h"

/*
 * Scenario files are read with libyaml's document loader and checked
 * strictly: an unknown key or a bad value is an error with its line and
 * column, because a typo in a scenario would otherwise silently produce a
 * different case than the comments in the file promise.
 */

struct sctx {
	yaml_document_t	 doc;
	const char	*name;
	char		*err;
};

#define MAX_LIST	4096	/* items in any one list of a scenario */
#define MAX_FLAP_CYCLES	5000

static int __attribute__((format(printf, 3, 4)))
serr(struct sctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (c->err != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (n != NULL)
		c->err = xasprintf("%s:%zu:%zu: %s", c->name,
		    n->start_mark.line + 1, n->start_mark.column + 1, msg);
	else
		c->err = xasprintf("%s: %s", c->name, msg);
	free(msg);
	return -1;
}

static yaml_node_t *
node(struct sctx *c, yaml_node_item_t i)
{
	return yaml_document_get_node(&c->doc, i);
}

static const char *
scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *
get(struct sctx *c, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(c, p->key));

		if (k != NULL && strcmp(k, key) == 0)
			return node(c, p->value);
	}
	return NULL;
}

/* Every key of map must be one of keys (NULL-terminated). */
static int
check_keys(struct sctx *c, yaml_node_t *map, const char *what,
    const char *const *keys)
{
	yaml_node_pair_t *p;
	size_t i;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return serr(c, map, "%s: expected a mapping", what);
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = node(c, p->key);
		const char *k = scalar(kn);

		if (k == NULL)
			return serr(c, kn, "%s: keys must be scalars", what);
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(keys[i], k) == 0)
				break;
		if (keys[i] == NULL)
			return serr(c, kn, "%s: unknown key '%s'", what, k);
	}
	return 0;
}

static size_t
seq_len(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return 0;
	return (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
}

static yaml_node_t *
seq_at(struct sctx *c, yaml_node_t *n, size_t i)
{
	return node(c, n->data.sequence.items.start[i]);
}

static int
want_seq(struct sctx *c, yaml_node_t *n, const char *what, size_t *len)
{
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return serr(c, n, "%s: expected a list", what);
	*len = seq_len(n);
	if (*len > MAX_LIST)
		return serr(c, n, "%s: more than %d items", what, MAX_LIST);
	return 0;
}

static int
parse_ip(const char *s, uint32_t *out)
{
	unsigned a[4];
	char tail;

	if (s == NULL || sscanf(s, "%3u.%3u.%3u.%3u%c", &a[0], &a[1], &a[2],
	    &a[3], &tail) != 4 || a[0] > 255 || a[1] > 255 || a[2] > 255 ||
	    a[3] > 255)
		return -1;
	*out = a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
	return 0;
}

/* "90s", "15m", "8h", "2d" or plain seconds, into µs. */
static int
parse_dur(const char *s, int64_t *out)
{
	int64_t mult = 1000000;
	uint64_t v;
	char num[32];
	size_t len = strlen(s);

	if (len == 0 || len >= sizeof(num))
		return -1;
	memcpy(num, s, len + 1);
	switch (num[len - 1]) {
	case 's': mult = 1000000; num[--len] = '\0'; break;
	case 'm': mult = 60000000; num[--len] = '\0'; break;
	case 'h': mult = 3600000000LL; num[--len] = '\0'; break;
	case 'd': mult = 86400000000LL; num[--len] = '\0'; break;
	default: break;
	}
	if (parse_u64(num, &v) != 0 || v > 366u * 86400u)
		return -1;
	*out = (int64_t)v * mult;
	return 0;
}

enum vtype { V_STR, V_U32, V_DUR, V_TIME, V_IP };

/* Reads key of map as a value of type t into out (char **, uint32_t *,
 * int64_t * µs, int64_t * µs, uint32_t *).  An absent key that is not
 * needed leaves out alone. */
static int
get_val(struct sctx *c, yaml_node_t *map, const char *key, int need,
    enum vtype t, void *out)
{
	static const char *const what[] = { "a scalar",
	    "an unsigned integer", "a duration like 90s, 15m, 8h",
	    "a UTC time like 2014-12-22T16:15:00Z", "an IPv4 address" };
	yaml_node_t *n = get(c, map, key);
	const char *s = scalar(n);
	int rc = -1;

	if (n == NULL)
		return need ? serr(c, map, "missing '%s'", key) : 0;
	if (s == NULL)
		return serr(c, n, "'%s': expected %s", key, what[V_STR]);
	switch (t) {
	case V_STR:
		free(*(char **)out);
		*(char **)out = xstrdup(s);
		rc = 0;
		break;
	case V_U32: rc = parse_u32(s, out); break;
	case V_DUR: rc = parse_dur(s, out); break;
	case V_TIME: rc = parse_time_arg(s, out); break;
	case V_IP: rc = parse_ip(s, out); break;
	}
	return rc == 0 ? 0 : serr(c, n, "'%s': expected %s", key, what[t]);
}

/* Typed front ends, so that a wrong out pointer does not compile. */
#define get_str(c, m, k, need, o)  get_val(c, m, k, need, V_STR, (char **)(o))
#define get_u32(c, m, k, need, o)  get_val(c, m, k, need, V_U32, (uint32_t *)(o))
#define get_dur(c, m, k, need, o)  get_val(c, m, k, need, V_DUR, (int64_t *)(o))
#define get_time(c, m, k, need, o) get_val(c, m, k, need, V_TIME, (int64_t *)(o))
#define get_ip(c, m, k, need, o)   get_val(c, m, k, need, V_IP, (uint32_t *)(o))

static int
get_asn(struct sctx *c, yaml_node_t *n, const char *what, uint32_t *out)
{
	const char *s = scalar(n);

	if (s == NULL || parse_asn(s, out) != 0)
		return serr(c, n, "%s: expected an AS number", what);
	return 0;
}

static int
get_double(struct sctx *c, yaml_node_t *map, const char *key, double lo,
    double hi, double *out)
{
	yaml_node_t *n = get(c, map, key);
	const char *s = scalar(n);
	char *end;
	double v;

	if (n == NULL)
		return 0;
	if (s == NULL)
		return serr(c, n, "'%s': expected a number", key);
	errno = 0;
	v = strtod(s, &end);
	/* Times such as "260ms" are accepted where a unit is natural. */
	if (end != s && strcmp(end, "ms") == 0)
		end += 2;
	if (errno != 0 || end == s || *end != '\0' || !isfinite(v) ||
	    v < lo || v > hi)
		return serr(c, n, "'%s': expected a number in [%g, %g]", key,
		    lo, hi);
	*out = v;
	return 0;
}

int
gen_pfx_eq(const struct gen_prefix *a, const struct gen_prefix *b)
{
	return a->v6 == b->v6 && a->len == b->len && (a->v6 ?
	    memcmp(a->a6, b->a6, sizeof(a->a6)) == 0 : a->addr == b->addr);
}

/* 175.45.176.0/24 (/8 to /24), or 2001:db8:100::/48 (/16 to /64). */
static int
parse_prefix(struct sctx *c, yaml_node_t *n, struct gen_prefix *p)
{
	const char *s = scalar(n), *slash;
	char ip[48];
	uint32_t len;
	size_t i;

	memset(p, 0, sizeof(*p));
	if (s == NULL || (slash = strchr(s, '/')) == NULL ||
	    (size_t)(slash - s) >= sizeof(ip))
		return serr(c, n, "expected a prefix like 175.45.176.0/24");
	memcpy(ip, s, (size_t)(slash - s));
	ip[slash - s] = '\0';
	if (strchr(ip, ':') != NULL) {
		if (inet_pton(AF_INET6, ip, p->a6) != 1 ||
		    parse_u32(slash + 1, &len) != 0 || len < 16 || len > 64)
			return serr(c, n, "expected an IPv6 prefix /16../64");
		p->v6 = 1;
		p->len = (uint8_t)len;
		for (i = len; i < 128; i++)
			if (p->a6[i / 8] & (0x80 >> (i % 8)))
				return serr(c, n, "prefix has host bits set");
		return 0;
	}
	if (parse_ip(ip, &p->addr) != 0 || parse_u32(slash + 1, &len) != 0 ||
	    len < 8 || len > 28)
		return serr(c, n, "expected an IPv4 prefix /8../28");
	p->len = (uint8_t)len;
	if ((p->addr & ~(0xffffffffu << (32 - len))) != 0)
		return serr(c, n, "prefix has host bits set");
	return 0;
}

static int
get_asn_list(struct sctx *c, yaml_node_t *n, const char *what,
    uint32_t **out, size_t *nout, size_t max)
{
	size_t i, len;

	if (want_seq(c, n, what, &len) != 0)
		return -1;
	if (len > max)
		return serr(c, n, "%s: at most %zu ASes", what, max);
	*out = xcalloc(len + 1, sizeof(**out));
	*nout = len;
	for (i = 0; i < len; i++)
		if (get_asn(c, seq_at(c, n, i), what, &(*out)[i]) != 0)
			return -1;
	return 0;
}

static int
load_peer(struct sctx *c, yaml_node_t *n, struct gen_peer *p)
{
	static const char *const keys[] = { "address", "asn", "via", "sees",
	    "families", NULL };
	yaml_node_t *v;
	uint32_t *via = NULL;
	size_t nvia = 0, i, len;

	if (check_keys(c, n, "peer", keys) != 0 ||
	    get_ip(c, n, "address", 1, &p->addr) != 0)
		return -1;
	if ((v = get(c, n, "asn")) == NULL)
		return serr(c, n, "missing 'asn'");
	if (get_asn(c, v, "asn", &p->asn) != 0)
		return -1;
	if ((v = get(c, n, "via")) != NULL) {
		if (get_asn_list(c, v, "via", &via, &nvia,
		    BO_NELEM(p->via)) != 0) {
			free(via);
			return -1;
		}
		memcpy(p->via, via, nvia * sizeof(*via));
		p->nvia = nvia;
		free(via);
	}
	if ((v = get(c, n, "sees")) != NULL &&
	    get_asn_list(c, v, "sees", &p->sees, &p->nsees, 16) != 0)
		return -1;
	p->fam = 3;
	if ((v = get(c, n, "families")) != NULL) {
		if (want_seq(c, v, "families", &len) != 0)
			return -1;
		p->fam = 0;
		for (i = 0; i < len; i++) {
			const char *f = scalar(seq_at(c, v, i));

			if (f != NULL && strcmp(f, "ipv4") == 0)
				p->fam |= 1;
			else if (f != NULL && strcmp(f, "ipv6") == 0)
				p->fam |= 2;
			else
				return serr(c, seq_at(c, v, i),
				    "families: ipv4, ipv6");
		}
		if (p->fam == 0)
			return serr(c, v, "families: at least one");
	}
	return 0;
}

static int
load_collector(struct sctx *c, yaml_node_t *n, struct gen_collector *k)
{
	static const char *const keys[] = { "name", "layout", "mrt",
	    "compress", "address", "asn", "rib_every", "rib_offset",
	    "updates_every", "peers", NULL };
	char *layout = NULL, *mrt = NULL, *comp = NULL;
	yaml_node_t *v;
	size_t i;
	int rc = -1;

	if (check_keys(c, n, "collector", keys) != 0 ||
	    get_str(c, n, "name", 1, &k->name) != 0 ||
	    get_str(c, n, "layout", 0, &layout) != 0 ||
	    get_str(c, n, "mrt", 0, &mrt) != 0 ||
	    get_str(c, n, "compress", 0, &comp) != 0 ||
	    get_ip(c, n, "address", 1, &k->addr) != 0)
		goto out;
	if (strspn(k->name, "abcdefghijklmnopqrstuvwxyz0123456789-.") !=
	    strlen(k->name) || k->name[0] == '.') {
		serr(c, n, "collector name must be [a-z0-9.-]");
		goto out;
	}
	k->layout = LAYOUT_RIS;
	if (layout != NULL && strcmp(layout, "routeviews") == 0)
		k->layout = LAYOUT_ROUTEVIEWS;
	else if (layout != NULL && strcmp(layout, "ris") != 0) {
		serr(c, get(c, n, "layout"), "layout: ris or routeviews");
		goto out;
	}
	k->et = k->layout == LAYOUT_RIS;
	if (mrt != NULL) {
		if (strcmp(mrt, "bgp4mp_et") == 0)
			k->et = 1;
		else if (strcmp(mrt, "bgp4mp") == 0)
			k->et = 0;
		else {
			serr(c, get(c, n, "mrt"), "mrt: bgp4mp or bgp4mp_et");
			goto out;
		}
	}
	k->comp = k->layout == LAYOUT_RIS ? COMP_GZIP : COMP_BZIP2;
	if (comp != NULL) {
		if (strcmp(comp, "gz") == 0)
			k->comp = COMP_GZIP;
		else if (strcmp(comp, "bz2") == 0)
			k->comp = COMP_BZIP2;
		else if (strcmp(comp, "none") == 0)
			k->comp = COMP_NONE;
		else {
			serr(c, get(c, n, "compress"), "compress: gz, bz2 or none");
			goto out;
		}
	}
	k->asn = k->layout == LAYOUT_RIS ? 12654 : 6447;
	if ((v = get(c, n, "asn")) != NULL && get_asn(c, v, "asn", &k->asn) != 0)
		goto out;
	k->rib_every = 8 * 3600000000LL;
	k->upd_every = 15 * 60000000LL;
	if (get_dur(c, n, "rib_every", 0, &k->rib_every) != 0 ||
	    get_dur(c, n, "rib_offset", 0, &k->rib_offset) != 0 ||
	    get_dur(c, n, "updates_every", 0, &k->upd_every) != 0)
		goto out;
	if (k->rib_every < 60000000LL || k->upd_every < 60000000LL ||
	    k->rib_every % k->upd_every != 0) {
		serr(c, n, "rib_every must be a multiple of updates_every "
		    "(both at least 1m)");
		goto out;
	}
	if (k->rib_offset < 0 || k->rib_offset % k->upd_every != 0) {
		serr(c, n, "rib_offset must be a multiple of updates_every");
		goto out;
	}
	if (want_seq(c, get(c, n, "peers"), "peers", &k->npeers) != 0)
		goto out;
	if (k->npeers == 0 || k->npeers > 64) {
		serr(c, get(c, n, "peers"), "peers: 1 to 64");
		goto out;
	}
	k->peers = xcalloc(k->npeers, sizeof(*k->peers));
	for (i = 0; i < k->npeers; i++)
		if (load_peer(c, seq_at(c, get(c, n, "peers"), i),
		    &k->peers[i]) != 0)
			goto out;
	rc = 0;
out:
	free(layout);
	free(mrt);
	free(comp);
	return rc;
}

static int
load_target(struct sctx *c, yaml_node_t *n, struct gen_target *t)
{
	static const char *const keys[] = { "name", "origin", "origin_code",
	    "prefixes", "upstreams", "path_hunting", "announced", "transit",
	    NULL };
	char *oc = NULL, *hunt = NULL, *ann = NULL;
	uint32_t *tr = NULL;
	yaml_node_t *v;
	size_t i;
	int rc = -1;

	if (check_keys(c, n, "target", keys) != 0 ||
	    get_str(c, n, "name", 1, &t->name) != 0 ||
	    get_str(c, n, "origin_code", 0, &oc) != 0 ||
	    get_str(c, n, "path_hunting", 0, &hunt) != 0 ||
	    get_str(c, n, "announced", 0, &ann) != 0)
		goto out;
	if (hunt != NULL && strcmp(hunt, "true") != 0 &&
	    strcmp(hunt, "false") != 0) {
		serr(c, get(c, n, "path_hunting"), "path_hunting: true or false");
		goto out;
	}
	t->path_hunting = hunt != NULL && strcmp(hunt, "true") == 0;
	if (ann != NULL && strcmp(ann, "true") != 0 &&
	    strcmp(ann, "false") != 0) {
		serr(c, get(c, n, "announced"), "announced: true or false");
		goto out;
	}
	t->announced = ann == NULL || strcmp(ann, "true") == 0;
	if ((v = get(c, n, "transit")) != NULL) {
		if (get_asn_list(c, v, "transit", &tr, &t->ntransit,
		    BO_NELEM(t->transit)) != 0)
			goto out;
		memcpy(t->transit, tr, t->ntransit * sizeof(*tr));
	}
	if ((v = get(c, n, "origin")) == NULL) {
		serr(c, n, "missing 'origin'");
		goto out;
	}
	if (get_asn(c, v, "origin", &t->origin) != 0)
		goto out;
	t->origin_code = 0;
	if (oc != NULL && strcmp(oc, "incomplete") == 0)
		t->origin_code = 2;
	else if (oc != NULL && strcmp(oc, "igp") != 0) {
		serr(c, get(c, n, "origin_code"), "origin_code: igp or incomplete");
		goto out;
	}
	v = get(c, n, "prefixes");
	if (want_seq(c, v, "prefixes", &t->npfx) != 0)
		goto out;
	if (t->npfx == 0 || t->npfx > 64) {
		serr(c, v, "prefixes: 1 to 64");
		goto out;
	}
	t->pfx = xcalloc(t->npfx, sizeof(*t->pfx));
	for (i = 0; i < t->npfx; i++)
		if (parse_prefix(c, seq_at(c, v, i), &t->pfx[i]) != 0)
			goto out;
	if ((v = get(c, n, "upstreams")) == NULL) {
		serr(c, n, "missing 'upstreams'");
		goto out;
	}
	if (get_asn_list(c, v, "upstreams", &t->up, &t->nup, 16) != 0)
		goto out;
	if (t->nup == 0) {
		serr(c, v, "upstreams: at least one");
		goto out;
	}
	rc = 0;
out:
	free(oc);
	free(hunt);
	free(ann);
	free(tr);
	return rc;
}

static int
find_target(struct sctx *c, const struct scenario *s, yaml_node_t *ev,
    size_t *out)
{
	yaml_node_t *n = get(c, ev, "target");
	const char *name = scalar(n);
	size_t i;

	*out = 0;
	if (n == NULL) {
		if (s->ntgt == 0)
			return serr(c, ev, "no targets defined");
		return 0;
	}
	for (i = 0; i < s->ntgt; i++)
		if (name != NULL && strcmp(s->tgt[i].name, name) == 0) {
			*out = i;
			return 0;
		}
	return serr(c, n, "unknown target");
}

static int
find_collector(struct sctx *c, const struct scenario *s, yaml_node_t *ev,
    size_t *out)
{
	yaml_node_t *n = get(c, ev, "collector");
	const char *name = scalar(n);
	size_t i;

	for (i = 0; name != NULL && i < s->ncoll; i++)
		if (strcmp(s->coll[i].name, name) == 0) {
			*out = i;
			return 0;
		}
	return serr(c, n != NULL ? n : ev, "missing or unknown 'collector'");
}

static int
load_event(struct sctx *c, struct scenario *s, yaml_node_t *n,
    struct gen_event *e)
{
	static const char *const keys[] = { "kind", "at", "from", "to",
	    "target", "prefixes", "upstreams", "down", "up", "stagger",
	    "collector", "peer", NULL };
	static const char *const kinds[] = { "withdraw", "announce", "outage",
	    "flap", "session_reset", "gap" };
	const struct gen_target *t;
	char *kind = NULL;
	yaml_node_t *v;
	uint32_t peer;
	size_t i, j, len;
	int rc = -1;

	e->line = (int)n->start_mark.line + 1;
	if (check_keys(c, n, "event", keys) != 0 ||
	    get_str(c, n, "kind", 1, &kind) != 0)
		goto out;
	for (i = 0; i < BO_NELEM(kinds); i++)
		if (strcmp(kind, kinds[i]) == 0)
			break;
	if (i == BO_NELEM(kinds)) {
		serr(c, get(c, n, "kind"), "unknown event kind '%s'", kind);
		goto out;
	}
	e->kind = (enum gen_ev_kind)i;
	if (e->kind == GEV_OUTAGE || e->kind == GEV_FLAP) {
		if (get_time(c, n, "from", 1, &e->from) != 0 ||
		    get_time(c, n, "to", 1, &e->to) != 0)
			goto out;
		if (e->to <= e->from) {
			serr(c, n, "'to' must be after 'from'");
			goto out;
		}
	} else if (get_time(c, n, "at", 1, &e->from) != 0)
		goto out;
	if (e->kind == GEV_RESET || e->kind == GEV_GAP) {
		if (find_collector(c, s, n, &e->coll) != 0)
			goto out;
		if (e->kind == GEV_RESET) {
			if (get_ip(c, n, "peer", 1, &peer) != 0 ||
			    get_dur(c, n, "down", 1, &e->down) != 0)
				goto out;
			for (j = 0; j < s->coll[e->coll].npeers; j++)
				if (s->coll[e->coll].peers[j].addr == peer)
					break;
			if (j == s->coll[e->coll].npeers) {
				serr(c, get(c, n, "peer"), "no such peer");
				goto out;
			}
			e->peer = j;
		}
		rc = 0;
		goto out;
	}
	if (find_target(c, s, n, &e->target) != 0)
		goto out;
	t = &s->tgt[e->target];
	e->pmask = t->npfx == 64 ? UINT64_MAX : (1ULL << t->npfx) - 1;
	if ((v = get(c, n, "prefixes")) != NULL) {
		if (want_seq(c, v, "prefixes", &len) != 0)
			goto out;
		e->pmask = 0;
		for (i = 0; i < len; i++) {
			struct gen_prefix p;

			if (parse_prefix(c, seq_at(c, v, i), &p) != 0)
				goto out;
			for (j = 0; j < t->npfx; j++)
				if (gen_pfx_eq(&t->pfx[j], &p))
					break;
			if (j == t->npfx) {
				serr(c, seq_at(c, v, i), "not a prefix of "
				    "target '%s'", t->name);
				goto out;
			}
			e->pmask |= 1ULL << j;
		}
	}
	if ((v = get(c, n, "upstreams")) != NULL &&
	    get_asn_list(c, v, "upstreams", &e->ups, &e->nups, 16) != 0)
		goto out;
	e->down = 300000000LL;
	e->up = 1800000000LL;
	if (get_dur(c, n, "down", 0, &e->down) != 0 ||
	    get_dur(c, n, "up", 0, &e->up) != 0 ||
	    get_dur(c, n, "stagger", 0, &e->stagger) != 0)
		goto out;
	if (e->kind == GEV_FLAP && (e->down < 10000000LL || e->up < 10000000LL)) {
		serr(c, n, "flap: 'down' and 'up' must be at least 10s");
		goto out;
	}
	/* Each cycle lasts at least (down + up) / 2: cap the cycles so that
	 * a scenario cannot ask for millions of changes. */
	if (e->kind == GEV_FLAP &&
	    (e->to - e->from) / ((e->down + e->up) / 2) > MAX_FLAP_CYCLES) {
		serr(c, n, "flap: more than %d cycles", MAX_FLAP_CYCLES);
		goto out;
	}
	rc = 0;
out:
	free(kind);
	return rc;
}

static int
load_probe(struct sctx *c, yaml_node_t *n, const struct scenario *s,
    struct gen_probe *p)
{
	static const char *const keys[] = { "kind", "vp", "dst", "dst_name",
	    "from", "to", "interval", "rtt", "jitter", "loss", "gateway",
	    "ttl", "msm_id", "probes", NULL };
	static const char *const pkeys[] = { "id", "from", "src", "fw", NULL };
	char *kind = NULL;
	yaml_node_t *v;
	uint32_t u;
	size_t i;
	int rc = -1;

	if (check_keys(c, n, "probe", keys) != 0 ||
	    get_str(c, n, "kind", 1, &kind) != 0 ||
	    get_ip(c, n, "dst", 1, &p->dst) != 0 ||
	    get_str(c, n, "dst_name", 0, &p->dst_name) != 0)
		goto out;
	p->from = s->from;
	p->to = s->to;
	p->rtt = 50;
	p->jitter = 5;
	p->loss = 0.005;
	p->ttl = 50;
	if (get_time(c, n, "from", 0, &p->from) != 0 ||
	    get_time(c, n, "to", 0, &p->to) != 0 ||
	    get_double(c, n, "rtt", 0.1, 5000, &p->rtt) != 0 ||
	    get_double(c, n, "jitter", 0, 5000, &p->jitter) != 0 ||
	    get_double(c, n, "loss", 0, 1, &p->loss) != 0 ||
	    get_ip(c, n, "gateway", 0, &p->gateway) != 0)
		goto out;
	u = (uint32_t)p->ttl;
	if (get_u32(c, n, "ttl", 0, &u) != 0)
		goto out;
	if (u < 1 || u > 255) {
		serr(c, get(c, n, "ttl"), "ttl: 1 to 255");
		goto out;
	}
	p->ttl = (int)u;
	if (strcmp(kind, "ping") == 0) {
		p->kind = PROBE_PING;
		p->interval = 60000000LL;
		if (get_str(c, n, "vp", 1, &p->vp) != 0)
			goto out;
		if (strspn(p->vp, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(p->vp)) {
			serr(c, get(c, n, "vp"), "vp must be [a-z0-9-]");
			goto out;
		}
	} else if (strcmp(kind, "atlas") == 0) {
		p->kind = PROBE_ATLAS;
		p->interval = 240000000LL;
		if (get_u32(c, n, "msm_id", 1, &p->msm_id) != 0)
			goto out;
		v = get(c, n, "probes");
		if (want_seq(c, v, "probes", &p->naprb) != 0)
			goto out;
		p->aprb = xcalloc(p->naprb, sizeof(*p->aprb));
		for (i = 0; i < p->naprb; i++) {
			yaml_node_t *pn = seq_at(c, v, i);
			struct gen_atlas_probe *a = &p->aprb[i];

			u = 4650;
			if (check_keys(c, pn, "atlas probe", pkeys) != 0 ||
			    get_u32(c, pn, "id", 1, &a->id) != 0 ||
			    get_ip(c, pn, "from", 1, &a->from) != 0 ||
			    get_ip(c, pn, "src", 0, &a->src) != 0 ||
			    get_u32(c, pn, "fw", 0, &u) != 0)
				goto out;
			a->fw = (int)u;
			if (a->src == 0)
				a->src = a->from;
		}
	} else {
		serr(c, get(c, n, "kind"), "probe kind: ping or atlas");
		goto out;
	}
	if (get_dur(c, n, "interval", 0, &p->interval) != 0)
		goto out;
	if (p->interval < 1000000LL || p->to <= p->from) {
		serr(c, n, "probe: interval at least 1s, 'to' after 'from'");
		goto out;
	}
	rc = 0;
out:
	free(kind);
	return rc;
}

static int
load_feed(struct sctx *c, yaml_node_t *n, struct gen_feed *f)
{
	static const char *const keys[] = { "name", "format", "title", "link",
	    "tz", "dates", NULL };
	char *fmt = NULL, *tz = NULL, *dates = NULL;
	int rc = -1;

	if (check_keys(c, n, "feed", keys) != 0 ||
	    get_str(c, n, "name", 1, &f->name) != 0 ||
	    get_str(c, n, "format", 1, &fmt) != 0 ||
	    get_str(c, n, "title", 1, &f->title) != 0 ||
	    get_str(c, n, "link", 1, &f->link) != 0 ||
	    get_str(c, n, "tz", 0, &tz) != 0 ||
	    get_str(c, n, "dates", 0, &dates) != 0)
		goto out;
	if (dates != NULL && strcmp(dates, "minutes") != 0 &&
	    strcmp(dates, "seconds") != 0) {
		serr(c, get(c, n, "dates"), "dates: minutes or seconds");
		goto out;
	}
	f->minutes = dates != NULL && strcmp(dates, "minutes") == 0;
	if (strspn(f->name, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
	    strlen(f->name)) {
		serr(c, get(c, n, "name"), "feed name must be [a-z0-9-]");
		goto out;
	}
	if (strcmp(fmt, "rss") == 0)
		f->format = FEED_RSS;
	else if (strcmp(fmt, "atom") == 0)
		f->format = FEED_ATOM;
	else {
		serr(c, get(c, n, "format"), "format: rss or atom");
		goto out;
	}
	if (tz != NULL) {
		unsigned hh, mm;
		char sign, tail;

		if (sscanf(tz, "%c%2u%2u%c", &sign, &hh, &mm, &tail) != 3 ||
		    (sign != '+' && sign != '-') || hh > 14 || mm > 59) {
			serr(c, get(c, n, "tz"), "tz: like -0500 or +0900");
			goto out;
		}
		f->tz_min = (int)(hh * 60 + mm) * (sign == '-' ? -1 : 1);
	}
	rc = 0;
out:
	free(fmt);
	free(tz);
	free(dates);
	return rc;
}

static int
load_claim(struct sctx *c, yaml_node_t *n, const struct scenario *s,
    struct gen_claim *k)
{
	static const char *const keys[] = { "at", "channel", "actor", "name",
	    "title", "text", "url", "feed", "followers", NULL };
	char *ch = NULL, *feed = NULL;
	size_t i;
	int rc = -1;

	k->followers = 1200;
	if (check_keys(c, n, "claim", keys) != 0 ||
	    get_time(c, n, "at", 1, &k->at) != 0 ||
	    get_str(c, n, "channel", 1, &ch) != 0 ||
	    get_str(c, n, "actor", 1, &k->actor) != 0 ||
	    get_str(c, n, "name", 0, &k->name) != 0 ||
	    get_str(c, n, "title", 0, &k->title) != 0 ||
	    get_str(c, n, "text", 1, &k->text) != 0 ||
	    get_str(c, n, "url", 0, &k->url) != 0 ||
	    get_str(c, n, "feed", 0, &feed) != 0 ||
	    get_u32(c, n, "followers", 0, &k->followers) != 0)
		goto out;
	if (strcmp(ch, "tweet") == 0) {
		k->ch = CH_TWEET;
		if (k->actor[0] != '@' || strlen(k->actor) < 2 ||
		    strlen(k->actor) > 16) {
			serr(c, get(c, n, "actor"), "tweet actor: @screen_name");
			goto out;
		}
	} else if (strcmp(ch, "news") == 0) {
		k->ch = CH_NEWS;
		if (feed == NULL || k->title == NULL || k->url == NULL) {
			serr(c, n, "news: needs 'feed', 'title' and 'url'");
			goto out;
		}
		for (i = 0; i < s->nfeed; i++)
			if (strcmp(s->feed[i].name, feed) == 0)
				break;
		if (i == s->nfeed) {
			serr(c, get(c, n, "feed"), "unknown feed");
			goto out;
		}
		k->feed = i;
	} else if (strcmp(ch, "csv") == 0)
		k->ch = CH_CSV;
	else {
		serr(c, get(c, n, "channel"), "channel: tweet, news or csv");
		goto out;
	}
	rc = 0;
out:
	free(ch);
	free(feed);
	return rc;
}

/* Loads a list under key into a freshly allocated array of items. */
#define LOAD_LIST(c, root, key, arr, n, fn, ...) do {			\
	yaml_node_t *l_ = get((c), (root), (key));			\
	size_t i_;							\
	if (l_ != NULL) {						\
		if (want_seq((c), l_, (key), &(n)) != 0)		\
			goto fail;					\
		(arr) = xcalloc((n) + 1, sizeof(*(arr)));		\
		for (i_ = 0; i_ < (n); i_++)				\
			if (fn((c), __VA_ARGS__ seq_at((c), l_, i_),	\
			    &(arr)[i_]) != 0)				\
				goto fail;				\
	}								\
} while (0)

static int
load_ev(struct sctx *c, struct scenario *s, yaml_node_t *n, struct gen_event *e)
{
	return load_event(c, s, n, e);
}

static int
load_pr(struct sctx *c, struct scenario *s, yaml_node_t *n, struct gen_probe *p)
{
	return load_probe(c, n, s, p);
}

static int
load_cl(struct sctx *c, struct scenario *s, yaml_node_t *n, struct gen_claim *k)
{
	return load_claim(c, n, s, k);
}

static int
load_root(struct sctx *c, struct scenario *s)
{
	/* case: and expect: are for the tests (tests/scenarios/README.md) */
	static const char *const keys[] = { "name", "seed", "window",
	    "background", "collectors", "targets", "events", "probes", "feeds",
	    "claims", "case", "expect", NULL };
	static const char *const wkeys[] = { "from", "to", NULL };
	static const char *const bkeys[] = { "prefixes", "churn_per_hour",
	    NULL };
	yaml_node_t *root = yaml_document_get_root_node(&c->doc), *n;
	uint32_t u;
	size_t i, j, total;

	if (root == NULL)
		return serr(c, NULL, "empty scenario");
	if (check_keys(c, root, "scenario", keys) != 0 ||
	    get_str(c, root, "name", 1, &s->name) != 0)
		goto fail;
	if ((n = get(c, root, "seed")) == NULL || scalar(n) == NULL ||
	    parse_u64(scalar(n), &s->seed) != 0) {
		serr(c, n != NULL ? n : root, "missing or bad 'seed'");
		goto fail;
	}
	n = get(c, root, "window");
	if (check_keys(c, n, "window", wkeys) != 0 ||
	    get_time(c, n, "from", 1, &s->from) != 0 ||
	    get_time(c, n, "to", 1, &s->to) != 0)
		goto fail;
	if (s->to <= s->from || s->to - s->from > 31 * 86400000000LL ||
	    s->from % 3600000000LL != 0 || s->to % 3600000000LL != 0) {
		serr(c, n, "window: whole hours, 'to' after 'from', at most "
		    "31 days");
		goto fail;
	}
	s->bg_prefixes = 500;
	s->bg_churn = 30;
	if ((n = get(c, root, "background")) != NULL) {
		u = (uint32_t)s->bg_prefixes;
		if (check_keys(c, n, "background", bkeys) != 0 ||
		    get_u32(c, n, "prefixes", 0, &u) != 0 ||
		    get_double(c, n, "churn_per_hour", 0, 10000,
		    &s->bg_churn) != 0)
			goto fail;
		if (u > 20000) {
			serr(c, n, "background: at most 20000 prefixes");
			goto fail;
		}
		s->bg_prefixes = u;
	}
	LOAD_LIST(c, root, "collectors", s->coll, s->ncoll, load_collector, );
	if (s->ncoll == 0) {
		serr(c, root, "at least one collector");
		goto fail;
	}
	LOAD_LIST(c, root, "targets", s->tgt, s->ntgt, load_target, );
	for (i = 0, total = 0; i < s->ntgt; i++) {
		s->tgt[i].first = total;
		total += s->tgt[i].npfx;
		for (j = 0; j < i; j++)
			if (strcmp(s->tgt[i].name, s->tgt[j].name) == 0) {
				serr(c, root, "duplicate target name '%s'",
				    s->tgt[i].name);
				goto fail;
			}
	}
	LOAD_LIST(c, root, "events", s->ev, s->nev, load_ev, s,);
	LOAD_LIST(c, root, "probes", s->probe, s->nprobe, load_pr, s,);
	LOAD_LIST(c, root, "feeds", s->feed, s->nfeed, load_feed, );
	LOAD_LIST(c, root, "claims", s->claim, s->nclaim, load_cl, s,);
	return 0;
fail:
	return -1;
}

int
scen_load_mem(struct scenario *s, const char *name, const void *data,
    size_t len, char **err)
{
	yaml_parser_t parser;
	struct sctx c;
	int rc = -1, have_doc = 0;

	memset(s, 0, sizeof(*s));
	memset(&c, 0, sizeof(c));
	c.name = name;
	*err = NULL;
	if (!yaml_parser_initialize(&parser)) {
		*err = xasprintf("%s: cannot initialise the YAML parser", name);
		return -1;
	}
	yaml_parser_set_input_string(&parser, data, len);
	if (!yaml_parser_load(&parser, &c.doc)) {
		*err = xasprintf("%s:%zu:%zu: %s", name,
		    parser.problem_mark.line + 1,
		    parser.problem_mark.column + 1,
		    parser.problem != NULL ? parser.problem : "YAML error");
		goto out;
	}
	have_doc = 1;
	rc = load_root(&c, s);
	if (rc != 0)
		*err = c.err != NULL ? c.err : xasprintf("%s: invalid", name);
	else
		free(c.err);
out:
	if (have_doc)
		yaml_document_delete(&c.doc);
	yaml_parser_delete(&parser);
	if (rc != 0)
		scen_free(s);
	return rc;
}

int
scen_load_file(struct scenario *s, const char *path, char **err)
{
	struct buf b;
	char chunk[8192];
	FILE *f;
	size_t n;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((f = fopen(path, "rb")) == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > (1u << 20)) {
			fclose(f);
			buf_free(&b);
			*err = xasprintf("%s: larger than 1 MiB", path);
			return -1;
		}
		buf_add(&b, chunk, n);
	}
	fclose(f);
	rc = scen_load_mem(s, path, b.data, b.len, err);
	buf_free(&b);
	return rc;
}

void
scen_free(struct scenario *s)
{
	size_t i, j;

	free(s->name);
	for (i = 0; s->coll != NULL && i < s->ncoll; i++) {
		free(s->coll[i].name);
		for (j = 0; s->coll[i].peers != NULL && j < s->coll[i].npeers; j++)
			free(s->coll[i].peers[j].sees);
		free(s->coll[i].peers);
	}
	free(s->coll);
	for (i = 0; s->tgt != NULL && i < s->ntgt; i++) {
		free(s->tgt[i].name);
		free(s->tgt[i].pfx);
		free(s->tgt[i].up);
	}
	free(s->tgt);
	for (i = 0; s->ev != NULL && i < s->nev; i++)
		free(s->ev[i].ups);
	free(s->ev);
	for (i = 0; s->probe != NULL && i < s->nprobe; i++) {
		free(s->probe[i].vp);
		free(s->probe[i].dst_name);
		free(s->probe[i].aprb);
	}
	free(s->probe);
	for (i = 0; s->feed != NULL && i < s->nfeed; i++) {
		free(s->feed[i].name);
		free(s->feed[i].title);
		free(s->feed[i].link);
	}
	free(s->feed);
	for (i = 0; s->claim != NULL && i < s->nclaim; i++) {
		free(s->claim[i].actor);
		free(s->claim[i].name);
		free(s->claim[i].title);
		free(s->claim[i].text);
		free(s->claim[i].url);
	}
	free(s->claim);
	free(s->chg);
	memset(s, 0, sizeof(*s));
}
