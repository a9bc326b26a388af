/*
 * bgpdump's one-line output (-m, -M) from decoded MRT records, byte for
 * byte, quirks included (doc/bgpdump-differences.md lists the few places
 * where we knowingly differ), computed here from the decoded record (the
 * parser knows nothing of bgpdump).  Lines are built in a large output buffer
 * with hand-written number and address formatting; the parts shared by
 * every prefix of a record are formatted once per record.
 */
#ifndef BO_RENDER_BGPDUMP_H
#define BO_RENDER_BGPDUMP_H

#include <stddef.h>
#include <stdint.h>

#include "decode/mrt_parse.h"
#include "decode/mrt_text.h"

/* Where lines go: a buffer flushed to a file descriptor. */
struct mrt_out {
	char		*buf;
	size_t		 len;
	size_t		 cap;
	int		 fd;		/* -1: keep in memory (tests) */
	int		 err;		/* errno of a failed write */
	uint64_t	 lines;
};

void	 mrt_out_init(struct mrt_out *, int fd, size_t cap);
/* Writes out what is buffered; 0 or -1 (err set). */
int	 mrt_out_flush(struct mrt_out *);
void	 mrt_out_free(struct mrt_out *);
/* Room for n more bytes at buf + len (the caller adds to len). */
char	*mrt_out_reserve(struct mrt_out *, size_t n);

#define MRT_FMT_M	1	/* -m: Unix timestamps, every field */
#define MRT_FMT_MM	2	/* -M: readable time, fewer fields */

struct mrt_fmt {
	struct mrt_out	*out;
	int		 mode;
	int		 large;		/* -l: large communities column */
	int		 tchange;	/* -t change: RIB time is the route's */
	/* Prefixes of BGP messages to print (NULL: all); RIB prefixes are
	 * filtered by the parser before their attributes are read. */
	int		(*keep)(void *, const struct mrt_prefix *);
	void		*keep_arg;
	/* Set by the caller for one message: print its withdrawals only. */
	int		 withdrawals_only;
	/* per-record scratch */
	char		*tail;
	size_t		 tailcap;
	uint32_t	 tcache_ts;	/* -M time cache */
	char		 tcache[24];
	size_t		 tcache_len;
};

void	 mrt_fmt_init(struct mrt_fmt *, struct mrt_out *, int mode);
void	 mrt_fmt_free(struct mrt_fmt *);
/* Each returns 0, or -1 when the output failed. */
int	 mrt_fmt_rib(struct mrt_fmt *, const struct mrt_rib *);
int	 mrt_fmt_msg(struct mrt_fmt *, const struct mrt_msg *);
int	 mrt_fmt_state(struct mrt_fmt *, const struct mrt_state *);

/* bgpdump's IPv6 text, which also shortens a single zero group. */
size_t	 mrt_put_ip6_bgpdump(char *, const uint8_t *);

#endif /* BO_RENDER_BGPDUMP_H */
