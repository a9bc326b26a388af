/*
 * Shared by the rule decoders' fuzz targets: loads the shipped rules once
 * (from the source tree, or $BLACKOUT_RULES), then runs one input through
 * routing (sniff and bid) and the chosen rule's decoder, falling back to
 * a fixed rule so every input reaches the decoder under test.
 */
#ifndef RULES_FUZZ_H
#define RULES_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoder.h"
#include "input/input.h"
#include "rules/rules.h"

static struct bo_rules	*fuzz_rules;
static struct bo_diag	*fuzz_diag;

static int
fuzz_sink(void *arg, const struct bo_event *ev)
{
	(void)arg;
	/* every event must be a complete one */
	if (ev->kind == NULL || ev->prov.member == NULL)
		abort();
	return 0;
}

static void
fuzz_run(const uint8_t *data, size_t size, const char *path,
    const char *fallback_id)
{
	struct bo_decode_ctx dc;
	struct bo_member m;
	struct bo_sniff sn;
	struct bo_stream *s;
	struct bo_limits lim;
	const char *dir;
	size_t i;

	if (fuzz_rules == NULL) {
		dir = getenv("BLACKOUT_RULES");
		fuzz_diag = bo_diag_new(NULL, NULL);
		bo_diag_set_limit(fuzz_diag, 0);
		fuzz_rules = bo_rules_new(fuzz_diag);
		if (bo_rules_load(fuzz_rules, dir != NULL ? dir :
		    BO_SRCDIR "/rules") != 0 || bo_rules_count(fuzz_rules) == 0)
			abort();
	}
	memset(&m, 0, sizeof(m));
	m.input = "fuzz";
	m.path = path;
	m.size = (int64_t)size;
	m.mtime = 1419264900;
	m.compression = "";
	memset(&lim, 0, sizeof(lim));
	memset(&dc, 0, sizeof(dc));
	dc.diag = fuzz_diag;
	dc.sink.event = fuzz_sink;
	dc.limits = &lim;
	dc.member = &m;
	dc.rules = fuzz_rules;
	dc.default_time_us = INT64_MIN;
	memset(&sn, 0, sizeof(sn));
	sn.head = data;
	sn.len = size < 4096 ? size : 4096;
	sn.type = bo_sniff_bytes(sn.head, sn.len);
	sn.member = &m;
	if (bo_decoder_rules.bid(&dc, &sn) == 0 || dc.rule == NULL)
		for (i = 0; i < bo_rules_count(fuzz_rules); i++)
			if (strcmp(bo_rule_id(bo_rules_at(fuzz_rules, i)),
			    fallback_id) == 0)
				dc.rule = bo_rules_at(fuzz_rules, i);
	if (dc.rule == NULL)
		abort();
	s = bo_stream_mem_new(data, size);
	(void)bo_decoder_rules.decode(&dc, s);
	bo_stream_mem_free(s);
}

#endif
