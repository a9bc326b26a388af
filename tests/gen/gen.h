/*
 * bo-gen: writes a synthetic incident case (MRT from several collectors,
 * ping logs, RIPE Atlas results, tweets, news feeds, a claims CSV) from a
 * scenario file.  Everything is derived from the scenario and its seed, so
 * the same scenario always gives byte-identical output.
 *
 * Ownership: the scenario owns every string and array hanging off it and
 * frees them in scen_free(); the output set owns the members added to it.
 */
#ifndef BO_GEN_H
#define BO_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* --- deterministic randomness (splitmix64) ------------------------------ */

struct prng {
	uint64_t	s;
};

void		 prng_seed(struct prng *, uint64_t seed, const char *stream);
uint64_t	 prng_next(struct prng *);
/* Uniform in [0, n); n == 0 gives 0. */
uint32_t	 prng_below(struct prng *, uint32_t n);
/* Uniform in [0, 1). */
double		 prng_unit(struct prng *);
/* Uniform in [lo, hi]. */
int64_t		 prng_range(struct prng *, int64_t lo, int64_t hi);
uint64_t	 gen_hash(uint64_t seed, const char *s);

/* --- a bounded byte builder ------------------------------------------------
 * Writes into caller memory of fixed size; a write that does not fit sets
 * overflow and writes nothing, so a record can never run past its buffer.
 * Callers check wb_ok() once after building a record. */

struct wbuf {
	uint8_t	*p;
	size_t	 len;
	size_t	 cap;
	int	 overflow;
};

void	 wb_init(struct wbuf *, uint8_t *mem, size_t cap);
void	 wb_u8(struct wbuf *, uint8_t);
void	 wb_u16(struct wbuf *, uint16_t);
void	 wb_u32(struct wbuf *, uint32_t);
void	 wb_bytes(struct wbuf *, const void *, size_t);
/* Overwrites a 16/32-bit field written earlier at offset at. */
void	 wb_patch_u16(struct wbuf *, size_t at, uint16_t);
void	 wb_patch_u32(struct wbuf *, size_t at, uint32_t);
int	 wb_ok(const struct wbuf *);

/* --- the scenario ---------------------------------------------------------- */

#define GEN_MAX_PATH	12	/* ASes in one generated AS_PATH */

enum coll_layout { LAYOUT_RIS, LAYOUT_ROUTEVIEWS };
enum compress_kind { COMP_NONE, COMP_GZIP, COMP_BZIP2 };

struct gen_peer {
	uint32_t	 addr;		/* IPv4, host order */
	uint32_t	 asn;
	uint32_t	 via[GEN_MAX_PATH / 2];	/* transit between peer and upstream */
	size_t		 nvia;
	uint32_t	*sees;		/* upstreams this peer can reach; NULL: all */
	size_t		 nsees;
	uint8_t		 fam;		/* families of its session: 1 IPv4,
					 * 2 IPv6, 3 both (the default) */
};

/* Whether a peer's session carries prefixes of p's family. */
#define GEN_PEER_CARRIES(pe, p)	((pe)->fam & ((p)->v6 ? 2 : 1))

struct gen_collector {
	char			*name;
	enum coll_layout	 layout;
	int			 et;		/* BGP4MP_ET, with microseconds */
	enum compress_kind	 comp;
	uint32_t		 addr;
	uint32_t		 asn;
	int64_t			 rib_every;	/* µs */
	int64_t			 rib_offset;	/* first RIB after the start, µs */
	int64_t			 upd_every;	/* µs */
	struct gen_peer		*peers;
	size_t			 npeers;
};

struct gen_prefix {
	uint32_t	addr;		/* IPv4, host order; 0 for IPv6 */
	uint8_t		len;
	uint8_t		v6;		/* an IPv6 prefix: a6 holds it */
	uint8_t		a6[16];
};

/* Same prefix (family, address, length). */
int	gen_pfx_eq(const struct gen_prefix *, const struct gen_prefix *);

struct gen_target {
	char			*name;
	uint32_t		 origin;
	uint8_t			 origin_code;	/* BGP ORIGIN: 0 IGP, 2 INCOMPLETE */
	int			 path_hunting;	/* longer paths before a loss */
	int			 announced;	/* at the start of the window */
	uint32_t		 transit[GEN_MAX_PATH / 2];	/* upstream..origin */
	size_t			 ntransit;
	struct gen_prefix	*pfx;
	size_t			 npfx;
	uint32_t		*up;		/* upstream ASes */
	size_t			 nup;
	size_t			 first;		/* index of pfx[0] in the prefix table */
};

enum gen_ev_kind {
	GEV_WITHDRAW, GEV_ANNOUNCE, GEV_OUTAGE, GEV_FLAP, GEV_RESET, GEV_GAP
};

struct gen_event {
	enum gen_ev_kind	 kind;
	int64_t			 from;		/* µs; "at" for point events */
	int64_t			 to;
	size_t			 target;
	uint64_t		 pmask;		/* target prefixes; bit i = pfx[i] */
	uint32_t		*ups;		/* upstreams; NULL: all */
	size_t			 nups;
	int64_t			 down;		/* flap/reset: down time */
	int64_t			 up;		/* flap: up time */
	int64_t			 stagger;	/* spread of per-prefix times */
	size_t			 coll;		/* reset, gap */
	size_t			 peer;		/* reset */
	int			 line;
};

enum probe_kind { PROBE_PING, PROBE_ATLAS };

struct gen_atlas_probe {
	uint32_t	 id;
	uint32_t	 from;		/* public address */
	uint32_t	 src;		/* private source address */
	int		 fw;
};

struct gen_probe {
	enum probe_kind		 kind;
	char			*vp;
	uint32_t		 dst;
	char			*dst_name;
	int64_t			 from;
	int64_t			 to;
	int64_t			 interval;
	double			 rtt;		/* ms */
	double			 jitter;	/* ms */
	double			 loss;		/* 0..1 while reachable */
	uint32_t		 gateway;	/* 0: no "Net Unreachable" replies */
	int			 ttl;
	uint32_t		 msm_id;
	struct gen_atlas_probe	*aprb;
	size_t			 naprb;
};

enum feed_format { FEED_RSS, FEED_ATOM };

struct gen_feed {
	char			*name;
	enum feed_format	 format;
	char			*title;
	char			*link;
	int			 tz_min;	/* zone of RSS dates, minutes east */
	int			 minutes;	/* dates written without seconds */
};

enum claim_channel { CH_TWEET, CH_NEWS, CH_CSV };

struct gen_claim {
	enum claim_channel	 ch;
	int64_t			 at;
	char			*actor;		/* @screen_name, outlet or person */
	char			*name;		/* display name / author */
	char			*title;
	char			*text;
	char			*url;
	size_t			 feed;
	uint32_t		 followers;
};

/* One change of the true routing state of a target prefix via one upstream,
 * as the origin network made it (before any propagation delay). */
struct gen_change {
	int64_t		t;
	uint32_t	pfx;		/* index in the target prefix table */
	uint16_t	up;		/* index in the target's upstreams */
	uint8_t		announced;
};

struct scenario {
	char			*name;
	uint64_t		 seed;
	int64_t			 from;
	int64_t			 to;
	size_t			 bg_prefixes;
	double			 bg_churn;	/* events per hour */
	struct gen_collector	*coll;
	size_t			 ncoll;
	struct gen_target	*tgt;
	size_t			 ntgt;
	struct gen_event	*ev;
	size_t			 nev;
	struct gen_probe	*probe;
	size_t			 nprobe;
	struct gen_feed		*feed;
	size_t			 nfeed;
	struct gen_claim	*claim;
	size_t			 nclaim;
	/* Derived by truth_build(): */
	struct gen_change	*chg;
	size_t			 nchg;
	size_t			 ntpfx;		/* target prefixes, all targets */
};

/* Loads a scenario; on error returns -1 with *err set ("file:line:col: ..."). */
int	scen_load_file(struct scenario *, const char *path, char **err)
	    __attribute__((warn_unused_result));
int	scen_load_mem(struct scenario *, const char *name, const void *,
	    size_t, char **err) __attribute__((warn_unused_result));
void	scen_free(struct scenario *);
/* Expands the routing events into the sorted change list. */
void	truth_build(struct scenario *);
/* The upstreams announcing a target's prefixes at the start. */
uint32_t truth_initial(const struct gen_target *);
/* Whether addr is routed at t: 1 when it lies outside every target or its
 * target prefix is announced via at least one upstream. */
int	truth_reachable(const struct scenario *, uint32_t addr, int64_t t);
/* The target and index of prefix number i of the target prefix table. */
const struct gen_target *truth_target_of(const struct scenario *, size_t i,
	    size_t *k);

/* --- the output set ---------------------------------------------------------- */

struct gen_member {
	char	*path;
	uint8_t	*data;
	size_t	 len;
};

struct gen_out {
	struct gen_member	*m;
	size_t			 n;
	size_t			 cap;
	int64_t			 mtime;		/* seconds, for every member */
};

void	out_init(struct gen_out *, int64_t mtime);
void	out_free(struct gen_out *);
/* Adds a member, compressing it first; takes the bytes of b. */
int	out_add(struct gen_out *, const char *path, struct buf *b,
	    enum compress_kind) __attribute__((warn_unused_result));
/* Writes the set as .tar.gz/.tgz/.tar/.zip or, otherwise, a directory. */
int	out_write(struct gen_out *, const char *dest, char **err)
	    __attribute__((warn_unused_result));

/* --- the writers ------------------------------------------------------------- */

int	bgp_generate(const struct scenario *, struct gen_out *, char **err)
	    __attribute__((warn_unused_result));
int	probes_generate(const struct scenario *, struct gen_out *, char **err)
	    __attribute__((warn_unused_result));
int	claims_generate(const struct scenario *, struct gen_out *, char **err)
	    __attribute__((warn_unused_result));

/* Dotted quad into buf (16 bytes). */
const char	*gen_ip(uint32_t, char *buf);

#endif /* BO_GEN_H */
