#include "config.h"

#include <stdlib.h>

#include <blackout/timeline.h>

#include "util/util.h"

static void
evidence_free(struct bo_evidence *ev, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(ev[i].input);
		free(ev[i].member);
	}
	free(ev);
}

static void
signals_free(struct bo_signal *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(s[i].kind);
		free(s[i].summary);
		free(s[i].vantage);
		evidence_free(s[i].evidence, s[i].nevidence);
	}
	free(s);
}

/* Accepts half-built timelines: every pointer may be NULL. */
void
bo_timeline_free(struct bo_timeline *tl)
{
	size_t i, j;

	if (tl == NULL)
		return;
	free(tl->title);
	free(tl->tz);
	strv_free(tl->targets, tl->ntargets);
	for (i = 0; i < tl->nincidents; i++) {
		struct bo_incident *in = &tl->incidents[i];

		free(in->id);
		strv_free(in->targets, in->ntargets);
		free(in->why);
		free(in->kind);
		signals_free(in->signals, in->nsignals);
		free(in->claims);
		strv_free(in->prefixes, in->nprefixes);
		free(in->origins);
		free(in->effect);
		for (j = 0; j < in->nparts; j++) {
			free(in->parts[j].target);
			free(in->parts[j].member);
			free(in->parts[j].family);
		}
		free(in->parts);
	}
	free(tl->incidents);
	for (i = 0; i < tl->nclaims; i++) {
		struct bo_claim *c = &tl->claims[i];

		free(c->kind);
		free(c->actor);
		free(c->action);
		free(c->target);
		free(c->text);
		free(c->url);
		free(c->source);
		evidence_free(c->evidence, c->nevidence);
	}
	free(tl->claims);
	signals_free(tl->signals, tl->nsignals);
	for (i = 0; i < tl->nseries; i++) {
		free(tl->series[i].name);
		free(tl->series[i].target);
		free(tl->series[i].unit);
		free(tl->series[i].points);
	}
	free(tl->series);
	for (i = 0; i < tl->ngaps; i++) {
		free(tl->gaps[i].scope);
		free(tl->gaps[i].reason);
		evidence_free(tl->gaps[i].evidence, tl->gaps[i].nevidence);
	}
	free(tl->gaps);
	for (i = 0; i < tl->ninputs; i++)
		free(tl->inputs[i].path);
	free(tl->inputs);
	for (i = 0; i < tl->nparams; i++) {
		free(tl->params[i].name);
		free(tl->params[i].value);
		free(tl->params[i].doc);
	}
	free(tl->params);
	for (i = 0; i < tl->nrules; i++) {
		free(tl->rules[i].id);
		free(tl->rules[i].version);
		free(tl->rules[i].file);
	}
	free(tl->rules);
	free(tl->version);
	free(tl);
}
