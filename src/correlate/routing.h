/*
 * Routing incidents: hijacks (a target's prefix, or a more-specific of
 * it, announced by an origin that is not the target's) and leaks (many
 * of a target's routes suddenly carried through a network that was never
 * one of its transits).  Neither is an outage: the target's own routes
 * may stay visible throughout.
 *
 * The detectors are fed route events (prefix, origin, AS path, peer,
 * collector, time) and asked at the end for the incidents they found; they
 * know nothing of visibility, probes or claims.  The method and every
 * threshold are in doc/correlation.md ("Hijacks" and "Leaks").
 *
 * Ownership: an rt copies what it keeps except the strings of evidence
 * (rt_evid), which the caller interns for the life of the rt.
 */
#ifndef BO_CORR_ROUTING_H
#define BO_CORR_ROUTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/event.h>

#include "correlate/corr.h"

struct rt_params {
	double	baseline_s;		/* origins and transits learned */
	double	visibility_threshold;	/* "a majority of peers" */
	double	merge_gap_s;		/* a hijack back this soon: same one */
	double	leak_min_prefixes;
	double	leak_window_s;
	double	leak_min_peers;
};

struct rt_evid {
	const char	*input;
	const char	*member;
	uint64_t	 offset;
	uint64_t	 line;
};

/* One route event: an announcement (origin and path set) or a
 * withdrawal (origin 0, path NULL). */
struct rt_route {
	int64_t			 t;
	enum bo_prec		 prec;
	const struct bo_prefix	*prefix;
	uint32_t		 origin;
	const char		*path;
	size_t			 peer;		/* caller's peer index */
	size_t			 coll;		/* collector index, < 64 */
	bool			 counted;	/* the peer counts at t */
	/* the peer's whole table is known (a RIB snapshot of its collector,
	 * or the table it re-sent after its session came up): what it
	 * sends now can be told new; before, it is what was there */
	bool			 view;
	/* counted peers at t; asked only of routes that matter */
	uint32_t		(*peers_counted)(const void *arg, int64_t t);
	const void		*arg;
	struct rt_evid		 ev;
};

/* A signal of a routing incident (onset, end, counter-measure). */
struct rt_sig {
	int64_t		 t;
	enum bo_prec	 prec;
	const char	*kind;		/* static */
	char		*summary;
	struct rt_evid	 ev;
};

enum rt_kind { RT_HIJACK = 1, RT_LEAK };

struct rt_incident {
	enum rt_kind	 kind;
	uint64_t	 tmask;		/* targets */
	int64_t		 onset;
	enum bo_prec	 onset_prec;
	struct rt_evid	 ev_on;
	bool		 has_end;
	int64_t		 end;
	enum bo_prec	 end_prec;
	struct rt_evid	 ev_off;
	uint32_t	 as;		/* offender (hijack), leaker (leak) */
	uint32_t	 upstream;	/* its most frequent upstream, 0 none */
	struct bo_prefix *pfx;		/* hijacked or leaked prefixes */
	size_t		 npfx;
	uint32_t	*origins;	/* leak: origins of the leaked routes;
					 * hijack: the target's origins */
	size_t		 norigins;
	uint32_t	 peers;		/* peers carrying it at the peak */
	uint32_t	 peers_total;	/* counted peers then */
	uint64_t	 colls;		/* collectors whose peers carried it */
	bool		 unreachable;	/* hijack: a more-specific at a
					 * majority of peers */
	char		*effect;	/* one sentence */
	struct rt_sig	*sigs;
	size_t		 nsigs;
};

struct rt;

struct rt	*rt_new(const struct corr_target_spec *, size_t ntargets,
		    const struct rt_params *);
void		 rt_free(struct rt *);
void		 rt_route(struct rt *, const struct rt_route *);
/* A session went down: its routes are gone. */
void		 rt_peer_down(struct rt *, size_t peer, int64_t t,
		    enum bo_prec, const struct rt_evid *);
/* True when every route ever seen for the prefix came from a hijack or a
 * leak: its withdrawal ends that incident and is no outage. */
bool		 rt_only_misrouted(const struct rt *, const struct bo_prefix *);
/* Ends the stream; the incidents are final afterwards. */
void		 rt_close(struct rt *, int64_t now);
size_t		 rt_count(const struct rt *);
const struct rt_incident *rt_get(const struct rt *, size_t);

/* ---- shared by routing.c, hijack.c and leak.c ---- */

#define RT_MAX_PATH	64

/* A prefix of the targets' space. */
struct rt_space {
	struct bo_prefix p;
	uint64_t	 tmask;
	uint32_t	*orig;		/* origins known for it */
	size_t		 norig;
};

/* A prefix seen in the targets' space, with every peer's route. */
struct rt_watch {
	struct bo_prefix p;
	uint64_t	 tmask;
	uint32_t	*origin;	/* per peer, 0 none */
	int32_t		*hj;		/* per peer: hijack episode, -1 */
	int32_t		*lk;		/* per peer: leak group, -1 */
	size_t		 cap;
	bool		 clean;		/* a route neither hijack nor leak */
	bool		 dirty;		/* a hijack's or a leak's route */
};

struct rt_ptab {			/* prefix -> index, open addressing */
	size_t		*slot;		/* index + 1, 0 empty */
	size_t		 cap;
};

struct hj_state;
struct lk_state;

struct rt {
	const struct corr_target_spec *specs;
	size_t		 nspecs;
	struct rt_params p;
	int64_t		 first;		/* first event: baseline start */
	bool		 started;

	struct rt_space	*sp;
	size_t		 nsp;
	size_t		 capsp;
	struct rt_ptab	 sptab;
	bool		 lens[3][129];	/* prefix lengths in sp, per afi */

	struct rt_watch	*w;
	size_t		 nw;
	size_t		 capw;
	struct rt_ptab	 wtab;

	struct rt_incident *inc;
	size_t		 ninc;
	size_t		 capinc;

	struct hj_state	*hj;
	struct lk_state	*lk;
};

/* The AS path without prepending, peer first; returns the count. */
size_t		 rt_path_parse(const char *, uint32_t *as, size_t max);
/* p cut to len bits. */
void		 rt_pfx_cut(const struct bo_prefix *, unsigned len,
		    struct bo_prefix *);
bool		 rt_in_baseline(const struct rt *, int64_t t);
/* Whether a route is judged (hijack or leak) or only learned from. */
bool		 rt_judged(const struct rt *, const struct rt_route *);
bool		 rt_u32_has(const uint32_t *, size_t, uint32_t);
void		 rt_u32_add(uint32_t **, size_t *, uint32_t);
struct rt_space	*rt_space_get(struct rt *, const struct bo_prefix *,
		    uint64_t tmask);
long		 rt_space_find(const struct rt *, const struct bo_prefix *);
struct rt_watch	*rt_watch_find(const struct rt *, const struct bo_prefix *);
/* Grows a watch entry's per-peer arrays to hold peer. */
void		 rt_watch_fit(struct rt_watch *, size_t peer);
struct rt_incident *rt_inc_add(struct rt *);
void		 rt_inc_sig(struct rt_incident *, int64_t, enum bo_prec,
		    const char *kind, char *summary, const struct rt_evid *);
void		 rt_inc_prefix(struct rt_incident *, const struct bo_prefix *);
/* Prefixes in address order, for output. */
void		 rt_inc_sort(struct rt_incident *);
char		*rt_fmt_prefixes(const struct bo_prefix *, size_t n, size_t max);
/* The most frequent of (as, count) pairs; ties: the lowest AS. */
uint32_t	 rt_most(const uint32_t *as, const uint32_t *cnt, size_t n);

/* What the detectors do with each route of the targets' space: w is the
 * prefix's watch entry, owner whether the origin is the target's. */
struct hj_state	*hj_new(void);
void		 hj_free(struct hj_state *);
void		 hj_route(struct rt *, struct rt_watch *, const struct rt_route *,
		    uint64_t tmask, bool legit);
void		 hj_owner_new(struct rt *, const struct rt_route *, uint64_t);
void		 hj_gone(struct rt *, struct rt_watch *, size_t peer, int64_t t,
		    enum bo_prec, const struct rt_evid *);
void		 hj_close(struct rt *, int64_t now);

struct lk_state	*lk_new(void);
void		 lk_free(struct lk_state *);
void		 lk_route(struct rt *, struct rt_watch *, const struct rt_route *,
		    uint64_t tmask);
void		 lk_gone(struct rt *, struct rt_watch *, size_t peer, int64_t t,
		    enum bo_prec, const struct rt_evid *);
void		 lk_close(struct rt *, int64_t now);

#endif /* BO_CORR_ROUTING_H */
