/* Unit tests for the rule engine: time formats, the literal prefilter,
 * templates, pattern limits and the decoders on small inputs. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"

static int64_t
tparse(enum rtfmt f, const char *strf, const char *s, int32_t zone,
    int64_t ref, enum bo_prec *prec)
{
	const char *err;
	int64_t us;

	if (rtime_parse(f, strf, s, strlen(s), zone, ref, &us, prec,
	    &err) != 0)
		return INT64_MIN;
	return us;
}

START_TEST(test_time_formats)
{
	enum bo_prec p;

	ck_assert_int_eq(tparse(RT_EPOCH, NULL, "1595037214.261953", 0,
	    INT64_MIN, &p), INT64_C(1595037214261953));
	ck_assert_int_eq(p, BO_PREC_US);
	ck_assert_int_eq(tparse(RT_EPOCH, NULL, "1419264900", 0, INT64_MIN,
	    &p), INT64_C(1419264900000000));
	ck_assert_int_eq(p, BO_PREC_S);
	ck_assert_int_eq(tparse(RT_EPOCH_MS, NULL, "1520690595660", 0,
	    INT64_MIN, &p), INT64_C(1520690595660000));
	ck_assert_int_eq(p, BO_PREC_MS);
	ck_assert_int_eq(tparse(RT_TWITTER, NULL,
	    "Mon Dec 22 20:15:00 +0000 2014", 0, INT64_MIN, &p),
	    INT64_C(1419279300000000));
	ck_assert_int_eq(tparse(RT_RFC2822, NULL,
	    "Mon, 22 Dec 2014 15:15:00 EST", 0, INT64_MIN, &p),
	    INT64_C(1419279300000000));
	/* no weekday, two-digit year, no seconds */
	ck_assert_int_eq(tparse(RT_RFC2822, NULL, "22 Dec 14 20:15 GMT", 0,
	    INT64_MIN, &p), INT64_C(1419279300000000));
	/* written without seconds: known to the minute, not the second */
	ck_assert_int_eq(p, BO_PREC_MIN);
	ck_assert_int_eq(tparse(RT_RFC2822, NULL,
	    "Wed, 10 Mar 2021 04:49 -0500", 0, INT64_MIN, &p),
	    INT64_C(1615369740000000));
	ck_assert_int_eq(p, BO_PREC_MIN);
	ck_assert_int_eq(tparse(RT_RFC2822, NULL,
	    "Mon, 22 Dec 2014 15:15:00 EST", 0, INT64_MIN, &p),
	    INT64_C(1419279300000000));
	ck_assert_int_eq(p, BO_PREC_S);
	/* a date alone: the day */
	ck_assert_int_eq(tparse(RT_RFC2822, NULL, "Mon, 22 Dec 2014", 0,
	    INT64_MIN, &p), INT64_C(1419206400000000));
	ck_assert_int_eq(p, BO_PREC_DAY);
	ck_assert_int_eq(tparse(RT_RFC3339, NULL, "2014-12-22T15:15:00-05:00",
	    0, INT64_MIN, &p), INT64_C(1419279300000000));
	ck_assert_int_eq(p, BO_PREC_S);
	ck_assert_int_eq(tparse(RT_RFC3339, NULL, "2021-05-18T19:24:56.000Z",
	    0, INT64_MIN, &p), INT64_C(1621365896000000));
	ck_assert_int_eq(p, BO_PREC_MS);
	/* a per-source default zone applies to times without one */
	ck_assert_int_eq(tparse(RT_RFC3339, NULL, "2014-12-23 05:15", 9 * 3600,
	    INT64_MIN, &p), INT64_C(1419279300000000));
	ck_assert_int_eq(p, BO_PREC_MIN);
	ck_assert_int_eq(tparse(RT_STRF, "%d/%b/%Y:%H:%M:%S %z",
	    "22/Dec/2014:20:15:00 +0000", 0, INT64_MIN, &p),
	    INT64_C(1419279300000000));
	ck_assert_int_eq(tparse(RT_STRF, "%Y-%m-%d %H:%M:%S.%f",
	    "2014-12-22 20:15:00.5", 0, INT64_MIN, &p),
	    INT64_C(1419279300500000));
	/* one fraction digit is tenths: coarser than ms, so s */
	ck_assert_int_eq(p, BO_PREC_S);
	/* garbage and trailing text are refused */
	ck_assert(tparse(RT_EPOCH, NULL, "yesterday", 0, INT64_MIN, &p) ==
	    INT64_MIN);
	ck_assert(tparse(RT_RFC3339, NULL, "2014-12-22T20:15:00Z x", 0,
	    INT64_MIN, &p) == INT64_MIN);
	ck_assert(tparse(RT_RFC3339, NULL, "2014-02-30T00:00:00Z", 0,
	    INT64_MIN, &p) == INT64_MIN);
	ck_assert(tparse(RT_TWITTER, NULL, "Mon Dec 22 20:15:00 2014", 0,
	    INT64_MIN, &p) == INT64_MIN);
}
END_TEST

START_TEST(test_syslog_year)
{
	enum bo_prec p;
	int64_t jan2 = INT64_C(1420156800000000);	/* 2015-01-02 */
	int64_t jun = INT64_C(1402000000000000);	/* 2014-06-05 */

	/* December lines in a file written in January: the year before */
	ck_assert_int_eq(tparse(RT_SYSLOG, NULL, "Dec 31 23:59:50", 0, jan2,
	    &p), INT64_C(1420070390000000));
	ck_assert_int_eq(tparse(RT_SYSLOG, NULL, "Jan  1 00:00:20", 0, jan2,
	    &p), INT64_C(1420070420000000));
	ck_assert_int_eq(tparse(RT_SYSLOG, NULL, "Mar  7 04:02:16", 0, jun,
	    &p), INT64_C(1394164936000000));
	ck_assert_int_eq(tparse(RT_SYSLOG, NULL, "Dec 22 16:15:00.123", 0,
	    jan2, &p), INT64_C(1419264900123000));
	ck_assert_int_eq(p, BO_PREC_MS);
	/* no year and no member time: refused, not guessed */
	ck_assert(tparse(RT_SYSLOG, NULL, "Dec 22 16:15:00", 0, INT64_MIN,
	    &p) == INT64_MIN);
}
END_TEST

START_TEST(test_strf_check)
{
	const char *err;

	ck_assert_int_eq(rtime_strf_check("%Y-%m-%dT%H:%M:%S%z", &err), 0);
	ck_assert_int_eq(rtime_strf_check("%Y-%q", &err), -1);
	ck_assert_int_eq(rtime_strf_check("%", &err), -1);
}
END_TEST

static const char *
lit_of(const char *re)
{
	static struct rpat p;
	char *err = NULL;
	size_t off;

	rpat_free(&p);
	ck_assert_int_eq(rpat_compile(&p, re, 1000, 100, 0, NULL, &err, &off),
	    0);
	return p.lit;
}

START_TEST(test_prefilter)
{
	ck_assert_str_eq(lit_of("(?:\\[\\d+\\] )?no answer yet for "
	    "icmp_seq=(?<seq>\\d+)"), "no answer yet for icmp_seq=");
	ck_assert_str_eq(lit_of("\\d+ bytes from (?<a>\\S+): icmp_seq"),
	    " bytes from ");
	/* anchored patterns fail at the first bytes: no scan needed */
	ck_assert_ptr_null(lit_of("^\\d+ bytes from (?<a>\\S+): icmp_seq"));
	/* an optional char is not required: "ab?cdef" needs "cdef" */
	ck_assert_str_eq(lit_of("xab?cdef"), "cdef");
	ck_assert_str_eq(lit_of("%BGP-5-ADJCHANGE: neighbor"),
	    "%BGP-5-ADJCHANGE: neighbor");
	/* alternation at the top, inline options, escapes with arguments:
	 * no prefilter rather than a wrong one */
	ck_assert_ptr_null(lit_of("foo bar|baz qux"));
	ck_assert_ptr_null(lit_of("(?i)tango down"));
	ck_assert_ptr_null(lit_of("abc\\x41def"));
	ck_assert_ptr_null(lit_of("ab"));
}
END_TEST

START_TEST(test_prefilter_never_wrong)
{
	/* whatever the literal, lines the regex matches must contain it */
	static const char *const res[] = { "a(b|c)d+efg", "x\\.y\\.zz?w",
	    "[abc]+def(gh)*ijk", "PING (?<n>\\S+) \\(", "q{2}rst" };
	static const char *const lines[] = { "abdddefg", "x.y.zw", "x.y.zzw",
	    "bbdefijk", "defghghijk", "PING a (", "qqrst" };
	size_t i, j;

	for (i = 0; i < BO_NELEM(res); i++) {
		struct rpat p;
		char *err = NULL;
		size_t off;
		const char *e;

		memset(&p, 0, sizeof(p));
		ck_assert_int_eq(rpat_compile(&p, res[i], 1000, 100, 0, NULL,
		    &err, &off), 0);
		for (j = 0; j < BO_NELEM(lines); j++) {
			int full;
			char *saved = p.lit;

			p.lit = NULL;
			full = rpat_match(&p, lines[j], strlen(lines[j]), &e);
			p.lit = saved;
			if (full == 1)
				ck_assert_int_eq(rpat_match(&p, lines[j],
				    strlen(lines[j]), &e), 1);
		}
		rpat_free(&p);
	}
}
END_TEST

START_TEST(test_match_limit)
{
	struct rpat p;
	char *err = NULL, line[4000];
	const char *e = NULL;
	size_t off;

	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(rpat_compile(&p, "^(a|aa)+$", 10000, 100, 0, NULL,
	    &err, &off), 0);
	memset(line, 'a', sizeof(line) - 2);
	line[sizeof(line) - 2] = 'b';
	line[sizeof(line) - 1] = '\0';
	ck_assert_int_eq(rpat_match(&p, line, strlen(line), &e), -1);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(rpat_match(&p, "aaaa", 4, &e), 1);
	rpat_free(&p);

	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(rpat_compile(&p, "a(b", 1000, 100, 0, NULL, &err,
	    &off), -1);
	ck_assert_uint_eq(off, 3);
	free(err);
	rpat_free(&p);
}
END_TEST

static int
test_var(void *arg, const char *name, size_t len, struct buf *out)
{
	(void)arg;
	if (len == 4 && memcmp(name, "host", 4) == 0) {
		buf_adds(out, "Example");
		return 1;
	}
	if (len == 5 && memcmp(name, "empty", 5) == 0)
		return 1;
	return 0;
}

START_TEST(test_templates)
{
	struct tmpl t;
	struct buf b;
	struct rmark m = { 1, 1 };
	char *err = NULL;

	buf_init(&b);
	ck_assert_int_eq(tmpl_compile(&t, "via ${host} and ${nope}", m, &err),
	    0);
	ck_assert_int_eq(tmpl_expand(&t, test_var, NULL, &b), 1);
	ck_assert_str_eq(b.data, "via Example and ");
	tmpl_free(&t);

	/* a lone variable without a value: no field at all */
	buf_reset(&b);
	ck_assert_int_eq(tmpl_compile(&t, "${nope}", m, &err), 0);
	ck_assert_int_eq(tmpl_expand(&t, test_var, NULL, &b), 0);
	tmpl_free(&t);
	/* alternatives skip absent and empty values; :lower */
	buf_reset(&b);
	ck_assert_int_eq(tmpl_compile(&t, "${nope|empty|host:lower}", m,
	    &err), 0);
	ck_assert_int_eq(tmpl_expand(&t, test_var, NULL, &b), 1);
	ck_assert_str_eq(b.data, "example");
	tmpl_free(&t);

	ck_assert_int_eq(tmpl_compile(&t, "${unclosed", m, &err), -1);
	free(err);
	tmpl_free(&t);
	buf_free(&b);
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_time_formats);
	tcase_add_test(tc, test_syslog_year);
	tcase_add_test(tc, test_strf_check);
	tcase_add_test(tc, test_prefilter);
	tcase_add_test(tc, test_prefilter_never_wrong);
	tcase_add_test(tc, test_match_limit);
	tcase_add_test(tc, test_templates);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
