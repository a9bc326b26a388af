#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/input.h"
#include "input/recover.h"
#include "input/stream_private.h"
#include "util/util.h"

#define WALK_BLOCK	(128u * 1024)
/* Read ahead: 16 blocks (2 MiB) in flight, for files worth a thread. */
#define AHEAD_SLOTS	16
#define AHEAD_MIN_BYTES	(256 * 1024)
/* An archive's entry starts its thread sooner: a collection's update
 * files are often 100 KB of bzip2, 10 ms or more to decompress each. */
#define AHEAD_MIN_ENTRY	(32 * 1024)

struct walker {
	const char		*input;
	const struct bo_limits	*lim;
	struct bo_diag		*diag;
	bo_walk_fn		 fn;
	void			*arg;
	int			 stop;
	bo_progress_fn		 pfn;
	void			*parg;
	struct archive		*top;		/* the file being read */
	const char		*fspath;	/* its path; NULL for stdin */
	struct topdec		*td;		/* its decompression, if ours */
	struct nest		*nest;		/* the entry being read */
	/* An entry of the file decompressed ahead on a thread of its own,
	 * which then drives top and td: until it ends, what they say is
	 * asked of the snapshots that come with its blocks. */
	struct bo_recover	*nest_ahead;
	/* The innermost decompression of ours (top-level file or entry):
	 * the archive reading its output, and what it says of damage. */
	struct dec {
		struct archive		*archive;
		struct bo_recover	*rec;
		int			 kind;
		int			*reported;
	}			 dec;
	struct bo_spool_seg	*seg;		/* the file's spool, if any */
	int			 zeros_check;	/* read again past zero bytes */
	uint64_t		 in_done;	/* bytes of files done */
	uint64_t		 out_done;	/* bytes of members done */
};

static uint64_t top_in(const struct walker *);

static void
walk_progress(void *arg, uint64_t member_total)
{
	struct walker *w = arg;

	w->pfn(w->parg, w->in_done + top_in(w), w->out_done + member_total);
}

/*
 * An inner archive reads its bytes from the outer entry's data.  The
 * entry's first block is read ahead: when it starts a gzip or bzip2
 * stream, zlib/libbz2 decompress the entry (as topdec does for files) so
 * that a member cut short or corrupt gives all that decompresses and says
 * where the damage is; libarchive's filters would not.
 */
struct nest {
	struct archive	*outer;
	uint64_t	 consumed;
	/* The entry's data could not all be read (a cut or damaged
	 * archive): what came before is handed over, ending there, and the
	 * member's stream fails with this message at that end. */
	char		 err[256];
	size_t		 peek_off;	/* read-ahead bytes not yet served */
	size_t		 peek_len;
	struct bo_recover *rec;		/* the entry's decompression */
	int		 reported;	/* its damage said */
	char		 block[WALK_BLOCK];
	char		 out[WALK_BLOCK];
};

/* Raw bytes of the entry: the read-ahead block first. */
static la_ssize_t
nest_raw(struct nest *n, const void **buf)
{
	la_ssize_t r;

	*buf = n->block;
	if (n->peek_off < n->peek_len) {
		r = (la_ssize_t)(n->peek_len - n->peek_off);
		*buf = n->block + n->peek_off;
		n->peek_off = n->peek_len;
		return r;
	}
	if (n->err[0] != '\0')
		return 0;
	r = archive_read_data(n->outer, n->block, sizeof(n->block));
	if (r < 0) {
		snprintf(n->err, sizeof(n->err), "%s",
		    archive_error_string(n->outer) ?
		    archive_error_string(n->outer) : "read error");
		return 0;
	}
	n->consumed += (uint64_t)r;
	return r;
}

static la_ssize_t
nest_read(struct archive *a, void *arg, const void **buf)
{
	(void)a;
	return nest_raw(arg, buf);
}

/* The entry's compressed bytes, for its decompression. */
static ssize_t
nest_in(void *arg, void *buf, size_t len)
{
	struct nest *n = arg;
	const void *p;
	la_ssize_t r = nest_raw(n, &p);
	size_t at;

	if (r > 0 && (size_t)r > len) {
		/* the rest stays in block, served next time */
		at = (size_t)((const char *)p - n->block);
		n->peek_off = at + len;
		n->peek_len = at + (size_t)r;
		r = (la_ssize_t)len;
	}
	if (r > 0)
		memcpy(buf, p, (size_t)r);
	return r;
}

/* Decompressed bytes for libarchive; the damage is an end, said by the
 * stream or the walker. */
static la_ssize_t
dec_read(struct bo_recover *rec, char *block, size_t size, const void **buf)
{
	ssize_t r = bo_recover_next(rec, block, size, buf);

	return r > 0 ? (la_ssize_t)r : 0;
}

static la_ssize_t
nest_dec_read(struct archive *a, void *arg, const void **buf)
{
	struct nest *n = arg;

	(void)a;
	return dec_read(n->rec, n->out, sizeof(n->out), buf);
}

static uint64_t
nest_consumed(void *arg)
{
	return ((struct nest *)arg)->consumed;
}

static uint64_t
file_consumed(void *arg)
{
	int64_t n = archive_filter_bytes(arg, -1);

	return n > 0 ? (uint64_t)n : 0;
}

/*
 * A top-level gzip or bzip2 file is decompressed here, through zlib or
 * libbz2, and libarchive reads the decompressed bytes.  libarchive's own
 * filters give up on damage before handing over all that decompresses
 * (nothing of a truncated gzip file under 256 KiB, the last decoded bzip2
 * block, the last members of a cut tar.gz) and do not check gzip CRCs, so
 * corrupt data was decoded into garbage without a word.  zlib and libbz2
 * hand over every byte that decompresses and say where the damage starts;
 * the damage ends the bytes libarchive sees, and the walker or the stream
 * reports it.
 */
struct topdec {
	struct bo_recover	*rec;
	int			 kind;
	int			 reported;	/* by a stream or the walker */
	struct bo_spool_seg	*tee;		/* a spool being written */
	int			 eof;		/* the bytes ended, read whole */
	char			 block[WALK_BLOCK];
};

/* Appends the block to the spool; past its room, or when the write
 * fails (a full disk), the file is not spooled: it decompresses again. */
static void
tee_block(struct bo_spool_seg *s, const void *p, size_t n)
{
	const char *b = p;
	ssize_t w;

	if (!s->ok)
		return;
	if (n > s->max - s->len) {
		s->ok = 0;
		return;
	}
	while (n > 0) {
		w = pwrite(s->fd, b, n, (off_t)(s->off + s->len));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->ok = 0;
			return;
		}
		b += w;
		n -= (size_t)w;
		s->len += (uint64_t)w;
	}
}

static la_ssize_t
topdec_read(struct archive *a, void *arg, const void **buf)
{
	struct topdec *t = arg;
	ssize_t r = bo_recover_next(t->rec, t->block, sizeof(t->block), buf);

	(void)a;
	if (r > 0 && t->tee != NULL)
		tee_block(t->tee, *buf, (size_t)r);
	if (r == 0)
		t->eof = 1;
	return r > 0 ? (la_ssize_t)r : 0;
}

/*
 * libarchive stops at a tar's end-of-archive blocks, before the padding
 * after them: the rest is read here, into the spool only.  The pass after
 * reads from the spool no further than libarchive does, as it would from
 * the file; damage met here only means the file is not spooled.  A file
 * left with more than this to read (a member no decoder read) is not
 * worth it.
 */
#define DRAIN_MAX	(1u << 20)

static void
tee_drain(struct walker *w, struct topdec *t)
{
	const void *buf;
	size_t n = 0;

	while (!t->eof && t->rec != NULL && t->tee->ok && !w->stop &&
	    n <= DRAIN_MAX && bo_recover_damage(t->rec) == NULL) {
		la_ssize_t r = topdec_read(NULL, t, &buf);

		if (r <= 0)
			break;
		n += (size_t)r;
	}
}

/* a reads what rec decompresses: the innermost of our decompressions. */
static void
dec_set(struct walker *w, struct archive *a, struct bo_recover *rec,
    int kind, int *reported)
{
	w->dec.archive = a;
	w->dec.rec = rec;
	w->dec.kind = kind;
	w->dec.reported = reported;
}

/* Bytes of the file on disk read so far, asked of the file itself. */
static uint64_t
top_in_live(const struct walker *w)
{
	int64_t n;

	if (w->td != NULL)
		return bo_recover_in(w->td->rec);
	n = w->top ? archive_filter_bytes(w->top, -1) : 0;
	return n > 0 ? (uint64_t)n : 0;
}

/* The producer's side of nest_ahead, after each of its reads. */
static void
nest_outer(void *arg, uint64_t *in, const char **damage)
{
	const struct walker *w = arg;

	*in = top_in_live(w);
	*damage = w->td != NULL ? bo_recover_damage(w->td->rec) : NULL;
}

/* Bytes of the file on disk read so far. */
static uint64_t
top_in(const struct walker *w)
{
	uint64_t in;
	const char *d;

	if (w->nest_ahead == NULL)
		return top_in_live(w);
	bo_recover_outer(w->nest_ahead, &in, &d);
	return in;
}

/* The damage of the file's own decompression, if any. */
static const char *
top_damage(void *arg)
{
	const struct walker *w = arg;
	uint64_t in;
	const char *d;

	if (w->td == NULL)
		return NULL;
	if (w->nest_ahead == NULL)
		return bo_recover_damage(w->td->rec);
	bo_recover_outer(w->nest_ahead, &in, &d);
	return d;
}

static uint64_t
top_consumed(void *arg)
{
	return top_in(arg);
}

/*
 * The formats we open.  Text-bidding formats such as mtree are left out on
 * purpose: a probe log must never be mistaken for an archive.
 */
static void
walk_setup(struct archive *a)
{
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_7zip(a);
	archive_read_support_format_rar(a);
	archive_read_support_format_rar5(a);
	archive_read_support_format_ar(a);
	archive_read_support_format_xar(a);
	archive_read_support_format_iso9660(a);
	archive_read_support_format_cab(a);
	archive_read_support_format_lha(a);
	archive_read_support_format_empty(a);
	archive_read_support_format_raw(a);
}

static void
filters_name(struct archive *a, char *buf, size_t len)
{
	int i, n = archive_filter_count(a);

	buf[0] = '\0';
	/* Filter 0 is the outermost... innermost order is reversed. */
	for (i = 0; i < n; i++) {
		const char *name = archive_filter_name(a, i);

		if (archive_filter_code(a, i) == ARCHIVE_FILTER_NONE ||
		    name == NULL)
			continue;
		if (buf[0] != '\0')
			strncat(buf, "+", len - strlen(buf) - 1);
		strncat(buf, name, len - strlen(buf) - 1);
	}
}

static void
walk_fail(struct walker *w, const char *member, const char *what,
    const char *detail)
{
	struct bo_where where = { w->input, member, 0, 0, 0, 0 };
	char reason[160];

	bo_diag_report(w->diag, BO_FAIL, &where, "%s: %s", what,
	    detail ? detail : "unknown error");
	snprintf(reason, sizeof(reason), "%s", what);
	bo_diag_count(w->diag, BO_CNT_MEMBERS_FAILED, 1);
	bo_diag_reason(w->diag, BO_CNT_MEMBERS_FAILED, reason);
}

static void
walk_skip(struct walker *w, const char *member, const char *reason)
{
	struct bo_where where = { w->input, member, 0, 0, 0, 0 };

	bo_diag_report(w->diag, BO_WARN, &where, "skipped: %s", reason);
	bo_diag_count(w->diag, BO_CNT_MEMBERS_SKIPPED, 1);
	bo_diag_reason(w->diag, BO_CNT_MEMBERS_SKIPPED, reason);
}

/*
 * Whether a compressed file is decompressed on a thread of its own while
 * this one decodes (bo_limits.read_ahead: the caller has a core to spare).
 * Small files (size: compressed, -1 unknown; min: AHEAD_MIN_BYTES, or
 * AHEAD_MIN_ENTRY for an entry of an archive) are not worth a thread.
 * BO_TEST_READ_AHEAD=1 or 0 forces it either way, for the tests that
 * compare both.
 */
static int
read_ahead(const struct walker *w, int64_t size, int64_t min)
{
	const char *force = getenv("BO_TEST_READ_AHEAD");

	if (force != NULL && (force[0] == '0' || force[0] == '1'))
		return force[0] == '1';
	return w->lim->read_ahead && (size < 0 || size >= min);
}

/* BO_RECOVER_GZIP or _BZIP2 when the file starts like one. */
static int
recover_kind_of(const char *fspath)
{
	uint8_t b[10];
	ssize_t n;
	int fd = open(fspath, O_RDONLY);

	if (fd < 0)
		return 0;
	n = read(fd, b, sizeof(b));
	close(fd);
	return n > 0 ? bo_recover_kind(b, (size_t)n) : 0;
}

static void walk_open(struct walker *, struct archive *, const char *path,
    unsigned depth, int64_t size, int64_t mtime, uint64_t (*consumed)(void *),
    void *consumed_arg);
static void walk_raw_again(struct walker *, const char *path, int64_t size,
    int64_t mtime);

/* Whether the stream holds nothing but zero bytes (peeks at most 1 MiB). */
static int
only_zeros(struct bo_stream *s)
{
	size_t n = bo_stream_fill(s, 1u << 20), i;
	const uint8_t *d = bo_stream_data(s);

	if (n >= 1u << 20)
		return 0;
	for (i = 0; i < n; i++)
		if (d[i] != 0)
			return 0;
	return 1;
}

/* Hands a leaf (raw format, maybe compressed) to the callback. */
static void
walk_leaf(struct walker *w, struct archive *a, const char *path,
    unsigned depth, int64_t size, int64_t mtime,
    uint64_t (*consumed)(void *), void *consumed_arg)
{
	struct bo_member m;
	struct bo_stream s;
	char comp[64];

	filters_name(a, comp, sizeof(comp));
	if (a == w->dec.archive) {
		/* the compression we undid, before libarchive's own */
		char inner[56];

		snprintf(inner, sizeof(inner), "%s", comp);
		snprintf(comp, sizeof(comp), "%s%s%s", w->dec.kind ==
		    BO_RECOVER_GZIP ? "gzip" : "bzip2", inner[0] ? "+" : "",
		    inner);
	}
	m.input = w->input;
	m.path = path;
	/* A declared size is the compressed one when a filter applies. */
	m.size = comp[0] == '\0' ? size : -1;
	m.mtime = mtime;
	m.compression = comp;
	m.depth = depth;
	bo_stream_init(&s, a, w->lim);
	if (depth > 0 && w->nest != NULL)
		s.nest_err = w->nest->err;
	/* damage of our decompression ends the stream's bytes: said by
	 * the stream when met while reading it */
	if (w->td != NULL) {
		s.outer_damage = top_damage;
		s.outer_arg = w;
	}
	if (a == w->dec.archive)
		s.dec_rec = w->dec.rec;
	if (w->td != NULL || depth > 0) {
		/* Members of containers decompress inside the format (zip)
		 * or under a filter of the outer file (tar.gz), maybe nested
		 * again: the bomb ratio is that of everything the file gave
		 * so far to the bytes of it read from disk. */
		s.compressed_in = top_consumed;
		s.compressed_arg = w;
		s.out_before = depth > 0 ? w->out_done : 0;
	} else if (comp[0] != '\0') {
		s.compressed_in = consumed;
		s.compressed_arg = consumed_arg;
	}
	if (w->pfn != NULL) {
		s.progress = walk_progress;
		s.progress_arg = w;
		s.progress_next = BO_STREAM_PROGRESS_STEP;
	}
	if (w->zeros_check && only_zeros(&s) && !s.err)
		walk_skip(w, path, "no data (empty, or zero bytes only)");
	else if (w->fn(w->arg, &m, &s) != 0)
		w->stop = 1;
	if (s.outer_used)
		w->td->reported = 1;
	if (s.dec_used && w->dec.reported != NULL)
		*w->dec.reported = 1;
	w->out_done += s.total;
	bo_stream_release(&s);
}

/* Opens one regular entry of container a as a stream of its own. */
static void
walk_entry(struct walker *w, struct archive *a, struct archive_entry *e,
    const char *prefix, unsigned depth)
{
	struct nest *n, *up;
	struct archive *b;
	struct dec saved;
	const char *name, *dmg;
	char *path, *safe;
	la_ssize_t r;
	int kind, rc;

	if (archive_entry_filetype(e) != AE_IFREG)
		return;
	/* "./rrc00/x" and "rrc00/x" are the same member: `tar -C dir .`
	 * writes the first, a directory walk gives the second. */
	name = archive_entry_pathname(e);
	if (name == NULL)
		name = "";
	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	/* names from the evidence are printed: made safe here, once */
	safe = name_escape(name);
	path = prefix[0] != '\0' ? xasprintf("%s!%s", prefix, safe) :
	    xstrdup(safe);
	free(safe);
	if (archive_entry_is_encrypted(e)) {
		walk_fail(w, path, "encrypted member", "no passphrase is tried");
		free(path);
		return;
	}
	n = xcalloc(1, sizeof(*n));
	n->outer = a;
	/* the first block, to see whether the entry is gzip or bzip2 */
	r = archive_read_data(a, n->block, sizeof(n->block));
	if (r < 0)
		snprintf(n->err, sizeof(n->err), "%s", archive_error_string(a) ?
		    archive_error_string(a) : "read error");
	else {
		n->peek_len = (size_t)r;
		n->consumed = (uint64_t)r;
	}
	kind = bo_recover_kind((const uint8_t *)n->block, n->peek_len);
	b = archive_read_new();
	walk_setup(b);
	up = w->nest;
	w->nest = n;
	saved = w->dec;
	if (kind != 0) {
		n->rec = bo_recover_new(kind, nest_in, n);
		/* an entry of the file (a tar of .gz or .bz2 files, as
		 * collections are downloaded): its decompression, and the
		 * file's under it, on a core of their own; deeper entries
		 * read from this one's thread */
		if (depth == 0 && w->nest_ahead == NULL &&
		    read_ahead(w, archive_entry_size_is_set(e) ?
		    archive_entry_size(e) : -1, AHEAD_MIN_ENTRY) &&
		    bo_recover_ahead_outer(n->rec, sizeof(n->out), AHEAD_SLOTS,
		    nest_outer, w) == 0)
			w->nest_ahead = n->rec;
		dec_set(w, b, n->rec, kind, &n->reported);
		rc = archive_read_open(b, n, NULL, nest_dec_read, NULL);
	} else
		rc = archive_read_open(b, n, NULL, nest_read, NULL);
	if (rc != ARCHIVE_OK)
		walk_fail(w, path, "cannot read member", n->err[0] ? n->err :
		    archive_error_string(b));
	else
		walk_open(w, b, path, depth + 1,
		    archive_entry_size_is_set(e) ? archive_entry_size(e) : -1,
		    archive_entry_mtime_is_set(e) ? archive_entry_mtime(e) :
		    INT64_MIN, nest_consumed, n);
	/* damage of the entry's compression no stream met (a container) */
	if (n->rec != NULL && !n->reported && !w->stop &&
	    (dmg = bo_recover_damage(n->rec)) != NULL)
		walk_fail(w, path, "decompression failed", dmg);
	w->dec = saved;
	w->nest = up;
	archive_read_free(b);
	/* the producer stops here, and the file answers for itself again */
	bo_recover_close(n->rec);
	if (w->nest_ahead == n->rec)
		w->nest_ahead = NULL;
	free(n);
	free(path);
}

/*
 * Reads the next header, passing over damaged ones (ARCHIVE_RETRY:
 * libarchive then tries the next 512-byte block, and again): the whole
 * damaged stretch is reported once, as a failure, with its offsets in the
 * (decompressed) archive; what it held is lost.
 */
static int
next_header(struct walker *w, struct archive *a, const char *prefix,
    struct archive_entry **e)
{
	struct bo_where where = { w->input, prefix[0] ? prefix : NULL, 0, 1,
	    0, 0 };
	char why[256];
	int64_t from = -1, to;
	int r;

	while ((r = archive_read_next_header(a, e)) == ARCHIVE_RETRY) {
		if (from < 0) {
			const char *es = archive_error_string(a);

			from = archive_read_header_position(a);
			snprintf(why, sizeof(why), "%s", es != NULL ? es :
			    "unreadable");
		}
	}
	if (from < 0)
		return r;
	to = r == ARCHIVE_OK || r == ARCHIVE_WARN ?
	    archive_read_header_position(a) : -1;
	where.offset = from > 0 ? (uint64_t)from : 0;
	if (to > from)
		bo_diag_report(w->diag, BO_FAIL, &where, "damaged archive "
		    "header (%s): bytes %" PRId64 " to %" PRId64 " passed over "
		    "to the next readable header, what they held is lost", why,
		    from, to);
	else
		bo_diag_report(w->diag, BO_FAIL, &where, "damaged archive "
		    "header (%s): no readable header after it, the rest of "
		    "the archive is lost", why);
	bo_diag_count(w->diag, BO_CNT_MEMBERS_FAILED, 1);
	bo_diag_reason(w->diag, BO_CNT_MEMBERS_FAILED,
	    "damaged archive header");
	return r;
}

/* Iterates over the entries of an opened container. */
static void
walk_entries(struct walker *w, struct archive *a, const char *prefix,
    unsigned depth)
{
	struct archive_entry *e;
	int r;

	while (!w->stop) {
		r = next_header(w, a, prefix, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			const char *dmg = top_damage(w);

			/* the file's damage, said once (maybe already by
			 * the member it cut) */
			if (dmg == NULL || !w->td->reported)
				walk_fail(w, prefix[0] ? prefix : NULL,
				    "archive damaged, rest of it unreadable",
				    dmg ? dmg : archive_error_string(a));
			if (dmg != NULL)
				w->td->reported = 1;
			break;
		}
		walk_entry(w, a, e, prefix, depth);
	}
}

/*
 * a is open on some bytes: a plain or compressed leaf, or a container.
 * Decides which, and goes on accordingly.
 */
static void
walk_open(struct walker *w, struct archive *a, const char *path,
    unsigned depth, int64_t size, int64_t mtime, uint64_t (*consumed)(void *),
    void *consumed_arg)
{
	struct archive_entry *e;
	int r;

	r = archive_read_next_header(a, &e);
	if (r == ARCHIVE_EOF && a == w->top && w->fspath != NULL &&
	    (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) ==
	    ARCHIVE_FORMAT_TAR) {
		/* 512 zero bytes end a tar archive, and also start log
		 * files that rotation or preallocation left them in: the
		 * file is read again as plain data. */
		walk_raw_again(w, path, size, mtime);
		return;
	}
	if (r == ARCHIVE_EOF && depth > 0 && w->nest != NULL &&
	    w->nest->err[0] != '\0') {
		/* libarchive gives nothing of an entry cut short */
		const char *dmg = top_damage(w);

		if (dmg != NULL)
			w->td->reported = 1;
		walk_fail(w, path, "member cut short, unreadable", dmg ? dmg :
		    w->nest->err);
		return;
	}
	if (r == ARCHIVE_EOF) {
		walk_skip(w, path, "no data (empty, or zero bytes only)");
		return;
	}
	if (r == ARCHIVE_RETRY) {
		/* the first header damaged: the rest may still be read */
		r = next_header(w, a, path, &e);
		if (r == ARCHIVE_EOF)
			return;
	}
	if (r < ARCHIVE_WARN) {
		walk_fail(w, path, "cannot read", archive_error_string(a));
		return;
	}
	if (archive_format(a) == ARCHIVE_FORMAT_RAW) {
		walk_leaf(w, a, path, depth, size, mtime, consumed,
		    consumed_arg);
		return;
	}
	if (depth >= w->lim->max_depth) {
		char why[80];

		snprintf(why, sizeof(why),
		    "archive nested deeper than %u levels", w->lim->max_depth);
		walk_skip(w, path, why);
		return;
	}
	/* The header just read is the first entry's. */
	walk_entry(w, a, e, path, depth);
	if (!w->stop)
		walk_entries(w, a, path, depth);
}

/* Reads the top-level file again as one plain (maybe compressed) leaf. */
static void
walk_raw_again(struct walker *w, const char *path, int64_t size,
    int64_t mtime)
{
	struct archive *a = archive_read_new(), *top = w->top;
	struct topdec *td = w->td;
	struct dec saved = w->dec;

	archive_read_support_filter_all(a);
	archive_read_support_format_raw(a);
	w->top = a;
	w->td = NULL;
	memset(&w->dec, 0, sizeof(w->dec));
	w->zeros_check = 1;
	if (archive_read_open_filename(a, w->fspath, WALK_BLOCK) != ARCHIVE_OK)
		walk_fail(w, path, "cannot open", archive_error_string(a));
	else
		walk_open(w, a, path, 0, size, mtime, file_consumed, a);
	w->zeros_check = 0;
	w->top = top;
	w->td = td;
	w->dec = saved;
	archive_read_free(a);
}

static void
walk_file(struct walker *w, const char *fspath, const char *rel,
    const struct stat *st)
{
	struct archive *a = archive_read_new();
	struct topdec *td = NULL;
	const char *dmg;
	char err[128];
	int kind, rc;

	walk_setup(a);
	w->top = a;
	/* only a regular file can be read again (NUL runs); a pipe is
	 * read once */
	w->fspath = strcmp(fspath, "-") == 0 || !S_ISREG(st->st_mode) ? NULL :
	    fspath;
	kind = w->fspath != NULL ? recover_kind_of(fspath) : 0;
	if (w->seg != NULL && w->seg->write)
		w->seg->ok = kind != 0;
	if (kind != 0) {
		td = xcalloc(1, sizeof(*td));
		td->kind = kind;
		if (w->seg != NULL && !w->seg->write)
			td->rec = bo_recover_spool(kind, w->seg->fd,
			    w->seg->off, w->seg->len, (uint64_t)st->st_size);
		else {
			if (w->seg != NULL) {
				td->tee = w->seg;
				w->seg->len = 0;
			}
			if ((td->rec = bo_recover_open(fspath, kind, err,
			    sizeof(err))) == NULL) {
				walk_fail(w, rel, "cannot open", err);
				goto out;
			}
			/* the same reads, only sooner: no output changes */
			if (read_ahead(w, st->st_size, AHEAD_MIN_BYTES))
				(void)bo_recover_ahead(td->rec,
				    sizeof(td->block), AHEAD_SLOTS);
		}
		w->td = td;
		dec_set(w, a, td->rec, kind, &td->reported);
		rc = archive_read_open(a, td, NULL, topdec_read, NULL);
	} else
		/* "-" is standard input: `zcat x.gz | blackout mrt dump -m -` */
		rc = strcmp(fspath, "-") == 0 ?
		    archive_read_open_fd(a, STDIN_FILENO, WALK_BLOCK) :
		    archive_read_open_filename(a, fspath, WALK_BLOCK);
	if (rc != ARCHIVE_OK)
		walk_fail(w, rel, "cannot open", archive_error_string(a));
	else
		walk_open(w, a, rel, 0, st->st_size, st->st_mtime,
		    file_consumed, a);
	/* damage met between members, or a CRC found wrong at the end */
	if (td != NULL && td->rec != NULL && !td->reported && !w->stop &&
	    (dmg = bo_recover_damage(td->rec)) != NULL)
		walk_fail(w, rel, "decompression failed", dmg);
out:
	if (w->seg != NULL && w->seg->write && td != NULL)
		tee_drain(w, td);
	/* a spool stands for the file only if its bytes were all read, and
	 * their reading said nothing */
	if (w->seg != NULL && w->seg->write)
		w->seg->ok = w->seg->ok && td != NULL && td->rec != NULL &&
		    td->eof && bo_recover_damage(td->rec) == NULL && !w->stop;
	if (td != NULL) {
		bo_recover_close(td->rec);
		free(td);
	}
	w->td = NULL;
	memset(&w->dec, 0, sizeof(w->dec));
	w->top = NULL;
	w->fspath = NULL;
	w->in_done += (uint64_t)st->st_size;
	archive_read_free(a);
}

struct lister {
	struct walker	 w;		/* for messages only */
	bo_file_fn	 fn;
	void		*arg;
	int		 stop;
};

static const char *
special_kind(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" :
	    S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device" :
	    "not a regular file";
}

/*
 * Symbolic links are followed, to files and to directories, except back
 * into a directory being walked (device and inode, not names: a loop).
 * FIFOs, sockets, devices and dangling links are not evidence, and are
 * said to be skipped: reading a FIFO could wait for ever.
 */
static void
walk_dir(struct lister *l, const char *fspath, const char *rel,
    const struct dir_chain *up, unsigned level)
{
	struct dir_chain here;
	struct stat dst;
	char **names;
	size_t n, i;

	if (level > 64) {
		walk_skip(&l->w, rel, "directory tree deeper than 64 levels");
		return;
	}
	if (stat(fspath, &dst) != 0 || (names = dir_list(fspath, &n)) ==
	    NULL) {
		walk_fail(&l->w, rel, "cannot open directory", strerror(errno));
		return;
	}
	here.dev = (uint64_t)dst.st_dev;
	here.ino = (uint64_t)dst.st_ino;
	here.up = up;
	for (i = 0; i < n && !l->stop; i++) {
		char *child = xasprintf("%s/%s", fspath, names[i]);
		char *safe = name_escape(names[i]);
		char *crel = rel[0] ? xasprintf("%s/%s", rel, safe) :
		    xstrdup(safe);
		struct stat st;
		char why[96];

		free(safe);
		int link = 0;

		if (lstat(child, &st) != 0) {
			walk_fail(&l->w, crel, "cannot stat", strerror(errno));
			goto next;
		}
		if (S_ISLNK(st.st_mode)) {
			link = 1;
			if (stat(child, &st) != 0) {
				snprintf(why, sizeof(why), "symbolic link to "
				    "nothing readable (%s)", strerror(errno));
				walk_skip(&l->w, crel, why);
				goto next;
			}
		}
		if (S_ISDIR(st.st_mode)) {
			if (dir_chain_has(&here, (uint64_t)st.st_dev,
			    (uint64_t)st.st_ino))
				walk_skip(&l->w, crel, "symbolic link loop (to "
				    "a directory being walked)");
			else
				walk_dir(l, child, crel, &here, level + 1);
		} else if (S_ISREG(st.st_mode)) {
			if (l->fn(l->arg, child, crel, &st) != 0)
				l->stop = 1;
		} else {
			snprintf(why, sizeof(why), "%s%s", link ?
			    "symbolic link to " : "", special_kind(st.st_mode));
			walk_skip(&l->w, crel, why);
		}
next:
		free(child);
		free(crel);
	}
	strv_free(names, n);
}

int
bo_walk_files(const char *input, struct bo_diag *diag, bo_file_fn fn,
    void *arg)
{
	struct lister l;
	struct stat st;

	memset(&l, 0, sizeof(l));
	l.w.input = input;
	l.w.diag = diag;
	l.fn = fn;
	l.arg = arg;
	bo_diag_count(diag, BO_CNT_INPUTS, 1);
	if (strcmp(input, "-") == 0) {
		memset(&st, 0, sizeof(st));
		st.st_mtime = 0;
		return fn(arg, input, "", &st) != 0 ? -1 : 0;
	}
	if (stat(input, &st) != 0) {
		walk_fail(&l.w, NULL, "cannot read input", strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		walk_dir(&l, input, "", NULL, 0);
	else if (fn(arg, input, "", &st) != 0)
		l.stop = 1;
	return l.stop ? -1 : 0;
}

int
bo_walk_file(const char *input, const char *fspath, const char *rel,
    const struct stat *st, const struct bo_limits *lim, struct bo_diag *diag,
    bo_walk_fn fn, void *arg, bo_progress_fn pfn, void *parg)
{
	return bo_walk_file_spool(input, fspath, rel, st, lim, diag, fn, arg,
	    pfn, parg, NULL);
}

int
bo_walk_file_spool(const char *input, const char *fspath, const char *rel,
    const struct stat *st, const struct bo_limits *lim, struct bo_diag *diag,
    bo_walk_fn fn, void *arg, bo_progress_fn pfn, void *parg,
    struct bo_spool_seg *seg)
{
	struct walker w;

	memset(&w, 0, sizeof(w));
	w.seg = seg;
	w.input = input;
	w.lim = lim;
	w.diag = diag;
	w.fn = fn;
	w.arg = arg;
	w.pfn = pfn;
	w.parg = parg;
	walk_file(&w, fspath, rel, st);
	return w.stop ? -1 : 0;
}

struct whole {
	const char		*input;
	const struct bo_limits	*lim;
	struct bo_diag		*diag;
	bo_walk_fn		 fn;
	void			*arg;
	bo_progress_fn		 pfn;
	void			*parg;
	uint64_t		 in_done;
};

static void
whole_progress(void *arg, uint64_t in, uint64_t out)
{
	struct whole *h = arg;

	h->pfn(h->parg, h->in_done + in, out);
}

static int
whole_file(void *arg, const char *fspath, const char *rel,
    const struct stat *st)
{
	struct whole *h = arg;
	int rc;

	rc = bo_walk_file(h->input, fspath, rel, st, h->lim, h->diag, h->fn,
	    h->arg, h->pfn ? whole_progress : NULL, h);
	h->in_done += (uint64_t)st->st_size;
	return rc;
}

int
bo_walk(const char *input, const struct bo_limits *lim, struct bo_diag *diag,
    bo_walk_fn fn, void *arg)
{
	return bo_walk_progress(input, lim, diag, fn, arg, NULL, NULL);
}

int
bo_walk_progress(const char *input, const struct bo_limits *lim,
    struct bo_diag *diag, bo_walk_fn fn, void *arg, bo_progress_fn pfn,
    void *parg)
{
	struct whole h = { input, lim, diag, fn, arg, pfn, parg, 0 };

	return bo_walk_files(input, diag, whole_file, &h);
}
