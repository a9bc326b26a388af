#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>

#include "util/util.h"

void
bo_filter_init(struct bo_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->from_us = INT64_MIN;
	f->to_us = INT64_MAX;
	f->prefix_match = BO_MATCH_MORE;
}

int
bo_filter_time(const struct bo_filter *f, int64_t t)
{
	return t >= f->from_us && t < f->to_us;
}

int
bo_filter_prefix(const struct bo_filter *f, const struct bo_prefix *p)
{
	size_t i;

	if (f->nprefixes == 0)
		return 1;
	if (p->afi == BO_AFI_NONE)
		return !f->strict_keys;
	for (i = 0; i < f->nprefixes; i++) {
		const struct bo_prefix *q = &f->prefixes[i];

		switch (f->prefix_match) {
		case BO_MATCH_EXACT:
			if (bo_prefix_cmp(q, p) == 0)
				return 1;
			break;
		case BO_MATCH_MORE:
			if (bo_prefix_covers(q, p))
				return 1;
			break;
		case BO_MATCH_LESS:
			if (bo_prefix_covers(p, q))
				return 1;
			break;
		case BO_MATCH_ANY:
			if (bo_prefix_covers(q, p) || bo_prefix_covers(p, q))
				return 1;
			break;
		}
	}
	return 0;
}

static int
path_has_as(const char *path, const uint32_t *as, size_t n)
{
	const char *p = path;
	char *end;
	unsigned long v;
	size_t i;

	while (*p != '\0') {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		v = strtoul(p, &end, 10);
		for (i = 0; i < n; i++)
			if (v == as[i])
				return 1;
		p = end;
	}
	return 0;
}

static int
origin_listed(const struct bo_filter *f, unsigned long v)
{
	size_t i;

	for (i = 0; i < f->norigin_as; i++)
		if (v == f->origin_as[i])
			return 1;
	return 0;
}

int
bo_filter_origin_path(const struct bo_filter *f, const char *path)
{
	const char *end, *p;
	char *e;
	unsigned long v;

	if (f->norigin_as == 0)
		return 1;
	if (path == NULL)
		return 0;
	end = path + strlen(path);
	while (end > path && end[-1] == ' ')
		end--;
	if (end == path)
		return 0;
	if (end[-1] == '}') {
		/* an AS_SET: its members are all possible origins */
		for (p = end - 1; p > path && p[-1] != '{'; p--)
			;
		if (p == path)
			return 0;
		while (p < end - 1) {
			if (*p < '0' || *p > '9')
				return 0;
			v = strtoul(p, &e, 10);
			if (origin_listed(f, v))
				return 1;
			p = *e == ',' ? e + 1 : e;
			if (p == e && *e != '}')
				return 0;
		}
		return 0;
	}
	for (p = end; p > path && p[-1] >= '0' && p[-1] <= '9'; p--)
		;
	/* a plain AS: digits after a space (not inside a confederation) */
	if (p == end || (p > path && p[-1] != ' '))
		return 0;
	v = strtoul(p, &e, 10);
	return e == end && origin_listed(f, v);
}

/* A route announced or dumped: it has a path, even an empty one. */
static int
has_route(const struct bo_event *ev)
{
	return ev->src == BO_SRC_BGP && ev->kind != NULL &&
	    (strcmp(ev->kind, "bgp.announce") == 0 ||
	    strcmp(ev->kind, "bgp.rib") == 0);
}

int
bo_filter_origin(const struct bo_filter *f, uint32_t asn)
{
	size_t i;

	if (f->norigin_as == 0)
		return 1;
	if (asn == 0)
		return !f->strict_keys;
	for (i = 0; i < f->norigin_as; i++)
		if (asn == f->origin_as[i])
			return 1;
	return 0;
}

int
bo_filter_path(const struct bo_filter *f, const uint32_t *as, size_t nas)
{
	size_t i, k;

	if (f->npath_as == 0)
		return 1;
	if (as == NULL)
		return !f->strict_keys;
	for (i = 0; i < f->npath_as; i++)
		for (k = 0; k < nas; k++)
			if (as[k] == f->path_as[i])
				return 1;
	return 0;
}

int
bo_filter_peer(const struct bo_filter *f, const char *peer)
{
	size_t i;

	if (f->npeers == 0)
		return 1;
	if (peer == NULL)
		return !f->strict_keys;
	for (i = 0; i < f->npeers; i++)
		if (strcmp(peer, f->peers[i]) == 0)
			return 1;
	return 0;
}

int
bo_filter_reads_attrs(const struct bo_filter *f)
{
	return f->norigin_as > 0 || f->npath_as > 0;
}

int
bo_filter_match(const struct bo_filter *f, const struct bo_event *ev)
{
	if (!bo_filter_time(f, ev->time_us))
		return 0;
	if (!bo_filter_prefix(f, &ev->prefix))
		return 0;
	if (f->norigin_as > 0) {
		/* A route's origin is read from its path (a route with an
		 * empty path has none); other events carry an AS or pass. */
		const char *path = bo_event_attr(ev, "as_path");
		int ok;

		if (path != NULL)
			ok = bo_filter_origin_path(f, path);
		else if (ev->asn == 0 && has_route(ev))
			ok = 0;
		else
			ok = bo_filter_origin(f, ev->asn);
		if (!ok)
			return 0;
	}
	if (f->npath_as > 0) {
		const char *path = bo_event_attr(ev, "as_path");
		int ok;

		if (path == NULL)
			ok = !f->strict_keys;
		else
			ok = path_has_as(path, f->path_as, f->npath_as);
		if (!ok)
			return 0;
	}
	return bo_filter_peer(f, ev->peer);
}
