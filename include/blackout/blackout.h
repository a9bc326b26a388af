/*
 * libblackout: open evidence inputs, decode every member into events, and
 * deliver them in one deterministic time order.
 *
 * Ownership: a bo_ctx owns its diagnostics, loaded rules and options; the
 * caller owns the arrays it passes in and must keep them alive for the
 * life of the context.
 */
#ifndef BLACKOUT_BLACKOUT_H
#define BLACKOUT_BLACKOUT_H

#include <stddef.h>
#include <stdint.h>

#include <blackout/diag.h>
#include <blackout/event.h>

#ifdef __cplusplus
extern "C" {
#endif

const char	*bo_version(void);

enum bo_prefix_match {
	BO_MATCH_EXACT = 0,
	BO_MATCH_MORE,		/* the prefix or any more-specific */
	BO_MATCH_LESS,		/* the prefix or any less-specific */
	BO_MATCH_ANY		/* more- or less-specific */
};

/*
 * Filters handed down to decoders so that work scales with what is asked.
 * Empty lists mean "no restriction".  Events without the key in question
 * (a tweet has no prefix) pass prefix and AS filters unless strict_keys.
 */
struct bo_filter {
	int64_t		 from_us;	/* INT64_MIN: open */
	int64_t		 to_us;		/* INT64_MAX: open; exclusive */
	const struct bo_prefix *prefixes;
	size_t		 nprefixes;
	enum bo_prefix_match prefix_match;
	const uint32_t	*origin_as;
	size_t		 norigin_as;
	const uint32_t	*path_as;	/* AS anywhere in the AS path */
	size_t		 npath_as;
	const char * const *peers;	/* peer addresses */
	size_t		 npeers;
	int		 strict_keys;
};

void		 bo_filter_init(struct bo_filter *);
/* 1 if the event passes the filter. */
int		 bo_filter_match(const struct bo_filter *, const struct bo_event *);
/* 1 if bo_filter_match reads a route's attributes (its as_path): events
 * it is asked about must then carry them. */
int		 bo_filter_reads_attrs(const struct bo_filter *);
/* Prefix test alone, for decoders that check before building an event. */
int		 bo_filter_prefix(const struct bo_filter *, const struct bo_prefix *);
int		 bo_filter_time(const struct bo_filter *, int64_t time_us);
/* The other keys alone, with bo_filter_match's meaning: an origin of 0, a
 * path of no ASNs (as == NULL) or a NULL peer is a missing key. */
int		 bo_filter_origin(const struct bo_filter *, uint32_t asn);
int		 bo_filter_path(const struct bo_filter *, const uint32_t *as,
		    size_t nas);
int		 bo_filter_peer(const struct bo_filter *, const char *peer);
/*
 * --origin-as on a route's AS path written as bgpdump writes it ("3356
 * 4837 131279", "1299 {64512,65001}"): 1 when the path ends in a plain AS
 * of the filter's list, or in an AS_SET holding one.  An empty or NULL
 * path, or one ending in a confederation segment, has no origin: 0.  1
 * when the filter names no origin AS.
 */
int		 bo_filter_origin_path(const struct bo_filter *,
		    const char *path);

struct bo_limits {
	unsigned	 max_depth;		/* archives within archives */
	uint64_t	 max_member_bytes;	/* decompressed size of one member */
	unsigned	 max_ratio;		/* decompressed / compressed bytes */
	uint64_t	 ratio_floor;		/* ratio checked past this many bytes */
	size_t		 max_line;		/* longest text line kept whole */
	size_t		 max_events;		/* per thread, then spill to disk */
	uint64_t	 max_spool;		/* decompressed bytes a scan
						 * keeps for the pass after */
	int		 read_ahead;		/* decompress on a thread of its
						 * own (a core is free) */
};

void		 bo_limits_default(struct bo_limits *);

struct bo_ctx;

/* diag may be NULL (a private one is made); the context does not own it. */
struct bo_ctx	*bo_ctx_new(struct bo_diag *);
void		 bo_ctx_free(struct bo_ctx *);
struct bo_diag	*bo_ctx_diag(struct bo_ctx *);
struct bo_filter *bo_ctx_filter(struct bo_ctx *);
struct bo_limits *bo_ctx_limits(struct bo_ctx *);
/* Files are decoded on n threads (default: the online CPUs, at most 16).
 * Output is the same for every n. */
void		 bo_ctx_set_threads(struct bo_ctx *, unsigned n);
/* A timeline keeps, from each member, only the events its correlation
 * can depend on (on by default; the output is the same either way, see
 * doc/correlation.md).  Events the last run decoded into that projection,
 * and how many it kept: both 0 when it did not apply. */
void		 bo_ctx_set_projection(struct bo_ctx *, int on);
void		 bo_ctx_projection_count(const struct bo_ctx *, uint64_t *in,
		    uint64_t *kept);
/* Compressed files the last timeline's pass read from what its scan
 * kept of them (bo_limits.max_spool), and those bytes. */
void		 bo_ctx_spool_count(const struct bo_ctx *, uint64_t *files,
		    uint64_t *bytes);

/* Called for each text line no rule matched (--show-unmatched); from any
 * decoding thread, one call at a time. */
typedef void (*bo_unmatched_fn)(void *arg, const char *input,
    const char *member, uint64_t line, const char *text, size_t len);
void		 bo_ctx_set_unmatched(struct bo_ctx *, bo_unmatched_fn,
		    void *arg);

/* Progress of a run: input bytes consumed of the total, decompressed bytes,
 * members done.  Called often; for a person watching a terminal. */
typedef void (*bo_run_progress_fn)(void *arg, uint64_t in_bytes,
    uint64_t in_total, uint64_t out_bytes, uint64_t members);
/* A run file of `blackout map` to read instead of decoding the inputs. */
void		 bo_ctx_add_run(struct bo_ctx *, const char *path);
void		 bo_ctx_set_progress(struct bo_ctx *, bo_run_progress_fn,
		    void *arg);

/* Messages of decoding threads as they happen, besides the file-ordered
 * copy the context's diagnostics get at the end (see bo_diag_set_tee);
 * fn is called from any thread. */
void		 bo_ctx_set_live_diag(struct bo_ctx *, bo_diag_fn, void *arg);

/* The time (µs) given to sources that carry none (plain ping output);
 * INT64_MIN, the default, uses the member's modification time. */
void		 bo_ctx_set_undated_time(struct bo_ctx *, int64_t us);

/*
 * Loads rule files or directories (every *.yaml in it, sorted).  Errors are
 * reported as file:line:column to the diagnostics.  Returns 0, or -1 when
 * any rule failed to load (the others stay loaded).
 */
int		 bo_ctx_load_rules(struct bo_ctx *, const char *path)
		    __attribute__((warn_unused_result));
/*
 * Names the collector of every member of an input (as later given to
 * bo_ingest), for MRT files kept where the path says nothing of it (RIS
 * and RouteViews layouts are recognised without this).  A name given here
 * wins over the path.  Copies both strings.
 */
void		 bo_ctx_set_collector(struct bo_ctx *, const char *input,
		    const char *collector);

/* Rules loaded so far. */
size_t		 bo_ctx_nrules(const struct bo_ctx *);
/* The default rule directory: $BLACKOUT_RULES, else the installed one. */
const char	*bo_default_rules_dir(void);

/* One line of `blackout inspect`. */
struct bo_member_info {
	const char	*input;
	const char	*member;	/* "" for a plain file */
	int64_t		 size;		/* decompressed size if known, else -1 */
	const char	*compression;	/* "gzip", "bzip2", "" */
	const char	*type;		/* sniffed: "mrt", "json", "xml", ... */
	const char	*decoder;	/* chosen decoder, NULL if skipped */
	const char	*rule;		/* chosen rule id, may be NULL */
	const char	*skip_reason;	/* why it is skipped, or NULL */
};

typedef int (*bo_member_fn)(void *arg, const struct bo_member_info *);

/* Walks the inputs and reports each member without decoding it. */
int		 bo_inspect(struct bo_ctx *, const char * const *inputs,
		    size_t ninputs, bo_member_fn, void *arg);

/*
 * Decodes every member of every input and delivers the events to sink in
 * bo_event_cmp order.  Returns 0 when all was read (warnings are in the
 * diagnostics), -1 on a fatal error.
 */
int		 bo_ingest(struct bo_ctx *, const char * const *inputs,
		    size_t ninputs, struct bo_sink sink);

/*
 * RIB table sizes per BGP peer, counted by the last bo_ingest over every
 * bgp.rib event *before* filters apply, so that full-feed peers can be told
 * from partial ones even when only a few target prefixes are kept.  A
 * peer's size is the largest count it reached in any one member (one RIB
 * dump).  Sorted by collector, then peer address.
 */
struct bo_peer_stat {
	const char	*collector;	/* may be NULL */
	const char	*peer;
	uint32_t	 peer_as;
	uint64_t	 v4_prefixes;
	uint64_t	 v6_prefixes;
	uint32_t	 dumps;		/* members (RIB dumps) it appeared in */
};

size_t		 bo_ctx_npeers(const struct bo_ctx *);
const struct bo_peer_stat *bo_ctx_peer(const struct bo_ctx *, size_t);

/* Per-input facts gathered by the last bo_ingest (path, SHA-256, counts). */
struct bo_input_info;
size_t		 bo_ctx_ninputs(const struct bo_ctx *);
const struct bo_input_info *bo_ctx_input(const struct bo_ctx *, size_t);

#ifdef __cplusplus
}
#endif

#endif /* BLACKOUT_BLACKOUT_H */
