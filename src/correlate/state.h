/*
 * State of one correlation run and the helpers every concern shares: the
 * ground floor of the correlator.  The dispatcher (engine.c) calls the
 * concerns (route.c, visibility.c, probe.c, signal.c, claim.c, outage.c,
 * incident.c); they call down into this file and never back up.
 */
#ifndef BO_CORR_STATE_H
#define BO_CORR_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include <blackout/timeline.h>

#include "correlate/corr.h"
#include "correlate/pfxindex.h"
#include "util/arena.h"
#include "util/keyvec.h"
#include "util/u32map.h"

#define CORR_MAX_COLL	CORR_MAX_COLLECTORS	/* bit masks */
#define CORR_MAX_TARGETS CORR_MAX_TARGET_SPECS
#define CORR_MAX_EVID	4

#define US	((int64_t)1000000)	/* microseconds per second */

/* Peer/prefix state bits. */
#define RT_ROUTE	0x01	/* the peer has a route */
#define RT_SNAP		0x02	/* seen in the snapshot being read */

/* Provenance with interned strings. */
struct evid {
	const char	*input;
	const char	*member;
	uint64_t	 offset;
	uint64_t	 line;
	uint64_t	 item;		/* of a multi-item JSON document */
};

struct peer {
	size_t		 coll;
	const char	*addr;
	uint32_t	 as;
	bool		 up;
	bool		 known_state;	/* a state message or a route seen */
	bool		 full;		/* in either family */
	bool		 full_v4;
	bool		 full_v6;
	bool		 in_snap;
	int64_t		 resync_until;
	uint64_t	 snap_v4;
	uint64_t	 snap_v6;
	bool		 in_reset;
	bool		 was_up;	/* had a session before */
	int64_t		 down_at;
	struct evid	 down_ev;
};

/* One update-file time of a collector.  Its evidence: the event where its
 * members began, and where they last resumed after another file's events
 * (files overlapping in time interleave in the merged order). */
struct update_file {
	int64_t		 time_us;
	struct evid	 first;
	struct evid	 last;
};

struct collector {
	const char	*name;
	bool		 snap_open;
	bool		 had_snap;
	const char	*snap_member;
	int64_t		 snap_time;
	int64_t		 first_us;
	int64_t		 last_us;
	struct evid	 last_ev;
	const char	*last_member;
	struct update_file *files;
	size_t		 nfiles;
	size_t		 capfiles;
};

/* What one peer has of a prefix; a peer with none has no record. */
struct pfx_peer {
	uint32_t	 peer;		/* the key: index in corr.peers */
	uint8_t		 st;		/* RT_* bits */
	int64_t		 lastbin;	/* last churn bin counted */
	const char	*path;		/* interned AS path */
};

struct pfx {
	struct bo_prefix p;
	struct keyvec	 pp;		/* pfx_peer, by peer */
	bool		 vis;
	bool		 known;		/* has been visible once */
	uint32_t	 have;		/* counted peers routing it */
	uint32_t	 up;		/* counted peers */
	uint64_t	 vis_c;		/* per collector */
	uint64_t	 known_c;
	uint64_t	 tmask;		/* targets it belongs to */
	uint32_t	 origin;	/* the origin AS it was first seen with */
	/* last logged (outage.c): combined state, peers, per collector */
	uint8_t		 lst;
	uint32_t	 lhave;
	uint32_t	 lup;
	uint64_t	 lc_seen;
	uint64_t	 lc_vis;
};

/* A period during which something was down. */
struct period {
	int64_t		 start;
	int64_t		 end;
	bool		 has_end;
	enum bo_prec	 start_prec;
	enum bo_prec	 end_prec;
	struct evid	 ev_start;
	struct evid	 ev_end;
	uint32_t	 lost;		/* how many went (prefixes, probes) */
	uint32_t	 total;
	bool		 all;		/* everything went at once */
	size_t		*px;		/* prefixes affected */
	size_t		 npx;
	size_t		 coll;		/* for per-collector periods */
	uint32_t	 peers_up;
	/* at the deepest: the best-routed prefix had deep_have routes
	 * among deep_up counted peers */
	uint32_t	 deep_have;
	uint32_t	 deep_up;
	uint32_t	 nr;		/* dark at the end of the data */
};

struct point {
	int64_t		 t;
	uint32_t	 v;
	uint32_t	 total;
};

struct bin {
	int64_t		 idx;
	uint32_t	 n;		/* updates */
	uint32_t	 routes;	/* distinct (prefix, peer) updated */
	uint64_t	 colls;
	struct evid	 first;		/* its first and last update */
	struct evid	 last;
};

struct transit {
	uint32_t	 as;
	uint32_t	 refs;		/* full-feed routes whose path has it */
	int		 pending;	/* 0 none, +1 appearing, -1 leaving */
	bool		 present;
	int64_t		 since;
	enum bo_prec	 prec;
	struct evid	 ev;
};

struct target {
	const struct corr_target_spec *spec;
	size_t		*px;
	size_t		 npx;
	size_t		 cappx;
	uint32_t	 nvis;
	uint32_t	 nknown;
	/* combined state */
	bool		 down;
	struct period	 cur;
	struct period	*periods;
	size_t		 nperiods;
	/* per collector */
	/* churn bins, time order */
	struct bin	*bins;
	size_t		 nbins;
	size_t		 capbins;
	/* visible prefixes over time */
	struct point	*pts;
	size_t		 npts;
	/* transit ASes */
	struct transit	*tr;		/* in order of first sight */
	size_t		 ntr;
	size_t		 captr;
	struct u32map	 trix;		/* AS -> index in tr */
	bool		 tr_init;
};

/* Replies and losses of one vantage point in one bin_s interval. */
struct pbin {
	int64_t		 idx;
	uint32_t	 replies;
	uint32_t	 losses;
};

struct vp {
	const char	*name;
	bool		 ok;
	int64_t		 streak;	/* first loss of the current streak */
	enum bo_prec	 prec;
	struct evid	 ev;
	struct pbin	*bins;
	size_t		 nbins;
	size_t		 capbins;
};

struct host {
	const char	*name;
	uint64_t	 tmask;
	struct vp	*vps;
	size_t		 nvps;
	bool		 down;
	struct period	 cur;
	struct point	*pts;
	size_t		 npts;
	uint64_t	 replies;
	uint64_t	 losses;
};

/* A signal before it is placed in an incident or left on its own. */
struct rsig {
	int64_t		 t;
	int64_t		 end;		/* INT64_MAX: ongoing; == t: instant */
	enum bo_prec	 prec;
	const char	*kind;		/* static */
	enum bo_srctype	 src;
	char		*summary;
	char		*vantage;
	uint64_t	 tmask;
	int		 coll;		/* collector index, -1 */
	uint64_t	 colls;		/* collectors behind churn */
	int		 role;		/* RS_* */
	const char	*monitor;	/* RS_MONITOR: who said it, interned */
	struct evid	 ev[CORR_MAX_EVID];
	size_t		 nev;
};

enum {
	RS_INFO = 0,	/* context only */
	RS_BGP_DROP,	/* one collector lost the target */
	RS_PROBE_DOWN,
	RS_ROUTER_DOWN,
	RS_INSTABILITY,
	RS_SHORT,
	RS_MONITOR	/* a third-party monitor's statement (signal.c) */
};

/* A third-party statement while it is open (signal.c). */
struct osig {
	int64_t		 t;
	enum bo_prec	 prec;
	enum bo_srctype	 src;
	const char	*monitor;	/* interned */
	const char	*series;	/* interned, NULL */
	const char	*key;		/* the entity, interned */
	char		*entity;
	uint64_t	 tmask;
	struct evid	 ev;
};

/* RIB entries of an untracked prefix, in case a later entry of the same
 * record shows a target origin (route.c). */
struct rib_pend {
	struct bo_prefix p;
	const char	*member;
	size_t		 n;
	size_t		 peer[64];
	const char	*path[64];
};

struct rt;
struct rt_incident;
struct vlog;

/* The visibility log (outage.c), replayed when the stream ends. */
struct olog {
	struct vlog	*v;
	size_t		 n;
	size_t		 cap;
	size_t		*comb;		/* indices of the combined entries */
	size_t		 ncomb;
};

/* An incident while it is assembled (incident.c). */
struct winc {
	int64_t		 onset;
	int64_t		 end;		/* INT64_MAX while ongoing */
	enum bo_prec	 onset_prec;
	enum bo_prec	 end_prec;
	uint64_t	 tmask;
	/* prefix indices, ascending and distinct: merging and meeting cost
	 * their lengths, not their product */
	size_t		*px;		/* prefixes affected */
	size_t		 npx;
	size_t		*tot;		/* prefixes of the targets */
	size_t		 ntot;
	bool		 bgp;
	bool		 probe;
	bool		 all;
	bool		 instab;
	uint64_t	 churn_colls;
	uint32_t	 deep_have;	/* see struct period */
	uint32_t	 deep_up;
	/* at the deepest point of the BGP part (outage.c) */
	uint32_t	 affected;
	uint32_t	 total;
	uint32_t	 nr;
	struct evid	 ev_on;
	struct evid	 ev_off;
	/* the BGP part alone, for its own onset and end signals */
	int64_t		 bgp_on;
	int64_t		 bgp_off;
	enum bo_prec	 bgp_on_prec;
	enum bo_prec	 bgp_off_prec;
	struct evid	 bgp_ev_on;
	struct evid	 bgp_ev_off;
	size_t		*sigs;		/* each signal at most once */
	size_t		 nsigs;
	size_t		 capsigs;
	const struct rt_incident *rt;	/* a hijack or a leak */
};

struct claimrec {
	struct bo_claim	 c;
	uint64_t	 tmask;
	bool		 has_subject;
};

/* The counted peers of one address family (corr_peer_counted over every
 * peer), per collector too: they hold from `from` until `until` while
 * no peer's state changes (corr.peer_gen). */
struct upcount {
	uint64_t	 gen;		/* 0: not counted yet */
	int64_t		 from;
	int64_t		 until;
	uint32_t	 up;
	uint32_t	 up_c[CORR_MAX_COLL];
};

struct corr {
	const struct bo_case *cs;
	struct corr_params p;
	struct intern	*strs;
	struct corr_target_spec *specs;
	size_t		 nspecs;
	char		*spec_err;
	struct target	*tg;
	size_t		 ntg;

	struct collector coll[CORR_MAX_COLL];
	size_t		 ncoll;
	struct peer	*peers;
	size_t		 npeers;
	size_t		 cappeers;
	size_t		 last_peer;
	/* (collector, interned address) -> index: a month of every
	 * collector has thousands of peers */
	struct idxtab	 peer_tab;
	/* Bumped whenever what corr_peer_counted reads changes (a peer
	 * made, up or down, classified; a collector's first snapshot):
	 * the counts of upc[afi] then no longer hold. */
	uint64_t	 peer_gen;
	struct upcount	 upc[3];
	bool		 check_counts;	/* BO_TEST_COUNTS: verify them */

	struct pfx	*px;
	size_t		 npx;
	size_t		 cappx;
	struct pfxtab	 pxtab;		/* prefix -> index in px */
	struct pfxindex	*spec_ix;	/* target prefixes -> targets */
	struct pfxindex	*px_ix;		/* tracked prefixes -> targets */

	struct host	*hosts;
	size_t		 nhosts;

	struct rsig	*sig;
	size_t		 nsig;
	size_t		 capsig;

	struct claimrec	*claims;
	size_t		 nclaims;

	struct rt	*rt;		/* hijack and leak detectors */

	struct osig	*open;		/* third-party statements still open */
	size_t		 nopen;
	uint64_t	 signals_unmatched;

	struct bo_gap	*gaps;
	size_t		 ngaps;

	struct olog	 olog;		/* visibility changes (outage.c) */
	int		 ev_coll;	/* collector of the event at hand, -1 */
	struct rib_pend	 pend;

	int64_t		 now;
	int64_t		 first_us;
	int64_t		 next_timer;
	bool		 started;
	uint64_t	 nevents;
	uint64_t	 ignored_coll;
	uint64_t	 probes_unmatched;
	uint64_t	 uncorrelated;	/* events of no role or context */
	uint64_t	 path_only;	/* hops that say nothing of a target */
};

void	evid_from(struct corr *, struct evid *, const struct bo_event *);
struct rsig *corr_sig_add(struct corr *, int64_t t, enum bo_prec,
	    const char *kind, enum bo_srctype, uint64_t tmask);
void	corr_gap_add(struct corr *, const char *scope, int64_t start,
	    int64_t end, const char *reason, const struct evid *,
	    size_t nev);
void	corr_sig_evid(struct rsig *, const struct evid *);
/* A deep copy of n pieces of evidence for the timeline. */
struct bo_evidence *evid_copy(const struct evid *, size_t n);
void	gap_clear(struct bo_gap *);
char	*tmask_names(const struct corr *, uint64_t);
uint64_t corr_alias_targets(const struct corr *, const char *);

/* Peers, prefixes and targets as the concerns read and grow them. */
bool	corr_peer_counted(const struct corr *, const struct peer *,
	    int64_t, int afi);
/* Every counted peer of the family at time now: counted again only when
 * a peer's state changed or now left the times the last count holds for,
 * so that a route event costs the peers of its prefix, not every peer. */
const struct upcount *corr_counted_up(struct corr *, int64_t now, int afi);
uint64_t corr_pfx_targets(const struct corr *, const struct bo_prefix *,
	    uint32_t origin);
/* The peer's record of the prefix: NULL if it never had one (no route,
 * no path, no churn), or made so. */
struct pfx_peer *corr_pfx_peer(const struct pfx *, size_t peer);
struct pfx_peer *corr_pfx_slot(struct pfx *, size_t peer);
void	corr_target_close(struct corr *, size_t ti, int64_t now,
	    enum bo_prec, const struct evid *, bool ongoing);
void	corr_pts_push(struct point **, size_t *, int64_t t, uint32_t val,
	    uint32_t total);

#endif /* BO_CORR_STATE_H */
