/*
 * The MRT record parser (RFC 6396, RFC 8050, RFC 6793, RFC 4760).
 *
 * Like OpenBGPD's mrtparser, it knows nothing about output: it frames a
 * member's byte stream into records, decodes each one through a
 * bounds-checked cursor and hands the result to callbacks (RIB entries,
 * BGP messages, session state changes).  Everything a callback sees is a
 * view into the parser, valid only during the call; the parser reuses its
 * arrays from record to record so that decoding does not allocate per
 * record.
 */
#ifndef BO_MRT_PARSE_H
#define BO_MRT_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include <blackout/blackout.h>

#include "util/cursor.h"

struct bo_stream;

/* MRT types (RFC 6396 section 4) and the deprecated ones still found. */
#define MRT_BGP			5	/* deprecated, RIS 1999-2001 */
#define MRT_TABLE_DUMP		12
#define MRT_TABLE_DUMP_V2	13
#define MRT_BGP4MP		16
#define MRT_BGP4MP_ET		17

/* MRT_BGP (type 5) subtypes */
#define MRT_BGP_NULL		0
#define MRT_BGP_UPDATE		1
#define MRT_BGP_PREF_UPDATE	2
#define MRT_BGP_STATE_CHANGE	3
#define MRT_BGP_SYNC		4
#define MRT_BGP_OPEN		5
#define MRT_BGP_NOTIFY		6
#define MRT_BGP_KEEPALIVE	7

/* TABLE_DUMP subtypes are the AFI */
#define MRT_TD_AFI_IPV4		1
#define MRT_TD_AFI_IPV6		2

/* TABLE_DUMP_V2 subtypes (RFC 6396 4.3, RFC 8050) */
#define MRT_TD2_PEER_INDEX_TABLE	1
#define MRT_TD2_RIB_IPV4_UNICAST	2
#define MRT_TD2_RIB_IPV4_MULTICAST	3
#define MRT_TD2_RIB_IPV6_UNICAST	4
#define MRT_TD2_RIB_IPV6_MULTICAST	5
#define MRT_TD2_RIB_GENERIC		6
#define MRT_TD2_RIB_IPV4_UNICAST_AP	8
#define MRT_TD2_RIB_IPV4_MULTICAST_AP	9
#define MRT_TD2_RIB_IPV6_UNICAST_AP	10
#define MRT_TD2_RIB_IPV6_MULTICAST_AP	11
#define MRT_TD2_RIB_GENERIC_AP		12

/* BGP4MP / BGP4MP_ET subtypes (RFC 6396 4.4, RFC 8050) */
#define MRT_BGP4MP_STATE_CHANGE		0
#define MRT_BGP4MP_MESSAGE		1
#define MRT_BGP4MP_ENTRY		2
#define MRT_BGP4MP_SNAPSHOT		3
#define MRT_BGP4MP_MESSAGE_AS4		4
#define MRT_BGP4MP_STATE_CHANGE_AS4	5
#define MRT_BGP4MP_MESSAGE_LOCAL	6
#define MRT_BGP4MP_MESSAGE_AS4_LOCAL	7
#define MRT_BGP4MP_MESSAGE_AP		8
#define MRT_BGP4MP_MESSAGE_AS4_AP	9
#define MRT_BGP4MP_MESSAGE_LOCAL_AP	10
#define MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP	11

/* BGP message types (RFC 4271, RFC 2918) */
#define BGP_MSG_OPEN		1
#define BGP_MSG_UPDATE		2
#define BGP_MSG_NOTIFICATION	3
#define BGP_MSG_KEEPALIVE	4
#define BGP_MSG_ROUTE_REFRESH	5

/* Path attribute types */
#define BGP_ATTR_ORIGIN			1
#define BGP_ATTR_AS_PATH		2
#define BGP_ATTR_NEXT_HOP		3
#define BGP_ATTR_MED			4
#define BGP_ATTR_LOCAL_PREF		5
#define BGP_ATTR_ATOMIC_AGGREGATE	6
#define BGP_ATTR_AGGREGATOR		7
#define BGP_ATTR_COMMUNITIES		8
#define BGP_ATTR_ORIGINATOR_ID		9
#define BGP_ATTR_CLUSTER_LIST		10
#define BGP_ATTR_MP_REACH_NLRI		14
#define BGP_ATTR_MP_UNREACH_NLRI	15
#define BGP_ATTR_AS4_PATH		17
#define BGP_ATTR_AS4_AGGREGATOR		18
#define BGP_ATTR_LARGE_COMMUNITIES	32

#define BGP_ATTR_FLAG_EXTLEN	0x10

/* AS_PATH segment types */
#define AS_SET			1
#define AS_SEQUENCE		2
#define AS_CONFED_SEQUENCE	3
#define AS_CONFED_SET		4

#define AS_TRANS		23456

#define BGP_AFI_IPV4		1
#define BGP_AFI_IPV6		2
#define BGP_SAFI_UNICAST	1
#define BGP_SAFI_MULTICAST	2
#define BGP_SAFI_BOTH		3	/* old "unicast and multicast" */

/* The longest record we accept; longer lengths are taken as damage. */
#define MRT_MAX_RECORD		(16u * 1024 * 1024)

#define MRT_ADDR_NONE		0xffffffffu	/* "no IPv4 address" */

struct mrt_hdr {
	uint64_t	 offset;	/* of the record in the member */
	uint32_t	 ts;
	uint32_t	 usec;		/* _ET only */
	uint16_t	 type;
	uint16_t	 subtype;
	uint32_t	 len;		/* body length (without the _ET µs) */
	int		 et;
};

struct mrt_addr {
	uint8_t		 afi;		/* BO_AFI_IPV4 / BO_AFI_IPV6 */
	uint8_t		 a[16];
};

struct mrt_prefix {
	uint8_t		 afi;
	uint8_t		 len;
	uint8_t		 host_bits;	/* set bits past len on the wire */
	uint8_t		 addr[16];	/* host bits cleared */
	uint8_t		 raw[16];	/* as on the wire */
	uint32_t	 path_id;
};

struct mrt_plist {
	struct mrt_prefix *v;
	size_t		 n;
	size_t		 cap;
	uint64_t	 cut_at;	/* offset of a last prefix cut short */
};

struct mrt_aspath {
	uint32_t	*as;		/* all ASNs, segment after segment */
	size_t		 nas;
	size_t		 ascap;
	uint8_t		*segtype;
	uint16_t	*seglen;
	size_t		 nseg;
	size_t		 segcap;
};

/* One MP_REACH_NLRI or MP_UNREACH_NLRI attribute. */
struct mrt_mp {
	int		 present;
	int		 abbrev;	/* TABLE_DUMP_V2 short form */
	int		 known;		/* AFI 1-2, SAFI 1-3: bgpdump shows it */
	uint16_t	 afi;
	uint8_t		 safi;
	uint8_t		 nhlen;
	uint8_t		 nh[16];
	uint8_t		 nh_local[16];
	struct mrt_plist nlri;
};

struct mrt_attrs {
	uint64_t	 seen;		/* bit per attribute type 0-63 */
	int		 origin;	/* -1 when absent */
	struct mrt_aspath path;		/* AS_PATH as on the wire */
	struct mrt_aspath as4path;
	struct mrt_aspath merged;	/* AS_PATH with AS4_PATH (RFC 6793) */
	const struct mrt_aspath *eff;	/* the path: path or merged */
	int		 as4;		/* read with 4-byte ASNs (session) */
	uint32_t	 nexthop;	/* host order; MRT_ADDR_NONE if absent */
	uint32_t	 med;
	uint32_t	 local_pref;
	uint32_t	 agg_as;
	uint32_t	 agg_addr;	/* MRT_ADDR_NONE if absent */
	uint32_t	 as4_agg_as;
	uint32_t	 as4_agg_addr;
	/* AGGREGATOR as on the wire (agg_len 6 or 8; 0 when absent), for
	 * readers that decode it their own way */
	uint8_t		 agg_wire[8];
	uint8_t		 agg_len;
	uint32_t	*comm;
	size_t		 ncomm;
	size_t		 commcap;
	uint32_t	*lcomm;		/* triples */
	size_t		 nlcomm;
	size_t		 lcommcap;
	struct mrt_mp	 reach;
	struct mrt_mp	 unreach;
	const char	*partial;	/* MP NLRI cut short: why */
	uint64_t	 partial_at;	/* where the cut part starts */
	int		 unknown_mp;	/* MP attribute of an AFI/SAFI not read */
	uint16_t	 unknown_afi;
	uint8_t		 unknown_safi;
	const char	*path_error;	/* AS_PATH malformed: why (path empty) */
	const char	*path_error4;	/* AS4_PATH malformed and ignored */
};

#define MRT_ATTR_SEEN(at, t)	(((at)->seen >> (t)) & 1)

struct mrt_peer {
	struct mrt_addr	 addr;
	uint32_t	 as;
	uint32_t	 bgp_id;
};

/* A RIB entry: TABLE_DUMP (tdv 1), one entry of TABLE_DUMP_V2 (tdv 2),
 * or a BGP4MP_ENTRY (tdv MRT_RIB_ENTRY). */
#define MRT_RIB_ENTRY	3

struct mrt_rib {
	const struct mrt_hdr	*h;
	int			 tdv;
	int			 addpath;
	uint16_t		 afi;		/* BGP AFI / SAFI */
	uint8_t			 safi;
	uint32_t		 seq;
	uint16_t		 view;		/* TABLE_DUMP */
	uint8_t			 status;	/* TABLE_DUMP */
	struct mrt_prefix	 prefix;
	const struct mrt_peer	*peer;
	uint32_t		 originated;
	uint32_t		 path_id;
	const struct mrt_attrs	*attrs;
	size_t			 index;		/* entry number in the record */
};

/* A BGP message: BGP4MP(_ET) MESSAGE* or the deprecated BGP type. */
struct mrt_msg {
	const struct mrt_hdr	*h;
	int			 local;		/* sent by the collector */
	int			 addpath;
	int			 as4;
	uint16_t		 afi;		/* of the session addresses */
	struct mrt_peer		 peer;
	struct mrt_peer		 me;
	uint8_t			 bgp_type;
	const struct mrt_attrs	*attrs;		/* UPDATE only */
	const struct mrt_plist	*withdrawn;	/* IPv4, from the body */
	const struct mrt_plist	*nlri;
	size_t			 cut;		/* bytes past the record's end */
	uint8_t			 err_code;	/* NOTIFICATION */
	uint8_t			 err_subcode;
};

struct mrt_state {
	const struct mrt_hdr	*h;
	uint16_t		 afi;
	struct mrt_peer		 peer;
	struct mrt_peer		 me;
	uint16_t		 old_state;
	uint16_t		 new_state;
	int			 short_form;	/* Zebra's 8-byte record */
};

/* Callbacks return 0 to go on, -1 to stop the whole parse. */
struct mrt_cb {
	int	(*rib)(void *, const struct mrt_rib *);
	int	(*msg)(void *, const struct mrt_msg *);
	int	(*state)(void *, const struct mrt_state *);
	int	(*peer_index)(void *, const struct mrt_hdr *, const char *view,
		    size_t npeers);
	/* A problem at a byte offset; the text names the record type. */
	void	(*warn)(void *, uint64_t offset, const char *msg);
	/* Whether a record should be decoded at all (time filter); NULL:
	 * all are. */
	int	(*want)(void *, const struct mrt_hdr *);
	/* Whether a RIB prefix is wanted (prefix filter), before its
	 * entries' attributes are decoded; NULL: all are. */
	int	(*want_prefix)(void *, const struct mrt_prefix *);
	void	*arg;
};

/* Counters for `blackout mrt stats`. */
struct mrt_stats {
	uint64_t	 records;
	uint64_t	 skipped;	/* malformed, warned about */
	uint64_t	 filtered;	/* not wanted by the filter */
	uint64_t	 unsupported;	/* types nobody decodes */
	uint64_t	 bytes;
	uint64_t	 by_type[5][16];	/* BGP, TD, TD2, 4MP, 4MP_ET */
	uint64_t	 bgp_msgs[6];	/* by BGP message type 0-5 */
	uint64_t	 rib_entries;
	uint64_t	 announced;
	uint64_t	 withdrawn;
	uint64_t	 states;
	uint64_t	 host_bits;	/* prefixes with host bits set */
	uint64_t	 resyncs;
	uint32_t	 first_ts;
	uint32_t	 last_ts;
};

struct mrt_parser {
	struct mrt_cb	 cb;
	struct mrt_peer	*peers;		/* PEER_INDEX_TABLE */
	size_t		 npeers;
	int		 have_index;
	char		 view[256];
	struct mrt_attrs attrs;
	struct mrt_plist withdrawn;
	struct mrt_plist nlri;
	struct mrt_stats st;
	int		 stop;
	uint32_t	 last_ts;	/* for resynchronisation */
	int		 have_ts;
	/* A systematic length error repaired (mrt_frame.c): the correction
	 * in force, and what the one warning will say. */
	int		 fix;		/* 0, +4 or -4 bytes */
	int		 fix_dir;
	uint16_t	 fix_type;
	uint64_t	 fix_first;	/* offset of the first such record */
	uint64_t	 fix_count;
};

void	 mrt_parser_init(struct mrt_parser *, const struct mrt_cb *);
void	 mrt_parser_free(struct mrt_parser *);

/*
 * Decodes one record whose header is h and whose body is the cursor
 * (exactly h->len bytes, after the _ET microseconds).  Returns 0 when it
 * was decoded or skipped with a warning, -1 when a callback asked to stop.
 */
int	 mrt_parse_record(struct mrt_parser *, const struct mrt_hdr *,
	    struct cursor *);

/*
 * Reads a whole member: frames records, decodes them, and on a damaged
 * header or length looks for the next plausible record.  Returns 0 when
 * the stream was read to its end, -1 when the rest had to be given up or a
 * callback asked to stop (p->stop is then set).
 */
int	 mrt_parse_stream(struct mrt_parser *, struct bo_stream *);

/* "TABLE_DUMP_V2", "BGP4MP"...; "MRT type N" for others (static or buf). */
const char *mrt_type_name(uint16_t type);
const char *mrt_subtype_name(uint16_t type, uint16_t subtype);
/* Plausible header for sniffing and resync. */
int	 mrt_type_known(uint16_t type, uint16_t subtype);

/* Origin AS of a path: the last AS of a final AS_SEQUENCE, or the only
 * member of a final one-element AS_SET; 0 when there is none. */
uint32_t mrt_aspath_origin(const struct mrt_aspath *);

#endif /* BO_MRT_PARSE_H */
