/*
 * bgpdump -m / -M lines.  The layout of each line follows bgpdump's
 * table_line_* functions; the comments say where bgpdump does something
 * odd that we reproduce on purpose.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/bgpdump.h"
#include "util/util.h"

#define LINE_SLACK	256	/* head + prefix + path id of one line */

void
mrt_out_init(struct mrt_out *o, int fd, size_t cap)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->cap = cap < 4096 ? 4096 : cap;
	o->buf = xmalloc(o->cap);
}

int
mrt_out_flush(struct mrt_out *o)
{
	size_t off = 0;
	ssize_t n;

	if (o->fd < 0 || o->err)
		return o->err ? -1 : 0;
	while (off < o->len) {
		n = write(o->fd, o->buf + off, o->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			o->err = errno;
			return -1;
		}
		off += (size_t)n;
	}
	o->len = 0;
	return 0;
}

void
mrt_out_free(struct mrt_out *o)
{
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

/* Room for n more bytes: flush, or grow when it cannot be flushed. */
char *
mrt_out_reserve(struct mrt_out *o, size_t n)
{
	if (o->cap - o->len < n) {
		if (o->fd >= 0 && o->len > 0)
			(void)mrt_out_flush(o);
		if (o->cap - o->len < n) {
			size_t cap = o->cap;

			xgrow(&o->buf, &cap, o->len + n, 1);
			o->cap = cap;
		}
	}
	return o->buf + o->len;
}

void
mrt_fmt_init(struct mrt_fmt *f, struct mrt_out *o, int mode)
{
	memset(f, 0, sizeof(*f));
	f->out = o;
	f->mode = mode;
	f->tailcap = 16384;
	f->tail = xmalloc(f->tailcap);
}

void
mrt_fmt_free(struct mrt_fmt *f)
{
	free(f->tail);
	memset(f, 0, sizeof(*f));
}

/* ---- numbers and addresses as bgpdump writes them ---- */

/* printf("%d") of a value bgpdump keeps in an unsigned field. */
static size_t
put_i32(char *d, uint32_t v)
{
	if (v <= 0x7fffffffu)
		return mrt_put_u32(d, v);
	d[0] = '-';
	return 1 + mrt_put_u32(d + 1, (uint32_t)(0u - v));
}

static size_t
put_ip4h(char *d, uint32_t v)
{
	uint8_t a[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	return mrt_put_ip4(d, a);
}

/*
 * bgpdump's own fmt_ipv6: IPv4-mapped and -compatible forms, and "::" for
 * the first longest run of zero groups even when it is one group long
 * (2001:7f8:30::2:1:0:8447), which inet_ntop would not shorten.
 */
size_t
mrt_put_ip6_bgpdump(char *d, const uint8_t *a)
{
	unsigned w[8];
	int zr[8], i, j, k;
	size_t n = 0;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	if (w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0) {
		if (w[5] == 0xffff) {
			memcpy(d, "::ffff:", 7);
			return 7 + mrt_put_ip4(d + 7, a + 12);
		}
		if (w[5] == 0 && (w[6] != 0 || w[7] > 1)) {
			memcpy(d, "::", 2);
			return 2 + mrt_put_ip4(d + 2, a + 12);
		}
	}
	for (i = 7, j = 0; i >= 0; i--) {
		j = w[i] == 0 ? j + 1 : 0;
		zr[i] = j;
	}
	for (i = 0, k = -1, j = 0; i < 8; i++)
		if (zr[i] > j) {
			k = i;
			j = zr[i];
		}
	for (i = 0; i < 8; i++) {
		if (i == k) {
			if (i == 0)
				d[n++] = ':';
			d[n++] = ':';
			i += zr[i] - 1;
			continue;
		}
		n += mrt_put_hex16(d + n, w[i]);
		if (i != 7)
			d[n++] = ':';
	}
	return n;
}

static size_t
put_addr_bd(char *d, const struct mrt_addr *a)
{
	return a->afi == BO_AFI_IPV6 ? mrt_put_ip6_bgpdump(d, a->a) :
	    mrt_put_ip4(d, a->a);
}

/* ---- pieces of lines ---- */

static const char *
origin_name(int o)
{
	return o == 0 ? "IGP" : o == 1 ? "EGP" : "INCOMPLETE";
}

static size_t
put_str(char *d, const char *s)
{
	size_t n = strlen(s);

	memcpy(d, s, n);
	return n;
}

/* Time column: Unix seconds (-m) or MM/DD/YY HH:MM:SS (-M). */
static size_t
put_time(struct mrt_fmt *f, char *d, uint32_t ts)
{
	if (f->mode == MRT_FMT_M)
		return mrt_put_u32(d, ts);
	if (f->tcache_len == 0 || f->tcache_ts != ts) {
		int64_t days = (int64_t)ts / 86400, y;
		unsigned mo, da, sec = ts % 86400;
		char *t = f->tcache;

		civil_from_days(days, &y, &mo, &da);
		t[0] = (char)('0' + mo / 10);
		t[1] = (char)('0' + mo % 10);
		t[2] = '/';
		t[3] = (char)('0' + da / 10);
		t[4] = (char)('0' + da % 10);
		t[5] = '/';
		t[6] = (char)('0' + (y % 100) / 10);
		t[7] = (char)('0' + y % 10);
		t[8] = ' ';
		t[9] = (char)('0' + sec / 36000);
		t[10] = (char)('0' + sec / 3600 % 10);
		t[11] = ':';
		t[12] = (char)('0' + sec % 3600 / 600);
		t[13] = (char)('0' + sec % 3600 / 60 % 10);
		t[14] = ':';
		t[15] = (char)('0' + sec % 60 / 10);
		t[16] = (char)('0' + sec % 10);
		f->tcache_len = 17;
		f->tcache_ts = ts;
	}
	memcpy(d, f->tcache, f->tcache_len);
	return f->tcache_len;
}

static size_t
put_usec(char *d, uint32_t us)
{
	int i;

	d[0] = '.';
	for (i = 6; i >= 1; i--) {
		d[i] = (char)('0' + us % 10);
		us /= 10;
	}
	return 7;
}

static size_t
put_prefix(char *d, const struct mrt_prefix *p, int raw)
{
	const uint8_t *a = raw ? p->raw : p->addr;
	size_t n;

	n = p->afi == BO_AFI_IPV6 ? mrt_put_ip6_bgpdump(d, a) : mrt_put_ip4(d, a);
	d[n++] = '/';
	return n + mrt_put_u32(d + n, p->len);
}

static void
tail_reserve(struct mrt_fmt *f, const struct mrt_attrs *at)
{
	size_t need = MRT_ASPATH_MAX + 512 + at->ncomm * 24 + at->nlcomm * 36;

	if (need > f->tailcap) {
		free(f->tail);
		f->tailcap = need;
		f->tail = xmalloc(need);
	}
}

/*
 * bgpdump names three well-known communities and prints the rest as two
 * 16-bit numbers.
 */
static size_t
put_comms(char *d, const struct mrt_attrs *at)
{
	size_t n = 0, i;

	for (i = 0; i < at->ncomm; i++) {
		uint32_t c = at->comm[i];

		if (i > 0)
			d[n++] = ' ';
		if (c == 0xffffff01u)
			n += put_str(d + n, "no-export");
		else if (c == 0xffffff02u)
			n += put_str(d + n, "no-advertise");
		else if (c == 0xffffff03u)
			n += put_str(d + n, "local-AS");
		else {
			n += mrt_put_u32(d + n, c >> 16);
			d[n++] = ':';
			n += mrt_put_u32(d + n, c & 0xffff);
		}
	}
	return n;
}

static size_t
put_lcomms(char *d, const struct mrt_attrs *at)
{
	size_t n = 0, i;

	for (i = 0; i < at->nlcomm; i++) {
		if (i > 0)
			d[n++] = ' ';
		n += mrt_put_u32(d + n, at->lcomm[3 * i]);
		d[n++] = ':';
		n += mrt_put_u32(d + n, at->lcomm[3 * i + 1]);
		d[n++] = ':';
		n += mrt_put_u32(d + n, at->lcomm[3 * i + 2]);
	}
	return n;
}

/*
 * AGGREGATOR as bgpdump reads it: by the session's AS width, not the
 * attribute's length, then AS4_AGGREGATOR in place of AS_TRANS on 2-byte
 * sessions.  *addr is MRT_ADDR_NONE when bgpdump prints no aggregator.
 */
static void
bd_aggregator(const struct mrt_attrs *at, uint32_t *as, uint32_t *addr)
{
	const uint8_t *w = at->agg_wire;
	size_t n = at->agg_len, asw = at->as4 ? 4 : 2;

	*as = 0;
	*addr = MRT_ADDR_NONE;
	if (n < asw)
		return;
	*as = asw == 4 ? (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
	    (uint32_t)w[2] << 8 | w[3] : (uint32_t)w[0] << 8 | w[1];
	if (n >= asw + 4)
		*addr = (uint32_t)w[asw] << 24 | (uint32_t)w[asw + 1] << 16 |
		    (uint32_t)w[asw + 2] << 8 | w[asw + 3];
	if (!at->as4 && MRT_ATTR_SEEN(at, BGP_ATTR_AS4_AGGREGATOR) &&
	    *as == AS_TRANS) {
		*as = at->as4_agg_as;
		*addr = at->as4_agg_addr;
	}
}

/* " AS ADDR" of bgpdump's aggregator column, or nothing. */
static size_t
put_aggregator(char *d, const struct mrt_attrs *at)
{
	uint32_t as, addr;
	size_t n = 0;

	bd_aggregator(at, &as, &addr);
	if (addr != MRT_ADDR_NONE) {
		n += mrt_put_u32(d + n, as);
		d[n++] = ' ';
		n += put_ip4h(d + n, addr);
	}
	return n;
}

/*
 * The path bgpdump shows: it returns before merging AS4_PATH when both
 * aggregators are there and AGGREGATOR (as it read it) is a real AS.
 */
static const struct mrt_aspath *
bd_path(const struct mrt_attrs *at)
{
	uint32_t as, addr;

	if (at->eff != &at->merged)
		return at->eff;
	bd_aggregator(at, &as, &addr);
	if (MRT_ATTR_SEEN(at, BGP_ATTR_AGGREGATOR) &&
	    MRT_ATTR_SEEN(at, BGP_ATTR_AS4_AGGREGATOR) &&
	    as != at->as4_agg_as)
		return &at->path;
	return &at->merged;
}

/* "COMM|[LCOMM|]AG|AGGR|\n": the end every full -m line shares. */
static size_t
put_end(struct mrt_fmt *f, char *d, const struct mrt_attrs *at)
{
	size_t n = 0;

	if (MRT_ATTR_SEEN(at, BGP_ATTR_COMMUNITIES))
		n += put_comms(d + n, at);
	d[n++] = '|';
	if (f->large) {
		if (MRT_ATTR_SEEN(at, BGP_ATTR_LARGE_COMMUNITIES))
			n += put_lcomms(d + n, at);
		d[n++] = '|';
	}
	n += put_str(d + n, MRT_ATTR_SEEN(at, BGP_ATTR_ATOMIC_AGGREGATE) ?
	    "AG|" : "NAG|");
	n += put_aggregator(d + n, at);
	d[n++] = '|';
	d[n++] = '\n';
	return n;
}

static size_t
put_path_origin(char *d, const struct mrt_attrs *at)
{
	size_t n = 0;

	if (at->path_error != NULL)
		n += put_str(d, "! Error !");	/* bgpdump's ASPATH_STR_ERROR */
	else if (MRT_ATTR_SEEN(at, BGP_ATTR_AS_PATH))
		n += mrt_put_aspath(d, MRT_ASPATH_MAX + 16, bd_path(at));
	d[n++] = '|';
	n += put_str(d + n, origin_name(at->origin));
	return n;
}

/* "|LOCAL_PREF|MED", zero when absent; signed as bgpdump's %d where it
 * uses that. */
static size_t
put_lp_med(char *d, const struct mrt_attrs *at, int sign)
{
	uint32_t lp = MRT_ATTR_SEEN(at, BGP_ATTR_LOCAL_PREF) ?
	    at->local_pref : 0;
	uint32_t med = MRT_ATTR_SEEN(at, BGP_ATTR_MED) ? at->med : 0;
	size_t n = 0;

	d[n++] = '|';
	n += sign ? put_i32(d + n, lp) : mrt_put_u32(d + n, lp);
	d[n++] = '|';
	n += sign ? put_i32(d + n, med) : mrt_put_u32(d + n, med);
	return n;
}

/* An MP next hop by its length, as bgpdump picks it; 0 bytes when the
 * length is none of 4, 16, 32 (bgpdump then prints nothing). */
static size_t
put_mp_nh(char *d, const struct mrt_mp *mp)
{
	if (mp->nhlen == 4)
		return mrt_put_ip4(d, mp->nh);
	if (mp->nhlen == 16 || mp->nhlen == 32)
		return mrt_put_ip6_bgpdump(d, mp->nh);
	return 0;
}

/* ---- RIB entries ---- */

int
mrt_fmt_rib(struct mrt_fmt *f, const struct mrt_rib *r)
{
	const struct mrt_attrs *at = r->attrs;
	const char *type;
	uint32_t ts;
	char *d;
	size_t n = 0;

	if (r->tdv == MRT_RIB_ENTRY)
		return 0;	/* bgpdump does not show BGP4MP_ENTRY */
	if (r->tdv == 1)
		type = "TABLE_DUMP|";
	else if (r->safi != BGP_SAFI_UNICAST ||
	    r->h->subtype == MRT_TD2_RIB_GENERIC ||
	    r->h->subtype == MRT_TD2_RIB_GENERIC_AP)
		return 0;	/* bgpdump shows only unicast RIBs */
	else
		type = r->addpath ? "TABLE_DUMP2_AP|" : "TABLE_DUMP2|";
	tail_reserve(f, at);
	d = mrt_out_reserve(f->out, LINE_SLACK + f->tailcap);
	ts = f->tchange ? r->originated : r->h->ts;
	n += put_str(d + n, type);
	n += put_time(f, d + n, ts);
	n += put_str(d + n, "|B|");
	n += put_addr_bd(d + n, &r->peer->addr);
	d[n++] = '|';
	n += mrt_put_u32(d + n, r->peer->as);
	d[n++] = '|';
	/* bgpdump shows RIB prefixes as stored, host bits and all */
	n += put_prefix(d + n, &r->prefix, 1);
	d[n++] = '|';
	if (r->addpath) {
		n += mrt_put_u32(d + n, r->path_id);
		d[n++] = '|';
	}
	n += put_path_origin(d + n, at);
	if (f->mode == MRT_FMT_MM) {
		d[n++] = '\n';
		goto done;
	}
	d[n++] = '|';
	if (r->tdv == 1) {
		/* TABLE_DUMP: an IPv6 MP next hop when there is one */
		if (at->reach.present && at->reach.known &&
		    (at->reach.abbrev || (at->reach.afi == BGP_AFI_IPV6 &&
		    at->reach.safi == BGP_SAFI_UNICAST)))
			n += mrt_put_ip6_bgpdump(d + n, at->reach.nh);
		else
			n += put_ip4h(d + n, at->nexthop);
	} else if (at->reach.present && at->reach.known &&
	    (at->reach.abbrev || at->reach.safi == BGP_SAFI_UNICAST))
		n += put_mp_nh(d + n, &at->reach);
	else
		n += put_ip4h(d + n, at->nexthop);
	n += put_lp_med(d + n, at, 0);
	d[n++] = '|';
	n += put_end(f, d + n, at);
done:
	f->out->len += n;
	f->out->lines++;
	return f->out->err ? -1 : 0;
}

/* ---- BGP messages ---- */

/* "FMT|TIME|" for BGP4MP: _ET, _LOCAL and _AP as upstream names them. */
static size_t
put_mp_head(struct mrt_fmt *f, char *d, const struct mrt_hdr *h, int local,
    int addpath, int state)
{
	size_t n = 0;

	if (h->type == MRT_BGP)
		n += put_str(d, "BGP");
	else {
		n += put_str(d, h->type == MRT_BGP4MP_ET ? "BGP4MP_ET" :
		    "BGP4MP");
		if (!state && local)
			n += put_str(d + n, "_LOCAL");
		if (!state && addpath)
			n += put_str(d + n, "_AP");
	}
	d[n++] = '|';
	n += put_time(f, d + n, h->ts);
	if (h->type == MRT_BGP4MP_ET)
		n += put_usec(d + n, h->usec);
	d[n++] = '|';
	return n;
}

int
mrt_fmt_state(struct mrt_fmt *f, const struct mrt_state *s)
{
	char *d = mrt_out_reserve(f->out, LINE_SLACK);
	size_t n;

	n = put_mp_head(f, d, s->h, 0, 0, 1);
	n += put_str(d + n, "STATE|");
	n += put_addr_bd(d + n, &s->peer.addr);
	d[n++] = '|';
	n += mrt_put_u32(d + n, s->peer.as);
	d[n++] = '|';
	n += mrt_put_u32(d + n, s->old_state);
	d[n++] = '|';
	n += mrt_put_u32(d + n, s->new_state);
	d[n++] = '\n';
	f->out->len += n;
	f->out->lines++;
	return f->out->err ? -1 : 0;
}

/* One line per prefix: head, prefix, [|path id], then the record's tail. */
static void
put_lines(struct mrt_fmt *f, const char *head, size_t hlen,
    const struct mrt_plist *l, int addpath, const char *tail, size_t tlen,
    int raw)
{
	size_t i, n;
	char *d;

	for (i = 0; i < l->n; i++) {
		if (f->keep != NULL && !f->keep(f->keep_arg, &l->v[i]))
			continue;
		d = mrt_out_reserve(f->out, hlen + LINE_SLACK + tlen);
		memcpy(d, head, hlen);
		n = hlen;
		n += put_prefix(d + n, &l->v[i], raw);
		if (addpath) {
			d[n++] = '|';
			n += mrt_put_u32(d + n, l->v[i].path_id);
		}
		memcpy(d + n, tail, tlen);
		n += tlen;
		f->out->len += n;
		f->out->lines++;
	}
}

/* The tail of an announcement line after the prefix [and path id]. */
static size_t
make_tail(struct mrt_fmt *f, const struct mrt_attrs *at, int kind,
    const struct mrt_mp *mp)
{
	char *d = f->tail;
	size_t n = 0;

	d[n++] = '|';
	if (kind == 6 && f->mode == MRT_FMT_M &&
	    mp->nhlen != 4 && mp->nhlen != 16 && mp->nhlen != 32) {
		/* bgpdump prints nothing between the prefix and the
		 * communities for an IPv6 next hop of another length */
		goto end;
	}
	n += put_path_origin(d + n, at);
	if (f->mode == MRT_FMT_MM) {
		d[n++] = '\n';
		return n;
	}
	d[n++] = '|';
	if (kind == 0) {
		/* IPv4 NLRI in the body: NEXT_HOP, LOCAL_PREF, MED */
		n += put_ip4h(d + n, at->nexthop);
		n += put_lp_med(d + n, at, 0);
		d[n++] = '|';
	} else if (kind == 6 ||
	    mp->nhlen == 4 || mp->nhlen == 16 || mp->nhlen == 32) {
		/* IPv4 in MP_REACH: bgpdump prints LOCAL_PREF and MED
		 * with %d, and nothing of the three for an odd next hop
		 * length */
		n += put_mp_nh(d + n, mp);
		n += put_lp_med(d + n, at, kind == 4);
		d[n++] = '|';
	}
end:
	n += put_end(f, d + n, at);
	return n;
}

/*
 * The deprecated BGP type: bgpdump's mrtd_table_line_* functions.  Two
 * quirks kept: the community column has no separator before it, and a
 * withdrawal shows the peer address in place of the prefix address
 * (inet_ntoa's static buffer used twice in one printf).
 */
static int
fmt_bgp5(struct mrt_fmt *f, const struct mrt_msg *m, char *head,
    size_t hl, size_t hlen)
{
	const struct mrt_attrs *at = m->attrs;
	char *d;
	size_t i, n, tlen = 0;

	for (i = 0; i < m->withdrawn->n; i++) {
		const struct mrt_prefix *p = &m->withdrawn->v[i];

		if (f->keep != NULL && !f->keep(f->keep_arg, p))
			continue;
		d = mrt_out_reserve(f->out, hlen + LINE_SLACK);
		memcpy(d, head, hlen);
		d[hl] = 'W';
		n = hlen;
		n += mrt_put_ip4(d + n, m->peer.addr.a);
		d[n++] = '/';
		n += mrt_put_u32(d + n, p->len);
		d[n++] = '\n';
		f->out->len += n;
		f->out->lines++;
	}
	if (m->nlri->n == 0 || f->withdrawals_only)
		return 0;
	tail_reserve(f, at);
	d = f->tail;
	d[tlen++] = '|';
	tlen += put_path_origin(d + tlen, at);
	if (f->mode == MRT_FMT_M) {
		d[tlen++] = '|';
		tlen += put_ip4h(d + tlen, at->nexthop);
		tlen += put_lp_med(d + tlen, at, 0);
		tlen += put_comms(d + tlen, at);
		d[tlen++] = '|';
		tlen += put_str(d + tlen, MRT_ATTR_SEEN(at,
		    BGP_ATTR_ATOMIC_AGGREGATE) ? "AG|" : "NAG|");
		tlen += put_aggregator(d + tlen, at);
		d[tlen++] = '|';
	}
	d[tlen++] = '\n';
	put_lines(f, head, hlen, m->nlri, 0, f->tail, tlen, 0);
	return 0;
}

int
mrt_fmt_msg(struct mrt_fmt *f, const struct mrt_msg *m)
{
	const struct mrt_attrs *at = m->attrs;
	const struct mrt_peer *pe;
	char head[LINE_SLACK];
	size_t hlen, hl, tlen;
	int local;

	if (m->bgp_type != BGP_MSG_UPDATE)
		return 0;
	/*
	 * bgpdump 1.6.2 names MESSAGE_LOCAL and MESSAGE_AS4_LOCAL "_LOCAL"
	 * and shows their first (peer) address, but names the LOCAL
	 * ADD-PATH subtypes plain "_AP" and shows their second (local)
	 * address.  Kept as it is, checked against it.
	 */
	local = m->h->type != MRT_BGP &&
	    (m->h->subtype == MRT_BGP4MP_MESSAGE_LOCAL ||
	    m->h->subtype == MRT_BGP4MP_MESSAGE_AS4_LOCAL);
	pe = m->h->type != MRT_BGP &&
	    (m->h->subtype == MRT_BGP4MP_MESSAGE_LOCAL_AP ||
	    m->h->subtype == MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP) ?
	    &m->me : &m->peer;
	hlen = put_mp_head(f, head, m->h, local, m->addpath, 0);
	hl = hlen;
	memcpy(head + hlen, "A|", 2);
	hlen += 2;
	if (m->h->type == MRT_BGP4MP || m->h->type == MRT_BGP4MP_ET ||
	    m->h->type == MRT_BGP) {
		if (m->afi == BGP_AFI_IPV6)
			hlen += mrt_put_ip6_bgpdump(head + hlen, pe->addr.a);
		else
			hlen += mrt_put_ip4(head + hlen, pe->addr.a);
	}
	head[hlen++] = '|';
	hlen += mrt_put_u32(head + hlen, pe->as);
	head[hlen++] = '|';
	if (m->h->type == MRT_BGP)
		return fmt_bgp5(f, m, head, hl, hlen);

	/* Withdrawals first: the body's, then MP_UNREACH_NLRI. */
	head[hl] = 'W';
	put_lines(f, head, hlen, m->withdrawn, m->addpath, "\n", 1, 0);
	if (at->unreach.present && at->unreach.known)
		put_lines(f, head, hlen, &at->unreach.nlri, m->addpath, "\n",
		    1, 0);
	if (f->withdrawals_only)
		return f->out->err ? -1 : 0;
	head[hl] = 'A';
	if (m->nlri->n > 0) {
		tail_reserve(f, at);
		tlen = make_tail(f, at, 0, NULL);
		put_lines(f, head, hlen, m->nlri, m->addpath, f->tail, tlen, 0);
	}
	if (at->reach.present && at->reach.known && at->reach.nlri.n > 0) {
		tail_reserve(f, at);
		tlen = make_tail(f, at, at->reach.afi == BGP_AFI_IPV6 ? 6 : 4,
		    &at->reach);
		put_lines(f, head, hlen, &at->reach.nlri, m->addpath, f->tail,
		    tlen, 0);
	}
	return f->out->err ? -1 : 0;
}
