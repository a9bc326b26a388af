/*
 * The finished incident timeline: what the correlator produces and every
 * renderer (text, JSON, Markdown, HTML) reads.  Nothing in here points back
 * into decoder state; a timeline owns all of its memory and is freed with
 * bo_timeline_free().
 */
#ifndef BLACKOUT_TIMELINE_H
#define BLACKOUT_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/diag.h>
#include <blackout/event.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One pointer back to raw bytes: input, member, and offset or line. */
struct bo_evidence {
	char		*input;
	char		*member;	/* "" for a plain file */
	uint64_t	 offset;	/* valid when line == 0 */
	uint64_t	 line;
	uint64_t	 item;		/* 1-based item of a JSON document of
					 * several on that line; 0: whole line */
};

struct bo_signal {
	int64_t		 time_us;
	enum bo_prec	 prec;
	char		*kind;		/* "bgp.withdraw", "visibility.drop", ... */
	enum bo_srctype	 src;
	char		*summary;	/* one line, human readable */
	char		*vantage;	/* collector/peer or probe */
	bool		 confirmed;
	struct bo_evidence *evidence;
	size_t		 nevidence;
};

enum bo_relation {
	BO_REL_BEFORE_ONSET = 0,
	BO_REL_DURING,
	BO_REL_AFTER_END,
	BO_REL_NO_MATCHING_SIGNAL,
	BO_REL__COUNT
};

const char	*bo_relation_name(enum bo_relation);

/* A claim or a report: never confirmed, only placed against incidents. */
struct bo_claim {
	int64_t		 time_us;
	enum bo_prec	 prec;
	enum bo_class	 cls;		/* BO_CLASS_CLAIM or BO_CLASS_REPORT */
	char		*kind;		/* "claim.credit", "report.news" */
	char		*actor;
	char		*action;
	char		*target;	/* claimed target, as written */
	char		*text;
	char		*url;
	char		*source;	/* account or publisher */
	enum bo_relation relation;
	bool		 has_lag;
	int64_t		 lag_s;		/* time - onset of the incident */
	bool		 target_match;	/* claimed target names the incident's */
	long		 incident;	/* index into incidents, -1 if none */
	struct bo_evidence *evidence;
	size_t		 nevidence;
};

/* One member (AS8452 of a group) or one address family of a target, with
 * its own onset and end around the incident: the order in which the
 * parts of a country or a dual-stack network went dark. */
struct bo_part {
	char		*target;	/* the incident's target it is part of */
	char		*member;	/* "AS8452", "175.45.176.0/22" */
	char		*family;	/* "ipv4" or "ipv6" */
	bool		 has_onset;	/* false: it stayed up */
	int64_t		 onset_us;
	enum bo_prec	 onset_prec;
	bool		 has_end;	/* false with has_onset: ongoing */
	int64_t		 end_us;
	enum bo_prec	 end_prec;
	uint32_t	 prefixes_affected;	/* at its own deepest point */
	uint32_t	 prefixes_total;	/* its baseline then */
};

enum bo_status {
	BO_STATUS_CONFIRMED = 0,
	BO_STATUS_UNCONFIRMED
};

struct bo_incident {
	char		*id;		/* stable: "INC-20141222T1615Z-AS131279" */
	char		**targets;
	size_t		 ntargets;
	int64_t		 onset_us;
	enum bo_prec	 onset_prec;
	bool		 has_end;
	int64_t		 end_us;
	enum bo_prec	 end_prec;
	int64_t		 duration_s;	/* valid when has_end */
	enum bo_status	 status;
	char		*why;		/* why confirmed or not, one sentence */
	char		*kind;		/* "outage", "partial_outage", "instability",
					 * "hijack", "leak" */
	uint32_t	 prefixes_affected;	/* dark at the deepest point */
	uint32_t	 prefixes_total;	/* the baseline then */
	uint32_t	 prefixes_not_restored;	/* dark at the end of the data */
	struct bo_part	*parts;		/* members and families, onset order */
	size_t		 nparts;
	struct bo_signal *signals;
	size_t		 nsignals;
	size_t		*claims;	/* indices into bo_timeline.claims */
	size_t		 nclaims;
	/* kind "hijack" and "leak" only; 0, NULL or false otherwise */
	uint32_t	 offender_as;	/* hijack: the origin not the target's */
	uint32_t	 leaker_as;	/* leak: the network new on the paths */
	uint32_t	 upstream_as;	/* who carried it on (most routes), 0 */
	char		**prefixes;	/* hijacked or leaked prefixes */
	size_t		 nprefixes;
	uint32_t	*origins;	/* hijack: the target's origins;
					 * leak: the leaked routes' origins */
	size_t		 norigins;
	uint32_t	 peers;		/* peers carrying it at the peak */
	uint32_t	 peers_total;	/* counted peers then */
	bool		 unreachable;	/* hijack: a more-specific drew the
					 * traffic at a majority of peers */
	char		*effect;	/* one sentence */
};

/* A time series for the chart: visibility or reachability over time. */
struct bo_point {
	int64_t		 time_us;
	double		 value;
	double		 total;		/* denominator, 0 when not a share */
};

struct bo_series {
	char		*name;		/* "175.45.176.0/24 full-feed peers" */
	char		*target;
	char		*unit;		/* "peers", "prefixes", "probes" */
	enum bo_srctype	 src;
	struct bo_point	*points;
	size_t		 npoints;
};

/*
 * BO_GAP_SOURCE: a source was missing for a while (an update file, a
 * silent collector, a peer's session), scope names it.  BO_GAP_NO_DATA: a
 * target had no evidence at all for the interval, scope names the target:
 * nothing can be concluded about it there, neither an outage nor calm.
 */
enum bo_gap_kind {
	BO_GAP_SOURCE = 0,
	BO_GAP_NO_DATA
};

const char	*bo_gap_kind_name(enum bo_gap_kind);

struct bo_gap {
	enum bo_gap_kind kind;
	char		*scope;		/* "rrc00", "rrc00 peer 1.2.3.4 AS1",
					 * the target for BO_GAP_NO_DATA */
	int64_t		 start_us;	/* INT64_MIN: unbounded (no window,
					 * no data at all) */
	int64_t		 end_us;	/* INT64_MAX: unbounded */
	char		*reason;	/* "missing update file", "peer reset" */
	struct bo_evidence *evidence;
	size_t		 nevidence;
};

struct bo_input_info {
	char		*path;
	char		 sha256[65];	/* hex */
	uint64_t	 bytes;
	uint64_t	 members_read;
	uint64_t	 members_skipped;
	uint64_t	 members_failed;
};

struct bo_param {
	char		*name;
	char		*value;
	char		*doc;		/* one line: what it means */
};

struct bo_rule_info {
	char		*id;
	char		*version;
	char		*file;
	char		 sha256[65];	/* hex, of the file's bytes; "" unknown */
};

struct bo_timeline {
	char		*title;
	char		*tz;		/* display zone; NULL for UTC only */
	bool		 has_window;
	int64_t		 from_us;
	int64_t		 to_us;
	char		**targets;
	size_t		 ntargets;

	struct bo_incident *incidents;
	size_t		 nincidents;
	struct bo_claim	*claims;	/* all claims and reports, time order */
	size_t		 nclaims;
	struct bo_signal *signals;	/* signals outside any incident */
	size_t		 nsignals;
	struct bo_series *series;
	size_t		 nseries;
	struct bo_gap	*gaps;
	size_t		 ngaps;
	struct bo_input_info *inputs;
	size_t		 ninputs;
	struct bo_param	*params;
	size_t		 nparams;
	struct bo_rule_info *rules;
	size_t		 nrules;
	uint64_t	 counters[BO_CNT__COUNT];	/* of the run, by enum bo_counter */
	char		*version;	/* PACKAGE_VERSION */
};

void		 bo_timeline_free(struct bo_timeline *);

#ifdef __cplusplus
}
#endif

#endif /* BLACKOUT_TIMELINE_H */
