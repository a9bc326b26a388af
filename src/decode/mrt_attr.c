/*
 * MRT record parser, the parts below a record: addresses, prefixes and
 * path attributes.  Each nested length gets its own sub-cursor, so nothing
 * is read past the length that declared it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decode/mrt_attr.h"
#include "util/util.h"

void
mrt_aspath_free(struct mrt_aspath *a)
{
	free(a->as);
	free(a->segtype);
	free(a->seglen);
}

/* ---- addresses and prefixes ---- */

int
mrt_read_addr(struct cursor *c, uint8_t afi, struct mrt_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->afi = afi;
	return cur_copy(c, a->a, afi == BO_AFI_IPV6 ? 16 : 4);
}

int
mrt_read_asn(struct cursor *c, int as4, uint32_t *v)
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
int
mrt_read_prefix(struct cursor *c, uint8_t afi, int addpath,
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
int
mrt_read_plist(struct cursor *c, uint8_t afi, int addpath,
    struct mrt_plist *l, struct mrt_stats *st, const char **why)
{
	int rc;

	l->n = 0;
	while (cur_left(c) > 0) {
		struct mrt_prefix *pf = plist_add(l);

		l->cut_at = cur_offset(c);
		if ((rc = mrt_read_prefix(c, afi, addpath, pf, why)) != 0) {
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

int
mrt_mp_known(uint16_t afi, uint8_t safi)
{
	return (afi == BGP_AFI_IPV4 || afi == BGP_AFI_IPV6) &&
	    safi >= BGP_SAFI_UNICAST && safi <= BGP_SAFI_BOTH;
}

uint8_t
mrt_bo_afi(uint16_t afi)
{
	return afi == BGP_AFI_IPV6 ? BO_AFI_IPV6 : BO_AFI_IPV4;
}

/* An address family we do not decode: counted, named, and skipped. */
static int
mp_unknown(struct cursor *c, const struct mrt_mp *mp, struct mrt_attrs *at,
    struct mrt_stats *st)
{
	st->unsupported++;
	at->unknown_mp = 1;
	at->unknown_afi = mp->afi;
	at->unknown_safi = mp->safi;
	return cur_skip(c, cur_left(c));
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
		mp->known = mrt_mp_known(mp->afi, mp->safi);
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
	if (!mp->known)
		return mp_unknown(c, mp, at, st);
	cur_rest(c, &nl);
	return mrt_read_plist(&nl, mrt_bo_afi(mp->afi), addpath, &mp->nlri, st, why);
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
	mp->known = mrt_mp_known(mp->afi, mp->safi);
	if (!mp->known)
		return mp_unknown(c, mp, at, st);
	return mrt_read_plist(c, mrt_bo_afi(mp->afi), addpath, &mp->nlri, st, why);
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

/* The attribute block (mrt_attr.h). */
int
mrt_read_attrs(struct cursor *c, int flags_in, int addpath,
    uint16_t rib_afi, struct mrt_attrs *at, struct mrt_stats *st,
    const char **why, uint64_t *where)
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
			    mrt_read_asn(&a, len == 8, &at->agg_as) != 0 ||
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

