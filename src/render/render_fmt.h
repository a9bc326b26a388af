/*
 * Shared by the Markdown and HTML renderers: times (UTC, and local time in
 * an IANA zone), durations, evidence places, fixed-point numbers and the
 * cleaning of evidence text.  Nothing here reads the locale or the clock,
 * so the same timeline always gives the same bytes.
 */
#ifndef BO_RENDER_FMT_H
#define BO_RENDER_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/diag.h>
#include <blackout/timeline.h>

#include "util/util.h"

#define RFMT_TIME_LEN	48

/*
 * A display zone.  rtz_begin() points TZ at the zone for the length of one
 * render (localtime_r reads it) and rtz_end() puts the old value back.
 * zone NULL or unknown: UTC only, active stays false.  TZ is process-wide,
 * so two renders must not run at once in different threads.
 */
struct rtz {
	const char	*zone;
	bool		 active;
	char		*saved;		/* the caller's TZ, NULL if unset */
};

void	rtz_begin(struct rtz *, const char *zone);
void	rtz_end(struct rtz *);

/* "2014-12-22 16:15:00", cut to what the precision can tell ("2014-12-22
 * 16:15" for minutes, "2014-12-22" for a date). */
char	*rfmt_utc(int64_t us, enum bo_prec, char *buf, size_t len);
/* The same in the zone, with its offset: "2014-12-23 01:15 +09:00";
 * "" when the zone is not active. */
char	*rfmt_local(const struct rtz *, int64_t us, enum bo_prec, char *buf,
	    size_t len);
/* Headlines and summaries stop at seconds; the tables keep all the
 * precision the evidence has. */
enum bo_prec rprec_head(enum bo_prec);
/* Offset of the zone from UTC at us, in seconds. */
long	rtz_offset(const struct rtz *, int64_t us);
/* A signed duration: "+1 h 47 min", "-2 d 2 h 15 min", "0 min". */
char	*rfmt_lag(int64_t s, char *buf, size_t len);
/* Human form of a relation: "before onset", "no matching signal". */
const char *rfmt_relation(enum bo_relation);
/* "rrc00.tar.gz!updates.20141222.1610.gz @ byte 88213", "feed.xml:12", or
 * "tweets.json:1#17" for the 17th item of a JSON document on line 1;
 * raw text, to be escaped by the caller. */
void	rfmt_evidence(struct buf *, const struct bo_evidence *);
/* v with exactly decimals digits after the point, '.' whatever the
 * locale; decimals 0..4. */
void	rfmt_fixed(struct buf *, double v, int decimals);
/* "4 of 4 (100%)"; "n/a" when the total is unknown. */
void	rfmt_share(struct buf *, uint32_t n, uint32_t total);

/*
 * Reads one code point of s (n bytes left) through the bounds-checked
 * cursor.  Bad or truncated UTF-8, surrogates, C0/C1 controls (but tab,
 * CR and LF), DEL and noncharacters come back as U+FFFD, so nothing that
 * XML or HTML forbids can pass.  Returns the bytes consumed (>= 1).
 */
size_t	rtext_next(const unsigned char *s, size_t n, uint32_t *cp);
/* How many characters rtext_next() replaced in this thread since the
 * reset: the reports say so rather than lose them silently. */
size_t	rtext_replaced(void);
void	rtext_replaced_reset(void);
/* " N characters of evidence text ... are shown as U+FFFD.", or nothing. */
void	rreplaced_note(struct buf *);
/* Appends cp as UTF-8. */
void	rtext_put(struct buf *, uint32_t cp);
/*
 * Appends s cleaned as above, line breaks and tabs turned into spaces, and
 * each code point for which repl returns a string replaced by it.
 */
typedef const char *(*rtext_repl)(uint32_t cp);
void	rtext_add(struct buf *, const char *s, rtext_repl);
/* Appends s escaped for XML/HTML text and attribute values; line breaks
 * and tabs become spaces; NULL appends nothing. */
void	rxml_add(struct buf *, const char *s);
/* 1 if url is an http(s) address safe to put in a link: no spaces, quotes,
 * angle brackets or controls.  Anything else is shown as text only. */
int	rurl_linkable(const char *url);

/* The renderers' lists of timeline rows, merged and sorted. */
enum rrow_type {
	RROW_CONFIRMED = 0,
	RROW_UNCONFIRMED,
	RROW_CLAIM,
	RROW_REPORT
};

struct rrow {
	int64_t			 time_us;
	enum bo_prec		 prec;
	enum rrow_type		 type;
	long			 incident;	/* -1: none */
	const struct bo_signal	*sig;
	const struct bo_claim	*claim;
	size_t			 claim_no;	/* 1-based, claims only */
};

/* Every signal (in incidents and outside) and every claim, in time order;
 * ties keep the order of the timeline.  Free with free(). */
struct rrow *rrows_build(const struct bo_timeline *, size_t *n);
/* "Confirmed signal", "Unconfirmed signal", "Unverified claim",
 * "Unverified report". */
const char *rrow_label(enum rrow_type);
/* Is this claim (1-based number in the claims table) a report? */
bool	 rclaim_is_report(const struct bo_claim *);
/* Counts of confirmed / unconfirmed incidents, claims and reports. */
void	 rcount(const struct bo_timeline *, size_t *confirmed,
	    size_t *unconfirmed, size_t *claims, size_t *reports);
/* The methods' counts: vantages named by signals (distinct, listed up to
 * RFMT_MAX_VANTAGES), series, records, events, warnings; raw text. */
#define RFMT_MAX_VANTAGES 24
void	 rcounts(struct buf *, const struct bo_timeline *);
/* The incident the headline is about: the longest confirmed one, else the
 * first; NULL when there is none. */
const struct bo_incident *rprimary(const struct bo_timeline *);
/* Whether both ends of a gap are known (a no_data gap of a run with no
 * window and no record at all has neither). */
bool	 rgap_bounded(const struct bo_gap *);
/* "No conclusion can be drawn for AS1 from A to B UTC: why." for every
 * no_data gap, raw text; nothing when there is none.  Returns how many. */
size_t	 rno_data(struct buf *, const struct bo_timeline *);
/* What to say when no incident was measured: "No incident was found for
 * T in the evidence examined." for the targets with data, and the
 * no_data sentences for the others; raw text. */
void	 rnone(struct buf *, const struct bo_timeline *);
/* One member or family of an incident: "AS8452 ipv4: dark from
 * 2011-01-27 22:12:19 to 2011-01-28 01:00:00 UTC, 8 of 8 prefixes", or
 * "AS20928 ipv4: stayed up (4 prefixes)"; raw text. */
void	 rpart(struct buf *, const struct bo_part *);
/* The report's title: the case's own, else "Outage report: " and the
 * targets; raw text. */
void	 rtitle(struct buf *, const struct bo_timeline *);
/* One-paragraph summary of the whole timeline, raw text. */
void	 rlede(struct buf *, const struct bo_timeline *);
/* "AS131279, 175.45.176.0/22"; "(none)" when empty. */
void	 rjoin(struct buf *, char *const *v, size_t n);
/* How a claim stands against the incidents: "before onset of #2", with
 * a note when the claimed target is not the incident's. */
void	 rclaim_relation(struct buf *, const struct bo_timeline *,
	    const struct bo_claim *);
/* "actor: action → target" with the parts that are known. */
void	 rclaim_what(struct buf *, const struct bo_claim *);
/* Evidence of one row, at most RFMT_MAX_EVIDENCE places. */
#define RFMT_MAX_EVIDENCE 4
/* An incident's "why" without its leading "confirmed: " or "unconfirmed: ",
 * for headings that already say which ("Why confirmed: 3 collectors ..."). */
const char *rwhy(const struct bo_incident *);
/* The display zone: the option wins over the timeline's own. */
const char *rzone(const struct bo_timeline *, const char *opt_tz);

#endif /* BO_RENDER_FMT_H */
