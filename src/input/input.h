/*
 * The input layer: walks directories, archives (nested to a depth limit)
 * and compressed files with libarchive, and hands each leaf member to a
 * callback as a buffered byte stream.  Nothing is extracted to disk and
 * memory does not grow with member size: the stream keeps only a window.
 */
#ifndef BO_INPUT_H
#define BO_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <blackout/blackout.h>

struct bo_stream;

struct bo_member {
	const char	*input;		/* as given */
	const char	*path;		/* "" for a plain file; '!' joins nesting */
	int64_t		 size;		/* declared (decompressed) size, -1 unknown */
	int64_t		 mtime;		/* seconds since epoch, INT64_MIN unknown */
	const char	*compression;	/* "gzip", "bzip2+...", "" when none */
	unsigned	 depth;		/* 0 for a plain file or top-level member */
};

/*
 * Called once per leaf member.  The stream is valid only during the call.
 * Return 0 to go on, -1 to stop the walk (fatal).
 */
typedef int (*bo_walk_fn)(void *arg, const struct bo_member *,
    struct bo_stream *);

/*
 * Walks one input.  Members that cannot be opened at all (corrupt archive
 * header, encrypted, over the depth limit) are reported to diag with their
 * place, counted as failed, and the walk goes on.  Returns -1 only when the
 * callback asked to stop.
 */
int	 bo_walk(const char *input, const struct bo_limits *, struct bo_diag *,
	    bo_walk_fn, void *arg);

/*
 * Progress of a walk: compressed bytes of the input consumed so far (as
 * stored on disk) and decompressed bytes handed to decoders.  Called every
 * few MiB from inside stream reads; it must be cheap and must not touch
 * the stream.
 */
typedef void (*bo_progress_fn)(void *arg, uint64_t in_bytes,
    uint64_t out_bytes);

int	 bo_walk_progress(const char *input, const struct bo_limits *,
	    struct bo_diag *, bo_walk_fn, void *arg, bo_progress_fn,
	    void *progress_arg);

/*
 * The two halves of a walk, for callers that spread files over threads:
 * bo_walk_files lists the regular files of an input (the input itself, or
 * a directory walked recursively in byte order), reporting what it cannot
 * read; bo_walk_file walks one of them.  rel is "" for a plain input.
 */
struct stat;
typedef int (*bo_file_fn)(void *arg, const char *fspath, const char *rel,
    const struct stat *);

int	 bo_walk_files(const char *input, struct bo_diag *, bo_file_fn,
	    void *arg);
int	 bo_walk_file(const char *input, const char *fspath, const char *rel,
	    const struct stat *, const struct bo_limits *, struct bo_diag *,
	    bo_walk_fn, void *arg, bo_progress_fn, void *progress_arg);

/*
 * A spool: what a gzip or bzip2 file decompressed to, kept in a segment of
 * a temporary file, so that a second walk of the same file (a timeline's
 * scan, then its pass) decompresses it once.  Writing (write set), the
 * walk appends each decompressed block at off + len while len stays
 * within max; afterwards ok says whether the segment holds all the file
 * decompresses to, met without damage, so that reading it back gives the
 * walk the same bytes and nothing to say of them.  Reading, the walk takes
 * the file's bytes from the len bytes at off instead of decompressing.
 * Only the file's own compression is spooled (a tar.gz's tar, not the
 * entries of a zip); any other file is walked as it would be.
 */
struct bo_spool_seg {
	int		 fd;
	int		 write;
	uint64_t	 off;
	uint64_t	 len;
	uint64_t	 max;
	int		 ok;
};

int	 bo_walk_file_spool(const char *input, const char *fspath,
	    const char *rel, const struct stat *, const struct bo_limits *,
	    struct bo_diag *, bo_walk_fn, void *arg, bo_progress_fn,
	    void *progress_arg, struct bo_spool_seg *);

/*
 * Stream access for decoders.
 *
 * bo_stream_fill() makes at least `need` contiguous bytes available at
 * bo_stream_data() unless the member ends first; it returns the number
 * available (possibly fewer than need at end or error).  A window larger
 * than BO_STREAM_MAX_WINDOW is refused (returns what it has).
 */
#define BO_STREAM_MAX_WINDOW	(64u * 1024 * 1024)

size_t		 bo_stream_fill(struct bo_stream *, size_t need);
const uint8_t	*bo_stream_data(const struct bo_stream *);
size_t		 bo_stream_avail(const struct bo_stream *);
void		 bo_stream_consume(struct bo_stream *, size_t);
/* Offset in the member stream of bo_stream_data()[0]. */
uint64_t	 bo_stream_offset(const struct bo_stream *);
/* Set once the underlying read failed (corrupt compression, truncation,
 * size limit, bomb ratio); message says why. */
int		 bo_stream_error(const struct bo_stream *, const char **msg);
/* Reads one line (without the newline, CR stripped) of at most max bytes;
 * a longer line is returned cut, with *truncated set, and the rest of it
 * skipped.  Returns 0, or -1 at end of stream.  The line is valid until
 * the next stream call. */
int		 bo_stream_line(struct bo_stream *, size_t max, const char **line,
		    size_t *len, int *truncated);
/* 1 once bo_stream_line found lines ending in CR alone (no LF at all in
 * the first 64 KiB): classic Mac OS text, read line by line all the same. */
int		 bo_stream_cr_lines(const struct bo_stream *);
/* Reads the whole remaining member into a malloc'd buffer of at most max
 * bytes: 0, or -1 when it is larger (*len then holds what was read). */
int		 bo_stream_slurp(struct bo_stream *, size_t max, char **out,
		    size_t *len);

/* Makes a stream over a memory buffer (tests, fuzz targets). */
struct bo_stream *bo_stream_mem_new(const void *, size_t);
void		 bo_stream_mem_free(struct bo_stream *);

#endif /* BO_INPUT_H */
