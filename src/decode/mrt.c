/*
 * The MRT decoder: turns parsed records into Blackout events (bgp.rib,
 * bgp.announce, bgp.withdraw, bgp.state).  The attribute text of a record
 * is formatted once and shared by all of its prefixes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoder.h"
#include "decode/mrt.h"
#include "decode/mrt_text.h"
#include "decode/mrt_parse.h"
#include "util/util.h"

#define NATTR	16
#define NPAT	8	/* origins looked for in a record's bytes */

struct mdec {
	struct bo_decode_ctx	*dc;
	struct mrt_parser	 p;
	const char		*collector;	/* view name, or NULL */
	struct bo_attr		 attrs[NATTR];
	size_t			 nattrs;
	size_t			 nbase;		/* attrs shared by a record */
	char			*txt;		/* backing store of attrs */
	size_t			 txtcap;
	size_t			 txtlen;
	char			 peer[64];
	/* An UPDATE whose announcements are given bare unless the consumer
	 * reads their attributes (keep_attrs): its attributes are formatted
	 * at the first route that needs them (begun).  A bare route has the
	 * last nop of the shared attributes: update_op's. */
	const struct mrt_msg	*lazy;
	int			 begun;
	size_t			 nop;
	/* routes_only with origins: each one's bytes as a path holds it */
	uint8_t			 pat[NPAT][4];
	size_t			 patlen[NPAT];
	size_t			 npat;
	char			 spare[8300];	/* never needed; see txt_room */
	int			 overflow;
};

const char *
mrt_state_name(unsigned s)
{
	static const char *names[] = { "Unknown", "Idle", "Connect", "Active",
	    "OpenSent", "OpenConfirm", "Established", "Clearing", "Deleted" };

	return s < BO_NELEM(names) ? names[s] : "Unknown";
}

static void
prefix_to_bo(const struct mrt_prefix *p, struct bo_prefix *b)
{
	b->afi = p->afi;
	b->len = p->len;
	memcpy(b->addr, p->addr, sizeof(b->addr));
}

/* Text space for one attribute value. */
static char *
txt_room(struct mdec *d, size_t n)
{
	/* Values handed out point into txt, so it only grows between
	 * records (attrs_begin), which reserves for the worst case. */
	if (d->txtcap - d->txtlen < n) {
		d->overflow = 1;
		return d->spare;
	}
	return d->txt + d->txtlen;
}

static void
attr_add(struct mdec *d, const char *key, size_t len)
{
	char *v = d->txt + d->txtlen;

	if (d->overflow) {
		d->overflow = 0;
		return;
	}
	v[len] = '\0';
	d->txtlen += len + 1;
	if (d->nattrs < NATTR) {
		d->attrs[d->nattrs].key = key;
		d->attrs[d->nattrs].value = v;
		d->nattrs++;
	}
}

/* A constant value: the route role's op (blackout-rules(5), ROLES). */
static void
attr_const(struct mdec *d, const char *key, const char *v)
{
	if (d->nattrs < NATTR) {
		d->attrs[d->nattrs].key = key;
		d->attrs[d->nattrs].value = v;
		d->nattrs++;
	}
}

static void
attr_u32(struct mdec *d, const char *key, uint32_t v)
{
	attr_add(d, key, mrt_put_u32(txt_room(d, 12), v));
}

/* The attributes every event of the record carries. */
static void
attrs_begin(struct mdec *d, const struct mrt_attrs *at)
{
	size_t need = 8200 + 1024 + at->ncomm * 24 + at->nlcomm * 36;
	static const char *origins[] = { "IGP", "EGP", "INCOMPLETE" };
	char *t;
	size_t n, i;

	if (need > d->txtcap) {
		free(d->txt);
		d->txtcap = need;
		d->txt = xmalloc(need);
	}
	d->txtlen = 0;
	d->nattrs = 0;
	/* An empty path (a route of the collector's own AS) is shown as
	 * no path, as in bgpdump text. */
	if (MRT_ATTR_SEEN(at, BGP_ATTR_AS_PATH) && at->eff->nseg > 0) {
		t = txt_room(d, 8200);
		attr_add(d, "as_path", mrt_put_aspath(t, 8200, at->eff));
	}
	if (at->path_error != NULL) {
		t = txt_room(d, 8);
		memcpy(t, "AS_PATH", 7);
		attr_add(d, "malformed", 7);
	}
	if (at->origin >= 0 && at->origin <= 2) {
		t = txt_room(d, 16);
		n = strlen(origins[at->origin]);
		memcpy(t, origins[at->origin], n);
		attr_add(d, "origin", n);
	}
	if (at->reach.present && at->reach.known &&
	    (at->reach.nhlen == 4 || at->reach.nhlen == 16 ||
	    at->reach.nhlen == 32)) {
		t = txt_room(d, 48);
		attr_add(d, "next_hop", at->reach.nhlen == 4 ?
		    mrt_put_ip4(t, at->reach.nh) : mrt_put_ip6(t, at->reach.nh));
	} else if (MRT_ATTR_SEEN(at, BGP_ATTR_NEXT_HOP)) {
		uint8_t a[4] = { (uint8_t)(at->nexthop >> 24),
		    (uint8_t)(at->nexthop >> 16), (uint8_t)(at->nexthop >> 8),
		    (uint8_t)at->nexthop };

		t = txt_room(d, 16);
		attr_add(d, "next_hop", mrt_put_ip4(t, a));
	}
	/* Zero is left out like absence: bgpdump text (which analysts
	 * keep) cannot tell them apart, and its events must be the same. */
	if (MRT_ATTR_SEEN(at, BGP_ATTR_MED) && at->med != 0)
		attr_u32(d, "med", at->med);
	if (MRT_ATTR_SEEN(at, BGP_ATTR_LOCAL_PREF) && at->local_pref != 0)
		attr_u32(d, "local_pref", at->local_pref);
	if (at->ncomm > 0) {
		t = txt_room(d, at->ncomm * 24);
		for (n = 0, i = 0; i < at->ncomm; i++) {
			if (i > 0)
				t[n++] = ' ';
			n += mrt_put_u32(t + n, at->comm[i] >> 16);
			t[n++] = ':';
			n += mrt_put_u32(t + n, at->comm[i] & 0xffff);
		}
		attr_add(d, "communities", n);
	}
	if (at->nlcomm > 0) {
		t = txt_room(d, at->nlcomm * 36);
		for (n = 0, i = 0; i < at->nlcomm; i++) {
			if (i > 0)
				t[n++] = ' ';
			n += mrt_put_u32(t + n, at->lcomm[3 * i]);
			t[n++] = ':';
			n += mrt_put_u32(t + n, at->lcomm[3 * i + 1]);
			t[n++] = ':';
			n += mrt_put_u32(t + n, at->lcomm[3 * i + 2]);
		}
		attr_add(d, "large_communities", n);
	}
	if (MRT_ATTR_SEEN(at, BGP_ATTR_ATOMIC_AGGREGATE)) {
		t = txt_room(d, 2);
		t[0] = '1';
		attr_add(d, "atomic_aggregate", 1);
	}
	if (at->agg_addr != MRT_ADDR_NONE &&
	    MRT_ATTR_SEEN(at, BGP_ATTR_AGGREGATOR)) {
		uint8_t a[4] = { (uint8_t)(at->agg_addr >> 24),
		    (uint8_t)(at->agg_addr >> 16), (uint8_t)(at->agg_addr >> 8),
		    (uint8_t)at->agg_addr };

		t = txt_room(d, 32);
		n = mrt_put_u32(t, at->agg_as);
		t[n++] = ' ';
		n += mrt_put_ip4(t + n, a);
		attr_add(d, "aggregator", n);
	}
	d->nbase = d->nattrs;
}

static void
event_init(struct mdec *d, struct bo_event *ev, const struct mrt_hdr *h,
    const char *kind)
{
	memset(ev, 0, sizeof(*ev));
	ev->time_us = (int64_t)h->ts * 1000000 + (h->et ? h->usec : 0);
	ev->prec = h->et ? BO_PREC_US : BO_PREC_S;
	ev->cls = BO_CLASS_SIGNAL;
	ev->src = BO_SRC_BGP;
	ev->kind = kind;
	ev->collector = d->collector;
	ev->prov.offset = h->offset;
}

static int
dec_want(void *arg, const struct mrt_hdr *h)
{
	struct mdec *d = arg;
	const struct bo_filter *f = d->dc->filter;
	int64_t t;

	if (f == NULL)
		return 1;
	/* A RIB dump's entries carry the dump time; a second of slack for
	 * _ET microseconds. */
	t = (int64_t)h->ts * 1000000;
	return t + 999999 >= f->from_us && t < f->to_us;
}

static int
dec_want_prefix(void *arg, const struct mrt_prefix *p)
{
	struct mdec *d = arg;
	struct bo_prefix b;

	if (d->dc->filter == NULL)
		return 1;
	prefix_to_bo(p, &b);
	return bo_filter_prefix(d->dc->filter, &b);
}

/*
 * A route of an origin is in a path, whose ASes are 2 or 4 bytes big
 * endian (an AS4_PATH holds a 4-byte AS a 2-byte session cannot carry):
 * a record whose bytes hold none of the origins cannot have one of their
 * routes, so it need not be decoded.
 */
static int
dec_want_body(void *arg, const struct mrt_hdr *h, const uint8_t *b,
    size_t len)
{
	struct mdec *d = arg;
	size_t i;

	(void)h;
	for (i = 0; i < d->npat; i++)
		if (memmem(b, len, d->pat[i], d->patlen[i]) != NULL)
			return 1;
	return 0;
}

static void
pat_init(struct mdec *d)
{
	const struct bo_decode_ctx *dc = d->dc;
	size_t i;
	uint32_t as;

	if (!dc->routes_only || dc->norigins == 0 || dc->norigins > NPAT)
		return;
	for (i = 0; i < dc->norigins; i++) {
		as = dc->origins[i];
		/* a 2-byte AS is also the low half of its 4-byte form */
		if (as <= 0xffff) {
			d->pat[i][0] = (uint8_t)(as >> 8);
			d->pat[i][1] = (uint8_t)as;
			d->patlen[i] = 2;
		} else {
			d->pat[i][0] = (uint8_t)(as >> 24);
			d->pat[i][1] = (uint8_t)(as >> 16);
			d->pat[i][2] = (uint8_t)(as >> 8);
			d->pat[i][3] = (uint8_t)as;
			d->patlen[i] = 4;
		}
	}
	d->npat = dc->norigins;
}

static void
dec_warn(void *arg, uint64_t off, const char *msg)
{
	struct mdec *d = arg;

	bo_decode_warn_at(d->dc, off, 0, "%s", msg);
}

static int
dec_peer_index(void *arg, const struct mrt_hdr *h, const char *view,
    size_t npeers)
{
	struct mdec *d = arg;

	(void)h;
	(void)npeers;
	d->collector = view[0] != '\0' ? view : NULL;
	return 0;
}

static int
dec_rib(void *arg, const struct mrt_rib *r)
{
	struct mdec *d = arg;
	struct bo_event ev;
	struct bo_prefix p;
	char *t;

	prefix_to_bo(&r->prefix, &p);
	if (d->dc->routes_only) {
		d->nattrs = 0;
		goto event;
	}
	if (d->dc->keep_attrs != NULL &&
	    !d->dc->keep_attrs(d->dc->keep_attrs_arg, &p)) {
		d->nattrs = 0;
		attr_const(d, "op", "rib");
		goto event;
	}
	attrs_begin(d, r->attrs);
	attr_const(d, "op", "rib");
	if (r->addpath)
		attr_u32(d, "path_id", r->path_id);
	attr_u32(d, "originated", r->originated);
	if (r->tdv == 2) {
		uint8_t a[4] = { (uint8_t)(r->peer->bgp_id >> 24),
		    (uint8_t)(r->peer->bgp_id >> 16),
		    (uint8_t)(r->peer->bgp_id >> 8), (uint8_t)r->peer->bgp_id };

		t = txt_room(d, 16);
		attr_add(d, "peer_bgp_id", mrt_put_ip4(t, a));
	}
event:
	event_init(d, &ev, r->h, "bgp.rib");
	ev.role = BO_ROLE_ROUTE;
	d->peer[mrt_put_addr(d->peer, &r->peer->addr)] = '\0';
	ev.peer = d->peer;
	ev.peer_as = r->peer->as;
	ev.prefix = p;
	ev.asn = MRT_ATTR_SEEN(r->attrs, BGP_ATTR_AS_PATH) ?
	    mrt_aspath_origin(r->attrs->eff) : 0;
	ev.attrs = d->attrs;
	ev.nattrs = d->nattrs;
	return bo_emit(d->dc, &ev);
}

/* The attributes every route of an UPDATE shares: after those of its
 * path, direction "sent" when the collector itself sent the message, and
 * op. */
static void
update_op(struct mdec *d, const struct mrt_msg *m, const char *op)
{
	d->nop = d->nattrs;
	if (m->local)
		attr_const(d, "direction", "sent");
	attr_const(d, "op", op);
	d->nbase = d->nattrs;
	d->nop = d->nattrs - d->nop;
}

static int
emit_list(struct mdec *d, struct bo_event *ev, const struct mrt_plist *l,
    int addpath)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		prefix_to_bo(&l->v[i], &ev->prefix);
		if (d->lazy != NULL && !d->dc->keep_attrs(d->dc->keep_attrs_arg,
		    &ev->prefix)) {
			ev->attrs = d->attrs + d->nbase - d->nop;
			ev->nattrs = d->nop;
			if (bo_emit(d->dc, ev) != 0)
				return -1;
			continue;
		}
		if (d->lazy != NULL && !d->begun) {
			attrs_begin(d, d->lazy->attrs);
			update_op(d, d->lazy, "announce");
			d->begun = 1;
		}
		d->nattrs = d->nbase;
		if (addpath && !d->dc->routes_only)
			attr_u32(d, "path_id", l->v[i].path_id);
		ev->attrs = d->attrs;
		ev->nattrs = d->nattrs;
		if (bo_emit(d->dc, ev) != 0)
			return -1;
	}
	return 0;
}

static int
dec_msg(void *arg, const struct mrt_msg *m)
{
	struct mdec *d = arg;
	const struct mrt_attrs *at = m->attrs;
	struct bo_event ev;
	int rc;

	if (m->bgp_type != BGP_MSG_UPDATE)
		return 0;	/* counted by the parser */
	d->peer[mrt_put_addr(d->peer, &m->peer.addr)] = '\0';
	/* Withdrawals carry no path attributes of their own. */
	d->txtlen = 0;
	d->nattrs = 0;
	d->nbase = 0;
	event_init(d, &ev, m->h, "bgp.withdraw");
	ev.role = BO_ROLE_ROUTE;
	ev.peer = d->peer;
	ev.peer_as = m->peer.as;
	if (!d->dc->routes_only) {
		update_op(d, m, "withdraw");
		if (emit_list(d, &ev, m->withdrawn, m->addpath) != 0)
			return -1;
		if (at->unreach.present && at->unreach.known &&
		    emit_list(d, &ev, &at->unreach.nlri, m->addpath) != 0)
			return -1;
	}
	if (m->nlri->n == 0 && !(at->reach.present && at->reach.known &&
	    at->reach.nlri.n > 0))
		return 0;
	if (d->dc->keep_attrs != NULL && !d->dc->routes_only) {
		/* bare until a route needs the rest (emit_list) */
		d->lazy = m;
		d->begun = 0;
		d->txtlen = 0;
		d->nattrs = 0;
		update_op(d, m, "announce");
	} else if (!d->dc->routes_only) {
		attrs_begin(d, at);
		update_op(d, m, "announce");
	}
	ev.kind = "bgp.announce";
	ev.asn = MRT_ATTR_SEEN(at, BGP_ATTR_AS_PATH) ?
	    mrt_aspath_origin(at->eff) : 0;
	rc = emit_list(d, &ev, m->nlri, m->addpath);
	if (rc == 0 && at->reach.present && at->reach.known)
		rc = emit_list(d, &ev, &at->reach.nlri, m->addpath);
	d->lazy = NULL;
	return rc;
}

static int
dec_state(void *arg, const struct mrt_state *s)
{
	struct mdec *d = arg;
	struct bo_event ev;
	const char *o = mrt_state_name(s->old_state);
	const char *n = mrt_state_name(s->new_state);
	char *t;

	if (d->dc->routes_only)
		return 0;
	d->txtlen = 0;
	d->nattrs = 0;
	t = txt_room(d, 16);
	memcpy(t, o, strlen(o));
	attr_add(d, "old_state", strlen(o));
	t = txt_room(d, 16);
	memcpy(t, n, strlen(n));
	attr_add(d, "new_state", strlen(n));
	/* Leaving Established ends the session: every route learnt from
	 * this peer is gone (RFC 4271 8.2.2). */
	if (s->old_state == 6 && s->new_state != 6) {
		t = txt_room(d, 2);
		t[0] = '1';
		attr_add(d, "session_down", 1);
	}
	event_init(d, &ev, s->h, "bgp.state");
	ev.role = BO_ROLE_SESSION;
	d->peer[mrt_put_addr(d->peer, &s->peer.addr)] = '\0';
	ev.peer = d->peer;
	ev.peer_as = s->peer.as;
	ev.attrs = d->attrs;
	ev.nattrs = d->nattrs;
	return bo_emit(d->dc, &ev);
}

static int
mrt_bid(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	(void)dc;
	return sn->type == BO_SNIFF_MRT ? 100 : 0;
}

int
mrt_decode_stream(struct bo_decode_ctx *dc, struct bo_stream *s,
    struct mrt_stats *out)
{
	struct mdec *d = xcalloc(1, sizeof(*d));
	struct mrt_cb cb;
	int rc;

	d->dc = dc;
	d->txtcap = 16384;
	d->txt = xmalloc(d->txtcap);
	memset(&cb, 0, sizeof(cb));
	cb.rib = dec_rib;
	cb.msg = dec_msg;
	cb.state = dec_state;
	cb.peer_index = dec_peer_index;
	cb.warn = dec_warn;
	cb.want = dec_want;
	cb.want_prefix = dec_want_prefix;
	pat_init(d);
	if (d->npat > 0)
		cb.want_body = dec_want_body;
	cb.arg = d;
	mrt_parser_init(&d->p, &cb);
	rc = mrt_parse_stream(&d->p, s);
	bo_diag_count(dc->diag, BO_CNT_RECORDS, d->p.st.records);
	bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED, d->p.st.skipped);
	if (out != NULL)
		*out = d->p.st;
	mrt_parser_free(&d->p);
	free(d->txt);
	free(d);
	return rc;
}

static int
mrt_decode(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	return mrt_decode_stream(dc, s, NULL);
}

const struct bo_decoder_ops bo_decoder_mrt = { "mrt", mrt_bid, mrt_decode };
