/*
 * The MRT decoder on arbitrary bytes: framing and resynchronisation, every
 * record type, the bgpdump formatter (-m with large communities, -M) and
 * the event mapper with a filter, and as a scan does it (routes of given
 * origins only, records skipped by their bytes).  Seeds: tests/fuzz/seeds/mrt/ (small
 * hand-made records) and the real files listed in seeds/mrt.shared.
 * Run: ./configure CC=clang --enable-fuzzing && make fuzz-run
 * (FUZZ_SECONDS=60 by default), or tests/fuzz/fuzz_mrt CORPUS_DIR.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>

#include "decode/decoder.h"
#include "decode/mrt.h"
#include "render/bgpdump.h"
#include "decode/mrt_parse.h"
#include "input/input.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fz {
	struct mrt_fmt	 fmt;
	struct mrt_out	 out;
};

/* Output is kept in memory; drop it now and then so it cannot grow. */
static void
fz_trim(struct fz *f)
{
	if (f->out.len > 65536)
		f->out.len = 0;
}

static int
fz_rib(void *arg, const struct mrt_rib *r)
{
	struct fz *f = arg;

	fz_trim(f);
	return mrt_fmt_rib(&f->fmt, r);
}

static int
fz_msg(void *arg, const struct mrt_msg *m)
{
	struct fz *f = arg;

	fz_trim(f);
	return mrt_fmt_msg(&f->fmt, m);
}

static int
fz_state(void *arg, const struct mrt_state *s)
{
	struct fz *f = arg;

	fz_trim(f);
	return mrt_fmt_state(&f->fmt, s);
}

static void
fz_dump(const uint8_t *data, size_t size, int mode)
{
	struct bo_stream *s = bo_stream_mem_new(data, size);
	struct mrt_parser p;
	struct mrt_cb cb;
	struct fz f;

	mrt_out_init(&f.out, -1, 4096);
	mrt_fmt_init(&f.fmt, &f.out, mode);
	f.fmt.large = mode == MRT_FMT_M;
	f.fmt.tchange = mode != MRT_FMT_M;
	memset(&cb, 0, sizeof(cb));
	cb.rib = fz_rib;
	cb.msg = fz_msg;
	cb.state = fz_state;
	cb.arg = &f;
	mrt_parser_init(&p, &cb);
	(void)mrt_parse_stream(&p, s);
	mrt_parser_free(&p);
	mrt_fmt_free(&f.fmt);
	mrt_out_free(&f.out);
	bo_stream_mem_free(s);
}

static int
fz_event(void *arg, const struct bo_event *ev)
{
	size_t *n = arg;
	size_t i;

	/* every attribute must be a readable string */
	for (i = 0; i < ev->nattrs; i++)
		*n += strlen(ev->attrs[i].key) + strlen(ev->attrs[i].value);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bo_member m = { "fuzz", "", -1, INT64_MIN, "", 0 };
	struct bo_decode_ctx dc;
	struct bo_filter flt;
	struct bo_prefix pf;
	struct bo_stream *s;
	/* two- and four-byte ASes common in the seeds */
	static const uint32_t origins[] = { 3320, 4713, 131090, 23456 };
	size_t n = 0;

	fz_dump(data, size, MRT_FMT_M);
	fz_dump(data, size, MRT_FMT_MM);

	memset(&dc, 0, sizeof(dc));
	bo_filter_init(&flt);
	(void)bo_prefix_parse("10.0.0.0/8", &pf);
	flt.prefixes = &pf;
	flt.nprefixes = 1;
	flt.prefix_match = BO_MATCH_ANY;
	dc.diag = bo_diag_new(NULL, NULL);
	bo_diag_set_limit(dc.diag, 16);
	dc.sink.event = fz_event;
	dc.sink.arg = &n;
	dc.filter = (size & 1) ? &flt : NULL;
	dc.member = &m;
	dc.default_time_us = INT64_MIN;
	s = bo_stream_mem_new(data, size);
	(void)mrt_decode_stream(&dc, s, NULL);
	bo_stream_mem_free(s);

	dc.seq = dc.nevents = 0;
	dc.stop = 0;
	dc.routes_only = 1;
	dc.origins = origins;
	dc.norigins = BO_NELEM(origins);
	s = bo_stream_mem_new(data, size);
	(void)mrt_decode_stream(&dc, s, NULL);
	bo_stream_mem_free(s);
	bo_diag_free(dc.diag);
	return 0;
}
