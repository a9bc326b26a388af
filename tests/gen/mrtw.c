#include "config.h"

#include <string.h>

#include "mrtw.h"

#define MRT_HDR_LEN		12
#define BGP_MARKER_LEN		16
#define BGP_HDR_LEN		19
#define BGP_MAX_MSG		4096
#define BGP_MSG_UPDATE		2
#define AFI_IPV4		1

#define BGP_ATTR_FLAG_TRANS	0x40
#define BGP_ATTR_FLAG_EXTLEN	0x10
#define BGP_ATTR_ORIGIN		1
#define BGP_ATTR_AS_PATH	2
#define BGP_ATTR_NEXT_HOP	3
#define BGP_ATTR_MP_REACH	14
#define BGP_ATTR_MP_UNREACH	15
#define BGP_ATTR_FLAG_OPT	0x80
#define AFI_IPV6		2
#define SAFI_UNICAST		1
#define BGP_AS_SEQUENCE		2

#define TD2_PEER_TYPE_AS4	0x02	/* bit 1: 4-byte peer AS */

/* Big enough for a RIB entry of every peer a collector may have. */
#define MRTW_REC_MAX		16384

static uint8_t	rec_mem[MRTW_REC_MAX];

/* Starts a record; its length is patched in by rec_end(). */
static void
rec_begin(struct wbuf *w, int64_t t_us, uint16_t type, uint16_t subtype,
    int et)
{
	wb_init(w, rec_mem, sizeof(rec_mem));
	wb_u32(w, (uint32_t)(t_us / 1000000));		/* timestamp */
	wb_u16(w, type);
	wb_u16(w, subtype);
	wb_u32(w, 0);					/* length, patched */
	if (et)
		wb_u32(w, (uint32_t)(t_us % 1000000));	/* microseconds */
}

static int
rec_end(struct wbuf *w, struct buf *out)
{
	/* RFC 6396 3: the ET microsecond field counts in the length. */
	wb_patch_u32(w, 8, (uint32_t)(w->len - MRT_HDR_LEN));
	if (!wb_ok(w))
		return -1;
	buf_add(out, w->p, w->len);
	return 0;
}

static void
put_prefix(struct wbuf *w, const struct gen_prefix *p)
{
	uint8_t b[4] = { (uint8_t)(p->addr >> 24), (uint8_t)(p->addr >> 16),
	    (uint8_t)(p->addr >> 8), (uint8_t)p->addr };

	wb_u8(w, p->len);
	wb_bytes(w, p->v6 ? p->a6 : b, (size_t)(p->len + 7) / 8);
}

/* The IPv6 next hop of an IPv4 one: 2001:db8::a.b.c.d. */
static void
put_nexthop6(struct wbuf *w, uint32_t nh)
{
	uint8_t b[16] = { 0x20, 0x01, 0x0d, 0xb8 };

	b[12] = (uint8_t)(nh >> 24);
	b[13] = (uint8_t)(nh >> 16);
	b[14] = (uint8_t)(nh >> 8);
	b[15] = (uint8_t)nh;
	wb_bytes(w, b, sizeof(b));
}

/* An MP_REACH_NLRI (reach, with the next hop) or MP_UNREACH_NLRI of the
 * IPv6 prefixes among pfx; rib: the TABLE_DUMP_V2 form, next hop only. */
static void
put_mp(struct wbuf *w, int reach, uint32_t nh, const struct gen_prefix *pfx,
    size_t npfx, int rib)
{
	size_t at, i;

	wb_u8(w, BGP_ATTR_FLAG_OPT | BGP_ATTR_FLAG_EXTLEN);
	wb_u8(w, reach ? BGP_ATTR_MP_REACH : BGP_ATTR_MP_UNREACH);
	at = w->len;
	wb_u16(w, 0);
	if (!rib) {
		wb_u16(w, AFI_IPV6);
		wb_u8(w, SAFI_UNICAST);
	}
	if (reach) {
		wb_u8(w, 16);
		put_nexthop6(w, nh);
		if (!rib)
			wb_u8(w, 0);		/* reserved */
	}
	for (i = 0; i < npfx && !rib; i++)
		if (pfx[i].v6)
			put_prefix(w, &pfx[i]);
	wb_patch_u16(w, at, (uint16_t)(w->len - at - 2));
}

/* ORIGIN, AS_PATH (4-byte ASes, as on an AS4 session and in TABLE_DUMP_V2)
 * and NEXT_HOP. */
static void
put_attrs(struct wbuf *w, const struct mrtw_attrs *a, int nexthop)
{
	size_t i, plen = a->plen > 255 ? 255 : a->plen;
	size_t aslen = 2 + 4 * plen;

	wb_u8(w, BGP_ATTR_FLAG_TRANS);
	wb_u8(w, BGP_ATTR_ORIGIN);
	wb_u8(w, 1);
	wb_u8(w, a->origin);
	if (aslen > 255) {
		wb_u8(w, BGP_ATTR_FLAG_TRANS | BGP_ATTR_FLAG_EXTLEN);
		wb_u8(w, BGP_ATTR_AS_PATH);
		wb_u16(w, (uint16_t)aslen);
	} else {
		wb_u8(w, BGP_ATTR_FLAG_TRANS);
		wb_u8(w, BGP_ATTR_AS_PATH);
		wb_u8(w, (uint8_t)aslen);
	}
	wb_u8(w, BGP_AS_SEQUENCE);
	wb_u8(w, (uint8_t)plen);
	for (i = 0; i < plen; i++)
		wb_u32(w, a->path[i]);
	if (!nexthop)
		return;
	wb_u8(w, BGP_ATTR_FLAG_TRANS);
	wb_u8(w, BGP_ATTR_NEXT_HOP);
	wb_u8(w, 4);
	wb_u32(w, a->nexthop);
}

static void
put_bgp4mp_head(struct wbuf *w, const struct mrtw_session *s)
{
	wb_u32(w, s->peer_as);		/* peer AS */
	wb_u32(w, s->local_as);		/* local AS */
	wb_u16(w, 0);			/* interface index */
	wb_u16(w, AFI_IPV4);		/* address family */
	wb_u32(w, s->peer_ip);		/* peer IP */
	wb_u32(w, s->local_ip);		/* local IP */
}

int
mrtw_update(struct buf *out, const struct mrtw_session *s, int64_t t_us,
    const struct mrtw_attrs *a, const struct gen_prefix *pfx, size_t npfx)
{
	static const uint8_t marker[BGP_MARKER_LEN] = {
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct wbuf w;
	size_t msg, field, i, n6 = 0;

	if (npfx == 0 || npfx > MRTW_MAX_NLRI)
		return -1;
	for (i = 0; i < npfx; i++)
		n6 += pfx[i].v6;
	rec_begin(&w, t_us, s->et ? MRT_BGP4MP_ET : MRT_BGP4MP,
	    MRT_BGP4MP_MESSAGE_AS4, s->et);
	put_bgp4mp_head(&w, s);
	msg = w.len;
	wb_bytes(&w, marker, sizeof(marker));
	wb_u16(&w, 0);				/* message length, patched */
	wb_u8(&w, BGP_MSG_UPDATE);
	field = w.len;
	wb_u16(&w, 0);				/* withdrawn routes length */
	if (a == NULL) {
		for (i = 0; i < npfx; i++)
			if (!pfx[i].v6)
				put_prefix(&w, &pfx[i]);
		wb_patch_u16(&w, field, (uint16_t)(w.len - field - 2));
		field = w.len;
		wb_u16(&w, 0);			/* path attributes length */
		if (n6 > 0)
			put_mp(&w, 0, 0, pfx, npfx, 0);
		wb_patch_u16(&w, field, (uint16_t)(w.len - field - 2));
	} else {
		field = w.len;
		wb_u16(&w, 0);			/* path attributes length */
		put_attrs(&w, a, n6 < npfx);
		if (n6 > 0)
			put_mp(&w, 1, a->nexthop, pfx, npfx, 0);
		wb_patch_u16(&w, field, (uint16_t)(w.len - field - 2));
		for (i = 0; i < npfx; i++)	/* NLRI */
			if (!pfx[i].v6)
				put_prefix(&w, &pfx[i]);
	}
	if (w.len - msg > BGP_MAX_MSG)
		return -1;
	wb_patch_u16(&w, msg + BGP_MARKER_LEN, (uint16_t)(w.len - msg));
	return rec_end(&w, out);
}

int
mrtw_state(struct buf *out, const struct mrtw_session *s, int64_t t_us,
    uint16_t old_state, uint16_t new_state)
{
	struct wbuf w;

	rec_begin(&w, t_us, s->et ? MRT_BGP4MP_ET : MRT_BGP4MP,
	    MRT_BGP4MP_STATE_CHANGE_AS4, s->et);
	put_bgp4mp_head(&w, s);
	wb_u16(&w, old_state);
	wb_u16(&w, new_state);
	return rec_end(&w, out);
}

int
mrtw_peer_index(struct buf *out, int64_t t_us, uint32_t collector_id,
    const struct gen_peer *peers, size_t npeers)
{
	struct wbuf w;
	size_t i;

	if (npeers > 0xffff)
		return -1;
	rec_begin(&w, t_us, MRT_TABLE_DUMP_V2, MRT_TD2_PEER_INDEX_TABLE, 0);
	wb_u32(&w, collector_id);		/* collector BGP ID */
	wb_u16(&w, 0);				/* view name length: none */
	wb_u16(&w, (uint16_t)npeers);		/* peer count */
	for (i = 0; i < npeers; i++) {
		wb_u8(&w, TD2_PEER_TYPE_AS4);	/* IPv4 address, 4-byte AS */
		wb_u32(&w, peers[i].addr);	/* peer BGP ID */
		wb_u32(&w, peers[i].addr);	/* peer IP */
		wb_u32(&w, peers[i].asn);	/* peer AS */
	}
	return rec_end(&w, out);
}

int
mrtw_rib(struct buf *out, int64_t t_us, uint32_t seq,
    const struct gen_prefix *p, const struct mrtw_rib_entry *e, size_t n)
{
	struct wbuf w;
	size_t i, field;

	if (n > 0xffff)
		return -1;
	rec_begin(&w, t_us, MRT_TABLE_DUMP_V2, p->v6 ?
	    MRT_TD2_RIB_IPV6_UNICAST : MRT_TD2_RIB_IPV4_UNICAST, 0);
	wb_u32(&w, seq);			/* sequence number */
	put_prefix(&w, p);			/* prefix length, prefix */
	wb_u16(&w, (uint16_t)n);		/* entry count */
	for (i = 0; i < n; i++) {
		wb_u16(&w, e[i].peer);		/* peer index */
		wb_u32(&w, e[i].originated);	/* originated time */
		field = w.len;
		wb_u16(&w, 0);			/* attribute length */
		put_attrs(&w, &e[i].a, !p->v6);
		if (p->v6)
			put_mp(&w, 1, e[i].a.nexthop, NULL, 0, 1);
		wb_patch_u16(&w, field, (uint16_t)(w.len - field - 2));
	}
	return rec_end(&w, out);
}
