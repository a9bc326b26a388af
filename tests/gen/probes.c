#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/*
 * Active measurements of the targets: an iputils ping run per vantage point
 * (`ping -D -O -i INTERVAL DST`, as a monitoring script would leave it in a
 * log) and RIPE Atlas ping results as the API downloads them (JSON Lines,
 * the 2014 firmware's fields).  Whether a packet is answered follows the
 * ground truth: a target is reachable while any upstream announces it.
 */

#define US	1000000LL

static double
draw_rtt(struct prng *r, const struct gen_probe *p)
{
	double v = p->rtt + p->jitter * (2.0 * prng_unit(r) - 1.0);

	/* Now and then a queue somewhere fills up. */
	if (prng_below(r, 50) == 0)
		v += p->rtt * prng_unit(r);
	return v < 0.05 ? 0.05 : v;
}

/* iputils prints three significant digits. */
static void
add_rtt(struct buf *b, double ms)
{
	if (ms >= 100)
		buf_printf(b, "%.0f", ms);
	else if (ms >= 10)
		buf_printf(b, "%.1f", ms);
	else if (ms >= 1)
		buf_printf(b, "%.2f", ms);
	else
		buf_printf(b, "%.3f", ms);
}

static void
add_stamp(struct buf *b, int64_t us)
{
	buf_printf(b, "[%lld.%06lld] ", (long long)(us / US),
	    (long long)(us % US));
}

static int
ping_log(const struct scenario *s, size_t pi, struct gen_out *out,
    char **err)
{
	const struct gen_probe *p = &s->probe[pi];
	char dst[16], gw[16], stream[32], *path;
	const char *host;
	double rtt, sum = 0, sum2 = 0, mn = 0, mx = 0, avg, loss;
	uint64_t sent = 0, rcvd = 0, errs = 0, seq;
	int64_t t, start = -1, end = 0;
	struct prng r;
	struct buf b;
	int pending = 0, rc;

	snprintf(stream, sizeof(stream), "ping-%zu", pi);
	prng_seed(&r, s->seed, stream);
	gen_ip(p->dst, dst);
	host = p->dst_name != NULL ? p->dst_name : dst;
	buf_init(&b);
	buf_printf(&b, "PING %s (%s) 56(84) bytes of data.\n", host, dst);
	for (seq = 1, t = p->from; t < p->to; seq++, t += p->interval) {
		/* The send time wanders by a few ms, as timers do. */
		int64_t send = t + prng_below(&r, 5000);

		if (start < 0)
			start = send;
		/* Under -O the previous packet is reported at this send. */
		if (pending) {
			add_stamp(&b, send);
			buf_printf(&b, "no answer yet for icmp_seq=%llu\n",
			    (unsigned long long)(seq - 1));
		}
		pending = 0;
		sent++;
		end = send;
		if (!truth_reachable(s, p->dst, send)) {
			if (p->gateway != 0 && prng_below(&r, 4) == 0) {
				add_stamp(&b, send + 1000 + prng_below(&r, 20000));
				buf_printf(&b, "From %s icmp_seq=%llu Destination "
				    "Net Unreachable\n", gen_ip(p->gateway, gw),
				    (unsigned long long)seq);
				errs++;
			} else
				pending = 1;
			continue;
		}
		if (prng_unit(&r) < p->loss) {
			pending = 1;
			continue;
		}
		rtt = draw_rtt(&r, p);
		add_stamp(&b, send + (int64_t)(rtt * 1000));
		if (p->dst_name != NULL)
			buf_printf(&b, "64 bytes from %s (%s): ", host, dst);
		else
			buf_printf(&b, "64 bytes from %s: ", dst);
		buf_printf(&b, "icmp_seq=%llu ttl=%d time=",
		    (unsigned long long)seq, p->ttl);
		add_rtt(&b, rtt);
		buf_adds(&b, " ms\n");
		if (rcvd == 0 || rtt < mn)
			mn = rtt;
		if (rcvd == 0 || rtt > mx)
			mx = rtt;
		sum += rtt;
		sum2 += rtt * rtt;
		rcvd++;
	}
	buf_printf(&b, "\n--- %s ping statistics ---\n", host);
	buf_printf(&b, "%llu packets transmitted, %llu received, ",
	    (unsigned long long)sent, (unsigned long long)rcvd);
	if (errs > 0)
		buf_printf(&b, "+%llu errors, ", (unsigned long long)errs);
	loss = sent > 0 ? 100.0 * (double)(sent - rcvd) / (double)sent : 0;
	buf_printf(&b, "%g%% packet loss, time %lldms\n", loss,
	    (long long)((end - start) / 1000));
	if (rcvd > 0) {
		avg = sum / (double)rcvd;
		buf_printf(&b, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n",
		    mn, avg, mx, sqrt(fabs(sum2 / (double)rcvd - avg * avg)));
	}
	path = xasprintf("probes/%s/ping-%s.log", p->vp, dst);
	rc = out_add(out, path, &b, COMP_NONE);
	if (rc != 0)
		*err = xasprintf("%s: cannot add", path);
	free(path);
	buf_free(&b);
	return rc;
}

struct atlas_row {
	int64_t		t;
	uint32_t	prb;
	char		*line;
};

static int
row_cmp(const void *a, const void *b)
{
	const struct atlas_row *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->prb < y->prb ? -1 : x->prb > y->prb;
}

/* One result in the field order of Atlas firmware 4600-4650 downloads. */
static char *
atlas_line(const struct scenario *s, const struct gen_probe *p,
    const struct gen_atlas_probe *a, int64_t ts, struct prng *r)
{
	char dst[16], from[16], src[16];
	double rtt[3], sum = 0, mn = 0, mx = 0;
	int ok[3], i, rcvd = 0, reach = truth_reachable(s, p->dst, ts * US);
	struct buf b;

	for (i = 0; i < 3; i++) {
		ok[i] = reach && prng_unit(r) >= p->loss;
		if (!ok[i])
			continue;
		rtt[i] = draw_rtt(r, p);
		if (rcvd == 0 || rtt[i] < mn)
			mn = rtt[i];
		if (rcvd == 0 || rtt[i] > mx)
			mx = rtt[i];
		sum += rtt[i];
		rcvd++;
	}
	gen_ip(p->dst, dst);
	buf_init(&b);
	buf_printf(&b, "{\"af\":4,\"avg\":");
	if (rcvd > 0)
		buf_printf(&b, "%.3f", sum / rcvd);
	else
		buf_adds(&b, "-1");
	buf_printf(&b, ",\"dst_addr\":\"%s\",\"dst_name\":", dst);
	buf_add_json_str(&b, p->dst_name != NULL ? p->dst_name : dst);
	buf_printf(&b, ",\"dup\":0,\"from\":\"%s\",\"fw\":%d,\"lts\":%u,"
	    "\"max\":", gen_ip(a->from, from), a->fw,
	    (unsigned)(20 + prng_below(r, 200)));
	if (rcvd > 0)
		buf_printf(&b, "%.3f,\"min\":%.3f", mx, mn);
	else
		buf_adds(&b, "-1,\"min\":-1");
	buf_printf(&b, ",\"msm_id\":%u,\"msm_name\":\"Ping\",\"prb_id\":%u,"
	    "\"proto\":\"ICMP\",\"rcvd\":%d,\"result\":[", p->msm_id, a->id,
	    rcvd);
	for (i = 0; i < 3; i++) {
		buf_adds(&b, i > 0 ? ",{" : "{");
		if (i == 0)
			buf_printf(&b, "\"srcaddr\":\"%s\",",
			    gen_ip(a->src, src));
		if (ok[i])
			buf_printf(&b, "\"rtt\":%.3f,\"ttl\":%d}", rtt[i],
			    p->ttl);
		else
			buf_adds(&b, "\"x\":\"*\"}");
	}
	buf_printf(&b, "],\"sent\":3,\"size\":48,\"src_addr\":\"%s\","
	    "\"step\":%lld,\"timestamp\":%lld,", gen_ip(a->src, src),
	    (long long)(p->interval / US), (long long)ts);
	if (rcvd > 0)
		buf_printf(&b, "\"ttl\":%d,", p->ttl);
	buf_adds(&b, "\"type\":\"ping\"}\n");
	return buf_take(&b);
}

static int
atlas_results(const struct scenario *s, size_t pi, struct gen_out *out,
    char **err)
{
	const struct gen_probe *p = &s->probe[pi];
	struct atlas_row *rows = NULL;
	size_t n = 0, cap = 0, i, k;
	char stream[32], *path;
	struct prng r;
	struct buf b;
	int64_t t, off;
	int rc;

	snprintf(stream, sizeof(stream), "atlas-%zu", pi);
	prng_seed(&r, s->seed, stream);
	for (t = p->from; t < p->to; t += p->interval)
		for (k = 0; k < p->naprb; k++) {
			/* Atlas spreads probes over the first part of a step. */
			off = (int64_t)(gen_hash(s->seed, stream) % 97 + k * 13) %
			    (p->interval / US / 2 + 1);
			xgrow(&rows, &cap, n, sizeof(*rows));
			rows[n].t = t / US + off;
			rows[n].prb = p->aprb[k].id;
			rows[n].line = atlas_line(s, p, &p->aprb[k], rows[n].t,
			    &r);
			n++;
		}
	if (n > 0)
		qsort(rows, n, sizeof(*rows), row_cmp);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_adds(&b, rows[i].line);
		free(rows[i].line);
	}
	free(rows);
	path = xasprintf("atlas/RIPE-Atlas-measurement-%u.jsonl", p->msm_id);
	rc = out_add(out, path, &b, COMP_NONE);
	if (rc != 0)
		*err = xasprintf("%s: cannot add", path);
	free(path);
	buf_free(&b);
	return rc;
}

int
probes_generate(const struct scenario *s, struct gen_out *out, char **err)
{
	size_t i;

	for (i = 0; i < s->nprobe; i++)
		if ((s->probe[i].kind == PROBE_PING ? ping_log(s, i, out, err) :
		    atlas_results(s, i, out, err)) != 0)
			return -1;
	return 0;
}
