/*
 * Outage periods from the visibility log.  While the stream runs, every
 * change of a target prefix's visibility (combined, and per collector) is
 * logged; when it ends, the log is replayed per target, per address
 * family, per member and per collector to find when the share of the
 * target's address space that is dark crossed onset_share of its
 * baseline, how deep it went, and when it recovered.  Replaying after the
 * fact is what lets a prefix that never came back be told from an outage
 * that never ended (doc/correlation.md, "Visibility and outages").
 */
#ifndef BO_CORR_OUTAGE_H
#define BO_CORR_OUTAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <blackout/timeline.h>

struct corr;
struct evid;
struct olog;		/* in struct corr (state.h) */

/* Visibility of one prefix: not yet judged, visible, below the threshold
 * but still routed by more than dark_share of the peers, dark. */
enum vstate { VS_NONE = 0, VS_VIS, VS_WEAK, VS_DARK };

struct vlog {
	int64_t		 t;
	uint32_t	 px;		/* index into the prefix table */
	int16_t		 coll;		/* -1: all collectors together */
	uint8_t		 st;		/* enum vstate */
	uint8_t		 prec;		/* enum bo_prec */
	uint32_t	 have;		/* counted peers routing it */
	uint32_t	 up;		/* counted peers */
	const char	*ev_input;	/* the event that changed it */
	const char	*ev_member;
	uint64_t	 ev_offset;
	uint64_t	 ev_line;
};

/* Logs a change of prefix xi's state as coll sees it (-1: combined). */
void	outage_note(struct corr *, size_t xi, int coll, enum vstate,
	    uint32_t have, uint32_t up, int64_t t, enum bo_prec,
	    const struct evid *);
/* At the end of the stream: every target's outage periods, collector
 * drops, short withdrawals and prefixes that left the baseline, from the
 * log (replacing what the stream side found). */
void	outage_build(struct corr *);
/* The own onset and end of each member and address family of the
 * targets in tmask around [on, end] (end INT64_MAX: ongoing), for targets
 * with more than one member or family. */
void	outage_parts(struct corr *, uint64_t tmask, int64_t on, int64_t end,
	    struct bo_incident *);
void	outage_free(struct olog *);

#endif /* BO_CORR_OUTAGE_H */
