/*
 * Small shared helpers: allocation that aborts on out-of-memory (bad input
 * is never treated as fatal, but a failed malloc is), a growable byte
 * buffer, and safe number parsing.
 */
#ifndef BO_UTIL_H
#define BO_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define BO_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t) __attribute__((malloc));
void	*xcalloc(size_t, size_t) __attribute__((malloc));
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *) __attribute__((malloc));
char	*xstrndup(const char *, size_t) __attribute__((malloc));
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* strcmp(a, b) == 0 without a call: inlined, it stops at the first
 * byte that differs, which for the short names compared on every event
 * (kinds, ops) is one of the first few. */
static inline int
str_is(const char *a, const char *b)
{
	while (*a == *b) {
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
	return 0;
}

/* Grows *arr (of *cap elements of size sz) so index n fits. */
void	 xgrow(void *arrp, size_t *cap, size_t n, size_t sz);

/* A growable byte buffer, always NUL-terminated after its data. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Appends s as a JSON string literal, quotes included; bad UTF-8 -> U+FFFD. */
void	 buf_add_json_str(struct buf *, const char *s);
void	 buf_add_json_strn(struct buf *, const char *s, size_t n);
/* Decimal integers, without printf. */
void	 buf_add_u64(struct buf *, uint64_t);
void	 buf_add_i64(struct buf *, int64_t);
/* Takes the data; the buffer is left empty. */
char	*buf_take(struct buf *);

/* Whole-string, range-checked integer parsing: 0 or -1. */
int	 parse_i64(const char *, int64_t *) __attribute__((warn_unused_result));
int	 parse_u64(const char *, uint64_t *) __attribute__((warn_unused_result));
int	 parse_u32(const char *, uint32_t *) __attribute__((warn_unused_result));
/* "AS131279", "as131279" or "131279", also asdot "1.10". */
int	 parse_asn(const char *, uint32_t *) __attribute__((warn_unused_result));

/* Formats µs since epoch as RFC 3339 UTC, e.g. 2014-12-22T16:15:00Z; with
 * frac set, adds .ffffff.  buf must hold 40 bytes. */
char	*fmt_time_utc(int64_t us, int frac, char *buf, size_t len);
/* A duration, the one way every output writes it: "45 s", "31 min",
 * "9 h 31 min", "2 d 4 h 5 min".  The sign is dropped (callers say
 * before/after).  buf must hold 32 bytes. */
char	*fmt_duration(int64_t s, char *buf, size_t len);
/* 1 if zone is "UTC" or names a file of the system tz database (TZDIR or
 * /usr/share/zoneinfo): glibc quietly falls back to UTC for a name it
 * cannot find, which would print wrong local times under a local
 * heading.  Names with "..", a leading '/' or odd characters are refused. */
int	 tz_known(const char *zone);
/* Parses RFC 3339 / ISO 8601 ("2014-12-22T16:15Z", "2014-12-22 16:15:00",
 * "2014-12-22") or "@<epoch>"; result in µs UTC. */
int	 parse_time_arg(const char *, int64_t *) __attribute__((warn_unused_result));

/* The entry names of a directory (no "." or ".."), sorted by byte value so
 * every machine walks in the same order.  NULL with errno set on error;
 * free with strv_free. */
char	**dir_list(const char *path, size_t *n);
void	 strv_free(char **, size_t);

/* The directories from a walk's root down to the one being listed (device
 * and inode): a symbolic link to one of them would loop. */
struct dir_chain {
	uint64_t		 dev;
	uint64_t		 ino;
	const struct dir_chain	*up;
};
/* 1 when (dev, ino) is in the chain. */
int	 dir_chain_has(const struct dir_chain *, uint64_t dev, uint64_t ino);

/*
 * A name from the evidence (archive member, file in a directory) made safe
 * to print: control characters (C0, DEL, C1) and bytes that are not UTF-8
 * become \xHH, a backslash \\.  A newline in a member name forged a
 * summary line; escape sequences reached the terminal.  Malloc'd.
 */
char	*name_escape(const char *);

/* Days since 1970-01-01 for a proleptic Gregorian date (no time zone). */
int64_t	 days_from_civil(int64_t y, unsigned m, unsigned d);
void	 civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

#endif /* BO_UTIL_H */
