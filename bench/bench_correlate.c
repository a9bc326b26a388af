/*
 * How the correlator scales: a synthetic, already-sorted stream (a RIB
 * snapshot of every peer, then background updates with a target outage in
 * the middle) is generated on the fly and fed to corr_sink, so what is
 * measured is the correlator alone: events per second and peak RSS, as
 * the number of update events and the number of targets grow.
 *
 *   bench_correlate UPDATES TARGETS [PEERS] [RIB_PREFIXES]
 *
 * prints one line: updates, targets, peers, seconds, events/s, peak RSS
 * (KiB), incidents found (one per target is expected).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <blackout/correlate.h>

#include "correlate/corr.h"
#include "util/util.h"

#define S	((int64_t)1000000)

struct gen {
	struct bo_sink	 sink;
	uint64_t	 n;
	char		 peer[32];
	char		 coll[16];
	char		 member[64];
};

static void
send(struct gen *g, const char *kind, int64_t t, unsigned peer,
    uint32_t pfx_host, uint8_t len, uint32_t origin)
{
	struct bo_event ev;
	struct bo_attr a[2];
	bool wd = strcmp(kind, "bgp.withdraw") == 0;

	memset(&ev, 0, sizeof(ev));
	ev.time_us = t;
	ev.prec = BO_PREC_S;
	ev.role = BO_ROLE_ROUTE;
	ev.src = BO_SRC_BGP;
	ev.kind = kind;
	snprintf(g->coll, sizeof(g->coll), "rrc%02u", peer % 4);
	snprintf(g->peer, sizeof(g->peer), "192.0.2.%u", peer);
	ev.collector = g->coll;
	ev.peer = g->peer;
	ev.peer_as = 64500 + peer;
	ev.prefix.afi = BO_AFI_IPV4;
	ev.prefix.len = len;
	ev.prefix.addr[0] = (uint8_t)(pfx_host >> 24);
	ev.prefix.addr[1] = (uint8_t)(pfx_host >> 16);
	ev.prefix.addr[2] = (uint8_t)(pfx_host >> 8);
	ev.asn = origin;
	a[0].key = "op";
	a[0].value = wd ? "withdraw" : strcmp(kind, "bgp.rib") == 0 ? "rib" :
	    "announce";
	a[1].key = "as_path";
	a[1].value = "64500 4837 131279";
	ev.attrs = a;
	ev.nattrs = wd ? 1 : 2;
	ev.prov.input = "bench";
	ev.prov.member = g->member;
	ev.prov.offset = g->n++;
	(void)g->sink.event(g->sink.arg, &ev);
}

int
main(int argc, char **argv)
{
	uint64_t updates, i;
	unsigned targets, peers = 20, ribn = 20000, p, tg;
	int64_t t0 = 1419206400LL * S, t;
	struct bo_case *cs;
	struct bo_timeline *tl;
	struct rusage ru;
	struct timespec a, b;
	struct corr *k;
	struct gen g;
	char name[32];
	double secs;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_correlate UPDATES TARGETS "
		    "[PEERS] [RIB_PREFIXES]\n");
		return 2;
	}
	updates = strtoull(argv[1], NULL, 10);
	targets = (unsigned)strtoul(argv[2], NULL, 10);
	if (argc > 3)
		peers = (unsigned)strtoul(argv[3], NULL, 10);
	if (argc > 4)
		ribn = (unsigned)strtoul(argv[4], NULL, 10);
	if (targets < 1 || targets > 64 || peers < 2 || peers > 250)
		return 2;
	cs = bo_case_new();
	for (tg = 0; tg < targets; tg++) {
		snprintf(name, sizeof(name), "AS%u", 100000 + tg);
		if (bo_case_add_target(cs, name) != 0)
			return 2;
	}
	k = corr_new(cs);
	memset(&g, 0, sizeof(g));
	g.sink = corr_sink(k);
	clock_gettime(CLOCK_MONOTONIC, &a);
	/* RIB: background /24s in 10/8 and 4 /24s per target in 172.16/12 */
	snprintf(g.member, sizeof(g.member), "bview.20141222.0000.gz");
	for (p = 0; p < peers; p++) {
		for (i = 0; i < ribn; i++)
			send(&g, "bgp.rib", t0, p, 0x0a000000u + (uint32_t)i * 256,
			    24, 65000);
		for (tg = 0; tg < targets; tg++)
			for (i = 0; i < 4; i++)
				send(&g, "bgp.rib", t0, p, 0xac100000u +
				    (tg * 4 + (uint32_t)i) * 256, 24,
				    100000 + tg);
	}
	/* updates: background churn 10 per second; every target's four
	 * prefixes withdrawn by every peer in the middle for an hour */
	for (i = 0, t = t0 + S; i < updates; i++) {
		if (i % 10 == 0)
			t += S;
		if (i % 3000 == 0)
			snprintf(g.member, sizeof(g.member),
			    "updates.%06" PRIu64 ".gz", i / 3000);
		p = (unsigned)(i % peers);
		send(&g, (i & 1) ? "bgp.withdraw" : "bgp.announce", t, p,
		    0x0a000000u + (uint32_t)(i * 7919 % ribn) * 256, 24, 65000);
		if (i == updates / 2 || i == updates / 2 + 36000)
			for (tg = 0; tg < targets; tg++)
				for (p = 0; p < peers; p++) {
					unsigned q;

					for (q = 0; q < 4; q++)
						send(&g, i == updates / 2 ?
						    "bgp.withdraw" :
						    "bgp.announce", t, p,
						    0xac100000u + (tg * 4 + q) *
						    256, 24, 100000 + tg);
				}
	}
	tl = corr_finish(k);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	printf("updates=%" PRIu64 " targets=%u peers=%u events=%" PRIu64
	    " seconds=%.2f events_per_s=%.0f peak_rss_kib=%ld incidents=%zu\n",
	    updates, targets, peers, g.n, secs, (double)g.n / secs,
	    ru.ru_maxrss, tl->nincidents);
	bo_timeline_free(tl);
	corr_free(k);
	bo_case_free(cs);
	return 0;
}
