/*
 * MRT record parser.  Every read of record bytes goes through the
 * bounds-checked cursor; each nested length (BGP message, attribute block,
 * attribute, MP_REACH NLRI) gets its own sub-cursor so that nothing can be
 * read past the length that declared it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/mrt_parse.h"
#include "input/input.h"
#include "util/util.h"

#define ERRLEN	256

/* Result of decoding one part of a record. */
#define P_OK	0
#define P_STOP	(-1)	/* a callback asked to stop */
#define P_SKIP	1	/* malformed: warned, counted, skipped */

struct pctx {
	struct mrt_parser	*p;
	const struct mrt_hdr	*h;
};

static const char *bgp_sub[] = { "NULL", "UPDATE", "PREF_UPDATE",
    "STATE_CHANGE", "SYNC", "OPEN", "NOTIFY", "KEEPALIVE" };
static const char *td2_sub[] = { "?", "PEER_INDEX_TABLE",
    "RIB_IPV4_UNICAST", "RIB_IPV4_MULTICAST", "RIB_IPV6_UNICAST",
    "RIB_IPV6_MULTICAST", "RIB_GENERIC", "GEO_PEER_TABLE",
    "RIB_IPV4_UNICAST_ADDPATH", "RIB_IPV4_MULTICAST_ADDPATH",
    "RIB_IPV6_UNICAST_ADDPATH", "RIB_IPV6_MULTICAST_ADDPATH",
    "RIB_GENERIC_ADDPATH" };
static const char *mp_sub[] = { "STATE_CHANGE", "MESSAGE", "ENTRY",
    "SNAPSHOT", "MESSAGE_AS4", "STATE_CHANGE_AS4", "MESSAGE_LOCAL",
    "MESSAGE_AS4_LOCAL", "MESSAGE_ADDPATH", "MESSAGE_AS4_ADDPATH",
    "MESSAGE_LOCAL_ADDPATH", "MESSAGE_AS4_LOCAL_ADDPATH" };

const char *
mrt_type_name(uint16_t type)
{
	switch (type) {
	case MRT_BGP:
		return "BGP";
	case MRT_TABLE_DUMP:
		return "TABLE_DUMP";
	case MRT_TABLE_DUMP_V2:
		return "TABLE_DUMP_V2";
	case MRT_BGP4MP:
		return "BGP4MP";
	case MRT_BGP4MP_ET:
		return "BGP4MP_ET";
	case 11:
		return "OSPFv2";
	case 32:
		return "ISIS";
	case 33:
		return "ISIS_ET";
	case 48:
		return "OSPFv3";
	case 49:
		return "OSPFv3_ET";
	default:
		return NULL;
	}
}

const char *
mrt_subtype_name(uint16_t type, uint16_t sub)
{
	switch (type) {
	case MRT_BGP:
		return sub < BO_NELEM(bgp_sub) ? bgp_sub[sub] : NULL;
	case MRT_TABLE_DUMP:
		return sub == 1 ? "AFI_IPv4" : sub == 2 ? "AFI_IPv6" : NULL;
	case MRT_TABLE_DUMP_V2:
		return sub > 0 && sub < BO_NELEM(td2_sub) ? td2_sub[sub] : NULL;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		return sub < BO_NELEM(mp_sub) ? mp_sub[sub] : NULL;
	default:
		return NULL;
	}
}

int
mrt_type_known(uint16_t type, uint16_t sub)
{
	switch (type) {
	case MRT_BGP:
		return sub <= MRT_BGP_KEEPALIVE;
	case MRT_TABLE_DUMP:
		return sub == MRT_TD_AFI_IPV4 || sub == MRT_TD_AFI_IPV6;
	case MRT_TABLE_DUMP_V2:
		return sub >= 1 && sub <= MRT_TD2_RIB_GENERIC_AP;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		return sub <= MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP;
	case 11: case 32: case 33: case 48: case 49:
		return 1;
	default:
		return 0;
	}
}

static void __attribute__((format(printf, 3, 4)))
pwarn(struct pctx *x, uint64_t at, const char *fmt, ...)
{
	char msg[ERRLEN], full[ERRLEN + 128];
	const char *tn, *sn;
	char tbuf[16], sbuf[16];
	va_list ap;

	if (x->p->cb.warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tn = mrt_type_name(x->h->type);
	sn = mrt_subtype_name(x->h->type, x->h->subtype);
	if (tn == NULL) {
		snprintf(tbuf, sizeof(tbuf), "type %u", x->h->type);
		tn = tbuf;
	}
	if (sn == NULL) {
		snprintf(sbuf, sizeof(sbuf), "%u", x->h->subtype);
		sn = sbuf;
	}
	if (at != x->h->offset)
		snprintf(full, sizeof(full), "%s/%s record: %s (at byte %"
		    PRIu64 ")", tn, sn, msg, at);
	else
		snprintf(full, sizeof(full), "%s/%s record: %s", tn, sn, msg);
	x->p->cb.warn(x->p->cb.arg, x->h->offset, full);
}

/* Warns, counts the record as skipped, and says so. */
#define SKIP(x, c, ...) do {					\
	pwarn((x), cur_offset(c), __VA_ARGS__);			\
	(x)->p->st.skipped++;					\
	return P_SKIP;						\
} while (0)

void
mrt_parser_init(struct mrt_parser *p, const struct mrt_cb *cb)
{
	memset(p, 0, sizeof(*p));
	p->cb = *cb;
}

/* A sub-cursor of everything left; the parent is then used up. */
static void
cur_rest(struct cursor *c, struct cursor *sub)
{
	cur_init(sub, cur_ptr(c), cur_left(c), cur_offset(c));
	c->pos = c->len;
}

static void
aspath_free(struct mrt_aspath *a)
{
	free(a->as);
	free(a->segtype);
	free(a->seglen);
}

void
mrt_parser_free(struct mrt_parser *p)
{
	if (p == NULL)
		return;
	free(p->peers);
	aspath_free(&p->attrs.path);
	aspath_free(&p->attrs.as4path);
	aspath_free(&p->attrs.merged);
	free(p->attrs.comm);
	free(p->attrs.lcomm);
	free(p->attrs.reach.nlri.v);
	free(p->attrs.unreach.nlri.v);
	free(p->withdrawn.v);
	free(p->nlri.v);
	memset(p, 0, sizeof(*p));
}

/* ---- addresses and prefixes ---- */

static int
read_addr(struct cursor *c, uint8_t afi, struct mrt_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->afi = afi;
	return cur_copy(c, a->a, afi == BO_AFI_IPV6 ? 16 : 4);
}

static int
read_asn(struct cursor *c, int as4, uint32_t *v)
{
	uint16_t s;

	if (as4)
		return cur_u32(c, v);
	if (cur_u16(c, &s) != 0)
		return -1;
	*v = s;
	return 0;
}

static uint32_t
be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/*
 * One prefix: [path id] length, then the significant bytes.  Host bits
 * past the length are cleared in addr (and noted): bgpdump 1.6.2 printed
 * them, upstream and every router treat the route as the masked prefix.
 */
static int
read_prefix(struct cursor *c, uint8_t afi, int addpath,
    struct mrt_prefix *pf, const char **why)
{
	const uint8_t *b;
	uint8_t plen, rem;
	size_t nb;

	pf->path_id = 0;
	if (addpath && cur_u32(c, &pf->path_id) != 0) {
		*why = "path identifier truncated";
		return -1;
	}
	if (cur_u8(c, &plen) != 0) {
		*why = "prefix length missing";
		return -1;
	}
	if (plen > (afi == BO_AFI_IPV6 ? 128 : 32)) {
		*why = "prefix length too long for the address family";
		return -2;
	}
	nb = ((size_t)plen + 7) / 8;
	if (cur_bytes(c, nb, &b) != 0) {
		*why = "prefix overruns its field";
		return -1;
	}
	pf->afi = afi;
	pf->len = plen;
	memset(pf->addr, 0, sizeof(pf->addr));
	memcpy(pf->addr, b, nb);
	memcpy(pf->raw, pf->addr, sizeof(pf->raw));
	pf->host_bits = 0;
	rem = plen & 7;
	if (rem != 0) {
		uint8_t m = (uint8_t)(0xff << (8 - rem));

		if (pf->addr[nb - 1] & ~m) {
			pf->host_bits = 1;
			pf->addr[nb - 1] &= m;
		}
	}
	return 0;
}

static struct mrt_prefix *
plist_add(struct mrt_plist *l)
{
	if (l->n == l->cap)
		xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	return &l->v[l->n++];
}

/*
 * A list of prefixes filling the cursor.  A last prefix cut short by the
 * end of its field is dropped and reported (returns 1): the prefixes
 * before it stand, as bgpdump keeps them.  -1 for a bad prefix length.
 */
static int
read_plist(struct cursor *c, uint8_t afi, int addpath, struct mrt_plist *l,
    struct mrt_stats *st, const char **why)
{
	int rc;

	l->n = 0;
	while (cur_left(c) > 0) {
		struct mrt_prefix *pf = plist_add(l);

		l->cut_at = cur_offset(c);
		if ((rc = read_prefix(c, afi, addpath, pf, why)) != 0) {
			l->n--;
			return rc == -2 ? -1 : 1;
		}
		st->host_bits += pf->host_bits;
	}
	return 0;
}

/* ---- path attributes ---- */

static void
aspath_seg(struct mrt_aspath *a, uint8_t type, uint16_t n)
{
	if (a->nseg == a->segcap) {
		size_t cap = a->segcap;

		xgrow(&a->segtype, &cap, a->nseg + 1, sizeof(*a->segtype));
		cap = a->segcap;
		xgrow(&a->seglen, &cap, a->nseg + 1, sizeof(*a->seglen));
		a->segcap = cap;
	}
	a->segtype[a->nseg] = type;
	a->seglen[a->nseg] = n;
	a->nseg++;
	if (a->nas + n > a->ascap)
		xgrow(&a->as, &a->ascap, a->nas + n, sizeof(*a->as));
}

static int
read_aspath(struct cursor *c, int as4, struct mrt_aspath *a, const char **why)
{
	const uint8_t *b;
	uint8_t type, n;
	size_t i, w = as4 ? 4 : 2;

	a->nas = a->nseg = 0;
	while (cur_left(c) > 0) {
		/* segment type, segment length in ASNs */
		if (cur_u8(c, &type) != 0 || cur_u8(c, &n) != 0) {
			*why = "AS_PATH segment header truncated";
			return -1;
		}
		if (type < AS_SET || type > AS_CONFED_SET) {
			*why = "AS_PATH segment of unknown type";
			return -1;
		}
		if (cur_bytes(c, (size_t)n * w, &b) != 0) {
			*why = "AS_PATH segment overruns attribute";
			return -1;
		}
		aspath_seg(a, type, n);
		for (i = 0; i < n; i++)
			a->as[a->nas + i] = as4 ? be32(b + 4 * i) :
			    (uint32_t)(b[2 * i] << 8 | b[2 * i + 1]);
		a->nas += n;
	}
	return 0;
}

/* Path length as bgpdump counts it: sets count one, sequences their
 * length (confederation segments included). */
static size_t
aspath_count(const struct mrt_aspath *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->nseg; i++)
		n += (a->segtype[i] == AS_SET || a->segtype[i] == AS_CONFED_SET)
		    ? 1 : a->seglen[i];
	return n;
}

/*
 * RFC 6793 section 4.2.3: on a 2-byte session, AS_PATH carries AS_TRANS
 * where a 4-byte AS stood; take as many leading ASes of AS_PATH as it is
 * longer than AS4_PATH, then AS4_PATH.
 */
static void
aspath_merge(const struct mrt_aspath *path, const struct mrt_aspath *as4,
    struct mrt_aspath *out)
{
	size_t want = aspath_count(path) - aspath_count(as4);
	size_t have = 0, i, k, pos = 0;

	out->nas = out->nseg = 0;
	for (i = 0; i < path->nseg && have < want; i++) {
		uint8_t t = path->segtype[i];
		uint16_t n = path->seglen[i];

		if (t == AS_SET || t == AS_CONFED_SET)
			have++;
		else {
			if (have + n > want)
				n = (uint16_t)(want - have);
			have += n;
		}
		aspath_seg(out, t, n);
		for (k = 0; k < n; k++)
			out->as[out->nas + k] = path->as[pos + k];
		out->nas += n;
		pos += path->seglen[i];
	}
	for (i = 0, pos = 0; i < as4->nseg; i++) {
		uint16_t n = as4->seglen[i];

		aspath_seg(out, as4->segtype[i], n);
		for (k = 0; k < n; k++)
			out->as[out->nas + k] = as4->as[pos + k];
		out->nas += n;
		pos += n;
	}
}

uint32_t
mrt_aspath_origin(const struct mrt_aspath *a)
{
	uint8_t t;

	if (a == NULL || a->nseg == 0 || a->nas == 0)
		return 0;
	t = a->segtype[a->nseg - 1];
	if (a->seglen[a->nseg - 1] == 0)
		return 0;
	if (t == AS_SEQUENCE)
		return a->as[a->nas - 1];
	if (t == AS_SET && a->seglen[a->nseg - 1] == 1)
		return a->as[a->nas - 1];
	return 0;
}

static int
mp_known(uint16_t afi, uint8_t safi)
{
	return (afi == BGP_AFI_IPV4 || afi == BGP_AFI_IPV6) &&
	    safi >= BGP_SAFI_UNICAST && safi <= BGP_SAFI_BOTH;
}

static uint8_t
bo_afi(uint16_t afi)
{
	return afi == BGP_AFI_IPV6 ? BO_AFI_IPV6 : BO_AFI_IPV4;
}

/*
 * MP_REACH_NLRI.  Inside TABLE_DUMP_V2 RIB entries RFC 6396 4.3.4 keeps
 * only the next hop length and address (the AFI/SAFI and NLRI are the
 * record's); some writers still put the full attribute there.  As
 * OpenBGPD and bgpdump do, a first byte that cannot start an AFI marks the
 * abbreviated form.
 */
static int
read_mp_reach(struct cursor *c, int addpath, uint16_t rib_afi,
    struct mrt_attrs *at, struct mrt_stats *st, const char **why)
{
	struct mrt_mp *mp = &at->reach;
	const uint8_t *nh;
	uint8_t snpa, slen;
	struct cursor nl;

	mp->present = 1;
	mp->nlri.n = 0;
	mp->abbrev = 0;
	if (cur_left(c) > 0 && cur_ptr(c)[0] != 0) {
		mp->abbrev = 1;
		mp->afi = rib_afi ? rib_afi : BGP_AFI_IPV6;
		mp->safi = BGP_SAFI_UNICAST;
		mp->known = 1;
	} else {
		if (cur_u16(c, &mp->afi) != 0 || cur_u8(c, &mp->safi) != 0) {
			*why = "MP_REACH_NLRI truncated";
			return -1;
		}
		mp->known = mp_known(mp->afi, mp->safi);
	}
	/* next hop length, next hop (and IPv6 link-local) */
	if (cur_u8(c, &mp->nhlen) != 0 || cur_bytes(c, mp->nhlen, &nh) != 0) {
		*why = "MP_REACH_NLRI next hop overruns attribute";
		return -1;
	}
	memset(mp->nh, 0, sizeof(mp->nh));
	memset(mp->nh_local, 0, sizeof(mp->nh_local));
	memcpy(mp->nh, nh, mp->nhlen < 16 ? mp->nhlen : 16);
	if (mp->nhlen == 32)
		memcpy(mp->nh_local, nh + 16, 16);
	if (mp->abbrev)
		return 0;
	/* reserved octet, once the SNPA count (RFC 2858) */
	if (cur_u8(c, &snpa) != 0) {
		*why = "MP_REACH_NLRI reserved octet missing";
		return -1;
	}
	while (snpa-- > 0)
		if (cur_u8(c, &slen) != 0 ||
		    cur_skip(c, ((size_t)slen + 1) / 2) != 0) {
			*why = "MP_REACH_NLRI SNPA overruns attribute";
			return -1;
		}
	if (!mp->known) {
		st->unsupported++;
		at->unknown_mp = 1;
		at->unknown_afi = mp->afi;
		at->unknown_safi = mp->safi;
		return cur_skip(c, cur_left(c));
	}
	cur_rest(c, &nl);
	return read_plist(&nl, bo_afi(mp->afi), addpath, &mp->nlri, st, why);
}

static int
read_mp_unreach(struct cursor *c, int addpath, struct mrt_attrs *at,
    struct mrt_stats *st, const char **why)
{
	struct mrt_mp *mp = &at->unreach;

	mp->present = 1;
	mp->abbrev = 0;
	mp->nlri.n = 0;
	if (cur_u16(c, &mp->afi) != 0 || cur_u8(c, &mp->safi) != 0) {
		*why = "MP_UNREACH_NLRI truncated";
		return -1;
	}
	mp->known = mp_known(mp->afi, mp->safi);
	if (!mp->known) {
		st->unsupported++;
		at->unknown_mp = 1;
		at->unknown_afi = mp->afi;
		at->unknown_safi = mp->safi;
		return cur_skip(c, cur_left(c));
	}
	return read_plist(c, bo_afi(mp->afi), addpath, &mp->nlri, st, why);
}

static void
attrs_reset(struct mrt_attrs *at)
{
	at->seen = 0;
	at->origin = -1;
	at->path.nas = at->path.nseg = 0;
	at->as4path.nas = at->as4path.nseg = 0;
	at->merged.nas = at->merged.nseg = 0;
	at->eff = &at->path;
	at->nexthop = MRT_ADDR_NONE;
	at->med = at->local_pref = 0;
	at->agg_as = at->as4_agg_as = 0;
	at->agg_addr = at->as4_agg_addr = MRT_ADDR_NONE;
	at->agg_len = 0;
	at->ncomm = at->nlcomm = 0;
	at->reach.present = at->unreach.present = 0;
	at->reach.nlri.n = at->unreach.nlri.n = 0;
	at->partial = NULL;
	at->unknown_mp = 0;
	at->path_error = at->path_error4 = NULL;
}

static int
read_u32_list(struct cursor *c, size_t width, uint32_t **v, size_t *n,
    size_t *cap)
{
	size_t cnt = cur_left(c) / 4, i;
	uint32_t x;

	if (cur_left(c) % width != 0)
		return -1;
	if (cnt > *cap)
		xgrow(v, cap, cnt, sizeof(**v));
	for (i = 0; i < cnt; i++) {
		if (cur_u32(c, &x) != 0)
			return -1;
		(*v)[i] = x;
	}
	*n = cnt / (width / 4);
	return 0;
}

/*
 * The attribute block.  as4: ASNs in AS_PATH/AGGREGATOR are 4 bytes wide
 * (ATTRS_AS4).  rib_afi: nonzero inside a TABLE_DUMP_V2 entry (abbreviated
 * MP_REACH).  ATTRS_CUT: the block was cut by the end of its record, so an
 * attribute overrunning it is what the record kept of the last one.
 */
#define ATTRS_AS4	1
#define ATTRS_CUT	2

static int
read_attrs(struct cursor *c, int flags_in, int addpath, uint16_t rib_afi,
    struct mrt_attrs *at, struct mrt_stats *st, const char **why,
    uint64_t *where)
{
	int as4 = flags_in & ATTRS_AS4;
	uint8_t flags, type, len8;
	uint16_t len16;
	size_t len;
	struct cursor a;
	int rc;

	attrs_reset(at);
	at->as4 = as4;
	while (cur_left(c) > 0) {
		*where = cur_offset(c);
		/* flags, type code, length (1 or 2 octets) */
		if (cur_u8(c, &flags) != 0 || cur_u8(c, &type) != 0) {
			*why = "attribute header truncated";
			return -1;
		}
		if (flags & BGP_ATTR_FLAG_EXTLEN) {
			if (cur_u16(c, &len16) != 0) {
				*why = "attribute length truncated";
				return -1;
			}
			len = len16;
		} else {
			if (cur_u8(c, &len8) != 0) {
				*why = "attribute length truncated";
				return -1;
			}
			len = len8;
		}
		if (cur_sub(c, len, &a) != 0) {
			if (!(flags_in & ATTRS_CUT)) {
				*why = "attribute length overruns the "
				    "attribute block";
				return -1;
			}
			at->partial = "attribute cut by the end of the record";
			at->partial_at = *where;
			if (type != BGP_ATTR_MP_REACH_NLRI &&
			    type != BGP_ATTR_MP_UNREACH_NLRI)
				break;
			/* the complete prefixes of a cut MP attribute */
			cur_rest(c, &a);
		}
		/* RFC 7606 3(g): a repeated attribute is ignored. */
		if (type < 64) {
			if (at->seen & ((uint64_t)1 << type))
				continue;
			at->seen |= (uint64_t)1 << type;
		}
		switch (type) {
		case BGP_ATTR_ORIGIN: {
			uint8_t o;

			if (len != 1 || cur_u8(&a, &o) != 0) {
				*why = "ORIGIN length is not 1";
				return -1;
			}
			at->origin = o;
			break;
		}
		case BGP_ATTR_AS_PATH:
			/* A bad path is framed by its attribute length: the
			 * other attributes stand, the path is marked (RFC 7606
			 * would treat the route as withdrawn; bgpdump shows
			 * "! Error !") */
			if (read_aspath(&a, as4, &at->path, why) != 0) {
				at->path.nas = at->path.nseg = 0;
				at->path_error = *why;
			}
			break;
		case BGP_ATTR_AS4_PATH:
			/* RFC 6793 6: a malformed AS4_PATH is ignored */
			if (read_aspath(&a, 1, &at->as4path, why) != 0) {
				at->seen &= ~((uint64_t)1 << BGP_ATTR_AS4_PATH);
				at->path_error4 = *why;
			}
			break;
		case BGP_ATTR_NEXT_HOP:
			if (len != 4 || cur_u32(&a, &at->nexthop) != 0) {
				*why = "NEXT_HOP length is not 4";
				return -1;
			}
			break;
		case BGP_ATTR_MED:
			if (len != 4 || cur_u32(&a, &at->med) != 0) {
				*why = "MULTI_EXIT_DISC length is not 4";
				return -1;
			}
			break;
		case BGP_ATTR_LOCAL_PREF:
			if (len != 4 || cur_u32(&a, &at->local_pref) != 0) {
				*why = "LOCAL_PREF length is not 4";
				return -1;
			}
			break;
		case BGP_ATTR_ATOMIC_AGGREGATE:
			break;
		case BGP_ATTR_AGGREGATOR:
			/* 2- or 4-byte AS by session; the length tells */
			if ((len != 6 && len != 8) ||
			    read_asn(&a, len == 8, &at->agg_as) != 0 ||
			    cur_u32(&a, &at->agg_addr) != 0) {
				*why = "AGGREGATOR length is neither 6 nor 8";
				return -1;
			}
			memcpy(at->agg_wire, a.p, len);
			at->agg_len = (uint8_t)len;
			break;
		case BGP_ATTR_AS4_AGGREGATOR:
			if (len != 8 || cur_u32(&a, &at->as4_agg_as) != 0 ||
			    cur_u32(&a, &at->as4_agg_addr) != 0) {
				*why = "AS4_AGGREGATOR length is not 8";
				return -1;
			}
			break;
		case BGP_ATTR_COMMUNITIES:
			if (read_u32_list(&a, 4, &at->comm, &at->ncomm,
			    &at->commcap) != 0) {
				*why = "COMMUNITIES length not a multiple of 4";
				return -1;
			}
			break;
		case BGP_ATTR_LARGE_COMMUNITIES:
			if (read_u32_list(&a, 12, &at->lcomm, &at->nlcomm,
			    &at->lcommcap) != 0) {
				*why = "LARGE_COMMUNITIES length not a multiple "
				    "of 12";
				return -1;
			}
			break;
		case BGP_ATTR_MP_REACH_NLRI:
			rc = read_mp_reach(&a, addpath, rib_afi, at, st, why);
			if (rc < 0)
				return -1;
			if (rc > 0) {
				at->partial = *why;
				at->partial_at = at->reach.nlri.cut_at;
			}
			break;
		case BGP_ATTR_MP_UNREACH_NLRI:
			rc = read_mp_unreach(&a, addpath, at, st, why);
			if (rc < 0)
				return -1;
			if (rc > 0) {
				at->partial = *why;
				at->partial_at = at->unreach.nlri.cut_at;
			}
			break;
		default:
			/* ORIGINATOR_ID, CLUSTER_LIST, extended communities
			 * and the rest are kept only as "seen". */
			break;
		}
	}
	/* RFC 6793 4.2.3, on 2-byte sessions only. */
	if (!as4 && MRT_ATTR_SEEN(at, BGP_ATTR_AGGREGATOR) &&
	    MRT_ATTR_SEEN(at, BGP_ATTR_AS4_AGGREGATOR) &&
	    at->agg_as == AS_TRANS) {
		at->agg_as = at->as4_agg_as;
		at->agg_addr = at->as4_agg_addr;
	}
	if (!as4 && MRT_ATTR_SEEN(at, BGP_ATTR_AS4_PATH) &&
	    MRT_ATTR_SEEN(at, BGP_ATTR_AS_PATH) && at->path_error == NULL &&
	    aspath_count(&at->path) >= aspath_count(&at->as4path)) {
		aspath_merge(&at->path, &at->as4path, &at->merged);
		at->eff = &at->merged;
	}
	return 0;
}

/* Problems inside attributes that did not cost the record. */
static void
attrs_warn(struct pctx *x, const struct mrt_attrs *at, uint64_t off)
{
	if (at->path_error != NULL)
		pwarn(x, off, "%s; the path is left out", at->path_error);
	if (at->path_error4 != NULL)
		pwarn(x, off, "AS4_PATH: %s; ignored", at->path_error4);
	if (at->unknown_mp)
		pwarn(x, off, "MP_REACH/MP_UNREACH of AFI %u SAFI %u: its "
		    "prefixes are not read", at->unknown_afi, at->unknown_safi);
}

/* ---- TABLE_DUMP ---- */

/*
 * TABLE_DUMP.  RFC 6396 has one entry per record; early RIPE RIS bviews
 * (2000) batch many entries after one view and sequence number, so
 * entries are read until the record ends.
 */
static int
parse_td1(struct pctx *x, struct cursor *c)
{
	struct mrt_parser *p = x->p;
	struct mrt_rib r;
	struct mrt_peer peer;
	uint8_t afi = x->h->subtype == MRT_TD_AFI_IPV6 ? BO_AFI_IPV6 :
	    BO_AFI_IPV4;
	struct mrt_addr pa;
	uint16_t alen = 0, seq16;
	struct cursor ac;
	const char *why = NULL;
	uint64_t where;
	uint8_t rem;
	size_t nb;

	memset(&r, 0, sizeof(r));
	r.h = x->h;
	r.tdv = 1;
	r.afi = afi == BO_AFI_IPV6 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
	r.safi = BGP_SAFI_UNICAST;
	/* view, sequence */
	if (cur_u16(c, &r.view) != 0 || cur_u16(c, &seq16) != 0)
		SKIP(x, c, "truncated header");
	r.seq = seq16;
	do {
		/* prefix, prefix length, status, originated */
		if (read_addr(c, afi, &pa) != 0 ||
		    cur_u8(c, &r.prefix.len) != 0 ||
		    cur_u8(c, &r.status) != 0 || cur_u32(c, &r.originated) != 0)
			SKIP(x, c, "entry %zu: truncated prefix", r.index);
		if (r.prefix.len > (afi == BO_AFI_IPV6 ? 128 : 32))
			SKIP(x, c, "entry %zu: prefix length %u too long",
			    r.index, r.prefix.len);
		r.prefix.afi = afi;
		memcpy(r.prefix.raw, pa.a, 16);
		memcpy(r.prefix.addr, pa.a, 16);
		nb = ((size_t)r.prefix.len + 7) / 8;
		memset(r.prefix.addr + nb, 0, 16 - nb);
		rem = r.prefix.len & 7;
		if (rem)
			r.prefix.addr[nb - 1] &= (uint8_t)(0xff << (8 - rem));
		r.prefix.host_bits = memcmp(r.prefix.addr, r.prefix.raw, 16)
		    != 0;
		/* peer address, peer AS (2 bytes), attributes */
		memset(&peer, 0, sizeof(peer));
		if (read_addr(c, afi, &peer.addr) != 0 ||
		    read_asn(c, 0, &peer.as) != 0)
			SKIP(x, c, "entry %zu: truncated peer", r.index);
		if (cur_u16(c, &alen) != 0 || cur_sub(c, alen, &ac) != 0)
			SKIP(x, c, "entry %zu: attribute length %u overruns "
			    "record", r.index, alen);
		if (p->cb.want_prefix != NULL &&
		    !p->cb.want_prefix(p->cb.arg, &r.prefix)) {
			p->st.filtered++;
			r.index++;
			continue;
		}
		if (read_attrs(&ac, 0, 0, 0, &p->attrs, &p->st, &why,
		    &where) != 0) {
			pwarn(x, where, "entry %zu: %s", r.index, why);
			p->st.skipped++;
			r.index++;
			continue;
		}
		attrs_warn(x, &p->attrs, ac.base);
		r.peer = &peer;
		r.attrs = &p->attrs;
		p->st.rib_entries++;
		if (p->cb.rib != NULL && p->cb.rib(p->cb.arg, &r) != 0)
			return P_STOP;
		r.index++;
	} while (cur_left(c) > 0);
	return P_OK;
}

/* ---- TABLE_DUMP_V2 ---- */

static int
parse_peer_index(struct pctx *x, struct cursor *c)
{
	struct mrt_parser *p = x->p;
	uint32_t collector;
	uint16_t vlen, n, i;
	const uint8_t *v;

	/* collector BGP ID, view name, peer count */
	if (cur_u32(c, &collector) != 0 || cur_u16(c, &vlen) != 0 ||
	    cur_bytes(c, vlen, &v) != 0 || cur_u16(c, &n) != 0)
		SKIP(x, c, "truncated PEER_INDEX_TABLE header");
	if (vlen >= sizeof(p->view))
		vlen = sizeof(p->view) - 1;
	memcpy(p->view, v, vlen);
	p->view[vlen] = '\0';
	/* A view name is printable text; anything else is not a name. */
	for (i = 0; i < vlen; i++)
		if (p->view[i] < 0x20 || p->view[i] > 0x7e) {
			p->view[0] = '\0';
			break;
		}
	free(p->peers);
	p->peers = xcalloc(n ? n : 1, sizeof(*p->peers));
	p->npeers = 0;
	p->have_index = 1;
	for (i = 0; i < n; i++) {
		struct mrt_peer *e = &p->peers[i];
		uint8_t ptype;

		/* peer type (bit 0: IPv6, bit 1: 4-byte AS), BGP ID,
		 * address, AS */
		if (cur_u8(c, &ptype) != 0 || cur_u32(c, &e->bgp_id) != 0 ||
		    read_addr(c, (ptype & 1) ? BO_AFI_IPV6 : BO_AFI_IPV4,
		    &e->addr) != 0 || read_asn(c, ptype & 2, &e->as) != 0) {
			pwarn(x, cur_offset(c), "peer %u of %u truncated; "
			    "table kept to there", i, n);
			p->st.skipped++;
			break;
		}
		p->npeers++;
	}
	if (p->cb.peer_index != NULL &&
	    p->cb.peer_index(p->cb.arg, x->h, p->view, p->npeers) != 0)
		return P_STOP;
	return P_OK;
}

static int
parse_td2_rib(struct pctx *x, struct cursor *c)
{
	struct mrt_parser *p = x->p;
	uint16_t sub = x->h->subtype, n = 0, i, pidx, alen;
	struct mrt_rib r;
	struct cursor ac;
	const char *why = NULL;
	uint64_t where;
	int generic;

	memset(&r, 0, sizeof(r));
	r.h = x->h;
	r.tdv = 2;
	r.addpath = sub >= MRT_TD2_RIB_IPV4_UNICAST_AP;
	generic = sub == MRT_TD2_RIB_GENERIC || sub == MRT_TD2_RIB_GENERIC_AP;
	if (cur_u32(c, &r.seq) != 0)
		SKIP(x, c, "truncated");
	if (generic) {
		/* AFI, SAFI, then one NLRI */
		if (cur_u16(c, &r.afi) != 0 || cur_u8(c, &r.safi) != 0)
			SKIP(x, c, "truncated RIB_GENERIC header");
		if (!mp_known(r.afi, r.safi)) {
			pwarn(x, cur_offset(c), "AFI %u SAFI %u not decoded",
			    r.afi, r.safi);
			p->st.unsupported++;
			return P_SKIP;
		}
	} else {
		int v6 = sub == MRT_TD2_RIB_IPV6_UNICAST ||
		    sub == MRT_TD2_RIB_IPV6_MULTICAST ||
		    sub == MRT_TD2_RIB_IPV6_UNICAST_AP ||
		    sub == MRT_TD2_RIB_IPV6_MULTICAST_AP;
		int mc = sub == MRT_TD2_RIB_IPV4_MULTICAST ||
		    sub == MRT_TD2_RIB_IPV6_MULTICAST ||
		    sub == MRT_TD2_RIB_IPV4_MULTICAST_AP ||
		    sub == MRT_TD2_RIB_IPV6_MULTICAST_AP;

		r.afi = v6 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
		r.safi = mc ? BGP_SAFI_MULTICAST : BGP_SAFI_UNICAST;
	}
	/* The prefix has no path id here: RFC 8050 puts it per entry. */
	if (read_prefix(c, bo_afi(r.afi), 0, &r.prefix, &why) != 0)
		SKIP(x, c, "%s", why);
	p->st.host_bits += r.prefix.host_bits;
	if (cur_u16(c, &n) != 0)
		SKIP(x, c, "entry count missing");
	if (!p->have_index)
		SKIP(x, c, "RIB entry before any PEER_INDEX_TABLE");
	if (p->cb.want_prefix != NULL &&
	    !p->cb.want_prefix(p->cb.arg, &r.prefix)) {
		p->st.filtered++;
		return P_OK;
	}
	for (i = 0; i < n; i++) {
		/* peer index, originated time, [path id], attributes */
		if (cur_u16(c, &pidx) != 0 || cur_u32(c, &r.originated) != 0 ||
		    (r.addpath && cur_u32(c, &r.path_id) != 0) ||
		    cur_u16(c, &alen) != 0 || cur_sub(c, alen, &ac) != 0)
			SKIP(x, c, "entry %u of %u truncated", i, n);
		if (pidx >= p->npeers) {
			pwarn(x, cur_offset(c), "entry %u: peer index %u not "
			    "in the PEER_INDEX_TABLE (%zu peers)", i, pidx,
			    p->npeers);
			p->st.skipped++;
			continue;
		}
		if (read_attrs(&ac, ATTRS_AS4, 0, r.afi, &p->attrs, &p->st, &why,
		    &where) != 0) {
			pwarn(x, where, "entry %u: %s", i, why);
			p->st.skipped++;
			continue;
		}
		attrs_warn(x, &p->attrs, ac.base);
		r.peer = &p->peers[pidx];
		r.attrs = &p->attrs;
		r.index = i;
		p->st.rib_entries++;
		if (p->cb.rib != NULL && p->cb.rib(p->cb.arg, &r) != 0)
			return P_STOP;
	}
	if (cur_left(c) > 0)
		pwarn(x, cur_offset(c), "%zu bytes after the last entry "
		    "ignored", cur_left(c));
	return P_OK;
}

static int
parse_td2(struct pctx *x, struct cursor *c)
{
	switch (x->h->subtype) {
	case MRT_TD2_PEER_INDEX_TABLE:
		return parse_peer_index(x, c);
	case MRT_TD2_RIB_IPV4_UNICAST:
	case MRT_TD2_RIB_IPV4_MULTICAST:
	case MRT_TD2_RIB_IPV6_UNICAST:
	case MRT_TD2_RIB_IPV6_MULTICAST:
	case MRT_TD2_RIB_GENERIC:
	case MRT_TD2_RIB_IPV4_UNICAST_AP:
	case MRT_TD2_RIB_IPV4_MULTICAST_AP:
	case MRT_TD2_RIB_IPV6_UNICAST_AP:
	case MRT_TD2_RIB_IPV6_MULTICAST_AP:
	case MRT_TD2_RIB_GENERIC_AP:
		return parse_td2_rib(x, c);
	default:
		x->p->st.unsupported++;
		SKIP(x, c, "subtype not decoded");
	}
}

/* ---- BGP messages ---- */

/*
 * The three prefix-bearing parts of an UPDATE with or without ADD-PATH
 * path ids.  0, 1 when a last prefix was cut short (why says which
 * part, where where it starts), -1 on a malformed part (why, where).
 * acut: the attribute block was cut by the end of the record.
 */
static int
update_parts(struct mrt_parser *p, struct cursor wc, struct cursor ac,
    struct cursor nc, const struct mrt_msg *m, int addpath, int acut,
    const char **why, uint64_t *where)
{
	int rc, partial = 0;
	uint64_t cut_at = 0;

	*where = cur_offset(&wc);
	rc = read_plist(&wc, BO_AFI_IPV4, addpath, &p->withdrawn, &p->st, why);
	if (rc < 0)
		return -1;
	if (rc > 0)
		cut_at = p->withdrawn.cut_at;
	partial |= rc;
	if (read_attrs(&ac, (m->as4 ? ATTRS_AS4 : 0) | (acut ? ATTRS_CUT : 0),
	    addpath, 0, &p->attrs, &p->st, why, where) != 0)
		return -1;
	if (p->attrs.partial != NULL) {
		*why = p->attrs.partial;
		cut_at = p->attrs.partial_at;
		partial = 1;
	}
	*where = cur_offset(&nc);
	rc = read_plist(&nc, BO_AFI_IPV4, addpath, &p->nlri, &p->st, why);
	if (rc < 0)
		return -1;
	if (rc > 0)
		cut_at = p->nlri.cut_at;
	if (partial | rc)
		*where = cut_at;
	return partial | rc;
}

/* Offset just past the record being decoded. */
static uint64_t
rec_end(const struct pctx *x)
{
	return x->h->offset + 12 + (x->h->et ? 4 : 0) + x->h->len;
}

static int
parse_update(struct pctx *x, struct cursor *c, struct mrt_msg *m)
{
	struct mrt_parser *p = x->p;
	uint16_t wlen, alen;
	struct cursor wc, ac, nc;
	const char *why = NULL, *why2 = NULL;
	uint64_t where, where2;
	int rc, acut = 0;

	/*
	 * withdrawn routes length, withdrawn routes, path attribute length,
	 * path attributes, then NLRI.  A message cut by the end of its
	 * record (m->cut) keeps what the record holds: the part that
	 * overruns is read to the end, the parts after it are empty.
	 */
	if (cur_u16(c, &wlen) != 0)
		SKIP(x, c, "UPDATE withdrawn routes length missing");
	if (cur_sub(c, wlen, &wc) != 0) {
		if (m->cut == 0)
			SKIP(x, c, "UPDATE withdrawn routes overrun the "
			    "message");
		cur_rest(c, &wc);
	}
	if (cur_left(c) == 0 && m->cut != 0)
		cur_init(&ac, cur_ptr(c), 0, cur_offset(c));
	else if (cur_u16(c, &alen) != 0)
		SKIP(x, c, "UPDATE path attribute length missing");
	else if (cur_sub(c, alen, &ac) != 0) {
		if (m->cut == 0)
			SKIP(x, c, "UPDATE path attributes overrun the "
			    "message");
		cur_rest(c, &ac);
		acut = 1;
	}
	cur_rest(c, &nc);
	rc = update_parts(p, wc, ac, nc, m, m->addpath, acut, &why, &where);
	if (rc < 0 && !m->addpath) {
		/*
		 * BIRD has written ADD-PATH NLRI under the plain MESSAGE
		 * subtypes; read that way the path ids become bogus
		 * prefixes.  When the plain reading fails and the ADD-PATH
		 * one works, take it and say so.
		 */
		rc = update_parts(p, wc, ac, nc, m, 1, acut, &why2, &where2);
		if (rc >= 0) {
			m->addpath = 1;
			pwarn(x, where, "%s as plain NLRI; read as ADD-PATH "
			    "(path ids present without an ADD-PATH subtype)",
			    why);
			why = why2;
			where = where2;
		}
	}
	if (rc < 0) {
		pwarn(x, where, "%s", why);
		p->st.skipped++;
		return P_SKIP;
	}
	if (m->cut != 0)
		pwarn(x, rc > 0 ? where : rec_end(x), "BGP message runs %zu "
		    "bytes past the end of its record (cut by the collector); "
		    "read up to the record's end%s%s", m->cut,
		    rc > 0 ? "; dropped: " : "", rc > 0 ? why : "");
	else if (rc > 0)
		pwarn(x, where, "%s; the last prefix is dropped", why);
	attrs_warn(x, &p->attrs, ac.base);
	m->attrs = &p->attrs;
	m->withdrawn = &p->withdrawn;
	m->nlri = &p->nlri;
	p->st.withdrawn += p->withdrawn.n + p->attrs.unreach.nlri.n;
	p->st.announced += p->nlri.n + p->attrs.reach.nlri.n;
	return P_OK;
}

#define BGP_HDR_NONE	0	/* deprecated BGP type: no BGP header */
#define BGP_HDR_FULL	1
#define BGP_HDR_SHORT	2	/* Zebra: the first 4 marker bytes left out */

/* A BGP message after the MRT peering header: marker, length, type. */
static int
parse_bgp_message(struct pctx *x, struct cursor *c, struct mrt_msg *m,
    int hdr)
{
	struct mrt_parser *p = x->p;
	const uint8_t *mk;
	uint16_t mlen;
	struct cursor body;
	size_t i;
	int rc;

	if (hdr != BGP_HDR_NONE) {
		/* marker (16 x 0xff, or its last 12 bytes), length, type */
		if (cur_bytes(c, hdr == BGP_HDR_FULL ? 16 : 12, &mk) != 0)
			SKIP(x, c, "BGP marker truncated");
		for (i = 0; i < (hdr == BGP_HDR_FULL ? 16u : 12u); i++)
			if (mk[i] != 0xff)
				SKIP(x, c, "bad BGP marker");
		if (cur_u16(c, &mlen) != 0 || cur_u8(c, &m->bgp_type) != 0)
			SKIP(x, c, "BGP header truncated");
		if (mlen < 19)
			SKIP(x, c, "BGP message length %u below 19", mlen);
		if (cur_sub(c, (size_t)mlen - 19, &body) != 0) {
			/* Collectors capped records (RouteViews wrote at
			 * most 4,096 bytes in 2008) and cut the message:
			 * what the record holds is read. */
			m->cut = (size_t)mlen - 19 - cur_left(c);
			cur_rest(c, &body);
		}
	} else
		cur_rest(c, &body);
	if (m->bgp_type < BO_NELEM(p->st.bgp_msgs))
		p->st.bgp_msgs[m->bgp_type]++;
	switch (m->bgp_type) {
	case BGP_MSG_UPDATE:
		rc = parse_update(x, &body, m);
		if (rc != P_OK)
			return rc;
		break;
	case BGP_MSG_NOTIFICATION:
		if (cur_u8(&body, &m->err_code) != 0 ||
		    cur_u8(&body, &m->err_subcode) != 0)
			SKIP(x, &body, "NOTIFICATION truncated");
		break;
	case BGP_MSG_OPEN:
	case BGP_MSG_KEEPALIVE:
	case BGP_MSG_ROUTE_REFRESH:
		break;
	default:
		SKIP(x, c, "unknown BGP message type %u", m->bgp_type);
	}
	if (m->cut != 0 && m->bgp_type != BGP_MSG_UPDATE)
		pwarn(x, rec_end(x), "BGP message runs %zu bytes past the end "
		    "of its record", m->cut);
	if (p->cb.msg != NULL && p->cb.msg(p->cb.arg, m) != 0)
		return P_STOP;
	return P_OK;
}

/*
 * BGP4MP_ENTRY (deprecated; OpenBGPD's "table-mp" dumps): one RIB entry
 * after the peering header.  bgpdump does not show it; it becomes a
 * bgp.rib event.
 */
static int
parse_entry(struct pctx *x, struct cursor *c, const struct mrt_peer *peer)
{
	struct mrt_parser *p = x->p;
	struct mrt_rib r;
	const uint8_t *nh;
	uint8_t nhlen;
	uint16_t status, alen;
	struct cursor ac;
	const char *why = NULL;
	uint64_t where;

	memset(&r, 0, sizeof(r));
	r.h = x->h;
	r.tdv = MRT_RIB_ENTRY;
	/* view, status, originated, AFI, SAFI, next hop */
	if (cur_u16(c, &r.view) != 0 || cur_u16(c, &status) != 0 ||
	    cur_u32(c, &r.originated) != 0 || cur_u16(c, &r.afi) != 0 ||
	    cur_u8(c, &r.safi) != 0 || cur_u8(c, &nhlen) != 0 ||
	    cur_bytes(c, nhlen, &nh) != 0)
		SKIP(x, c, "truncated entry header");
	r.status = (uint8_t)status;
	if (!mp_known(r.afi, r.safi)) {
		p->st.unsupported++;
		SKIP(x, c, "AFI %u SAFI %u not decoded", r.afi, r.safi);
	}
	if (read_prefix(c, bo_afi(r.afi), 0, &r.prefix, &why) != 0)
		SKIP(x, c, "%s", why);
	if (cur_u16(c, &alen) != 0 || cur_sub(c, alen, &ac) != 0)
		SKIP(x, c, "attribute length overruns the record");
	if (p->cb.want_prefix != NULL &&
	    !p->cb.want_prefix(p->cb.arg, &r.prefix)) {
		p->st.filtered++;
		return P_OK;
	}
	if (read_attrs(&ac, 0, 0, 0, &p->attrs, &p->st, &why, &where) != 0) {
		pwarn(x, where, "%s", why);
		p->st.skipped++;
		return P_SKIP;
	}
	attrs_warn(x, &p->attrs, ac.base);
	if (!p->attrs.reach.present && (nhlen == 4 || nhlen == 16 ||
	    nhlen == 32)) {
		/* the entry's next hop stands in for MP_REACH_NLRI's */
		struct mrt_mp *mp = &p->attrs.reach;

		mp->present = mp->known = mp->abbrev = 1;
		mp->afi = r.afi;
		mp->safi = r.safi;
		mp->nhlen = nhlen;
		memset(mp->nh, 0, sizeof(mp->nh));
		memcpy(mp->nh, nh, nhlen < 16 ? nhlen : 16);
	}
	r.peer = peer;
	r.attrs = &p->attrs;
	p->st.rib_entries++;
	if (p->cb.rib != NULL && p->cb.rib(p->cb.arg, &r) != 0)
		return P_STOP;
	return P_OK;
}

static int
parse_bgp4mp(struct pctx *x, struct cursor *c)
{
	struct mrt_parser *p = x->p;
	uint16_t sub = x->h->subtype, ifindex, afi;
	int as4, state;
	struct mrt_msg m;
	struct mrt_state s;

	switch (sub) {
	case MRT_BGP4MP_STATE_CHANGE:
	case MRT_BGP4MP_STATE_CHANGE_AS4:
		state = 1;
		as4 = sub == MRT_BGP4MP_STATE_CHANGE_AS4;
		break;
	case MRT_BGP4MP_MESSAGE:
	case MRT_BGP4MP_MESSAGE_LOCAL:
	case MRT_BGP4MP_MESSAGE_AP:
	case MRT_BGP4MP_MESSAGE_LOCAL_AP:
		state = 0;
		as4 = 0;
		break;
	case MRT_BGP4MP_MESSAGE_AS4:
	case MRT_BGP4MP_MESSAGE_AS4_LOCAL:
	case MRT_BGP4MP_MESSAGE_AS4_AP:
	case MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP:
		state = 0;
		as4 = 1;
		break;
	case MRT_BGP4MP_ENTRY:
		state = 2;
		as4 = 0;
		break;
	default:
		/* SNAPSHOT: deprecated, names a file; bgpdump shows nothing */
		p->st.unsupported++;
		SKIP(x, c, "subtype not decoded");
	}
	memset(&m, 0, sizeof(m));
	memset(&s, 0, sizeof(s));
	/* peer AS, local AS */
	if (read_asn(c, as4, &m.peer.as) != 0 || read_asn(c, as4, &m.me.as)
	    != 0)
		SKIP(x, c, "truncated peering header");
	if (state && x->h->len == 8) {
		/* Zebra wrote state changes without interface and
		 * addresses (rrc01, 2000): old state, new state. */
		s.h = x->h;
		s.short_form = 1;
		s.afi = BGP_AFI_IPV4;
		s.peer = m.peer;
		s.me = m.me;
		s.peer.addr.afi = s.me.addr.afi = BO_AFI_IPV4;
		if (cur_u16(c, &s.old_state) != 0 ||
		    cur_u16(c, &s.new_state) != 0)
			SKIP(x, c, "truncated state change");
		goto state;
	}
	/* interface index, address family, peer and local address */
	if (cur_u16(c, &ifindex) != 0 || cur_u16(c, &afi) != 0)
		SKIP(x, c, "truncated peering header");
	if (afi == 0xffff && ifindex == 0xffff && !state) {
		/* Zebra left out the interface and addresses of OPEN
		 * messages and the first 4 marker bytes with them. */
		m.afi = BGP_AFI_IPV4;
		m.peer.addr.afi = m.me.addr.afi = BO_AFI_IPV4;
		m.h = x->h;
		m.as4 = as4;
		return parse_bgp_message(x, c, &m, BGP_HDR_SHORT);
	}
	if (afi != BGP_AFI_IPV4 && afi != BGP_AFI_IPV6) {
		p->st.unsupported++;
		SKIP(x, c, "address family %u not decoded", afi);
	}
	if (read_addr(c, bo_afi(afi), &m.peer.addr) != 0 ||
	    read_addr(c, bo_afi(afi), &m.me.addr) != 0)
		SKIP(x, c, "truncated peer addresses");
	if (state == 2)
		return parse_entry(x, c, &m.peer);
	if (state) {
		s.h = x->h;
		s.afi = afi;
		s.peer = m.peer;
		s.me = m.me;
		if (cur_u16(c, &s.old_state) != 0 ||
		    cur_u16(c, &s.new_state) != 0)
			SKIP(x, c, "truncated state change");
		goto state;
	}
	m.h = x->h;
	m.afi = afi;
	m.as4 = as4;
	m.local = sub == MRT_BGP4MP_MESSAGE_LOCAL ||
	    sub == MRT_BGP4MP_MESSAGE_AS4_LOCAL ||
	    sub == MRT_BGP4MP_MESSAGE_LOCAL_AP ||
	    sub == MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP;
	m.addpath = sub >= MRT_BGP4MP_MESSAGE_AP;
	return parse_bgp_message(x, c, &m, BGP_HDR_FULL);
state:
	p->st.states++;
	if (p->cb.state != NULL && p->cb.state(p->cb.arg, &s) != 0)
		return P_STOP;
	return P_OK;
}

/* The deprecated BGP type (RFC 6396 appendix B.2), RIS 1999-2001. */
static int
parse_bgp5(struct pctx *x, struct cursor *c)
{
	struct mrt_parser *p = x->p;
	struct mrt_msg m;
	struct mrt_state s;

	memset(&m, 0, sizeof(m));
	m.h = x->h;
	m.afi = BGP_AFI_IPV4;
	/* peer AS, peer address */
	if (read_asn(c, 0, &m.peer.as) != 0 ||
	    read_addr(c, BO_AFI_IPV4, &m.peer.addr) != 0)
		SKIP(x, c, "truncated peer");
	switch (x->h->subtype) {
	case MRT_BGP_STATE_CHANGE:
		memset(&s, 0, sizeof(s));
		s.h = x->h;
		s.afi = BGP_AFI_IPV4;
		s.peer = m.peer;
		s.me.addr.afi = BO_AFI_IPV4;
		if (cur_u16(c, &s.old_state) != 0 ||
		    cur_u16(c, &s.new_state) != 0)
			SKIP(x, c, "truncated state change");
		p->st.states++;
		if (p->cb.state != NULL && p->cb.state(p->cb.arg, &s) != 0)
			return P_STOP;
		return P_OK;
	case MRT_BGP_UPDATE:
	case MRT_BGP_OPEN:
	case MRT_BGP_NOTIFY:
	case MRT_BGP_KEEPALIVE:
		/* local AS, local address, then the message without its
		 * BGP header */
		if (read_asn(c, 0, &m.me.as) != 0 ||
		    read_addr(c, BO_AFI_IPV4, &m.me.addr) != 0)
			SKIP(x, c, "truncated peering header");
		m.bgp_type = x->h->subtype == MRT_BGP_UPDATE ? BGP_MSG_UPDATE :
		    x->h->subtype == MRT_BGP_OPEN ? BGP_MSG_OPEN :
		    x->h->subtype == MRT_BGP_NOTIFY ? BGP_MSG_NOTIFICATION :
		    BGP_MSG_KEEPALIVE;
		return parse_bgp_message(x, c, &m, BGP_HDR_NONE);
	default:
		p->st.unsupported++;
		SKIP(x, c, "subtype not decoded");
	}
}

int
mrt_parse_record(struct mrt_parser *p, const struct mrt_hdr *h,
    struct cursor *c)
{
	struct pctx x = { p, h };
	size_t ti;
	int rc;

	p->st.records++;
	p->st.bytes += 12 + h->len + (h->et ? 4 : 0);
	ti = h->type == MRT_BGP ? 0 : h->type == MRT_TABLE_DUMP ? 1 :
	    h->type == MRT_TABLE_DUMP_V2 ? 2 : h->type == MRT_BGP4MP ? 3 :
	    h->type == MRT_BGP4MP_ET ? 4 : 5;
	if (ti < 5 && h->subtype < 16)
		p->st.by_type[ti][h->subtype]++;
	if (p->st.first_ts == 0 || h->ts < p->st.first_ts)
		p->st.first_ts = h->ts;
	if (h->ts > p->st.last_ts)
		p->st.last_ts = h->ts;
	if (p->cb.want != NULL && !p->cb.want(p->cb.arg, h)) {
		p->st.filtered++;
		return 0;
	}
	switch (h->type) {
	case MRT_BGP:
		rc = parse_bgp5(&x, c);
		break;
	case MRT_TABLE_DUMP:
		rc = parse_td1(&x, c);
		break;
	case MRT_TABLE_DUMP_V2:
		rc = parse_td2(&x, c);
		break;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		rc = parse_bgp4mp(&x, c);
		break;
	default:
		p->st.unsupported++;
		pwarn(&x, h->offset, "type not decoded");
		p->st.skipped++;
		rc = P_SKIP;
		break;
	}
	if (rc == P_STOP) {
		p->stop = 1;
		return -1;
	}
	return 0;
}
