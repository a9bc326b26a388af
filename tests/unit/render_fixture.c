#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/diag.h>

#include "render_fixture.h"
#include "util/util.h"

#define MIN_US	(60LL * 1000000)

const char render_fixture_nasty[] =
    "= North Korea off button | #offline <b>lol</b> & \"gg\" `rm -rf` "
    "[link](javascript:alert(1)) \xff\xfe bad\x01" "bytes \xe2\x82";

static int64_t
at(int y, unsigned mo, unsigned d, int h, int mi, int s)
{
	return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) *
	    1000000LL;
}

static struct bo_evidence *
ev1(size_t *n, const char *input, const char *member, uint64_t offset,
    uint64_t line)
{
	struct bo_evidence *e = xcalloc(1, sizeof(*e));

	e->input = xstrdup(input);
	e->member = xstrdup(member);
	e->offset = offset;
	e->line = line;
	*n = 1;
	return e;
}

static void
ev_more(struct bo_evidence **e, size_t *n, const char *input,
    const char *member, uint64_t offset, uint64_t line)
{
	*e = xreallocarray(*e, *n + 1, sizeof(**e));
	(*e)[*n].input = xstrdup(input);
	(*e)[*n].member = xstrdup(member);
	(*e)[*n].offset = offset;
	(*e)[*n].line = line;
	(*n)++;
}

static struct bo_signal *
sig(struct bo_signal **v, size_t *n, int64_t t, enum bo_prec prec,
    const char *kind, enum bo_srctype src, const char *summary,
    const char *vantage, bool confirmed)
{
	struct bo_signal *s;

	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	s = &(*v)[(*n)++];
	memset(s, 0, sizeof(*s));
	s->time_us = t;
	s->prec = prec;
	s->kind = xstrdup(kind);
	s->src = src;
	s->summary = xstrdup(summary);
	s->vantage = xstrdup(vantage);
	s->confirmed = confirmed;
	return s;
}

static char **
strv(size_t *n, const char *a, const char *b)
{
	char **v = xcalloc(2, sizeof(*v));

	v[0] = xstrdup(a);
	*n = 1;
	if (b != NULL) {
		v[1] = xstrdup(b);
		*n = 2;
	}
	return v;
}

static struct bo_incident *
incident(struct bo_timeline *tl, const char *id, int64_t onset, int64_t end,
    enum bo_status st, const char *kind, uint32_t affected, const char *why)
{
	struct bo_incident *in;

	tl->incidents = xreallocarray(tl->incidents, tl->nincidents + 1,
	    sizeof(*tl->incidents));
	in = &tl->incidents[tl->nincidents++];
	memset(in, 0, sizeof(*in));
	in->id = xstrdup(id);
	in->targets = strv(&in->ntargets, "AS131279", "175.45.176.0/22");
	in->onset_us = onset;
	in->onset_prec = BO_PREC_S;
	in->has_end = true;
	in->end_us = end;
	in->end_prec = BO_PREC_S;
	in->duration_s = (end - onset) / 1000000;
	in->status = st;
	in->why = xstrdup(why);
	in->kind = xstrdup(kind);
	in->prefixes_affected = affected;
	in->prefixes_total = 4;
	return in;
}

static void
claim(struct bo_timeline *tl, int64_t t, enum bo_prec prec, enum bo_class cls,
    const char *kind, const char *actor, const char *action,
    const char *target, const char *text, const char *url,
    const char *source, enum bo_relation rel, long inc, bool match,
    const char *input, uint64_t line)
{
	struct bo_claim *c;

	tl->claims = xreallocarray(tl->claims, tl->nclaims + 1,
	    sizeof(*tl->claims));
	c = &tl->claims[tl->nclaims++];
	memset(c, 0, sizeof(*c));
	c->time_us = t;
	c->prec = prec;
	c->cls = cls;
	c->kind = xstrdup(kind);
	c->actor = actor ? xstrdup(actor) : NULL;
	c->action = action ? xstrdup(action) : NULL;
	c->target = target ? xstrdup(target) : NULL;
	c->text = text ? xstrdup(text) : NULL;
	c->url = url ? xstrdup(url) : NULL;
	c->source = xstrdup(source);
	c->relation = rel;
	c->incident = inc;
	c->target_match = match;
	if (inc >= 0) {
		struct bo_incident *in = &tl->incidents[inc];

		c->has_lag = true;
		c->lag_s = (t - in->onset_us) / 1000000;
		in->claims = xreallocarray(in->claims, in->nclaims + 1,
		    sizeof(*in->claims));
		in->claims[in->nclaims++] = tl->nclaims - 1;
	}
	c->evidence = ev1(&c->nevidence, input, "", 0, line);
}

/* Instability on 21-22 Dec: short total withdrawals of some prefixes. */
static const struct {
	int	 d, h0, m0, h1, m1;
	unsigned mask;		/* which of the four /24s */
} flaps[] = {
	{ 21, 9, 10, 9, 35, 0xf },
	{ 21, 13, 40, 14, 20, 0x5 },
	{ 21, 19, 5, 19, 30, 0xf },
	{ 22, 2, 50, 3, 45, 0xa },
	{ 22, 8, 15, 8, 40, 0xf },
	{ 22, 11, 30, 12, 10, 0x3 },
};

static double
bgp_value(int64_t t, unsigned p, size_t k)
{
	size_t i;

	if ((t >= at(2014, 12, 22, 16, 15, 0) &&
	    t < at(2014, 12, 23, 1, 46, 0)) ||
	    (t >= at(2014, 12, 23, 15, 41, 0) &&
	    t < at(2014, 12, 23, 16, 12, 0)))
		return 0;
	for (i = 0; i < BO_NELEM(flaps); i++)
		if ((flaps[i].mask >> p & 1) &&
		    t >= at(2014, 12, flaps[i].d, flaps[i].h0, flaps[i].m0, 0) &&
		    t < at(2014, 12, flaps[i].d, flaps[i].h1, flaps[i].m1, 0))
			return (double)((k + p) % 4);
	return (k + p * 5) % 23 == 0 ? 38 : 39;
}

static struct bo_series *
series(struct bo_timeline *tl, const char *name, const char *unit,
    enum bo_srctype src)
{
	struct bo_series *s;

	tl->series = xreallocarray(tl->series, tl->nseries + 1,
	    sizeof(*tl->series));
	s = &tl->series[tl->nseries++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->target = xstrdup("AS131279");
	s->unit = xstrdup(unit);
	s->src = src;
	return s;
}

static void
point(struct bo_series *s, int64_t t, double v, double total)
{
	s->points = xreallocarray(s->points, s->npoints + 1,
	    sizeof(*s->points));
	s->points[s->npoints].time_us = t;
	s->points[s->npoints].value = v;
	s->points[s->npoints].total = total;
	s->npoints++;
}

static void
make_series(struct bo_timeline *tl)
{
	static const char *names[] = {
		"175.45.176.0/24 full-feed peers",
		"175.45.177.0/24 full-feed peers",
		"175.45.178.0/24 full-feed peers",
		"175.45.179.0/24 full-feed peers",
	};
	int64_t t0 = at(2014, 12, 21, 0, 0, 0), t1 = at(2014, 12, 24, 0, 0, 0);
	int64_t gap0 = at(2014, 12, 23, 4, 0, 0), gap1 = at(2014, 12, 23, 6, 30,
	    0), t;
	struct bo_series *s;
	unsigned p;
	size_t k;
	double v;

	for (p = 0; p < 4; p++) {
		s = series(tl, names[p], "peers", BO_SRC_BGP);
		for (k = 0, t = t0; t < t1; t += 5 * MIN_US, k++)
			point(s, t, bgp_value(t, p, k), 40);
	}
	s = series(tl, "RIPE Atlas probes reaching 175.45.176.0/22", "probes",
	    BO_SRC_PROBE);
	for (k = 0, t = t0; t < t1; t += 15 * MIN_US, k++) {
		if (t >= gap0 && t < gap1)
			continue;
		v = bgp_value(t, 0, k) == 0 ? 0 : bgp_value(t, 1, k) < 10 ?
		    5 : 11 + (double)(k % 2);
		point(s, t, v, 12);
	}
}

static void
make_incidents(struct bo_timeline *tl)
{
	struct bo_incident *in;
	struct bo_signal *s;
	const char *rrc00 = "rrc00.tar", *rv = "route-views2.tar";

	in = incident(tl, "INC-20141221T0910Z-AS131279",
	    at(2014, 12, 21, 9, 10, 23), at(2014, 12, 22, 12, 10, 0),
	    BO_STATUS_UNCONFIRMED, "instability", 4,
	    "Withdrawals and re-announcements of all four prefixes were seen "
	    "at rrc00 only; confirmation needs 2 collectors (min_collectors).");
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 21, 9, 10, 23),
	    BO_PREC_S, "bgp.withdraw", BO_SRC_BGP, "175.45.176.0/22: all four "
	    "/24s withdrawn by 31 of 40 full-feed peers", "rrc00", false);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141221.0910.gz",
	    48213, 0);
	ev_more(&s->evidence, &s->nevidence, rrc00,
	    "updates.20141221.0910.gz", 48377, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 21, 9, 35, 0),
	    BO_PREC_S, "visibility.restore", BO_SRC_BGP, "All four /24s back "
	    "above 50% of full-feed peers", "rrc00", false);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141221.0935.gz",
	    1022, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 22, 2, 50, 0),
	    BO_PREC_S, "visibility.drop", BO_SRC_BGP, "175.45.177.0/24 and "
	    "175.45.179.0/24 below 50% of full-feed peers", "rrc00", false);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141222.0250.gz",
	    7730, 0);

	in = incident(tl, "INC-20141222T1615Z-AS131279",
	    at(2014, 12, 22, 16, 15, 0), at(2014, 12, 23, 1, 46, 0),
	    BO_STATUS_CONFIRMED, "outage", 4,
	    "All four prefixes fell below 50% of full-feed peers at 2 "
	    "collectors (rrc00, route-views2) and 12 of 12 probes lost them, "
	    "for longer than min_outage_s (300 s).");
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 22, 16, 14, 37),
	    BO_PREC_S, "bgp.withdraw", BO_SRC_BGP, "175.45.176.0/24 withdrawn; "
	    "last path 3356 4837 131279", "rrc00 4.69.184.193 AS3356", true);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141222.1610.gz",
	    88213, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 22, 16, 15, 0),
	    BO_PREC_S, "visibility.drop", BO_SRC_BGP, "4 of 4 prefixes seen by "
	    "0 of 40 full-feed peers", "rrc00", true);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141222.1610.gz",
	    88213, 0);
	ev_more(&s->evidence, &s->nevidence, rrc00,
	    "updates.20141222.1610.gz", 90127, 0);
	ev_more(&s->evidence, &s->nevidence, rrc00,
	    "updates.20141222.1610.gz", 91544, 0);
	ev_more(&s->evidence, &s->nevidence, rrc00,
	    "updates.20141222.1615.gz", 310, 0);
	ev_more(&s->evidence, &s->nevidence, rrc00,
	    "updates.20141222.1615.gz", 2291, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 22, 16, 15, 0),
	    BO_PREC_S, "visibility.drop", BO_SRC_BGP, "4 of 4 prefixes seen by "
	    "0 of 28 full-feed peers", "route-views2", true);
	s->evidence = ev1(&s->nevidence, rv, "updates.20141222.1615.bz2",
	    15520, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 22, 16, 20, 0),
	    BO_PREC_MIN, "probe.unreachable", BO_SRC_PROBE, "12 of 12 probes: "
	    "100% loss to 175.45.176.1", "RIPE Atlas msm 1000001", true);
	s->evidence = ev1(&s->nevidence, "atlas-nk-2014.jsonl.gz", "", 0,
	    4521);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 23, 1, 45, 51),
	    BO_PREC_S, "bgp.announce", BO_SRC_BGP, "175.45.176.0/24 announced "
	    "again, path 3356 4837 131279", "rrc00 4.69.184.193 AS3356", true);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141223.0145.gz",
	    5120, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 23, 1, 46, 0),
	    BO_PREC_S, "visibility.restore", BO_SRC_BGP, "4 of 4 prefixes seen "
	    "by 39 of 40 full-feed peers", "rrc00", true);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141223.0145.gz",
	    5120, 0);

	in = incident(tl, "INC-20141223T1541Z-AS131279",
	    at(2014, 12, 23, 15, 41, 0), at(2014, 12, 23, 16, 12, 0),
	    BO_STATUS_CONFIRMED, "outage", 4,
	    "All four prefixes below 50% of full-feed peers at 2 collectors "
	    "for 31 min.");
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 23, 15, 40, 48),
	    BO_PREC_S, "bgp.withdraw", BO_SRC_BGP, "175.45.176.0/22: all four "
	    "/24s withdrawn", "rrc00 4.69.184.193 AS3356", true);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141223.1540.gz",
	    2048, 0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 23, 15, 45, 0),
	    BO_PREC_MIN, "visibility.drop", BO_SRC_BGP, "4 of 4 prefixes seen by "
	    "1 of 28 full-feed peers", "route-views2", true);
	s->evidence = ev1(&s->nevidence, rv, "updates.20141223.1545.bz2", 644,
	    0);
	s = sig(&in->signals, &in->nsignals, at(2014, 12, 23, 16, 12, 0),
	    BO_PREC_S, "visibility.restore", BO_SRC_BGP, "4 of 4 prefixes seen "
	    "by 38 of 40 full-feed peers", "rrc00", true);
	s->evidence = ev1(&s->nevidence, rrc00, "updates.20141223.1610.gz",
	    17408, 0);

	s = sig(&tl->signals, &tl->nsignals, at(2014, 12, 22, 8, 0, 0),
	    BO_PREC_MIN, "probe.loss", BO_SRC_PROBE, "1 probe lost 5 of 5 "
	    "pings to 175.45.178.1; no other probe or collector agrees",
	    "RIPE Atlas probe 6012", false);
	s->evidence = ev1(&s->nevidence, "atlas-nk-2014.jsonl.gz", "", 0,
	    2207);
}

static void
make_claims(struct bo_timeline *tl)
{
	const char *tw = "claims-2014-12.jsonl", *rss = "news-2014-12.xml";

	claim(tl, at(2014, 12, 19, 0, 0, 0), BO_PREC_DAY, BO_CLASS_CLAIM,
	    "claim.threat", "@TheAnonMessage", "threatens to release "
	    "\"The Interview\"", "North Korea", "Attention North Korea: we "
	    "will release \"The Interview\" ourselves & you can't stop it "
	    "<3 #OpRIPNK", NULL, "twitter @TheAnonMessage",
	    BO_REL_BEFORE_ONSET, 1, true, tw, 3);
	claim(tl, at(2014, 12, 21, 14, 2, 0), BO_PREC_MIN, BO_CLASS_REPORT,
	    "report.news", "addictinginfo.org", "reports #OpRIPNK announced",
	    "North Korea", "Anonymous vows to release The Interview on "
	    "Christmas Day: Operation RIP North Korea is on",
	    "http://www.addictinginfo.org/2014/12/21/anonymous-vows-to-"
	    "release-the-interview-on-christmas-day-operation-rip-north-korea"
	    "-is-on/", "Addicting Info", BO_REL_BEFORE_ONSET, 1, true, rss, 41);
	claim(tl, at(2014, 12, 22, 18, 2, 0), BO_PREC_MIN, BO_CLASS_REPORT,
	    "report.news", "Tom's Guide", "reports outage", "North Korea",
	    "North Korea's Internet is down; Cloudflare's Prince: \"toast\"",
	    "https://www.tomsguide.com/us/north-korea-internet-outage,news-"
	    "20054.html", "Tom's Guide", BO_REL_DURING, 1, true, rss, 88);
	claim(tl, at(2014, 12, 22, 21, 30, 0), BO_PREC_MIN, BO_CLASS_REPORT,
	    "report.statement", "US State Department (Marie Harf)",
	    "declines to deny", "North Korea", "Some will be seen, some may "
	    "not be seen.", "http://in.reuters.com/article/sony-cybersecurity-"
	    "northkorea-idINL6N0U63DM20141222", "Reuters", BO_REL_DURING, 1,
	    true, rss, 102);
	claim(tl, at(2014, 12, 23, 2, 30, 0), BO_PREC_MIN, BO_CLASS_REPORT,
	    "report.news", "ZDNet", "reports restoration", "North Korea",
	    "North Korean internet restored, but still wobbly after 10-hour "
	    "black-out", "https://www.zdnet.com/article/north-korean-internet-"
	    "restored-but-still-wobbly-after-10-hour-black-out/", "ZDNet",
	    BO_REL_AFTER_END, 1, true, rss, 131);
	claim(tl, at(2014, 12, 23, 15, 58, 0), BO_PREC_MIN, BO_CLASS_CLAIM,
	    "claim.credit", "Lizard Squad", "hints at credit", "North Korea",
	    render_fixture_nasty, "javascript:alert(1)", "twitter @LizardUnit",
	    BO_REL_DURING, 2, true, tw, 17);
	claim(tl, at(2014, 12, 23, 17, 38, 0), BO_PREC_MIN, BO_CLASS_CLAIM,
	    "claim.credit", "Gator League (via @An0nKn0wledge)", "took offline",
	    "North Korea", "Confirmed: Gator League took down North Korea's "
	    "internet", "https://techraptor.net/technology/news/rumor-hacker-"
	    "groups-claim-responsibility-north-korean-internet-outage",
	    "TechRaptor", BO_REL_AFTER_END, 2, true, rss, 160);
	claim(tl, at(2014, 12, 25, 0, 0, 0), BO_PREC_DAY, BO_CLASS_CLAIM,
	    "claim.credit", "Lizard Squad", "took offline", "PSN, Xbox Live",
	    "PSN #offline", NULL, "twitter @LizardMafia",
	    BO_REL_NO_MATCHING_SIGNAL, -1, false, tw, 29);
	claim(tl, at(2014, 12, 27, 10, 30, 0), BO_PREC_HOUR, BO_CLASS_CLAIM,
	    "claim.blame", "NDC of the DPRK (via KCNA)", "blames the US for "
	    "disturbing the internet", "North Korea", "The US is disturbing "
	    "the internet operation of major media of the DPRK",
	    "https://thenewsline.net/2014/12/north-korea-suffers-another-"
	    "internet-shutdown/", "The News Line", BO_REL_NO_MATCHING_SIGNAL,
	    -1, true, rss, 207);
}

static void
param(struct bo_timeline *tl, const char *name, const char *value,
    const char *doc)
{
	struct bo_param *p;

	tl->params = xreallocarray(tl->params, tl->nparams + 1,
	    sizeof(*tl->params));
	p = &tl->params[tl->nparams++];
	p->name = xstrdup(name);
	p->value = xstrdup(value);
	p->doc = xstrdup(doc);
}

static void
input(struct bo_timeline *tl, const char *path, const char *sha,
    uint64_t bytes, uint64_t read, uint64_t skipped, uint64_t failed)
{
	struct bo_input_info *in;

	tl->inputs = xreallocarray(tl->inputs, tl->ninputs + 1,
	    sizeof(*tl->inputs));
	in = &tl->inputs[tl->ninputs++];
	memset(in, 0, sizeof(*in));
	in->path = xstrdup(path);
	snprintf(in->sha256, sizeof(in->sha256), "%s", sha);
	in->bytes = bytes;
	in->members_read = read;
	in->members_skipped = skipped;
	in->members_failed = failed;
}

static void
rule(struct bo_timeline *tl, const char *id, const char *version,
    const char *file)
{
	struct bo_rule_info *r;

	tl->rules = xreallocarray(tl->rules, tl->nrules + 1, sizeof(*tl->rules));
	r = &tl->rules[tl->nrules++];
	r->id = xstrdup(id);
	r->version = xstrdup(version);
	r->file = xstrdup(file);
	/* a stand-in digest: the fixture has no rule files to hash */
	snprintf(r->sha256, sizeof(r->sha256), "%064zx", tl->nrules);
}

static void
make_methods(struct bo_timeline *tl)
{
	struct bo_gap *g;

	tl->gaps = xcalloc(2, sizeof(*tl->gaps));
	tl->ngaps = 2;
	g = &tl->gaps[0];
	g->scope = xstrdup("route-views2");
	g->start_us = at(2014, 12, 22, 20, 0, 0);
	g->end_us = at(2014, 12, 22, 20, 15, 0);
	g->reason = xstrdup("missing update file updates.20141222.2000.bz2");
	g->evidence = ev1(&g->nevidence, "route-views2.tar", "", 0, 0);
	g = &tl->gaps[1];
	g->scope = xstrdup("RIPE Atlas msm 1000001");
	g->start_us = at(2014, 12, 23, 4, 0, 0);
	g->end_us = at(2014, 12, 23, 6, 30, 0);
	g->reason = xstrdup("no results from any probe");
	g->evidence = ev1(&g->nevidence, "atlas-nk-2014.jsonl.gz", "", 0,
	    6610);

	input(tl, "rrc00.tar", "3b1f0c5e9d2a47e8b6c1d0f9a8e7b6c5d4e3f2a1b0c9d8e7"
	    "f6a5b4c3d2e1f0a9", 48211968, 288, 0, 0);
	input(tl, "route-views2.tar", "a4c2e1f09b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4"
	    "e3f2a1b0c9d8e7f6a5b4c3d", 31457280, 287, 0, 1);
	input(tl, "atlas-nk-2014.jsonl.gz", "0f9e8d7c6b5a49382716f5e4d3c2b1a09"
	    "f8e7d6c5b4a3928171605f4e3d2c1", 2097152, 1, 0, 0);
	input(tl, "claims-2014-12.jsonl", "5d6e7f8091a2b3c4d5e6f708192a3b4c5d"
	    "6e7f8091a2b3c4d5e6f708192a3b", 18432, 1, 0, 0);
	input(tl, "news-2014-12.xml", "9a8b7c6d5e4f30211f2e3d4c5b6a79881a2b3"
	    "c4d5e6f708192a3b4c5d6e7f8", 65536, 1, 0, 0);
	param(tl, "visibility_threshold", "0.5", "a prefix is visible when more "
	    "than this share of full-feed peers see it");
	param(tl, "full_feed_min_prefixes", "400000", "a peer is full-feed "
	    "when it announces at least this many IPv4 prefixes");
	param(tl, "min_collectors", "2", "collectors that must agree before "
	    "an incident is confirmed");
	param(tl, "min_outage_s", "300", "shortest loss of visibility that "
	    "counts as an outage");
	param(tl, "sample_s", "300", "visibility is sampled every this many "
	    "seconds");
	rule(tl, "atlas-ping-json", "2", "rules/atlas.yaml");
	rule(tl, "twitter-v1-json", "1", "rules/twitter.yaml");
	rule(tl, "rss-news", "1", "rules/rss.yaml");
	tl->counters[BO_CNT_INPUTS] = 5;
	tl->counters[BO_CNT_MEMBERS_READ] = 578;
	tl->counters[BO_CNT_MEMBERS_FAILED] = 1;
	tl->counters[BO_CNT_RECORDS] = 1843221;
	tl->counters[BO_CNT_RECORDS_SKIPPED] = 3;
	tl->counters[BO_CNT_LINES_UNMATCHED] = 12;
	tl->counters[BO_CNT_EVENTS] = 1790456;
	tl->counters[BO_CNT_WARNINGS] = 4;
}

struct bo_timeline *
render_fixture_nk2014(void)
{
	struct bo_timeline *tl = xcalloc(1, sizeof(*tl));

	tl->title = xstrdup("North Korea offline: the December 2014 outages "
	    "of AS131279");
	tl->tz = xstrdup("Asia/Pyongyang");
	tl->has_window = true;
	tl->from_us = at(2014, 12, 19, 0, 0, 0);
	tl->to_us = at(2014, 12, 28, 0, 0, 0);
	tl->targets = strv(&tl->ntargets, "AS131279", "175.45.176.0/22");
	make_incidents(tl);
	make_claims(tl);
	make_series(tl);
	make_methods(tl);
	tl->version = xstrdup("0.1-fixture");
	return tl;
}
