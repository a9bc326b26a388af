/*
 * Run files: what one shard of a sharded decode (blackout map) hands to the
 * reduce.  Layout, all integers big-endian:
 *
 *   "BLACKOUT-RUN\n" NUL NUL NUL, u32 version
 *   events: records as bo_spill_encode writes them, in bo_event_cmp order,
 *           then a u32 0
 *   meta:   shard count N, the shards K it holds, the options digest, the
 *           rules (path, SHA-256), the inputs (path, kind), every file of
 *           the listing (input, relative path, size, mtime, and for the
 *           files it holds: SHA-256, member counts, diagnostics), the
 *           walker's diagnostics, peer tables, event count
 *   footer: u64 offset of meta, "BORUNEND"
 *
 * Nothing in it depends on the machine, the clock or the thread count, so
 * the same shard gives the same bytes anywhere.  A run file read back is
 * untrusted input: every field goes through the bounds-checked cursor.
 */
#ifndef BO_RUNFILE_H
#define BO_RUNFILE_H

#include <stdint.h>
#include <stdio.h>

#include <blackout/blackout.h>

#include "core/ctx.h"
#include "event/peers.h"

#define RUNFILE_VERSION	2	/* 2: names written once per run */

enum runfile_kind { RUNFILE_MISSING = 0, RUNFILE_FILE, RUNFILE_DIR };

struct runfile_meta {
	uint32_t		 shard_n;
	uint32_t		*shards;	/* sorted */
	size_t			 nshards;
	char			 options[65];	/* hex SHA-256 */
	char			**rule_paths;
	char			(*rule_sha)[65];
	size_t			 nrules;
	char			**inputs;
	uint32_t		*input_kind;
	size_t			 ninputs;
	struct bo_shard_file	*files;
	size_t			 nfiles;
	struct bo_diag		*listing;
	struct bo_peer_stat	*peers;
	size_t			 npeers;
	uint64_t		 nevents;
};

void	runfile_meta_free(struct runfile_meta *);
/* Copies a finished peer table into m->peers. */
void	runfile_peers_take(struct runfile_meta *, struct bo_peers *);

struct runfile_writer;

/* Writes to PATH.part and renames it into place on finish, so that a
 * failed shard never leaves a file that looks whole. */
struct runfile_writer *runfile_create(const char *path);
struct bo_sink	 runfile_sink(struct runfile_writer *);
/* meta->nevents is set from what was written; 0 or -1 (errno). */
int		 runfile_finish(struct runfile_writer *, struct runfile_meta *);
void		 runfile_abort(struct runfile_writer *);

struct runfile_reader;

/* Opens a run file and reads its meta; NULL with *why set (static). */
struct runfile_reader *runfile_open(const char *path, const char **why);
const struct runfile_meta *runfile_meta(const struct runfile_reader *);
/* The next event, NULL at the end; *err when the events are damaged. */
const struct bo_event *runfile_next(struct runfile_reader *, int *err);
void		 runfile_close(struct runfile_reader *);

/* Decodes a meta section (the fuzz target's entry); 0 or -1. */
int	runfile_meta_decode(const uint8_t *, size_t, struct runfile_meta *);

/*
 * Checks that the runs belong to one sharded decode (same N, options,
 * rules, inputs and listing) and that no shard is given twice; with
 * complete, that every shard 1..N is there.  Reports what is wrong to
 * diag, naming the runs, and returns -1; else fills *out with their union.
 */
int	runfile_union(const struct runfile_meta *const *, const char *const *names,
	    size_t n, int complete, struct bo_diag *, struct runfile_meta *out);

/*
 * Merges the runs into one sink in bo_event_cmp order, at most fan_in
 * open at once: larger sets are first merged in rounds into temporary run
 * files (in TMPDIR).  *meta gets the union (complete when asked); the
 * caller frees it when 0 is returned.
 */
typedef int (*runfile_check_fn)(const struct runfile_meta *, void *);
/* check, when given, sees the union before any event goes to sink and
 * stops the merge by returning -1. */
int	runfile_merge(const char *const *paths, size_t n, int complete,
	    size_t fan_in, struct bo_diag *, struct runfile_meta *meta,
	    runfile_check_fn check, void *check_arg, struct bo_sink sink);

/* blackout map: decodes shard k of n of the inputs into a run file. */
int	bo_map(struct bo_ctx *, const char *const *inputs, size_t n,
	    unsigned k, unsigned shards, const char *path);
/* blackout merge: merges run files into one (a partial set is fine). */
int	bo_merge_runs(struct bo_ctx *, const char *const *runs, size_t n,
	    const char *path);
/* The reduce: reads ctx->runs, a complete set, instead of decoding inputs
 * (case inputs, when given, must be theirs), as bo_ingest would. */
int	bo_runs_ingest(struct bo_ctx *, const char *const *inputs, size_t n,
	    struct bo_sink sink);

#endif
