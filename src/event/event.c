#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/event.h>
#include <blackout/timeline.h>

#include "util/util.h"

static const char *prec_names[] = { "us", "ms", "s", "min", "hour", "day" };
static const char *class_names[] = { "signal", "claim", "report", "context" };
static const char *src_names[] = { "bgp", "probe", "router", "social", "news",
    "other" };
static const char *role_names[] = { "none", "route", "session",
    "reachability", "host_state", "outage_signal", "claim", "report",
    "context" };
static const char *rel_names[] = { "before_onset", "during", "after_end",
    "no_matching_signal" };

const char *
bo_prec_name(enum bo_prec p)
{
	return (unsigned)p < BO_NELEM(prec_names) ? prec_names[p] : NULL;
}

const char *
bo_class_name(enum bo_class c)
{
	return (unsigned)c < BO_NELEM(class_names) ? class_names[c] : NULL;
}

const char *
bo_srctype_name(enum bo_srctype s)
{
	return (unsigned)s < BO_NELEM(src_names) ? src_names[s] : NULL;
}

const char *
bo_role_name(enum bo_role r)
{
	return (unsigned)r < BO_NELEM(role_names) ? role_names[r] : NULL;
}

const char *
bo_relation_name(enum bo_relation r)
{
	return (unsigned)r < BO_NELEM(rel_names) ? rel_names[r] : NULL;
}

static int
lookup(const char **names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int
bo_prec_parse(const char *s, enum bo_prec *out)
{
	int i = lookup(prec_names, BO_NELEM(prec_names), s);

	if (i < 0)
		return -1;
	*out = (enum bo_prec)i;
	return 0;
}

int
bo_class_parse(const char *s, enum bo_class *out)
{
	int i = lookup(class_names, BO_NELEM(class_names), s);

	if (i < 0)
		return -1;
	*out = (enum bo_class)i;
	return 0;
}

int
bo_srctype_parse(const char *s, enum bo_srctype *out)
{
	int i = lookup(src_names, BO_NELEM(src_names), s);

	if (i < 0)
		return -1;
	*out = (enum bo_srctype)i;
	return 0;
}

int
bo_role_parse(const char *s, enum bo_role *out)
{
	int i = lookup(role_names, BO_NELEM(role_names), s);

	if (i < 0)
		return -1;
	*out = (enum bo_role)i;
	return 0;
}

int64_t
bo_prec_span_us(enum bo_prec p)
{
	switch (p) {
	case BO_PREC_US:
		return 1;
	case BO_PREC_MS:
		return 1000;
	case BO_PREC_S:
		return 1000000;
	case BO_PREC_MIN:
		return 60 * 1000000LL;
	case BO_PREC_HOUR:
		return 3600 * 1000000LL;
	case BO_PREC_DAY:
	default:
		return 86400 * 1000000LL;
	}
}

const char *
bo_event_attr(const struct bo_event *ev, const char *key)
{
	size_t i;

	for (i = 0; i < ev->nattrs; i++)
		if (strcmp(ev->attrs[i].key, key) == 0)
			return ev->attrs[i].value;
	return NULL;
}

static void
prefix_mask(struct bo_prefix *p)
{
	unsigned bytes = p->afi == BO_AFI_IPV4 ? 4 : 16, i;

	for (i = 0; i < bytes; i++) {
		unsigned bit = i * 8;

		if (bit >= p->len)
			p->addr[i] = 0;
		else if (bit + 8 > p->len)
			p->addr[i] &= (uint8_t)(0xff << (8 - (p->len - bit)));
	}
}

int
bo_prefix_parse(const char *s, struct bo_prefix *p)
{
	char tmp[64];
	const char *slash;
	uint32_t len;
	size_t n;

	memset(p, 0, sizeof(*p));
	slash = strchr(s, '/');
	n = slash ? (size_t)(slash - s) : strlen(s);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, p->addr) == 1) {
		p->afi = BO_AFI_IPV4;
		len = 32;
	} else if (inet_pton(AF_INET6, tmp, p->addr) == 1) {
		p->afi = BO_AFI_IPV6;
		len = 128;
	} else
		return -1;
	if (slash != NULL) {
		uint32_t max = len;

		if (parse_u32(slash + 1, &len) != 0 || len > max) {
			memset(p, 0, sizeof(*p));
			return -1;
		}
	}
	p->len = (uint8_t)len;
	prefix_mask(p);
	return 0;
}

char *
bo_prefix_format(const struct bo_prefix *p, char *buf, size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	if (p->afi == BO_AFI_IPV4)
		inet_ntop(AF_INET, p->addr, addr, sizeof(addr));
	else if (p->afi == BO_AFI_IPV6)
		inet_ntop(AF_INET6, p->addr, addr, sizeof(addr));
	else {
		snprintf(buf, len, "-");
		return buf;
	}
	snprintf(buf, len, "%s/%u", addr, p->len);
	return buf;
}

int
bo_prefix_covers(const struct bo_prefix *o, const struct bo_prefix *in)
{
	unsigned full, rem;

	if (o->afi != in->afi || o->afi == BO_AFI_NONE || o->len > in->len)
		return 0;
	full = o->len / 8;
	rem = o->len % 8;
	if (memcmp(o->addr, in->addr, full) != 0)
		return 0;
	if (rem != 0) {
		uint8_t m = (uint8_t)(0xff << (8 - rem));

		if ((o->addr[full] & m) != (in->addr[full] & m))
			return 0;
	}
	return 1;
}

int
bo_prefix_cmp(const struct bo_prefix *a, const struct bo_prefix *b)
{
	int c;

	if (a->afi != b->afi)
		return a->afi < b->afi ? -1 : 1;
	c = memcmp(a->addr, b->addr, sizeof(a->addr));
	if (c != 0)
		return c < 0 ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

static int
strcmp0(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL)
		return -1;
	if (b == NULL)
		return 1;
	return strcmp(a, b);
}

int
bo_event_cmp(const struct bo_event *a, const struct bo_event *b)
{
	int c;

	if (a->time_us != b->time_us)
		return a->time_us < b->time_us ? -1 : 1;
	/* Member before input: the same evidence in a directory or a zip
	 * sorts the same way. */
	if ((c = strcmp0(a->prov.member, b->prov.member)) != 0)
		return c;
	if (a->prov.offset != b->prov.offset)
		return a->prov.offset < b->prov.offset ? -1 : 1;
	if (a->prov.line != b->prov.line)
		return a->prov.line < b->prov.line ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return strcmp0(a->prov.input, b->prov.input);
}
