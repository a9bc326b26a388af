#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gen.h"

/*
 * What people said: tweets as Twitter API v1.1 status objects (a timeline
 * or search export: a JSON array, newest first), news as RSS 2.0 or Atom
 * feeds (newest first), and a plain CSV of claims an analyst collected by
 * hand.  The wording comes from the scenario; ids, counts and the t.co
 * links are derived from the seed.
 */

#define US		1000000LL
#define TWEPOCH_MS	1288834974657LL	/* Twitter's snowflake epoch */

static const char *const wday[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
    "Tue", "Wed" };
static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

struct tm_parts {
	int		y;
	unsigned	mo, d, h, mi, s, wd;
};

static void
parts(int64_t secs, struct tm_parts *p)
{
	int64_t y, days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
	int64_t r = secs - days * 86400;

	civil_from_days(days, &y, &p->mo, &p->d);
	p->y = (int)y;
	p->h = (unsigned)(r / 3600);
	p->mi = (unsigned)(r % 3600 / 60);
	p->s = (unsigned)(r % 60);
	p->wd = (unsigned)(((days % 7) + 7) % 7);	/* 1970-01-01: Thursday */
}

/* "Mon Dec 22 16:20:00 +0000 2014" */
static char *
twitter_date(int64_t us)
{
	struct tm_parts p;

	parts(us / US, &p);
	return xasprintf("%s %s %02u %02u:%02u:%02u +0000 %04d", wday[p.wd],
	    mon[p.mo - 1], p.d, p.h, p.mi, p.s, p.y);
}

/* RFC 822 in the feed's zone: "Mon, 22 Dec 2014 11:52:00 -0500", or
 * "Mon, 22 Dec 2014 11:52 -0500" for a feed that writes minutes only
 * (RFC 822 makes the seconds optional; many feeds drop them). */
static char *
rfc822_date(int64_t us, const struct gen_feed *f)
{
	struct tm_parts p;
	int a = f->tz_min < 0 ? -f->tz_min : f->tz_min;
	char sec[4] = "";

	parts(us / US + f->tz_min * 60, &p);
	if (!f->minutes)
		snprintf(sec, sizeof(sec), ":%02u", p.s % 60);
	return xasprintf("%s, %02u %s %04d %02u:%02u%s %c%02d%02d",
	    wday[p.wd], p.d, mon[p.mo - 1], p.y, p.h, p.mi, sec,
	    f->tz_min < 0 ? '-' : '+', a / 60, a % 60);
}

/* RFC 3339 in the feed's zone: "2014-12-22T11:52:00-05:00"; minutes
 * only ("2014-12-22T11:52-05:00", the ISO 8601 shape feeds use) when the
 * feed writes no seconds. */
static char *
rfc3339_date(int64_t us, const struct gen_feed *f)
{
	struct tm_parts p;
	int a = f->tz_min < 0 ? -f->tz_min : f->tz_min;
	char sec[4] = "";

	parts(us / US + f->tz_min * 60, &p);
	if (!f->minutes)
		snprintf(sec, sizeof(sec), ":%02u", p.s % 60);
	if (f->tz_min == 0)
		return xasprintf("%04d-%02u-%02uT%02u:%02u%sZ", p.y, p.mo,
		    p.d, p.h, p.mi, sec);
	return xasprintf("%04d-%02u-%02uT%02u:%02u%s%c%02d:%02d", p.y,
	    p.mo, p.d, p.h, p.mi, sec, f->tz_min < 0 ? '-' : '+', a / 60,
	    a % 60);
}

/* Code point count of the first n bytes of s: Twitter's entity indices. */
static size_t
cp_index(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

static json_t *
indices(const char *text, size_t from, size_t to)
{
	return json_pack("[II]", (json_int_t)cp_index(text, from),
	    (json_int_t)cp_index(text, to));
}

static int
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static json_int_t
user_id(uint64_t seed, const char *screen)
{
	/* 2009-2014 accounts: ids below 3e9 */
	return (json_int_t)(gen_hash(seed, screen) % 2900000000ULL + 10000000);
}

static json_t *
tweet_entities(uint64_t seed, const char *text, const char *tco,
    const char *url)
{
	json_t *tags = json_array(), *mentions = json_array(), *urls;
	size_t i, j, n = strlen(text);

	for (i = 0; i < n; i++) {
		if ((text[i] != '#' && text[i] != '@') ||
		    (i > 0 && word_char(text[i - 1])))
			continue;
		for (j = i + 1; j < n && word_char(text[j]); j++)
			;
		if (j == i + 1)
			continue;
		if (text[i] == '#')
			json_array_append_new(tags, json_pack("{s:s%,s:o}",
			    "text", text + i + 1, j - i - 1, "indices",
			    indices(text, i, j)));
		else {
			char *sn = xstrndup(text + i + 1, j - i - 1);
			char *ids = xasprintf("%lld",
			    (long long)user_id(seed, sn));

			json_array_append_new(mentions, json_pack(
			    "{s:s,s:s,s:I,s:s,s:o}", "screen_name", sn,
			    "name", sn, "id", user_id(seed, sn), "id_str",
			    ids, "indices", indices(text, i, j)));
			free(ids);
			free(sn);
		}
		i = j - 1;
	}
	urls = json_array();
	if (url != NULL) {
		const char *disp = strstr(url, "://");
		char *d = xstrdup(disp != NULL ? disp + 3 : url);

		/* Twitter shortens long display URLs with an ellipsis. */
		if (strlen(d) > 26)
			memcpy(d + 23, "...", 4);
		json_array_append_new(urls, json_pack("{s:s,s:s,s:s,s:o}",
		    "url", tco, "expanded_url", url, "display_url", d,
		    "indices", indices(text, (size_t)(strstr(text, tco) - text),
		    (size_t)(strstr(text, tco) - text) + strlen(tco))));
		free(d);
	}
	return json_pack("{s:o,s:[],s:o,s:o}", "hashtags", tags, "symbols",
	    "user_mentions", mentions, "urls", urls);
}

static json_t *
tweet_user(const struct scenario *s, const struct gen_claim *c)
{
	const char *sn = c->actor + 1;
	json_int_t id = user_id(s->seed, sn);
	char *idstr = xasprintf("%lld", (long long)id);
	char *created = twitter_date((int64_t)(1230768000 +
	    gen_hash(s->seed, sn) % 160000000) * US);
	json_t *u;

	u = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:n,"
	    "s:{s:{s:[]}},s:b,s:I,s:I,s:I,s:s,s:I,s:n,s:n,s:b,s:b,s:I,s:s}",
	    "id", id, "id_str", idstr, "name", c->name != NULL ? c->name : sn,
	    "screen_name", sn, "location", "", "description", "", "url",
	    "entities", "description", "urls", "protected", 0,
	    "followers_count", (json_int_t)c->followers,
	    "friends_count", (json_int_t)(gen_hash(s->seed, idstr) % 900),
	    "listed_count", (json_int_t)(c->followers / 200),
	    "created_at", created,
	    "favourites_count", (json_int_t)(gen_hash(s->seed, created) % 3000),
	    "utc_offset", "time_zone", "geo_enabled", 0, "verified", 0,
	    "statuses_count", (json_int_t)(gen_hash(s->seed, sn) % 20000 + 40),
	    "lang", "en");
	free(idstr);
	free(created);
	return u;
}

static json_t *
tweet(const struct scenario *s, const struct gen_claim *c, size_t idx)
{
	int64_t ms = c->at / 1000;
	json_int_t id = (json_int_t)(((uint64_t)(ms - TWEPOCH_MS) << 22) |
	    (idx & 0xfff));
	static const char b62[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char *idstr = xasprintf("%lld", (long long)id), *date, *text, tco[40];
	uint64_t h = gen_hash(s->seed, idstr);
	size_t i;
	json_t *t;

	memcpy(tco, "http://t.co/", 12);
	for (i = 0; i < 10; i++, h /= 62)
		tco[12 + i] = b62[h % 62];
	tco[22] = '\0';
	text = c->url != NULL ? xasprintf("%s %s", c->text, tco) :
	    xstrdup(c->text);
	date = twitter_date(c->at);
	t = json_pack("{s:s,s:I,s:s,s:s,s:s,s:b,s:n,s:n,s:n,s:n,s:n,s:o,"
	    "s:n,s:n,s:n,s:n,s:b,s:I,s:I,s:o,s:b,s:b,s:s}",
	    "created_at", date, "id", id, "id_str", idstr, "text", text,
	    "source", "<a href=\"http://twitter.com\" rel=\"nofollow\">"
	    "Twitter Web Client</a>", "truncated", 0,
	    "in_reply_to_status_id", "in_reply_to_status_id_str",
	    "in_reply_to_user_id", "in_reply_to_user_id_str",
	    "in_reply_to_screen_name", "user", tweet_user(s, c),
	    "geo", "coordinates", "place", "contributors",
	    "is_quote_status", 0,
	    "retweet_count", (json_int_t)(gen_hash(s->seed, text) % 400),
	    "favorite_count", (json_int_t)(gen_hash(s->seed, date) % 300),
	    "entities", tweet_entities(s->seed, text, tco, c->url),
	    "favorited", 0, "retweeted", 0, "lang", "en");
	free(idstr);
	free(text);
	free(date);
	return t;
}

/* Claims of one channel, newest first, ties by scenario order. */
static size_t *
sorted_claims(const struct scenario *s, enum claim_channel ch, int newest,
    size_t feed, size_t *n)
{
	size_t *v = xcalloc(s->nclaim + 1, sizeof(*v)), i, j, k = 0, x;

	for (i = 0; i < s->nclaim; i++)
		if (s->claim[i].ch == ch && (ch != CH_NEWS ||
		    s->claim[i].feed == feed))
			v[k++] = i;
	/* Insertion sort: a few dozen claims, and it is stable. */
	for (i = 1; i < k; i++) {
		x = v[i];
		for (j = i; j > 0; j--) {
			int64_t a = s->claim[v[j - 1]].at, b = s->claim[x].at;

			if (newest ? a >= b : a <= b)
				break;
			v[j] = v[j - 1];
		}
		v[j] = x;
	}
	*n = k;
	return v;
}

static int
write_tweets(const struct scenario *s, struct gen_out *out)
{
	size_t n, i, *v = sorted_claims(s, CH_TWEET, 1, 0, &n);
	json_t *arr;
	struct buf b;
	char *js;
	int rc;

	if (n == 0) {
		free(v);
		return 0;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, tweet(s, &s->claim[v[i]], v[i]));
	js = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_ESCAPE_SLASH | JSON_ENSURE_ASCII);
	json_decref(arr);
	free(v);
	if (js == NULL)
		return -1;
	buf_init(&b);
	buf_adds(&b, js);
	free(js);
	rc = out_add(out, "social/tweets.json", &b, COMP_NONE);
	buf_free(&b);
	return rc;
}

static void
xml_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '&': buf_adds(b, "&amp;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, *s); break;
		}
}

static void
xml_elem(struct buf *b, const char *indent, const char *name, const char *v)
{
	buf_printf(b, "%s<%s>", indent, name);
	xml_text(b, v);
	buf_printf(b, "</%s>\n", name);
}

static void
rss_feed(const struct scenario *s, const struct gen_feed *f,
    const size_t *v, size_t n, struct buf *b)
{
	const struct gen_claim *c;
	char *d;
	size_t i;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	    " xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
	xml_elem(b, "\t", "title", f->title);
	xml_elem(b, "\t", "link", f->link);
	xml_elem(b, "\t", "description", f->title);
	d = rfc822_date(s->claim[v[0]].at, f);
	xml_elem(b, "\t", "lastBuildDate", d);
	free(d);
	xml_elem(b, "\t", "language", "en-us");
	for (i = 0; i < n; i++) {
		c = &s->claim[v[i]];
		buf_adds(b, "\t<item>\n");
		xml_elem(b, "\t\t", "title", c->title);
		xml_elem(b, "\t\t", "link", c->url);
		xml_elem(b, "\t\t", "description", c->text);
		d = rfc822_date(c->at, f);
		xml_elem(b, "\t\t", "pubDate", d);
		free(d);
		buf_adds(b, "\t\t<guid isPermaLink=\"true\">");
		xml_text(b, c->url);
		buf_adds(b, "</guid>\n");
		xml_elem(b, "\t\t", "dc:creator", c->name != NULL ? c->name :
		    c->actor);
		buf_adds(b, "\t</item>\n");
	}
	buf_adds(b, "</channel>\n</rss>\n");
}

static void
atom_feed(const struct scenario *s, const struct gen_feed *f,
    const size_t *v, size_t n, struct buf *b)
{
	const struct gen_claim *c;
	char *d;
	size_t i;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	xml_elem(b, "  ", "title", f->title);
	buf_adds(b, "  <link href=\"");
	xml_text(b, f->link);
	buf_adds(b, "\" rel=\"alternate\"/>\n");
	xml_elem(b, "  ", "id", f->link);
	d = rfc3339_date(s->claim[v[0]].at, f);
	xml_elem(b, "  ", "updated", d);
	free(d);
	for (i = 0; i < n; i++) {
		c = &s->claim[v[i]];
		buf_adds(b, "  <entry>\n    <title type=\"html\">");
		xml_text(b, c->title);
		buf_adds(b, "</title>\n    <link href=\"");
		xml_text(b, c->url);
		buf_adds(b, "\" rel=\"alternate\"/>\n");
		xml_elem(b, "    ", "id", c->url);
		d = rfc3339_date(c->at, f);
		xml_elem(b, "    ", "published", d);
		xml_elem(b, "    ", "updated", d);
		free(d);
		buf_adds(b, "    <author>\n");
		xml_elem(b, "      ", "name", c->name != NULL ? c->name :
		    c->actor);
		buf_adds(b, "    </author>\n    <summary type=\"html\">");
		xml_text(b, c->text);
		buf_adds(b, "</summary>\n  </entry>\n");
	}
	buf_adds(b, "</feed>\n");
}

static int
write_feeds(const struct scenario *s, struct gen_out *out)
{
	size_t i, n, *v;
	struct buf b;
	char *path;
	int rc = 0;

	for (i = 0; i < s->nfeed && rc == 0; i++) {
		v = sorted_claims(s, CH_NEWS, 1, i, &n);
		if (n > 0) {
			buf_init(&b);
			if (s->feed[i].format == FEED_RSS)
				rss_feed(s, &s->feed[i], v, n, &b);
			else
				atom_feed(s, &s->feed[i], v, n, &b);
			path = xasprintf("news/%s.xml", s->feed[i].name);
			rc = out_add(out, path, &b, COMP_NONE);
			free(path);
			buf_free(&b);
		}
		free(v);
	}
	return rc;
}

static void
csv_field(struct buf *b, const char *v)
{
	if (strpbrk(v, ",\"\r\n") == NULL) {
		buf_adds(b, v);
		return;
	}
	buf_addc(b, '"');
	for (; *v != '\0'; v++) {
		if (*v == '"')
			buf_addc(b, '"');
		buf_addc(b, *v);
	}
	buf_addc(b, '"');
}

static int
write_csv(const struct scenario *s, struct gen_out *out)
{
	size_t n, i, *v = sorted_claims(s, CH_CSV, 0, 0, &n);
	const struct gen_claim *c;
	char t[40];
	struct buf b;
	int rc;

	if (n == 0) {
		free(v);
		return 0;
	}
	buf_init(&b);
	buf_adds(&b, "time,actor,text,url\r\n");
	for (i = 0; i < n; i++) {
		c = &s->claim[v[i]];
		buf_printf(&b, "%s,", fmt_time_utc(c->at, 0, t, sizeof(t)));
		csv_field(&b, c->actor);
		buf_addc(&b, ',');
		csv_field(&b, c->text);
		buf_addc(&b, ',');
		csv_field(&b, c->url != NULL ? c->url : "");
		buf_adds(&b, "\r\n");
	}
	free(v);
	rc = out_add(out, "claims/claims.csv", &b, COMP_NONE);
	buf_free(&b);
	return rc;
}

int
claims_generate(const struct scenario *s, struct gen_out *out, char **err)
{
	if (write_tweets(s, out) != 0 || write_feeds(s, out) != 0 ||
	    write_csv(s, out) != 0) {
		*err = xasprintf("%s: cannot write the claims", s->name);
		return -1;
	}
	return 0;
}
