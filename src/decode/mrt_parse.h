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

#include "decode/mrt_record.h"
#include "util/cursor.h"

struct bo_stream;

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
	/* Whether a record that may hold routes should be decoded, from
	 * its bytes; NULL: all are.  Never asked of a PEER_INDEX_TABLE, which
	 * the records after it need. */
	int	(*want_body)(void *, const struct mrt_hdr *, const uint8_t *,
		    size_t);
	/* Whether a RIB prefix is wanted (prefix filter), before its
	 * entries' attributes are decoded; NULL: all are. */
	int	(*want_prefix)(void *, const struct mrt_prefix *);
	void	*arg;
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

#endif /* BO_MRT_PARSE_H */
