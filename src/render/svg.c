#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/render_routing.h"
#include "render/svg.h"

/* Geometry of the drawing, in SVG user units (the viewBox scales it). */
#define SVG_W		960
#define SVG_ML		60	/* left margin: y labels */
#define SVG_MR		24
#define SVG_PW		(SVG_W - SVG_ML - SVG_MR)
#define SVG_LEGEND_H	34
#define SVG_GROUP_H	26	/* group heading */
#define SVG_LABEL_H	16	/* series name above its strip */
#define SVG_STRIP_H	46
#define SVG_STRIP_GAP	10
#define SVG_LANE_ROW	22
#define SVG_LANE_ROWS	10	/* at most */
#define SVG_MAX_SERIES	16
#define SVG_TIME_LIMIT	(9000LL * 366 * 86400 * 1000000)

#define COL_INK		"#1a1a1a"
#define COL_MUTED	"#5f6368"
#define COL_GRID	"#e3e3e3"
#define COL_OUTAGE	"#c0392b"
#define COL_CLAIM	"#b45309"
#define COL_REPORT	"#1e3a5f"

struct chart {
	struct buf		*b;
	const struct bo_timeline *tl;
	const struct rtz	*tz;
	int64_t			 t0, t1;	/* µs, the x extent */
	int			 top, bottom;	/* of the plotting area */
	size_t			 nseries;	/* drawn */
	size_t			 order[SVG_MAX_SERIES];
};

/* Prints a coordinate given in tenths of a unit, always with one
 * decimal and never through the locale: 1234 -> "123.4", 50 -> "5.0". */
static void
num(struct buf *b, int64_t tenths)
{
	if (tenths < 0) {
		buf_addc(b, '-');
		tenths = -tenths;
	}
	buf_printf(b, "%" PRId64 ".%d", tenths / 10, (int)(tenths % 10));
}

static int64_t
x_tenths(const struct chart *c, int64_t t)
{
	double f;

	if (t <= c->t0)
		return SVG_ML * 10;
	if (t >= c->t1)
		return (SVG_ML + SVG_PW) * 10;
	f = (double)(t - c->t0) / (double)(c->t1 - c->t0);
	return SVG_ML * 10 + llround(f * SVG_PW * 10);
}

static void
extent_add(int64_t *lo, int64_t *hi, int *any, int64_t t)
{
	/* Beyond ±9,000 years is a broken value, not a time to draw (and
	 * the span would overflow). */
	if (t < -SVG_TIME_LIMIT || t > SVG_TIME_LIMIT)
		return;
	if (!*any || t < *lo)
		*lo = t;
	if (!*any || t > *hi)
		*hi = t;
	*any = 1;
}

/* The x extent: the data (series, incidents, gaps); claims only when
 * there is nothing else, since one late statement would squeeze a day of
 * measurements into a sliver.  Claims outside are drawn at the edge. */
static int
chart_extent(struct chart *c)
{
	const struct bo_timeline *tl = c->tl;
	int any = 0;
	size_t i, j;

	for (i = 0; i < tl->nseries; i++)
		for (j = 0; j < tl->series[i].npoints; j++)
			extent_add(&c->t0, &c->t1, &any,
			    tl->series[i].points[j].time_us);
	for (i = 0; i < tl->nincidents; i++) {
		extent_add(&c->t0, &c->t1, &any, tl->incidents[i].onset_us);
		if (tl->incidents[i].has_end)
			extent_add(&c->t0, &c->t1, &any,
			    tl->incidents[i].end_us);
	}
	for (i = 0; i < tl->ngaps; i++) {
		if (!rgap_bounded(&tl->gaps[i]))
			continue;
		extent_add(&c->t0, &c->t1, &any, tl->gaps[i].start_us);
		extent_add(&c->t0, &c->t1, &any, tl->gaps[i].end_us);
	}
	if (!any)
		for (i = 0; i < tl->nclaims; i++)
			extent_add(&c->t0, &c->t1, &any, tl->claims[i].time_us);
	if (!any)
		return -1;
	if (c->t1 - c->t0 < 3600LL * 1000000) {
		/* One hour at least, so that a lone point has room. */
		c->t1 = c->t0 + 3600LL * 1000000;
	}
	return 0;
}

static int
group_of(enum bo_srctype s)
{
	return s == BO_SRC_BGP ? 0 : s == BO_SRC_PROBE ? 1 : 2;
}

static const char *
group_title(int g)
{
	static const char *titles[] = {
		"BGP visibility",
		"Probe reachability",
		"Other measurements"
	};

	return titles[g];
}

static const char *
group_colour(int g)
{
	static const char *cols[] = { "#1f5fa8", "#1b7f5a", "#6b4fa0" };

	return cols[g];
}

static void
text(struct buf *b, int64_t x10, int64_t y10, const char *attrs,
    const char *s)
{
	buf_adds(b, "<text x=\"");
	num(b, x10);
	buf_adds(b, "\" y=\"");
	num(b, y10);
	buf_adds(b, "\"");
	if (attrs != NULL && attrs[0] != '\0') {
		buf_addc(b, ' ');
		buf_adds(b, attrs);
	}
	buf_addc(b, '>');
	rxml_add(b, s);
	buf_adds(b, "</text>\n");
}

static void
rect(struct buf *b, int64_t x10, int64_t y10, int64_t w10, int64_t h10,
    const char *attrs)
{
	buf_adds(b, "<rect x=\"");
	num(b, x10);
	buf_adds(b, "\" y=\"");
	num(b, y10);
	buf_adds(b, "\" width=\"");
	num(b, w10);
	buf_adds(b, "\" height=\"");
	num(b, h10);
	buf_printf(b, "\" %s/>\n", attrs);
}

static void
line(struct buf *b, int64_t x1, int64_t y1, int64_t x2, int64_t y2,
    const char *attrs)
{
	buf_adds(b, "<line x1=\"");
	num(b, x1);
	buf_adds(b, "\" y1=\"");
	num(b, y1);
	buf_adds(b, "\" x2=\"");
	num(b, x2);
	buf_adds(b, "\" y2=\"");
	num(b, y2);
	buf_printf(b, "\" %s/>\n", attrs);
}

static bool
series_is_share(const struct bo_series *s)
{
	size_t i;

	for (i = 0; i < s->npoints; i++)
		if (!(s->points[i].total > 0))
			return false;
	return s->npoints > 0;
}

static double
series_max(const struct bo_series *s)
{
	double m = 0;
	size_t i;

	for (i = 0; i < s->npoints; i++)
		if (isfinite(s->points[i].value) && s->points[i].value > m)
			m = s->points[i].value;
	return m;
}

/* Parses a threshold such as "0.5" without strtod (which reads the
 * locale); -1 when it is not a plain share in [0, 1]. */
static double
parse_share(const char *s)
{
	double v = 0, scale = 1;
	int seen = 0;

	if (s == NULL)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++, seen = 1)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, seen = 1)
			v += (*s - '0') * (scale /= 10);
	if (*s != '\0' || !seen || v > 1)
		return -1;
	return v;
}

static double
visibility_threshold(const struct bo_timeline *tl)
{
	size_t i;

	for (i = 0; i < tl->nparams; i++)
		if (strcmp(tl->params[i].name, "visibility_threshold") == 0)
			return parse_share(tl->params[i].value);
	return -1;
}

static int64_t
y_of(double v, double max, int64_t top10, int64_t h10)
{
	double f = max > 0 && isfinite(v) ? v / max : 0;

	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return top10 + h10 - llround(f * (double)h10);
}

/*
 * One strip.  A series is a step function: each point's value holds until
 * the next point (the correlator writes a point when a value changes, or
 * one per sample), and the last one holds to the end of the window.
 * Silence in a source is drawn from the coverage gaps, not guessed here.
 */
static void
draw_series(struct chart *c, const struct bo_series *s, int g, int top)
{
	struct buf *b = c->b;
	struct buf area, ln;
	bool share = series_is_share(s);
	double max = share ? 1 : series_max(s), thr;
	int64_t top10 = (int64_t)top * 10, h10 = SVG_STRIP_H * 10;
	int64_t base = top10 + h10, x, y, cury = 0, end;
	size_t i;
	char lab[64];

	buf_init(&area);
	buf_init(&ln);
	rect(b, SVG_ML * 10, top10, SVG_PW * 10, h10,
	    "fill=\"#fafafa\" stroke=\"" COL_GRID "\"");
	/* The threshold is a share of peers: it means nothing on a count
	 * of visible prefixes or of answering probes. */
	if (share && g == 0 && s->unit != NULL &&
	    strstr(s->unit, "peer") != NULL &&
	    (thr = visibility_threshold(c->tl)) > 0) {
		y = y_of(thr, 1, top10, h10);
		line(b, SVG_ML * 10, y, (SVG_ML + SVG_PW) * 10, y,
		    "stroke=\"" COL_MUTED "\" stroke-width=\"0.8\" "
		    "stroke-dasharray=\"4 3\"");
	}
	for (i = 0; i < s->npoints; i++) {
		const struct bo_point *p = &s->points[i];
		double v = share ? p->value / p->total : p->value;

		x = x_tenths(c, p->time_us);
		y = y_of(v, max, top10, h10);
		if (i == 0) {
			buf_adds(&ln, "M");
			num(&ln, x);
			buf_addc(&ln, ' ');
			num(&ln, y);
			buf_adds(&area, "M");
			num(&area, x);
			buf_addc(&area, ' ');
			num(&area, base);
			buf_adds(&area, "V");
			num(&area, y);
		} else if (y != cury) {
			buf_adds(&ln, "H");
			num(&ln, x);
			buf_adds(&ln, "V");
			num(&ln, y);
			buf_adds(&area, "H");
			num(&area, x);
			buf_adds(&area, "V");
			num(&area, y);
		}
		cury = y;
	}
	if (s->npoints > 0) {
		end = c->tl->has_window && c->tl->to_us < c->t1 ?
		    c->tl->to_us : c->t1;
		x = x_tenths(c, end);
		buf_adds(&ln, "H");
		num(&ln, x);
		buf_adds(&area, "H");
		num(&area, x);
		buf_adds(&area, "V");
		num(&area, base);
		buf_adds(&area, "Z");
		buf_printf(b, "<path d=\"%s\" fill=\"%s\" fill-opacity=\"0.16\" "
		    "stroke=\"none\"/>\n", area.data, group_colour(g));
		buf_printf(b, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n",
		    ln.data, group_colour(g));
	}
	buf_free(&area);
	buf_free(&ln);

	/* Name above the strip, scale to the left of it. */
	buf_init(&area);
	buf_adds(&area, s->name != NULL ? s->name : "(unnamed series)");
	if (!share && s->unit != NULL && s->unit[0] != '\0')
		buf_printf(&area, " (%s)", s->unit);
	text(b, SVG_ML * 10, top10 - 40, "class=\"sl\"", area.data);
	buf_free(&area);
	if (share) {
		text(b, (SVG_ML - 6) * 10, top10 + 40, "class=\"yl\"", "100%");
	} else {
		buf_init(&area);
		rfmt_fixed(&area, max, max >= 10 || max == floor(max) ? 0 : 2);
		snprintf(lab, sizeof(lab), "%s", area.data);
		buf_free(&area);
		text(b, (SVG_ML - 6) * 10, top10 + 40, "class=\"yl\"", lab);
	}
	text(b, (SVG_ML - 6) * 10, base, "class=\"yl\"", "0");
}

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static void
draw_axis(struct chart *c, int y)
{
	static const int64_t steps[] = { 300, 600, 900, 1800, 3600, 7200,
	    10800, 21600, 43200, 86400, 172800, 604800, 2419200 };
	struct buf *b = c->b;
	int64_t span = (c->t1 - c->t0) / 1000000, step = steps[0], t, x;
	int64_t prev_day = INT64_MIN, days, yy;
	unsigned mo, d;
	size_t i;
	char lab[64];

	for (i = 0; i < BO_NELEM(steps); i++) {
		step = steps[i];
		if (span / step <= 8)
			break;
	}
	/* Past four weeks a tick, whole days, still at most nine ticks. */
	if (span / step > 8)
		step = (span / 8 / 86400 + 1) * 86400;
	line(b, SVG_ML * 10, (int64_t)y * 10, (SVG_ML + SVG_PW) * 10,
	    (int64_t)y * 10, "stroke=\"" COL_INK "\" stroke-width=\"1\"");
	text(b, (SVG_ML - 20) * 10, (int64_t)(y + 16) * 10, "class=\"yl\"",
	    "UTC");
	if (c->tz->active)
		text(b, (SVG_ML - 20) * 10, (int64_t)(y + 44) * 10,
		    "class=\"yl lt\"", "local");
	t = (c->t0 / 1000000 + step - 1) / step * step;
	for (; t * 1000000 <= c->t1; t += step) {
		x = x_tenths(c, t * 1000000);
		line(b, x, (int64_t)c->top * 10, x, (int64_t)y * 10,
		    "stroke=\"" COL_GRID "\" stroke-width=\"1\"");
		line(b, x, (int64_t)y * 10, x, (int64_t)(y + 4) * 10,
		    "stroke=\"" COL_INK "\"");
		days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
		civil_from_days(days, &yy, &mo, &d);
		if (step < 86400) {
			snprintf(lab, sizeof(lab), "%02d:%02d",
			    (int)(t % 86400 / 3600), (int)(t % 3600 / 60));
			text(b, x, (int64_t)(y + 16) * 10, "class=\"xl\"", lab);
		}
		if (days != prev_day) {
			snprintf(lab, sizeof(lab), "%u %s", d, months[mo - 1]);
			text(b, x, (int64_t)(y + (step < 86400 ? 30 : 16)) * 10,
			    "class=\"xl xd\"", lab);
		}
		prev_day = days;
		if (c->tz->active) {
			rfmt_local(c->tz, t * 1000000, BO_PREC_MIN, lab,
			    sizeof(lab));
			/* "2014-12-23 01:15 +09:00": keep the clock time. */
			if (strlen(lab) >= 16) {
				memmove(lab, lab + 11, 6);
				lab[5] = '\0';
			}
			text(b, x, (int64_t)(y + 44) * 10, "class=\"xl lt\"", lab);
		}
	}
}

static void
draw_incidents(struct chart *c)
{
	const struct bo_timeline *tl = c->tl;
	struct buf *b = c->b;
	int64_t x0, x1, w;
	size_t i;
	char lab[32];

	for (i = 0; i < tl->nincidents; i++) {
		const struct bo_incident *in = &tl->incidents[i];
		bool conf = in->status == BO_STATUS_CONFIRMED;

		x0 = x_tenths(c, in->onset_us);
		x1 = in->has_end ? x_tenths(c, in->end_us) :
		    (SVG_ML + SVG_PW) * 10;
		/* A 30-minute outage in a 3-day chart is under a pixel. */
		w = x1 - x0 < 20 ? 20 : x1 - x0;
		if (rfmt_is_routing(in)) {
			/* not an outage: its own colour, and its kind named,
			 * since the target's routes may never have left */
			rect(c->b, x0, (int64_t)c->top * 10, w,
			    (int64_t)(c->bottom - c->top) * 10,
			    strcmp(in->kind, "hijack") == 0 ?
			    "fill=\"#7b3294\" fill-opacity=\"0.16\"" :
			    "fill=\"#e66101\" fill-opacity=\"0.16\"");
			snprintf(lab, sizeof(lab), "#%zu %s", i + 1, in->kind);
			text(b, x0 + 20, (int64_t)(c->top - 4) * 10,
			    conf ? "class=\"il\"" : "class=\"il iu\"", lab);
			continue;
		}
		rect(c->b, x0, (int64_t)c->top * 10, w,
		    (int64_t)(c->bottom - c->top) * 10, conf ?
		    "fill=\"" COL_OUTAGE "\" fill-opacity=\"0.13\"" :
		    "fill=\"#808080\" fill-opacity=\"0.10\" stroke=\"#808080\" "
		    "stroke-dasharray=\"3 2\" stroke-width=\"0.8\"");
		snprintf(lab, sizeof(lab), "#%zu", i + 1);
		text(b, x0 + 20, (int64_t)(c->top - 4) * 10,
		    conf ? "class=\"il\"" : "class=\"il iu\"", lab);
	}
}

static void
draw_gaps(struct chart *c)
{
	const struct bo_timeline *tl = c->tl;
	int64_t x0, x1;
	size_t i;

	for (i = 0; i < tl->ngaps; i++) {
		if (!rgap_bounded(&tl->gaps[i]))
			continue;
		x0 = x_tenths(c, tl->gaps[i].start_us);
		x1 = x_tenths(c, tl->gaps[i].end_us);
		if (x1 - x0 < 10)
			x1 = x0 + 10;
		rect(c->b, x0, (int64_t)c->top * 10, x1 - x0,
		    (int64_t)(c->bottom - c->top) * 10,
		    "fill=\"url(#bo-hatch)\" stroke=\"#9a9a9a\" "
		    "stroke-width=\"0.6\"");
	}
}

static void
marker(struct buf *b, const struct bo_claim *cl, int64_t x, int64_t y)
{
	if (rclaim_is_report(cl)) {
		buf_adds(b, "<circle cx=\"");
		num(b, x);
		buf_adds(b, "\" cy=\"");
		num(b, y);
		buf_adds(b, "\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" COL_REPORT
		    "\" stroke-width=\"2\"/>\n");
		return;
	}
	buf_adds(b, "<path d=\"M");
	num(b, x);
	buf_addc(b, ' ');
	num(b, y - 60);
	buf_adds(b, "l6 6l-6 6l-6-6z\" fill=\"" COL_CLAIM "\"/>\n");
}

/* "C3", or "C9 27 Dec ▸" for a claim past the right edge. */
static void
claim_label(const struct chart *c, size_t i, char *lab, size_t len)
{
	const struct bo_claim *cl = &c->tl->claims[i];
	bool before = cl->time_us < c->t0, after = cl->time_us > c->t1;
	int64_t days, yy;
	unsigned mo, d;

	if (!before && !after) {
		snprintf(lab, len, "C%zu", i + 1);
		return;
	}
	days = cl->time_us / 1000000 / 86400 - (cl->time_us < 0);
	civil_from_days(days, &yy, &mo, &d);
	snprintf(lab, len, "%sC%zu %u %s%s", before ? "\xe2\x97\x82 " : "",
	    i + 1, d, months[mo - 1], after ? " \xe2\x96\xb8" : "");
}

/*
 * Rows of the claims lane: each label goes on the first row where it does
 * not overlap the one before it; right-edge labels run leftwards.  When
 * every row is taken, the row that frees first.  Returns the rows used.
 */
static int
lane_layout(const struct chart *c, int *row)
{
	int64_t row_end[SVG_LANE_ROWS], x, w, from;
	size_t i, r, best;
	char lab[96];
	bool after;
	int used = 0;

	for (r = 0; r < SVG_LANE_ROWS; r++)
		row_end[r] = INT64_MIN;
	for (i = 0; i < c->tl->nclaims; i++) {
		after = c->tl->claims[i].time_us > c->t1;
		claim_label(c, i, lab, sizeof(lab));
		x = x_tenths(c, c->tl->claims[i].time_us);
		w = (int64_t)(strlen(lab) * 62 + 140);
		from = after ? x - w : x - 60;
		best = 0;
		for (r = 0; r < SVG_LANE_ROWS; r++) {
			if (row_end[r] < from) {
				best = r;
				break;
			}
			if (row_end[r] < row_end[best])
				best = r;
		}
		row_end[best] = after ? x : x + w;
		row[i] = (int)best;
		if ((int)best + 1 > used)
			used = (int)best + 1;
	}
	return used;
}

/*
 * The claims lane.  Claims outside the x extent sit at the edge with their
 * date, and a claim known only to the hour or day gets a bar as long as
 * its uncertainty.
 */
static void
draw_claims(struct chart *c, int lane_top, const int *row)
{
	const struct bo_timeline *tl = c->tl;
	struct buf *b = c->b;
	int64_t x, y, span;
	size_t i;
	char lab[96];
	bool before, after;

	for (i = 0; i < tl->nclaims; i++) {
		const struct bo_claim *cl = &tl->claims[i];

		before = cl->time_us < c->t0;
		after = cl->time_us > c->t1;
		claim_label(c, i, lab, sizeof(lab));
		x = x_tenths(c, cl->time_us);
		y = (int64_t)(lane_top + 14 + row[i] * SVG_LANE_ROW) * 10;
		span = bo_prec_span_us(cl->prec);
		if (!before && !after && span >= 3600LL * 1000000) {
			int64_t x2 = x_tenths(c, cl->time_us + span);

			line(b, x, y, x2, y, rclaim_is_report(cl) ?
			    "stroke=\"" COL_REPORT "\" stroke-width=\"2\" "
			    "stroke-opacity=\"0.35\"" :
			    "stroke=\"" COL_CLAIM "\" stroke-width=\"2\" "
			    "stroke-opacity=\"0.35\"");
		}
		if (!before && !after)
			line(b, x, (int64_t)c->top * 10, x, (int64_t)lane_top * 10,
			    rclaim_is_report(cl) ?
			    "stroke=\"" COL_REPORT "\" stroke-opacity=\"0.3\" "
			    "stroke-dasharray=\"1 3\"" :
			    "stroke=\"" COL_CLAIM "\" stroke-opacity=\"0.45\" "
			    "stroke-dasharray=\"1 3\"");
		marker(b, cl, x, y);
		text(b, after ? x - 90 : x + 90, y + 40, after ?
		    "class=\"cl\" text-anchor=\"end\"" : "class=\"cl\"", lab);
	}
}

static void
draw_legend(struct chart *c)
{
	struct buf *b = c->b;
	int64_t y = 180;

	rect(b, SVG_ML * 10, y - 100, 240, 120,
	    "fill=\"" COL_OUTAGE "\" fill-opacity=\"0.25\"");
	text(b, (SVG_ML + 30) * 10, y + 10, "class=\"lg\"",
	    "confirmed incident");
	rect(b, (SVG_ML + 150) * 10, y - 100, 240, 120,
	    "fill=\"#808080\" fill-opacity=\"0.18\" stroke=\"#808080\" "
	    "stroke-dasharray=\"3 2\" stroke-width=\"0.8\"");
	text(b, (SVG_ML + 180) * 10, y + 10, "class=\"lg\"",
	    "unconfirmed incident");
	rect(b, (SVG_ML + 310) * 10, y - 100, 240, 120,
	    "fill=\"url(#bo-hatch)\" stroke=\"#9a9a9a\" stroke-width=\"0.6\"");
	text(b, (SVG_ML + 340) * 10, y + 10, "class=\"lg\"", "coverage gap");
	buf_adds(b, "<path d=\"M");
	num(b, (SVG_ML + 462) * 10);
	buf_adds(b, " ");
	num(b, y - 100);
	buf_adds(b, "l6 6l-6 6l-6-6z\" fill=\"" COL_CLAIM "\"/>\n");
	text(b, (SVG_ML + 474) * 10, y + 10, "class=\"lg\"",
	    "claim (unverified)");
	buf_adds(b, "<circle cx=\"");
	num(b, (SVG_ML + 606) * 10);
	buf_adds(b, "\" cy=\"");
	num(b, y - 40);
	buf_adds(b, "\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" COL_REPORT
	    "\" stroke-width=\"2\"/>\n");
	text(b, (SVG_ML + 618) * 10, y + 10, "class=\"lg\"",
	    "report (unverified)");
}

int
svg_chart(struct buf *b, const struct bo_timeline *tl, const struct rtz *tz)
{
	struct chart c;
	size_t i, k, shown[3] = { 0, 0, 0 };
	int g, y, height, lane_top, axis_y, lane_rows, *rows;
	char t0[RFMT_TIME_LEN], t1[RFMT_TIME_LEN];

	memset(&c, 0, sizeof(c));
	c.b = b;
	c.tl = tl;
	c.tz = tz;
	if (chart_extent(&c) != 0)
		return -1;
	/* Series in group order (BGP, probes, others), timeline order
	 * within a group, at most SVG_MAX_SERIES strips. */
	for (g = 0; g < 3; g++)
		for (i = 0; i < tl->nseries; i++)
			if (group_of(tl->series[i].src) == g &&
			    c.nseries < SVG_MAX_SERIES) {
				c.order[c.nseries++] = i;
				shown[g]++;
			}
	rows = xcalloc(tl->nclaims + 1, sizeof(*rows));
	lane_rows = lane_layout(&c, rows);
	c.top = SVG_LEGEND_H + 14;
	y = c.top;
	for (g = 0; g < 3; g++)
		if (shown[g] > 0)
			y += SVG_GROUP_H + (int)shown[g] * (SVG_LABEL_H +
			    SVG_STRIP_H + SVG_STRIP_GAP);
	lane_top = y + 4;
	if (lane_rows > 0)
		y = lane_top + 18 + lane_rows * SVG_LANE_ROW;
	c.bottom = y;
	axis_y = y;
	height = axis_y + (tz->active ? 56 : 42);

	rfmt_utc(c.t0, BO_PREC_MIN, t0, sizeof(t0));
	rfmt_utc(c.t1, BO_PREC_MIN, t1, sizeof(t1));
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart bo-c\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-labelledby=\"bo-chart-title bo-chart-desc\">\n",
	    SVG_W, height, SVG_W, height);
	buf_adds(b, "<title id=\"bo-chart-title\">Visibility and reachability "
	    "over time</title>\n<desc id=\"bo-chart-desc\">");
	buf_printf(b, "%zu series from %s to %s UTC, %zu incidents shaded, "
	    "%zu claims and reports marked.", c.nseries, t0, t1,
	    tl->nincidents, tl->nclaims);
	buf_adds(b, "</desc>\n<defs><pattern id=\"bo-hatch\" width=\"6\" "
	    "height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#ffffff\" fill-opacity=\"0.55\"/><line x1=\"0\" y1=\"0\" "
	    "x2=\"0\" y2=\"6\" stroke=\"#8a8a8a\" stroke-width=\"2\"/>"
	    "</pattern></defs>\n");
	/* Inline SVG styles apply to the whole page: every rule is scoped
	 * to the chart. */
	buf_adds(b, "<style>.bo-c text{font-family:-apple-system,'Segoe UI',"
	    "Roboto,'Helvetica Neue',Arial,sans-serif;fill:" COL_INK "}"
	    ".bo-c .sl{font-size:11.5px;fill:#333}.bo-c .gt{font-size:13px;"
	    "font-weight:700}.bo-c .yl{font-size:10px;text-anchor:end;fill:"
	    COL_MUTED "}.bo-c .xl{font-size:10.5px;text-anchor:middle;"
	    "fill:#333}.bo-c .xd{font-weight:700}.bo-c .lt{fill:" COL_MUTED
	    ";font-style:italic}.bo-c .il{font-size:11px;font-weight:700;"
	    "fill:" COL_OUTAGE "}.bo-c .iu{fill:#666}.bo-c .cl{font-size:"
	    "10.5px;font-weight:600}.bo-c .lg{font-size:11px;fill:#333}"
	    "</style>\n");
	/* Opaque, so the chart stays legible on a dark page too. */
	buf_printf(b, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
	    SVG_W, height);
	draw_legend(&c);
	draw_axis(&c, axis_y);
	y = c.top;
	for (g = 0; g < 3; g++) {
		if (shown[g] == 0)
			continue;
		text(b, SVG_ML * 10, (int64_t)(y + 18) * 10, "class=\"gt\"",
		    group_title(g));
		y += SVG_GROUP_H;
		for (k = 0; k < c.nseries; k++) {
			const struct bo_series *s = &tl->series[c.order[k]];

			if (group_of(s->src) != g)
				continue;
			y += SVG_LABEL_H;
			draw_series(&c, s, g, y);
			y += SVG_STRIP_H + SVG_STRIP_GAP;
		}
	}
	/* Over the strips, translucent, so the lines show through. */
	draw_incidents(&c);
	draw_gaps(&c);
	if (lane_rows > 0) {
		text(b, SVG_ML * 10, (int64_t)(lane_top + 6) * 10, "class=\"gt\"",
		    "Claims and reports");
		draw_claims(&c, lane_top + 8, rows);
	}
	if (tl->nseries > c.nseries) {
		char note[96];

		snprintf(note, sizeof(note), "%zu more series not drawn (see "
		    "the data)", tl->nseries - c.nseries);
		text(b, (SVG_ML + SVG_PW) * 10, (int64_t)(c.top - 4) * 10,
		    "class=\"yl\"", note);
	}
	buf_adds(b, "</svg>\n");
	free(rows);
	return 0;
}

int
bo_render_svg(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	struct buf b;
	struct rtz tz;
	int rc = 0;

	buf_init(&b);
	rtext_replaced_reset();
	rtz_begin(&tz, rzone(tl, o != NULL ? o->tz : NULL));
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (svg_chart(&b, tl, &tz) != 0) {
		/* Still a valid picture, saying why it is empty. */
		buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"0 0 %d 40\" width=\"%d\" height=\"40\">"
		    "<text x=\"%d\" y=\"24\" font-family=\"sans-serif\" "
		    "font-size=\"13\">Nothing to plot: the timeline has no "
		    "series, incident or claim.</text></svg>\n", SVG_W, SVG_W,
		    SVG_ML);
	}
	rtz_end(&tz);
	if (fwrite(b.data, 1, b.len, f) != b.len || ferror(f)) {
		if (errno == 0)
			errno = EIO;
		rc = -1;
	}
	buf_free(&b);
	return rc;
}
