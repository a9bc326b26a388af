/* The MRT decoder's entry points beyond its ops table. */
#ifndef BO_MRT_H
#define BO_MRT_H

#include "decode/decoder.h"
#include "decode/mrt_parse.h"

/* Decodes a member into events; *out (may be NULL) gets the counters. */
int		 mrt_decode_stream(struct bo_decode_ctx *, struct bo_stream *,
		    struct mrt_stats *out);
/* "Idle", "Established"... for BGP FSM state codes 1-8. */
const char	*mrt_state_name(unsigned);

#endif /* BO_MRT_H */
