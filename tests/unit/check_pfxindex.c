/*
 * The prefix index against a brute-force scan with bo_prefix_covers, on
 * random prefixes clustered so that covering relations are frequent, and
 * on hand-worked cases (host bits, both families, /0); the prefix to
 * index table and the ASN map against a linear search.
 */
#include "config.h"

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/event.h>

#include "correlate/pfxindex.h"
#include "util/keyvec.h"
#include "util/u32map.h"

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

struct each_arg {
	const struct bo_prefix	*set;
	const uint64_t		*mask;
	size_t			 n, calls, want;
	int			 last_len;
};

static bool
dup_before(const struct bo_prefix *set, size_t j)
{
	size_t i;

	for (i = 0; i < j; i++)
		if (bo_prefix_cmp(&set[i], &set[j]) == 0)
			return true;
	return false;
}

static void
each_one(void *arg, const struct bo_prefix *c, uint64_t m)
{
	struct each_arg *a = arg;
	uint64_t want = 0;
	size_t i;

	if (a->calls > 0)
		ck_assert_int_gt(c->len, a->last_len);
	a->last_len = c->len;
	a->calls++;
	for (i = 0; i < a->n; i++)
		if (bo_prefix_cmp(&a->set[i], c) == 0)
			want |= a->mask[i];
	ck_assert_uint_ne(want, 0);
	ck_assert_uint_eq(m, want);
}

START_TEST(test_random)
{
	enum { N = 3000, Q = 20000 };
	struct bo_prefix *set = calloc(N, sizeof(*set));
	uint64_t *mask = calloc(N, sizeof(*mask));
	struct pfxindex *ix = pfxindex_new();
	bool *first = calloc(N, sizeof(*first));
	struct each_arg ea;
	unsigned seed = 13;
	size_t i, j, hits = 0;

	ck_assert_ptr_nonnull(set);
	ck_assert_ptr_nonnull(mask);
	ck_assert_ptr_nonnull(first);
	for (i = 0; i < N; i++) {
		set[i] = rnd(&seed, (int)(i % 3 == 0));
		mask[i] = 1ULL << (rand_r(&seed) % 64);
		pfxindex_add(ix, &set[i], mask[i]);
		first[i] = !dup_before(set, i);
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
		/* each covering prefix is called once, shortest first, with
		 * the mask of exactly it (on a tenth of the queries: the
		 * check is slow) */
		if (i % 10 != 0)
			continue;
		memset(&ea, 0, sizeof(ea));
		ea.set = set;
		ea.mask = mask;
		ea.n = N;
		ck_assert_uint_eq(pfxindex_covering_each(ix, &q, each_one,
		    &ea), want);
		for (j = 0; j < N; j++)
			if (bo_prefix_covers(&set[j], &q) && first[j])
				ea.want++;
		ck_assert_uint_eq(ea.calls, ea.want);
	}
	/* the test means something only if covering is common */
	ck_assert_uint_gt(hits, Q / 10);
	pfxindex_free(ix);
	free(set);
	free(mask);
	free(first);
}
END_TEST

/* any prefix: rnd's clustered space holds too few distinct ones */
static struct bo_prefix
rnd_any(unsigned *seed, int v6)
{
	struct bo_prefix p;
	unsigned i;

	memset(&p, 0, sizeof(p));
	p.afi = v6 ? BO_AFI_IPV6 : BO_AFI_IPV4;
	p.len = (uint8_t)((unsigned)rand_r(seed) % (v6 ? 129 : 33));
	for (i = 0; i < (v6 ? 16u : 4u); i++)
		p.addr[i] = (uint8_t)rand_r(seed);
	for (i = p.len; i < 128; i++)
		p.addr[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
	return p;
}

struct recs {
	struct bo_prefix	*p;
	size_t			 n;
};

static const struct bo_prefix *
rec_pfx(const void *arg, size_t i)
{
	const struct recs *r = arg;

	return &r->p[i];
}

/* Records added one at a time (the table grows under them), then every
 * record and as many absent prefixes looked up. */
START_TEST(test_pfxtab)
{
	enum { N = 5000 };
	struct recs r = { calloc(N, sizeof(struct bo_prefix)), 0 };
	struct pfxtab t = { 0 };
	unsigned seed = 7;
	size_t i, j, absent = 0;

	ck_assert_ptr_nonnull(r.p);
	ck_assert_int_eq(pfxtab_find(&t, &r.p[0], rec_pfx, &r), -1);
	while (r.n < N) {
		struct bo_prefix q = rnd_any(&seed, (int)(r.n % 2));

		if (pfxtab_find(&t, &q, rec_pfx, &r) >= 0)
			continue;
		r.p[r.n] = q;
		pfxtab_put(&t, r.n, r.n + 1, rec_pfx, &r);
		r.n++;
	}
	for (i = 0; i < N; i++)
		ck_assert_int_eq(pfxtab_find(&t, &r.p[i], rec_pfx, &r),
		    (long)i);
	/* absent prefixes, and records cut shorter (present or not) */
	for (i = 0; i < 2 * N; i++) {
		struct bo_prefix q = rnd_any(&seed, (int)(i % 2));
		long want = -1;

		if (i % 2 == 0 && r.p[i / 2].len > 0) {
			unsigned b;

			q = r.p[i / 2];
			q.len--;
			b = q.len;
			q.addr[b / 8] &= (uint8_t)~(0x80 >> (b % 8));
		}

		for (j = 0; j < N && want < 0; j++)
			if (bo_prefix_cmp(&r.p[j], &q) == 0)
				want = (long)j;
		absent += want < 0;
		ck_assert_int_eq(pfxtab_find(&t, &q, rec_pfx, &r), want);
	}
	ck_assert_uint_gt(absent, N / 2);
	ck_assert_uint_lt(absent, 2 * N);
	pfxtab_free(&t);
	free(r.p);
}
END_TEST

START_TEST(test_u32map)
{
	enum { N = 20000 };
	uint32_t *keys = calloc(N, sizeof(*keys));
	struct u32map m = { 0 };
	unsigned seed = 3;
	size_t i, j, n = 0;

	ck_assert_ptr_nonnull(keys);
	ck_assert_int_eq(u32map_get(&m, 0), -1);
	/* keys in runs and scattered, 0 and UINT32_MAX among them */
	while (n < N) {
		uint32_t k = n == 0 ? 0 : n == 1 ? UINT32_MAX :
		    (n % 2) ? (uint32_t)rand_r(&seed) | 0x80000000u :
		    64512 + (uint32_t)n;

		if (u32map_get(&m, k) >= 0)
			continue;
		keys[n] = k;
		u32map_put(&m, k, n);
		n++;
	}
	for (i = 0; i < N; i++)
		ck_assert_int_eq(u32map_get(&m, keys[i]), (long)i);
	for (i = 0; i < 1000; i++) {
		uint32_t k = (uint32_t)rand_r(&seed) ^ 0x5a5a5a5a;
		long want = -1;

		for (j = 0; j < N && want < 0; j++)
			if (keys[j] == k)
				want = (long)j;
		ck_assert_int_eq(u32map_get(&m, k), want);
	}
	u32map_put(&m, keys[5], 42);		/* replaces */
	ck_assert_int_eq(u32map_get(&m, keys[5]), 42);
	u32map_free(&m);
	free(keys);
}
END_TEST

/* keyvec against a dense array: keys added in any order come back in key
 * order, each with its own payload, and absent keys are absent. */
struct kv_rec {
	uint32_t	 key;
	uint32_t	 val;
	uint64_t	 pad;
};

START_TEST(test_keyvec)
{
	enum { K = 3000 };
	static uint32_t dense[K];
	static const struct kv_rec init = { 0, 7, 0 };
	struct keyvec kv = { 0 };
	unsigned seed = 11;
	size_t i, n = 0;

	ck_assert_ptr_null(keyvec_find(&kv, sizeof(struct kv_rec), 0));
	memset(dense, 0, sizeof(dense));
	for (i = 0; i < 20000; i++) {
		/* descending, ascending and random keys, some repeated */
		uint32_t k = i < 500 ? (uint32_t)(K - 1 - i) : i < 1000 ?
		    (uint32_t)(i - 500) * 2 + 1 : (uint32_t)rand_r(&seed) % K;
		struct kv_rec *r = keyvec_get(&kv, sizeof(*r), k, &init);

		ck_assert_uint_eq(r->key, k);
		if (dense[k] == 0) {
			ck_assert_uint_eq(r->val, 7);
			n++;
		}
		r->val = (uint32_t)i + 100;
		dense[k] = (uint32_t)i + 100;
	}
	ck_assert_uint_eq(kv.n, n);
	for (i = 0; i < kv.n; i++) {
		const struct kv_rec *r = keyvec_at(&kv, sizeof(*r), i);

		if (i > 0)
			ck_assert_uint_lt(((const struct kv_rec *)keyvec_at(&kv,
			    sizeof(*r), i - 1))->key, r->key);
		ck_assert_uint_eq(r->val, dense[r->key]);
	}
	for (i = 0; i < K + 10; i++) {
		const struct kv_rec *r = keyvec_find(&kv, sizeof(*r),
		    (uint32_t)i);

		if (i < K && dense[i] != 0) {
			ck_assert_ptr_nonnull(r);
			ck_assert_uint_eq(r->val, dense[i]);
		} else
			ck_assert_ptr_null(r);
	}
	keyvec_free(&kv);
	ck_assert_uint_eq(kv.n, 0);
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
	tcase_add_test(tc, test_pfxtab);
	tcase_add_test(tc, test_u32map);
	tcase_add_test(tc, test_keyvec);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
