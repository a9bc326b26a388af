/*
 * Reading a damaged gzip or bzip2 file to its last good byte.
 *
 * libarchive reports truncation or corruption of a compressed file as an
 * error on the read that meets it, and what it had decompressed past its
 * last hand-over is lost with it: nothing of a truncated gzip file under
 * 256 KiB, the last decoded bzip2 block of a cut RIB), and it does not
 * check gzip CRCs.  zlib and libbz2 driven directly hand over every byte
 * as it is decompressed and check what they can, so the walker decompresses
 * top-level gzip and bzip2 files with them (walk.c, topdec) and gives up
 * only where the compressed data really stops making sense; the message
 * then says where: compressed and decompressed offsets.
 */
#include "config.h"

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "input/ahead.h"
#include "input/recover.h"
#include "util/util.h"

#define REC_IN	(64u * 1024)

struct bo_recover {
	int		 fd;		/* -1: bytes come from in_read */
	bo_recover_in_fn in_read;
	void		*in_arg;
	int		 kind;		/* BO_RECOVER_GZIP, _BZIP2 */
	int		 open;		/* a decompressor is initialised */
	int		 done;
	int		 in_eof;
	z_stream	 z;
	bz_stream	 b;
	uint8_t		 in[REC_IN];
	size_t		 in_len;	/* bytes of in not yet decompressed */
	const uint8_t	*in_p;
	uint64_t	 in_total;	/* compressed bytes read from the file */
	uint64_t	 out_total;	/* decompressed bytes handed over */
	uint64_t	 stream_start;	/* compressed offset of this stream */
	char		 damage[320];
	char		 why[120];
	uint64_t	 at_in;		/* where the damage was met */
	uint64_t	 at_out;
	/* Read ahead on a thread (bo_recover_ahead): the fields above are
	 * the producer's, and the reader sees them as they stood after the
	 * last block it took. */
	struct bo_ahead	*ahead;
	struct bo_ahead_state seen;
	size_t		 ablock;	/* the ring's block size */
	bo_recover_outer_fn outer;	/* the producer's only */
	void		*outer_arg;
	/* bo_recover_spool: the bytes were decompressed before, into a
	 * segment of a temporary file */
	int		 spool_fd;	/* -1: none */
	uint64_t	 spool_off;
	uint64_t	 spool_len;
	uint64_t	 spool_in;	/* the compressed file's size */
};

int
bo_recover_kind(const uint8_t *p, size_t n)
{
	/* as strict as libarchive's bidders: deflate; a block or the
	 * end-of-stream marker after the bzip2 header */
	if (n >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8)
		return BO_RECOVER_GZIP;
	if (n >= 10 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' &&
	    p[3] >= '1' && p[3] <= '9' &&
	    (memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
	    memcmp(p + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0))
		return BO_RECOVER_BZIP2;
	return 0;
}

/* Compressed offset of the next byte the decompressor will read. */
static uint64_t
in_offset(const struct bo_recover *r)
{
	return r->in_total - r->in_len;
}

static void __attribute__((format(printf, 2, 3)))
damaged(struct bo_recover *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	r->at_in = in_offset(r);
	r->at_out = r->out_total;
	/* zlib finds a wrong CRC or length only at the end of a member:
	 * the bytes before were read, and are wrong somewhere */
	snprintf(r->damage, sizeof(r->damage), "%s damaged from compressed "
	    "byte %" PRIu64 " (decompressed byte %" PRIu64 "): %s; %s",
	    r->kind == BO_RECOVER_GZIP ? "gzip" : "bzip2", r->at_in, r->at_out,
	    r->why, strstr(r->why, "incorrect") != NULL ? "the bytes before "
	    "it were read but are corrupt somewhere (CRC or length mismatch)" :
	    "every byte before it was read");
	r->done = 1;
}

static int
fill_in(struct bo_recover *r)
{
	ssize_t n;

	if (r->in_len > 0 || r->in_eof)
		return 0;
	if (r->fd < 0)
		n = r->in_read(r->in_arg, r->in, sizeof(r->in));
	else
		do
			n = read(r->fd, r->in, sizeof(r->in));
		while (n < 0 && errno == EINTR);
	if (n < 0) {
		damaged(r, "read error: %s", r->fd < 0 ? "in the archive" :
		    strerror(errno));
		return -1;
	}
	if (n == 0)
		r->in_eof = 1;
	r->in_p = r->in;
	r->in_len = (size_t)n;
	r->in_total += (uint64_t)n;
	return 0;
}

static int
dec_init(struct bo_recover *r)
{
	int rc;

	r->stream_start = in_offset(r);
	if (r->kind == BO_RECOVER_GZIP) {
		memset(&r->z, 0, sizeof(r->z));
		rc = inflateInit2(&r->z, 15 + 16) == Z_OK ? 0 : -1;
	} else {
		memset(&r->b, 0, sizeof(r->b));
		rc = BZ2_bzDecompressInit(&r->b, 0, 0) == BZ_OK ? 0 : -1;
	}
	if (rc != 0) {
		damaged(r, "cannot initialise the decompressor");
		return -1;
	}
	r->open = 1;
	return 0;
}

static void
dec_end(struct bo_recover *r)
{
	if (!r->open || r->spool_fd >= 0)
		return;
	if (r->kind == BO_RECOVER_GZIP)
		inflateEnd(&r->z);
	else
		BZ2_bzDecompressEnd(&r->b);
	r->open = 0;
}

struct bo_recover *
bo_recover_new(int kind, bo_recover_in_fn in_read, void *arg)
{
	struct bo_recover *r = xcalloc(1, sizeof(*r));

	r->fd = -1;
	r->spool_fd = -1;
	r->in_read = in_read;
	r->in_arg = arg;
	r->kind = kind;
	/* a decompressor that cannot start says so at the first read */
	(void)dec_init(r);
	return r;
}

struct bo_recover *
bo_recover_open(const char *path, int kind, char *err, size_t errlen)
{
	struct bo_recover *r;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->fd = fd;
	r->spool_fd = -1;
	r->kind = kind;
	if (dec_init(r) != 0) {
		snprintf(err, errlen, "%s", r->damage);
		bo_recover_close(r);
		return NULL;
	}
	return r;
}

/*
 * After the end of one compressed stream: another one follows (pigz and
 * pbzip2 write several), or the file ends, or the rest is not compressed
 * data, which is said rather than dropped.
 */
static int
next_stream(struct bo_recover *r)
{
	dec_end(r);
	if (fill_in(r) != 0)
		return -1;
	if (r->in_len == 0) {
		r->done = 1;
		return -1;
	}
	if (bo_recover_kind(r->in_p, r->in_len) != r->kind) {
		/* zero padding (tape blocks, preallocation) ends the file
		 * cleanly; anything else may be a damaged further member */
		uint64_t at = in_offset(r);

		while (r->in_len > 0 && r->in_p[0] == 0) {
			r->in_p++;
			r->in_len--;
			if (r->in_len == 0 && fill_in(r) != 0)
				return -1;
		}
		if (r->in_len == 0) {
			r->done = 1;
			return -1;
		}
		damaged(r, "bytes after the end of the compressed data (from "
		    "byte %" PRIu64 ")", at);
		return -1;
	}
	return dec_init(r);
}

static ssize_t
read_gzip(struct bo_recover *r, uint8_t *buf, size_t n)
{
	int rc;

	r->z.next_out = buf;
	r->z.avail_out = (uInt)n;
	while (r->z.avail_out == n && !r->done) {
		if (fill_in(r) != 0)
			break;
		if (r->in_len == 0) {
			damaged(r, "truncated gzip input");
			break;
		}
		r->z.next_in = (Bytef *)(uintptr_t)r->in_p;
		r->z.avail_in = (uInt)r->in_len;
		rc = inflate(&r->z, Z_NO_FLUSH);
		r->in_p = r->z.next_in;
		r->in_len = r->z.avail_in;
		if (rc == Z_STREAM_END) {
			r->out_total += n - r->z.avail_out;
			if (n - r->z.avail_out > 0) {
				/* the next stream on the next call */
				size_t got = n - r->z.avail_out;

				if (next_stream(r) != 0 && r->damage[0] == '\0')
					r->done = 1;
				return (ssize_t)got;
			}
			if (next_stream(r) != 0)
				return 0;
			r->z.next_out = buf;
			r->z.avail_out = (uInt)n;
			continue;
		}
		if (rc != Z_OK && rc != Z_BUF_ERROR) {
			r->out_total += n - r->z.avail_out;
			damaged(r, "%s", r->z.msg ? r->z.msg : "corrupt data");
			return (ssize_t)(n - r->z.avail_out);
		}
	}
	r->out_total += n - r->z.avail_out;
	return (ssize_t)(n - r->z.avail_out);
}

static ssize_t
read_bzip2(struct bo_recover *r, uint8_t *buf, size_t n)
{
	int rc;

	r->b.next_out = (char *)buf;
	r->b.avail_out = (unsigned)n;
	while (r->b.avail_out == n && !r->done) {
		if (fill_in(r) != 0)
			break;
		if (r->in_len == 0) {
			damaged(r, "truncated bzip2 input (the last, incomplete "
			    "block cannot be decoded)");
			break;
		}
		r->b.next_in = (char *)(uintptr_t)r->in_p;
		r->b.avail_in = (unsigned)r->in_len;
		rc = BZ2_bzDecompress(&r->b);
		r->in_p = (const uint8_t *)r->b.next_in;
		r->in_len = r->b.avail_in;
		if (rc == BZ_STREAM_END) {
			size_t got = n - r->b.avail_out;

			r->out_total += got;
			if (next_stream(r) != 0 && got == 0)
				return 0;
			if (got > 0)
				return (ssize_t)got;
			r->b.next_out = (char *)buf;
			r->b.avail_out = (unsigned)n;
			continue;
		}
		if (rc != BZ_OK) {
			r->out_total += n - r->b.avail_out;
			damaged(r, "corrupt bzip2 data (libbz2 error %d)", rc);
			return (ssize_t)(n - r->b.avail_out);
		}
	}
	r->out_total += n - r->b.avail_out;
	return (ssize_t)(n - r->b.avail_out);
}

struct bo_recover *
bo_recover_spool(int kind, int fd, uint64_t off, uint64_t len,
    uint64_t in_size)
{
	struct bo_recover *r = xcalloc(1, sizeof(*r));

	r->fd = -1;
	r->kind = kind;
	r->open = 1;
	r->spool_fd = fd;
	r->spool_off = off;
	r->spool_len = len;
	r->spool_in = in_size;
	return r;
}

/* The compressed bytes read so far are those that gave the bytes handed
 * over, in proportion: the bomb ratio and progress see the file's own. */
static ssize_t
read_spool(struct bo_recover *r, uint8_t *buf, size_t n)
{
	uint64_t left = r->spool_len - r->out_total;
	ssize_t got;

	if (left == 0) {
		r->done = 1;
		r->in_total = r->spool_in;
		return 0;
	}
	if (n > left)
		n = (size_t)left;
	do
		got = pread(r->spool_fd, buf, n, (off_t)(r->spool_off +
		    r->out_total));
	while (got < 0 && errno == EINTR);
	if (got <= 0) {
		damaged(r, "cannot read back its decompressed bytes: %s",
		    got < 0 ? strerror(errno) : "temporary file cut short");
		return 0;
	}
	r->out_total += (uint64_t)got;
	r->in_total = r->spool_len > 0 ? (uint64_t)((double)r->spool_in *
	    ((double)r->out_total / (double)r->spool_len)) : r->spool_in;
	return got;
}

static ssize_t
recover_read(struct bo_recover *r, void *buf, size_t n)
{
	if (r->done || n == 0 || !r->open)
		return 0;
	if (n > 1u << 30)
		n = 1u << 30;
	if (r->spool_fd >= 0)
		return read_spool(r, buf, n);
	return r->kind == BO_RECOVER_GZIP ? read_gzip(r, buf, n) :
	    read_bzip2(r, buf, n);
}

/* The producer's step: once damaged, done is set and no later call
 * writes the message again, so the reader may read it after this. */
static ssize_t
recover_ahead_fn(void *arg, void *buf, size_t n, struct bo_ahead_state *st)
{
	struct bo_recover *r = arg;
	ssize_t got = recover_read(r, buf, n);

	st->in = r->in_total;
	st->damaged = r->damage[0] != '\0';
	if (r->outer != NULL)
		r->outer(r->outer_arg, &st->outer_in, &st->outer_damage);
	return got;
}

int
bo_recover_ahead_outer(struct bo_recover *r, size_t block, unsigned slots,
    bo_recover_outer_fn outer, void *arg)
{
	if (r->ahead != NULL)
		return 0;
	r->seen.in = r->in_total;
	r->seen.damaged = r->damage[0] != '\0';
	r->outer = outer;
	r->outer_arg = arg;
	if (outer != NULL)
		outer(arg, &r->seen.outer_in, &r->seen.outer_damage);
	r->ahead = bo_ahead_new(recover_ahead_fn, r, block, slots);
	r->ablock = block;
	if (r->ahead == NULL)
		r->outer = NULL;
	return r->ahead != NULL ? 0 : -1;
}

int
bo_recover_ahead(struct bo_recover *r, size_t block, unsigned slots)
{
	return bo_recover_ahead_outer(r, block, slots, NULL, NULL);
}

void
bo_recover_outer(const struct bo_recover *r, uint64_t *in,
    const char **damage)
{
	*in = r->seen.outer_in;
	*damage = r->seen.outer_damage;
}

ssize_t
bo_recover_next(struct bo_recover *r, void *buf, size_t n, const void **out)
{
	*out = buf;
	if (r->ahead == NULL)
		return recover_read(r, buf, n);
	/* a block copied out by bo_recover_read must fit the caller's
	 * buffer; a smaller read is a caller's bug, refused, not an
	 * overflow */
	if (n < r->ablock) {
		errno = EINVAL;
		return -1;
	}
	return bo_ahead_read(r->ahead, out, &r->seen);
}

ssize_t
bo_recover_read(struct bo_recover *r, void *buf, size_t n)
{
	const void *p;
	ssize_t got = bo_recover_next(r, buf, n, &p);

	if (got > 0 && p != buf)
		memcpy(buf, p, (size_t)got);
	return got;
}

const char *
bo_recover_damage(const struct bo_recover *r)
{
	if (r->ahead != NULL)
		return r->seen.damaged ? r->damage : NULL;
	return r->damage[0] != '\0' ? r->damage : NULL;
}

uint64_t
bo_recover_in(void *arg)
{
	const struct bo_recover *r = arg;

	return r->ahead != NULL ? r->seen.in : r->in_total;
}

void
bo_recover_close(struct bo_recover *r)
{
	if (r == NULL)
		return;
	/* the producer stops before its decompressor goes */
	bo_ahead_free(r->ahead);
	dec_end(r);
	if (r->fd >= 0)
		close(r->fd);
	free(r);
}
