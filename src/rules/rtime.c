/*
 * Timestamps in the formats rules name: epochs, RFC 3339, RFC 2822 (RSS
 * pubDate, with the obsolete zone names real feeds still use), Twitter's
 * created_at, syslog with no year, and a strftime-style subset.  Our own
 * parser rather than strptime(3): that one depends on the locale, ignores
 * %z on some libcs and cannot report how precise the result is.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules_private.h"

#define US_PER_S	INT64_C(1000000)
/* A syslog line dated this far past the file's own time belongs to the
 * year before (a December line in a file written in January). */
#define SYSLOG_FUTURE_SLACK_S	(2 * 86400)

static const char *fmt_names[RT__COUNT] = {
	"none", "epoch", "epoch_ms", "epoch_us", "epoch_ns", "rfc3339",
	"rfc2822", "twitter", "syslog", "strftime",
};

static const char *months[12] = { "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec" };
static const char *wdays[7] = { "mon", "tue", "wed", "thu", "fri", "sat",
    "sun" };

int
rtime_fmt_parse(const char *s, enum rtfmt *f)
{
	size_t i;

	if (strchr(s, '%') != NULL) {
		*f = RT_STRF;
		return 0;
	}
	for (i = 0; i < RT__COUNT; i++)
		if (i != RT_STRF && strcmp(s, fmt_names[i]) == 0) {
			*f = (enum rtfmt)i;
			return 0;
		}
	return -1;
}

const char *
rtime_fmt_name(enum rtfmt f)
{
	return (unsigned)f < RT__COUNT ? fmt_names[f] : "?";
}

enum bo_prec
rtime_default_prec(enum rtfmt f, const char *strf)
{
	switch (f) {
	case RT_NONE:
		return BO_PREC_DAY;
	case RT_EPOCH_MS:
		return BO_PREC_MS;
	case RT_EPOCH_US:
	case RT_EPOCH_NS:
		return BO_PREC_US;
	case RT_STRF:
		if (strstr(strf, "%S") != NULL || strstr(strf, "%T") != NULL ||
		    strstr(strf, "%s") != NULL)
			return BO_PREC_S;
		if (strstr(strf, "%M") != NULL || strstr(strf, "%R") != NULL)
			return BO_PREC_MIN;
		if (strstr(strf, "%H") != NULL)
			return BO_PREC_HOUR;
		return BO_PREC_DAY;
	default:
		return BO_PREC_S;
	}
}

/* A small scanner over the time text; never reads past len. */
struct tscan {
	const char	*s;
	size_t		 len;
	size_t		 pos;
};

static int
ts_peek(const struct tscan *t)
{
	return t->pos < t->len ? (unsigned char)t->s[t->pos] : -1;
}

static void
ts_spaces(struct tscan *t)
{
	while (t->pos < t->len && (t->s[t->pos] == ' ' || t->s[t->pos] == '\t'))
		t->pos++;
}

static int
ts_char(struct tscan *t, char c)
{
	if (ts_peek(t) != (unsigned char)c)
		return -1;
	t->pos++;
	return 0;
}

/* min..max digits; -2 when they do not fit in 64 bits (19 digits can
 * overflow: the digits are read all the same). */
static int
ts_num(struct tscan *t, int min, int max, int64_t *v)
{
	int n = 0, big = 0, d;

	*v = 0;
	while (n < max && t->pos < t->len &&
	    isdigit((unsigned char)t->s[t->pos])) {
		d = t->s[t->pos] - '0';
		if (*v > (INT64_MAX - d) / 10)
			big = 1;
		else
			*v = *v * 10 + d;
		t->pos++;
		n++;
	}
	if (n < min)
		return -1;
	return big ? -2 : 0;
}

/* A fraction after '.' or ',': µs, and digits seen. */
static int
ts_frac(struct tscan *t, int64_t *us, int *digits)
{
	int64_t scale = 100000;

	*us = 0;
	*digits = 0;
	if (ts_peek(t) != '.' && ts_peek(t) != ',')
		return 0;
	t->pos++;
	while (t->pos < t->len && isdigit((unsigned char)t->s[t->pos])) {
		*us += (t->s[t->pos] - '0') * scale;
		scale /= 10;
		t->pos++;
		(*digits)++;
	}
	return *digits > 0 ? 0 : -1;
}

static int
ts_name(struct tscan *t, const char *const *names, size_t n, int full_ok,
    int64_t *idx)
{
	size_t i, k = 0;

	while (t->pos + k < t->len && isalpha((unsigned char)t->s[t->pos + k]))
		k++;
	if (k < 3)
		return -1;
	for (i = 0; i < n; i++)
		if (strncasecmp(t->s + t->pos, names[i], 3) == 0 &&
		    (k == 3 || full_ok)) {
			*idx = (int64_t)i;
			t->pos += k;
			return 0;
		}
	return -1;
}

/* "+0000", "-05:00", "Z", "UTC", "GMT" and RFC 822's US zones. */
static int
ts_zone(struct tscan *t, int32_t *off)
{
	static const struct { const char *n; int h; } named[] = {
		{ "UTC", 0 }, { "UT", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	int64_t h, m = 0;
	int c = ts_peek(t), sign;
	size_t i, k = 0;

	if (c == '+' || c == '-') {
		sign = c == '-' ? -1 : 1;
		t->pos++;
		if (ts_num(t, 2, 2, &h) != 0)
			return -1;
		(void)ts_char(t, ':');
		if (ts_num(t, 2, 2, &m) != 0)
			return -1;
		if (h > 23 || m > 59)
			return -1;
		*off = (int32_t)(sign * (h * 3600 + m * 60));
		return 0;
	}
	while (t->pos + k < t->len && isalpha((unsigned char)t->s[t->pos + k]))
		k++;
	for (i = 0; i < BO_NELEM(named); i++)
		if (k == strlen(named[i].n) &&
		    strncasecmp(t->s + t->pos, named[i].n, k) == 0) {
			*off = named[i].h * 3600;
			t->pos += k;
			return 0;
		}
	return -1;
}

int
rtime_zone_parse(const char *s, int32_t *off)
{
	struct tscan t = { s, strlen(s), 0 };

	if (ts_zone(&t, off) != 0 || t.pos != t.len)
		return -1;
	return 0;
}

struct tparts {
	int64_t	 y, mo, d, h, mi, s, us;
	int	 fdigits;
	int	 has_zone;
	int32_t	 zone;
	int	 has_year;
	int	 has_epoch;
	int64_t	 epoch_us;
};

static int
days_in_month(int64_t y, int64_t m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int
parts_to_us(const struct tparts *p, int32_t defzone, int64_t *us)
{
	int64_t days, secs;

	if (p->has_epoch) {
		*us = p->epoch_us;
		return 0;
	}
	if (p->y < 1 || p->y > 9999 || p->mo < 1 || p->mo > 12 || p->d < 1 ||
	    p->d > days_in_month(p->y, p->mo) || p->h > 23 || p->mi > 59 ||
	    p->s > 60)
		return -1;
	days = days_from_civil(p->y, (unsigned)p->mo, (unsigned)p->d);
	secs = days * 86400 + p->h * 3600 + p->mi * 60 + p->s;
	secs -= p->has_zone ? p->zone : defzone;
	*us = secs * US_PER_S + p->us;
	return 0;
}

static enum bo_prec
prec_from_digits(int d)
{
	if (d >= 6)
		return BO_PREC_US;
	if (d >= 3)
		return BO_PREC_MS;
	return BO_PREC_S;
}

/*
 * Times are accepted from 1970 up to 2100 unless told otherwise: a
 * 19-digit epoch or a garbled year would date an event in the year 52383
 * (and overflow on the way), which no correlation should ever see.
 */
static int64_t valid_lo_us = 0;
static int64_t valid_hi_us = INT64_C(4102444800) * US_PER_S;
static char valid_msg[96] = "time outside the years 1970-2099 (--valid-years)";

/* Set once, before decoding starts (threads only read it). */
void
bo_rules_valid_time(int64_t lo_us, int64_t hi_us)
{
	int64_t y, y2;
	unsigned m, d;

	valid_lo_us = lo_us;
	valid_hi_us = hi_us;
	civil_from_days(lo_us / (86400 * US_PER_S), &y, &m, &d);
	civil_from_days((hi_us - 1) / (86400 * US_PER_S), &y2, &m, &d);
	snprintf(valid_msg, sizeof(valid_msg), "time outside the years %"
	    PRId64 "-%" PRId64 " (--valid-years)", y, y2);
}

static int
in_valid_range(int64_t us, const char **err)
{
	if (us >= valid_lo_us && us < valid_hi_us)
		return 0;
	*err = valid_msg;
	return -1;
}

/* "1595037214.261953", "-12", with a unit divisor; -2 when it cannot be
 * held in microseconds. */
static int
parse_epoch(struct tscan *t, int64_t unit_per_s, int64_t *us,
    enum bo_prec *prec)
{
	int64_t v, frac;
	int neg = 0, digits, rc;

	if (ts_char(t, '-') == 0)
		neg = 1;
	if ((rc = ts_num(t, 1, 19, &v)) == -1 ||
	    ts_frac(t, &frac, &digits) != 0)
		return -1;
	if (rc == -2)
		return -2;
	if (unit_per_s == 1) {
		/* room for the fraction too */
		if (v > (INT64_MAX - US_PER_S) / US_PER_S)
			return -2;
		*us = v * US_PER_S + frac;
		*prec = prec_from_digits(digits);
	} else if (unit_per_s == 1000) {
		if (v > (INT64_MAX - 1000) / 1000)
			return -2;
		*us = v * 1000 + frac / 1000;
		*prec = digits >= 3 ? BO_PREC_US : BO_PREC_MS;
	} else if (unit_per_s == US_PER_S) {
		*us = v;
		*prec = BO_PREC_US;
	} else {
		*us = v / 1000;
		*prec = BO_PREC_US;
	}
	if (neg)
		*us = -*us;
	return 0;
}

/* HH:MM[:SS[.frac]]; *has_sec says whether seconds were there. */
static int
ts_clock(struct tscan *t, struct tparts *p, int *has_sec)
{
	*has_sec = 0;
	if (ts_num(t, 1, 2, &p->h) != 0 || ts_char(t, ':') != 0 ||
	    ts_num(t, 2, 2, &p->mi) != 0)
		return -1;
	if (ts_char(t, ':') != 0)
		return 0;
	*has_sec = 1;
	if (ts_num(t, 2, 2, &p->s) != 0 ||
	    ts_frac(t, &p->us, &p->fdigits) != 0)
		return -1;
	return 0;
}

/* An optional zone ending the text. */
static int
ts_opt_zone(struct tscan *t, struct tparts *p)
{
	ts_spaces(t);
	if (t->pos < t->len) {
		if (ts_zone(t, &p->zone) != 0)
			return -1;
		p->has_zone = 1;
	}
	return 0;
}

/* RFC 3339 and the ISO 8601 shapes logs use ("2014-12-22 16:15:00"). */
static int
parse_rfc3339(struct tscan *t, struct tparts *p, int *minutes_only)
{
	int sec;

	*minutes_only = 0;
	if (ts_num(t, 4, 4, &p->y) != 0 || ts_char(t, '-') != 0 ||
	    ts_num(t, 2, 2, &p->mo) != 0 || ts_char(t, '-') != 0 ||
	    ts_num(t, 2, 2, &p->d) != 0)
		return -1;
	p->has_year = 1;
	if (ts_peek(t) != 'T' && ts_peek(t) != 't' && ts_peek(t) != ' ')
		return -2;		/* a date only */
	t->pos++;
	if (ts_clock(t, p, &sec) != 0)
		return -1;
	*minutes_only = !sec;
	return ts_opt_zone(t, p);
}

/* [Mon, ]22 Dec 2014 20:15[:00] +0000 (RFC 2822, with RFC 822 zones).
 * The precision is what was written: a feed that gives 09:50 knows the
 * minute, not the second; one that gives only the date knows the day. */
static int
parse_rfc2822(struct tscan *t, struct tparts *p, enum bo_prec *prec)
{
	int64_t wd;
	int sec;
	size_t save = t->pos;

	if (ts_name(t, wdays, 7, 1, &wd) == 0) {
		if (ts_char(t, ',') != 0)
			return -1;
	} else {
		t->pos = save;
	}
	ts_spaces(t);
	if (ts_num(t, 1, 2, &p->d) != 0)
		return -1;
	ts_spaces(t);
	if (ts_name(t, months, 12, 1, &p->mo) != 0)
		return -1;
	p->mo++;
	ts_spaces(t);
	if (ts_num(t, 2, 4, &p->y) != 0)
		return -1;
	if (p->y < 50)
		p->y += 2000;
	else if (p->y < 100)
		p->y += 1900;
	p->has_year = 1;
	ts_spaces(t);
	if (t->pos == t->len) {
		*prec = BO_PREC_DAY;
		return 0;
	}
	if (ts_clock(t, p, &sec) != 0)
		return -1;
	*prec = !sec ? BO_PREC_MIN : p->fdigits ?
	    prec_from_digits(p->fdigits) : BO_PREC_S;
	return ts_opt_zone(t, p);
}

/* Dec 22 20:15:00[.123] (RFC 3164: the day is space-padded). */
static int
parse_syslog(struct tscan *t, struct tparts *p)
{
	int sec;

	if (ts_name(t, months, 12, 0, &p->mo) != 0)
		return -1;
	p->mo++;
	ts_spaces(t);
	if (ts_num(t, 1, 2, &p->d) != 0)
		return -1;
	ts_spaces(t);
	if (ts_clock(t, p, &sec) != 0 || !sec)
		return -1;
	return 0;
}

/* Mon Dec 22 20:15:00 +0000 2014: a weekday, syslog's time, the zone
 * and the year. */
static int
parse_twitter(struct tscan *t, struct tparts *p)
{
	int64_t wd;

	if (ts_name(t, wdays, 7, 0, &wd) != 0)
		return -1;
	ts_spaces(t);
	if (parse_syslog(t, p) != 0)
		return -1;
	ts_spaces(t);
	if (ts_zone(t, &p->zone) != 0)
		return -1;
	p->has_zone = 1;
	ts_spaces(t);
	if (ts_num(t, 4, 4, &p->y) != 0)
		return -1;
	p->has_year = 1;
	return 0;
}

/*
 * The strftime subset: %Y %y %m %d %e %H %M %S %f (fraction) %b %B %a %A
 * %z %Z %s %T %R %F %j is not supported (rare in logs), %% and literal
 * text; a space in the pattern matches any run of blanks.  With t NULL
 * only the pattern is checked.
 */
static int
parse_strf(const char *f, struct tscan *t, struct tparts *p,
    const char **err)
{
	int64_t v;

	for (; *f != '\0'; f++) {
		if (*f == ' ') {
			if (t != NULL)
				ts_spaces(t);
			continue;
		}
		if (*f != '%') {
			if (t != NULL && ts_char(t, *f) != 0)
				return -1;
			continue;
		}
		f++;
		if (*f == '\0' || strchr("YymdeHMSfbBaAzZsTRF%", *f) == NULL) {
			*err = "unknown or unsupported % conversion";
			return -1;
		}
		if (t == NULL)
			continue;
		switch (*f) {
		case 'Y':
			if (ts_num(t, 4, 4, &p->y) != 0)
				return -1;
			p->has_year = 1;
			break;
		case 'y':
			if (ts_num(t, 2, 2, &v) != 0)
				return -1;
			p->y = v < 69 ? 2000 + v : 1900 + v;
			p->has_year = 1;
			break;
		case 'm':
			if (ts_num(t, 1, 2, &p->mo) != 0)
				return -1;
			break;
		case 'd':
		case 'e':
			ts_spaces(t);
			if (ts_num(t, 1, 2, &p->d) != 0)
				return -1;
			break;
		case 'H':
			if (ts_num(t, 1, 2, &p->h) != 0)
				return -1;
			break;
		case 'M':
			if (ts_num(t, 2, 2, &p->mi) != 0)
				return -1;
			break;
		case 'S':
			if (ts_num(t, 2, 2, &p->s) != 0)
				return -1;
			break;
		case 'f':
			/* digits after a '.' the pattern itself wrote */
			{
				int64_t scale = 100000;

				p->us = 0;
				p->fdigits = 0;
				while (ts_peek(t) >= '0' && ts_peek(t) <= '9') {
					p->us += (t->s[t->pos] - '0') * scale;
					scale /= 10;
					t->pos++;
					p->fdigits++;
				}
				if (p->fdigits == 0)
					return -1;
			}
			break;
		case 'b':
		case 'B':
			if (ts_name(t, months, 12, 1, &p->mo) != 0)
				return -1;
			p->mo++;
			break;
		case 'a':
		case 'A':
			if (ts_name(t, wdays, 7, 1, &v) != 0)
				return -1;
			break;
		case 'z':
		case 'Z':
			if (ts_zone(t, &p->zone) != 0)
				return -1;
			p->has_zone = 1;
			break;
		case 's':
			if (ts_num(t, 1, 19, &v) != 0 || v > INT64_MAX / US_PER_S)
				return -1;
			p->has_epoch = 1;
			p->epoch_us = v * US_PER_S;
			break;
		case 'T':
			if (ts_num(t, 1, 2, &p->h) != 0 || ts_char(t, ':') != 0 ||
			    ts_num(t, 2, 2, &p->mi) != 0 ||
			    ts_char(t, ':') != 0 || ts_num(t, 2, 2, &p->s) != 0)
				return -1;
			break;
		case 'R':
			if (ts_num(t, 1, 2, &p->h) != 0 || ts_char(t, ':') != 0 ||
			    ts_num(t, 2, 2, &p->mi) != 0)
				return -1;
			break;
		case 'F':
			if (ts_num(t, 4, 4, &p->y) != 0 || ts_char(t, '-') != 0 ||
			    ts_num(t, 1, 2, &p->mo) != 0 ||
			    ts_char(t, '-') != 0 || ts_num(t, 1, 2, &p->d) != 0)
				return -1;
			p->has_year = 1;
			break;
		case '%':
			if (ts_char(t, '%') != 0)
				return -1;
			break;
		}
	}
	return 0;
}

int
rtime_strf_check(const char *f, const char **err)
{
	struct tparts p;

	*err = NULL;
	memset(&p, 0, sizeof(p));
	if (parse_strf(f, NULL, &p, err) != 0)
		return -1;
	return 0;
}

/* A year for a date that has none: the reference's, or the one before
 * when that would put the date in the reference's future. */
static void
infer_year(struct tparts *p, int32_t zone, int64_t ref_us)
{
	int64_t y, us;
	unsigned m, d;

	civil_from_days((ref_us / US_PER_S) / 86400, &y, &m, &d);
	p->y = y;
	if (parts_to_us(p, zone, &us) == 0 &&
	    us > ref_us + SYSLOG_FUTURE_SLACK_S * US_PER_S)
		p->y = y - 1;
	/* Feb 29 in a year without one: the year before may have it. */
	else if (parts_to_us(p, zone, &us) != 0 && p->mo == 2 && p->d == 29)
		p->y = y - 1;
}

int
rtime_parse(enum rtfmt fmt, const char *strf, const char *s, size_t len,
    int32_t zone_s, int64_t ref_us, int64_t *us, enum bo_prec *prec,
    const char **err)
{
	struct tscan t = { s, len, 0 };
	struct tparts p;
	int rc, mins = 0;

	memset(&p, 0, sizeof(p));
	*err = "unparsable time";
	while (t.len > 0 && (s[t.len - 1] == ' ' || s[t.len - 1] == '\t'))
		t.len--;
	ts_spaces(&t);
	switch (fmt) {
	case RT_EPOCH:
		rc = parse_epoch(&t, 1, us, prec);
		goto epoch;
	case RT_EPOCH_MS:
		rc = parse_epoch(&t, 1000, us, prec);
		goto epoch;
	case RT_EPOCH_US:
		rc = parse_epoch(&t, US_PER_S, us, prec);
		goto epoch;
	case RT_EPOCH_NS:
		rc = parse_epoch(&t, 1000 * US_PER_S, us, prec);
	epoch:
		if (rc == -2 && t.pos == t.len) {
			*err = valid_msg;	/* too large to hold at all */
			return -1;
		}
		if (rc != 0 || t.pos != t.len)
			return -1;
		return in_valid_range(*us, err);
	case RT_RFC3339:
		rc = parse_rfc3339(&t, &p, &mins);
		if (rc == -2) {
			*prec = BO_PREC_DAY;
			rc = t.pos == t.len ? 0 : -1;
			if (rc == 0)
				rc = parts_to_us(&p, zone_s, us);
			return rc != 0 ? rc : in_valid_range(*us, err);
		}
		if (rc != 0)
			return -1;
		*prec = mins ? BO_PREC_MIN : prec_from_digits(p.fdigits);
		break;
	case RT_RFC2822:
		if (parse_rfc2822(&t, &p, prec) != 0)
			return -1;
		break;
	case RT_TWITTER:
		if (parse_twitter(&t, &p) != 0)
			return -1;
		*prec = BO_PREC_S;
		break;
	case RT_SYSLOG:
		if (parse_syslog(&t, &p) != 0)
			return -1;
		*prec = prec_from_digits(p.fdigits);
		break;
	case RT_STRF:
		if (parse_strf(strf, &t, &p, err) != 0) {
			if (*err == NULL)
				*err = "unparsable time";
			return -1;
		}
		*err = "unparsable time";
		*prec = p.fdigits ? prec_from_digits(p.fdigits) :
		    rtime_default_prec(RT_STRF, strf);
		if (!p.has_epoch && p.d == 0)
			p.d = 1;
		break;
	default:
		return -1;
	}
	if (t.pos != t.len) {
		*err = "trailing text after the time";
		return -1;
	}
	if (!p.has_year && !p.has_epoch) {
		if (ref_us == INT64_MIN) {
			*err = "time has no year and the member has no date";
			return -1;
		}
		infer_year(&p, p.has_zone ? p.zone : zone_s, ref_us);
	}
	if (parts_to_us(&p, zone_s, us) != 0) {
		*err = "time out of range";
		return -1;
	}
	return in_valid_range(*us, err);
}
