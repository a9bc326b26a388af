#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "core/ctx.h"
#include "util/util.h"

static void
hex(const uint8_t *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

int
bo_hash_file(const char *path, char out[65], uint64_t *bytes)
{
	struct sha256_ctx sc;
	uint8_t digest[SHA256_DIGEST_SIZE];
	static _Thread_local uint8_t block[1 << 16];
	FILE *f;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	sha256_init(&sc);
	while ((n = fread(block, 1, sizeof(block), f)) > 0) {
		sha256_update(&sc, n, block);
		*bytes += n;
	}
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	sha256_digest(&sc, sizeof(digest), digest);
	hex(digest, sizeof(digest), out);
	return 0;
}

/* Appends "sha256  rel\n" for every regular file under dir, sorted. */
static int
hash_dir(const char *dir, const char *rel, struct buf *listing,
    uint64_t *bytes, const struct dir_chain *up, unsigned level)
{
	char **names, h[65];
	size_t n, i;
	int rc = 0;
	struct dir_chain here;
	struct stat dst;

	if (level > 64 || stat(dir, &dst) != 0 ||
	    (names = dir_list(dir, &n)) == NULL)
		return -1;
	/* the walker's rules: links followed, but not into a loop */
	here.dev = (uint64_t)dst.st_dev;
	here.ino = (uint64_t)dst.st_ino;
	here.up = up;
	for (i = 0; i < n; i++) {
		char *child = xasprintf("%s/%s", dir, names[i]);
		char *crel = rel[0] ? xasprintf("%s/%s", rel, names[i]) :
		    xstrdup(names[i]);
		struct stat st;

		if (stat(child, &st) != 0)
			st.st_mode = 0;
		if (S_ISDIR(st.st_mode) && !dir_chain_has(&here,
		    (uint64_t)st.st_dev, (uint64_t)st.st_ino))
			rc |= hash_dir(child, crel, listing, bytes, &here,
			    level + 1);
		else if (S_ISREG(st.st_mode)) {
			if (bo_hash_file(child, h, bytes) == 0)
				buf_printf(listing, "%s  %s\n", h, crel);
			else
				rc = -1;
		}
		free(child);
		free(crel);
	}
	strv_free(names, n);
	return rc;
}

int
bo_hash_input(const char *path, char out[65], uint64_t *bytes)
{
	struct stat st;
	struct buf listing;
	struct sha256_ctx sc;
	uint8_t digest[SHA256_DIGEST_SIZE];
	int rc;

	*bytes = 0;
	out[0] = '\0';
	if (stat(path, &st) != 0)
		return -1;
	/* a pipe is read once, by the walker */
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
		return -1;
	if (!S_ISDIR(st.st_mode))
		return bo_hash_file(path, out, bytes);
	buf_init(&listing);
	rc = hash_dir(path, "", &listing, bytes, NULL, 0);
	sha256_init(&sc);
	sha256_update(&sc, listing.len, (const uint8_t *)listing.data);
	sha256_digest(&sc, sizeof(digest), digest);
	hex(digest, sizeof(digest), out);
	buf_free(&listing);
	return rc;
}
