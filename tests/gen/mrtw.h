/*
 * MRT record writer (RFC 6396, RFC 8050 field layout for TABLE_DUMP_V2).
 * Each record is built in a fixed buffer through the bounded builder and
 * appended to out only when it was built whole; -1 means it did not fit.
 */
#ifndef BO_GEN_MRTW_H
#define BO_GEN_MRTW_H

#include "gen.h"

#define MRT_TABLE_DUMP_V2		13
#define MRT_TD2_PEER_INDEX_TABLE	1
#define MRT_TD2_RIB_IPV4_UNICAST	2
#define MRT_TD2_RIB_IPV6_UNICAST	4
#define MRT_BGP4MP			16
#define MRT_BGP4MP_ET			17
#define MRT_BGP4MP_STATE_CHANGE_AS4	5
#define MRT_BGP4MP_MESSAGE_AS4		4

#define BGP_STATE_IDLE		1
#define BGP_STATE_CONNECT	2
#define BGP_STATE_ACTIVE	3
#define BGP_STATE_OPENSENT	4
#define BGP_STATE_OPENCONFIRM	5
#define BGP_STATE_ESTABLISHED	6

struct mrtw_attrs {
	const uint32_t	*path;
	size_t		 plen;
	uint8_t		 origin;
	uint32_t	 nexthop;
};

/* The session an update or state change belongs to. */
struct mrtw_session {
	int		 et;		/* BGP4MP_ET, with microseconds */
	uint32_t	 peer_as;
	uint32_t	 local_as;
	uint32_t	 peer_ip;
	uint32_t	 local_ip;
};

/* The largest number of prefixes one UPDATE carries here: well inside the
 * 4096-byte BGP message limit whatever the attributes. */
#define MRTW_MAX_NLRI	400

/* An UPDATE announcing pfx with attributes a, or withdrawing pfx (a NULL).
 * IPv6 prefixes go in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760), with a
 * next hop made from the IPv4 one (2001:db8::a.b.c.d). */
int	mrtw_update(struct buf *out, const struct mrtw_session *, int64_t t_us,
	    const struct mrtw_attrs *a, const struct gen_prefix *pfx,
	    size_t npfx) __attribute__((warn_unused_result));
int	mrtw_state(struct buf *out, const struct mrtw_session *, int64_t t_us,
	    uint16_t old_state, uint16_t new_state)
	    __attribute__((warn_unused_result));
int	mrtw_peer_index(struct buf *out, int64_t t_us, uint32_t collector_id,
	    const struct gen_peer *, size_t npeers)
	    __attribute__((warn_unused_result));

struct mrtw_rib_entry {
	uint16_t		peer;		/* index in the peer table */
	uint32_t		originated;	/* seconds */
	struct mrtw_attrs	a;
};

int	mrtw_rib(struct buf *out, int64_t t_us, uint32_t seq,
	    const struct gen_prefix *, const struct mrtw_rib_entry *, size_t n)
	    __attribute__((warn_unused_result));

#endif /* BO_GEN_MRTW_H */
