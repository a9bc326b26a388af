#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/outfile.h"
#include "util/util.h"

#define MAX_OUT	8

/* Open outputs; tmp is NULL for a target written in place. */
static struct out {
	int		 fd;
	char		*tmp;
	char		*path;
} outs[MAX_OUT];
static volatile sig_atomic_t nouts;
static int handlers_set;

/* Removes the temporary files, then dies of the signal as it would have. */
static void
on_signal(int sig)
{
	sig_atomic_t i;

	for (i = 0; i < nouts; i++)
		if (outs[i].tmp != NULL)
			(void)unlink(outs[i].tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	if (handlers_set)
		return;
	handlers_set = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* an ignored signal stays ignored (nohup) */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int
bo_outfile_open(const char *path)
{
	struct stat st;
	char *tmp, *slash;
	mode_t mode, um;
	int fd, have = stat(path, &st) == 0;

	if (nouts >= MAX_OUT) {
		errno = EMFILE;
		return -1;
	}
	if (have && !S_ISREG(st.st_mode)) {
		/* a device or a FIFO: nothing to replace */
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
			return -1;
		outs[nouts].fd = fd;
		outs[nouts].tmp = NULL;
		outs[nouts].path = NULL;
		nouts++;
		return fd;
	}
	slash = strrchr(path, '/');
	if (slash != NULL)
		tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	else
		tmp = xasprintf(".%s.XXXXXX", path);
	set_handlers();
	if ((fd = mkstemp(tmp)) < 0) {
		int e = errno;

		free(tmp);
		errno = e;
		return -1;
	}
	/* the mode a plain creation would give, or the old file's */
	if (have)
		mode = st.st_mode & 07777;
	else {
		um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	(void)fchmod(fd, mode);
	outs[nouts].tmp = tmp;
	outs[nouts].path = xstrdup(path);
	outs[nouts].fd = fd;
	nouts++;
	return fd;
}

static sig_atomic_t
find(int fd)
{
	sig_atomic_t i;

	for (i = 0; i < nouts && outs[i].fd != fd; i++)
		;
	return i;
}

/* Entry i's file is closed (bad: a write or the close failed, with
 * errno e): renames or removes the temporary file, forgets the entry. */
static int
finish(sig_atomic_t i, int bad, int e, int ok)
{
	struct out o = outs[i];

	if (o.tmp != NULL) {
		if (!bad && ok && rename(o.tmp, o.path) != 0) {
			bad = 1;
			e = errno;
		}
		if (bad || !ok)
			(void)unlink(o.tmp);
	}
	/* the signal handler reads the table: shrink it before freeing */
	outs[i] = outs[nouts - 1];
	nouts--;
	free(o.tmp);
	free(o.path);
	if (bad) {
		errno = e != 0 ? e : EIO;
		return -1;
	}
	return 0;
}

int
bo_outfile_close(int fd, int ok)
{
	sig_atomic_t i = find(fd);
	int bad;

	if (i == nouts)
		return close(fd);
	bad = close(fd) != 0;
	return finish(i, bad, errno, ok);
}

FILE *
bo_outfile_fopen(const char *path)
{
	FILE *f;
	int fd = bo_outfile_open(path), e;

	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		(void)bo_outfile_close(fd, 0);
		errno = e;
	}
	return f;
}

int
bo_outfile_fclose(FILE *f, int ok)
{
	sig_atomic_t i = find(fileno(f));
	int bad, e;

	if (i == nouts)
		return fclose(f);
	bad = fflush(f) != 0 || ferror(f);
	e = errno;
	if (fclose(f) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	return finish(i, bad, e, ok);
}
