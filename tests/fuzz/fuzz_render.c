/*
 * Renderers over hostile evidence text: the input is cut at newlines into
 * the strings of a small timeline (title, claim text, actor, URL, series
 * name, evidence places...) and its first bytes give the times and values.
 * Both renderers must run clean under the sanitizers, and the HTML must
 * stay well-formed XML whatever the strings hold; anything else aborts.
 */
#include "config.h"

#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/util.h"

#define NSTR	10

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int64_t
take_i64(const uint8_t *d, size_t n, size_t at)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		v = v << 8 | (at + i < n ? d[at + i] : 0);
	return (int64_t)v;
}

static struct bo_evidence *
evidence(const char *input, const char *member, uint64_t off, size_t *n)
{
	struct bo_evidence *e = xcalloc(1, sizeof(*e));

	e->input = xstrdup(input);
	e->member = xstrdup(member);
	e->offset = off;
	e->line = off & 1 ? off : 0;
	*n = 1;
	return e;
}

static struct bo_timeline *
build(const uint8_t *d, size_t n, char **s)
{
	struct bo_timeline *tl = xcalloc(1, sizeof(*tl));
	struct bo_incident *in;
	struct bo_claim *c;
	struct bo_series *se;
	size_t i;

	tl->title = xstrdup(s[0]);
	tl->version = xstrdup(s[9]);
	tl->ntargets = 1;
	tl->targets = xcalloc(1, sizeof(char *));
	tl->targets[0] = xstrdup(s[1]);
	tl->nincidents = 1;
	tl->incidents = in = xcalloc(1, sizeof(*in));
	in->id = xstrdup(s[1]);
	in->why = xstrdup(s[2]);
	in->kind = xstrdup(s[3]);
	in->onset_us = take_i64(d, n, 0) % (4000LL * 365 * 86400 * 1000000);
	in->has_end = (d[0] & 1) != 0;
	in->end_us = in->onset_us + (take_i64(d, n, 8) & 0xffffffffff);
	in->duration_s = (in->end_us - in->onset_us) / 1000000;
	in->status = (enum bo_status)(d[0] >> 1 & 1);
	in->prefixes_affected = d[0];
	in->prefixes_total = n > 1 ? d[1] : 0;
	in->nsignals = 1;
	in->signals = xcalloc(1, sizeof(*in->signals));
	in->signals[0].time_us = in->onset_us;
	in->signals[0].prec = (enum bo_prec)(d[0] % BO_PREC__COUNT);
	in->signals[0].summary = xstrdup(s[4]);
	in->signals[0].kind = xstrdup(s[3]);
	in->signals[0].vantage = xstrdup(s[5]);
	in->signals[0].evidence = evidence(s[6], s[7], (uint64_t)n,
	    &in->signals[0].nevidence);
	tl->nclaims = 1;
	tl->claims = c = xcalloc(1, sizeof(*c));
	c->time_us = take_i64(d, n, 16) % (4000LL * 365 * 86400 * 1000000);
	c->prec = (enum bo_prec)(n % BO_PREC__COUNT);
	c->cls = (d[0] & 4) ? BO_CLASS_REPORT : BO_CLASS_CLAIM;
	c->kind = xstrdup(s[3]);
	c->actor = xstrdup(s[5]);
	c->action = xstrdup(s[2]);
	c->target = xstrdup(s[1]);
	c->text = xstrdup(s[4]);
	c->url = xstrdup(s[8]);
	c->source = xstrdup(s[6]);
	c->relation = (enum bo_relation)(d[0] % 5);
	c->incident = (long)(d[0] % 3) - 1;
	c->has_lag = true;
	c->lag_s = (c->time_us - in->onset_us) / 1000000;
	c->evidence = evidence(s[7], s[6], 7, &c->nevidence);
	tl->nseries = 1;
	tl->series = se = xcalloc(1, sizeof(*se));
	se->name = xstrdup(s[4]);
	se->unit = xstrdup(s[5]);
	se->src = (enum bo_srctype)(d[0] % BO_SRC__COUNT);
	se->npoints = n < 64 ? n : 64;
	se->points = xcalloc(se->npoints + 1, sizeof(*se->points));
	for (i = 0; i < se->npoints; i++) {
		se->points[i].time_us = in->onset_us + (int64_t)d[i] * 60000000 *
		    (int64_t)(i + 1);
		se->points[i].value = (double)(int8_t)d[i];
		se->points[i].total = (double)(d[i] & 0x3f);
	}
	tl->ngaps = 1;
	tl->gaps = xcalloc(1, sizeof(*tl->gaps));
	tl->gaps[0].scope = xstrdup(s[5]);
	tl->gaps[0].reason = xstrdup(s[2]);
	tl->gaps[0].start_us = c->time_us;
	tl->gaps[0].end_us = in->end_us;
	tl->nparams = 1;
	tl->params = xcalloc(1, sizeof(*tl->params));
	tl->params[0].name = xstrdup("visibility_threshold");
	tl->params[0].value = xstrdup(s[8]);
	tl->params[0].doc = xstrdup(s[0]);
	return tl;
}

static char *
render(int (*fn)(FILE *, const struct bo_timeline *,
    const struct bo_render_opts *), const struct bo_timeline *tl,
    size_t *len)
{
	struct bo_render_opts o;
	char *out = NULL;
	FILE *f = open_memstream(&out, len);

	if (f == NULL)
		abort();
	memset(&o, 0, sizeof(o));
	o.tz = "Asia/Pyongyang";
	if (fn(f, tl, &o) != 0)
		abort();
	fclose(f);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, *s[NSTR], *p, *nl, *out;
	struct bo_timeline *tl;
	XML_Parser xp;
	size_t i, len;

	if (size == 0 || size > 65536)
		return 0;
	copy = xstrndup((const char *)data, size);
	for (i = 0, p = copy; i < NSTR; i++) {
		s[i] = p;
		if ((nl = strchr(p, '\n')) != NULL) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p += strlen(p);
		}
	}
	tl = build(data, size, s);
	out = render(bo_render_html, tl, &len);
	xp = XML_ParserCreate("UTF-8");
	if (XML_Parse(xp, out, (int)len, 1) != XML_STATUS_OK) {
		fprintf(stderr, "not well-formed: line %lu: %s\n",
		    (unsigned long)XML_GetCurrentLineNumber(xp),
		    XML_ErrorString(XML_GetErrorCode(xp)));
		abort();
	}
	XML_ParserFree(xp);
	free(out);
	free(render(bo_render_markdown, tl, &len));
	out = render(bo_render_svg, tl, &len);
	xp = XML_ParserCreate("UTF-8");
	if (XML_Parse(xp, out, (int)len, 1) != XML_STATUS_OK)
		abort();
	XML_ParserFree(xp);
	free(out);
	bo_timeline_free(tl);
	free(copy);
	return 0;
}
