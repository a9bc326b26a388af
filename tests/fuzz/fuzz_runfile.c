/* Run files (blackout map's output) read back by the reduce: the meta
 * section alone, then the whole file through the reader. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/runfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[] = "/tmp/fuzz-runfile-XXXXXX";
static int fd = -1;

static void
remove_file(void)
{
	(void)unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct runfile_meta m;
	struct runfile_reader *r;
	const struct bo_event *ev;
	const char *why;
	int err = 0;

	if (runfile_meta_decode(data, size, &m) == 0)
		runfile_meta_free(&m);
	if (fd < 0) {
		if ((fd = mkstemp(path)) < 0)
			abort();
		atexit(remove_file);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		abort();
	if ((r = runfile_open(path, &why)) == NULL)
		return 0;
	while ((ev = runfile_next(r, &err)) != NULL)
		if (ev->kind == NULL || ev->prov.input == NULL)
			abort();
	runfile_close(r);
	return 0;
}
