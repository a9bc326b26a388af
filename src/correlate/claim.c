/*
 * Claims and reports: what they say, and which targets they name (by
 * name, alias, AS number or prefix, as a word of their text), and where
 * each stands against the incidents.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "correlate/claim.h"
#include "correlate/state.h"
#include "util/util.h"

/* ---- claims and reports ---- */

/*
 * Whether word occurs in s starting a word (case-insensitive): an alias
 * "NK" must not match "think", "bank" or "#OpRIPNK".  Names of four
 * letters or more may run on into an inflection ("North Korean", "DPRKs");
 * shorter ones and numbers must end there too ("AS131279" is not the
 * start of "AS1312790").
 */
static bool
has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	if (n == 0)
		return false;
	for (p = s; (p = strcasestr(p, word)) != NULL; p++) {
		bool before = p == s || !isalnum((unsigned char)p[-1]);
		bool after = !isalnum((unsigned char)p[n]) ||
		    (n >= 4 && isalpha((unsigned char)p[n]) &&
		    isalpha((unsigned char)word[n - 1]));

		if (before && after)
			return true;
	}
	return false;
}

static bool
names_target(const struct corr_target_spec *s, const char *str)
{
	size_t i;

	if (str == NULL || str[0] == '\0')
		return false;
	if (has_word(str, s->name))
		return true;
	for (i = 0; i < s->naliases; i++)
		if (has_word(str, s->aliases[i]))
			return true;
	for (i = 0; i < s->nasns; i++) {
		char as[16];

		snprintf(as, sizeof(as), "AS%" PRIu32, s->asns[i]);
		if (has_word(str, as))
			return true;
	}
	for (i = 0; i < s->npfx; i++) {
		char p[64];

		bo_prefix_format(&s->pfx[i], p, sizeof(p));
		if (has_word(str, p))
			return true;
	}
	return false;
}

static bool
text_names_as(const char *s)
{
	const char *p;

	for (p = s; (p = strcasestr(p, "AS")) != NULL; p += 2)
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    isdigit((unsigned char)p[2]))
			return true;
	return false;
}

void
claim_add(struct corr *k, const struct bo_event *ev)
{
	struct claimrec *r;
	struct bo_claim *c;
	struct evid e;
	size_t i;

	k->claims = xreallocarray(k->claims, k->nclaims + 1,
	    sizeof(*k->claims));
	r = &k->claims[k->nclaims++];
	memset(r, 0, sizeof(*r));
	c = &r->c;
	c->time_us = ev->time_us;
	c->prec = ev->prec;
	c->cls = ev->cls;
	c->kind = xstrdup(ev->kind ? ev->kind : "");
	c->actor = ev->actor ? xstrdup(ev->actor) : NULL;
	c->action = ev->action ? xstrdup(ev->action) : NULL;
	c->target = ev->target ? xstrdup(ev->target) : NULL;
	c->text = ev->text ? xstrdup(ev->text) : NULL;
	c->url = bo_event_attr(ev, "url") ?
	    xstrdup(bo_event_attr(ev, "url")) : NULL;
	c->source = ev->collector ? xstrdup(ev->collector) : NULL;
	c->incident = -1;
	c->relation = BO_REL_NO_MATCHING_SIGNAL;
	evid_from(k, &e, ev);
	c->evidence = xcalloc(1, sizeof(*c->evidence));
	/* borrowed interned strings until the timeline copies them */
	c->evidence[0].input = (char *)e.input;
	c->evidence[0].member = (char *)e.member;
	c->evidence[0].offset = e.offset;
	c->evidence[0].line = e.line;
	c->evidence[0].item = e.item;
	c->nevidence = 1;
	/* The claimed target as written, else the text: what it names. */
	r->has_subject = (ev->target && ev->target[0]) || ev->asn != 0 ||
	    ev->prefix.afi != BO_AFI_NONE;
	for (i = 0; i < k->ntg; i++) {
		const struct corr_target_spec *s = k->tg[i].spec;
		size_t j;

		if (names_target(s, ev->target) ||
		    (!r->has_subject && names_target(s, ev->text)))
			r->tmask |= 1ULL << i;
		for (j = 0; j < s->nasns; j++)
			if (ev->asn != 0 && s->asns[j] == ev->asn)
				r->tmask |= 1ULL << i;
		for (j = 0; j < s->npfx; j++)
			if (ev->prefix.afi != BO_AFI_NONE &&
			    (bo_prefix_covers(&s->pfx[j], &ev->prefix) ||
			    bo_prefix_covers(&ev->prefix, &s->pfx[j])))
				r->tmask |= 1ULL << i;
	}
	if (!r->has_subject && r->tmask != 0)
		r->has_subject = true;
	/* "AS64502 is down" names a network even when the rules found no
	 * target: it is about that AS, matched or not */
	if (!r->has_subject && ev->text != NULL && text_names_as(ev->text))
		r->has_subject = true;
}

/*
 * Places a claim against the nearest incident of a target it names
 * within claim_window_s, and says how it relates to it.
 */
void
claim_place(struct corr *k, struct bo_timeline *tl, struct claimrec *r,
    const struct winc *w, size_t nw)
{
	struct bo_claim *c = &r->c;
	int64_t best = INT64_MAX, lim = (int64_t)k->p.claim_window_s * US;
	int64_t span = bo_prec_span_us(c->prec);
	long bi = -1;
	size_t i;

	c->relation = BO_REL_NO_MATCHING_SIGNAL;
	c->incident = -1;
	c->has_lag = false;
	c->target_match = false;
	/* A claim naming something outside the case matches nothing. */
	if (r->has_subject && r->tmask == 0)
		return;
	for (i = 0; i < nw; i++) {
		int64_t dist;

		if (r->has_subject && !(w[i].tmask & r->tmask))
			continue;
		if (c->time_us + span <= w[i].onset)
			dist = w[i].onset - c->time_us;
		else if (w[i].end != INT64_MAX && c->time_us >= w[i].end +
		    bo_prec_span_us(w[i].end_prec))
			dist = c->time_us - w[i].end;
		else
			dist = 0;
		if (dist <= lim && dist < best) {
			best = dist;
			bi = (long)i;
		}
	}
	if (bi < 0)
		return;
	c->incident = bi;
	c->target_match = (w[bi].tmask & r->tmask) != 0;
	c->has_lag = true;
	/* floor division: 59 s before onset is -59, not -58 */
	c->lag_s = (c->time_us - w[bi].onset) / US;
	if ((c->time_us - w[bi].onset) % US < 0)
		c->lag_s--;
	/* Overlapping uncertainty intervals: order is not asserted, the
	 * claim counts as during. */
	if (c->time_us + span <= w[bi].onset)
		c->relation = BO_REL_BEFORE_ONSET;
	else if (w[bi].end != INT64_MAX && c->time_us >= w[bi].end +
	    bo_prec_span_us(w[bi].end_prec))
		c->relation = BO_REL_AFTER_END;
	else
		c->relation = BO_REL_DURING;
	{
		struct bo_incident *in = &tl->incidents[bi];

		in->claims = xreallocarray(in->claims, in->nclaims + 1,
		    sizeof(*in->claims));
		in->claims[in->nclaims++] = tl->nclaims;
	}
}
