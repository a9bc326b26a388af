/*
 * The MRT parser's lower layer (mrt_attr.c), shared by the record parser
 * (mrt_parse.c): addresses, prefixes and path attributes.
 */
#ifndef BO_MRT_ATTR_H
#define BO_MRT_ATTR_H

#include "decode/mrt_parse.h"

/* A sub-cursor of everything left; the parent is then used up. */
static inline void
cur_rest(struct cursor *c, struct cursor *sub)
{
	cur_init(sub, cur_ptr(c), cur_left(c), cur_offset(c));
	c->pos = c->len;
}

void	 mrt_aspath_free(struct mrt_aspath *);
int	 mrt_read_addr(struct cursor *, uint8_t afi, struct mrt_addr *);
int	 mrt_read_asn(struct cursor *, int as4, uint32_t *);
/* One prefix: 0, -1 cut short, -2 a length too long (why says). */
int	 mrt_read_prefix(struct cursor *, uint8_t afi, int addpath,
	    struct mrt_prefix *, const char **why);
/* Prefixes filling the cursor: 0, 1 when a last one was cut short
 * (dropped; l->cut_at says where), -1 for a bad prefix length. */
int	 mrt_read_plist(struct cursor *, uint8_t afi, int addpath,
	    struct mrt_plist *, struct mrt_stats *, const char **why);
/* AFI 1-2 with SAFI 1-3: what bgpdump shows. */
int	 mrt_mp_known(uint16_t afi, uint8_t safi);
uint8_t	 mrt_bo_afi(uint16_t afi);

/*
 * The attribute block.  ATTRS_AS4: ASNs in AS_PATH/AGGREGATOR are 4 bytes
 * wide.  rib_afi: nonzero inside a TABLE_DUMP_V2 entry (abbreviated
 * MP_REACH).  ATTRS_CUT: the block was cut by the end of its record, so an
 * attribute overrunning it is what the record kept of the last one.
 * 0, or -1 with why and where.
 */
#define ATTRS_AS4	1
#define ATTRS_CUT	2

int	 mrt_read_attrs(struct cursor *, int flags, int addpath,
	    uint16_t rib_afi, struct mrt_attrs *, struct mrt_stats *,
	    const char **why, uint64_t *where);

#endif /* BO_MRT_ATTR_H */
