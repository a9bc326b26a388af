#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>

#include "core/ctx.h"
#include "decode/decoder.h"
#include "input/input.h"
#include "rules/rules.h"
#include "util/util.h"

#define SNIFF_BYTES	4096

struct run {
	struct bo_ctx		*ctx;
	struct bo_input_info	*info;
	struct bo_sink		 sink;		/* decode mode */
	bo_member_fn		 inspect;	/* inspect mode */
	void			*inspect_arg;
	int			 fatal;
	uint64_t		 in_base;	/* bytes of earlier inputs */
	uint64_t		 in_total;
	uint64_t		 out_base;
	uint64_t		 members;
};

static void
run_progress(void *arg, uint64_t in, uint64_t out)
{
	struct run *r = arg;

	r->ctx->progress(r->ctx->progress_arg, r->in_base + in, r->in_total,
	    r->out_base + out, r->members);
}

/*
 * Collector names from the path, as RIPE RIS and RouteViews lay out their
 * archives: "rrc00/2014.12/updates...", "route-views2/bgpdata/...",
 * "rrc00.updates.20141222.gz" (bgpkit), "routeviews.route-views.jinx..."
 * (bgpstream).  The last match wins: the component nearest the file.
 */
static const char *
collector_from_path(const char *path, char *buf, size_t len)
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
	if (dc->peers != NULL && ev->kind != NULL &&
	    strcmp(ev->kind, "bgp.rib") == 0)
		bo_peers_count(dc->peers, ev);
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

static void
member_skip(struct run *r, const struct bo_member *m, const char *reason)
{
	struct bo_where w = { m->input, m->path, 0, 0, 0, 0 };

	bo_diag_report(r->ctx->diag, BO_WARN, &w, "skipped: %s", reason);
	bo_diag_count(r->ctx->diag, BO_CNT_MEMBERS_SKIPPED, 1);
	bo_diag_reason(r->ctx->diag, BO_CNT_MEMBERS_SKIPPED, reason);
	r->info->members_skipped++;
}

static void
member_fail(struct run *r, const struct bo_member *m, uint64_t offset,
    const char *what, const char *msg)
{
	struct bo_where w = { m->input, m->path, offset, 1, 0, 0 };

	bo_diag_report(r->ctx->diag, BO_FAIL, &w, "%s: %s", what, msg);
	bo_diag_count(r->ctx->diag, BO_CNT_MEMBERS_FAILED, 1);
	bo_diag_reason(r->ctx->diag, BO_CNT_MEMBERS_FAILED, what);
	r->info->members_failed++;
}

static int
on_member(void *arg, const struct bo_member *m, struct bo_stream *s)
{
	struct run *r = arg;
	struct bo_decode_ctx dc;
	struct bo_sniff sn;
	const struct bo_decoder_ops *best = NULL, *d;
	const struct bo_rule *best_rule = NULL;
	const char *err;
	char collector[64], why[128];
	size_t avail, i;
	int bid, best_bid = 0, rc;

	r->members++;
	avail = bo_stream_fill(s, SNIFF_BYTES);
	if (avail == 0 && bo_stream_error(s, &err)) {
		member_fail(r, m, 0, "cannot decompress", err);
		return 0;
	}
	memset(&sn, 0, sizeof(sn));
	sn.head = bo_stream_data(s);
	sn.len = avail < SNIFF_BYTES ? avail : SNIFF_BYTES;
	sn.type = bo_sniff_bytes(sn.head, sn.len);
	sn.member = m;

	memset(&dc, 0, sizeof(dc));
	dc.diag = r->ctx->diag;
	dc.sink = r->sink;
	dc.filter = &r->ctx->filter;
	dc.limits = &r->ctx->limits;
	dc.member = m;
	dc.rules = r->ctx->rules;
	dc.peers = r->ctx->peers;
	dc.unmatched = r->ctx->unmatched;
	dc.unmatched_arg = r->ctx->unmatched_arg;
	dc.default_time_us = r->ctx->default_time_us;
	dc.collector = collector_from_path(m->path, collector,
	    sizeof(collector));
	if (dc.collector == NULL)
		dc.collector = collector_from_path(m->input, collector,
		    sizeof(collector));
	for (i = 0; i < bo_decoder_count(); i++) {
		d = bo_decoder_at(i);
		dc.rule = NULL;
		bid = d->bid(&dc, &sn);
		if (bid > best_bid) {
			best_bid = bid;
			best = d;
			best_rule = dc.rule;
		}
	}
	dc.rule = best_rule;

	if (r->inspect != NULL) {
		struct bo_member_info mi;

		mi.input = m->input;
		mi.member = m->path;
		mi.size = m->size;
		mi.compression = m->compression;
		mi.type = bo_sniff_name(sn.type);
		mi.decoder = best ? best->name : NULL;
		mi.rule = best_rule ? bo_rule_id(best_rule) : NULL;
		snprintf(why, sizeof(why), "no decoder or rule reads %s content",
		    bo_sniff_name(sn.type));
		mi.skip_reason = best ? NULL : why;
		if (best == NULL)
			r->info->members_skipped++;
		else
			r->info->members_read++;
		return r->inspect(r->inspect_arg, &mi) != 0 ? -1 : 0;
	}

	if (best == NULL) {
		snprintf(why, sizeof(why), "no decoder or rule reads %s content",
		    bo_sniff_name(sn.type));
		member_skip(r, m, why);
		return 0;
	}
	rc = best->decode(&dc, s);
	bo_peers_member_end(r->ctx->peers);
	bo_diag_count(r->ctx->diag, BO_CNT_EVENTS, dc.nevents);
	bo_diag_count(r->ctx->diag, BO_CNT_BYTES, bo_stream_offset(s) +
	    bo_stream_avail(s));
	if (dc.stop) {
		r->fatal = 1;
		return -1;
	}
	if (bo_stream_error(s, &err)) {
		/* What was decoded before the damage is kept; the offset
		 * is where the readable bytes end. */
		member_fail(r, m, bo_stream_offset(s) + bo_stream_avail(s),
		    "decompression failed, rest of member lost", err);
	} else if (rc != 0) {
		member_fail(r, m, bo_stream_offset(s), "decoding gave up",
		    "the rest of the member could not be read");
	} else {
		bo_diag_count(r->ctx->diag, BO_CNT_MEMBERS_READ, 1);
		r->info->members_read++;
	}
	return 0;
}

static int
run_inputs(struct run *r, const char *const *inputs, size_t n)
{
	struct bo_ctx *ctx = r->ctx;
	size_t i;

	bo_ctx_inputs_reset(ctx);
	bo_peers_free(ctx->peers);
	ctx->peers = bo_peers_new();
	ctx->inputs = xcalloc(n ? n : 1, sizeof(*ctx->inputs));
	ctx->ninputs = n;
	/* Hashing first also gives the byte total for the progress line. */
	for (i = 0; i < n && r->inspect == NULL; i++) {
		struct bo_input_info *info = &ctx->inputs[i];

		if (bo_hash_input(inputs[i], info->sha256, &info->bytes) != 0)
			info->sha256[0] = '\0';
		r->in_total += info->bytes;
	}
	for (i = 0; i < n && !r->fatal; i++) {
		struct bo_input_info *info = &ctx->inputs[i];

		info->path = xstrdup(inputs[i]);
		r->info = info;
		if (bo_walk_progress(inputs[i], &ctx->limits, ctx->diag,
		    on_member, r, ctx->progress ? run_progress : NULL, r) != 0)
			break;
		r->in_base += info->bytes;
		r->out_base = bo_diag_get(ctx->diag, BO_CNT_BYTES);
	}
	bo_peers_finish(ctx->peers);
	return r->fatal ? -1 : 0;
}

int
bo_inspect(struct bo_ctx *ctx, const char *const *inputs, size_t n,
    bo_member_fn fn, void *arg)
{
	struct run r;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.inspect = fn;
	r.inspect_arg = arg;
	return run_inputs(&r, inputs, n);
}

int
bo_ingest(struct bo_ctx *ctx, const char *const *inputs, size_t n,
    struct bo_sink sink)
{
	struct bo_evstore *st = bo_evstore_new();
	struct run r;
	size_t i;
	int rc;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.sink = bo_evstore_sink(st);
	rc = run_inputs(&r, inputs, n);
	/*
	 * Every member's events are gathered, then put in the one total
	 * order, so output never depends on member order.
	 * TODO(spill): past a memory bound, sorted runs should go to disk
	 * and be merged; today the store holds the whole (filtered) run.
	 */
	bo_evstore_sort(st);
	for (i = 0; rc == 0 && i < bo_evstore_count(st); i++)
		if (sink.event(sink.arg, bo_evstore_get(st, i)) != 0)
			rc = -1;
	bo_evstore_free(st);
	return rc;
}
