/*
 * The prefix index against a brute-force scan with bo_prefix_covers, on
 * random prefixes clustered so that covering relations are frequent, and
 * on hand-worked cases (host bits, both families, /0).
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/event.h>

#include "correlate/pfxindex.h"

static struct bo_prefix
pf(const char *s)
{
	struct bo_prefix p;

	ck_assert_int_eq(bo_prefix_parse(s, &p), 0);
	return p;
}

START_TEST(test_hand)
{
	struct pfxindex *ix = pfxindex_new();
	struct bo_prefix q;

	pfxindex_add(ix, &(struct bo_prefix){ 0 }, 8);	/* no family: ignored */
	q = pf("175.45.176.0/22");
	pfxindex_add(ix, &q, 1);
	q = pf("175.45.0.0/16");
	pfxindex_add(ix, &q, 2);
	q = pf("2001:db8::/32");
	pfxindex_add(ix, &q, 4);
	q = pf("175.45.177.0/24");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 3);
	ck_assert_uint_eq(pfxindex_get(ix, &q), 0);
	q = pf("175.45.176.0/22");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 3);
	ck_assert_uint_eq(pfxindex_get(ix, &q), 1);
	q = pf("175.45.0.0/15");		/* less specific: not covered */
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 0);
	q = pf("175.44.0.0/24");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 0);
	q = pf("2001:db8:1::/48");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 4);
	q = pf("2001:db9::/48");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 0);
	/* an IPv4 /0 covers every IPv4 prefix and no IPv6 one */
	q = pf("0.0.0.0/0");
	pfxindex_add(ix, &q, 16);
	q = pf("9.9.9.0/24");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 16);
	q = pf("2001:db8::/64");
	ck_assert_uint_eq(pfxindex_covering(ix, &q), 4);
	pfxindex_free(ix);
}
END_TEST

static struct bo_prefix
rnd(unsigned *seed, int v6)
{
	struct bo_prefix p;
	unsigned len, i;

	memset(&p, 0, sizeof(p));
	p.afi = v6 ? BO_AFI_IPV6 : BO_AFI_IPV4;
	len = v6 ? 16 + (unsigned)rand_r(seed) % 49 :
	    8 + (unsigned)rand_r(seed) % 25;
	/* few distinct high bytes: many prefixes cover others */
	p.addr[0] = (uint8_t)(rand_r(seed) % 4);
	for (i = 1; i < 16; i++)
		p.addr[i] = (uint8_t)(rand_r(seed) % 3);
	p.len = (uint8_t)len;
	for (i = len; i < 128; i++)
		p.addr[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
	return p;
}

START_TEST(test_random)
{
	enum { N = 3000, Q = 20000 };
	struct bo_prefix *set = calloc(N, sizeof(*set));
	uint64_t *mask = calloc(N, sizeof(*mask));
	struct pfxindex *ix = pfxindex_new();
	unsigned seed = 13;
	size_t i, j, hits = 0;

	ck_assert_ptr_nonnull(set);
	ck_assert_ptr_nonnull(mask);
	for (i = 0; i < N; i++) {
		set[i] = rnd(&seed, (int)(i % 3 == 0));
		mask[i] = 1ULL << (rand_r(&seed) % 64);
		pfxindex_add(ix, &set[i], mask[i]);
	}
	for (i = 0; i < Q; i++) {
		struct bo_prefix q = rnd(&seed, (int)(i % 3 == 0));
		uint64_t want = 0, exact = 0;

		for (j = 0; j < N; j++) {
			if (bo_prefix_covers(&set[j], &q))
				want |= mask[j];
			if (bo_prefix_cmp(&set[j], &q) == 0)
				exact |= mask[j];
		}
		hits += want != 0;
		ck_assert_uint_eq(pfxindex_covering(ix, &q), want);
		ck_assert_uint_eq(pfxindex_get(ix, &q), exact);
	}
	/* the test means something only if covering is common */
	ck_assert_uint_gt(hits, Q / 10);
	pfxindex_free(ix);
	free(set);
	free(mask);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("pfxindex");
	TCase *tc = tcase_create("pfxindex");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_hand);
	tcase_add_test(tc, test_random);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
