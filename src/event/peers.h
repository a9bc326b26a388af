/*
 * RIB table sizes per peer, for full-feed detection: counted from bgp.rib
 * events before any filter, per member, then folded across members.
 */
#ifndef BO_PEERS_H
#define BO_PEERS_H

#include <stddef.h>

#include <blackout/blackout.h>

struct bo_peers;

struct bo_peers	*bo_peers_new(void);
void		 bo_peers_free(struct bo_peers *);
void		 bo_peers_count(struct bo_peers *, const struct bo_event *);
void		 bo_peers_member_end(struct bo_peers *);
/* Sorts the tables by collector, peer: the order the library shows. */
void		 bo_peers_finish(struct bo_peers *);
/* Folds one finished entry into p, as bo_peers_merge does (run files). */
void		 bo_peers_add(struct bo_peers *, const struct bo_peer_stat *);
/* Folds src's tables into dst (largest table, dumps added). */
void		 bo_peers_merge(struct bo_peers *, const struct bo_peers *);
size_t		 bo_peers_n(const struct bo_peers *);
const struct bo_peer_stat *bo_peers_at(const struct bo_peers *, size_t);

#endif
