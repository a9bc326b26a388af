/*
 * The Markdown report: the content of the HTML report for blogs and
 * GitHub (GitHub-flavoured tables).  Every string that came from evidence
 * goes through md_esc(), which backslash-escapes what Markdown or a table
 * would read as syntax, so a tweet cannot open a link, a code span or a
 * new column.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/render_fmt.h"
#include "render/render_routing.h"

#define MD_SPARK_WIDTH	48

struct md {
	struct buf		 b;
	const struct bo_timeline *tl;
	struct rtz		 tz;
	const char		*chart_file;
};

/* CommonMark lets any ASCII punctuation be escaped with a backslash;
 * these are the ones that could start markup, a link, a code span, an
 * entity, GitHub math or a new table cell. */
static const char *
md_repl(uint32_t cp)
{
	static const char special[] = "\\`*_{}[]<>#+!|~&$";
	static char esc[sizeof(special)][3];
	const char *at;

	if (cp >= 0x80 || cp == 0 || (at = strchr(special, (int)cp)) == NULL)
		return NULL;
	esc[at - special][0] = '\\';
	esc[at - special][1] = (char)cp;
	return esc[at - special];
}

static void
md_esc(struct md *m, const char *s)
{
	rtext_add(&m->b, s, md_repl);
}

static void
md_time_cells(struct md *m, int64_t us, enum bo_prec prec)
{
	char t[RFMT_TIME_LEN];

	buf_printf(&m->b, " %s |", rfmt_utc(us, prec, t, sizeof(t)));
	if (m->tz.active)
		buf_printf(&m->b, " %s |", rfmt_local(&m->tz, us, prec, t,
		    sizeof(t)));
}

static void
md_time_heads(struct md *m, const char **rule)
{
	buf_adds(&m->b, " Time (UTC) |");
	*rule = "---|";
	if (m->tz.active) {
		buf_adds(&m->b, " Local (");
		md_esc(m, m->tz.zone);
		buf_adds(&m->b, ") |");
		*rule = "---|---|";
	}
}

static void
md_evidence(struct md *m, const struct bo_evidence *ev, size_t n)
{
	struct buf tmp;
	size_t i;

	buf_init(&tmp);
	for (i = 0; i < n && i < RFMT_MAX_EVIDENCE; i++) {
		buf_reset(&tmp);
		rfmt_evidence(&tmp, &ev[i]);
		buf_adds(&m->b, i > 0 ? "; " : " ");
		md_esc(m, tmp.data);
	}
	if (n > RFMT_MAX_EVIDENCE)
		buf_printf(&m->b, "; and %zu more", n - RFMT_MAX_EVIDENCE);
	if (n == 0)
		buf_adds(&m->b, " none recorded");
	buf_free(&tmp);
	buf_adds(&m->b, " |");
}

static void
md_link(struct md *m, const char *url, const char *label)
{
	if (rurl_linkable(url)) {
		buf_addc(&m->b, '[');
		md_esc(m, label != NULL && label[0] != '\0' ? label : url);
		buf_printf(&m->b, "](<%s>)", url);
		return;
	}
	md_esc(m, label);
	if (url != NULL && url[0] != '\0') {
		buf_adds(&m->b, " (");
		md_esc(m, url);
		buf_adds(&m->b, ")");
	}
}

static void
md_head(struct md *m)
{
	const struct bo_timeline *tl = m->tl;
	struct buf tmp;
	char a[RFMT_TIME_LEN], z[RFMT_TIME_LEN];

	buf_init(&tmp);
	buf_adds(&m->b, "# ");
	rtitle(&tmp, tl);
	md_esc(m, tmp.data);
	buf_adds(&m->b, "\n\n**Internet outage reconstruction.** ");
	buf_reset(&tmp);
	rlede(&tmp, tl);
	md_esc(m, tmp.data);
	buf_adds(&m->b, "\n\nTargets: ");
	buf_reset(&tmp);
	rjoin(&tmp, tl->targets, tl->ntargets);
	md_esc(m, tmp.data);
	if (tl->has_window)
		buf_printf(&m->b, " · Window: %s to %s UTC",
		    rfmt_utc(tl->from_us, BO_PREC_MIN, a, sizeof(a)),
		    rfmt_utc(tl->to_us, BO_PREC_MIN, z, sizeof(z)));
	buf_adds(&m->b, " · All times UTC");
	if (m->tz.active) {
		buf_adds(&m->b, "; local times in ");
		md_esc(m, m->tz.zone);
	}
	buf_adds(&m->b, " · Blackout ");
	md_esc(m, tl->version);
	buf_adds(&m->b, "\n\n");
	buf_free(&tmp);
}

static void
md_summary(struct md *m)
{
	const struct bo_timeline *tl = m->tl;
	struct buf tmp;
	char t[RFMT_TIME_LEN], l[RFMT_TIME_LEN];
	struct rrow_kv rr[RROUTING_ROWS];
	size_t i, j, k, nr;

	buf_adds(&m->b, "## Summary\n\n");
	if (tl->nincidents == 0) {
		buf_init(&tmp);
		rnone(&tmp, tl);
		md_esc(m, tmp.data);
		buf_adds(&m->b, "\n\n");
		buf_free(&tmp);
		return;
	}
	buf_init(&tmp);
	for (i = 0; i < tl->nincidents; i++) {
		const struct bo_incident *in = &tl->incidents[i];
		bool conf = in->status == BO_STATUS_CONFIRMED;

		buf_printf(&m->b, "### #%zu %s ", i + 1, conf ? "CONFIRMED" :
		    "UNCONFIRMED");
		md_esc(m, in->kind != NULL ? in->kind : "incident");
		buf_adds(&m->b, "\n\n| | |\n|---|---|\n| Targets | ");
		buf_reset(&tmp);
		rjoin(&tmp, in->targets, in->ntargets);
		md_esc(m, tmp.data);
		buf_printf(&m->b, " |\n| Onset | %s UTC",
		    rfmt_utc(in->onset_us, rprec_head(in->onset_prec), t, sizeof(t)));
		if (m->tz.active)
			buf_printf(&m->b, " (%s local)", rfmt_local(&m->tz,
			    in->onset_us, rprec_head(in->onset_prec), l, sizeof(l)));
		if (in->has_end) {
			buf_printf(&m->b, " |\n| End | %s UTC",
			    rfmt_utc(in->end_us, rprec_head(in->end_prec), t, sizeof(t)));
			if (m->tz.active)
				buf_printf(&m->b, " (%s local)",
				    rfmt_local(&m->tz, in->end_us, rprec_head(in->end_prec),
				    l, sizeof(l)));
			buf_printf(&m->b, " |\n| Duration | %s",
			    fmt_duration(in->duration_s, t, sizeof(t)));
		} else {
			buf_adds(&m->b, " |\n| End | not seen in the evidence "
			    "|\n| Duration | unknown (open)");
		}
		nr = rfmt_reach_rows(in, rr);
		for (k = 0; k < nr; k++) {
			buf_printf(&m->b, " |\n| %s | ", rr[k].label);
			md_esc(m, rr[k].value);
		}
		rfmt_routing_free(rr, nr);
		if (in->nparts > 0) {
			buf_adds(&m->b, " |\n| Members and families | ");
			buf_reset(&tmp);
			for (j = 0; j < in->nparts; j++) {
				if (j > 0)
					buf_adds(&tmp, "; ");
				rpart(&tmp, &in->parts[j]);
			}
			md_esc(m, tmp.data);
		}
		buf_printf(&m->b, " |\n| Evidence | %zu signal%s, %zu claim%s "
		    "or report%s", in->nsignals, in->nsignals == 1 ? "" : "s",
		    in->nclaims, in->nclaims == 1 ? "" : "s",
		    in->nclaims == 1 ? "" : "s");
		for (j = 0; j < in->nclaims; j++)
			if (in->claims[j] < tl->nclaims)
				buf_printf(&m->b, "%sC%zu", j == 0 ? ": " : ", ",
				    in->claims[j] + 1);
		buf_adds(&m->b, " |\n| Id | ");
		md_esc(m, in->id);
		buf_printf(&m->b, " |\n\n**%s:** ", conf ? "Why confirmed" :
		    "Why not confirmed");
		md_esc(m, rwhy(in));
		buf_adds(&m->b, "\n\n");
	}
	buf_free(&tmp);
}

static double
md_point_share(const struct bo_point *p, double max)
{
	double v = p->total > 0 ? p->value / p->total : max > 0 ?
	    p->value / max : 0;

	return !isfinite(v) || v < 0 ? 0 : v > 1 ? 1 : v;
}

/*
 * The lowest share (or value over the series' maximum) in each of
 * MD_SPARK_WIDTH slices of [t0, t1], the series read as a step function
 * as in the chart: a value holds until the next point.  '·' before the
 * first point.  Points are in time order.
 */
static void
md_spark(struct md *m, const struct bo_series *s, int64_t t0, int64_t t1)
{
	static const char *blocks[] = { "\xe2\x96\x81", "\xe2\x96\x82",
	    "\xe2\x96\x83", "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
	    "\xe2\x96\x87", "\xe2\x96\x88" };
	double max = 0, lo, v;
	int64_t b1;
	size_t i, j = 0, k;
	bool seen, held = false;
	double last = 0;

	for (i = 0; i < s->npoints; i++)
		if (!(s->points[i].total > 0) && s->points[i].value > max)
			max = s->points[i].value;
	buf_adds(&m->b, " `");
	for (k = 0; k < MD_SPARK_WIDTH; k++) {
		b1 = k + 1 == MD_SPARK_WIDTH ? INT64_MAX : t0 +
		    (int64_t)((double)(t1 - t0) * (double)(k + 1) /
		    MD_SPARK_WIDTH);
		seen = held;
		lo = last;
		for (; j < s->npoints && s->points[j].time_us < b1; j++) {
			v = md_point_share(&s->points[j], max);
			if (!seen || v < lo)
				lo = v;
			seen = held = true;
			last = v;
		}
		if (!seen)
			buf_adds(&m->b, "\xc2\xb7");
		else
			buf_adds(&m->b, blocks[(int)lround(lo * 7)]);
	}
	buf_adds(&m->b, "` |");
}

/* The chart file is named by the caller, not by evidence, but a name with
 * markup in it is left out rather than half-escaped. */
static bool
md_chart_linkable(const char *f)
{
	const char *p;

	if (f == NULL || f[0] == '\0' || strlen(f) > 512)
		return false;
	for (p = f; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || strchr("<>\\`|[]", *p) != NULL)
			return false;
	return true;
}

static void
md_series(struct md *m)
{
	const struct bo_timeline *tl = m->tl;
	int64_t t0 = INT64_MAX, t1 = INT64_MIN;
	char a[RFMT_TIME_LEN], z[RFMT_TIME_LEN];
	size_t i, j, lo;
	struct buf tmp;

	buf_adds(&m->b, "## Visibility over time\n\n");
	for (i = 0; i < tl->nseries; i++)
		for (j = 0; j < tl->series[i].npoints; j++) {
			int64_t t = tl->series[i].points[j].time_us;

			t0 = t < t0 ? t : t0;
			t1 = t > t1 ? t : t1;
		}
	if (t0 > t1) {
		buf_adds(&m->b, "The timeline has no series.\n\n");
		return;
	}
	if (md_chart_linkable(m->chart_file))
		buf_printf(&m->b, "![Visibility and reachability over time, "
		    "with incidents, coverage gaps and claims](<%s>)\n\n",
		    m->chart_file);
	buf_printf(&m->b, "The HTML report draws these series as a chart with "
	    "the incidents, gaps and claims on one time axis. Here each is "
	    "summed up by its lowest value and a sparkline of the lowest share "
	    "in %d equal slices from %s to %s UTC, each value holding until the "
	    "next (· before the first).\n\n",
	    MD_SPARK_WIDTH, rfmt_utc(t0, BO_PREC_MIN, a, sizeof(a)),
	    rfmt_utc(t1, BO_PREC_MIN, z, sizeof(z)));
	buf_adds(&m->b, "| Series | Source | Samples | Lowest | Lowest at "
	    "(UTC) | Sparkline |\n|---|---|---|---|---|---|\n");
	buf_init(&tmp);
	for (i = 0; i < tl->nseries; i++) {
		const struct bo_series *s = &tl->series[i];

		buf_adds(&m->b, "| ");
		md_esc(m, s->name);
		buf_printf(&m->b, " | %s | %zu |", bo_srctype_name(s->src) ?
		    bo_srctype_name(s->src) : "?", s->npoints);
		if (s->npoints == 0) {
			buf_adds(&m->b, " – | – | – |\n");
			continue;
		}
		for (lo = 0, j = 1; j < s->npoints; j++)
			if (s->points[j].value < s->points[lo].value)
				lo = j;
		buf_reset(&tmp);
		rfmt_fixed(&tmp, s->points[lo].value, 0);
		if (s->points[lo].total > 0) {
			buf_adds(&tmp, " of ");
			rfmt_fixed(&tmp, s->points[lo].total, 0);
		}
		buf_addc(&tmp, ' ');
		buf_adds(&tmp, s->unit != NULL ? s->unit : "");
		buf_addc(&m->b, ' ');
		md_esc(m, tmp.data);
		buf_printf(&m->b, " | %s |", rfmt_utc(s->points[lo].time_us,
		    BO_PREC_MIN, a, sizeof(a)));
		md_spark(m, s, t0, t1);
		buf_addc(&m->b, '\n');
	}
	buf_free(&tmp);
	buf_addc(&m->b, '\n');
}

static const char *
md_label(enum rrow_type t)
{
	static const char *labels[] = { "**Confirmed signal**",
	    "Unconfirmed signal", "*Unverified claim*",
	    "*Unverified report*" };

	return labels[t];
}

static void
md_claim_text(struct md *m, const struct bo_claim *c)
{
	struct buf tmp;

	buf_init(&tmp);
	rclaim_what(&tmp, c);
	md_esc(m, tmp.data);
	if (c->text != NULL && c->text[0] != '\0') {
		buf_adds(&m->b, tmp.len > 0 ? ": *“" : "*“");
		md_esc(m, c->text);
		buf_adds(&m->b, "”*");
	}
	buf_free(&tmp);
}

static void
md_timeline(struct md *m)
{
	struct rrow *rows;
	const char *rule;
	size_t n, i;

	rows = rrows_build(m->tl, &n);
	buf_adds(&m->b, "## Timeline\n\n**Confirmed signal**: measured, and "
	    "the incident's rules were met. Unconfirmed signal: measured, not "
	    "corroborated. *Unverified claim* / *Unverified report*: what "
	    "someone said, placed against the measurements.\n\n|");
	md_time_heads(m, &rule);
	buf_printf(&m->b, " Type | Incident | What | Source | Evidence |\n"
	    "|%s---|---|---|---|---|\n", rule);
	for (i = 0; i < n; i++) {
		const struct rrow *r = &rows[i];

		buf_addc(&m->b, '|');
		md_time_cells(m, r->time_us, r->prec);
		buf_printf(&m->b, " %s |", md_label(r->type));
		if (r->incident >= 0)
			buf_printf(&m->b, " #%ld |", r->incident + 1);
		else
			buf_adds(&m->b, " – |");
		if (r->sig != NULL) {
			buf_addc(&m->b, ' ');
			md_esc(m, r->sig->summary);
			buf_adds(&m->b, " (");
			md_esc(m, r->sig->kind);
			buf_adds(&m->b, ") | ");
			md_esc(m, r->sig->vantage);
			buf_adds(&m->b, " |");
			md_evidence(m, r->sig->evidence, r->sig->nevidence);
		} else {
			buf_printf(&m->b, " C%zu ", r->claim_no);
			md_claim_text(m, r->claim);
			buf_adds(&m->b, " | ");
			md_link(m, r->claim->url, r->claim->source);
			buf_adds(&m->b, " |");
			md_evidence(m, r->claim->evidence, r->claim->nevidence);
		}
		buf_addc(&m->b, '\n');
	}
	buf_addc(&m->b, '\n');
	free(rows);
}

static void
md_claims(struct md *m)
{
	const struct bo_timeline *tl = m->tl;
	struct buf tmp;
	const char *rule;
	char lag[RFMT_TIME_LEN];
	size_t i;

	buf_adds(&m->b, "## Claims and reports\n\nClaims and reports are never "
	    "evidence of an outage by themselves: each is placed against the "
	    "measured incidents, with its lag to the onset.\n\n");
	if (tl->nclaims == 0) {
		buf_adds(&m->b, "None in the evidence examined.\n\n");
		return;
	}
	buf_adds(&m->b, "| # |");
	md_time_heads(m, &rule);
	buf_printf(&m->b, " Type | Who and what | Source | Relation | Lag to "
	    "onset | Evidence |\n|---|%s---|---|---|---|---|---|\n", rule);
	buf_init(&tmp);
	for (i = 0; i < tl->nclaims; i++) {
		const struct bo_claim *c = &tl->claims[i];

		buf_printf(&m->b, "| C%zu |", i + 1);
		md_time_cells(m, c->time_us, c->prec);
		buf_printf(&m->b, " %s (", md_label(rclaim_is_report(c) ?
		    RROW_REPORT : RROW_CLAIM));
		md_esc(m, c->kind);
		buf_adds(&m->b, ") | ");
		md_claim_text(m, c);
		buf_adds(&m->b, " | ");
		md_link(m, c->url, c->source);
		buf_adds(&m->b, " | ");
		buf_reset(&tmp);
		rclaim_relation(&tmp, tl, c);
		md_esc(m, tmp.data);
		buf_printf(&m->b, " | %s |", c->has_lag ? rfmt_lag(c->lag_s, lag,
		    sizeof(lag)) : "–");
		md_evidence(m, c->evidence, c->nevidence);
		buf_addc(&m->b, '\n');
	}
	buf_free(&tmp);
	buf_addc(&m->b, '\n');
}

static void
md_gaps(struct md *m)
{
	const struct bo_timeline *tl = m->tl;
	char a[RFMT_TIME_LEN], z[RFMT_TIME_LEN], d[RFMT_TIME_LEN];
	size_t i;

	buf_adds(&m->b, "## Coverage gaps\n\n");
	if (tl->ngaps == 0) {
		buf_adds(&m->b, "No coverage gap was found: every source "
		    "reported through the window.\n\n");
		return;
	}
	buf_adds(&m->b, "Periods a source did not cover. Silence here is "
	    "missing evidence, not an outage.\n\n| Scope | Start (UTC) | End "
	    "(UTC) | Length | Reason | Evidence |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < tl->ngaps; i++) {
		const struct bo_gap *g = &tl->gaps[i];

		buf_adds(&m->b, "| ");
		md_esc(m, g->scope);
		if (rgap_bounded(g))
			buf_printf(&m->b, " | %s | %s | %s | ",
			    rfmt_utc(g->start_us, BO_PREC_S, a, sizeof(a)),
			    rfmt_utc(g->end_us, BO_PREC_S, z, sizeof(z)),
			    fmt_duration((g->end_us - g->start_us) / 1000000,
			    d, sizeof(d)));
		else
			buf_adds(&m->b, " | – | – | unknown | ");
		md_esc(m, g->reason);
		buf_adds(&m->b, " |");
		md_evidence(m, g->evidence, g->nevidence);
		buf_addc(&m->b, '\n');
	}
	buf_addc(&m->b, '\n');
}

static void
md_methods(struct md *m)
{
	const struct bo_timeline *tl = m->tl;
	struct buf tmp;
	size_t i;

	buf_adds(&m->b, "## Methods\n\nBlackout decoded every input below, "
	    "kept each event's place in its input (member and byte offset or "
	    "line), replayed BGP routes into per-prefix visibility, and placed "
	    "every claim and report against the measured incidents. Rerunning "
	    "the same version with the same inputs, rules and thresholds gives "
	    "the same report, byte for byte.\n\n### Inputs\n\n| Input | "
	    "SHA-256 | Bytes | Members read | Skipped | Failed |\n"
	    "|---|---|---|---|---|---|\n");
	for (i = 0; i < tl->ninputs; i++) {
		const struct bo_input_info *in = &tl->inputs[i];

		buf_adds(&m->b, "| ");
		md_esc(m, in->path);
		buf_adds(&m->b, " | ");
		md_esc(m, in->sha256);
		buf_printf(&m->b, " | %" PRIu64 " | %" PRIu64 " | %" PRIu64
		    " | %" PRIu64 " |\n", in->bytes, in->members_read,
		    in->members_skipped, in->members_failed);
	}
	buf_adds(&m->b, "\n### Counts\n\n");
	buf_init(&tmp);
	rcounts(&tmp, tl);
	md_esc(m, tmp.data);
	buf_free(&tmp);
	buf_adds(&m->b, "\n\n### Thresholds\n\n| Parameter | Value | Meaning "
	    "|\n|---|---|---|\n");
	for (i = 0; i < tl->nparams; i++) {
		buf_adds(&m->b, "| ");
		md_esc(m, tl->params[i].name);
		buf_adds(&m->b, " | ");
		md_esc(m, tl->params[i].value);
		buf_adds(&m->b, " | ");
		md_esc(m, tl->params[i].doc);
		buf_adds(&m->b, " |\n");
	}
	buf_adds(&m->b, "\n### Rules\n\n| Rule | Version | File | SHA-256 |\n"
	    "|---|---|---|---|\n");
	for (i = 0; i < tl->nrules; i++) {
		buf_adds(&m->b, "| ");
		md_esc(m, tl->rules[i].id);
		buf_adds(&m->b, " | ");
		md_esc(m, tl->rules[i].version);
		buf_adds(&m->b, " | ");
		md_esc(m, tl->rules[i].file);
		buf_adds(&m->b, " | ");
		md_esc(m, tl->rules[i].sha256[0] ? tl->rules[i].sha256 :
		    "(not hashed)");
		buf_adds(&m->b, " |\n");
	}
	buf_adds(&m->b, "\n---\n\nMade with Blackout ");
	md_esc(m, tl->version);
	buf_adds(&m->b, ". Times are UTC unless marked local. Every line of the "
	    "timeline names the input, member and byte offset or line it rests "
	    "on.");
	rreplaced_note(&m->b);
	buf_addc(&m->b, '\n');
}

int
bo_render_markdown(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	struct md m;
	int rc = 0;

	memset(&m, 0, sizeof(m));
	buf_init(&m.b);
	m.tl = tl;
	m.chart_file = o != NULL ? o->chart_file : NULL;
	rtext_replaced_reset();
	rtz_begin(&m.tz, rzone(tl, o != NULL ? o->tz : NULL));
	md_head(&m);
	md_summary(&m);
	md_series(&m);
	md_timeline(&m);
	md_claims(&m);
	md_gaps(&m);
	md_methods(&m);
	rtz_end(&m.tz);
	if (fwrite(m.b.data, 1, m.b.len, f) != m.b.len || ferror(f)) {
		if (errno == 0)
			errno = EIO;
		rc = -1;
	}
	buf_free(&m.b);
	return rc;
}
