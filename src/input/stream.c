#include "config.h"

#include <archive.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "input/recover.h"
#include "input/stream_private.h"
#include "util/util.h"

#define STREAM_CHUNK	(256u * 1024)

void
bo_stream_init(struct bo_stream *s, struct archive *a,
    const struct bo_limits *lim)
{
	memset(s, 0, sizeof(*s));
	s->a = a;
	s->lim = lim;
}

void
bo_stream_release(struct bo_stream *s)
{
	if (!s->mem)
		free(s->buf);
	s->buf = NULL;
}

static void __attribute__((format(printf, 2, 3)))
stream_fail(struct bo_stream *s, const char *fmt, ...)
{
	va_list ap;

	if (s->err)
		return;
	s->err = 1;
	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof(s->errmsg), fmt, ap);
	va_end(ap);
}

/* Checks the member size limit and the decompression ratio. */
static void
stream_check_limits(struct bo_stream *s)
{
	uint64_t in, out;

	if (s->lim == NULL)
		return;
	if (s->lim->max_member_bytes != 0 &&
	    s->total > s->lim->max_member_bytes) {
		char detail[64];

		snprintf(detail, sizeof(detail), "%" PRIu64,
		    s->lim->max_member_bytes);
		stream_fail(s, "member larger than the limit of %s bytes",
		    detail);
		return;
	}
	out = s->total + s->out_before;
	if (s->lim->max_ratio == 0 || out < s->lim->ratio_floor ||
	    s->compressed_in == NULL)
		return;
	in = s->compressed_in(s->compressed_arg);
	if (in > 0 && out / in > s->lim->max_ratio) {
		char detail[128];

		snprintf(detail, sizeof(detail), "%" PRIu64 ":1 after %" PRIu64
		    " bytes%s (limit %u:1)", out / in, s->total, s->out_before ?
		    " (with the earlier members of the file)" : "",
		    s->lim->max_ratio);
		stream_fail(s, "decompression bomb refused: ratio %s", detail);
	}
}

/* The damage our decompressions met, if any: the one under the member
 * first, then the top-level file's. */
static const char *
dec_damage(struct bo_stream *s, int at_eof)
{
	const char *d = s->dec_rec ? bo_recover_damage(s->dec_rec) : NULL;

	if (d != NULL) {
		s->dec_used = 1;
		return d;
	}
	if (at_eof && (s->nest_err == NULL || s->nest_err[0] == '\0'))
		return NULL;
	d = s->outer_damage ? s->outer_damage(s->outer_arg) : NULL;
	if (d != NULL)
		s->outer_used = 1;
	return d;
}

size_t
bo_stream_fill(struct bo_stream *s, size_t need)
{
	size_t avail = s->end - s->start;
	la_ssize_t n;

	if (avail >= need || s->mem)
		return avail;
	if (need > BO_STREAM_MAX_WINDOW)
		need = BO_STREAM_MAX_WINDOW;
	if (s->start > 0) {
		memmove(s->buf, s->buf + s->start, avail);
		s->end = avail;
		s->start = 0;
	}
	if (s->cap < need || s->cap - s->end < STREAM_CHUNK / 4) {
		size_t ncap = s->cap ? s->cap : STREAM_CHUNK;

		while (ncap < need || ncap - s->end < STREAM_CHUNK / 4)
			ncap *= 2;
		s->buf = xreallocarray(s->buf, ncap, 1);
		s->cap = ncap;
	}
	while (s->end - s->start < need && !s->eof && !s->err) {
		n = archive_read_data(s->a, s->buf + s->end, s->cap - s->end);
		if (n < 0) {
			const char *e = dec_damage(s, 0);

			if (e == NULL)
				e = archive_error_string(s->a);
			stream_fail(s, "%s", e ? e : "read error");
			break;
		}
		if (n == 0) {
			const char *e = dec_damage(s, 1);

			if (e == NULL && s->nest_err != NULL &&
			    s->nest_err[0] != '\0')
				e = s->nest_err;
			if (e != NULL) {
				/* the member ends here, cut short */
				stream_fail(s, "%s", e);
				break;
			}
			s->eof = 1;
			break;
		}
		s->end += (size_t)n;
		s->total += (uint64_t)n;
		stream_check_limits(s);
		if (s->progress != NULL && s->total >= s->progress_next) {
			s->progress(s->progress_arg, s->total);
			s->progress_next = s->total + BO_STREAM_PROGRESS_STEP;
		}
	}
	return s->end - s->start;
}

const uint8_t *
bo_stream_data(const struct bo_stream *s)
{
	return s->buf + s->start;
}

size_t
bo_stream_avail(const struct bo_stream *s)
{
	return s->end - s->start;
}

void
bo_stream_consume(struct bo_stream *s, size_t n)
{
	if (n > s->end - s->start)
		n = s->end - s->start;
	s->start += n;
	s->off += n;
}

uint64_t
bo_stream_offset(const struct bo_stream *s)
{
	return s->off;
}

int
bo_stream_error(const struct bo_stream *s, const char **msg)
{
	if (msg != NULL)
		*msg = s->err ? s->errmsg : NULL;
	return s->err;
}

/* The line handed out last is consumed on the next line call, so that it
 * stays valid until then. */
static void
stream_line_finish(struct bo_stream *s)
{
	const uint8_t *nl;

	if (s->pending > 0) {
		bo_stream_consume(s, s->pending);
		s->pending = 0;
	}
	while (s->skip_line) {
		size_t avail = bo_stream_avail(s);

		if (avail == 0 && bo_stream_fill(s, 1) == 0) {
			s->skip_line = 0;
			break;
		}
		avail = bo_stream_avail(s);
		nl = memchr(bo_stream_data(s), s->eol ? s->eol : '\n', avail);
		if (nl != NULL) {
			bo_stream_consume(s,
			    (size_t)(nl - bo_stream_data(s)) + 1);
			s->skip_line = 0;
		} else
			bo_stream_consume(s, avail);
	}
}

int
bo_stream_line(struct bo_stream *s, size_t max, const char **line,
    size_t *len, int *truncated)
{
	size_t scanned = 0, avail, n;
	const uint8_t *p, *nl;

	stream_line_finish(s);
	if (max == 0 || max >= BO_STREAM_MAX_WINDOW)
		max = BO_STREAM_MAX_WINDOW - 1;
	if (s->eol == 0) {
		/* Classic Mac OS files end lines in CR alone: with no LF in
		 * the first 64 KiB but a CR, CR ends lines. */
		avail = bo_stream_fill(s, 65536);
		p = bo_stream_data(s);
		s->eol = memchr(p, '\n', avail) == NULL &&
		    memchr(p, '\r', avail) != NULL ? '\r' : '\n';
	}
	*truncated = 0;
	for (;;) {
		avail = bo_stream_avail(s);
		p = bo_stream_data(s);
		nl = avail > scanned ? memchr(p + scanned, s->eol,
		    avail - scanned) : NULL;
		if (nl != NULL) {
			n = (size_t)(nl - p);
			break;
		}
		scanned = avail;
		if (avail >= max) {
			/* Too long: hand out the first max bytes and
			 * skip to the end of the line. */
			*truncated = 1;
			*line = (const char *)p;
			*len = max;
			s->skip_line = 1;
			return 0;
		}
		if (bo_stream_fill(s, avail + 1) <= avail) {
			if (avail == 0)
				return -1;
			n = avail;	/* last line without newline */
			*line = (const char *)p;
			*len = n;
			s->pending = n;
			goto strip;
		}
	}
	*line = (const char *)p;
	*len = n;
	s->pending = n + 1;
	if (n > max) {
		*truncated = 1;
		*len = max;
		return 0;
	}
strip:
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	return 0;
}

int
bo_stream_cr_lines(const struct bo_stream *s)
{
	return s->eol == '\r';
}

int
bo_stream_slurp(struct bo_stream *s, size_t max, char **out, size_t *len)
{
	struct buf b;
	size_t avail;

	stream_line_finish(s);
	buf_init(&b);
	for (;;) {
		avail = bo_stream_fill(s, 1);
		if (avail == 0)
			break;
		if (b.len + avail > max) {
			buf_add(&b, bo_stream_data(s), max - b.len);
			bo_stream_consume(s, avail);
			*len = b.len;
			*out = buf_take(&b);
			return -1;
		}
		buf_add(&b, bo_stream_data(s), avail);
		bo_stream_consume(s, avail);
	}
	*len = b.len;
	*out = buf_take(&b);
	return 0;
}

struct bo_stream *
bo_stream_mem_new(const void *p, size_t n)
{
	struct bo_stream *s = xcalloc(1, sizeof(*s));

	s->mem = 1;
	s->buf = (uint8_t *)(uintptr_t)p;
	s->end = n;
	s->cap = n;
	s->eof = 1;
	s->total = n;
	return s;
}

void
bo_stream_mem_free(struct bo_stream *s)
{
	free(s);
}
