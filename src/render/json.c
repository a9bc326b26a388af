/*
 * The timeline as JSON (doc/timeline.schema.json) and as NDJSON (one
 * record per line, "type" first).  Keys come in a fixed order and numbers
 * in fixed formats, so the same timeline always gives the same bytes; no
 * wall-clock time, locale or hash order is involved.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <blackout/diag.h>

#include "render/render.h"
#include "render/render_routing.h"
#include "util/util.h"

static void
j_time(struct buf *b, int64_t us, enum bo_prec prec)
{
	char t[48];

	fmt_time_utc(us, prec < BO_PREC_S, t, sizeof(t));
	buf_add_json_str(b, t);
}

static void
j_str(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		buf_add_json_str(b, s);
}

static void
j_key(struct buf *b, const char *k)
{
	buf_add_json_str(b, k);
	buf_addc(b, ':');
}

/* ["a","b"] */
static void
j_strs(struct buf *b, char *const *v, size_t n)
{
	size_t i;

	buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		j_str(b, v[i]);
	}
	buf_addc(b, ']');
}

/* ,"key":"value" (null for no value) */
static void
j_field(struct buf *b, const char *k, const char *v)
{
	buf_addc(b, ',');
	j_key(b, k);
	j_str(b, v);
}

static void
j_evidence(struct buf *b, const struct bo_evidence *e, size_t n)
{
	size_t i;

	buf_adds(b, "\"evidence\":[");
	for (i = 0; i < n; i++) {
		buf_adds(b, i ? ",{" : "{");
		j_key(b, "input");
		j_str(b, e[i].input);
		buf_addc(b, ',');
		j_key(b, "member");
		j_str(b, e[i].member);
		if (e[i].line != 0 && e[i].item != 0)
			buf_printf(b, ",\"line\":%" PRIu64 ",\"item\":%" PRIu64
			    "}", e[i].line, e[i].item);
		else if (e[i].line != 0)
			buf_printf(b, ",\"line\":%" PRIu64 "}", e[i].line);
		else
			buf_printf(b, ",\"offset\":%" PRIu64 "}", e[i].offset);
	}
	buf_addc(b, ']');
}

static void
j_signal(struct buf *b, const struct bo_signal *s)
{
	buf_adds(b, "{\"time\":");
	j_time(b, s->time_us, s->prec);
	j_field(b, "precision", bo_prec_name(s->prec));
	j_field(b, "kind", s->kind);
	j_field(b, "source_type", bo_srctype_name(s->src));
	j_field(b, "vantage", s->vantage);
	j_field(b, "summary", s->summary);
	buf_printf(b, ",\"confirmed\":%s,", s->confirmed ? "true" : "false");
	j_evidence(b, s->evidence, s->nevidence);
	buf_addc(b, '}');
}

static void
j_claim(struct buf *b, const struct bo_timeline *tl, const struct bo_claim *c)
{
	buf_adds(b, "{\"time\":");
	j_time(b, c->time_us, c->prec);
	j_field(b, "precision", bo_prec_name(c->prec));
	j_field(b, "class", bo_class_name(c->cls));
	j_field(b, "kind", c->kind);
	j_field(b, "source", c->source);
	j_field(b, "actor", c->actor);
	j_field(b, "action", c->action);
	j_field(b, "target", c->target);
	j_field(b, "text", c->text);
	j_field(b, "url", c->url);
	buf_adds(b, ",\"verification\":\"unverified\",\"relation\":");
	j_str(b, bo_relation_name(c->relation));
	if (c->has_lag)
		buf_printf(b, ",\"lag_s\":%" PRId64, c->lag_s);
	else
		buf_adds(b, ",\"lag_s\":null");
	buf_printf(b, ",\"target_match\":%s,\"incident\":",
	    c->target_match ? "true" : "false");
	if (c->incident >= 0 && (size_t)c->incident < tl->nincidents)
		j_str(b, tl->incidents[c->incident].id);
	else
		buf_adds(b, "null");
	buf_addc(b, ',');
	j_evidence(b, c->evidence, c->nevidence);
	buf_addc(b, '}');
}

/* An AS number, null for none (0). */
static void
j_asn(struct buf *b, uint32_t as)
{
	if (as)
		buf_printf(b, "%" PRIu32, as);
	else
		buf_adds(b, "null");
}

/* The routing part of a hijack or a leak. */
static void
j_routing(struct buf *b, const struct bo_incident *in)
{
	size_t i;

	buf_adds(b, ",\"routing\":{\"offender\":");
	j_asn(b, in->offender_as);
	buf_adds(b, ",\"leaker\":");
	j_asn(b, in->leaker_as);
	buf_adds(b, ",\"upstream\":");
	j_asn(b, in->upstream_as);
	buf_adds(b, ",\"prefixes\":");
	j_strs(b, in->prefixes, in->nprefixes);
	buf_adds(b, ",\"origins\":[");
	for (i = 0; i < in->norigins; i++)
		buf_printf(b, "%s%" PRIu32, i ? "," : "", in->origins[i]);
	buf_printf(b, "],\"peers\":%" PRIu32 ",\"peers_total\":%" PRIu32
	    ",\"unreachable\":%s,\"effect\":", in->peers, in->peers_total,
	    in->unreachable ? "true" : "false");
	j_str(b, in->effect ? in->effect : "");
	buf_addc(b, '}');
}

static void
j_incident(struct buf *b, const struct bo_timeline *tl,
    const struct bo_incident *in)
{
	size_t i;

	buf_adds(b, "{\"id\":");
	j_str(b, in->id);
	buf_adds(b, ",\"targets\":");
	j_strs(b, in->targets, in->ntargets);
	buf_adds(b, ",\"kind\":");
	j_str(b, in->kind);
	buf_adds(b, ",\"onset\":");
	j_time(b, in->onset_us, in->onset_prec);
	j_field(b, "onset_precision", bo_prec_name(in->onset_prec));
	buf_adds(b, ",\"end\":");
	if (in->has_end) {
		j_time(b, in->end_us, in->end_prec);
		j_field(b, "end_precision", bo_prec_name(in->end_prec));
		buf_printf(b, ",\"duration_s\":%" PRId64, in->duration_s);
	} else
		buf_adds(b, "null,\"end_precision\":null,\"duration_s\":null");
	j_field(b, "status", in->status == BO_STATUS_CONFIRMED ?
	    "confirmed" : "unconfirmed");
	j_field(b, "why", in->why);
	buf_printf(b, ",\"prefixes_affected\":%" PRIu32
	    ",\"prefixes_total\":%" PRIu32 ",\"prefixes_not_restored\":%"
	    PRIu32 ",\"parts\":[", in->prefixes_affected,
	    in->prefixes_total, in->prefixes_not_restored);
	for (i = 0; i < in->nparts; i++) {
		const struct bo_part *p = &in->parts[i];

		buf_adds(b, i ? ",{\"target\":" : "{\"target\":");
		j_str(b, p->target);
		j_field(b, "member", p->member);
		j_field(b, "family", p->family);
		buf_adds(b, ",\"onset\":");
		if (p->has_onset)
			j_time(b, p->onset_us, p->onset_prec);
		else
			buf_adds(b, "null");
		buf_adds(b, ",\"end\":");
		if (p->has_onset && p->has_end)
			j_time(b, p->end_us, p->end_prec);
		else
			buf_adds(b, "null");
		buf_printf(b, ",\"prefixes_affected\":%" PRIu32
		    ",\"prefixes_total\":%" PRIu32 "}", p->prefixes_affected,
		    p->prefixes_total);
	}
	buf_addc(b, ']');
	if (rfmt_is_routing(in))
		j_routing(b, in);
	buf_adds(b, ",\"signals\":[");
	for (i = 0; i < in->nsignals; i++) {
		if (i)
			buf_addc(b, ',');
		j_signal(b, &in->signals[i]);
	}
	/* claims are listed once, at the top level, each naming its
	 * incident: a second copy here made counts disagree */
	buf_adds(b, "]}");
}

static void
j_gap(struct buf *b, const struct bo_gap *g)
{
	buf_adds(b, "{\"kind\":");
	j_str(b, bo_gap_kind_name(g->kind));
	j_field(b, "scope", g->scope);
	if (g->start_us != INT64_MIN && g->end_us != INT64_MAX) {
		buf_adds(b, ",\"start\":");
		j_time(b, g->start_us, BO_PREC_S);
		buf_adds(b, ",\"end\":");
		j_time(b, g->end_us, BO_PREC_S);
		buf_printf(b, ",\"duration_s\":%" PRId64,
		    (g->end_us - g->start_us) / 1000000);
	} else
		buf_adds(b, ",\"start\":null,\"end\":null,"
		    "\"duration_s\":null");
	j_field(b, "reason", g->reason);
	buf_addc(b, ',');
	j_evidence(b, g->evidence, g->nevidence);
	buf_addc(b, '}');
}

static void
j_input(struct buf *b, const struct bo_input_info *in)
{
	buf_adds(b, "{\"path\":");
	j_str(b, in->path);
	j_field(b, "sha256", in->sha256[0] ? in->sha256 : NULL);
	buf_printf(b, ",\"bytes\":%" PRIu64 ",\"members_read\":%" PRIu64
	    ",\"members_skipped\":%" PRIu64 ",\"members_failed\":%" PRIu64
	    "}", in->bytes, in->members_read, in->members_skipped,
	    in->members_failed);
}

static void
j_param(struct buf *b, const struct bo_param *p)
{
	buf_adds(b, "{\"name\":");
	j_str(b, p->name);
	/* values are numbers written by the correlator with %g / %.0f */
	buf_printf(b, ",\"value\":%s,\"doc\":", p->value);
	j_str(b, p->doc);
	buf_addc(b, '}');
}

static void
j_rule(struct buf *b, const struct bo_rule_info *r)
{
	buf_adds(b, "{\"id\":");
	j_str(b, r->id);
	j_field(b, "version", r->version);
	j_field(b, "file", r->file);
	j_field(b, "sha256", r->sha256[0] ? r->sha256 : NULL);
	buf_addc(b, '}');
}

static void
j_series(struct buf *b, const struct bo_series *s)
{
	size_t i;

	buf_adds(b, "{\"name\":");
	j_str(b, s->name);
	j_field(b, "target", s->target);
	j_field(b, "unit", s->unit);
	j_field(b, "source_type", bo_srctype_name(s->src));
	buf_adds(b, ",\"points\":[");
	for (i = 0; i < s->npoints; i++) {
		buf_adds(b, i ? ",[" : "[");
		j_time(b, s->points[i].time_us, BO_PREC_S);
		buf_printf(b, ",%.0f,%.0f]", s->points[i].value,
		    s->points[i].total);
	}
	buf_adds(b, "]}");
}

static void
j_counters(struct buf *b, const struct bo_timeline *tl)
{
	size_t i;

	buf_addc(b, '{');
	for (i = 0; i < BO_CNT__COUNT; i++) {
		if (i)
			buf_addc(b, ',');
		j_key(b, bo_counter_name((enum bo_counter)i));
		buf_printf(b, "%" PRIu64, tl->counters[i]);
	}
	buf_addc(b, '}');
}

static void
j_head(struct buf *b, const struct bo_timeline *tl)
{
	buf_adds(b, "\"version\":");
	j_str(b, tl->version);
	j_field(b, "title", tl->title);
	j_field(b, "timezone", tl->tz);
	buf_adds(b, ",\"window\":");
	if (tl->has_window) {
		buf_adds(b, "{\"from\":");
		if (tl->from_us != INT64_MIN)
			j_time(b, tl->from_us, BO_PREC_S);
		else
			buf_adds(b, "null");
		buf_adds(b, ",\"to\":");
		if (tl->to_us != INT64_MAX)
			j_time(b, tl->to_us, BO_PREC_S);
		else
			buf_adds(b, "null");
		buf_addc(b, '}');
	} else
		buf_adds(b, "null");
	buf_adds(b, ",\"targets\":");
	j_strs(b, tl->targets, tl->ntargets);
}

static int
flush(FILE *f, struct buf *b)
{
	int rc = 0;

	if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len)
		rc = -1;
	buf_reset(b);
	return rc;
}

#define LIST(b, key, n, expr) do {					\
	size_t i_;							\
	buf_adds(b, ",\"" key "\":[");					\
	for (i_ = 0; i_ < (n); i_++) {					\
		if (i_)							\
			buf_adds(b, ",\n");				\
		expr;							\
	}								\
	buf_addc(b, ']');						\
} while (0)

int
bo_render_json(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	struct buf b;
	int rc;

	(void)o;
	buf_init(&b);
	buf_addc(&b, '{');
	j_head(&b, tl);
	LIST(&b, "incidents", tl->nincidents,
	    j_incident(&b, tl, &tl->incidents[i_]));
	/* every claim and report, in time order, each with its incident */
	LIST(&b, "claims", tl->nclaims, j_claim(&b, tl, &tl->claims[i_]));
	LIST(&b, "signals", tl->nsignals, j_signal(&b, &tl->signals[i_]));
	LIST(&b, "coverage", tl->ngaps, j_gap(&b, &tl->gaps[i_]));
	LIST(&b, "series", tl->nseries, j_series(&b, &tl->series[i_]));
	LIST(&b, "inputs", tl->ninputs, j_input(&b, &tl->inputs[i_]));
	LIST(&b, "parameters", tl->nparams, j_param(&b, &tl->params[i_]));
	LIST(&b, "rules", tl->nrules, j_rule(&b, &tl->rules[i_]));
	buf_adds(&b, ",\"counters\":");
	j_counters(&b, tl);
	buf_adds(&b, "}\n");
	rc = flush(f, &b);
	buf_free(&b);
	return rc;
}

int
bo_render_ndjson(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	struct buf b;
	size_t i;
	int rc = 0;

	(void)o;
	buf_init(&b);
	buf_adds(&b, "{\"type\":\"timeline\",");
	j_head(&b, tl);
	buf_adds(&b, ",\"counters\":");
	j_counters(&b, tl);
	buf_adds(&b, "}\n");
	for (i = 0; i < tl->nincidents; i++) {
		buf_adds(&b, "{\"type\":\"incident\",\"incident\":");
		j_incident(&b, tl, &tl->incidents[i]);
		buf_adds(&b, "}\n");
		rc |= flush(f, &b);
	}
	for (i = 0; i < tl->nclaims; i++) {
		buf_adds(&b, "{\"type\":\"claim\",\"claim\":");
		j_claim(&b, tl, &tl->claims[i]);
		buf_adds(&b, "}\n");
		rc |= flush(f, &b);
	}
	for (i = 0; i < tl->nsignals; i++) {
		buf_adds(&b, "{\"type\":\"signal\",\"signal\":");
		j_signal(&b, &tl->signals[i]);
		buf_adds(&b, "}\n");
	}
	for (i = 0; i < tl->ngaps; i++) {
		buf_adds(&b, "{\"type\":\"coverage\",\"coverage\":");
		j_gap(&b, &tl->gaps[i]);
		buf_adds(&b, "}\n");
	}
	for (i = 0; i < tl->ninputs; i++) {
		buf_adds(&b, "{\"type\":\"input\",\"input\":");
		j_input(&b, &tl->inputs[i]);
		buf_adds(&b, "}\n");
	}
	for (i = 0; i < tl->nparams; i++) {
		buf_adds(&b, "{\"type\":\"parameter\",\"parameter\":");
		j_param(&b, &tl->params[i]);
		buf_adds(&b, "}\n");
	}
	rc |= flush(f, &b);
	buf_free(&b);
	if (rc != 0 && errno == 0)
		errno = EIO;
	return rc;
}
