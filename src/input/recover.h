/*
 * Direct zlib/libbz2 reading of a gzip or bzip2 file, for when libarchive
 * gives up on damage before handing over every byte that decompresses
 * (recover.c).
 */
#ifndef BO_RECOVER_H
#define BO_RECOVER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define BO_RECOVER_GZIP		1
#define BO_RECOVER_BZIP2	2

struct bo_recover;

/* BO_RECOVER_GZIP or _BZIP2 by the magic bytes; 0 for anything else. */
int		 bo_recover_kind(const uint8_t *, size_t);
/* Opens path for decompression from its first byte; NULL with err set. */
struct bo_recover *bo_recover_open(const char *path, int kind, char *err,
		    size_t errlen);
/* The same on compressed bytes from a callback (an archive entry): it
 * returns up to n bytes, 0 at the end, -1 on error. */
typedef ssize_t	(*bo_recover_in_fn)(void *arg, void *buf, size_t n);
struct bo_recover *bo_recover_new(int kind, bo_recover_in_fn, void *arg);
/* The bytes a file of this kind decompressed to before, read back from
 * len bytes at off of fd (not closed here); in_size is the compressed
 * file's size, for bo_recover_in. */
struct bo_recover *bo_recover_spool(int kind, int fd, uint64_t off,
		    uint64_t len, uint64_t in_size);
/* Up to n decompressed bytes; 0 at the end or where the damage starts. */
ssize_t		 bo_recover_read(struct bo_recover *, void *, size_t n);
/* The same without a copy when reading ahead: the bytes are at *out, in
 * buf or in a block of the ring valid until the next call. */
ssize_t		 bo_recover_next(struct bo_recover *, void *buf, size_t n,
		    const void **out);
/* From now on decompresses on a thread of its own, ahead of the reads, in
 * a ring of slots blocks of block bytes (ahead.h); every read must then
 * ask for block bytes.  What the reads, bo_recover_damage and
 * bo_recover_in say stays exactly what they would say without it.
 * -1 when no thread starts (reading goes on without). */
int		 bo_recover_ahead(struct bo_recover *, size_t block,
		    unsigned slots);
/*
 * The same for a decompression whose compressed bytes come from another
 * reader the producer then drives (an archive's entry, under the file's
 * own decompression): after each read the producer asks outer() for that
 * reader's bytes in and damage, and bo_recover_outer says them as they
 * stood after the last block taken, since the outer reader may no longer
 * be asked from the reading thread.
 */
typedef void	(*bo_recover_outer_fn)(void *arg, uint64_t *in,
		    const char **damage);
int		 bo_recover_ahead_outer(struct bo_recover *, size_t block,
		    unsigned slots, bo_recover_outer_fn, void *arg);
void		 bo_recover_outer(const struct bo_recover *, uint64_t *in,
		    const char **damage);
/* What stopped the reading, with compressed and decompressed offsets;
 * NULL when the file ended cleanly. */
const char	*bo_recover_damage(const struct bo_recover *);
/* Compressed bytes read so far (for the bomb ratio). */
uint64_t	 bo_recover_in(void *);
void		 bo_recover_close(struct bo_recover *);

#endif
