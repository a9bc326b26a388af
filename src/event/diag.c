#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/diag.h>

#include "event/diag_wire.h"
#include "util/util.h"
#include "util/wire.h"

struct reason {
	enum bo_counter	 counter;
	char		*text;
	uint64_t	 count;
};

struct kept {
	enum bo_grade	 grade;
	char		*msg;
};

struct bo_diag {
	bo_diag_fn	 fn;
	bo_diag_fn	 tee;		/* live copy of a buffer's messages */
	void		*tee_arg;
	int		 buffered;
	struct kept	*kept;
	size_t		 nkept;
	size_t		 capkept;
	void		*arg;
	uint64_t	 counters[BO_CNT__COUNT];
	enum bo_grade	 worst;
	size_t		 limit;
	size_t		 nmessages;
	size_t		 suppressed;
	struct reason	*reasons;
	size_t		 nreasons;
	size_t		 capreasons;
	int		 sorted;
};

static void	reason_add(struct bo_diag *, enum bo_counter, const char *,
		    uint64_t);

static const char *counter_names[BO_CNT__COUNT] = {
	"inputs", "members_read", "members_skipped", "members_failed",
	"bytes", "records", "records_skipped", "lines_unmatched", "events",
	"warnings", "errors",
};

struct bo_diag *
bo_diag_new(bo_diag_fn fn, void *arg)
{
	struct bo_diag *d = xcalloc(1, sizeof(*d));

	d->fn = fn;
	d->arg = arg;
	d->limit = SIZE_MAX;
	return d;
}

void
bo_diag_free(struct bo_diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nreasons; i++)
		free(d->reasons[i].text);
	free(d->reasons);
	for (i = 0; i < d->nkept; i++)
		free(d->kept[i].msg);
	free(d->kept);
	free(d);
}

void
bo_diag_vreport(struct bo_diag *d, enum bo_grade g, const struct bo_where *w,
    const char *fmt, va_list ap)
{
	struct buf b;

	if (g > d->worst)
		d->worst = g;
	if (g == BO_WARN)
		d->counters[BO_CNT_WARNINGS]++;
	else if (g >= BO_FAIL)
		d->counters[BO_CNT_ERRORS]++;
	if (d->nmessages >= d->limit) {
		d->suppressed++;
		return;
	}
	d->nmessages++;
	if (d->fn == NULL && !d->buffered)
		return;
	buf_init(&b);
	if (w != NULL && w->input != NULL) {
		buf_adds(&b, w->input);
		if (w->member != NULL && w->member[0] != '\0') {
			buf_addc(&b, '!');
			buf_adds(&b, w->member);
		}
		if (w->line != 0) {
			buf_printf(&b, ":%" PRIu64, w->line);
			if (w->column != 0)
				buf_printf(&b, ":%" PRIu64, w->column);
		} else if (w->has_offset)
			buf_printf(&b, ": byte %" PRIu64, w->offset);
		buf_adds(&b, ": ");
	}
	buf_vprintf(&b, fmt, ap);
	if (d->buffered) {
		if (d->tee != NULL)
			d->tee(d->tee_arg, g, b.data);
		xgrow(&d->kept, &d->capkept, d->nkept, sizeof(*d->kept));
		d->kept[d->nkept].grade = g;
		d->kept[d->nkept].msg = buf_take(&b);
		d->nkept++;
		return;
	}
	d->fn(d->arg, g, b.data);
	buf_free(&b);
}

void
bo_diag_set_tee(struct bo_diag *d, bo_diag_fn fn, void *arg)
{
	d->tee = fn;
	d->tee_arg = arg;
}

struct bo_diag *
bo_diag_new_buffer(void)
{
	struct bo_diag *d = bo_diag_new(NULL, NULL);

	d->buffered = 1;
	return d;
}

void
bo_diag_merge(struct bo_diag *dst, const struct bo_diag *src)
{
	size_t i;

	for (i = 0; i < src->nkept; i++) {
		/* Counted already in src; only the message travels. */
		if (dst->nmessages >= dst->limit) {
			dst->suppressed++;
			continue;
		}
		dst->nmessages++;
		if (dst->buffered) {
			xgrow(&dst->kept, &dst->capkept, dst->nkept,
			    sizeof(*dst->kept));
			dst->kept[dst->nkept].grade = src->kept[i].grade;
			dst->kept[dst->nkept].msg = xstrdup(src->kept[i].msg);
			dst->nkept++;
		} else if (dst->fn != NULL && src->tee == NULL)
			dst->fn(dst->arg, src->kept[i].grade, src->kept[i].msg);
	}
	dst->suppressed += src->suppressed;
	for (i = 0; i < BO_CNT__COUNT; i++)
		dst->counters[i] += src->counters[i];
	for (i = 0; i < src->nreasons; i++)
		reason_add(dst, src->reasons[i].counter, src->reasons[i].text,
		    src->reasons[i].count);
	if (src->worst > dst->worst)
		dst->worst = src->worst;
}

void
bo_diag_report(struct bo_diag *d, enum bo_grade g, const struct bo_where *w,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bo_diag_vreport(d, g, w, fmt, ap);
	va_end(ap);
}

void
bo_diag_count(struct bo_diag *d, enum bo_counter c, uint64_t n)
{
	if ((unsigned)c < BO_CNT__COUNT)
		d->counters[c] += n;
}

uint64_t
bo_diag_get(const struct bo_diag *d, enum bo_counter c)
{
	return (unsigned)c < BO_CNT__COUNT ? d->counters[c] : 0;
}

const char *
bo_counter_name(enum bo_counter c)
{
	return (unsigned)c < BO_CNT__COUNT ? counter_names[c] : NULL;
}

static void
reason_add(struct bo_diag *d, enum bo_counter c, const char *text, uint64_t n)
{
	size_t i;

	for (i = 0; i < d->nreasons; i++) {
		if (d->reasons[i].counter == c &&
		    strcmp(d->reasons[i].text, text) == 0) {
			d->reasons[i].count += n;
			return;
		}
	}
	xgrow(&d->reasons, &d->capreasons, d->nreasons, sizeof(*d->reasons));
	d->reasons[d->nreasons].counter = c;
	d->reasons[d->nreasons].text = xstrdup(text);
	d->reasons[d->nreasons].count = n;
	d->nreasons++;
	d->sorted = 0;
}

void
bo_diag_reason(struct bo_diag *d, enum bo_counter c, const char *text)
{
	reason_add(d, c, text, 1);
}

size_t
bo_diag_nreasons(const struct bo_diag *d)
{
	return d->nreasons;
}

static int
reason_cmp(const void *a, const void *b)
{
	const struct reason *x = a, *y = b;

	if (x->counter != y->counter)
		return x->counter < y->counter ? -1 : 1;
	return strcmp(x->text, y->text);
}

uint64_t
bo_diag_reason_at(const struct bo_diag *cd, size_t i, enum bo_counter *c,
    const char **text)
{
	struct bo_diag *d = (struct bo_diag *)cd;

	if (i >= d->nreasons)
		return 0;
	if (!d->sorted) {
		qsort(d->reasons, d->nreasons, sizeof(*d->reasons),
		    reason_cmp);
		d->sorted = 1;
	}
	*c = d->reasons[i].counter;
	*text = d->reasons[i].text;
	return d->reasons[i].count;
}

enum bo_grade
bo_diag_worst(const struct bo_diag *d)
{
	return d->worst;
}

void
bo_diag_set_limit(struct bo_diag *d, size_t max)
{
	d->limit = max;
}

size_t
bo_diag_suppressed(const struct bo_diag *d)
{
	return d->suppressed;
}

void
bo_diag_encode(const struct bo_diag *d, struct buf *b)
{
	size_t i;

	wire_put32(b, BO_CNT__COUNT);
	for (i = 0; i < BO_CNT__COUNT; i++)
		wire_put64(b, d->counters[i]);
	wire_put32(b, (uint32_t)d->worst);
	wire_put64(b, d->suppressed);
	wire_put32(b, (uint32_t)d->nkept);
	for (i = 0; i < d->nkept; i++) {
		wire_put32(b, (uint32_t)d->kept[i].grade);
		wire_putstr(b, d->kept[i].msg);
	}
	wire_put32(b, (uint32_t)d->nreasons);
	for (i = 0; i < d->nreasons; i++) {
		wire_put32(b, (uint32_t)d->reasons[i].counter);
		wire_putstr(b, d->reasons[i].text);
		wire_put64(b, d->reasons[i].count);
	}
}

struct bo_diag *
bo_diag_decode(struct cursor *c)
{
	struct bo_diag *d = bo_diag_new_buffer();
	uint32_t n, i, v;
	const char *s;

	if (cur_u32(c, &n) != 0 || n != BO_CNT__COUNT)
		goto bad;
	for (i = 0; i < n; i++)
		if (cur_u64(c, &d->counters[i]) != 0)
			goto bad;
	if (cur_u32(c, &v) != 0 || v > BO_FATAL)
		goto bad;
	d->worst = (enum bo_grade)v;
	if (cur_u64(c, &d->suppressed) != 0 || wire_count(c, 8, &n) != 0)
		goto bad;
	for (i = 0; i < n; i++) {
		if (cur_u32(c, &v) != 0 || v > BO_FATAL ||
		    wire_getstr(c, &s) != 0 || s == NULL)
			goto bad;
		xgrow(&d->kept, &d->capkept, d->nkept, sizeof(*d->kept));
		d->kept[d->nkept].grade = (enum bo_grade)v;
		d->kept[d->nkept++].msg = xstrdup(s);
	}
	if (wire_count(c, 16, &n) != 0)
		goto bad;
	for (i = 0; i < n; i++) {
		uint64_t count;

		if (cur_u32(c, &v) != 0 || v >= BO_CNT__COUNT ||
		    wire_getstr(c, &s) != 0 || s == NULL ||
		    cur_u64(c, &count) != 0)
			goto bad;
		reason_add(d, (enum bo_counter)v, s, count);
	}
	d->nmessages = d->nkept;
	return d;
bad:
	bo_diag_free(d);
	return NULL;
}
