/*
 * The terminal timeline: measured incidents first, each with its status
 * and why, its signals and the claims placed against it; then claims tied
 * to nothing, other signals, coverage gaps, thresholds and inputs.  Claims
 * are always marked UNVERIFIED so that they never read as findings.  Fits
 * 80 columns; ANSI colour only when asked.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <blackout/correlate.h>

#include "render/render.h"
#include "render/render_fmt.h"
#include "render/render_routing.h"
#include "util/util.h"

#define C_BOLD	"\033[1m"
#define C_GREEN	"\033[32m"
#define C_YEL	"\033[33m"
#define C_MAG	"\033[35m"
#define C_DIM	"\033[2m"
#define C_OFF	"\033[0m"

struct tx {
	struct buf	 b;
	int		 brief;		/* one screen per incident */
	int		 color;
	int		 width;
	const char	*tz;
	const char	*input1;	/* the only input, if one */
};

static const char *
col(const struct tx *t, const char *c)
{
	return t->color ? c : "";
}

static void
t_time(struct tx *t, int64_t us, enum bo_prec prec)
{
	char s[48];

	fmt_time_utc(us, prec < BO_PREC_S, s, sizeof(s));
	/* 2014-12-22T16:15:00Z reads better as 2014-12-22 16:15:00Z */
	if (s[10] == 'T')
		s[10] = ' ';
	if (prec >= BO_PREC_MIN && strlen(s) >= 19) {
		s[16] = 'Z';
		s[17] = '\0';
	}
	buf_adds(&t->b, s);
}

/* Local time in the display zone, from the system tz database. */
static void
t_local(struct tx *t, int64_t us)
{
	struct tm tm;
	time_t secs;
	char s[64];

	if (t->tz == NULL)
		return;
	secs = (time_t)(us / 1000000 - (us % 1000000 < 0));
	if (localtime_r(&secs, &tm) == NULL ||
	    strftime(s, sizeof(s), "%a %H:%M %Z", &tm) == 0)
		return;
	buf_printf(&t->b, " (%s)", s);
}

/* Appends text wrapped at the width, continuation lines indented. */
static void
t_wrap(struct tx *t, size_t col0, size_t indent, const char *s)
{
	size_t w = (size_t)t->width, pos = col0, n;
	const char *p = s;
	bool first = true;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		n = strcspn(p, " \n");
		if (n == 0)
			continue;
		if (!first && pos + 1 + n > w) {
			buf_addc(&t->b, '\n');
			buf_printf(&t->b, "%*s", (int)indent, "");
			pos = indent;
		} else if (!first) {
			buf_addc(&t->b, ' ');
			pos++;
		}
		first = false;
		buf_add(&t->b, p, n);
		pos += n;
		p += n;
	}
	buf_addc(&t->b, '\n');
}

static void
t_heading(struct tx *t, const char *h)
{
	buf_printf(&t->b, "\n%s%s%s\n", col(t, C_BOLD), h, col(t, C_OFF));
}

static void
t_evidence(struct tx *t, const struct bo_evidence *e, size_t n,
    size_t indent)
{
	size_t i;

	for (i = 0; i < n && i < 2; i++) {
		struct buf one;

		buf_init(&one);
		/* with one input (listed at the end) the member says where */
		if (t->input1 != NULL && strcmp(e[i].input, t->input1) == 0 &&
		    e[i].member[0] != '\0')
			buf_adds(&one, e[i].member);
		else
			buf_printf(&one, "%s%s%s", e[i].input,
			    e[i].member[0] ? "!" : "", e[i].member);
		if (e[i].line)
			buf_printf(&one, ":%" PRIu64, e[i].line);
		if (e[i].line && e[i].item)
			buf_printf(&one, "#%" PRIu64, e[i].item);
		else if (!e[i].line)
			buf_printf(&one, " @%" PRIu64, e[i].offset);
		buf_printf(&t->b, "%*s%s", (int)indent, "", col(t, C_DIM));
		buf_adds(&t->b, "<- ");
		buf_adds(&t->b, one.data);
		buf_printf(&t->b, "%s\n", col(t, C_OFF));
		buf_free(&one);
	}
}

static void
t_signal(struct tx *t, const struct bo_signal *s, size_t indent)
{
	size_t start = t->b.len;

	buf_printf(&t->b, "%*s", (int)indent, "");
	t_time(t, s->time_us, s->prec);
	buf_printf(&t->b, " %-6s ", bo_srctype_name(s->src));
	t_wrap(t, t->b.len - start, indent + 4, s->summary);
	t_evidence(t, s->evidence, s->nevidence, indent + 4);
}

static void
t_claim(struct tx *t, const struct bo_timeline *tl, const struct bo_claim *c,
    size_t indent)
{
	size_t start = t->b.len;
	struct buf line;

	buf_printf(&t->b, "%*s", (int)indent, "");
	t_time(t, c->time_us, c->prec);
	buf_printf(&t->b, " %sUNVERIFIED %s%s ", col(t, C_MAG),
	    c->cls == BO_CLASS_REPORT ? "report" : "claim", col(t, C_OFF));
	buf_init(&line);
	buf_printf(&line, "%s", bo_relation_name(c->relation));
	if (c->has_lag) {
		char d[32];
		int64_t lag = c->lag_s;

		buf_printf(&line, " %s%s", lag < 0 ? "-" : "+",
		    fmt_duration(lag < 0 ? -lag : lag, d, sizeof(d)));
	}
	if (c->incident >= 0 && !c->target_match)
		buf_adds(&line, " (target does not match)");
	buf_printf(&line, "; %s%s%s", c->actor ? c->actor : (c->source ?
	    c->source : "?"), c->action ? " " : "", c->action ? c->action :
	    "");
	if (c->target)
		buf_printf(&line, " [%s]", c->target);
	if (c->text)
		buf_printf(&line, ": \"%s\"", c->text);
	t_wrap(t, t->b.len - start - (t->color ? strlen(C_MAG C_OFF) : 0),
	    indent + 4, line.data);
	buf_free(&line);
	if (c->url)
		buf_printf(&t->b, "%*s%s\n", (int)indent + 4, "", c->url);
	t_evidence(t, c->evidence, c->nevidence, indent + 4);
	(void)tl;
}

/* --brief: what makes an incident, first; the rest is counted. */
static int
sig_rank(const struct bo_signal *s)
{
	static const char *const order[] = { "bgp.outage_onset",
	    "bgp.outage_end", "probe.unreachable", "router.session_down",
	    "bgp.instability" };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (s->kind != NULL && strcmp(s->kind, order[i]) == 0)
			return (int)i;
	return (int)(sizeof(order) / sizeof(order[0]));
}

#define BRIEF_SIGNALS	3

static void
t_brief_signals(struct tx *t, const struct bo_incident *in)
{
	bool used[BRIEF_SIGNALS] = { false };
	size_t pick[BRIEF_SIGNALS], npick = 0, i, k;
	int r, best;

	/* the best-ranked few, shown in time order */
	while (npick < BRIEF_SIGNALS && npick < in->nsignals) {
		size_t bi = in->nsignals;

		best = 1 << 30;
		for (i = 0; i < in->nsignals; i++) {
			bool taken = false;

			for (k = 0; k < npick; k++)
				taken |= pick[k] == i;
			if (!taken && (r = sig_rank(&in->signals[i])) < best) {
				best = r;
				bi = i;
			}
		}
		pick[npick++] = bi;
	}
	for (i = 0; i < in->nsignals; i++)
		for (k = 0; k < npick; k++)
			if (pick[k] == i && !used[k]) {
				const struct bo_signal *s = &in->signals[i];
				size_t start = t->b.len;

				used[k] = true;
				buf_adds(&t->b, "    ");
				t_time(t, s->time_us, s->prec);
				buf_printf(&t->b, " %-6s ", bo_srctype_name(s->src));
				t_wrap(t, t->b.len - start, 8, s->summary);
				t_evidence(t, s->evidence, s->nevidence > 1 ? 1 :
				    s->nevidence, 8);
			}
	if (in->nsignals > npick)
		buf_printf(&t->b, "    (%zu more signals)\n",
		    in->nsignals - npick);
}

static void
t_brief_claims(struct tx *t, const struct bo_timeline *tl,
    const struct bo_incident *in)
{
	size_t rel[BO_REL__COUNT] = { 0 }, i, nrep = 0;
	const struct bo_claim *first = NULL;
	char d[32];
	struct buf line;

	for (i = 0; i < in->nclaims; i++) {
		const struct bo_claim *c;

		if (in->claims[i] >= tl->nclaims)
			continue;
		c = &tl->claims[in->claims[i]];
		rel[c->relation]++;
		nrep += c->cls == BO_CLASS_REPORT;
		if (first == NULL && c->cls == BO_CLASS_REPORT &&
		    c->relation != BO_REL_BEFORE_ONSET && c->has_lag)
			first = c;
	}
	if (in->nclaims == 0)
		return;
	buf_init(&line);
	buf_printf(&line, "%zu claims and reports (%zu reports): %zu before "
	    "onset, %zu during, %zu after the end", in->nclaims, nrep,
	    rel[BO_REL_BEFORE_ONSET], rel[BO_REL_DURING],
	    rel[BO_REL_AFTER_END]);
	buf_printf(&t->b, "  %sunverified%s ", col(t, C_MAG), col(t, C_OFF));
	t_wrap(t, 13, 12, line.data);
	buf_free(&line);
	if (first != NULL)
		buf_printf(&t->b, "  first report after onset: %s, %s after "
		    "onset\n", first->source ? first->source : (first->actor ?
		    first->actor : "?"), fmt_duration(first->lag_s, d,
		    sizeof(d)));
}

static void
t_incident(struct tx *t, const struct bo_timeline *tl,
    const struct bo_incident *in)
{
	bool conf = in->status == BO_STATUS_CONFIRMED;
	char d[32];
	size_t i;

	buf_printf(&t->b, "\n%s%s%s %s%s%s  %s\n",
	    col(t, conf ? C_GREEN C_BOLD : C_YEL C_BOLD),
	    conf ? "[CONFIRMED]" : "[UNCONFIRMED]", col(t, C_OFF),
	    col(t, C_BOLD), in->id, col(t, C_OFF), in->kind);
	buf_adds(&t->b, "  targets   ");
	for (i = 0; i < in->ntargets; i++)
		buf_printf(&t->b, "%s%s", i ? ", " : "", in->targets[i]);
	buf_adds(&t->b, "\n  onset     ");
	t_time(t, in->onset_us, in->onset_prec);
	t_local(t, in->onset_us);
	buf_adds(&t->b, "\n  end       ");
	if (in->has_end) {
		t_time(t, in->end_us, in->end_prec);
		t_local(t, in->end_us);
		buf_printf(&t->b, "\n  duration  %s (%" PRId64 " s)\n",
		    fmt_duration(in->duration_s, d, sizeof(d)),
		    in->duration_s);
	} else
		buf_adds(&t->b, "ongoing at the end of the data\n");
	if (in->prefixes_total > 0)
		buf_printf(&t->b, "  prefixes  %" PRIu32 " of %" PRIu32
		    " affected\n", in->prefixes_affected, in->prefixes_total);
	if (rfmt_is_routing(in)) {
		struct rrow_kv rr[RROUTING_ROWS];
		size_t nr = rfmt_routing_rows(in, rr);

		for (i = 0; i < nr; i++) {
			buf_printf(&t->b, "  %-10s", rr[i].word);
			t_wrap(t, 12, 12, rr[i].value);
		}
		rfmt_routing_free(rr, nr);
	}
	if (in->prefixes_not_restored > 0)
		buf_printf(&t->b, "            not restored by the end of the "
		    "data: %" PRIu32 "\n", in->prefixes_not_restored);
	/* members and families, in the order they went dark */
	for (i = 0; i < in->nparts; i++) {
		struct buf pb;

		buf_init(&pb);
		rpart(&pb, &in->parts[i]);
		buf_adds(&t->b, i == 0 ? "  parts     " : "            ");
		t_wrap(t, 12, 14, pb.data);
		buf_free(&pb);
	}
	buf_adds(&t->b, "  why       ");
	t_wrap(t, 12, 12, in->why);
	if (t->brief) {
		t_brief_signals(t, in);
		t_brief_claims(t, tl, in);
		return;
	}
	if (in->nsignals > 0)
		buf_adds(&t->b, "  signals (measured)\n");
	for (i = 0; i < in->nsignals; i++)
		t_signal(t, &in->signals[i], 4);
	if (in->nclaims > 0)
		buf_printf(&t->b, "  %sclaims and reports (unverified, placed "
		    "against this incident)%s\n", col(t, C_MAG), col(t, C_OFF));
	for (i = 0; i < in->nclaims; i++)
		if (in->claims[i] < tl->nclaims)
			t_claim(t, tl, &tl->claims[in->claims[i]], 4);
	/* which outlet had it first (claims come in time order) */
	for (i = 0; i < in->nclaims; i++) {
		const struct bo_claim *c = in->claims[i] < tl->nclaims ?
		    &tl->claims[in->claims[i]] : NULL;

		if (c == NULL || c->cls != BO_CLASS_REPORT ||
		    c->relation == BO_REL_BEFORE_ONSET || !c->has_lag)
			continue;
		buf_printf(&t->b, "  first report after onset: %s, %s after "
		    "onset\n", c->source ? c->source : (c->actor ? c->actor :
		    "?"), fmt_duration(c->lag_s, d, sizeof(d)));
		break;
	}
}

static bool
has_no_data(const struct bo_timeline *tl)
{
	size_t i;

	for (i = 0; i < tl->ngaps; i++)
		if (tl->gaps[i].kind == BO_GAP_NO_DATA)
			return true;
	return false;
}

int
bo_render_text(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	char *old_tz = NULL;
	struct tx t;
	size_t i, n;
	int rc = 0;

	memset(&t, 0, sizeof(t));
	buf_init(&t.b);
	t.color = o ? o->color : 0;
	t.brief = o ? o->brief : 0;
	t.width = o && o->width >= 40 ? o->width : 80;
	t.tz = o && o->tz ? o->tz : tl->tz;
	t.input1 = tl->ninputs == 1 ? tl->inputs[0].path : NULL;
	if (t.tz != NULL) {
		const char *cur = getenv("TZ");

		old_tz = cur ? xstrdup(cur) : NULL;
		setenv("TZ", t.tz, 1);
		tzset();
	}
	buf_printf(&t.b, "%s%s%s\n", col(&t, C_BOLD), tl->title ? tl->title :
	    "Blackout timeline", col(&t, C_OFF));
	buf_adds(&t.b, "targets: ");
	for (i = 0; i < tl->ntargets; i++)
		buf_printf(&t.b, "%s%s", i ? ", " : "", tl->targets[i]);
	buf_addc(&t.b, '\n');
	if (tl->has_window) {
		buf_adds(&t.b, "window:  ");
		if (tl->from_us != INT64_MIN)
			t_time(&t, tl->from_us, BO_PREC_S);
		buf_adds(&t.b, " .. ");
		if (tl->to_us != INT64_MAX)
			t_time(&t, tl->to_us, BO_PREC_S);
		buf_addc(&t.b, '\n');
	}
	buf_printf(&t.b, "times in UTC%s%s%s\n", t.tz ? "; local time in " :
	    "", t.tz ? t.tz : "", t.tz ? " in brackets" : "");

	/* the headline an analyst quotes first */
	{
		size_t conf = 0, unmatched = 0;

		for (i = 0; i < tl->nincidents; i++)
			conf += tl->incidents[i].status == BO_STATUS_CONFIRMED;
		for (i = 0; i < tl->nclaims; i++)
			unmatched += tl->claims[i].incident < 0;
		struct buf line;

		buf_init(&line);
		buf_printf(&line, "summary: %zu incident%s (%zu confirmed, %zu "
		    "unconfirmed); %zu claims and reports, never verified, "
		    "%zu matching no signal; %zu coverage gap%s",
		    tl->nincidents, tl->nincidents == 1 ? "" : "s", conf,
		    tl->nincidents - conf, tl->nclaims, unmatched, tl->ngaps,
		    tl->ngaps == 1 ? "" : "s");
		t_wrap(&t, 0, 9, line.data);
		buf_free(&line);
		/* where nothing is known, the headline says so first */
		buf_init(&line);
		if (rno_data(&line, tl) > 0) {
			buf_adds(&t.b, "NO DATA: ");
			t_wrap(&t, 9, 9, line.data);
		}
		buf_free(&line);
	}
	buf_printf(&t.b, "\n%sINCIDENTS (measured: BGP, probes, router "
	    "logs)%s: %zu\n", col(&t, C_BOLD), col(&t, C_OFF),
	    tl->nincidents);
	for (i = 0; i < tl->nincidents; i++)
		t_incident(&t, tl, &tl->incidents[i]);
	if (tl->nincidents == 0 && has_no_data(tl))
		buf_adds(&t.b, "  none measured; where there was no data "
		    "nothing can be told (see NO DATA)\n");
	else if (tl->nincidents == 0)
		buf_adds(&t.b, "  none: no target lost visibility or "
		    "reachability for long enough\n");

	if (t.brief) {
		struct buf line;

		for (i = n = 0; i < tl->nclaims; i++)
			n += tl->claims[i].incident < 0;
		buf_init(&line);
		buf_printf(&line, "not shown here (the full timeline has them): "
		    "%zu claims matching no signal, %zu other signals, %zu "
		    "coverage gaps, thresholds, inputs", n, tl->nsignals,
		    tl->ngaps);
		buf_addc(&t.b, '\n');
		t_wrap(&t, 0, 0, line.data);
		buf_free(&line);
		goto write;
	}
	for (i = n = 0; i < tl->nclaims; i++)
		n += tl->claims[i].incident < 0;
	if (n > 0) {
		t_heading(&t, "CLAIMS AND REPORTS MATCHING NO MEASURED SIGNAL "
		    "(unverified)");
		for (i = 0; i < tl->nclaims; i++)
			if (tl->claims[i].incident < 0)
				t_claim(&t, tl, &tl->claims[i], 2);
	}
	if (tl->nsignals > 0) {
		t_heading(&t, "OTHER SIGNALS (not part of an incident)");
		for (i = 0; i < tl->nsignals; i++)
			t_signal(&t, &tl->signals[i], 2);
	}
	if (tl->ngaps > 0) {
		t_heading(&t, "COVERAGE GAPS (missing data, not outages)");
		for (i = 0; i < tl->ngaps; i++) {
			const struct bo_gap *g = &tl->gaps[i];
			char d[32];
			size_t start = t.b.len;

			buf_adds(&t.b, "  ");
			if (rgap_bounded(g)) {
				t_time(&t, g->start_us, BO_PREC_S);
				buf_printf(&t.b, " +%s", fmt_duration(
				    (g->end_us - g->start_us) / 1000000, d,
				    sizeof(d)));
			} else
				buf_adds(&t.b, "(no time at all)");
			buf_printf(&t.b, " %s%s: ", g->kind ==
			    BO_GAP_NO_DATA ? "no data for " : "", g->scope);
			t_wrap(&t, t.b.len - start, 6, g->reason);
			t_evidence(&t, g->evidence, g->nevidence, 6);
		}
	}
	t_heading(&t, "THRESHOLDS");
	for (i = 0; i < tl->nparams; i++)
		buf_printf(&t.b, "  %-21s %s\n", tl->params[i].name,
		    tl->params[i].value);
	t_heading(&t, "INPUTS");
	for (i = 0; i < tl->ninputs; i++) {
		const struct bo_input_info *in = &tl->inputs[i];

		buf_printf(&t.b, "  %s\n    sha256 %s\n    members: %" PRIu64
		    " read, %" PRIu64 " skipped, %" PRIu64 " failed\n",
		    in->path, in->sha256[0] ? in->sha256 : "(not hashed)",
		    in->members_read, in->members_skipped, in->members_failed);
	}
write:
	if (t.b.len > 0 && fwrite(t.b.data, 1, t.b.len, f) != t.b.len)
		rc = -1;
	buf_free(&t.b);
	if (t.tz != NULL) {
		if (old_tz != NULL)
			setenv("TZ", old_tz, 1);
		else
			unsetenv("TZ");
		tzset();
		free(old_tz);
	}
	return rc;
}
