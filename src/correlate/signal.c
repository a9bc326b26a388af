/*
 * Third-party outage signals: what a monitor that is not ours (IODA,
 * Cloudflare Radar, BGPalerter, OONI) says was down, matched to the
 * case's targets by what it names (country code or entity name through
 * aliases, AS, prefix, host).  They become signals of their own class
 * ("monitor.outage"), placed in the incidents they overlap; how they
 * count for confirmation is incident.c's (doc/correlation.md).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/signal.h"
#include "correlate/state.h"
#include "util/util.h"

/* What a statement is about: its targets and how it names them. */
static uint64_t
signal_targets(const struct corr *k, const struct bo_event *ev)
{
	struct bo_prefix h;
	uint64_t m = 0;
	size_t i, j;

	m |= corr_alias_targets(k, ev->country);
	m |= corr_alias_targets(k, ev->target);
	if (ev->host != NULL) {
		if (bo_prefix_parse(ev->host, &h) == 0)
			m |= corr_pfx_targets(k, &h, 0);
		else
			m |= corr_alias_targets(k, ev->host);
	}
	for (i = 0; i < k->ntg; i++) {
		const struct corr_target_spec *s = k->tg[i].spec;

		for (j = 0; j < s->nasns; j++)
			if (ev->asn != 0 && s->asns[j] == ev->asn)
				m |= 1ULL << i;
		for (j = 0; j < s->npfx; j++)
			if (ev->prefix.afi != BO_AFI_NONE &&
			    (bo_prefix_covers(&s->pfx[j], &ev->prefix) ||
			    bo_prefix_covers(&ev->prefix, &s->pfx[j])))
				m |= 1ULL << i;
	}
	return m;
}

static char *
entity_name(const struct bo_event *ev)
{
	char p[64];

	if (ev->country != NULL && ev->country[0] != '\0')
		return xstrdup(ev->country);
	if (ev->asn != 0)
		return xasprintf("AS%" PRIu32, ev->asn);
	if (ev->prefix.afi != BO_AFI_NONE)
		return xstrdup(bo_prefix_format(&ev->prefix, p, sizeof(p)));
	if (ev->host != NULL && ev->host[0] != '\0')
		return xstrdup(ev->host);
	return xstrdup(ev->target ? ev->target : "?");
}

static void
signal_emit(struct corr *k, struct osig *o, int64_t end, bool ongoing,
    const struct evid *ev_end)
{
	struct rsig *s;
	char a[40], b[40], d[32];

	s = corr_sig_add(k, o->t, o->prec, "monitor.outage", o->src,
	    o->tmask);
	s->end = ongoing ? INT64_MAX : end;
	s->role = RS_MONITOR;
	s->monitor = o->monitor;
	s->vantage = xstrdup(o->monitor);
	fmt_time_utc(o->t, 0, a, sizeof(a));
	if (ongoing)
		s->summary = xasprintf("%s%s%s%s: %s down from %s, still at "
		    "the end of the data", o->monitor, o->series ? " (" : "",
		    o->series ? o->series : "", o->series ? ")" : "",
		    o->entity, a);
	else if (end == o->t)
		s->summary = xasprintf("%s%s%s%s: %s down at %s", o->monitor,
		    o->series ? " (" : "", o->series ? o->series : "",
		    o->series ? ")" : "", o->entity, a);
	else
		s->summary = xasprintf("%s%s%s%s: %s down from %s to %s (%s)",
		    o->monitor, o->series ? " (" : "", o->series ? o->series :
		    "", o->series ? ")" : "", o->entity, a,
		    fmt_time_utc(end, 0, b, sizeof(b)),
		    fmt_duration((end - o->t) / US, d, sizeof(d)));
	corr_sig_evid(s, &o->ev);
	if (ev_end != NULL)
		corr_sig_evid(s, ev_end);
}

static int
duration_end(int64_t t, const char *s, int64_t *end)
{
	char *e;
	double d = strtod(s, &e);

	if (*e != '\0' || e == s || !(d >= 0) || d > 1e9)
		return -1;
	*end = t + (int64_t)(d * (double)US);
	return 0;
}

static void
osig_free(struct osig *o)
{
	free(o->entity);
	memset(o, 0, sizeof(*o));
}

/*
 * A statement: down for an instant, down from its time to `end` (or for
 * `duration` seconds), or
 * (`open`) down until the same monitor says the same entity is up again
 * on the same series.  An "up" with nothing open says nothing new.
 */
void
signal_add(struct corr *k, const struct bo_event *ev)
{
	const char *down = bo_event_attr(ev, "down");
	const char *end = bo_event_attr(ev, "end");
	const char *dur = bo_event_attr(ev, "duration");
	const char *open = bo_event_attr(ev, "open");
	const char *series = bo_event_attr(ev, "series");
	struct osig o, *p;
	int64_t t_end;
	size_t i;

	memset(&o, 0, sizeof(o));
	if (down == NULL || ev->collector == NULL)
		return;
	if ((o.tmask = signal_targets(k, ev)) == 0) {
		k->signals_unmatched++;
		return;
	}
	o.monitor = intern_str(k->strs, ev->collector);
	o.series = series && series[0] ? intern_str(k->strs, series) : NULL;
	o.entity = entity_name(ev);
	o.key = intern_str(k->strs, o.entity);
	o.t = ev->time_us;
	o.prec = ev->prec;
	o.src = ev->src;
	evid_from(k, &o.ev, ev);
	/* the same monitor, entity and series: a statement open before */
	for (i = 0, p = NULL; i < k->nopen && p == NULL; i++)
		if (k->open[i].monitor == o.monitor &&
		    k->open[i].series == o.series && k->open[i].key == o.key)
			p = &k->open[i];
	if (strcmp(down, "true") != 0) {
		if (p != NULL) {
			signal_emit(k, p, ev->time_us, false, &o.ev);
			osig_free(p);
			*p = k->open[--k->nopen];
		}
		osig_free(&o);
		return;
	}
	/* an end, or a duration in seconds */
	if ((end != NULL && parse_time_arg(end, &t_end) == 0 &&
	    t_end >= o.t) || (end == NULL && dur != NULL &&
	    duration_end(o.t, dur, &t_end) == 0)) {
		signal_emit(k, &o, t_end, false, NULL);
		osig_free(&o);
		return;
	}
	if (open != NULL && strcmp(open, "true") == 0) {
		/* still down: the first statement holds */
		if (p != NULL) {
			osig_free(&o);
			return;
		}
		k->open = xreallocarray(k->open, k->nopen + 1,
		    sizeof(*k->open));
		k->open[k->nopen++] = o;
		return;
	}
	signal_emit(k, &o, o.t, false, NULL);
	osig_free(&o);
}

/* Statements still open at the end of the data are ongoing. */
void
signal_close(struct corr *k)
{
	size_t i;

	for (i = 0; i < k->nopen; i++) {
		signal_emit(k, &k->open[i], k->now, true, NULL);
		osig_free(&k->open[i]);
	}
	k->nopen = 0;
}

void
signal_free(struct corr *k)
{
	size_t i;

	for (i = 0; i < k->nopen; i++)
		osig_free(&k->open[i]);
	free(k->open);
}
