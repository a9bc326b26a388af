#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "gen.h"

/*
 * The output set: members are kept in memory (a case is a few MB), sorted
 * by path and written with fixed metadata, so two runs give the same bytes.
 * Compressed members and the case archive both go through libarchive, as
 * the real archives were written by ordinary tools.
 */

void
out_init(struct gen_out *o, int64_t mtime)
{
	memset(o, 0, sizeof(*o));
	o->mtime = mtime;
}

void
out_free(struct gen_out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->m[i].path);
		free(o->m[i].data);
	}
	free(o->m);
	memset(o, 0, sizeof(*o));
}

static la_ssize_t
mem_write(struct archive *a, void *arg, const void *p, size_t n)
{
	(void)a;
	buf_add(arg, p, n);
	return (la_ssize_t)n;
}

/* Sets the options that make libarchive's output depend on content only. */
static int
set_filter(struct archive *a, enum compress_kind k)
{
	switch (k) {
	case COMP_GZIP:
		if (archive_write_add_filter_gzip(a) != ARCHIVE_OK)
			return -1;
		/* gzip headers carry the write time unless told not to. */
		if (archive_write_set_filter_option(a, "gzip", "timestamp",
		    NULL) != ARCHIVE_OK)
			return -1;
		return 0;
	case COMP_BZIP2:
		return archive_write_add_filter_bzip2(a) == ARCHIVE_OK ? 0 : -1;
	case COMP_NONE:
		return archive_write_add_filter_none(a) == ARCHIVE_OK ? 0 : -1;
	}
	return -1;
}

static struct archive_entry *
entry_new(const char *path, size_t len, int64_t mtime)
{
	struct archive_entry *e = archive_entry_new();

	if (e == NULL) {
		fprintf(stderr, "bo-gen: out of memory\n");
		abort();
	}
	archive_entry_set_pathname(e, path);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	return e;
}

/* Compresses src with k into dst via libarchive's raw format. */
static int
compress_raw(struct buf *dst, const struct buf *src, enum compress_kind k,
    const char *path, int64_t mtime)
{
	struct archive *a;
	struct archive_entry *e = NULL;
	int rc = -1;

	if ((a = archive_write_new()) == NULL)
		return -1;
	if (archive_write_set_format_raw(a) != ARCHIVE_OK ||
	    set_filter(a, k) != 0 ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open2(a, dst, NULL, mem_write, NULL, NULL) !=
	    ARCHIVE_OK)
		goto out;
	e = entry_new(path, src->len, mtime);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		goto out;
	if (src->len > 0 &&
	    archive_write_data(a, src->data, src->len) != (la_ssize_t)src->len)
		goto out;
	if (archive_write_close(a) != ARCHIVE_OK)
		goto out;
	rc = 0;
out:
	if (e != NULL)
		archive_entry_free(e);
	archive_write_free(a);
	return rc;
}

int
out_add(struct gen_out *o, const char *path, struct buf *b,
    enum compress_kind k)
{
	struct gen_member *m;
	struct buf z;

	buf_init(&z);
	if (k != COMP_NONE) {
		if (compress_raw(&z, b, k, path, o->mtime) != 0) {
			buf_free(&z);
			return -1;
		}
		buf_reset(b);
	} else {
		z = *b;
		buf_init(b);
	}
	xgrow(&o->m, &o->cap, o->n, sizeof(*o->m));
	m = &o->m[o->n++];
	m->path = xstrdup(path);
	m->len = z.len;
	m->data = (uint8_t *)buf_take(&z);
	return 0;
}

static int
member_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gen_member *)a)->path,
	    ((const struct gen_member *)b)->path);
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

static int
mkdirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static int
write_dir(const struct gen_out *o, const char *dest, char **err)
{
	size_t i;
	char *path;
	FILE *f;

	for (i = 0; i < o->n; i++) {
		path = xasprintf("%s/%s", dest, o->m[i].path);
		if (mkdirs(path) != 0 || (f = fopen(path, "wb")) == NULL) {
			*err = xasprintf("%s: %s", path, strerror(errno));
			free(path);
			return -1;
		}
		if (fwrite(o->m[i].data, 1, o->m[i].len, f) != o->m[i].len ||
		    fclose(f) != 0) {
			*err = xasprintf("%s: write error", path);
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

static int
write_archive(const struct gen_out *o, const char *dest, int zip,
    enum compress_kind k, char **err)
{
	struct archive *a;
	struct archive_entry *e;
	size_t i;
	int rc = -1;

	if ((a = archive_write_new()) == NULL) {
		*err = xasprintf("%s: cannot create the archive", dest);
		return -1;
	}
	if ((zip ? archive_write_set_format_zip(a) :
	    archive_write_set_format_pax_restricted(a)) != ARCHIVE_OK ||
	    (!zip && set_filter(a, k) != 0) ||
	    archive_write_open_filename(a, dest) != ARCHIVE_OK)
		goto fail;
	for (i = 0; i < o->n; i++) {
		e = entry_new(o->m[i].path, o->m[i].len, o->mtime);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    (o->m[i].len > 0 && archive_write_data(a, o->m[i].data,
		    o->m[i].len) != (la_ssize_t)o->m[i].len)) {
			archive_entry_free(e);
			goto fail;
		}
		archive_entry_free(e);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		goto fail;
	rc = 0;
	goto out;
fail:
	*err = xasprintf("%s: %s", dest, archive_error_string(a) != NULL ?
	    archive_error_string(a) : "archive error");
	/* A half-written archive would pass for a case with missing files. */
	(void)unlink(dest);
out:
	archive_write_free(a);
	return rc;
}

int
out_write(struct gen_out *o, const char *dest, char **err)
{
	size_t i;

	if (o->n > 0)
		qsort(o->m, o->n, sizeof(*o->m), member_cmp);
	for (i = 1; i < o->n; i++)
		if (strcmp(o->m[i].path, o->m[i - 1].path) == 0) {
			*err = xasprintf("member %s written twice", o->m[i].path);
			return -1;
		}
	if (ends_with(dest, ".tar.gz") || ends_with(dest, ".tgz"))
		return write_archive(o, dest, 0, COMP_GZIP, err);
	if (ends_with(dest, ".tar"))
		return write_archive(o, dest, 0, COMP_NONE, err);
	if (ends_with(dest, ".zip"))
		return write_archive(o, dest, 1, COMP_NONE, err);
	if (mkdir(dest, 0755) != 0 && errno != EEXIST) {
		*err = xasprintf("%s: %s", dest, strerror(errno));
		return -1;
	}
	return write_dir(o, dest, err);
}
