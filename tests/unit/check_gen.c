/* Unit tests for bo-gen's bounded builder, MRT writer and PRNG: a record
 * that does not fit is refused whole, and what is written has the lengths
 * RFC 6396 and RFC 4271 require. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoder.h"
#include "util/cursor.h"
#include "util/util.h"
#include "../gen/gen.h"
#include "../gen/mrtw.h"

START_TEST(test_wbuf_bounds)
{
	uint8_t mem[8];
	struct wbuf w;

	wb_init(&w, mem, sizeof(mem));
	wb_u32(&w, 0x01020304);
	wb_u16(&w, 0x0506);
	wb_u16(&w, 0x0708);
	ck_assert(wb_ok(&w));
	ck_assert_uint_eq(w.len, 8);
	ck_assert_uint_eq(mem[7], 0x08);
	/* one byte more does not fit: refused, nothing written */
	wb_u8(&w, 0xff);
	ck_assert(!wb_ok(&w));
	ck_assert_uint_eq(w.len, 8);
	/* patches must lie inside what was written */
	wb_init(&w, mem, sizeof(mem));
	wb_u16(&w, 0);
	wb_patch_u16(&w, 0, 0xbeef);
	ck_assert(wb_ok(&w));
	ck_assert_uint_eq(mem[0], 0xbe);
	wb_patch_u32(&w, 0, 1);
	ck_assert(!wb_ok(&w));
}
END_TEST

static const struct mrtw_session sess = { 1, 3333, 12654, 0xc1000038,
    0xc100041c };

START_TEST(test_update_lengths)
{
	static const uint32_t path[] = { 3333, 1299, 4837, 131279 };
	struct gen_prefix p[4] = {
	    { .addr = 0xaf2db000, .len = 24 }, { .addr = 0xaf2db100, .len = 24 },
	    { .addr = 0xaf2db200, .len = 24 }, { .addr = 0xaf2db300, .len = 24 } };
	struct mrtw_attrs a = { path, 4, 2, 0xc1000038 };
	struct cursor c;
	struct buf b;
	uint32_t ts, len, us;
	uint16_t type, sub, mlen;

	buf_init(&b);
	ck_assert_int_eq(mrtw_update(&b, &sess, 1419264915266325LL, &a, p, 4),
	    0);
	ck_assert_int_eq(bo_sniff_bytes((const uint8_t *)b.data, b.len),
	    BO_SNIFF_MRT);
	cur_init(&c, b.data, b.len, 0);
	ck_assert_int_eq(cur_u32(&c, &ts), 0);
	ck_assert_int_eq(cur_u16(&c, &type), 0);
	ck_assert_int_eq(cur_u16(&c, &sub), 0);
	ck_assert_int_eq(cur_u32(&c, &len), 0);
	ck_assert_int_eq(cur_u32(&c, &us), 0);
	ck_assert_uint_eq(ts, 1419264915);
	ck_assert_uint_eq(us, 266325);
	ck_assert_uint_eq(type, MRT_BGP4MP_ET);
	ck_assert_uint_eq(sub, MRT_BGP4MP_MESSAGE_AS4);
	/* the ET microseconds count in the length */
	ck_assert_uint_eq(len, b.len - 12);
	/* peer AS, local AS, ifindex, AFI, peer IP, local IP, marker */
	ck_assert_int_eq(cur_skip(&c, 4 + 4 + 2 + 2 + 4 + 4 + 16), 0);
	ck_assert_int_eq(cur_u16(&c, &mlen), 0);
	ck_assert_uint_eq(mlen, b.len - 12 - 4 - 20 - 16 + 16);
	/* ORIGIN 4 + AS_PATH 3+2+16 + NEXT_HOP 7 attributes, 4 x 4 NLRI */
	ck_assert_uint_eq(mlen, 19 + 2 + 2 + 4 + 21 + 7 + 16);
	buf_free(&b);
}
END_TEST

START_TEST(test_refuses_oversize)
{
	static uint32_t path[255];
	struct gen_prefix p[MRTW_MAX_NLRI + 1];
	struct mrtw_rib_entry e[200];
	struct mrtw_attrs a = { path, 255, 0, 1 };
	struct buf b;
	size_t i;

	for (i = 0; i < BO_NELEM(p); i++) {
		p[i].addr = (uint32_t)(0x0a000000 + (i << 8));
		p[i].len = 24;
	}
	for (i = 0; i < BO_NELEM(e); i++) {
		e[i].peer = (uint16_t)i;
		e[i].originated = 1;
		e[i].a = a;
	}
	buf_init(&b);
	ck_assert_int_eq(mrtw_update(&b, &sess, 0, &a, p, 0), -1);
	ck_assert_int_eq(mrtw_update(&b, &sess, 0, NULL, p, BO_NELEM(p)), -1);
	/* 200 entries of 1 kB: over the record buffer (a BGP message cannot
	 * pass 4096 bytes: MRTW_MAX_NLRI and the 255-AS cap keep it under) */
	ck_assert_int_eq(mrtw_rib(&b, 0, 0, &p[0], e, BO_NELEM(e)), -1);
	/* nothing of the refused records reached the output */
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(mrtw_update(&b, &sess, 0, NULL, p, MRTW_MAX_NLRI), 0);
	ck_assert_uint_gt(b.len, 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_prng_streams)
{
	struct prng a, b, c;
	int i, same = 0;

	prng_seed(&a, 42, "x");
	prng_seed(&b, 42, "x");
	prng_seed(&c, 42, "y");
	for (i = 0; i < 100; i++) {
		uint64_t va = prng_next(&a), vc = prng_next(&c);

		ck_assert_uint_eq(va, prng_next(&b));
		same += va == vc;
	}
	for (i = 0; i < 1000; i++) {
		ck_assert_uint_lt(prng_below(&a, 7), 7);
		ck_assert(prng_unit(&a) < 1.0);
		ck_assert_int_le(prng_range(&a, -3, 3), 3);
	}
	ck_assert_int_eq(same, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("gen");
	TCase *tc = tcase_create("gen");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_wbuf_bounds);
	tcase_add_test(tc, test_update_lengths);
	tcase_add_test(tc, test_refuses_oversize);
	tcase_add_test(tc, test_prng_streams);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
