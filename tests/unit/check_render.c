/*
 * Renderers: golden Markdown and HTML for the December 2014 fixture,
 * escaping of hostile evidence text, well-formed XML, deterministic bytes,
 * time zones, and timelines with nothing or nonsense in them.
 *
 * BO_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
 */
#include "config.h"

#include <check.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/render_fmt.h"
#include "render_fixture.h"
#include "util/util.h"

typedef int (*render_fn)(FILE *, const struct bo_timeline *,
    const struct bo_render_opts *);

static char *
render(render_fn fn, const struct bo_timeline *tl, const char *tz,
    size_t *len)
{
	struct bo_render_opts o;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	ck_assert_ptr_nonnull(f);
	memset(&o, 0, sizeof(o));
	o.tz = tz;
	ck_assert_int_eq(fn(f, tl, &o), 0);
	ck_assert_int_eq(fclose(f), 0);
	if (len != NULL)
		*len = n;
	return out;
}

static char *
golden_path(const char *name)
{
	const char *top = getenv("top_srcdir");

	return xasprintf("%s/tests/golden/%s", top != NULL ? top : ".", name);
}

static char *
slurp(const char *path, size_t *len)
{
	struct buf b;
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

static void
check_golden(const char *name, const char *out, size_t len)
{
	char *path = golden_path(name), *want;
	size_t wlen = 0, i;
	const char *up = getenv("BO_UPDATE_GOLDEN");
	FILE *f;

	if (up != NULL && up[0] == '1') {
		f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(out, 1, len, f), len);
		ck_assert_int_eq(fclose(f), 0);
		free(path);
		return;
	}
	want = slurp(path, &wlen);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	for (i = 0; i < len && i < wlen && out[i] == want[i]; i++)
		;
	ck_assert_msg(i == len && i == wlen, "%s differs at byte %zu "
	    "(got %zu bytes, want %zu); rerun with BO_UPDATE_GOLDEN=1 after "
	    "checking the change", path, i, len, wlen);
	free(want);
	free(path);
}

static void
golden(render_fn fn, const char *name)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	size_t len;
	char *out = render(fn, tl, NULL, &len);

	check_golden(name, out, len);
	free(out);
	bo_timeline_free(tl);
}

START_TEST(golden_markdown)
{
	golden(bo_render_markdown, "nk-2014-fixture.md");
}
END_TEST

START_TEST(golden_html)
{
	golden(bo_render_html, "nk-2014-fixture.html");
}
END_TEST

/* The caller's TZ must not leak into the output, nor be lost. */
START_TEST(same_bytes_whatever_tz)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	size_t l1, l2;
	char *a, *b;

	setenv("TZ", "America/New_York", 1);
	a = render(bo_render_html, tl, NULL, &l1);
	ck_assert_str_eq(getenv("TZ"), "America/New_York");
	unsetenv("TZ");
	b = render(bo_render_html, tl, NULL, &l2);
	ck_assert_ptr_null(getenv("TZ"));
	ck_assert_uint_eq(l1, l2);
	ck_assert(memcmp(a, b, l1) == 0);
	free(a);
	free(b);
	bo_timeline_free(tl);
}
END_TEST

static int
valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;
	uint32_t cp;

	while (n > 0) {
		k = rtext_next(p, n, &cp);
		/* A replacement coming from anything but its own 3 bytes
		 * means bad input got through. */
		if (cp == 0xfffd && !(k == 3 && memcmp(p, "\xef\xbf\xbd", 3) ==
		    0))
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

START_TEST(html_escapes_evidence)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	size_t len;
	char *out = render(bo_render_html, tl, NULL, &len);

	ck_assert_ptr_null(strstr(out, "<b>lol"));
	ck_assert_ptr_nonnull(strstr(out, "&lt;b&gt;lol&lt;/b&gt; &amp; "
	    "&quot;gg&quot;"));
	/* Not a web address: shown as text, never a link. */
	ck_assert_ptr_null(strstr(out, "href=\"javascript"));
	ck_assert_ptr_nonnull(strstr(out, "(javascript:alert(1))"));
	ck_assert_ptr_null(memchr(out, '\x01', len));
	ck_assert(valid_utf8(out, len));
	ck_assert_ptr_nonnull(strstr(out, "\xef\xbf\xbd\xef\xbf\xbd bad"
	    "\xef\xbf\xbd" "bytes \xef\xbf\xbd"));
	/* Five bad characters in C6's text, shown twice (timeline and
	 * claims table): said, not lost silently. */
	ck_assert_ptr_nonnull(strstr(out, " 10 characters of evidence text "
	    "(invalid UTF-8 or control characters) are shown as"));
	free(out);
	bo_timeline_free(tl);
}
END_TEST

START_TEST(markdown_escapes_evidence)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	size_t len;
	char *out = render(bo_render_markdown, tl, NULL, &len);
	const char *line;

	ck_assert_ptr_null(strstr(out, "<b>"));
	line = strstr(out, "= North Korea off button \\| \\#offline \\<b\\>lol"
	    "\\</b\\> \\& \"gg\" \\`rm -rf\\` \\[link\\](javascript:alert(1))");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_null(strstr(out, "](<javascript"));
	ck_assert_ptr_nonnull(strstr(out, "[Tom's Guide](<https://www."
	    "tomsguide.com/"));
	ck_assert_ptr_nonnull(strstr(out, " 10 characters of evidence text "));
	ck_assert(valid_utf8(out, len));
	free(out);
	bo_timeline_free(tl);
}
END_TEST

/* Every table row has as many cells as its header: an unescaped '|'
 * in evidence would add one. */
START_TEST(markdown_tables_keep_their_columns)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	char *out = render(bo_render_markdown, tl, NULL, NULL), *p, *nl;
	int want = -1, cells, rows = 0;

	for (p = out; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		if (*p != '|') {
			want = -1;
			continue;
		}
		cells = 0;
		for (char *q = p; q < nl; q++)
			if (*q == '|' && (q == p || q[-1] != '\\'))
				cells++;
		if (want < 0)
			want = cells;
		ck_assert_msg(cells == want, "row with %d separators, header "
		    "%d: %.*s", cells, want, (int)(nl - p), p);
		rows++;
	}
	ck_assert_int_gt(rows, 40);
	free(out);
	bo_timeline_free(tl);
}
END_TEST

static int
xml_ok(const char *s, size_t n, char *err, size_t errlen)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	int ok = XML_Parse(p, s, (int)n, 1) == XML_STATUS_OK;

	if (!ok)
		snprintf(err, errlen, "line %lu: %s",
		    (unsigned long)XML_GetCurrentLineNumber(p),
		    XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	return ok;
}

START_TEST(html_and_svg_are_wellformed_xml)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	size_t len;
	char *out = render(bo_render_html, tl, NULL, &len), *a, *z;
	char err[256] = "";

	ck_assert_msg(xml_ok(out, len, err, sizeof(err)), "html: %s", err);
	a = strstr(out, "<svg ");
	z = strstr(out, "</svg>");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(z);
	ck_assert_msg(xml_ok(a, (size_t)(z - a) + 6, err, sizeof(err)),
	    "svg: %s", err);
	/* Every claim has its marker label. */
	ck_assert_ptr_nonnull(strstr(a, "C1 19 Dec</text>"));
	ck_assert_ptr_nonnull(strstr(a, ">C9 27 Dec"));
	ck_assert_ptr_nonnull(strstr(a, ">C5</text>"));
	free(out);
	bo_timeline_free(tl);
}
END_TEST

START_TEST(svg_document_and_markdown_image)
{
	struct bo_timeline *tl = render_fixture_nk2014();
	struct bo_render_opts o;
	char *out = NULL, err[256] = "";
	size_t len = 0;
	FILE *f;

	out = render(bo_render_svg, tl, NULL, &len);
	ck_assert(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"", 77) == 0);
	ck_assert_msg(xml_ok(out, len, err, sizeof(err)), "svg: %s", err);
	free(out);

	memset(&o, 0, sizeof(o));
	o.chart_file = "nk 2014 (chart).svg";
	out = NULL;
	f = open_memstream(&out, &len);
	ck_assert_int_eq(bo_render_markdown(f, tl, &o), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "\n![Visibility and reachability "
	    "over time, with incidents, coverage gaps and claims](<nk 2014 "
	    "(chart).svg>)\n"));
	free(out);
	/* A name that would break out of the link is left out. */
	o.chart_file = "x>y.svg";
	out = NULL;
	f = open_memstream(&out, &len);
	ck_assert_int_eq(bo_render_markdown(f, tl, &o), 0);
	fclose(f);
	ck_assert_ptr_null(strstr(out, "!["));
	free(out);
	bo_timeline_free(tl);
}
END_TEST

START_TEST(local_time)
{
	struct rtz z;
	char buf[RFMT_TIME_LEN];
	int64_t onset = (days_from_civil(2014, 12, 22) * 86400 + 16 * 3600 +
	    15 * 60) * 1000000LL;
	int64_t later = days_from_civil(2016, 1, 1) * 86400 * 1000000LL;

	if (!tz_known("Asia/Pyongyang"))
		return;	/* no time zone database on this system */
	rtz_begin(&z, "Asia/Pyongyang");
	ck_assert(z.active);
	ck_assert_str_eq(rfmt_local(&z, onset, BO_PREC_S, buf, sizeof(buf)),
	    "2014-12-23 01:15:00 +09:00");
	/* Pyongyang Time, UTC+8:30, from August 2015. */
	ck_assert_str_eq(rfmt_local(&z, later, BO_PREC_MIN, buf, sizeof(buf)),
	    "2016-01-01 08:30 +08:30");
	rtz_end(&z);
	ck_assert_str_eq(rfmt_utc(onset, BO_PREC_MIN, buf, sizeof(buf)),
	    "2014-12-22 16:15");
	ck_assert_str_eq(rfmt_utc(onset, BO_PREC_DAY, buf, sizeof(buf)),
	    "2014-12-22");
	ck_assert_str_eq(rfmt_utc(onset + 5, BO_PREC_US, buf, sizeof(buf)),
	    "2014-12-22 16:15:00.000005");
	ck_assert_str_eq(rfmt_utc(-1, BO_PREC_S, buf, sizeof(buf)),
	    "1969-12-31 23:59:59");
}
END_TEST

START_TEST(unknown_zones_are_refused)
{
	struct rtz z;

	ck_assert(!tz_known("Not/AZone"));
	ck_assert(!tz_known("../../etc/passwd"));
	ck_assert(!tz_known("/etc/localtime"));
	ck_assert(!tz_known(""));
	ck_assert(!tz_known(NULL));
	rtz_begin(&z, "Not/AZone");
	ck_assert(!z.active);
	rtz_end(&z);
}
END_TEST

START_TEST(numbers_and_durations)
{
	struct buf b;
	char d[RFMT_TIME_LEN];

	buf_init(&b);
	rfmt_fixed(&b, 0.05, 1);
	buf_addc(&b, ' ');
	rfmt_fixed(&b, -1.25, 1);
	buf_addc(&b, ' ');
	rfmt_fixed(&b, 0.0 / 0.0, 2);
	buf_addc(&b, ' ');
	rfmt_fixed(&b, 1234.5678, 3);
	ck_assert_str_eq(b.data, "0.1 -1.3 0.00 1234.568");
	buf_reset(&b);
	rfmt_share(&b, 3, 4);
	ck_assert_str_eq(b.data, "3 of 4 (75%)");
	buf_free(&b);
	ck_assert_str_eq(fmt_duration(34260, d, sizeof(d)), "9 h 31 min");
	ck_assert_str_eq(fmt_duration(1860, d, sizeof(d)), "31 min");
	ck_assert_str_eq(fmt_duration(45, d, sizeof(d)), "45 s");
	ck_assert_str_eq(fmt_duration(2 * 86400 + 4 * 3600 + 5 * 60, d,
	    sizeof(d)), "2 d 4 h 5 min");
	/* one formatter for every output: 11 h 2 min, never 11 h 02 min */
	ck_assert_str_eq(fmt_duration(11 * 3600 + 120, d, sizeof(d)),
	    "11 h 2 min");
	ck_assert_str_eq(fmt_duration(-1860, d, sizeof(d)), "31 min");
	ck_assert(tz_known("UTC"));
	ck_assert_str_eq(rfmt_lag(-(3 * 86400 + 16 * 3600 + 15 * 60), d,
	    sizeof(d)), "-3 d 16 h 15 min");
	ck_assert_str_eq(rfmt_lag(0, d, sizeof(d)), "0 min");
}
END_TEST

START_TEST(utf8_cleaning)
{
	static const struct {
		const char	*in;
		size_t		 len;
		uint32_t	 cp;
	} cases[] = {
		{ "A", 1, 'A' },
		{ "\xc3\xa9", 2, 0xe9 },
		{ "\xe2\x86\x92", 3, 0x2192 },
		{ "\xf0\x9f\x98\x80", 4, 0x1f600 },
		{ "\xc0\xaf", 2, 0xfffd },		/* overlong '/' */
		{ "\xed\xa0\x80", 3, 0xfffd },		/* surrogate */
		{ "\xe2\x82", 1, 0xfffd },		/* truncated */
		{ "\xff", 1, 0xfffd },
		{ "\x01", 1, 0xfffd },			/* C0 control */
		{ "\xc2\x85", 2, 0xfffd },		/* C1 control */
		{ "\xef\xbf\xbe", 3, 0xfffd },		/* noncharacter */
		{ "\xf4\x90\x80\x80", 4, 0xfffd },	/* past U+10FFFF */
	};
	size_t i, k;
	uint32_t cp;

	for (i = 0; i < BO_NELEM(cases); i++) {
		k = rtext_next((const unsigned char *)cases[i].in,
		    strlen(cases[i].in), &cp);
		ck_assert_msg(cp == cases[i].cp && k == cases[i].len,
		    "case %zu: got U+%04X/%zu", i, (unsigned)cp, k);
	}
}
END_TEST

/* An empty timeline and one full of odd values: no crash, well-formed. */
START_TEST(odd_timelines)
{
	struct bo_timeline *tl = xcalloc(1, sizeof(*tl));
	struct bo_series *s;
	size_t len;
	char *out, err[256] = "";

	out = render(bo_render_html, tl, "Not/AZone", &len);
	ck_assert_msg(xml_ok(out, len, err, sizeof(err)), "empty: %s", err);
	ck_assert_ptr_nonnull(strstr(out, "No incident was found"));
	free(out);
	free(render(bo_render_markdown, tl, NULL, NULL));

	tl->nseries = 1;
	tl->series = xcalloc(1, sizeof(*tl->series));
	s = &tl->series[0];
	s->name = xstrdup("odd <series> & \"name\"");
	s->npoints = 3;
	s->points = xcalloc(3, sizeof(*s->points));
	s->points[0].time_us = 1000;
	s->points[0].value = 0.0 / 0.0;
	s->points[1].time_us = 1000;
	s->points[1].value = 1e300;
	s->points[2].time_us = -5000000000000LL;
	s->points[2].value = -3;
	tl->nincidents = 1;
	tl->incidents = xcalloc(1, sizeof(*tl->incidents));
	tl->incidents[0].onset_us = 2000;
	tl->nclaims = 1;
	tl->claims = xcalloc(1, sizeof(*tl->claims));
	tl->claims[0].time_us = INT64_MAX / 2;
	tl->claims[0].prec = BO_PREC_DAY;
	tl->claims[0].incident = 7;	/* out of range */
	tl->claims[0].relation = (enum bo_relation)99;
	out = render(bo_render_html, tl, NULL, &len);
	ck_assert_msg(xml_ok(out, len, err, sizeof(err)), "odd: %s", err);
	free(out);
	free(render(bo_render_markdown, tl, NULL, NULL));
	bo_timeline_free(tl);
}
END_TEST

static Suite *
render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, golden_markdown);
	tcase_add_test(tc, golden_html);
	tcase_add_test(tc, same_bytes_whatever_tz);
	tcase_add_test(tc, html_escapes_evidence);
	tcase_add_test(tc, markdown_escapes_evidence);
	tcase_add_test(tc, markdown_tables_keep_their_columns);
	tcase_add_test(tc, html_and_svg_are_wellformed_xml);
	tcase_add_test(tc, svg_document_and_markdown_image);
	tcase_add_test(tc, local_time);
	tcase_add_test(tc, unknown_zones_are_refused);
	tcase_add_test(tc, numbers_and_durations);
	tcase_add_test(tc, utf8_cleaning);
	tcase_add_test(tc, odd_timelines);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(render_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
