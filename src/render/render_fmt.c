#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "render/render_fmt.h"
#include "util/cursor.h"

#define REPLACEMENT	0xfffdu

/* Characters of evidence replaced in this thread since the last reset. */
static _Thread_local size_t replaced;

void
rtz_begin(struct rtz *z, const char *zone)
{
	const char *old;

	memset(z, 0, sizeof(*z));
	if (zone == NULL || !tz_known(zone))
		return;
	/* glibc quietly falls back to UTC for a zone it cannot read, which
	 * would print UTC under a local heading: hence tz_known first. */
	old = getenv("TZ");
	z->saved = old != NULL ? xstrdup(old) : NULL;
	z->zone = zone;
	z->active = true;
	setenv("TZ", zone, 1);
	tzset();
}

void
rtz_end(struct rtz *z)
{
	if (!z->active)
		return;
	if (z->saved != NULL)
		setenv("TZ", z->saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(z->saved);
	memset(z, 0, sizeof(*z));
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

static int
local_tm(const struct rtz *z, int64_t us, struct tm *tm, long *off)
{
	time_t t = (time_t)floor_div(us, 1000000);
	int64_t back;

	if (!z->active || localtime_r(&t, tm) == NULL)
		return -1;
	back = days_from_civil((int64_t)tm->tm_year + 1900,
	    (unsigned)tm->tm_mon + 1, (unsigned)tm->tm_mday) * 86400 +
	    tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
	*off = (long)(back - (int64_t)t);
	return 0;
}

long
rtz_offset(const struct rtz *z, int64_t us)
{
	struct tm tm;
	long off;

	return local_tm(z, us, &tm, &off) == 0 ? off : 0;
}

static void
fmt_fields(char *buf, size_t len, int64_t y, unsigned mo, unsigned d,
    int h, int mi, int s, int64_t usec, enum bo_prec prec)
{
	switch (prec) {
	case BO_PREC_US:
		snprintf(buf, len, "%04" PRId64 "-%02u-%02u %02d:%02d:%02d.%06d",
		    y, mo, d, h, mi, s, (int)usec);
		break;
	case BO_PREC_MS:
		snprintf(buf, len, "%04" PRId64 "-%02u-%02u %02d:%02d:%02d.%03d",
		    y, mo, d, h, mi, s, (int)(usec / 1000));
		break;
	case BO_PREC_MIN:
		snprintf(buf, len, "%04" PRId64 "-%02u-%02u %02d:%02d", y, mo, d,
		    h, mi);
		break;
	case BO_PREC_HOUR:
		snprintf(buf, len, "%04" PRId64 "-%02u-%02u %02dh", y, mo, d, h);
		break;
	case BO_PREC_DAY:
		snprintf(buf, len, "%04" PRId64 "-%02u-%02u", y, mo, d);
		break;
	default:
		snprintf(buf, len, "%04" PRId64 "-%02u-%02u %02d:%02d:%02d", y,
		    mo, d, h, mi, s);
		break;
	}
}

enum bo_prec
rprec_head(enum bo_prec p)
{
	return p < BO_PREC_S ? BO_PREC_S : p;
}

char *
rfmt_utc(int64_t us, enum bo_prec prec, char *buf, size_t len)
{
	int64_t secs = floor_div(us, 1000000), days, rem, y;
	unsigned m, d;

	days = floor_div(secs, 86400);
	rem = secs - days * 86400;
	civil_from_days(days, &y, &m, &d);
	fmt_fields(buf, len, y, m, d, (int)(rem / 3600), (int)(rem / 60 % 60),
	    (int)(rem % 60), us - secs * 1000000, prec);
	return buf;
}

char *
rfmt_local(const struct rtz *z, int64_t us, enum bo_prec prec, char *buf,
    size_t len)
{
	struct tm tm;
	long off, a;
	size_t k;

	buf[0] = '\0';
	if (local_tm(z, us, &tm, &off) != 0)
		return buf;
	fmt_fields(buf, len, (int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
	    (unsigned)tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    us - floor_div(us, 1000000) * 1000000, prec);
	k = strlen(buf);
	a = off < 0 ? -off : off;
	snprintf(buf + k, len - k, " %c%02ld:%02ld", off < 0 ? '-' : '+',
	    a / 3600, a / 60 % 60);
	return buf;
}

const char *
rwhy(const struct bo_incident *in)
{
	static const char *const said[] = { "confirmed: ", "unconfirmed: " };
	const char *w = in->why != NULL ? in->why : "";
	size_t i, n;

	for (i = 0; i < sizeof(said) / sizeof(said[0]); i++) {
		n = strlen(said[i]);
		if (strncmp(w, said[i], n) == 0)
			return w + n;
	}
	return w;
}

char *
rfmt_lag(int64_t s, char *buf, size_t len)
{
	char d[RFMT_TIME_LEN];

	if (s == 0)
		snprintf(buf, len, "0 min");
	else
		snprintf(buf, len, "%c%s", s < 0 ? '-' : '+',
		    fmt_duration(s, d, sizeof(d)));
	return buf;
}

const char *
rfmt_relation(enum bo_relation r)
{
	switch (r) {
	case BO_REL_BEFORE_ONSET:
		return "before onset";
	case BO_REL_DURING:
		return "during";
	case BO_REL_AFTER_END:
		return "after end";
	case BO_REL_NO_MATCHING_SIGNAL:
		return "no matching signal";
	default:
		return "unknown";
	}
}

void
rfmt_evidence(struct buf *b, const struct bo_evidence *e)
{
	buf_adds(b, e->input != NULL ? e->input : "?");
	if (e->member != NULL && e->member[0] != '\0') {
		buf_addc(b, '!');
		buf_adds(b, e->member);
	}
	if (e->line != 0)
		buf_printf(b, ":%" PRIu64, e->line);
	if (e->line != 0 && e->item != 0)
		buf_printf(b, "#%" PRIu64, e->item);
	else if (e->line == 0)
		buf_printf(b, " @ byte %" PRIu64, e->offset);
}

void
rfmt_fixed(struct buf *b, double v, int decimals)
{
	static const int64_t scale[] = { 1, 10, 100, 1000, 10000 };
	int64_t k, ip, fp;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 4)
		decimals = 4;
	/* NaN and absurd values are drawn at 0 rather than as garbage. */
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	k = llround(v * (double)scale[decimals]);
	if (k < 0) {
		buf_addc(b, '-');
		k = -k;
	}
	ip = k / scale[decimals];
	fp = k % scale[decimals];
	buf_printf(b, "%" PRId64, ip);
	if (decimals > 0)
		buf_printf(b, ".%0*" PRId64, decimals, fp);
}

void
rfmt_share(struct buf *b, uint32_t n, uint32_t total)
{
	if (total == 0) {
		buf_printf(b, "%" PRIu32 " of an unknown total", n);
		return;
	}
	buf_printf(b, "%" PRIu32 " of %" PRIu32 " (%" PRIu64 "%%)", n, total,
	    ((uint64_t)n * 100 + total / 2) / total);
}

static int
forbidden(uint32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return 0;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

size_t
rtext_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	struct cursor c;
	uint8_t b0, bx;
	uint32_t v, min;
	size_t need, i;

	cur_init(&c, s, n, 0);
	if (cur_u8(&c, &b0) != 0) {
		*cp = REPLACEMENT;
		replaced++;
		return n > 0 ? n : 1;
	}
	if (b0 < 0x80) {
		v = b0;
		need = 0;
		min = 0;
	} else if ((b0 & 0xe0) == 0xc0) {
		v = b0 & 0x1f;
		need = 1;
		min = 0x80;
	} else if ((b0 & 0xf0) == 0xe0) {
		v = b0 & 0x0f;
		need = 2;
		min = 0x800;
	} else if ((b0 & 0xf8) == 0xf0) {
		v = b0 & 0x07;
		need = 3;
		min = 0x10000;
	} else {
		*cp = REPLACEMENT;
		replaced++;
		return 1;
	}
	for (i = 0; i < need; i++) {
		/* A short or broken sequence costs only its lead byte, so
		 * the next character is not swallowed with it. */
		if (cur_u8(&c, &bx) != 0 || (bx & 0xc0) != 0x80) {
			*cp = REPLACEMENT;
			replaced++;
			return 1;
		}
		v = (v << 6) | (bx & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
	    forbidden(v)) {
		v = REPLACEMENT;
		replaced++;
	}
	*cp = v;
	return need + 1;
}

size_t
rtext_replaced(void)
{
	return replaced;
}

void
rtext_replaced_reset(void)
{
	replaced = 0;
}

void
rreplaced_note(struct buf *b)
{
	if (replaced > 0)
		buf_printf(b, " %zu character%s of evidence text (invalid UTF-8 "
		    "or control characters) %s shown as \xef\xbf\xbd.", replaced,
		    replaced == 1 ? "" : "s", replaced == 1 ? "is" : "are");
}

void
rtext_put(struct buf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

void
rtext_add(struct buf *b, const char *s, rtext_repl repl)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *r;
	size_t n, k;
	uint32_t cp;

	if (s == NULL)
		return;
	n = strlen(s);
	while (n > 0) {
		k = rtext_next(p, n, &cp);
		p += k;
		n -= k;
		if (cp == '\t' || cp == '\n' || cp == '\r')
			buf_addc(b, ' ');
		else if ((r = repl(cp)) != NULL)
			buf_adds(b, r);
		else
			rtext_put(b, cp);
	}
}

static const char *
xml_repl(uint32_t cp)
{
	switch (cp) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

void
rxml_add(struct buf *b, const char *s)
{
	rtext_add(b, s, xml_repl);
}

int
rurl_linkable(const char *url)
{
	const unsigned char *p;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0) || strlen(url) > 2048)
		return 0;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"'<>\\`|", *p) != NULL)
			return 0;
	return 1;
}

bool
rclaim_is_report(const struct bo_claim *c)
{
	return c->cls == BO_CLASS_REPORT;
}

const char *
rrow_label(enum rrow_type t)
{
	switch (t) {
	case RROW_CONFIRMED:
		return "Confirmed signal";
	case RROW_UNCONFIRMED:
		return "Unconfirmed signal";
	case RROW_CLAIM:
		return "Unverified claim";
	default:
		return "Unverified report";
	}
}

struct rrow_sort {
	struct rrow	 row;
	size_t		 seq;
};

static int
rrow_cmp(const void *a, const void *b)
{
	const struct rrow_sort *x = a, *y = b;

	if (x->row.time_us != y->row.time_us)
		return x->row.time_us < y->row.time_us ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
add_signal(struct rrow_sort *v, size_t *n, const struct bo_signal *s,
    long incident)
{
	struct rrow *r = &v[*n].row;

	memset(r, 0, sizeof(*r));
	r->time_us = s->time_us;
	r->prec = s->prec;
	r->type = s->confirmed ? RROW_CONFIRMED : RROW_UNCONFIRMED;
	r->incident = incident;
	r->sig = s;
	v[*n].seq = *n;
	(*n)++;
}

struct rrow *
rrows_build(const struct bo_timeline *tl, size_t *np)
{
	struct rrow_sort *v;
	struct rrow *out;
	size_t total = tl->nsignals + tl->nclaims, n = 0, i, j;

	for (i = 0; i < tl->nincidents; i++)
		total += tl->incidents[i].nsignals;
	v = xcalloc(total + 1, sizeof(*v));
	for (i = 0; i < tl->nincidents; i++)
		for (j = 0; j < tl->incidents[i].nsignals; j++)
			add_signal(v, &n, &tl->incidents[i].signals[j], (long)i);
	for (i = 0; i < tl->nsignals; i++)
		add_signal(v, &n, &tl->signals[i], -1);
	for (i = 0; i < tl->nclaims; i++) {
		struct rrow *r = &v[n].row;
		const struct bo_claim *c = &tl->claims[i];

		memset(r, 0, sizeof(*r));
		r->time_us = c->time_us;
		r->prec = c->prec;
		r->type = rclaim_is_report(c) ? RROW_REPORT : RROW_CLAIM;
		r->incident = c->incident;
		r->claim = c;
		r->claim_no = i + 1;
		v[n].seq = n;
		n++;
	}
	qsort(v, n, sizeof(*v), rrow_cmp);
	out = xcalloc(n + 1, sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = v[i].row;
	free(v);
	*np = n;
	return out;
}

void
rcount(const struct bo_timeline *tl, size_t *conf, size_t *unconf,
    size_t *claims, size_t *reports)
{
	size_t i;

	*conf = *unconf = *claims = *reports = 0;
	for (i = 0; i < tl->nincidents; i++)
		if (tl->incidents[i].status == BO_STATUS_CONFIRMED)
			(*conf)++;
		else
			(*unconf)++;
	for (i = 0; i < tl->nclaims; i++)
		if (rclaim_is_report(&tl->claims[i]))
			(*reports)++;
		else
			(*claims)++;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
collect_vantages(const struct bo_signal *s, size_t n, const char ***v,
    size_t *nv, size_t *cap)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i].vantage == NULL || s[i].vantage[0] == '\0')
			continue;
		xgrow(v, cap, *nv, sizeof(**v));
		(*v)[(*nv)++] = s[i].vantage;
	}
}

/* Appends the distinct vantages, sorted, at most RFMT_MAX_VANTAGES. */
static size_t
vantages(const struct bo_timeline *tl, struct buf *names)
{
	const char **v = NULL;
	size_t nv = 0, cap = 0, i, distinct = 0;

	for (i = 0; i < tl->nincidents; i++)
		collect_vantages(tl->incidents[i].signals,
		    tl->incidents[i].nsignals, &v, &nv, &cap);
	collect_vantages(tl->signals, tl->nsignals, &v, &nv, &cap);
	if (nv > 0)
		qsort(v, nv, sizeof(*v), str_cmp);
	for (i = 0; i < nv; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		if (distinct < RFMT_MAX_VANTAGES)
			buf_printf(names, "%s%s", distinct > 0 ? ", " : "", v[i]);
		distinct++;
	}
	if (distinct > RFMT_MAX_VANTAGES)
		buf_printf(names, " and %zu more", distinct -
		    RFMT_MAX_VANTAGES);
	free(v);
	return distinct;
}

void
rcounts(struct buf *b, const struct bo_timeline *tl)
{
	struct buf names;
	size_t n;

	buf_init(&names);
	n = vantages(tl, &names);
	buf_printf(b, "%zu vantage point%s (collectors, peers, probes) named "
	    "by signals%s%s; %zu series. Records decoded: %" PRIu64 " (%"
	    PRIu64 " malformed, skipped and counted); text lines no rule "
	    "matched: %" PRIu64 "; events: %" PRIu64 "; warnings: %" PRIu64
	    "; errors: %" PRIu64 ".", n, n == 1 ? "" : "s", n > 0 ? ": " : "",
	    names.len > 0 ? names.data : "", tl->nseries,
	    tl->counters[BO_CNT_RECORDS], tl->counters[BO_CNT_RECORDS_SKIPPED],
	    tl->counters[BO_CNT_LINES_UNMATCHED], tl->counters[BO_CNT_EVENTS],
	    tl->counters[BO_CNT_WARNINGS], tl->counters[BO_CNT_ERRORS]);
	buf_free(&names);
}

const char *
rzone(const struct bo_timeline *tl, const char *opt_tz)
{
	if (opt_tz != NULL && opt_tz[0] != '\0')
		return opt_tz;
	return tl->tz;
}

const struct bo_incident *
rprimary(const struct bo_timeline *tl)
{
	const struct bo_incident *best = NULL, *in;
	size_t i;

	for (i = 0; i < tl->nincidents; i++) {
		in = &tl->incidents[i];
		if (in->status != BO_STATUS_CONFIRMED)
			continue;
		if (best == NULL || (in->has_end && (!best->has_end ||
		    in->duration_s > best->duration_s)))
			best = in;
	}
	if (best == NULL && tl->nincidents > 0)
		best = &tl->incidents[0];
	return best;
}

void
rjoin(struct buf *b, char *const *v, size_t n)
{
	size_t i;

	if (n == 0) {
		buf_adds(b, "(none)");
		return;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		buf_adds(b, v[i] != NULL ? v[i] : "?");
	}
}

void
rpart(struct buf *b, const struct bo_part *p)
{
	char t[RFMT_TIME_LEN], e[RFMT_TIME_LEN];

	buf_printf(b, "%s %s: ", p->member, p->family);
	if (!p->has_onset) {
		buf_printf(b, "stayed up (%" PRIu32 " prefix%s)",
		    p->prefixes_total, p->prefixes_total == 1 ? "" : "es");
		return;
	}
	buf_printf(b, "dark from %s", rfmt_utc(p->onset_us,
	    rprec_head(p->onset_prec), t, sizeof(t)));
	if (p->has_end)
		buf_printf(b, " to %s UTC", rfmt_utc(p->end_us,
		    rprec_head(p->end_prec), e, sizeof(e)));
	else
		buf_adds(b, " UTC, ongoing at the end of the data");
	buf_printf(b, ", %" PRIu32 " of %" PRIu32 " prefixes",
	    p->prefixes_affected, p->prefixes_total);
}

bool
rgap_bounded(const struct bo_gap *g)
{
	return g->start_us != INT64_MIN && g->end_us != INT64_MAX;
}

size_t
rno_data(struct buf *b, const struct bo_timeline *tl)
{
	char t[RFMT_TIME_LEN], e[RFMT_TIME_LEN];
	size_t i, n = 0;

	for (i = 0; i < tl->ngaps; i++) {
		const struct bo_gap *g = &tl->gaps[i];

		if (g->kind != BO_GAP_NO_DATA)
			continue;
		buf_printf(b, "%sNo conclusion can be drawn for %s", n ? " " :
		    "", g->scope);
		if (rgap_bounded(g))
			buf_printf(b, " from %s to %s UTC", rfmt_utc(g->start_us,
			    BO_PREC_S, t, sizeof(t)), rfmt_utc(g->end_us,
			    BO_PREC_S, e, sizeof(e)));
		buf_printf(b, ": %s.", g->reason);
		n++;
	}
	return n;
}

static size_t
nodata_count(const struct bo_timeline *tl)
{
	size_t i, n = 0;

	for (i = 0; i < tl->ngaps; i++)
		n += tl->gaps[i].kind == BO_GAP_NO_DATA;
	return n;
}

/* Whether target has a no_data gap. */
static bool
rsilent(const struct bo_timeline *tl, const char *target)
{
	size_t i;

	for (i = 0; i < tl->ngaps; i++)
		if (tl->gaps[i].kind == BO_GAP_NO_DATA &&
		    strcmp(tl->gaps[i].scope, target) == 0)
			return true;
	return false;
}

void
rnone(struct buf *b, const struct bo_timeline *tl)
{
	size_t i, n = 0;

	for (i = 0; i < tl->ntargets; i++) {
		if (rsilent(tl, tl->targets[i]))
			continue;
		buf_adds(b, n++ ? ", " : "No incident was found for ");
		buf_adds(b, tl->targets[i]);
	}
	if (n > 0 || tl->ntargets == 0)
		buf_adds(b, n ? " in the evidence examined." :
		    "No incident was found in the evidence examined.");
	if (n > 0 && nodata_count(tl) > 0)
		buf_addc(b, ' ');
	rno_data(b, tl);
}

void
rtitle(struct buf *b, const struct bo_timeline *tl)
{
	if (tl->title != NULL) {
		buf_adds(b, tl->title);
		return;
	}
	buf_adds(b, "Outage report: ");
	rjoin(b, tl->targets, tl->ntargets);
}

void
rlede(struct buf *b, const struct bo_timeline *tl)
{
	const struct bo_incident *p = rprimary(tl);
	size_t conf, unconf, claims, reports;
	char t[RFMT_TIME_LEN], e[RFMT_TIME_LEN], d[RFMT_TIME_LEN];

	rcount(tl, &conf, &unconf, &claims, &reports);
	if (p == NULL) {
		rnone(b, tl);
	} else {
		buf_printf(b, "%s %s of ", p->status == BO_STATUS_CONFIRMED ?
		    "Confirmed" : "Unconfirmed", p->kind != NULL ? p->kind :
		    "incident");
		rjoin(b, p->targets, p->ntargets);
		buf_printf(b, " from %s UTC",
		    rfmt_utc(p->onset_us, rprec_head(p->onset_prec), t, sizeof(t)));
		if (p->has_end)
			buf_printf(b, " to %s UTC (%s)",
			    rfmt_utc(p->end_us, rprec_head(p->end_prec), e, sizeof(e)),
			    fmt_duration(p->duration_s, d, sizeof(d)));
		else
			buf_adds(b, ", with no end in the evidence");
		buf_adds(b, "; prefixes affected: ");
		rfmt_share(b, p->prefixes_affected, p->prefixes_total);
		buf_adds(b, ".");
	}
	if (p != NULL && nodata_count(tl) > 0) {
		buf_addc(b, ' ');
		rno_data(b, tl);
	}
	buf_printf(b, " %zu incident%s in all (%zu confirmed, %zu "
	    "unconfirmed). %zu claim%s and %zu report%s were placed against "
	    "the measurements; none of them counts as confirmation.",
	    conf + unconf, conf + unconf == 1 ? "" : "s", conf, unconf,
	    claims, claims == 1 ? "" : "s", reports, reports == 1 ? "" : "s");
}

void
rclaim_relation(struct buf *b, const struct bo_timeline *tl,
    const struct bo_claim *c)
{
	buf_adds(b, rfmt_relation(c->relation));
	if (c->incident >= 0 && (size_t)c->incident < tl->nincidents)
		buf_printf(b, "%s #%ld", c->relation == BO_REL_DURING ? "" :
		    " of", c->incident + 1);
	if (!c->target_match)
		buf_adds(b, "; claimed target does not match");
}

void
rclaim_what(struct buf *b, const struct bo_claim *c)
{
	size_t start = b->len;

	if (c->actor != NULL && c->actor[0] != '\0')
		buf_adds(b, c->actor);
	if (c->action != NULL && c->action[0] != '\0') {
		buf_adds(b, b->len > start ? ": " : "");
		buf_adds(b, c->action);
	}
	if (c->target != NULL && c->target[0] != '\0') {
		buf_adds(b, b->len > start ? " \xe2\x86\x92 " : "target: ");
		buf_adds(b, c->target);
	}
}
