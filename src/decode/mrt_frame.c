/*
 * MRT framing: cuts a member's byte stream into records, repairs
 * systematic length errors, and finds the next record after damage.
 *
 * Writers have been wrong about the length field in consistent ways:
 * early RIPE RIS bviews (TABLE_DUMP, 2000) and Quagga's first BGP4MP_ET
 * records (2015, the length leaves out the microseconds) declare 4 bytes
 * less than they wrote.  Such a member is read whole once the headers
 * after a record line up with a fixed correction; the correction then
 * holds for the rest of the member and is reported once, with the offset
 * of the first record it applied to and their count.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decode/mrt_parse.h"
#include "input/input.h"

#define ERRLEN	256

static void
hdr_decode(const uint8_t *b, uint64_t off, struct mrt_hdr *h)
{
	struct cursor c;

	cur_init(&c, b, 12, off);
	memset(h, 0, sizeof(*h));
	h->offset = off;
	/* timestamp, type, subtype, length: the caller has 12 bytes */
	if (cur_u32(&c, &h->ts) != 0 || cur_u16(&c, &h->type) != 0 ||
	    cur_u16(&c, &h->subtype) != 0 || cur_u32(&c, &h->len) != 0)
		h->type = 0;
	h->et = h->type == MRT_BGP4MP_ET || h->type == 33 || h->type == 49;
}

/* Within a day of the last good record, when there was one. */
static int
ts_plausible(const struct mrt_parser *p, uint32_t ts)
{
	if (!p->have_ts)
		return ts >= 600000000u;	/* after 1989 */
	return ts + 86400u >= p->last_ts && ts <= p->last_ts + 86400u;
}

static int
hdr_plausible(const struct mrt_parser *p, const struct mrt_hdr *h)
{
	return mrt_type_known(h->type, h->subtype) && h->len <= MRT_MAX_RECORD &&
	    (!h->et || h->len >= 4) && ts_plausible(p, h->ts);
}

static void
swarn(struct mrt_parser *p, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
swarn(struct mrt_parser *p, uint64_t off, const char *fmt, ...)
{
	char msg[ERRLEN];
	va_list ap;

	if (p->cb.warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->cb.warn(p->cb.arg, off, msg);
}

/*
 * Whether a record may end `at` bytes into the window: the member ends
 * there, or a plausible header starts there.  The header is left in *h
 * (type 0 at the end of the member).
 */
static int
lines_up(const struct mrt_parser *p, struct bo_stream *s, size_t at,
    struct mrt_hdr *h)
{
	size_t avail = bo_stream_fill(s, at + 12);

	memset(h, 0, sizeof(*h));
	if (avail == at)
		return 1;
	if (avail < at + 12)
		return 0;
	hdr_decode(bo_stream_data(s) + at, 0, h);
	return hdr_plausible(p, h);
}

/*
 * The framing correction for the record filling the first `need` bytes of
 * the window: 0 when the next header lines up as declared; the correction
 * in force when it makes them line up; otherwise +4 or -4 when with it both
 * the next header and the one after that (or the end) line up.
 */
static int
frame_fix(struct mrt_parser *p, struct bo_stream *s, size_t need,
    int *misframed)
{
	static const int cand[] = { 4, -4 };
	struct mrt_hdr h;
	size_t i, at;

	*misframed = 0;
	if (p->fix != 0 && lines_up(p, s, need + (size_t)p->fix, &h))
		return p->fix;
	if (lines_up(p, s, need, &h))
		return 0;
	for (i = 0; i < sizeof(cand) / sizeof(cand[0]); i++) {
		if (cand[i] == p->fix || (cand[i] < 0 && need < 16))
			continue;
		/* a new correction needs a real header after the record:
		 * a member cut short can end anywhere */
		at = need + (size_t)cand[i];
		if (!lines_up(p, s, at, &h) || h.type == 0)
			continue;
		if (lines_up(p, s, at + 12 + h.len + (size_t)cand[i], &h))
			return cand[i];
	}
	*misframed = 1;
	return p->fix;
}

/* The correction's single warning, once the member is read. */
static void
fix_report(struct mrt_parser *p)
{
	const char *tn, *why;

	if (p->fix_count == 0)
		return;
	tn = mrt_type_name(p->fix_type);
	why = p->fix_type == MRT_TABLE_DUMP ? "early RIPE RIS bview" :
	    p->fix_type == MRT_BGP4MP_ET ? "the length leaves out the "
	    "extended-time microseconds" : "systematic framing error";
	swarn(p, p->fix_first, "%" PRIu64 " %s record(s) from here on are 4 "
	    "bytes %s than their length says (%s); the following headers line "
	    "up when the length is corrected, so they were read whole",
	    p->fix_count, tn != NULL ? tn : "MRT",
	    p->fix_dir > 0 ? "longer" : "shorter", why);
	p->fix_count = 0;
}

/*
 * After damage: the next offset where a plausible header starts whose
 * record ends at the end of the stream or right before another plausible
 * header (or 4 bytes off it: the framing errors frame_fix repairs).
 * Returns 0 and leaves the stream there, -1 at the end.
 */
static int
resync(struct mrt_parser *p, struct bo_stream *s)
{
	struct mrt_hdr h, h2, cut;
	const uint8_t *d;
	size_t avail, i, end, k, cutavail = 0;
	uint64_t from;
	int have_cut = 0;

	p->st.resyncs++;
	from = bo_stream_offset(s);
	bo_stream_consume(s, 1);
	for (;;) {
		avail = bo_stream_fill(s, 1u << 20);
		if (avail < 12)
			break;
		d = bo_stream_data(s);
		for (i = 0; i + 12 <= avail; i++) {
			hdr_decode(d + i, bo_stream_offset(s) + i, &h);
			if (!hdr_plausible(p, &h))
				continue;
			end = i + 12 + h.len;
			if (end + 16 > avail) {
				/* Too little in the window to check the
				 * follower: move the candidate to the front. */
				if (i > 0) {
					bo_stream_consume(s, i);
					goto again;
				}
				avail = bo_stream_fill(s, end + 16);
				d = bo_stream_data(s);
			}
			if (end == avail || end + 4 == avail ||
			    end - 4 == avail) {
				bo_stream_consume(s, i);
				return 0;	/* the last record */
			}
			if (end > avail) {
				/* runs past the end: a record cut short, or
				 * chance; said if nothing better turns up */
				if (!have_cut) {
					cut = h;
					cutavail = avail - i;
					have_cut = 1;
				}
				continue;
			}
			for (k = end >= i + 16 ? end - 4 : end; k <= end + 4;
			    k += 4) {
				if (k + 12 > avail)
					continue;
				hdr_decode(d + k, 0, &h2);
				if (hdr_plausible(p, &h2)) {
					bo_stream_consume(s, i);
					return 0;
				}
			}
		}
		bo_stream_consume(s, i);
again:		;
	}
	if (!have_cut) {
		swarn(p, from, "no record found in the %" PRIu64 " bytes from "
		    "here to the end of the member; they are lost",
		    bo_stream_offset(s) + bo_stream_avail(s) - from);
		p->st.skipped++;
	} else {
		const char *tn = mrt_type_name(cut.type);
		const char *sn = mrt_subtype_name(cut.type, cut.subtype);

		swarn(p, cut.offset, "%s/%s record truncated: %zu of %" PRIu32
		    " body bytes before the end of the member", tn ? tn : "?",
		    sn ? sn : "?", cutavail - 12, cut.len);
		p->st.skipped++;
	}
	return -1;
}

/*
 * A run of zero bytes where a header should start (log rotation and
 * preallocation leave them) is skipped with one warning; 1 when it was.
 */
static int
zero_run(struct mrt_parser *p, struct bo_stream *s)
{
	const uint8_t *d = bo_stream_data(s);
	uint64_t off = bo_stream_offset(s), n = 0;
	size_t avail, i;

	for (i = 0; i < 12; i++)
		if (d[i] != 0)
			return 0;
	for (;;) {
		avail = bo_stream_fill(s, 65536);
		if (avail == 0)
			break;
		d = bo_stream_data(s);
		for (i = 0; i < avail && d[i] == 0; i++)
			;
		n += i;
		bo_stream_consume(s, i);
		if (i < avail)
			break;
	}
	swarn(p, off, "%" PRIu64 " zero bytes where a record should start; "
	    "skipped", n);
	p->st.resyncs++;
	return 1;
}

static int
parse_stream(struct mrt_parser *p, struct bo_stream *s)
{
	struct mrt_hdr h;
	struct cursor c;
	const uint8_t *d;
	size_t avail, need;
	uint32_t usec;
	uint64_t skipped;
	int bad, fix, misframed;

	for (;;) {
		avail = bo_stream_fill(s, 12);
		if (avail == 0)
			return 0;
		if (avail < 12) {
			swarn(p, bo_stream_offset(s), "truncated MRT header: %zu "
			    "of 12 bytes at the end of the member", avail);
			p->st.skipped++;
			return -1;
		}
		if (zero_run(p, s) != 0)
			continue;
		hdr_decode(bo_stream_data(s), bo_stream_offset(s), &h);
		bad = 0;
		if (h.len > MRT_MAX_RECORD) {
			swarn(p, h.offset, "absurd MRT record length %" PRIu32
			    " (type %u subtype %u); looking for the next "
			    "record", h.len, h.type, h.subtype);
			bad = 1;
		} else if (!mrt_type_known(h.type, h.subtype) &&
		    mrt_type_name(h.type) == NULL) {
			swarn(p, h.offset, "unknown MRT type %u subtype %u "
			    "(length %" PRIu32 "); looking for the next record",
			    h.type, h.subtype, h.len);
			bad = 1;
		}
		if (bad) {
			p->st.skipped++;
			if (resync(p, s) != 0)
				return -1;
			continue;
		}
		need = 12 + (size_t)h.len;
		fix = frame_fix(p, s, need, &misframed);
		if (fix != 0) {
			if (p->fix_count == 0) {
				p->fix_first = h.offset;
				p->fix_type = h.type;
				p->fix_dir = fix;
			}
			p->fix = fix;
			p->fix_count++;
			need += (size_t)fix;
			h.len += (uint32_t)fix;
		}
		avail = bo_stream_fill(s, need);
		if (avail < need) {
			const char *tn = mrt_type_name(h.type);
			const char *sn = mrt_subtype_name(h.type, h.subtype);

			swarn(p, h.offset, "%s/%s record truncated: %zu of %"
			    PRIu32 " body bytes before the end of the member",
			    tn ? tn : "?", sn ? sn : "?", avail - 12, h.len);
			p->st.skipped++;
			bo_stream_consume(s, avail);
			return -1;
		}
		d = bo_stream_data(s);
		cur_init(&c, d + 12, h.len, h.offset + 12);
		if (h.et) {
			/* microseconds, counted in the length */
			if (cur_u32(&c, &usec) != 0) {
				swarn(p, h.offset, "extended-time record shorter "
				    "than its timestamp");
				p->st.skipped++;
				bo_stream_consume(s, need);
				continue;
			}
			h.usec = usec;
			h.len -= 4;
		}
		p->last_ts = h.ts;
		p->have_ts = 1;
		skipped = p->st.skipped;
		if (mrt_parse_record(p, &h, &c) != 0) {
			bo_stream_consume(s, need);
			return -1;
		}
		if (misframed && p->st.skipped > skipped) {
			/*
			 * A malformed record that does not end where a
			 * record starts: its length is damaged too (a
			 * header cut short swallows the records after it),
			 * so the records are looked for inside it.
			 */
			swarn(p, h.offset, "the record's length %" PRIu32
			    " does not end at a record; looking for records "
			    "inside it", h.len);
			if (resync(p, s) != 0)
				return -1;
			continue;
		}
		bo_stream_consume(s, need);
	}
}

int
mrt_parse_stream(struct mrt_parser *p, struct bo_stream *s)
{
	int rc = parse_stream(p, s);

	fix_report(p);
	return rc;
}
