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
/* Up to n decompressed bytes; 0 at the end or where the damage starts. */
ssize_t		 bo_recover_read(struct bo_recover *, void *, size_t n);
/* Discards n decompressed bytes: 0, or -1 when fewer were there. */
int		 bo_recover_skip(struct bo_recover *, uint64_t n);
/* What stopped the reading, with compressed and decompressed offsets;
 * NULL when the file ended cleanly. */
const char	*bo_recover_damage(const struct bo_recover *);
/* The same in parts: zlib's or libbz2's reason, and the compressed and
 * decompressed offsets where it was met. */
const char	*bo_recover_where(const struct bo_recover *, uint64_t *in,
		    uint64_t *out);
/* Compressed bytes read so far (for the bomb ratio). */
uint64_t	 bo_recover_in(void *);
void		 bo_recover_close(struct bo_recover *);

#endif
