/*
 * The assembly side of the correlator: outage periods of each target
 * become incidents (merged across targets that share prefixes), signals
 * are attached to them, each incident is called confirmed or not and why,
 * and every claim and report is placed against the incidents without ever
 * being promoted to a fact.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "correlate/claim.h"
#include "correlate/coverage.h"
#include "correlate/engine.h"
#include "correlate/instability.h"
#include "correlate/outage.h"
#include "correlate/routing_tl.h"
#include "util/util.h"

/* qsort, which must not be handed a NULL array even when empty. */
static void
sort_any(void *v, size_t n, size_t sz, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(v, n, sz, cmp);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sets of indices, ascending and distinct.  An outage of a target of
 * 25,000 prefixes names them all, and incidents merge pairwise: a scan
 * per element made both quadratic.
 */

/* v[0..n) (any order, repeats allowed) as a set. */
static void
set_norm(size_t *v, size_t *n)
{
	size_t i, m;

	sort_any(v, *n, sizeof(*v), cmp_size);
	for (i = m = 0; i < *n; i++)
		if (m == 0 || v[m - 1] != v[i])
			v[m++] = v[i];
	*n = m;
}

static void
set_union(size_t **a, size_t *na, const size_t *b, size_t nb)
{
	size_t *u, i = 0, j = 0, n = 0;

	if (nb == 0)
		return;
	u = xreallocarray(NULL, *na + nb, sizeof(*u));
	while (i < *na || j < nb) {
		if (j == nb || (i < *na && (*a)[i] < b[j]))
			u[n++] = (*a)[i++];
		else {
			if (i < *na && (*a)[i] == b[j])
				i++;
			u[n++] = b[j++];
		}
	}
	free(*a);
	*a = u;
	*na = n;
}

static bool
set_meets(const size_t *a, size_t na, const size_t *b, size_t nb)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j])
			return true;
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return false;
}

static struct winc *
winc_add(struct winc **v, size_t *n)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static void
winc_free(struct winc *w)
{
	free(w->px);
	free(w->tot);
	free(w->sigs);
}

/* b into a: the union of both. */
static void
winc_merge(struct winc *a, struct winc *b)
{
	if (b->onset < a->onset) {
		a->onset = b->onset;
		a->onset_prec = b->onset_prec;
		a->ev_on = b->ev_on;
	}
	if (b->end > a->end) {
		a->end = b->end;
		a->end_prec = b->end_prec;
		a->ev_off = b->ev_off;
	}
	/* Kind and counts are one target's, at its deepest point: the
	 * target with the largest baseline (a group over its member, a
	 * country over one network), so listing one more target never
	 * changes them. */
	if (b->bgp && (!a->bgp || b->total > a->total)) {
		a->deep_have = b->deep_have;
		a->deep_up = b->deep_up;
		a->affected = b->affected;
		a->total = b->total;
		a->nr = b->nr;
		a->all = b->all;
	}
	a->tmask |= b->tmask;
	set_union(&a->px, &a->npx, b->px, b->npx);
	set_union(&a->tot, &a->ntot, b->tot, b->ntot);
	if (b->bgp && (!a->bgp || b->bgp_on < a->bgp_on)) {
		a->bgp_on = b->bgp_on;
		a->bgp_on_prec = b->bgp_on_prec;
		a->bgp_ev_on = b->bgp_ev_on;
	}
	if (b->bgp && (!a->bgp || b->bgp_off > a->bgp_off)) {
		a->bgp_off = b->bgp_off;
		a->bgp_off_prec = b->bgp_off_prec;
		a->bgp_ev_off = b->bgp_ev_off;
	}
	a->bgp |= b->bgp;
	a->probe |= b->probe;
	a->instab &= b->instab;
	a->churn_colls |= b->churn_colls;
	winc_free(b);
	memset(b, 0, sizeof(*b));
}

static int
cmp_winc(const void *a, const void *b)
{
	const struct winc *x = a, *y = b;

	if (x->onset != y->onset)
		return x->onset < y->onset ? -1 : 1;
	if (x->tmask != y->tmask)
		return x->tmask < y->tmask ? -1 : 1;
	return 0;
}

/* Merges incidents that overlap in time (within merge_gap_s) and share a
 * target or a prefix, until nothing changes. */
static void
wincs_merge(const struct corr *k, struct winc *v, size_t *n)
{
	int64_t gap = (int64_t)k->p.merge_gap_s * US;
	bool again = true;
	size_t i, j, m;

	while (again) {
		again = false;
		sort_any(v, *n, sizeof(*v), cmp_winc);
		for (i = 0; i < *n; i++)
			for (j = i + 1; j < *n; j++) {
				struct winc *a = &v[i], *b = &v[j];
				int64_t aend = a->end == INT64_MAX ? a->end :
				    a->end + gap;

				if (b->onset > aend || a->instab != b->instab ||
				    a->rt != NULL || b->rt != NULL)
					continue;
				if (!(a->tmask & b->tmask) && !set_meets(a->px,
				    a->npx, b->px, b->npx) && !set_meets(a->tot,
				    a->ntot, b->tot, b->ntot))
					continue;
				winc_merge(a, b);
				b->tmask = 0;
				again = true;
			}
		for (i = m = 0; i < *n; i++)
			if (v[i].tmask != 0)
				v[m++] = v[i];
		*n = m;
	}
}

/* ---- conversion ---- */

static void
sig_fill(struct bo_signal *o, const struct rsig *s)
{
	memset(o, 0, sizeof(*o));
	o->time_us = s->t;
	o->prec = s->prec;
	o->kind = xstrdup(s->kind);
	o->src = s->src;
	o->summary = xstrdup(s->summary ? s->summary : "");
	o->vantage = xstrdup(s->vantage ? s->vantage : "");
	o->evidence = evid_copy(s->ev, s->nev);
	o->nevidence = s->nev;
}

static void
sig_make(struct bo_signal *o, int64_t t, enum bo_prec prec, const char *kind,
    enum bo_srctype src, char *summary, const char *vantage,
    const struct evid *ev)
{
	memset(o, 0, sizeof(*o));
	o->time_us = t;
	o->prec = prec;
	o->kind = xstrdup(kind);
	o->src = src;
	o->summary = summary;
	o->vantage = xstrdup(vantage);
	if (ev != NULL && ev->input != NULL) {
		o->evidence = evid_copy(ev, 1);
		o->nevidence = 1;
	}
}

static int
cmp_signal(const void *a, const void *b)
{
	const struct bo_signal *x = a, *y = b;
	int c;

	if (x->time_us != y->time_us)
		return x->time_us < y->time_us ? -1 : 1;
	if ((c = strcmp(x->kind, y->kind)) != 0)
		return c;
	if ((c = strcmp(x->vantage, y->vantage)) != 0)
		return c;
	return strcmp(x->summary, y->summary);
}

static char *
make_id(const struct corr *k, const struct winc *w, const struct bo_timeline *tl,
    size_t upto)
{
	char t[40], name[64], *id;
	size_t i, j, dup = 0;
	const char *tn = "";

	fmt_time_utc(w->onset, 0, t, sizeof(t));
	for (i = 0; i < k->ntg; i++)
		if (w->tmask & (1ULL << i)) {
			tn = k->tg[i].spec->name;
			break;
		}
	for (i = j = 0; tn[i] != '\0' && j + 1 < sizeof(name); i++)
		name[j++] = (tn[i] == '/' || tn[i] == ' ') ? '-' : tn[i];
	name[j] = '\0';
	/* 2014-12-22T16:15:00Z -> 20141222T1615Z */
	id = xasprintf("INC-%.4s%.2s%.2sT%.2s%.2sZ-%s", t, t + 5, t + 8,
	    t + 11, t + 14, name);
	for (i = 0; i < upto; i++)
		if (strncmp(tl->incidents[i].id, id, strlen(id)) == 0)
			dup++;
	if (dup > 0) {
		char *d = xasprintf("%s-%zu", id, dup + 1);

		free(id);
		id = d;
	}
	return id;
}

/* A probe-only incident still says how large its targets are: their
 * known prefixes at the onset (the largest target's). */
static uint32_t
baseline_at(const struct corr *k, uint64_t tmask, int64_t t)
{
	uint32_t best = 0;
	size_t ti, i;

	for (ti = 0; ti < k->ntg; ti++) {
		const struct target *g = &k->tg[ti];
		uint32_t n = 0;

		if (!(tmask & (1ULL << ti)))
			continue;
		for (i = 0; i < g->npts && g->pts[i].t <= t; i++)
			n = g->pts[i].total;
		if (n == 0 && g->npts > 0)
			n = g->pts[0].total;
		if (n > best)
			best = n;
	}
	return best;
}

static void
incident_fill(struct corr *k, struct bo_timeline *tl, size_t ii,
    struct winc *w)
{
	struct bo_incident *in = &tl->incidents[ii];
	uint64_t colls = w->churn_colls;
	bool probe = false, router = false, ours;
	const char *mon[CORR_MAX_EVID];
	size_t i, n, nc, nmon = 0, mi;
	struct buf b;
	char d[32], *names;

	memset(in, 0, sizeof(*in));
	in->id = make_id(k, w, tl, ii);
	for (i = 0; i < k->ntg; i++)
		if (w->tmask & (1ULL << i)) {
			in->targets = xreallocarray(in->targets,
			    in->ntargets + 1, sizeof(*in->targets));
			in->targets[in->ntargets++] =
			    xstrdup(k->tg[i].spec->name);
		}
	in->onset_us = w->onset;
	in->onset_prec = w->onset_prec;
	in->has_end = w->end != INT64_MAX;
	in->end_us = in->has_end ? w->end : 0;
	in->end_prec = w->end_prec;
	in->duration_s = in->has_end ? (w->end - w->onset) / US : 0;
	if (w->rt != NULL) {
		rt_incident_fill(k, in, w->rt, w->nsigs);
		for (i = 0; i < w->nsigs; i++)
			sig_fill(&in->signals[in->nsignals++],
			    &k->sig[w->sigs[i]]);
		sort_any(in->signals, in->nsignals, sizeof(*in->signals),
		    cmp_signal);
		for (i = 0; i < in->nsignals; i++)
			in->signals[i].confirmed = in->status ==
			    BO_STATUS_CONFIRMED;
		return;
	}
	in->kind = xstrdup(w->instab ? "instability" :
	    (w->bgp && !w->all) ? "partial_outage" : "outage");
	in->prefixes_affected = w->bgp ? w->affected : 0;
	in->prefixes_total = w->bgp ? w->total : baseline_at(k, w->tmask,
	    w->onset);
	in->prefixes_not_restored = w->bgp ? w->nr : 0;
	outage_parts(k, w->tmask, w->onset, w->end, in);

	/* which independent sources saw it */
	for (i = 0; i < w->nsigs; i++) {
		const struct rsig *s = &k->sig[w->sigs[i]];
		int64_t se = s->end;

		/* a collector must have lost the target during the incident;
		 * probes and router logs attached within merge_gap_s agree */
		if (s->role == RS_BGP_DROP && (s->t > w->end || se < w->onset))
			continue;
		if (s->role == RS_BGP_DROP && s->coll >= 0)
			colls |= 1ULL << s->coll;
		else if (s->role == RS_PROBE_DOWN)
			probe = true;
		else if (s->role == RS_ROUTER_DOWN)
			router = true;
		/* a monitor counts when its statement overlaps the
		 * incident itself, once however often it said it */
		else if (s->role == RS_MONITOR && s->t <= w->end &&
		    se >= w->onset) {
			for (mi = 0; mi < nmon && mon[mi] != s->monitor; mi++)
				;
			if (mi == nmon && nmon < CORR_MAX_EVID)
				mon[nmon++] = s->monitor;
		}
	}
	nc = (size_t)__builtin_popcountll(colls);
	/* the combined view of every collector is ours too */
	ours = nc >= 1 || probe || router || w->bgp;
	buf_init(&b);
	for (i = 0; i < k->ncoll; i++)
		if (colls & (1ULL << i))
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    k->coll[i].name);
	names = buf_take(&b);
	if (nc >= 2 || (nc >= 1 && (probe || router)) || (probe && router) ||
	    (ours && nmon > 0)) {
		in->status = BO_STATUS_CONFIRMED;
		buf_printf(&b, "confirmed: ");
		if (nc >= 2)
			buf_printf(&b, "%zu collectors agree (%s)", nc, names);
		else if (nc == 1)
			buf_printf(&b, "BGP (%s) agrees with", names);
		if (probe)
			buf_printf(&b, "%sactive probes (no vantage point "
			    "got a reply)", nc >= 2 ? " and " : nc ? " " : "");
		if (router)
			buf_printf(&b, "%srouter session logs",
			    nc >= 2 || probe ? " and " : nc ? " " : "");
		for (mi = 0; mi < nmon; mi++)
			buf_printf(&b, "%s%s", mi > 0 ? ", " : nc >= 2 ||
			    probe || router ? " and third-party monitors (" :
			    nc ? " third-party monitors (" : "BGP (combined "
			    "view of all collectors) agrees with third-party "
			    "monitors (", mon[mi]);
		if (nmon > 0)
			buf_printf(&b, ")");

	} else {
		in->status = BO_STATUS_UNCONFIRMED;
		if (nc == 1)
			buf_printf(&b, "unconfirmed: seen by one collector only "
			    "(%s), with no probe or router signal", names);
		else if (probe)
			buf_printf(&b, "unconfirmed: seen by active probes "
			    "only, with no BGP or router signal");
		else if (router)
			buf_printf(&b, "unconfirmed: router logs only");
		else
			buf_printf(&b, "unconfirmed: no collector on its own "
			    "lost the target for min_outage_s, only the "
			    "combined view did");
	}
	in->why = buf_take(&b);
	free(names);

	n = w->nsigs + 2;
	in->signals = xcalloc(n, sizeof(*in->signals));
	names = tmask_names(k, w->tmask);
	if (w->bgp) {
		struct bo_signal *o = &in->signals[in->nsignals++];

		sig_make(o, w->bgp_on, w->bgp_on_prec, "bgp.outage_onset",
		    BO_SRC_BGP, xasprintf("%s: %" PRIu32 " of %" PRIu32
		    " baseline prefixes dark at the deepest point (routed by "
		    "no more than %.0f%% of the up full-feed peers); the best "
		    "routed of them had %" PRIu32 " of %" PRIu32 " peers",
		    names, w->affected, w->total,
		    k->p.visibility_threshold * 100, w->deep_have,
		    w->deep_up), "all collectors", &w->bgp_ev_on);
		if (w->bgp_off != INT64_MAX) {
			o = &in->signals[in->nsignals++];
			sig_make(o, w->bgp_off, w->bgp_off_prec,
			    "bgp.outage_end", BO_SRC_BGP, w->nr > 0 ?
			    xasprintf("%s: back to its baseline after %s; not "
			    "restored by the end of the data: %" PRIu32
			    " prefix%s", names, fmt_duration((w->bgp_off -
			    w->bgp_on) / US, d, sizeof(d)), w->nr, w->nr == 1 ?
			    "" : "es") : xasprintf("%s: every prefix visible "
			    "again after %s", names, fmt_duration(
			    (w->bgp_off - w->bgp_on) / US, d, sizeof(d))),
			    "all collectors", &w->bgp_ev_off);
		}
	}
	free(names);
	for (i = 0; i < w->nsigs; i++) {
		const struct rsig *s = &k->sig[w->sigs[i]];
		size_t j;

		/* targets sharing prefixes (AS131279 and 175.45.176.0/22)
		 * see the same drop at the same collector: say it once */
		for (j = 0; j < i; j++) {
			const struct rsig *o = &k->sig[w->sigs[j]];

			if (o->t == s->t && o->end == s->end &&
			    o->kind == s->kind && o->coll == s->coll &&
			    o->nev > 0 && s->nev > 0 &&
			    o->ev[0].input == s->ev[0].input &&
			    o->ev[0].member == s->ev[0].member &&
			    o->ev[0].offset == s->ev[0].offset &&
			    o->ev[0].line == s->ev[0].line &&
			    o->ev[0].item == s->ev[0].item)
				break;
		}
		if (j == i)
			sig_fill(&in->signals[in->nsignals++], s);
	}
	sort_any(in->signals, in->nsignals, sizeof(*in->signals), cmp_signal);
	/* a measurement is corroborated when its incident is */
	for (i = 0; i < in->nsignals; i++)
		in->signals[i].confirmed = in->status == BO_STATUS_CONFIRMED;
}

/* ---- series ---- */

static void
series_add(struct bo_timeline *tl, char *name, const char *target,
    const char *unit, enum bo_srctype src, const struct point *p, size_t n,
    const struct bo_case *cs)
{
	struct bo_series *s;
	size_t i, first = 0;

	if (n == 0) {
		free(name);
		return;
	}
	if (cs->has_window)
		for (i = 0; i < n && p[i].t < cs->from_us; i++)
			first = i;
	tl->series = xreallocarray(tl->series, tl->nseries + 1,
	    sizeof(*tl->series));
	s = &tl->series[tl->nseries++];
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->target = xstrdup(target);
	s->unit = xstrdup(unit);
	s->src = src;
	s->points = xcalloc(n, sizeof(*s->points));
	for (i = first; i < n; i++) {
		int64_t t = p[i].t;

		if (cs->has_window && t >= cs->to_us)
			break;
		if (cs->has_window && t < cs->from_us)
			t = cs->from_us;
		s->points[s->npoints].time_us = t;
		s->points[s->npoints].value = p[i].v;
		s->points[s->npoints].total = p[i].total;
		s->npoints++;
	}
}

static int
cmp_gap(const void *a, const void *b)
{
	const struct bo_gap *x = a, *y = b;
	int c;

	if (x->start_us != y->start_us)
		return x->start_us < y->start_us ? -1 : 1;
	if ((c = strcmp(x->scope, y->scope)) != 0)
		return c;
	return strcmp(x->reason, y->reason);
}

static void
params_fill(const struct corr *k, struct bo_timeline *tl)
{
	size_t i;

	tl->params = xcalloc(corr_nparam_defs, sizeof(*tl->params));
	for (i = 0; i < corr_nparam_defs; i++) {
		const struct corr_param_def *d = &corr_param_defs[i];
		double v = corr_param_get(&k->p, d);

		tl->params[i].name = xstrdup(d->name);
		tl->params[i].value = d->integer ? xasprintf("%.0f", v) :
		    xasprintf("%g", v);
		tl->params[i].doc = xstrdup(d->doc);
	}
	tl->nparams = corr_nparam_defs;
}

/* Builds the timeline from the closed state. */
static struct bo_timeline *
corr_assemble(struct corr *k)
{
	const struct bo_case *cs = k->cs;
	int64_t from = cs->has_window ? cs->from_us : INT64_MIN;
	int64_t to = cs->has_window ? cs->to_us : INT64_MAX;
	struct bo_timeline *tl = xcalloc(1, sizeof(*tl));
	struct winc *w = NULL;
	bool *used;
	size_t nw = 0, i, j, ti;

	tl->title = xstrdup(cs->title ? cs->title : "Blackout timeline");
	tl->tz = cs->tz ? xstrdup(cs->tz) : NULL;
	tl->has_window = cs->has_window;
	tl->from_us = cs->from_us;
	tl->to_us = cs->to_us;
	tl->targets = xcalloc(k->ntg ? k->ntg : 1, sizeof(*tl->targets));
	for (i = 0; i < k->ntg; i++)
		tl->targets[tl->ntargets++] = xstrdup(k->tg[i].spec->name);

	/* outage periods of each target, by BGP and by probes */
	for (ti = 0; ti < k->ntg; ti++) {
		struct target *t = &k->tg[ti];

		for (i = 0; i < t->nperiods; i++) {
			struct period *pd = &t->periods[i];
			struct winc *x = winc_add(&w, &nw);

			x->onset = pd->start;
			x->onset_prec = pd->start_prec;
			x->end = pd->has_end ? pd->end : INT64_MAX;
			x->end_prec = pd->end_prec;
			x->ev_on = pd->ev_start;
			x->ev_off = pd->ev_end;
			x->tmask = 1ULL << ti;
			x->bgp = true;
			x->bgp_on = x->onset;
			x->bgp_off = x->end;
			x->bgp_on_prec = x->onset_prec;
			x->bgp_off_prec = x->end_prec;
			x->bgp_ev_on = x->ev_on;
			x->bgp_ev_off = x->ev_off;
			x->all = pd->all;
			x->deep_have = pd->deep_have;
			x->deep_up = pd->deep_up;
			x->affected = pd->lost;
			x->total = pd->total;
			x->nr = pd->nr;
			x->px = xreallocarray(NULL, pd->npx + 1,
			    sizeof(*x->px));
			for (j = 0; j < pd->npx; j++)
				x->px[x->npx++] = pd->px[j];
			set_norm(x->px, &x->npx);
			x->tot = xreallocarray(NULL, t->npx + 1,
			    sizeof(*x->tot));
			for (j = 0; j < t->npx; j++)
				if (k->px[t->px[j]].known)
					x->tot[x->ntot++] = t->px[j];
			set_norm(x->tot, &x->ntot);
		}
		inst_bursts(k, ti, k->first_us, k->now);
		inst_flapping(k, ti);
	}
	for (i = 0; i < k->nsig; i++) {
		struct rsig *s = &k->sig[i];
		struct winc *x;

		if (s->role != RS_PROBE_DOWN)
			continue;
		x = winc_add(&w, &nw);
		x->onset = s->t;
		x->onset_prec = s->prec;
		x->end = s->end;
		x->end_prec = BO_PREC_S;
		x->ev_on = s->ev[0];
		x->tmask = s->tmask;
		x->probe = true;
		x->all = true;
	}
	wincs_merge(k, w, &nw);
	/* hijacks and leaks: incidents of their own, never merged */
	for (i = 0; k->rt != NULL && i < rt_count(k->rt); i++) {
		const struct rt_incident *ri = rt_get(k->rt, i);
		struct winc *x = winc_add(&w, &nw);

		x->onset = ri->onset;
		x->onset_prec = ri->onset_prec;
		x->end = ri->has_end ? ri->end : INT64_MAX;
		x->end_prec = ri->end_prec;
		x->tmask = ri->tmask;
		x->rt = ri;
	}
	/* instability not near an outage is an incident of its own; the
	 * churn of a hijack or a leak is that incident's */
	for (i = 0; i < k->nsig; i++) {
		struct rsig *s = &k->sig[i];
		bool near = false;
		struct winc *x;

		if (s->role != RS_INSTABILITY)
			continue;
		for (j = 0; j < nw && !near; j++)
			near = !w[j].instab && (w[j].tmask & s->tmask) &&
			    s->t <= (w[j].rt == NULL || w[j].end == INT64_MAX ?
			    w[j].end : w[j].end + (int64_t)k->p.merge_gap_s *
			    US) && s->end >= w[j].onset - (int64_t)(w[j].rt ?
			    k->p.merge_gap_s : k->p.precursor_s) * US;
		if (near)
			continue;
		x = winc_add(&w, &nw);
		x->onset = s->t;
		x->onset_prec = s->prec;
		x->end = s->end;
		x->end_prec = s->prec;
		x->tmask = s->tmask;
		x->instab = true;
		x->churn_colls = s->colls;
	}
	wincs_merge(k, w, &nw);
	/* the window: incidents wholly outside it are not this case's */
	for (i = j = 0; i < nw; i++) {
		if ((w[i].end != INT64_MAX && w[i].end < from) ||
		    w[i].onset >= to) {
			winc_free(&w[i]);
			continue;
		}
		w[j++] = w[i];
	}
	nw = j;
	sort_any(w, nw, sizeof(*w), cmp_winc);

	/* attach signals; short withdrawals inside an instability period
	 * are what that signal counts, not signals of their own */
	used = xcalloc(k->nsig ? k->nsig : 1, sizeof(*used));
	for (i = 0; i < k->nsig; i++) {
		struct rsig *s = &k->sig[i];

		if (s->role != RS_SHORT)
			continue;
		for (j = 0; j < k->nsig && !used[i]; j++)
			if (k->sig[j].role == RS_INSTABILITY &&
			    (k->sig[j].tmask & s->tmask) &&
			    s->t >= k->sig[j].t && s->t < k->sig[j].end)
				used[i] = true;
	}
	for (i = 0; i < k->nsig; i++) {
		struct rsig *s = &k->sig[i];

		if (used[i])
			continue;

		for (j = 0; j < nw; j++) {
			int64_t lo = w[j].onset - (int64_t)((s->role ==
			    RS_INSTABILITY || s->role == RS_SHORT) ?
			    k->p.precursor_s : k->p.merge_gap_s) * US;
			int64_t hi = w[j].end == INT64_MAX ? INT64_MAX :
			    w[j].end + (int64_t)k->p.merge_gap_s * US;

			if (!(w[j].tmask & s->tmask) || s->t > hi ||
			    s->end < lo)
				continue;
			/* path changes are part of a hijack or a leak; what
			 * says a target was lost belongs to outages */
			if (w[j].rt != NULL && s->role != RS_INFO &&
			    s->role != RS_INSTABILITY)
				continue;
			xgrow(&w[j].sigs, &w[j].capsigs, w[j].nsigs,
			    sizeof(*w[j].sigs));
			w[j].sigs[w[j].nsigs++] = i;
			used[i] = true;
			break;
		}
	}
	tl->incidents = xcalloc(nw ? nw : 1, sizeof(*tl->incidents));
	for (i = 0; i < nw; i++) {
		sort_any(w[i].sigs, w[i].nsigs, sizeof(size_t), cmp_size);
		incident_fill(k, tl, i, &w[i]);
		tl->nincidents++;
	}
	/* signals outside any incident */
	tl->signals = xcalloc(k->nsig ? k->nsig : 1, sizeof(*tl->signals));
	for (i = 0; i < k->nsig; i++)
		if (!used[i] && k->sig[i].t < to && k->sig[i].end >= from &&
		    k->sig[i].role != RS_PROBE_DOWN)
			sig_fill(&tl->signals[tl->nsignals++], &k->sig[i]);
	sort_any(tl->signals, tl->nsignals, sizeof(*tl->signals), cmp_signal);
	free(used);

	/* claims and reports */
	tl->claims = xcalloc(k->nclaims ? k->nclaims : 1, sizeof(*tl->claims));
	for (i = 0; i < k->nclaims; i++) {
		struct claimrec *r = &k->claims[i];
		struct bo_claim *c = &tl->claims[tl->nclaims];

		if (r->c.time_us < from || r->c.time_us >= to)
			continue;
		claim_place(k, tl, r, w, nw);
		*c = r->c;
		c->kind = xstrdup(r->c.kind);
		c->actor = r->c.actor ? xstrdup(r->c.actor) : NULL;
		c->action = r->c.action ? xstrdup(r->c.action) : NULL;
		c->target = r->c.target ? xstrdup(r->c.target) : NULL;
		c->text = r->c.text ? xstrdup(r->c.text) : NULL;
		c->url = r->c.url ? xstrdup(r->c.url) : NULL;
		c->source = r->c.source ? xstrdup(r->c.source) : NULL;
		c->evidence = xcalloc(1, sizeof(*c->evidence));
		c->evidence[0].input = xstrdup(r->c.evidence[0].input);
		c->evidence[0].member = xstrdup(r->c.evidence[0].member);
		c->evidence[0].offset = r->c.evidence[0].offset;
		c->evidence[0].line = r->c.evidence[0].line;
		c->evidence[0].item = r->c.evidence[0].item;
		c->nevidence = 1;
		tl->nclaims++;
	}

	/* series for the chart */
	for (ti = 0; ti < k->ntg; ti++) {
		struct target *t = &k->tg[ti];

		series_add(tl, xasprintf("%s visible prefixes", t->spec->name),
		    t->spec->name, "prefixes", BO_SRC_BGP, t->pts, t->npts, cs);
	}
	for (i = 0; i < k->nhosts; i++) {
		struct host *h = &k->hosts[i];
		char *tn = tmask_names(k, h->tmask);

		series_add(tl, xasprintf("%s vantage points answering",
		    h->name), tn, "probes", BO_SRC_PROBE, h->pts, h->npts, cs);
		/* replies of all probes, per vantage point and bin_s */
		for (j = 0; j < h->nvps; j++) {
			const struct vp *v = &h->vps[j];
			struct point *pts = xcalloc(v->nbins ? v->nbins : 1,
			    sizeof(*pts));
			size_t b;

			for (b = 0; b < v->nbins; b++) {
				pts[b].t = v->bins[b].idx *
				    (int64_t)k->p.bin_s * US;
				pts[b].v = v->bins[b].replies;
				pts[b].total = v->bins[b].replies +
				    v->bins[b].losses;
			}
			series_add(tl, xasprintf("%s from %s: replies per "
			    "%.0f s", h->name, v->name, k->p.bin_s), tn,
			    "probes", BO_SRC_PROBE, pts, v->nbins, cs);
			free(pts);
		}
		free(tn);
	}

	/* coverage gaps, clipped to the window */
	tl->gaps = k->gaps;
	tl->ngaps = k->ngaps;
	k->gaps = NULL;
	k->ngaps = 0;
	for (i = j = 0; i < tl->ngaps; i++) {
		struct bo_gap *g = &tl->gaps[i];

		if (g->end_us <= from || g->start_us >= to) {
			gap_clear(g);
			continue;
		}
		if (g->start_us < from)
			g->start_us = from;
		if (g->end_us > to)
			g->end_us = to;
		tl->gaps[j++] = *g;
	}
	tl->ngaps = j;
	sort_any(tl->gaps, tl->ngaps, sizeof(*tl->gaps), cmp_gap);
	params_fill(k, tl);
	tl->version = xstrdup(PACKAGE_VERSION);
	for (i = 0; i < nw; i++)
		winc_free(&w[i]);
	free(w);
	return tl;
}

struct bo_timeline *
corr_finish(struct corr *k)
{
	engine_close(k);
	coverage_targets(k);
	return corr_assemble(k);
}
