/*
 * The decoder contract's side of the core: what every decoder calls
 * (bo_emit, bo_decode_warn_at) and what every driver of decoders needs
 * around one member (the context, the collector its path names, the
 * member's accounting).  It depends on events, diagnostics and the input
 * layer only, so a decoder can be run without the scheduler (blackout mrt
 * does), and the scheduler plugs in through the sink and the RIB tally.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <blackout/blackout.h>

#include "decode/decoder.h"
#include "input/input.h"
#include "util/util.h"

/*
 * Collector names from the path, as RIPE RIS and RouteViews lay out their
 * archives: "rrc00/2014.12/updates...", "route-views2/bgpdata/...",
 * "rrc00.updates.20141222.gz" (bgpkit), "routeviews.route-views.jinx..."
 * (bgpstream).  The last match wins: the component nearest the file.
 */
const char *
bo_collector_from_path(const char *path, char *buf, size_t len)
{
	const char *p = path, *found = NULL;
	size_t flen = 0;

	for (; *p != '\0'; p++) {
		size_t n;

		if (p != path && isalnum((unsigned char)p[-1]))
			continue;
		if (strncmp(p, "rrc", 3) == 0 && isdigit((unsigned char)p[3]) &&
		    isdigit((unsigned char)p[4]) &&
		    !isalnum((unsigned char)p[5])) {
			found = p;
			flen = 5;
		} else if (strncmp(p, "route-views", 11) == 0) {
			/* route-views2, route-views.jinx, route-views.sg */
			n = 11;
			while (p[n] != '\0' && p[n] != '/' && p[n] != '!' &&
			    (isalnum((unsigned char)p[n]) ||
			    (p[n] == '.' && isalpha((unsigned char)p[n + 1]) &&
			    strncmp(p + n + 1, "updates", 7) != 0 &&
			    strncmp(p + n + 1, "rib", 3) != 0 &&
			    strncmp(p + n + 1, "bview", 5) != 0) ||
			    p[n] == '-'))
				n++;
			found = p;
			flen = n;
		}
	}
	if (found == NULL)
		return NULL;
	if (flen >= len)
		flen = len - 1;
	memcpy(buf, found, flen);
	buf[flen] = '\0';
	return buf;
}

void
bo_decode_ctx_init(struct bo_decode_ctx *dc, struct bo_diag *diag,
    const struct bo_member *m)
{
	memset(dc, 0, sizeof(*dc));
	dc->diag = diag;
	dc->member = m;
	dc->default_time_us = INT64_MIN;
	dc->collector = bo_collector_from_path(m->path, dc->collector_buf,
	    sizeof(dc->collector_buf));
	if (dc->collector == NULL)
		dc->collector = bo_collector_from_path(m->input,
		    dc->collector_buf, sizeof(dc->collector_buf));
}

int
bo_emit(struct bo_decode_ctx *dc, struct bo_event *ev)
{
	if (dc->stop)
		return -1;
	ev->prov.input = dc->member->input;
	ev->prov.member = dc->member->path;
	ev->seq = dc->seq++;
	if (ev->collector == NULL)
		ev->collector = dc->collector;
	/* Before the filter: full-feed detection needs whole tables. */
	if (dc->rib_tally != NULL && ev->kind != NULL &&
	    str_is(ev->kind, "bgp.rib"))
		dc->rib_tally(dc->rib_tally_arg, ev);
	if (dc->filter != NULL && !bo_filter_match(dc->filter, ev))
		return 0;
	dc->nevents++;
	if (dc->sink.event != NULL && dc->sink.event(dc->sink.arg, ev) != 0) {
		dc->stop = 1;
		return -1;
	}
	return 0;
}

void
bo_decode_warn_at(struct bo_decode_ctx *dc, uint64_t offset, uint64_t line,
    const char *fmt, ...)
{
	struct bo_where w = { dc->member->input, dc->member->path, offset,
	    line == 0, line, 0 };
	va_list ap;

	va_start(ap, fmt);
	bo_diag_vreport(dc->diag, BO_WARN, &w, fmt, ap);
	va_end(ap);
}

void
bo_member_skip(struct bo_diag *diag, const struct bo_member *m,
    const char *reason)
{
	struct bo_where w = { m->input, m->path, 0, 0, 0, 0 };

	bo_diag_report(diag, BO_WARN, &w, "skipped: %s", reason);
	bo_diag_count(diag, BO_CNT_MEMBERS_SKIPPED, 1);
	bo_diag_reason(diag, BO_CNT_MEMBERS_SKIPPED, reason);
}

void
bo_member_fail(struct bo_diag *diag, const struct bo_member *m,
    uint64_t offset, const char *what, const char *msg)
{
	struct bo_where w = { m->input, m->path, offset, 1, 0, 0 };

	bo_diag_report(diag, BO_FAIL, &w, "%s: %s", what, msg);
	bo_diag_count(diag, BO_CNT_MEMBERS_FAILED, 1);
	bo_diag_reason(diag, BO_CNT_MEMBERS_FAILED, what);
}

/*
 * Bytes are those the stream gave the decoder, counted here once for
 * every decoder: decompressed, whether or not a record was made of them.
 */
enum bo_member_end
bo_member_end(struct bo_decode_ctx *dc, struct bo_stream *s, int rc)
{
	const struct bo_member *m = dc->member;
	const char *err;

	bo_diag_count(dc->diag, BO_CNT_EVENTS, dc->nevents);
	bo_diag_count(dc->diag, BO_CNT_BYTES, bo_stream_offset(s) +
	    bo_stream_avail(s));
	if (dc->stop)
		return BO_MEMBER_STOPPED;
	if (bo_stream_error(s, &err)) {
		/* What was decoded before the damage is kept; the offset
		 * is where the readable bytes end. */
		bo_member_fail(dc->diag, m, bo_stream_offset(s) +
		    bo_stream_avail(s),
		    "decompression failed, rest of member lost", err);
		return BO_MEMBER_FAILED;
	}
	if (rc != 0) {
		bo_member_fail(dc->diag, m, bo_stream_offset(s),
		    "decoding gave up",
		    "the rest of the member could not be read");
		return BO_MEMBER_FAILED;
	}
	bo_diag_count(dc->diag, BO_CNT_MEMBERS_READ, 1);
	return BO_MEMBER_READ;
}
