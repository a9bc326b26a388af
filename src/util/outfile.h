/*
 * Output files written whole or not at all: -o FILE goes to a temporary
 * file beside FILE, renamed over it once complete, so that an interrupted
 * or failed run leaves the previous FILE as it was (and no half file).
 * A target that is not a regular file (/dev/stdout, a FIFO) is written in
 * place.  The temporary files are removed on SIGINT, SIGTERM and SIGHUP.
 */
#ifndef BO_OUTFILE_H
#define BO_OUTFILE_H

#include <stdio.h>

/* Opens path for writing ("w"): NULL with errno set on failure. */
FILE	*bo_outfile_fopen(const char *path);
/* Closes f; when ok and every write succeeded, renames the temporary file
 * over the target, else removes it.  0, or -1 with errno set. */
int	 bo_outfile_fclose(FILE *f, int ok);

/* The same on a file descriptor. */
int	 bo_outfile_open(const char *path);
int	 bo_outfile_close(int fd, int ok);

#endif
