/*
 * The routing detectors' ground floor: the route events and incidents
 * they trade in (routing.h is their interface), the targets' space and
 * watch tables, and the helpers that routing.c, hijack.c and leak.c
 * share.  Nothing here calls a detector.
 */
#ifndef BO_CORR_ROUTING_BASE_H
#define BO_CORR_ROUTING_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/event.h>

#include "correlate/corr.h"
#include "correlate/pfxindex.h"
#include "util/keyvec.h"

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
	size_t		 cappfx;
	struct pfxtab	 pfxix;		/* prefix -> index in pfx */
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
	size_t		 capsigs;
};

#define RT_MAX_PATH	64

/* A prefix of the targets' space. */
struct rt_space {
	struct bo_prefix p;
	uint64_t	 tmask;
	uint32_t	*orig;		/* origins known for it */
	size_t		 norig;
};

/* A peer's route to a watched prefix; a peer that never had one has no
 * record. */
struct rt_wpeer {
	uint32_t	 peer;		/* the key */
	uint32_t	 origin;	/* 0 none */
	int32_t		 hj;		/* hijack episode, -1 */
	int32_t		 lk;		/* leak group, -1 */
};

/* A prefix seen in the targets' space, with every peer's route. */
struct rt_watch {
	struct bo_prefix p;
	uint64_t	 tmask;
	struct keyvec	 peers;		/* rt_wpeer, by peer */
	bool		 clean;		/* a route neither hijack nor leak */
	bool		 dirty;		/* a hijack's or a leak's route */
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
	struct pfxtab	 sptab;
	struct pfxindex	*spix;		/* the same prefixes, for covering */

	struct rt_watch	*w;
	size_t		 nw;
	size_t		 capw;
	struct pfxtab	 wtab;

	struct rt_incident *inc;
	size_t		 ninc;
	size_t		 capinc;

	struct hj_state	*hj;
	struct lk_state	*lk;
};

/* The AS path without prepending, peer first; returns the count. */
size_t		 rt_path_parse(const char *, uint32_t *as, size_t max);
bool		 rt_in_baseline(const struct rt *, int64_t t);
/* Whether a route is judged (hijack or leak) or only learned from. */
bool		 rt_judged(const struct rt *, const struct rt_route *);
bool		 rt_u32_has(const uint32_t *, size_t, uint32_t);
void		 rt_u32_add(uint32_t **, size_t *, uint32_t);
struct rt_space	*rt_space_get(struct rt *, const struct bo_prefix *,
		    uint64_t tmask);
long		 rt_space_find(const struct rt *, const struct bo_prefix *);
/* The most specific prefix of the space strictly covering p (with an
 * origin known for it, if origin is set); -1 when none does. */
long		 rt_space_cover(const struct rt *, const struct bo_prefix *,
		    bool origin);
/* The watch entry of p, made on first sight; tmask is added to it. */
struct rt_watch	*rt_watch_get(struct rt *, const struct bo_prefix *,
		    uint64_t tmask);
struct rt_watch	*rt_watch_find(const struct rt *, const struct bo_prefix *);
/* The peer's record of a watched prefix: NULL when it has none, or
 * made so. */
struct rt_wpeer	*rt_watch_peer(const struct rt_watch *, size_t peer);
struct rt_wpeer	*rt_watch_slot(struct rt_watch *, size_t peer);
struct rt_incident *rt_inc_add(struct rt *);
void		 rt_inc_sig(struct rt_incident *, int64_t, enum bo_prec,
		    const char *kind, char *summary, const struct rt_evid *);
void		 rt_inc_prefix(struct rt_incident *, const struct bo_prefix *);
/* Prefixes in address order, for output. */
void		 rt_inc_sort(struct rt_incident *);
char		*rt_fmt_prefixes(const struct bo_prefix *, size_t n, size_t max);
/* The most frequent of (as, count) pairs; ties: the lowest AS. */
uint32_t	 rt_most(const uint32_t *as, const uint32_t *cnt, size_t n);

#endif /* BO_CORR_ROUTING_BASE_H */
