/*
 * Blackout event model: the one record every decoder produces and every
 * later stage (merge, correlation, rendering) consumes.
 *
 * Ownership: an event handed to a sink is a view; its strings and arrays
 * are valid only during the call.  bo_evstore_add() copies an event into
 * storage the store owns.
 */
#ifndef BLACKOUT_EVENT_H
#define BLACKOUT_EVENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * How exact a timestamp is.  Two events whose uncertainty intervals
 * [time, time + bo_prec_span_us(prec)) overlap are not ordered by the
 * correlator, whatever their integer values say.
 */
enum bo_prec {
	BO_PREC_US = 0,		/* MRT _ET, ping -D */
	BO_PREC_MS,
	BO_PREC_S,		/* MRT, syslog, RFC 3339 without fraction */
	BO_PREC_MIN,		/* tweets shown as "20:15", news items */
	BO_PREC_HOUR,
	BO_PREC_DAY,		/* a date only; or an archive mtime fallback */
	BO_PREC__COUNT
};

enum bo_class {
	BO_CLASS_SIGNAL = 0,	/* a measurement */
	BO_CLASS_CLAIM,		/* someone asserts cause or credit */
	BO_CLASS_REPORT,	/* someone describes what happened */
	BO_CLASS_CONTEXT,	/* everything else worth keeping */
	BO_CLASS__COUNT
};

/*
 * What an event means to the correlator: a closed set, each role with the
 * fields and attributes it needs (blackout-rules(5), ROLES).  The kind
 * stays free text for people; the correlator reads only the role.
 */
enum bo_role {
	BO_ROLE_NONE = 0,	/* not said: kept, never correlated */
	BO_ROLE_ROUTE,		/* a route announced, withdrawn, in a RIB */
	BO_ROLE_SESSION,	/* a BGP session's state changed */
	BO_ROLE_REACHABILITY,	/* a probe reached its target or not */
	BO_ROLE_HOST_STATE,	/* a monitor's up/down for a host/service */
	BO_ROLE_OUTAGE_SIGNAL,	/* a third party says something was down */
	BO_ROLE_CLAIM,
	BO_ROLE_REPORT,
	BO_ROLE_CONTEXT,
	BO_ROLE__COUNT
};

enum bo_srctype {
	BO_SRC_BGP = 0,
	BO_SRC_PROBE,
	BO_SRC_ROUTER,
	BO_SRC_SOCIAL,
	BO_SRC_NEWS,
	BO_SRC_OTHER,
	BO_SRC__COUNT
};

#define BO_AFI_NONE	0
#define BO_AFI_IPV4	1
#define BO_AFI_IPV6	2

/* An IP prefix; afi BO_AFI_NONE means "no prefix". Host bits are zero. */
struct bo_prefix {
	uint8_t		afi;
	uint8_t		len;
	uint8_t		addr[16];
};

/*
 * Where an event came from.  member is "" for a plain file; nested members
 * are joined with '!' ("inner.zip!rrc00/updates.gz").  line is 0 for
 * binary sources, in which case offset is the byte offset of the record in
 * the (decompressed) member stream.
 */
struct bo_prov {
	const char	*input;
	const char	*member;
	uint64_t	 offset;
	uint64_t	 line;
};

struct bo_attr {
	const char	*key;
	const char	*value;
};

struct bo_event {
	int64_t		 time_us;	/* µs since the Unix epoch, UTC */
	enum bo_prec	 prec;
	enum bo_class	 cls;
	enum bo_role	 role;
	enum bo_srctype	 src;
	const char	*kind;		/* dotted: "bgp.announce", "claim.credit" */

	/* vantage point */
	const char	*collector;	/* collector, probe id, account, publisher */
	const char	*peer;		/* peer address or sub-vantage; may be NULL */
	uint32_t	 peer_as;	/* 0: none */

	/* subject keys (NULL / zero when absent) */
	struct bo_prefix prefix;
	uint32_t	 asn;		/* origin AS for BGP, subject AS otherwise */
	const char	*host;		/* host address or name */
	const char	*country;
	const char	*actor;		/* who claims / reports */
	const char	*action;	/* claimed act ("took offline") */
	const char	*target;	/* claimed target, as written */
	const char	*text;		/* the raw text of a claim or report */

	/* free attributes: as_path, next_hop, communities, rtt_ms, url ... */
	const struct bo_attr *attrs;
	size_t		 nattrs;

	struct bo_prov	 prov;
	uint64_t	 seq;		/* order of emission within the member */
};

/* Names used in output and rules; NULL for out-of-range values. */
const char	*bo_prec_name(enum bo_prec);
const char	*bo_class_name(enum bo_class);
const char	*bo_srctype_name(enum bo_srctype);
const char	*bo_role_name(enum bo_role);
int		 bo_prec_parse(const char *, enum bo_prec *);
int		 bo_class_parse(const char *, enum bo_class *);
int		 bo_srctype_parse(const char *, enum bo_srctype *);
int		 bo_role_parse(const char *, enum bo_role *);
int64_t		 bo_prec_span_us(enum bo_prec);

/* Returns the attribute's value or NULL. */
const char	*bo_event_attr(const struct bo_event *, const char *key);

/* Prefix helpers: parse "a.b.c.d/n" or IPv6; format into buf (>= 50). */
int		 bo_prefix_parse(const char *, struct bo_prefix *);
char		*bo_prefix_format(const struct bo_prefix *, char *buf, size_t len);
/* 1 if outer covers inner (equal or less specific), else 0. */
int		 bo_prefix_covers(const struct bo_prefix *outer,
		    const struct bo_prefix *inner);
int		 bo_prefix_cmp(const struct bo_prefix *, const struct bo_prefix *);

/*
 * The total order of the merged timeline: time, then provenance (member,
 * offset, line, input), then emission order.  It does not depend on which
 * order members were found in or which thread decoded them.
 */
int		 bo_event_cmp(const struct bo_event *, const struct bo_event *);

/*
 * Where decoders send events.  The callback returns 0 to go on, -1 to stop
 * the run (a fatal sink error such as a full disk).
 */
struct bo_sink {
	int	(*event)(void *arg, const struct bo_event *);
	void	*arg;
};

/*
 * A growable, owning store of events (arena-backed, strings interned).
 * Used to build sorted runs and by tests.
 */
struct bo_evstore;

struct bo_evstore *bo_evstore_new(void);
void		 bo_evstore_free(struct bo_evstore *);
/* Copies ev and everything it points to. */
void		 bo_evstore_add(struct bo_evstore *, const struct bo_event *);
size_t		 bo_evstore_count(const struct bo_evstore *);
const struct bo_event *bo_evstore_get(const struct bo_evstore *, size_t);
/* Forgets every event and frees their memory. */
void		 bo_evstore_clear(struct bo_evstore *);
/* Forgets every event but keeps their memory for the next batch (a store
 * filled and emptied over and over need not fault its pages in again);
 * bo_evstore_trim gives back what no event uses. */
void		 bo_evstore_reset(struct bo_evstore *);
void		 bo_evstore_trim(struct bo_evstore *);
/* Sorts with bo_event_cmp (stable with respect to seq). */
void		 bo_evstore_sort(struct bo_evstore *);
/* A sink whose arg is the store. */
struct bo_sink	 bo_evstore_sink(struct bo_evstore *);

#ifdef __cplusplus
}
#endif

#endif /* BLACKOUT_EVENT_H */
