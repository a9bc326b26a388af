/* The library context's insides (src/core only and the CLI's helpers). */
#ifndef BO_CTX_H
#define BO_CTX_H

#include <blackout/blackout.h>
#include <blackout/timeline.h>

struct bo_rules;
struct bo_peers;	/* event/peers.h */

#define BO_MAX_THREADS	16

/*
 * A stage between each member's decoder and the store, installed by the
 * consumer of the events (the correlator's projection): open makes the
 * member's state, whose event callback hands what it keeps to out (now or
 * at close); close hands over what it still holds, adds how many events
 * it was given and how many it handed on to *in and *kept, and frees the
 * state.  Runs on the decoding threads, one state per member.  attrs (may
 * be NULL) says whether the stage reads more of a route of this prefix
 * than its keys and its "op" and "item" (bo_decode_ctx.keep_attrs).
 */
struct bo_stage {
	void	*(*open)(void *arg, struct bo_sink out);
	int	 (*event)(void *st, const struct bo_event *);
	int	 (*close)(void *st, uint64_t *in, uint64_t *kept);
	int	 (*attrs)(void *st, const struct bo_prefix *);
	void	*arg;
};

/*
 * One file of the inputs as a sharded decode (blackout map) lists it: every
 * shard lists all files, decodes only its own, and keeps what a single run
 * would have folded in file order, so that the reduce can fold it again.
 */
struct bo_shard_file {
	uint32_t		 input;		/* index into ctx->inputs */
	char			*rel;
	uint64_t		 size;
	int64_t			 mtime;
	int			 mine;		/* decoded by this shard */
	char			 sha256[65];	/* hex; "" unless mine */
	struct bo_diag		*diag;		/* buffered; NULL unless mine */
	uint64_t		 read, skipped, failed;
};

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
	/* blackout map: decode file i only when i % shard_n == shard_k - 1;
	 * shard_n 0 decodes everything (a single run) */
	unsigned		 shard_k, shard_n;
	struct bo_shard_file	*files;		/* listed when sharded */
	size_t			 nfiles;
	struct bo_diag		*listing_diag;	/* the walker's, when sharded */
	/* run files to read instead of decoding (timeline --runs) */
	char			**runs;
	size_t			 nruns;
	/* the consumer's stage (open NULL: none); projection 0 when
	 * bo_ctx_set_projection turned it off; what the stages were given
	 * and kept in the last run */
	struct bo_stage		 stage;
	int			 projection;
	int			 scan;		/* a pass only for the stage:
						 * inputs are not hashed */
	/* what the scan's stage collects: routes of these origins */
	const uint32_t		*scan_origins;
	size_t			 nscan_origins;
	uint64_t		 stage_in, stage_kept;
	/* The scan's spools (input.h): spool_write makes the scan fill
	 * them, one temporary file per decoding thread, within
	 * limits.max_spool bytes in all; the pass after it reads each file
	 * from its segment, found by the file's number in the listing
	 * (fspath NULL: none) and checked by path, size and time. */
	int			 spool_write;
	struct bo_spool_file {
		int		 fd;		/* -1: not made yet */
		uint64_t	 end;
	}			 spool_w[BO_MAX_THREADS];
	struct bo_spool_ent {
		char		*fspath;
		int64_t		 size;
		int64_t		 mtime;
		int		 fd;
		uint64_t	 off;
		uint64_t	 len;
	}			*spools;
	size_t			 nspools;
	uint64_t		 spooled;
	/* read back by the last pass (bo_ctx_spool_count) */
	uint64_t		 spool_read_files, spool_read_bytes;
};

/* The collector named for an input, or NULL. */
const char *bo_ctx_collector(const struct bo_ctx *, const char *input);

/* Hex SHA-256 of a file, or of a directory as the SHA-256 of its sorted
 * "sha256  relative/path\n" listing.  0 or -1. */
int	bo_hash_input(const char *path, char hex[65], uint64_t *bytes);

/* Hex SHA-256 of one regular file, adding its size to *bytes. */
int	bo_hash_file(const char *path, char hex[65], uint64_t *bytes);

/* Forgets the files listed by a sharded run. */
void	bo_ctx_files_reset(struct bo_ctx *);

/* Forgets the inputs of an earlier run. */
void	bo_ctx_inputs_reset(struct bo_ctx *);

/* Closes and forgets the scan's spools. */
void	bo_ctx_spool_free(struct bo_ctx *);

#endif
