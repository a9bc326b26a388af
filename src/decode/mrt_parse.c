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

#include "decode/mrt_attr.h"
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

void
mrt_parser_free(struct mrt_parser *p)
{
	if (p == NULL)
		return;
	free(p->peers);
	mrt_aspath_free(&p->attrs.path);
	mrt_aspath_free(&p->attrs.as4path);
	mrt_aspath_free(&p->attrs.merged);
	free(p->attrs.comm);
	free(p->attrs.lcomm);
	free(p->attrs.reach.nlri.v);
	free(p->attrs.unreach.nlri.v);
	free(p->withdrawn.v);
	free(p->nlri.v);
	memset(p, 0, sizeof(*p));
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
		if (mrt_read_addr(c, afi, &pa) != 0 ||
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
		if (mrt_read_addr(c, afi, &peer.addr) != 0 ||
		    mrt_read_asn(c, 0, &peer.as) != 0)
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
		if (mrt_read_attrs(&ac, 0, 0, 0, &p->attrs, &p->st, &why,
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
		    mrt_read_addr(c, (ptype & 1) ? BO_AFI_IPV6 : BO_AFI_IPV4,
		    &e->addr) != 0 || mrt_read_asn(c, ptype & 2, &e->as) != 0) {
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
		if (!mrt_mp_known(r.afi, r.safi)) {
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
	if (mrt_read_prefix(c, mrt_bo_afi(r.afi), 0, &r.prefix, &why) != 0)
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
		if (mrt_read_attrs(&ac, ATTRS_AS4, 0, r.afi, &p->attrs, &p->st, &why,
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
	rc = mrt_read_plist(&wc, BO_AFI_IPV4, addpath, &p->withdrawn, &p->st, why);
	if (rc < 0)
		return -1;
	if (rc > 0)
		cut_at = p->withdrawn.cut_at;
	partial |= rc;
	if (mrt_read_attrs(&ac, (m->as4 ? ATTRS_AS4 : 0) | (acut ? ATTRS_CUT : 0),
	    addpath, 0, &p->attrs, &p->st, why, where) != 0)
		return -1;
	if (p->attrs.partial != NULL) {
		*why = p->attrs.partial;
		cut_at = p->attrs.partial_at;
		partial = 1;
	}
	*where = cur_offset(&nc);
	rc = mrt_read_plist(&nc, BO_AFI_IPV4, addpath, &p->nlri, &p->st, why);
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
	if (!mrt_mp_known(r.afi, r.safi)) {
		p->st.unsupported++;
		SKIP(x, c, "AFI %u SAFI %u not decoded", r.afi, r.safi);
	}
	if (mrt_read_prefix(c, mrt_bo_afi(r.afi), 0, &r.prefix, &why) != 0)
		SKIP(x, c, "%s", why);
	if (cur_u16(c, &alen) != 0 || cur_sub(c, alen, &ac) != 0)
		SKIP(x, c, "attribute length overruns the record");
	if (p->cb.want_prefix != NULL &&
	    !p->cb.want_prefix(p->cb.arg, &r.prefix)) {
		p->st.filtered++;
		return P_OK;
	}
	if (mrt_read_attrs(&ac, 0, 0, 0, &p->attrs, &p->st, &why, &where) != 0) {
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
	if (mrt_read_asn(c, as4, &m.peer.as) != 0 || mrt_read_asn(c, as4, &m.me.as)
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
	if (mrt_read_addr(c, mrt_bo_afi(afi), &m.peer.addr) != 0 ||
	    mrt_read_addr(c, mrt_bo_afi(afi), &m.me.addr) != 0)
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
	if (mrt_read_asn(c, 0, &m.peer.as) != 0 ||
	    mrt_read_addr(c, BO_AFI_IPV4, &m.peer.addr) != 0)
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
		if (mrt_read_asn(c, 0, &m.me.as) != 0 ||
		    mrt_read_addr(c, BO_AFI_IPV4, &m.me.addr) != 0)
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
	if ((p->cb.want != NULL && !p->cb.want(p->cb.arg, h)) ||
	    (p->cb.want_body != NULL && !(h->type == MRT_TABLE_DUMP_V2 &&
	    h->subtype == MRT_TD2_PEER_INDEX_TABLE) &&
	    !p->cb.want_body(p->cb.arg, h, c->p + c->pos, c->len - c->pos))) {
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
