/* The library context's insides (src/core only and the CLI's helpers). */
#ifndef BO_CTX_H
#define BO_CTX_H

#include <blackout/blackout.h>
#include <blackout/timeline.h>

struct bo_rules;
struct bo_peers;	/* event/peers.h */

#define BO_MAX_THREADS	16

struct bo_ctx {
	struct bo_diag		*diag;
	int			 own_diag;
	struct bo_filter	 filter;
	struct bo_limits	 limits;
	struct bo_rules		*rules;
	struct bo_input_info	*inputs;
	size_t			 ninputs;
	bo_unmatched_fn		 unmatched;
	void			*unmatched_arg;
	/* the time a case gives for sources with no timestamps (µs), or
	 * INT64_MIN to use the member's modification time */
	int64_t			 default_time_us;
	struct bo_peers		*peers;
	unsigned		 threads;	/* decoding threads */
	char			**rule_paths;	/* loaded, for workers */
	size_t			 nrule_paths;
	bo_run_progress_fn	 progress;
	void			*progress_arg;
	bo_diag_fn		 live;		/* bo_ctx_set_live_diag */
	void			*live_arg;
	char			**coll_inputs;	/* bo_ctx_set_collector */
	char			**coll_names;
	size_t			 ncoll;
};

/* The collector named for an input, or NULL. */
const char *bo_ctx_collector(const struct bo_ctx *, const char *input);

/* Hex SHA-256 of a file, or of a directory as the SHA-256 of its sorted
 * "sha256  relative/path\n" listing.  0 or -1. */
int	bo_hash_input(const char *path, char hex[65], uint64_t *bytes);

/* Forgets the inputs of an earlier run. */
void	bo_ctx_inputs_reset(struct bo_ctx *);

#endif
