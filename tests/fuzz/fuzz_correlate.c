/*
 * Case files (YAML through libyaml, then our own validation) and the
 * correlator itself.  The first byte picks the target: even, the bytes
 * are a case file; odd, they are a program of events (announce, withdraw,
 * session changes, probes, claims at fuzzed times, peers and prefixes)
 * run through the correlator and rendered, which must never crash, hang
 * or leak whatever order or nonsense it is fed.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/correlate.h>

#include "correlate/corr.h"
#include "render/render.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_case(const uint8_t *data, size_t size)
{
	struct bo_case *c = bo_case_new();
	FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");

	if (f != NULL) {
		(void)case_load_file(c, f, "fuzz/case.yaml", NULL);
		fclose(f);
	}
	bo_case_free(c);
}

static const char *const kinds[] = {
	"bgp.rib", "bgp.announce", "bgp.withdraw", "bgp.state", "probe.reply",
	"probe.loss", "claim.credit", "report.news", "router.session_down",
	"probe.host_down", "monitor.outage", "probe.hop"
};
/* what each kind means, as a decoder or rule would say */
static const enum bo_role roles[] = {
	BO_ROLE_ROUTE, BO_ROLE_ROUTE, BO_ROLE_ROUTE, BO_ROLE_SESSION,
	BO_ROLE_REACHABILITY, BO_ROLE_REACHABILITY, BO_ROLE_CLAIM,
	BO_ROLE_REPORT, BO_ROLE_SESSION, BO_ROLE_HOST_STATE,
	BO_ROLE_OUTAGE_SIGNAL, BO_ROLE_REACHABILITY
};
static const char *const ops[] = { "rib", "announce", "withdraw" };

static void
fuzz_events(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "1 4837 131279", "2 9002 131279",
	    "{3,4} 131279", "" };
	struct bo_case *c = bo_case_new();
	struct bo_timeline *tl;
	struct corr *k;
	struct bo_sink sink;
	int64_t t = 1419206400LL * 1000000;
	FILE *null;
	size_t i;

	(void)bo_case_add_target(c, "AS131279");
	(void)bo_case_add_target(c, "175.45.176.0/22");
	if (size > 0 && data[0] & 2)
		(void)bo_case_set_param(c, "min_peers", "1");
	k = corr_new(c);
	sink = corr_sink(k);
	for (i = 0; i + 6 <= size; i += 6) {
		const uint8_t *r = data + i;
		struct bo_event ev;
		struct bo_attr a[4];
		char peer[32], pfx[32], host[32];
		size_t ki;

		memset(&ev, 0, sizeof(ev));
		/* time moves forward by up to ~18 h, as the stream is sorted */
		t += (int64_t)(r[1] << 8 | r[2]) * 1000000;
		ev.time_us = t;
		ev.prec = (enum bo_prec)(r[3] % BO_PREC__COUNT);
		ki = r[0] % BO_NELEM(kinds);
		ev.kind = kinds[ki];
		ev.role = roles[ki];
		ev.cls = ki == 6 ? BO_CLASS_CLAIM : ki == 7 ? BO_CLASS_REPORT :
		    BO_CLASS_SIGNAL;
		ev.src = ki < 4 ? BO_SRC_BGP : ev.kind[0] == 'p' ?
		    BO_SRC_PROBE : ev.kind[0] == 'r' && ev.kind[1] == 'o' ?
		    BO_SRC_ROUTER : BO_SRC_SOCIAL;
		ev.collector = (r[4] & 1) ? "rrc00" : "route-views2";
		snprintf(peer, sizeof(peer), "192.0.2.%u", r[4] >> 4);
		ev.peer = peer;
		ev.peer_as = r[4] >> 4;
		snprintf(pfx, sizeof(pfx), "175.45.%u.0/%u", 170 + (r[5] & 15),
		    20 + (r[5] >> 4) % 9);
		(void)bo_prefix_parse(pfx, &ev.prefix);
		ev.asn = (r[3] & 0x80) ? 131279 : 64500;
		snprintf(host, sizeof(host), "175.45.176.%u", r[5]);
		ev.host = host;
		ev.target = (r[3] & 0x40) ? "AS131279" : "North Korea";
		ev.country = (r[3] & 0x10) ? "KP" : NULL;
		ev.text = "fuzz";
		ev.actor = "actor";
		a[0].key = ev.role == BO_ROLE_SESSION ? "new_state" :
		    "as_path";
		a[0].value = ev.role == BO_ROLE_SESSION ?
		    ((r[3] & 0x20) ? "Established" : "Idle") :
		    paths[r[3] & 3];
		a[1].key = ki < 3 ? "op" : ev.role == BO_ROLE_REACHABILITY ?
		    "reached" : ev.role == BO_ROLE_HOST_STATE ? "up" : "down";
		a[1].value = ki < 3 ? ops[ki] : (r[3] & 0x20) ? "true" :
		    "false";
		a[2].key = ki == 11 ? "responder" : "open";
		a[2].value = ki == 11 ? host : (r[3] & 0x08) ? "true" : "false";
		a[3].key = "end";
		a[3].value = (r[3] & 0x04) ? "2014-12-22T18:00:00Z" : "junk";
		ev.attrs = a;
		ev.nattrs = 4;
		ev.prov.input = "fuzz";
		ev.prov.member = (r[5] & 0x80) ? "rrc00/bview.20141222.0000.gz" :
		    "rrc00/updates.20141222.0015.gz";
		ev.prov.offset = i;
		(void)sink.event(sink.arg, &ev);
	}
	tl = corr_finish(k);
	null = fopen("/dev/null", "w");
	if (null != NULL) {
		struct bo_render_opts o;

		memset(&o, 0, sizeof(o));
		(void)bo_render_json(null, tl, &o);
		(void)bo_render_text(null, tl, &o);
		fclose(null);
	}
	bo_timeline_free(tl);
	corr_free(k);
	bo_case_free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_events(data + 1, size - 1);
	else
		fuzz_case(data + 1, size - 1);
	return 0;
}
