/*
 * Probes and host states: reply/loss series per (host, vantage point),
 * the periods when no vantage point reached a host, and router session
 * signals.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/probe.h"
#include "correlate/route.h"
#include "correlate/state.h"
#include "util/util.h"

/* ---- probes ---- */

static uint64_t
host_targets(const struct corr *k, const struct bo_event *ev)
{
	struct bo_prefix h;
	uint64_t m = 0;
	size_t i, j;

	memset(&h, 0, sizeof(h));
	if (ev->host == NULL || bo_prefix_parse(ev->host, &h) != 0) {
		h = ev->prefix;
		/* a monitor names hosts as its configuration does */
		if (ev->host != NULL)
			m |= corr_alias_targets(k, ev->host);
	}
	if (h.afi != BO_AFI_NONE) {
		m |= corr_pfx_targets(k, &h, 0) |
		    pfxindex_covering(k->px_ix, &h);
	}
	if (ev->asn != 0)
		for (i = 0; i < k->ntg; i++)
			for (j = 0; j < k->tg[i].spec->nasns; j++)
				if (k->tg[i].spec->asns[j] == ev->asn)
					m |= 1ULL << i;
	return m;
}

void
probe_host_close(struct corr *k, struct host *h, int64_t now, enum bo_prec prec,
    const struct evid *ev, bool ongoing)
{
	struct period *pd = &h->cur;
	struct rsig *s;
	char d[32];

	h->down = false;
	if ((ongoing ? now : now) - pd->start <
	    (int64_t)k->p.probe_min_s * US)
		return;
	s = corr_sig_add(k, pd->start, pd->start_prec, "probe.unreachable",
	    BO_SRC_PROBE, h->tmask);
	s->end = ongoing ? INT64_MAX : now;
	s->role = RS_PROBE_DOWN;
	s->vantage = xasprintf("%zu vantage point%s", h->nvps,
	    h->nvps == 1 ? "" : "s");
	if (ongoing)
		s->summary = xasprintf("%s: no reply from any of %zu vantage "
		    "points, still at the end of the data", h->name, h->nvps);
	else
		s->summary = xasprintf("%s: no reply from any of %zu vantage "
		    "points for %s", h->name, h->nvps,
		    fmt_duration((now - pd->start) / US, d, sizeof(d)));
	corr_sig_evid(s, &pd->ev_start);
	if (!ongoing && ev)
		corr_sig_evid(s, ev);
	(void)prec;
}

/*
 * One sample of a host from one vantage point: ok is a reply (or a
 * monitor's "up"), else a loss.  A host is down while no vantage point
 * has it up.
 */
static void
probe_sample(struct corr *k, const struct bo_event *ev, const char *name,
    bool ok)
{
	char buf[64];
	struct host *h = NULL;
	struct vp *v = NULL;
	const char *vpn;
	size_t i, up = 0;

	if (name == NULL && ev->prefix.afi != BO_AFI_NONE)
		name = bo_prefix_format(&ev->prefix, buf, sizeof(buf));
	if (name == NULL)
		return;
	name = intern_str(k->strs, name);
	for (i = 0; i < k->nhosts; i++)
		if (k->hosts[i].name == name)
			h = &k->hosts[i];
	if (h == NULL) {
		uint64_t m = host_targets(k, ev);

		if (m == 0) {
			k->probes_unmatched++;
			return;
		}
		k->hosts = xreallocarray(k->hosts, k->nhosts + 1,
		    sizeof(*k->hosts));
		h = &k->hosts[k->nhosts++];
		memset(h, 0, sizeof(*h));
		h->name = name;
		h->tmask = m;
	}
	vpn = intern_str(k->strs, ev->collector ? ev->collector :
	    (ev->peer ? ev->peer : "probe"));
	for (i = 0; i < h->nvps; i++)
		if (h->vps[i].name == vpn)
			v = &h->vps[i];
	if (v == NULL) {
		h->vps = xreallocarray(h->vps, h->nvps + 1, sizeof(*h->vps));
		v = &h->vps[h->nvps++];
		memset(v, 0, sizeof(*v));
		v->name = vpn;
		v->ok = true;
		v->streak = INT64_MIN;
	}
	{
		int64_t idx = ev->time_us / ((int64_t)k->p.bin_s * US);

		if (v->nbins == 0 || v->bins[v->nbins - 1].idx != idx) {
			xgrow(&v->bins, &v->capbins, v->nbins,
			    sizeof(*v->bins));
			memset(&v->bins[v->nbins], 0, sizeof(*v->bins));
			v->bins[v->nbins++].idx = idx;
		}
		if (ok)
			v->bins[v->nbins - 1].replies++;
		else
			v->bins[v->nbins - 1].losses++;
	}
	if (ok) {
		h->replies++;
		v->ok = true;
		v->streak = INT64_MIN;
	} else {
		h->losses++;
		if (v->ok || v->streak == INT64_MIN) {
			v->streak = ev->time_us;
			v->prec = ev->prec;
			evid_from(k, &v->ev, ev);
		}
		v->ok = false;
	}
	for (i = 0; i < h->nvps; i++)
		if (h->vps[i].ok)
			up++;
	if (!h->down && up == 0) {
		/* all lost since the latest of the streaks began */
		struct vp *last = &h->vps[0];

		for (i = 1; i < h->nvps; i++)
			if (h->vps[i].streak > last->streak)
				last = &h->vps[i];
		h->down = true;
		memset(&h->cur, 0, sizeof(h->cur));
		h->cur.start = last->streak;
		h->cur.start_prec = last->prec;
		h->cur.ev_start = last->ev;
		h->cur.total = (uint32_t)h->nvps;
	} else if (h->down && up > 0) {
		struct evid e;

		evid_from(k, &e, ev);
		probe_host_close(k, h, ev->time_us, ev->prec, &e, false);
	}
	corr_pts_push(&h->pts, &h->npts, ev->time_us, (uint32_t)up,
	    (uint32_t)h->nvps);
}

/* Two spellings of one address ("2001:db8::1", "2001:0db8::1") are one. */
static bool
same_host(const char *a, const char *b)
{
	struct bo_prefix x, y;

	if (bo_prefix_parse(a, &x) == 0 && bo_prefix_parse(b, &y) == 0)
		return bo_prefix_cmp(&x, &y) == 0;
	return strcasecmp(a, b) == 0;
}

/*
 * Reachability: `reached` says it; else a traceroute hop's responder
 * reached the target when it is the target, and otherwise is a router on
 * the way, which says nothing of the target.
 */
void
probe_event(struct corr *k, const struct bo_event *ev)
{
	const char *r = bo_event_attr(ev, "reached");
	const char *who = bo_event_attr(ev, "responder");

	/* A statistics line (sent/rcvd over a whole run) dated only by its
	 * file, to the hour or the day, says how many answered, not when:
	 * it can neither start nor end a loss streak. */
	if (ev->prec >= BO_PREC_HOUR && bo_event_attr(ev, "sent") != NULL) {
		k->path_only++;
		return;
	}
	if (r != NULL && (strcmp(r, "true") == 0 || strcmp(r, "false") == 0)) {
		probe_sample(k, ev, ev->host, strcmp(r, "true") == 0);
		return;
	}
	if (who != NULL && who[0] != '\0' && ev->host != NULL &&
	    same_host(who, ev->host))
		probe_sample(k, ev, ev->host, true);
	else
		k->path_only++;
}

/* A monitor's state of a host, or of one service of it. */
void
probe_host_state(struct corr *k, const struct bo_event *ev)
{
	const char *up = bo_event_attr(ev, "up");
	const char *svc = bo_event_attr(ev, "service");
	char *name;

	if (up == NULL || ev->host == NULL)
		return;
	if (svc == NULL || svc[0] == '\0') {
		probe_sample(k, ev, ev->host, strcmp(up, "true") == 0);
		return;
	}
	name = xasprintf("%s %s", ev->host, svc);
	probe_sample(k, ev, name, strcmp(up, "true") == 0);
	free(name);
}

/* ---- router logs ---- */

void
probe_router_event(struct corr *k, const struct bo_event *ev)
{
	uint64_t m = host_targets(k, ev);
	const char *state = bo_event_attr(ev, "new_state");
	struct rsig *s;
	struct evid e;
	size_t i, j;
	bool down;

	if (ev->peer_as != 0)
		for (i = 0; i < k->ntg; i++)
			for (j = 0; j < k->tg[i].spec->nasns; j++)
				if (k->tg[i].spec->asns[j] == ev->peer_as)
					m |= 1ULL << i;
	if (ev->peer != NULL) {
		struct bo_prefix a;

		if (bo_prefix_parse(ev->peer, &a) == 0) {
			m |= corr_pfx_targets(k, &a, 0) |
			    pfxindex_covering(k->px_ix, &a);
		}
	}
	if (m == 0)
		return;
	if (state == NULL)
		return;
	down = !route_state_is_up(state);
	s = corr_sig_add(k, ev->time_us, ev->prec, down ? "router.session_down" :
	    "router.session_up", BO_SRC_ROUTER, m);
	s->role = down ? RS_ROUTER_DOWN : RS_INFO;
	s->vantage = xstrdup(ev->collector ? ev->collector : "router");
	s->summary = xasprintf("%s: %s%s%s", ev->collector ? ev->collector :
	    "router", ev->kind, ev->text ? ": " : "", ev->text ? ev->text : "");
	evid_from(k, &e, ev);
	corr_sig_evid(s, &e);
}
