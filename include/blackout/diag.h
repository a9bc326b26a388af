/*
 * Diagnostics: every problem Blackout meets in its inputs is reported with
 * a place (input, member, byte offset or line) and a grade, counted, and
 * the run goes on.  Library code never prints; it reports to a bo_diag,
 * and the CLI decides what reaches the terminal.
 */
#ifndef BLACKOUT_DIAG_H
#define BLACKOUT_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum bo_grade {
	BO_OK = 0,
	BO_INFO,	/* worth saying, nothing lost */
	BO_WARN,	/* something was skipped or guessed; counted */
	BO_FAIL,	/* a whole member or input could not be read */
	BO_FATAL,	/* the run cannot go on (usage, out of disk) */
	BO_GRADE__COUNT
};

/* Named exit statuses of the CLI (documented in blackout(1)). */
enum bo_exit {
	BO_EXIT_OK = 0,		/* clean */
	BO_EXIT_WARN = 1,	/* completed, with warnings or failed members */
	BO_EXIT_USAGE = 2,	/* bad usage or fatal error */
	BO_EXIT_FATAL = 2
};

/*
 * A place in the evidence.  Any field may be NULL/0.  line != 0 means a
 * text position (line, column); otherwise offset is a byte offset, valid
 * when has_offset is set.
 */
struct bo_where {
	const char	*input;
	const char	*member;
	uint64_t	 offset;
	int		 has_offset;
	uint64_t	 line;
	uint64_t	 column;
};

/* The counters shown in the end-of-run summary. */
enum bo_counter {
	BO_CNT_INPUTS = 0,
	BO_CNT_MEMBERS_READ,
	BO_CNT_MEMBERS_SKIPPED,
	BO_CNT_MEMBERS_FAILED,
	BO_CNT_BYTES,		/* decompressed bytes decoded */
	BO_CNT_RECORDS,		/* records/lines/items decoded */
	BO_CNT_RECORDS_SKIPPED,	/* malformed records quarantined */
	BO_CNT_LINES_UNMATCHED,	/* text lines no rule matched */
	BO_CNT_EVENTS,
	BO_CNT_WARNINGS,
	BO_CNT_ERRORS,
	BO_CNT__COUNT
};

struct bo_diag;

/*
 * Called for each message; msg is the full text ("in!member: byte 12:
 * ...").  The default (NULL callback) keeps the message in memory only.
 */
typedef void (*bo_diag_fn)(void *arg, enum bo_grade, const char *msg);

struct bo_diag	*bo_diag_new(bo_diag_fn, void *arg);
void		 bo_diag_free(struct bo_diag *);

/* Formats "input!member: byte N: " or "input!member:LINE: " then msg. */
void		 bo_diag_report(struct bo_diag *, enum bo_grade,
		    const struct bo_where *, const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
void		 bo_diag_vreport(struct bo_diag *, enum bo_grade,
		    const struct bo_where *, const char *fmt, va_list)
		    __attribute__((format(printf, 4, 0)));

void		 bo_diag_count(struct bo_diag *, enum bo_counter, uint64_t n);
uint64_t	 bo_diag_get(const struct bo_diag *, enum bo_counter);
const char	*bo_counter_name(enum bo_counter);

/*
 * Reasons members were skipped or failed ("unknown format", "gzip: truncated
 * input") are tallied by text for the summary.
 */
void		 bo_diag_reason(struct bo_diag *, enum bo_counter,
		    const char *reason);
size_t		 bo_diag_nreasons(const struct bo_diag *);
/* i-th reason, sorted by counter then text; returns its count. */
uint64_t	 bo_diag_reason_at(const struct bo_diag *, size_t i,
		    enum bo_counter *, const char **reason);

/*
 * A diagnostics handle that keeps its messages, for work done on another
 * thread; bo_diag_merge() then replays them into the real handle, in
 * order, with counters and reasons added, so the output is the same
 * whichever thread finished first.
 */
struct bo_diag	*bo_diag_new_buffer(void);
void		 bo_diag_merge(struct bo_diag *dst, const struct bo_diag *src);

/* The worst grade reported so far. */
enum bo_grade	 bo_diag_worst(const struct bo_diag *);

/*
 * A buffered diagnostics (one per decoding thread's file) also hands each
 * message to fn as it is reported, from the reporting thread: for a person
 * who wants warnings as they happen.  Merging it later keeps its counts
 * and its place in file order but does not pass its messages on again.
 */
void		 bo_diag_set_tee(struct bo_diag *, bo_diag_fn, void *arg);

/* Message limit: past it messages are counted but not kept or passed on. */
void		 bo_diag_set_limit(struct bo_diag *, size_t max_messages);
size_t		 bo_diag_suppressed(const struct bo_diag *);

#ifdef __cplusplus
}
#endif

#endif /* BLACKOUT_DIAG_H */
