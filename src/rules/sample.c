/*
 * Rule samples are the rule's own tests (as lnav's sample lines and
 * Sigma's regression data are): each sample's input goes through the same
 * decoder `ingest` uses, and the events that come out must match the
 * listed fields, in order and in number.  Warnings count as mismatches
 * unless the sample says how many it expects.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_private.h"

struct srun {
	struct buf	*rep;
	const char	*file;
	struct rmark	 mark;
	uint64_t	 unmatched;
	uint64_t	 warnings;
};

static void
sample_diag(void *arg, enum bo_grade g, const char *msg)
{
	struct srun *sr = arg;

	if (g < BO_WARN)
		return;
	sr->warnings++;
	buf_printf(sr->rep, "%s:%" PRIu64 ":%" PRIu64 ": sample warned: %s\n",
	    sr->file, sr->mark.line, sr->mark.col, msg);
}

static void
sample_unmatched(void *arg, const char *input, const char *member,
    uint64_t line, const char *text, size_t len)
{
	struct srun *sr = arg;

	(void)input;
	(void)member;
	(void)line;
	(void)text;
	(void)len;
	sr->unmatched++;
}

/* The event's value for a sample key, formatted as samples write it;
 * NULL when the event has none. */
static const char *
event_value(const struct bo_event *ev, const char *key, char *tmp,
    size_t len)
{
	if (strncmp(key, "attrs.", 6) == 0)
		return bo_event_attr(ev, key + 6);
	if (strcmp(key, "kind") == 0)
		return ev->kind;
	if (strcmp(key, "class") == 0)
		return bo_class_name(ev->cls);
	if (strcmp(key, "role") == 0)
		return ev->role != BO_ROLE_NONE ? bo_role_name(ev->role) :
		    NULL;
	if (strcmp(key, "src") == 0)
		return bo_srctype_name(ev->src);
	if (strcmp(key, "prec") == 0)
		return bo_prec_name(ev->prec);
	if (strcmp(key, "collector") == 0)
		return ev->collector;
	if (strcmp(key, "peer") == 0)
		return ev->peer;
	if (strcmp(key, "host") == 0)
		return ev->host;
	if (strcmp(key, "country") == 0)
		return ev->country;
	if (strcmp(key, "actor") == 0)
		return ev->actor;
	if (strcmp(key, "action") == 0)
		return ev->action;
	if (strcmp(key, "target") == 0)
		return ev->target;
	if (strcmp(key, "text") == 0)
		return ev->text;
	if (strcmp(key, "line") == 0) {
		snprintf(tmp, len, "%" PRIu64, ev->prov.line);
		return tmp;
	}
	if (strcmp(key, "asn") == 0) {
		if (ev->asn == 0)
			return NULL;
		snprintf(tmp, len, "%" PRIu32, ev->asn);
		return tmp;
	}
	if (strcmp(key, "peer_as") == 0) {
		if (ev->peer_as == 0)
			return NULL;
		snprintf(tmp, len, "%" PRIu32, ev->peer_as);
		return tmp;
	}
	if (strcmp(key, "prefix") == 0)
		return ev->prefix.afi == BO_AFI_NONE ? NULL :
		    bo_prefix_format(&ev->prefix, tmp, len);
	if (strcmp(key, "time") == 0)
		return fmt_time_utc(ev->time_us, 1, tmp, len);
	return NULL;
}

static int
value_matches(const char *key, const char *want, const char *got)
{
	int64_t a, b;

	if (want[0] == '\0')
		return got == NULL;
	if (got == NULL)
		return 0;
	if (strcmp(key, "time") == 0) {
		if (parse_time_arg(want, &a) != 0 || parse_time_arg(got,
		    &b) != 0)
			return 0;
		return a == b;
	}
	return strcmp(want, got) == 0;
}

static size_t
compare(struct srun *sr, const struct rsample *s, struct bo_evstore *st)
{
	size_t i, j, bad = 0, n = bo_evstore_count(st);
	char tmp[64];

	if (n != s->nevs) {
		buf_printf(sr->rep, "%s:%" PRIu64 ":%" PRIu64 ": sample gave "
		    "%zu events, expected %zu\n", sr->file, s->mark.line,
		    s->mark.col, n, s->nevs);
		for (i = 0; i < n; i++) {
			const struct bo_event *ev = bo_evstore_get(st, i);

			buf_printf(sr->rep, "    got: %s %s line %" PRIu64 "\n",
			    ev->kind, fmt_time_utc(ev->time_us, 1, tmp,
			    sizeof(tmp)), ev->prov.line);
		}
		bad++;
	}
	for (i = 0; i < s->nevs && i < n; i++) {
		const struct bo_event *ev = bo_evstore_get(st, i);
		const struct rsample_ev *e = &s->evs[i];

		for (j = 0; j < e->n; j++) {
			const char *got = event_value(ev, e->keys[j], tmp,
			    sizeof(tmp));

			if (value_matches(e->keys[j], e->vals[j], got))
				continue;
			buf_printf(sr->rep, "%s:%" PRIu64 ":%" PRIu64 ": event "
			    "%zu: %s is '%s', expected '%s'\n", sr->file,
			    e->mark.line, e->mark.col, i + 1, e->keys[j],
			    got ? got : "(none)", e->vals[j]);
			bad++;
		}
	}
	if (s->has_unmatched && sr->unmatched != s->unmatched) {
		buf_printf(sr->rep, "%s:%" PRIu64 ":%" PRIu64 ": %" PRIu64
		    " unmatched lines, expected %" PRIu64 "\n", sr->file,
		    s->mark.line, s->mark.col, sr->unmatched, s->unmatched);
		bad++;
	}
	return bad;
}

/* A classifier's sample: its text as the text of a plain report. */
static int
classifier_var(void *arg, const char *name, size_t len, struct buf *out)
{
	const char *text = arg;

	if (len == 4 && memcmp(name, "text", 4) == 0) {
		buf_adds(out, text);
		return 1;
	}
	return 0;
}

static void
run_one(struct bo_rules *rs, const struct bo_rule *r,
    const struct rsample *s, struct srun *sr, struct bo_evstore *st)
{
	struct bo_decode_ctx dc;
	struct bo_member m;
	struct bo_stream *stream;
	struct bo_sniff sn;
	const struct bo_rule *chosen;
	char *err = NULL;

	memset(&m, 0, sizeof(m));
	m.input = r->file;
	m.path = s->path != NULL ? s->path : "sample";
	m.size = (int64_t)strlen(s->input);
	/* a sample without an mtime is a member dated at the epoch */
	m.mtime = s->mtime != INT64_MIN ? s->mtime : 0;
	m.compression = "";
	memset(&dc, 0, sizeof(dc));
	dc.diag = bo_diag_new(sample_diag, sr);
	dc.sink = bo_evstore_sink(st);
	dc.member = &m;
	dc.rules = rs;
	dc.rule = r;
	dc.unmatched = sample_unmatched;
	dc.unmatched_arg = sr;
	dc.default_time_us = INT64_MIN;
	if (r->classifier) {
		struct remit em;
		struct rout o;
		struct rmark mk = { 0, 0 };

		memset(&o, 0, sizeof(o));
		o.present = 1;
		o.has_cls = 1;
		o.cls = BO_CLASS_REPORT;
		o.has_role = 1;
		o.role = BO_ROLE_REPORT;
		/* as hand-gathered material: every classifier pattern reads
		 * it */
		o.has_src = 1;
		o.src = BO_SRC_OTHER;
		o.classify = 1;
		if (tmpl_compile(&o.f[RF_KIND], "report.post", mk, &err) != 0 ||
		    tmpl_compile(&o.f[RF_TEXT], "${text}", mk, &err) != 0)
			abort();
		remit_init(&em, &dc, r);
		(void)remit_event(&em, &o, classifier_var, s->input, 1, 0);
		remit_free(&em);
		rout_free(&o);
		bo_diag_free(dc.diag);
		return;
	}
	stream = bo_stream_mem_new(s->input, strlen(s->input));
	/* A sample with a path also checks routing: the whole set's bid
	 * must choose this rule for it. */
	if (s->path != NULL) {
		memset(&sn, 0, sizeof(sn));
		sn.head = (const uint8_t *)s->input;
		sn.len = strlen(s->input) < 4096 ? strlen(s->input) : 4096;
		sn.type = bo_sniff_bytes(sn.head, sn.len);
		sn.member = &m;
		dc.rule = NULL;
		(void)bo_decoder_rules.bid(&dc, &sn);
		chosen = dc.rule;
		dc.rule = r;
		if (chosen != r)
			buf_printf(sr->rep, "%s:%" PRIu64 ":%" PRIu64 ": sample "
			    "path %s is routed to %s, not to this rule\n",
			    sr->file, s->mark.line, s->mark.col, s->path,
			    chosen ? chosen->id : "no rule");
		if (chosen != r)
			sr->warnings++;
	}
	(void)bo_decoder_rules.decode(&dc, stream);
	bo_stream_mem_free(stream);
	bo_diag_free(dc.diag);
}

size_t
bo_rule_test(struct bo_rules *rs, const struct bo_rule *r, char **report)
{
	struct buf rep;
	struct srun sr;
	size_t i, bad = 0;

	buf_init(&rep);
	buf_adds(&rep, "");
	for (i = 0; i < r->nsamples; i++) {
		const struct rsample *s = &r->samples[i];
		struct bo_evstore *st = bo_evstore_new();

		memset(&sr, 0, sizeof(sr));
		sr.rep = &rep;
		sr.file = r->file;
		sr.mark = s->mark;
		run_one(rs, r, s, &sr, st);
		bad += compare(&sr, s, st);
		bad += sr.warnings;
		bo_evstore_free(st);
	}
	*report = buf_take(&rep);
	return bad;
}
