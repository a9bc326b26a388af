/*
 * Route instability of a target, read from its update bins once the stream
 * has ended: bursts of announcements and withdrawals well above the
 * target's own median (bgp.instability), and flapping, many short
 * withdrawals in a row.  Both become signals; incident.c attaches them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/instability.h"
#include "correlate/state.h"
#include "util/util.h"

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static bool
bin_is_edge(const struct corr *k, const struct target *t, int64_t idx)
{
	int64_t w = (int64_t)k->p.bin_s * US;
	size_t i;

	for (i = 0; i < t->nperiods; i++) {
		if (t->periods[i].start / w == idx)
			return true;
		if (t->periods[i].has_end && t->periods[i].end / w == idx)
			return true;
	}
	return false;
}

/*
 * Churn far above the target's own baseline: the baseline is the median
 * number of updates per bin over every bin of the data (empty ones count
 * as 0), so a quiet network's flaps stand out and a busy one's routine
 * does not.  A busy bin is one above churn_factor x the median and
 * churn_min.  One routing change (a path change, an outage's onset) makes
 * every peer send one update per prefix: a single busy bin.  Instability
 * is either routes updated again and again within a bin (more than two
 * updates per route), or busy bins going on for 3 bins or more.  Bins
 * holding an outage's onset or end are the outage, not instability.
 */
static bool
bin_busy(const struct corr *k, const struct target *t, size_t i,
    uint32_t limit)
{
	return t->bins[i].n >= limit && !bin_is_edge(k, t, t->bins[i].idx);
}

void
inst_bursts(struct corr *k, size_t ti, int64_t first, int64_t last)
{
	struct target *t = &k->tg[ti];
	int64_t w = (int64_t)k->p.bin_s * US, nb, i0, i1;
	uint32_t *v, median, limit;
	size_t i, j, nv, h;
	char d[32];

	if (t->nbins == 0 || last < first)
		return;
	i0 = first / w;
	i1 = last / w;
	nb = i1 - i0 + 1;
	if (nb <= 0)
		return;
	nv = t->nbins;
	v = xcalloc(nv, sizeof(*v));
	for (i = 0; i < nv; i++)
		v[i] = t->bins[i].n;
	if (nv > 0)
		qsort(v, nv, sizeof(*v), cmp_u32);
	/* the median of nb values of which nb - nv are zero */
	if ((int64_t)nv * 2 <= nb)
		median = 0;
	else
		median = v[(size_t)(nb / 2 - (nb - (int64_t)nv))];
	free(v);
	limit = (uint32_t)(k->p.churn_factor * (median ? median : 1));
	if (limit < (uint32_t)k->p.churn_min)
		limit = (uint32_t)k->p.churn_min;
	for (i = 0; i < t->nbins; i = j) {
		uint64_t colls = 0, n = 0;
		bool repeated = false;
		struct rsig *s;

		if (!bin_busy(k, t, i, limit)) {
			j = i + 1;
			continue;
		}
		for (j = i; j < t->nbins && bin_busy(k, t, j, limit) &&
		    (j == i || t->bins[j].idx <= t->bins[j - 1].idx + 2); j++) {
			colls |= t->bins[j].colls;
			n += t->bins[j].n;
			if (t->bins[j].n > 2 * t->bins[j].routes)
				repeated = true;
		}
		h = (size_t)(t->bins[j - 1].idx - t->bins[i].idx + 1);
		if (!repeated && h < 3)
			continue;
		s = corr_sig_add(k, t->bins[i].idx * w, BO_PREC_MIN,
		    "bgp.instability", BO_SRC_BGP, 1ULL << ti);
		s->end = (t->bins[j - 1].idx + 1) * w;
		s->role = RS_INSTABILITY;
		s->colls = colls;
		s->vantage = xasprintf("%d collector%s",
		    __builtin_popcountll(colls),
		    __builtin_popcountll(colls) == 1 ? "" : "s");
		s->summary = xasprintf("%s: %" PRIu64 " announcements and "
		    "withdrawals in %s, above %" PRIu32 " per %.0f s bin "
		    "(median %" PRIu32 ")", t->spec->name, n,
		    fmt_duration((s->end - s->t) / US, d, sizeof(d)),
		    limit, k->p.bin_s, median);
		/* the first and the last update of the run */
		s->ev[s->nev++] = t->bins[i].first;
		if (t->bins[j - 1].last.input != NULL)
			s->ev[s->nev++] = t->bins[j - 1].last;
	}
}

/*
 * Flapping: short withdrawals of one target (each shorter than
 * min_outage_s, so none an outage) coming again and again, each within
 * flap_gap_s of the last.  Slow flaps (one every 20 minutes) leave the
 * churn bins quiet in between; counted this way they still stand out
 * against a baseline of none.
 */
void
inst_flapping(struct corr *k, size_t ti)
{
	int64_t gap = (int64_t)k->p.flap_gap_s * US;
	size_t i, n = 0, first = 0, last = 0, nsig = k->nsig;
	char d[32];

	for (i = 0; i <= nsig; i++) {
		const struct rsig *s = i < nsig ? &k->sig[i] : NULL;
		struct rsig *o;
		char *names;

		if (s != NULL && (s->role != RS_SHORT ||
		    !(s->tmask & (1ULL << ti))))
			continue;
		if (s != NULL && n > 0 && s->t <= k->sig[last].end + gap) {
			n++;
			last = i;
			continue;
		}
		if (n >= (size_t)k->p.flap_min) {
			int64_t t0 = k->sig[first].t, t1 = k->sig[last].end;
			enum bo_prec prec = k->sig[first].prec;
			struct evid e0 = k->sig[first].ev[0];
			struct evid e1 = k->sig[last].ev[0];

			size_t j;

			/* churn already flagged it: one period, both counts */
			for (j = 0; j < k->nsig; j++) {
				o = &k->sig[j];
				if (o->role != RS_INSTABILITY || o->coll == -2 ||
				    !(o->tmask & (1ULL << ti)) || o->t > t1 ||
				    o->end < t0)
					continue;
				if (t0 < o->t) {
					o->t = t0;
					o->prec = prec;
				}
				if (t1 > o->end)
					o->end = t1;
				if (o->nev + 2 <= CORR_MAX_EVID) {
					o->ev[o->nev++] = e0;
					if (e1.input != NULL)
						o->ev[o->nev++] = e1;
				}
				names = xasprintf("%s; %zu short withdrawals",
				    o->summary, n);
				free(o->summary);
				o->summary = names;
				break;
			}
			if (j < k->nsig) {
				n = 1;
				first = last = i;
				continue;
			}
			/* corr_sig_add may move k->sig */
			o = corr_sig_add(k, t0, prec, "bgp.instability",
			    BO_SRC_BGP, 1ULL << ti);
			o->coll = -2;	/* from flapping */
			o->end = t1;
			o->role = RS_INSTABILITY;
			o->vantage = xstrdup("all collectors");
			names = tmask_names(k, 1ULL << ti);
			o->summary = xasprintf("%s: flapping, %zu short "
			    "withdrawals in %s", names, n, fmt_duration(
			    (t1 - t0) / US, d, sizeof(d)));
			free(names);
			o->ev[0] = e0;
			o->ev[1] = e1;
			o->nev = e1.input ? 2 : 1;
		}
		n = 1;
		first = last = i;
	}
}
