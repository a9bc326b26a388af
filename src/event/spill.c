#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event/spill.h"
#include "util/arena.h"
#include "util/cursor.h"
#include "util/idxtab.h"
#include "util/util.h"
#include "util/wire.h"

/* The strings of an event, in the order they are written. */
#define NSTR	11
#define SLOT_TEXT	8	/* free text: never a name */

/*
 * Names (every string of an event but its free text, and attribute keys)
 * repeat from event to event: the kind, collector, peer, input and member
 * were most of a run's bytes.  Within one run a name is written once; a
 * literal no longer than NAME_MAX_LEN takes the next number while fewer
 * than NAME_CAP are numbered, and is then written as its number with the
 * top bit set.  Writer and reader number the same literals, so the reader
 * needs no table of its own in the file, and what it keeps is bounded.
 * Whether a name is written by number depends on its text alone (run
 * files must not depend on which store a name was interned in); the
 * writer asks a few pointers it saw last before it hashes the text.
 */
#define NAME_CAP	65536u
#define NAME_MAX_LEN	255u
#define NAME_REF	0x80000000u
#define NAME_CACHE	64

struct bo_spill_names {
	const char	**copy;		/* by number: what it stands for */
	size_t		  n, capcopy;
	struct idxtab	  bytext;	/* the writer's numbers, by text */
	const char	 *cptr[NAME_CACHE];	/* the writer's last pointers */
	uint32_t	  cid[NAME_CACHE];
	struct arena	  arena;
};

struct bo_spill_names *
bo_spill_names_new(void)
{
	struct bo_spill_names *t = xcalloc(1, sizeof(*t));

	arena_init(&t->arena);
	return t;
}

void
bo_spill_names_free(struct bo_spill_names *t)
{
	if (t == NULL)
		return;
	free(t->copy);
	idxtab_free(&t->bytext);
	arena_free(&t->arena);
	free(t);
}

struct text {
	const char	*s;
	size_t		 len;
};

static bool
text_is(const void *arg, size_t i, const void *key)
{
	const struct bo_spill_names *t = arg;
	const struct text *k = key;

	return strncmp(t->copy[i], k->s, k->len) == 0 &&
	    t->copy[i][k->len] == '\0';
}

/* The next number, for a literal the reader and the writer both saw. */
static void
number(struct bo_spill_names *t, const char *s, size_t len)
{
	xgrow(&t->copy, &t->capcopy, t->n, sizeof(*t->copy));
	t->copy[t->n++] = arena_strndup(&t->arena, s, len);
}

/* A name: by number when this run has written its text, else whole. */
static void
put_name(struct buf *b, struct bo_spill_names *t, const char *s)
{
	size_t c, len;
	uint32_t tag = 0;
	long id = -1;

	if (s == NULL) {
		wire_put32(b, 0);
		return;
	}
	c = (size_t)(((uint64_t)(uintptr_t)s * 0x9e3779b97f4a7c15u) >> 58);
	/* a buffer reused for another name fails the compare */
	if (t->cptr[c] == s && str_is(t->copy[t->cid[c]], s)) {
		wire_put32(b, NAME_REF | t->cid[c]);
		return;
	}
	len = strlen(s);
	if (len <= NAME_MAX_LEN) {
		struct text k = { s, len };

		tag = str_hash(s, len);
		id = idxtab_find(&t->bytext, tag, text_is, t, &k);
	}
	if (id < 0) {
		wire_put32(b, (uint32_t)len + 1);
		buf_add(b, s, len + 1);
		if (len > NAME_MAX_LEN || t->n >= NAME_CAP)
			return;
		number(t, s, len);
		id = (long)t->n - 1;
		idxtab_put(&t->bytext, (size_t)id, t->n, tag);
	} else
		wire_put32(b, NAME_REF | (uint32_t)id);
	t->cptr[c] = s;
	t->cid[c] = (uint32_t)id;
}

/* What put_name wrote; a literal is numbered as the writer numbered it. */
static CUR_WUR int
get_name(struct cursor *c, struct bo_spill_names *t, const char **out)
{
	const uint8_t *p;
	uint32_t v;

	if (cur_u32(c, &v) != 0)
		return -1;
	if (v == 0) {
		*out = NULL;
		return 0;
	}
	if (v & NAME_REF) {
		if ((v & ~NAME_REF) >= t->n)
			return -1;
		*out = t->copy[v & ~NAME_REF];
		return 0;
	}
	if (cur_bytes(c, v, &p) != 0 || p[v - 1] != '\0')
		return -1;
	*out = (const char *)p;
	if (v - 1 <= NAME_MAX_LEN && t->n < NAME_CAP)
		number(t, *out, v - 1);
	return 0;
}

static void
str_slots(struct bo_event *ev, const char **slots[NSTR])
{
	slots[0] = &ev->kind;
	slots[1] = &ev->collector;
	slots[2] = &ev->peer;
	slots[3] = &ev->host;
	slots[4] = &ev->country;
	slots[5] = &ev->actor;
	slots[6] = &ev->action;
	slots[7] = &ev->target;
	slots[8] = &ev->text;
	slots[9] = &ev->prov.input;
	slots[10] = &ev->prov.member;
}

void
bo_spill_encode(struct buf *b, struct bo_spill_names *names,
    const struct bo_event *src)
{
	struct bo_event ev = *src;
	const char **slots[NSTR];
	size_t start = b->len, i;

	wire_put32(b, 0);			/* length, patched below */
	wire_put64(b, (uint64_t)ev.time_us);
	buf_addc(b, (char)ev.prec);
	buf_addc(b, (char)ev.cls);
	buf_addc(b, (char)ev.role);
	buf_addc(b, (char)ev.src);
	wire_put32(b, ev.peer_as);
	buf_add(b, &ev.prefix, sizeof(ev.prefix));
	wire_put32(b, ev.asn);
	wire_put64(b, ev.prov.offset);
	wire_put64(b, ev.prov.line);
	wire_put64(b, ev.seq);
	str_slots(&ev, slots);
	for (i = 0; i < NSTR; i++) {
		if (i == SLOT_TEXT)
			wire_putstr(b, *slots[i]);
		else
			put_name(b, names, *slots[i]);
	}
	wire_put32(b, (uint32_t)ev.nattrs);
	for (i = 0; i < ev.nattrs; i++) {
		put_name(b, names, ev.attrs[i].key);
		wire_putstr(b, ev.attrs[i].value);
	}
	i = b->len - start - 4;
	b->data[start] = (char)(i >> 24);
	b->data[start + 1] = (char)(i >> 16);
	b->data[start + 2] = (char)(i >> 8);
	b->data[start + 3] = (char)i;
}

static int
ptr_cmp(const void *a, const void *b)
{
	return bo_event_cmp(*(const struct bo_event *const *)a,
	    *(const struct bo_event *const *)b);
}

const char *
bo_spill_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d != NULL && *d != '\0' ? d : "/tmp";
}

/*
 * An unnamed file in $TMPDIR, as tmpfile() would give but where the user
 * asked (tmpfile() ignores TMPDIR): removed at once, so nothing is left
 * behind whatever way the process ends.
 */
int
bo_spill_fd(void)
{
	const char *dir = bo_spill_dir();
	size_t n = strlen(dir) + sizeof("/blackout-run.XXXXXX");
	char *path = xmalloc(n);
	int fd, e;

	snprintf(path, n, "%s/blackout-run.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		e = errno;
		free(path);
		errno = e;
		return -1;
	}
	(void)unlink(path);
	free(path);
	return fd;
}

static FILE *
spill_file(void)
{
	FILE *f;
	int fd, e;

	if ((fd = bo_spill_fd()) < 0)
		return NULL;
	if ((f = fdopen(fd, "w+b")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

struct bo_spill_writer {
	FILE		*f;
	struct buf	 b;
	struct bo_spill_names *names;
	int		 err;
};

struct bo_spill_writer *
bo_spill_writer_new(void)
{
	struct bo_spill_writer *w;
	FILE *f;

	if ((f = spill_file()) == NULL)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->f = f;
	buf_init(&w->b);
	w->names = bo_spill_names_new();
	return w;
}

int
bo_spill_put(struct bo_spill_writer *w, const struct bo_event *ev)
{
	bo_spill_encode(&w->b, w->names, ev);
	if (w->b.len >= (1u << 20)) {
		if (fwrite(w->b.data, 1, w->b.len, w->f) != w->b.len)
			w->err = errno ? errno : EIO;
		buf_reset(&w->b);
	}
	return w->err ? -1 : 0;
}

FILE *
bo_spill_finish(struct bo_spill_writer *w)
{
	FILE *f = w->f;
	int e;

	if (!w->err && w->b.len > 0 &&
	    fwrite(w->b.data, 1, w->b.len, f) != w->b.len)
		w->err = errno ? errno : EIO;
	if (!w->err && fflush(f) != 0)
		w->err = errno ? errno : EIO;
	e = w->err;
	buf_free(&w->b);
	bo_spill_names_free(w->names);
	free(w);
	if (e != 0) {
		fclose(f);
		errno = e;
		return NULL;
	}
	rewind(f);
	return f;
}

/* keep: the stores are refilled (their memory is kept, not given back) */
static FILE *
write_stores(struct bo_evstore **st, size_t nst, int keep)
{
	const struct bo_event **all = NULL;
	struct bo_spill_writer *w;
	size_t n = 0, cap = 0, i, k;
	FILE *f;

	if ((w = bo_spill_writer_new()) == NULL)
		return NULL;
	for (i = 0; i < nst; i++)
		for (k = 0; k < bo_evstore_count(st[i]); k++) {
			xgrow(&all, &cap, n, sizeof(*all));
			all[n++] = bo_evstore_get(st[i], k);
		}
	if (n > 0)
		qsort(all, n, sizeof(*all), ptr_cmp);
	for (i = 0; i < n; i++)
		if (bo_spill_put(w, all[i]) != 0)
			break;
	free(all);
	if ((f = bo_spill_finish(w)) == NULL)
		return NULL;
	for (i = 0; i < nst; i++) {
		if (keep)
			bo_evstore_reset(st[i]);
		else
			bo_evstore_clear(st[i]);
	}
	return f;
}

FILE *
bo_spill_write_stores(struct bo_evstore **st, size_t nst)
{
	return write_stores(st, nst, 0);
}

FILE *
bo_spill_write(struct bo_evstore *st)
{
	return write_stores(&st, 1, 1);
}

struct bo_spill_reader {
	FILE		*f;
	struct bo_spill_names *names;
	uint8_t		*rec;
	size_t		 cap;
	struct bo_event	 ev;
	struct bo_attr	*attrs;
	size_t		 capattrs;
};

struct bo_spill_reader *
bo_spill_reader_new(FILE *f)
{
	struct bo_spill_reader *r = xcalloc(1, sizeof(*r));

	r->f = f;
	r->names = bo_spill_names_new();
	return r;
}

void
bo_spill_reader_free(struct bo_spill_reader *r)
{
	if (r == NULL)
		return;
	if (r->f != NULL)
		fclose(r->f);
	free(r->rec);
	free(r->attrs);
	bo_spill_names_free(r->names);
	free(r);
}

const struct bo_event *
bo_spill_next(struct bo_spill_reader *r, int *err)
{
	uint8_t lb[4];
	uint32_t len, n, i;
	uint64_t v;
	uint8_t b8;
	struct cursor c;
	const char **slots[NSTR];

	*err = 0;
	if (fread(lb, 1, 4, r->f) != 4) {
		*err = ferror(r->f) != 0;
		return NULL;
	}
	len = (uint32_t)lb[0] << 24 | (uint32_t)lb[1] << 16 |
	    (uint32_t)lb[2] << 8 | lb[3];
	if (len == 0)
		return NULL;	/* the end of a run file's events */
	/* Run files come from elsewhere: a length is not an allocation. */
	if (len > BO_SPILL_MAX_RECORD)
		goto bad;
	xgrow(&r->rec, &r->cap, len, 1);
	if (fread(r->rec, 1, len, r->f) != len)
		goto bad;
	cur_init(&c, r->rec, len, 0);
	memset(&r->ev, 0, sizeof(r->ev));
	if (cur_u64(&c, &v) != 0)
		goto bad;
	r->ev.time_us = (int64_t)v;
	if (cur_u8(&c, &b8) != 0)
		goto bad;
	r->ev.prec = (enum bo_prec)b8;
	if (cur_u8(&c, &b8) != 0)
		goto bad;
	r->ev.cls = (enum bo_class)b8;
	if (cur_u8(&c, &b8) != 0)
		goto bad;
	r->ev.role = (enum bo_role)b8;
	if (cur_u8(&c, &b8) != 0)
		goto bad;
	r->ev.src = (enum bo_srctype)b8;
	if (r->ev.prec >= BO_PREC__COUNT || r->ev.cls >= BO_CLASS__COUNT ||
	    r->ev.src >= BO_SRC__COUNT)
		goto bad;
	if (cur_u32(&c, &r->ev.peer_as) != 0 ||
	    cur_copy(&c, &r->ev.prefix, sizeof(r->ev.prefix)) != 0 ||
	    cur_u32(&c, &r->ev.asn) != 0 ||
	    cur_u64(&c, &r->ev.prov.offset) != 0 ||
	    cur_u64(&c, &r->ev.prov.line) != 0 ||
	    cur_u64(&c, &r->ev.seq) != 0)
		goto bad;
	if (r->ev.prefix.afi > BO_AFI_IPV6 || r->ev.prefix.len >
	    (r->ev.prefix.afi == BO_AFI_IPV4 ? 32 : 128))
		goto bad;
	str_slots(&r->ev, slots);
	for (i = 0; i < NSTR; i++)
		if ((i == SLOT_TEXT ? wire_getstr(&c, slots[i]) :
		    get_name(&c, r->names, slots[i])) != 0)
			goto bad;
	if (cur_u32(&c, &n) != 0 || n > len / 8)
		goto bad;
	xgrow(&r->attrs, &r->capattrs, n, sizeof(*r->attrs));
	for (i = 0; i < n; i++)
		if (get_name(&c, r->names, &r->attrs[i].key) != 0 ||
		    wire_getstr(&c, &r->attrs[i].value) != 0)
			goto bad;
	r->ev.attrs = r->attrs;
	r->ev.nattrs = n;
	return &r->ev;
bad:
	*err = 1;
	return NULL;
}
