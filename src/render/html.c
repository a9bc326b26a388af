/*
 * The HTML report: one self-contained file (inline CSS and SVG, no script,
 * no external request) that is also well-formed XML, so that xmllint can
 * check it and an XHTML reader can load it.  Every string that came from
 * evidence goes through rxml_add().
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/render_fmt.h"
#include "render/render_routing.h"
#include "render/svg.h"

static const char css[] =
":root{--ink:#1a1a1a;--muted:#5f6368;--rule:#dcdcdc;--conf:#b3261e;"
"--unconf:#666;--claim:#b45309;--report:#1e3a5f}\n"
"*{box-sizing:border-box}\n"
"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
"body{margin:0;background:#fff;color:var(--ink);"
"font:17px/1.55 Georgia,'Times New Roman',Times,serif}\n"
"main{max-width:1040px;margin:0 auto;padding:32px 24px 56px}\n"
"h1,h2,h3,.kicker,.meta,table,figcaption,dl,.badge,.note,footer,.legend"
"{font-family:-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
"sans-serif}\n"
".kicker{text-transform:uppercase;letter-spacing:.09em;font-size:13px;"
"font-weight:700;color:var(--conf);margin:0 0 6px}\n"
"h1{font-size:36px;line-height:1.12;margin:0 0 12px;letter-spacing:-.01em}\n"
".dek{font-size:20px;line-height:1.45;color:#2b2b2b;margin:0 0 16px}\n"
".meta{font-size:13.5px;color:var(--muted);border-top:1px solid "
"var(--rule);padding-top:10px;margin:0}\n"
".meta span{display:inline-block}\n"
"h2{font-size:22px;margin:44px 0 14px;padding-bottom:6px;"
"border-bottom:2px solid var(--ink)}\n"
"h3{font-size:17px;margin:0 0 6px}\n"
"#methods h3{margin:28px 0 8px}\n"
".note{font-size:14px;color:var(--muted)}\n"
".cards{display:grid;grid-template-columns:repeat(auto-fill,"
"minmax(300px,1fr));gap:16px}\n"
".inc{border:1px solid var(--rule);border-top:5px solid var(--conf);"
"padding:12px 16px 14px;background:#fff}\n"
".inc.unconf{border-top:5px dashed var(--unconf)}\n"
"dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;"
"font-size:14.5px;margin:8px 0 0}\n"
"dt{color:var(--muted)}\ndd{margin:0}\n"
".why{font-size:14px;margin:10px 0 0;font-style:italic}\n"
".badge{display:inline-block;font-size:11px;font-weight:700;"
"letter-spacing:.07em;text-transform:uppercase;padding:2px 7px;"
"border-radius:3px;color:#fff;background:var(--conf);"
"vertical-align:2px;margin-right:6px}\n"
".badge.unconf{background:#fff;color:var(--unconf);border:1px dashed "
"var(--unconf)}\n"
"figure{margin:0}\n"
"svg.chart{display:block;width:100%;height:auto}\n"
"figcaption{font-size:13.5px;color:var(--muted);margin-top:8px}\n"
".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
"table{border-collapse:collapse;width:100%;font-size:13.5px;"
"line-height:1.4}\n"
"th{text-align:left;vertical-align:bottom;border-bottom:2px solid "
"var(--ink);padding:6px 8px;font-size:11.5px;text-transform:uppercase;"
"letter-spacing:.05em;color:#333}\n"
"td{border-bottom:1px solid var(--rule);padding:7px 8px;"
"vertical-align:top}\n"
"td.t{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
".lt{color:var(--muted);font-size:12px;font-weight:400;"
"font-style:italic;text-transform:none;letter-spacing:0}\n"
"td.n{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
"tr.r-conf td:first-child{border-left:4px solid var(--conf)}\n"
"tr.r-unconf td:first-child{border-left:4px dashed var(--unconf)}\n"
"tr.r-claim{background:#fdf5e9}\n"
"tr.r-claim td:first-child{border-left:4px dotted var(--claim)}\n"
"tr.r-report{background:#eef3f9}\n"
"tr.r-report td:first-child{border-left:4px dotted var(--report)}\n"
".tag{font-size:10.5px;font-weight:700;text-transform:uppercase;"
"letter-spacing:.05em;white-space:nowrap}\n"
".tag.conf{color:var(--conf)}\n.tag.unconf{color:var(--unconf)}\n"
".tag.claim{color:var(--claim)}\n.tag.report{color:var(--report)}\n"
".q{font-style:italic}\n"
".ev{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
"font-size:11.5px;color:#555;overflow-wrap:anywhere;margin-top:3px}\n"
".kind{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
"font-size:11.5px;color:#666}\n"
".hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
"font-size:11.5px;overflow-wrap:anywhere}\n"
"a{color:#0b57a4}\n"
".legend{font-size:13px;color:#333;margin:0 0 10px}\n"
".legend>span{display:inline-block;margin-right:14px}\n"
"footer{margin-top:48px;padding-top:10px;border-top:1px solid "
"var(--rule);font-size:12.5px;color:var(--muted)}\n"
"@media (max-width:640px){main{padding:18px 14px 40px}"
"h1{font-size:27px}.dek{font-size:17.5px}h2{font-size:20px}"
"table{font-size:12.5px}th,td{padding:5px 6px}"
".cards{grid-template-columns:1fr}"
"}\n"
"@media print{body{font-size:10.5pt;color:#000}"
"main{max-width:none;padding:0}h2{break-after:avoid}"
"tr,.inc,figure{break-inside:avoid}.scroll{overflow:visible}"
"svg.chart{min-width:0}"
"a{color:inherit;text-decoration:none}"
"a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:8.5pt;"
"color:#444;overflow-wrap:anywhere}"
"tr.r-claim,tr.r-report,.badge{-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}@page{margin:15mm}}\n";

struct html {
	struct buf		 b;
	const struct bo_timeline *tl;
	struct rtz		 tz;
};

static void
esc(struct html *h, const char *s)
{
	rxml_add(&h->b, s);
}

/* One cell: the UTC time, and under it the local time when a zone is
 * set (a column of its own would squeeze the text columns on a phone). */
static void
time_cells(struct html *h, int64_t us, enum bo_prec prec)
{
	char t[RFMT_TIME_LEN];

	buf_printf(&h->b, "<td class=\"t\">%s",
	    rfmt_utc(us, prec, t, sizeof(t)));
	if (h->tz.active)
		buf_printf(&h->b, "<br/><span class=\"lt\">%s</span>",
		    rfmt_local(&h->tz, us, prec, t, sizeof(t)));
	buf_adds(&h->b, "</td>");
}

static void
time_heads(struct html *h)
{
	buf_adds(&h->b, "<th>Time (UTC)");
	if (h->tz.active) {
		buf_adds(&h->b, "<br/><span class=\"lt\">local: ");
		esc(h, h->tz.zone);
		buf_adds(&h->b, "</span>");
	}
	buf_adds(&h->b, "</th>");
}

/* The places a row rests on, as a block under its text. */
static void
evidence_block(struct html *h, const struct bo_evidence *ev, size_t n)
{
	struct buf tmp;
	size_t i;

	buf_adds(&h->b, "<div class=\"ev\">Evidence: ");
	buf_init(&tmp);
	for (i = 0; i < n && i < RFMT_MAX_EVIDENCE; i++) {
		buf_reset(&tmp);
		rfmt_evidence(&tmp, &ev[i]);
		if (i > 0)
			buf_adds(&h->b, "; ");
		esc(h, tmp.data);
	}
	if (n > RFMT_MAX_EVIDENCE)
		buf_printf(&h->b, "; and %zu more", n - RFMT_MAX_EVIDENCE);
	if (n == 0)
		buf_adds(&h->b, "none recorded");
	buf_free(&tmp);
	buf_adds(&h->b, "</div>");
}

static void
link_or_text(struct html *h, const char *url, const char *label)
{
	if (rurl_linkable(url)) {
		buf_adds(&h->b, "<a href=\"");
		esc(h, url);
		buf_adds(&h->b, "\">");
		esc(h, label != NULL && label[0] != '\0' ? label : url);
		buf_adds(&h->b, "</a>");
		return;
	}
	esc(h, label);
	if (url != NULL && url[0] != '\0') {
		/* Not a plain web address: shown, never made clickable. */
		buf_adds(&h->b, " (");
		esc(h, url);
		buf_adds(&h->b, ")");
	}
}

static void
head(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	struct buf tmp;
	char a[RFMT_TIME_LEN], z[RFMT_TIME_LEN];

	buf_init(&tmp);
	buf_adds(&h->b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>"
	    "\n<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<meta name=\"generator\" content=\"Blackout ");
	esc(h, tl->version);
	buf_adds(&h->b, "\"/>\n<title>");
	rtitle(&tmp, tl);
	esc(h, tmp.data);
	buf_printf(&h->b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<main>\n<header>\n<p class=\"kicker\">Internet outage "
	    "reconstruction</p>\n<h1>", css);
	esc(h, tmp.data);
	buf_adds(&h->b, "</h1>\n<p class=\"dek\">");
	buf_reset(&tmp);
	rlede(&tmp, tl);
	esc(h, tmp.data);
	buf_adds(&h->b, "</p>\n<p class=\"meta\"><span>Targets: ");
	buf_reset(&tmp);
	rjoin(&tmp, tl->targets, tl->ntargets);
	esc(h, tmp.data);
	buf_adds(&h->b, "</span> · ");
	if (tl->has_window)
		buf_printf(&h->b, "<span>Window: %s to %s UTC</span> · ",
		    rfmt_utc(tl->from_us, BO_PREC_MIN, a, sizeof(a)),
		    rfmt_utc(tl->to_us, BO_PREC_MIN, z, sizeof(z)));
	buf_adds(&h->b, "<span>All times UTC");
	if (h->tz.active) {
		buf_adds(&h->b, "; local times in ");
		esc(h, h->tz.zone);
	}
	buf_adds(&h->b, "</span> · <span>Blackout ");
	esc(h, tl->version);
	buf_adds(&h->b, "</span></p>\n</header>\n");
	buf_free(&tmp);
}

static void
summary(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	struct buf tmp;
	char t[RFMT_TIME_LEN], l[RFMT_TIME_LEN];
	struct rrow_kv rr[RROUTING_ROWS];
	size_t i, j, k, nr;

	buf_adds(&h->b, "<section id=\"summary\">\n<h2>Summary</h2>\n");
	if (tl->nincidents == 0) {
		buf_init(&tmp);
		rnone(&tmp, tl);
		buf_adds(&h->b, "<p>");
		esc(h, tmp.data);
		buf_adds(&h->b, "</p>\n</section>\n");
		buf_free(&tmp);
		return;
	}
	buf_init(&tmp);
	buf_adds(&h->b, "<div class=\"cards\">\n");
	for (i = 0; i < tl->nincidents; i++) {
		const struct bo_incident *in = &tl->incidents[i];
		bool conf = in->status == BO_STATUS_CONFIRMED;

		buf_printf(&h->b, "<article class=\"inc%s\" id=\"inc-%zu\">\n"
		    "<h3><span class=\"badge%s\">%s</span>#%zu ",
		    conf ? "" : " unconf", i + 1, conf ? "" : " unconf",
		    conf ? "Confirmed" : "Unconfirmed", i + 1);
		esc(h, in->kind != NULL ? in->kind : "incident");
		buf_adds(&h->b, "</h3>\n<dl>\n<dt>Targets</dt><dd>");
		buf_reset(&tmp);
		rjoin(&tmp, in->targets, in->ntargets);
		esc(h, tmp.data);
		buf_printf(&h->b, "</dd>\n<dt>Onset</dt><dd>%s UTC",
		    rfmt_utc(in->onset_us, rprec_head(in->onset_prec), t, sizeof(t)));
		if (h->tz.active)
			buf_printf(&h->b, "<br/>%s local", rfmt_local(&h->tz,
			    in->onset_us, rprec_head(in->onset_prec), l, sizeof(l)));
		buf_adds(&h->b, "</dd>\n<dt>End</dt><dd>");
		if (in->has_end) {
			buf_printf(&h->b, "%s UTC", rfmt_utc(in->end_us,
			    rprec_head(in->end_prec), t, sizeof(t)));
			if (h->tz.active)
				buf_printf(&h->b, "<br/>%s local",
				    rfmt_local(&h->tz, in->end_us, rprec_head(in->end_prec),
				    l, sizeof(l)));
			buf_printf(&h->b, "</dd>\n<dt>Duration</dt><dd>%s",
			    fmt_duration(in->duration_s, t, sizeof(t)));
		} else {
			buf_adds(&h->b, "not seen in the evidence</dd>\n"
			    "<dt>Duration</dt><dd>unknown (open)");
		}
		nr = rfmt_reach_rows(in, rr);
		for (k = 0; k < nr; k++) {
			buf_printf(&h->b, "</dd>\n<dt>%s</dt><dd>", rr[k].label);
			esc(h, rr[k].value);
		}
		rfmt_routing_free(rr, nr);
		if (in->nparts > 0) {
			buf_adds(&h->b, "</dd>\n<dt>Members and families</dt>"
			    "<dd>");
			for (j = 0; j < in->nparts; j++) {
				buf_reset(&tmp);
				rpart(&tmp, &in->parts[j]);
				buf_adds(&h->b, j > 0 ? "<br>" : "");
				esc(h, tmp.data);
			}
		}
		buf_printf(&h->b, "</dd>\n<dt>Evidence</dt><dd>%zu signal%s, "
		    "%zu claim%s or report%s", in->nsignals,
		    in->nsignals == 1 ? "" : "s", in->nclaims,
		    in->nclaims == 1 ? "" : "s", in->nclaims == 1 ? "" : "s");
		for (j = 0; j < in->nclaims; j++)
			if (in->claims[j] < tl->nclaims)
				buf_printf(&h->b, "%s<a href=\"#c-%zu\">C%zu</a>",
				    j == 0 ? ": " : ", ", in->claims[j] + 1,
				    in->claims[j] + 1);
		buf_adds(&h->b, "</dd>\n<dt>Id</dt><dd class=\"ev\">");
		esc(h, in->id);
		buf_printf(&h->b, "</dd>\n</dl>\n<p class=\"why\"><strong>%s"
		    ":</strong> ", conf ? "Why confirmed" : "Why not confirmed");
		esc(h, rwhy(in));
		buf_adds(&h->b, "</p>\n</article>\n");
	}
	buf_adds(&h->b, "</div>\n</section>\n");
	buf_free(&tmp);
}

static void
chart(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	size_t at;

	buf_adds(&h->b, "<section id=\"chart\">\n<h2>Visibility over time"
	    "</h2>\n<figure>\n<div class=\"scroll\">\n");
	at = h->b.len;
	if (svg_chart(&h->b, tl, &h->tz) != 0) {
		h->b.len = at;
		h->b.data[at] = '\0';
		buf_adds(&h->b, "<p class=\"note\">Nothing to plot: the "
		    "timeline has no series, incident or claim.</p>\n");
	}
	buf_adds(&h->b, "</div>\n");
	buf_adds(&h->b, "<figcaption>Each strip is one series of the "
	    "timeline on a shared time axis (UTC");
	if (h->tz.active) {
		buf_adds(&h->b, ", local time in ");
		esc(h, h->tz.zone);
		buf_adds(&h->b, " below it");
	}
	buf_adds(&h->b, "). Shares are of the denominator the correlator "
	    "reports (full-feed peers, prefixes, probes); on shares of peers, "
	    "the dashed line is the visibility threshold. Shaded bands are incidents (numbered as in "
	    "the summary), hatched bands coverage gaps, where silence is not "
	    "evidence of an outage. Markers C1, C2, … are the claims and "
	    "reports of the claims table; a bar after a marker shows how "
	    "uncertain its time is.</figcaption>\n</figure>\n</section>\n");
}

/* Who and what, the quoted text and the evidence; then the source cell
 * (left open). */
static void
claim_cells(struct html *h, const struct bo_claim *c, const char *sep)
{
	struct buf tmp;

	buf_init(&tmp);
	rclaim_what(&tmp, c);
	esc(h, tmp.data);
	if (c->text != NULL && c->text[0] != '\0') {
		buf_adds(&h->b, tmp.len > 0 ? sep : "");
		buf_adds(&h->b, "<span class=\"q\">“");
		esc(h, c->text);
		buf_adds(&h->b, "”</span>");
	}
	buf_free(&tmp);
	evidence_block(h, c->evidence, c->nevidence);
	buf_adds(&h->b, "</td><td>");
	link_or_text(h, c->url, c->source);
}

static const char *
row_class(enum rrow_type t)
{
	static const char *cls[] = { "conf", "unconf", "claim", "report" };

	return cls[t];
}

static void
timeline(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	struct rrow *rows;
	size_t n, i;

	rows = rrows_build(tl, &n);
	buf_adds(&h->b, "<section id=\"timeline\">\n<h2>Timeline</h2>\n"
	    "<p class=\"legend\"><span><span class=\"tag conf\">Confirmed "
	    "signal</span>: measured, and the incident's rules were met"
	    "</span> <span><span class=\"tag unconf\">Unconfirmed signal"
	    "</span>: measured, not corroborated</span> <span><span class=\""
	    "tag claim\">Unverified claim</span> / <span class=\"tag report\">"
	    "Unverified report</span>: what someone said, placed against the "
	    "measurements</span></p>\n<div class=\"scroll\">\n<table>\n"
	    "<thead><tr>");
	time_heads(h);
	buf_adds(&h->b, "<th>Type</th><th>Incident</th><th>What, and the "
	    "evidence</th><th>Source</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct rrow *r = &rows[i];

		buf_printf(&h->b, "<tr class=\"r-%s\">", row_class(r->type));
		time_cells(h, r->time_us, r->prec);
		buf_printf(&h->b, "<td><span class=\"tag %s\">%s</span></td>",
		    row_class(r->type), rrow_label(r->type));
		if (r->incident >= 0)
			buf_printf(&h->b, "<td><a href=\"#inc-%ld\">#%ld</a>"
			    "</td>", r->incident + 1, r->incident + 1);
		else
			buf_adds(&h->b, "<td>–</td>");
		if (r->sig != NULL) {
			buf_adds(&h->b, "<td>");
			esc(h, r->sig->summary);
			buf_adds(&h->b, " <span class=\"kind\">");
			esc(h, r->sig->kind);
			buf_adds(&h->b, "</span>");
			evidence_block(h, r->sig->evidence, r->sig->nevidence);
			buf_adds(&h->b, "</td><td>");
			esc(h, r->sig->vantage);
			buf_adds(&h->b, "</td>");
		} else {
			const struct bo_claim *c = r->claim;

			buf_printf(&h->b, "<td><a href=\"#c-%zu\">C%zu</a> ",
			    r->claim_no, r->claim_no);
			claim_cells(h, c, ": ");
			buf_adds(&h->b, "</td>");
		}
		buf_adds(&h->b, "</tr>\n");
	}
	if (n == 0)
		buf_printf(&h->b, "<tr><td colspan=\"5\">No signals, claims "
		    "or reports.</td></tr>\n");
	buf_adds(&h->b, "</tbody>\n</table>\n</div>\n</section>\n");
	free(rows);
}

static void
claims(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	struct buf tmp;
	char lag[RFMT_TIME_LEN];
	size_t i;

	buf_adds(&h->b, "<section id=\"claims\">\n<h2>Claims and reports</h2>"
	    "\n<p class=\"note\">Claims and reports are never evidence of an "
	    "outage by themselves: each is placed against the measured "
	    "incidents, with its lag to the onset.</p>\n");
	if (tl->nclaims == 0) {
		buf_adds(&h->b, "<p>None in the evidence examined.</p>\n"
		    "</section>\n");
		return;
	}
	buf_init(&tmp);
	buf_adds(&h->b, "<div class=\"scroll\">\n<table>\n<thead><tr>"
	    "<th>#</th>");
	time_heads(h);
	buf_adds(&h->b, "<th>Type</th><th>Who and what, and the evidence</th>"
	    "<th>Source</th><th>Relation</th><th>Lag to onset</th></tr>"
	    "</thead>\n<tbody>\n");
	for (i = 0; i < tl->nclaims; i++) {
		const struct bo_claim *c = &tl->claims[i];
		enum rrow_type t = rclaim_is_report(c) ? RROW_REPORT :
		    RROW_CLAIM;

		buf_printf(&h->b, "<tr class=\"r-%s\" id=\"c-%zu\"><td>C%zu"
		    "</td>", row_class(t), i + 1, i + 1);
		time_cells(h, c->time_us, c->prec);
		buf_printf(&h->b, "<td><span class=\"tag %s\">%s</span><br/>",
		    row_class(t), rrow_label(t));
		esc(h, c->kind);
		buf_adds(&h->b, "</td><td>");
		claim_cells(h, c, "<br/>");
		buf_adds(&h->b, "</td><td>");
		buf_reset(&tmp);
		rclaim_relation(&tmp, tl, c);
		esc(h, tmp.data);
		buf_printf(&h->b, "</td><td class=\"n\">%s</td></tr>\n",
		    c->has_lag ? rfmt_lag(c->lag_s, lag, sizeof(lag)) : "–");
	}
	buf_adds(&h->b, "</tbody>\n</table>\n</div>\n</section>\n");
	buf_free(&tmp);
}

static void
gaps(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	char a[RFMT_TIME_LEN], z[RFMT_TIME_LEN], d[RFMT_TIME_LEN];
	size_t i;

	buf_adds(&h->b, "<section id=\"gaps\">\n<h2>Coverage gaps</h2>\n");
	if (tl->ngaps == 0) {
		buf_adds(&h->b, "<p>No coverage gap was found: every source "
		    "reported through the window.</p>\n</section>\n");
		return;
	}
	buf_adds(&h->b, "<p class=\"note\">Periods a source did not cover. "
	    "Silence here is missing evidence, not an outage.</p>\n<div class="
	    "\"scroll\">\n<table>\n<thead><tr><th>Scope</th><th>Start (UTC)"
	    "</th><th>End (UTC)</th><th>Length</th><th>Reason, and the "
	    "evidence</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < tl->ngaps; i++) {
		const struct bo_gap *g = &tl->gaps[i];

		buf_adds(&h->b, "<tr><td>");
		esc(h, g->scope);
		if (rgap_bounded(g))
			buf_printf(&h->b, "</td><td class=\"t\">%s</td><td "
			    "class=\"t\">%s</td><td class=\"n\">%s</td><td>",
			    rfmt_utc(g->start_us, BO_PREC_S, a, sizeof(a)),
			    rfmt_utc(g->end_us, BO_PREC_S, z, sizeof(z)),
			    fmt_duration((g->end_us - g->start_us) / 1000000,
			    d, sizeof(d)));
		else
			buf_adds(&h->b, "</td><td class=\"t\">–</td><td "
			    "class=\"t\">–</td><td class=\"n\">unknown</td>"
			    "<td>");
		esc(h, g->reason);
		evidence_block(h, g->evidence, g->nevidence);
		buf_adds(&h->b, "</td></tr>\n");
	}
	buf_adds(&h->b, "</tbody>\n</table>\n</div>\n</section>\n");
}

static void
cell(struct html *h, const char *s, const char *cls)
{
	if (cls != NULL)
		buf_printf(&h->b, "<td class=\"%s\">", cls);
	else
		buf_adds(&h->b, "<td>");
	esc(h, s);
	buf_adds(&h->b, "</td>");
}

static void
row3(struct html *h, const char *a, const char *ca, const char *b,
    const char *cb, const char *c, const char *cc)
{
	buf_adds(&h->b, "<tr>");
	cell(h, a, ca);
	cell(h, b, cb);
	cell(h, c, cc);
	buf_adds(&h->b, "</tr>\n");
}

static void
methods(struct html *h)
{
	const struct bo_timeline *tl = h->tl;
	struct buf tmp;
	size_t i;

	buf_adds(&h->b, "<section id=\"methods\">\n<h2>Methods</h2>\n<p>"
	    "Blackout decoded every input below, kept each event's place in "
	    "its input (member and byte offset or line), replayed BGP routes "
	    "into per-prefix visibility, and placed every claim and report "
	    "against the measured incidents. Rerunning the same version with "
	    "the same inputs, rules and thresholds gives the same report, "
	    "byte for byte.</p>\n<h3>Inputs</h3>\n<div class=\"scroll\">\n"
	    "<table>\n<thead><tr><th>Input</th><th>SHA-256</th><th>Bytes</th>"
	    "<th>Members read</th><th>Skipped</th><th>Failed</th></tr></thead>"
	    "\n<tbody>\n");
	for (i = 0; i < tl->ninputs; i++) {
		const struct bo_input_info *in = &tl->inputs[i];

		buf_adds(&h->b, "<tr><td class=\"ev\">");
		esc(h, in->path);
		buf_adds(&h->b, "</td><td class=\"hash\">");
		esc(h, in->sha256);
		buf_printf(&h->b, "</td><td class=\"n\">%" PRIu64 "</td><td "
		    "class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64
		    "</td><td class=\"n\">%" PRIu64 "</td></tr>\n", in->bytes,
		    in->members_read, in->members_skipped, in->members_failed);
	}
	if (tl->ninputs == 0)
		buf_adds(&h->b, "<tr><td colspan=\"6\">No inputs recorded."
		    "</td></tr>\n");
	buf_adds(&h->b, "</tbody>\n</table>\n</div>\n<h3>Counts</h3>\n<p>");
	buf_init(&tmp);
	rcounts(&tmp, tl);
	esc(h, tmp.data);
	buf_free(&tmp);
	buf_adds(&h->b, "</p>\n");
	buf_adds(&h->b, "<h3>Thresholds</h3>\n<div class=\"scroll\">\n<table>"
	    "\n<thead><tr><th>Parameter</th><th>Value</th><th>Meaning</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 0; i < tl->nparams; i++)
		row3(h, tl->params[i].name, "ev", tl->params[i].value, "n",
		    tl->params[i].doc, NULL);
	if (tl->nparams == 0)
		buf_adds(&h->b, "<tr><td colspan=\"3\">None recorded.</td></tr>\n");
	buf_adds(&h->b, "</tbody>\n</table>\n</div>\n<h3>Rules</h3>\n<div "
	    "class=\"scroll\">\n<table>\n<thead><tr><th>Rule</th><th>Version"
	    "</th><th>File</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < tl->nrules; i++) {
		buf_adds(&h->b, "<tr>");
		cell(h, tl->rules[i].id, "ev");
		cell(h, tl->rules[i].version, NULL);
		cell(h, tl->rules[i].file, "ev");
		cell(h, tl->rules[i].sha256[0] ? tl->rules[i].sha256 :
		    "(not hashed)", "ev");
		buf_adds(&h->b, "</tr>\n");
	}
	if (tl->nrules == 0)
		buf_adds(&h->b, "<tr><td colspan=\"4\">None recorded.</td></tr>\n");
	buf_adds(&h->b, "</tbody>\n</table>\n</div>\n</section>\n"
	    "<footer>Made with Blackout ");
	esc(h, tl->version);
	buf_adds(&h->b, ". Times are UTC unless marked local. Every line of "
	    "the timeline names the input, member and byte offset or line it "
	    "rests on.");
	rreplaced_note(&h->b);
	buf_adds(&h->b, "</footer>\n</main>\n</body>\n</html>\n");
}

int
bo_render_html(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	struct html h;
	int rc = 0;

	memset(&h, 0, sizeof(h));
	buf_init(&h.b);
	h.tl = tl;
	rtext_replaced_reset();
	rtz_begin(&h.tz, rzone(tl, o != NULL ? o->tz : NULL));
	head(&h);
	summary(&h);
	chart(&h);
	timeline(&h);
	claims(&h);
	gaps(&h);
	methods(&h);
	rtz_end(&h.tz);
	if (fwrite(h.b.data, 1, h.b.len, f) != h.b.len || ferror(f)) {
		if (errno == 0)
			errno = EIO;
		rc = -1;
	}
	buf_free(&h.b);
	return rc;
}
