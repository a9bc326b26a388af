/*
 * The decoder contract.  Each format family registers one small table of
 * functions (bid, decode) in the registry, as libarchive does for its
 * formats: the router sniffs a member, asks every decoder to bid, and hands
 * the stream to the highest bidder.  Decoders push events to the context's
 * sink through bo_emit(); they know nothing about output or correlation.
 */
#ifndef BO_DECODER_H
#define BO_DECODER_H

#include <stddef.h>
#include <stdint.h>

#include <blackout/blackout.h>

#include "input/input.h"

struct bo_rules;	/* src/rules: the loaded rule set */
struct bo_rule;

/* What content sniffing saw in a member's first bytes. */
enum bo_sniff_type {
	BO_SNIFF_EMPTY = 0,
	BO_SNIFF_MRT,
	BO_SNIFF_BGPDUMP,	/* bgpdump -m/-M text */
	BO_SNIFF_JSON,		/* a JSON document or JSON Lines */
	BO_SNIFF_XML,
	BO_SNIFF_TEXT,
	BO_SNIFF_BINARY,
	BO_SNIFF__COUNT
};

const char	*bo_sniff_name(enum bo_sniff_type);

struct bo_sniff {
	enum bo_sniff_type	 type;
	const uint8_t		*head;	/* first bytes of the member */
	size_t			 len;
	const struct bo_member	*member;
};

/* Classifies the first bytes of a member. */
enum bo_sniff_type bo_sniff_bytes(const uint8_t *, size_t);

/* A key/value taken from the member path by a sources rule. */
struct bo_field {
	const char	*key;
	const char	*value;
};

struct bo_decode_ctx {
	struct bo_diag		*diag;
	struct bo_sink		 sink;
	const struct bo_filter	*filter;
	const struct bo_limits	*limits;
	const struct bo_member	*member;
	struct bo_rules		*rules;		/* may be NULL */
	const struct bo_rule	*rule;		/* chosen by bid, may be NULL */
	const char		*collector;	/* from the path, may be NULL */
	const struct bo_field	*fields;	/* from the path */
	size_t			 nfields;
	/* --show-unmatched: called for each line no rule matched (may be
	 * NULL); count BO_CNT_LINES_UNMATCHED either way */
	void			(*unmatched)(void *arg, const char *input,
				    const char *member, uint64_t line,
				    const char *text, size_t len);
	void			*unmatched_arg;
	/* time for sources with no timestamps: a case's time (µs), else
	 * INT64_MIN, in which case member->mtime applies */
	int64_t			 default_time_us;
	uint64_t		 seq;		/* next emission number */
	uint64_t		 nevents;
	int			 stop;		/* the sink asked to stop */
	void			*priv;		/* decoder's own state */
	/* Sees every bgp.rib event before the filter (full-feed detection
	 * needs whole tables); set by whoever keeps the tally, may be NULL. */
	void			(*rib_tally)(void *arg,
				    const struct bo_event *);
	void			*rib_tally_arg;
	/* The consumer reads only the kind, origin, prefix, time and peer of
	 * announced and dumped routes (a first pass that collects what a
	 * target AS originates): a decoder may emit just those, without
	 * their other attributes, and nothing else; when origins is set
	 * (norigins of them), only the routes of those origin ASes. */
	int			 routes_only;
	const uint32_t		*origins;
	size_t			 norigins;
	/* Whether the consumer reads the attributes of a route of this
	 * prefix (NULL: of every route).  When it does not, a decoder may
	 * give the route with its keys (kind, time, collector, peer, prefix,
	 * origin) and its "op" only: formatting a path, next hop and
	 * communities that are dropped at once is most of decoding. */
	int			(*keep_attrs)(void *arg,
				    const struct bo_prefix *);
	void			*keep_attrs_arg;
	char			 collector_buf[64];
};

/* decode/emit.c: the contract's side that drivers of decoders share. */

/* Everything zero but diag, member, default_time_us (INT64_MIN) and the
 * collector named by the member's path or else the input's. */
void	 bo_decode_ctx_init(struct bo_decode_ctx *, struct bo_diag *,
	    const struct bo_member *);

/* "rrc00", "route-views2"... from a path, in buf; NULL when none. */
const char *bo_collector_from_path(const char *path, char *buf, size_t len);

/*
 * Sends an event: fills in provenance (input, member), seq, applies the
 * time filter, counts.  ev->prov.offset / line must be set by the decoder.
 * Returns 0, or -1 when the sink asked to stop (the decoder should return).
 */
int	 bo_emit(struct bo_decode_ctx *, struct bo_event *);

/* Reports a problem at a byte offset or line of the current member. */
void	 bo_decode_warn_at(struct bo_decode_ctx *, uint64_t offset,
	    uint64_t line, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* Member accounting: a member skipped (no decoder for it) or failed
 * (reported with its offset), each counted with its reason. */
void	 bo_member_skip(struct bo_diag *, const struct bo_member *,
	    const char *reason);
void	 bo_member_fail(struct bo_diag *, const struct bo_member *,
	    uint64_t offset, const char *what, const char *msg);

enum bo_member_end {
	BO_MEMBER_READ,
	BO_MEMBER_FAILED,	/* reported and counted */
	BO_MEMBER_STOPPED	/* the sink asked to stop */
};

/*
 * After decode() returned rc: counts the member's events and the
 * decompressed bytes the stream gave (once, whatever the decoder), then
 * the member as read or failed.
 */
enum bo_member_end bo_member_end(struct bo_decode_ctx *, struct bo_stream *,
	    int rc);

struct bo_decoder_ops {
	const char	*name;
	/*
	 * 0: cannot read it; higher wins.  May set ctx->rule.  Must not
	 * consume the stream (sniff->head holds the first bytes).
	 */
	int	(*bid)(struct bo_decode_ctx *, const struct bo_sniff *);
	/*
	 * Reads the whole stream.  Malformed records are warned about,
	 * counted (BO_CNT_RECORDS_SKIPPED) and skipped.  Returns 0 when the
	 * member was read to its end, -1 when the rest of it had to be given
	 * up (reported already).
	 */
	int	(*decode)(struct bo_decode_ctx *, struct bo_stream *);
};

/* The registry (decode/registry.c). */
size_t				 bo_decoder_count(void);
const struct bo_decoder_ops	*bo_decoder_at(size_t);
const struct bo_decoder_ops	*bo_decoder_find(const char *name);
/* Asks every decoder to bid on a sniffed member: the highest bidder (with
 * dc->rule set to its rule), or NULL when none reads it. */
const struct bo_decoder_ops	*bo_decoder_choose(struct bo_decode_ctx *,
				    const struct bo_sniff *);

/* Decoders (one file family each). */
extern const struct bo_decoder_ops bo_decoder_mrt;
extern const struct bo_decoder_ops bo_decoder_bgpdump_text;
extern const struct bo_decoder_ops bo_decoder_rules;

#endif /* BO_DECODER_H */
