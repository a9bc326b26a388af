/* The stream's insides, shared by the walker and stream.c only. */
#ifndef BO_STREAM_PRIVATE_H
#define BO_STREAM_PRIVATE_H

#include <stdint.h>

struct archive;
struct bo_limits;
struct bo_recover;

struct bo_stream {
	struct archive		*a;
	const struct bo_limits	*lim;
	uint8_t			*buf;
	size_t			 start;
	size_t			 end;
	size_t			 cap;
	uint64_t		 off;		/* stream offset of buf[start] */
	uint64_t		 total;		/* bytes read from a */
	size_t			 pending;	/* line handed out, not consumed */
	int			 skip_line;
	int			 eof;
	int			 err;
	int			 mem;		/* buf is borrowed */
	char			 errmsg[256];
	/* compressed bytes consumed so far, for the bomb ratio */
	uint64_t		(*compressed_in)(void *);
	void			*compressed_arg;
	uint64_t		 out_before;	/* earlier members of the file */
	/* progress: called when total passes progress_next */
	void			(*progress)(void *, uint64_t total);
	void			*progress_arg;
	uint64_t		 progress_next;
	/* Our decompressions (walk.c): the top-level file's, whose damage
	 * (asked of the walker, NULL when none) explains a failed read
	 * (outer_used once said), and the one right under this member,
	 * whose damage ends its bytes (dec_used). */
	const char		*(*outer_damage)(void *);
	void			*outer_arg;
	int			 outer_used;
	struct bo_recover	*dec_rec;
	int			 dec_used;
	/* the entry holding this member could not be read to its end */
	const char		*nest_err;
	int			 eol;		/* line end: 0 unknown, \n, \r */
};

#define BO_STREAM_PROGRESS_STEP	(4u << 20)

void	bo_stream_init(struct bo_stream *, struct archive *,
	    const struct bo_limits *);
void	bo_stream_release(struct bo_stream *);

#endif
