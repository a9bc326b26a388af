/*
 * The correlator's insides: the case (targets, window, thresholds), and
 * the engine that consumes one time-ordered event stream and turns it into
 * a bo_timeline.  The engine keeps state per target prefix and per peer
 * only, so memory grows with targets x peers, not with the input.
 *
 * Ownership: a corr owns copies of everything it keeps; events handed to
 * corr_sink() are views used only during the call.  corr_finish() returns
 * a timeline the caller frees with bo_timeline_free().
 */
#ifndef BO_CORR_H
#define BO_CORR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <blackout/correlate.h>

/* Thresholds; every one has a name, a default and a one-line doc. */
struct corr_params {
	double		 visibility_threshold;
	double		 min_peers;
	double		 full_feed_v4;
	double		 full_feed_v6;
	double		 full_feed_share;
	double		 assume_full_feed;
	double		 dark_share;
	double		 onset_share;
	double		 restored_share;
	double		 baseline_s;
	double		 min_outage_s;
	double		 probe_min_s;
	double		 merge_gap_s;
	double		 precursor_s;
	double		 resync_s;
	double		 bin_s;
	double		 churn_factor;
	double		 churn_min;
	double		 flap_min;
	double		 flap_gap_s;
	double		 silence_s;
	double		 claim_window_s;
	double		 learn_s;
	double		 leak_min_prefixes;
	double		 leak_window_s;
	double		 leak_min_peers;
};

struct corr_param_def {
	const char	*name;
	size_t		 off;
	double		 def;
	double		 min;
	double		 max;
	int		 integer;
	const char	*doc;
};

extern const struct corr_param_def corr_param_defs[];
extern const size_t corr_nparam_defs;

void	corr_params_default(struct corr_params *);
double	corr_param_get(const struct corr_params *, const struct corr_param_def *);

/* A named group: members are ASN or prefix specs; aliases are how claims
 * and news name it ("North Korea"). */
struct case_group {
	char		*name;
	char		**members;
	size_t		 nmembers;
	char		**aliases;
	size_t		 naliases;
};

struct bo_case {
	char		*title;
	char		*tz;
	char		*dir;		/* of the case file, for inputs */
	bool		 has_window;
	int64_t		 from_us;
	int64_t		 to_us;
	char		**targets;
	size_t		 ntargets;
	struct case_group *groups;
	size_t		 ngroups;
	char		**inputs;
	char		**collectors;	/* per input, NULL: from the path */
	size_t		 ninputs;
	struct corr_params params;
	char		*set_params[32];	/* names set explicitly */
	size_t		 nset_params;
};

/* bo_case_load from an open file; path names it in messages and anchors
 * relative inputs. */
int	case_load_file(struct bo_case *, FILE *, const char *path,
	    struct bo_diag *);

/* Forgets the case's inputs (the command line names others). */
void	case_inputs_clear(struct bo_case *);

/* A resolved target: the ASNs and prefixes it stands for. */
struct corr_target_spec {
	const char	*name;
	uint32_t	*asns;
	size_t		 nasns;
	struct bo_prefix *pfx;
	size_t		 npfx;
	char		**aliases;	/* borrowed from the case */
	size_t		 naliases;
};

/* Resolves the case's targets (groups expanded).  -1 with *err set when
 * a target is neither an ASN, a prefix nor a group. */
int	case_resolve(const struct bo_case *, struct corr_target_spec **out,
	    size_t *n, char **err);
void	case_specs_free(struct corr_target_spec *, size_t);

struct corr;

struct corr	*corr_new(const struct bo_case *);
void		 corr_free(struct corr *);
struct bo_sink	 corr_sink(struct corr *);
/* Ends the stream and builds the timeline (inputs, rules and counters are
 * left for the caller to fill). */
struct bo_timeline *corr_finish(struct corr *);

/* What the correlator follows at most (bit masks): more targets are
 * refused by the caller; events of further collectors are ignored and
 * counted, for the caller to warn about. */
#define CORR_MAX_TARGET_SPECS	64
#define CORR_MAX_COLLECTORS	64
uint64_t corr_ignored_collector_events(const struct corr *);

#endif /* BO_CORR_H */
