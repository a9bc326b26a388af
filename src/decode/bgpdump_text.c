/*
 * bgpdump -m / -M text read back into the events the MRT decoder makes
 * (analysts often keep these files instead of the binaries).  What the
 * text cannot say is left out rather than guessed: -M lines have no next
 * hop or communities, and "0" MED/LOCAL_PREF columns are taken as absent
 * because bgpdump prints 0 for both.
 */
#include "config.h"

#include <string.h>

#include "decode/decoder.h"
#include "decode/mrt.h"
#include "util/util.h"

#define MAXF	24
#define MAXLINE	(1024 * 1024)

struct tline {
	char		*f[MAXF];
	size_t		 nf;
	int		 ap;		/* ..._AP: a path id after the prefix */
	int		 bgp5;		/* the deprecated BGP type */
	int		 rib;
	int64_t		 time_us;
	enum bo_prec	 prec;
};

/*
 * Content sniffing knows the common line heads; the ADD-PATH, _LOCAL and
 * _ET_AP ones are recognised here: a known type, '|', a digit.
 */
static int
bgpdump_text_bid(struct bo_decode_ctx *dc, const struct bo_sniff *sn)
{
	static const char *heads[] = { "TABLE_DUMP2_AP|", "BGP4MP_AP|",
	    "BGP4MP_ET_AP|", "BGP4MP_LOCAL|", "BGP4MP_LOCAL_AP|",
	    "BGP4MP_ET_LOCAL|", "BGP4MP_ET_LOCAL_AP|" };
	size_t i, k;

	(void)dc;
	if (sn->type == BO_SNIFF_BGPDUMP)
		return 100;
	if (sn->type != BO_SNIFF_TEXT)
		return 0;
	for (i = 0; i < BO_NELEM(heads); i++) {
		k = strlen(heads[i]);
		if (sn->len > k && memcmp(sn->head, heads[i], k) == 0 &&
		    sn->head[k] >= '0' && sn->head[k] <= '9')
			return 100;
	}
	return 0;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* "1445565678" or "1445565678.509481" (-m); "10/23/15 02:01:18[.us]"
 * (-M, two-digit years: 70-99 are 19xx). */
static int
parse_when(const char *s, int64_t *us, enum bo_prec *prec)
{
	char whole[32], frac[16];
	const char *dot = strchr(s, '.');
	uint64_t v, f = 0;
	size_t n = dot ? (size_t)(dot - s) : strlen(s);

	if (n == 0 || n >= sizeof(whole))
		return -1;
	memcpy(whole, s, n);
	whole[n] = '\0';
	*prec = BO_PREC_S;
	if (dot != NULL) {
		if (strlen(dot + 1) != 6 || !all_digits(dot + 1))
			return -1;
		memcpy(frac, dot + 1, 7);
		if (parse_u64(frac, &f) != 0)
			return -1;
		*prec = BO_PREC_US;
	}
	if (all_digits(whole)) {
		if (parse_u64(whole, &v) != 0 || v > 0xffffffffu)
			return -1;
		*us = (int64_t)v * 1000000 + (int64_t)f;
		return 0;
	}
	{
		unsigned mo, da, yy, hh, mi, ss;
		int64_t y;

		if (n != 17 || whole[2] != '/' || whole[5] != '/' ||
		    whole[8] != ' ' || whole[11] != ':' || whole[14] != ':')
			return -1;
		for (size_t i = 0; i < 17; i++)
			if (i != 2 && i != 5 && i != 8 && i != 11 && i != 14 &&
			    (whole[i] < '0' || whole[i] > '9'))
				return -1;
#define D2(i)	((unsigned)(whole[i] - '0') * 10 + (unsigned)(whole[i + 1] - '0'))
		mo = D2(0);
		da = D2(3);
		yy = D2(6);
		hh = D2(9);
		mi = D2(12);
		ss = D2(15);
#undef D2
		if (mo < 1 || mo > 12 || da < 1 || da > 31 || hh > 23 ||
		    mi > 59 || ss > 60)
			return -1;
		y = yy >= 70 ? 1900 + yy : 2000 + yy;
		*us = ((days_from_civil(y, mo, da) * 86400) +
		    (int64_t)hh * 3600 + mi * 60 + ss) * 1000000 + (int64_t)f;
		return 0;
	}
}

/* bgpdump's names for well-known communities, back to numbers. */
static void
add_comms(struct buf *b, const char *s)
{
	const char *p = s, *e;

	while (*p != '\0') {
		size_t n;

		e = strchr(p, ' ');
		n = e ? (size_t)(e - p) : strlen(p);
		if (b->len > 0)
			buf_addc(b, ' ');
		if (n == 9 && strncmp(p, "no-export", 9) == 0)
			buf_adds(b, "65535:65281");
		else if (n == 12 && strncmp(p, "no-advertise", 12) == 0)
			buf_adds(b, "65535:65282");
		else if (n == 8 && strncmp(p, "local-AS", 8) == 0)
			buf_adds(b, "65535:65283");
		else
			buf_add(b, p, n);
		p += n;
		while (*p == ' ')
			p++;
	}
}

/* The last AS of the path when it ends in a plain AS (not a set). */
static uint32_t
origin_of(const char *path)
{
	const char *sp = strrchr(path, ' ');
	uint32_t as;

	sp = sp ? sp + 1 : path;
	return parse_u32(sp, &as) == 0 ? as : 0;
}

struct tattrs {
	struct bo_attr	 a[16];
	size_t		 n;
	struct buf	 comm;
};

static void
ta_add(struct tattrs *t, const char *k, const char *v)
{
	if (v == NULL || *v == '\0' || t->n >= BO_NELEM(t->a))
		return;
	t->a[t->n].key = k;
	t->a[t->n].value = v;
	t->n++;
}

static const char *
origin_ok(const char *o)
{
	return strcmp(o, "IGP") == 0 || strcmp(o, "EGP") == 0 ||
	    strcmp(o, "INCOMPLETE") == 0 ? o : NULL;
}

/* bgpdump prints 255.255.255.255 when there is no NEXT_HOP. */
static const char *
nh_of(const char *s)
{
	return strcmp(s, "255.255.255.255") == 0 ? NULL : s;
}

/*
 * Route lines: [pathid|] path|origin then, with -m, next hop|lp|med|
 * communities|[large|]AG|aggregator|.  i is the index of the path.
 */
static int
route_attrs(struct tline *l, size_t i, struct tattrs *t, const char **why)
{
	size_t rest;

	t->n = 0;
	buf_reset(&t->comm);
	if (i + 2 > l->nf) {
		*why = "too few fields";
		return -1;
	}
	rest = l->nf - (i + 2);
	ta_add(t, "as_path", l->f[i]);
	if (origin_ok(l->f[i + 1]) == NULL) {
		*why = "bad origin";
		return -1;
	}
	/* bgpdump shows an entry without attributes as INCOMPLETE with the
	 * next hop 255.255.255.255 (its "none") */
	if (!(rest > 0 && l->f[i][0] == '\0' &&
	    strcmp(l->f[i + 1], "INCOMPLETE") == 0 &&
	    strcmp(l->f[i + 2], "255.255.255.255") == 0))
		ta_add(t, "origin", l->f[i + 1]);
	if (rest == 0)
		return 0;		/* -M */
	if (l->bgp5) {
		/* the deprecated type's MED and communities share a
		 * column; only the next hop and LOCAL_PREF are sure */
		if (rest < 5) {
			*why = "too few fields";
			return -1;
		}
		ta_add(t, "next_hop", nh_of(l->f[i + 2]));
		if (strcmp(l->f[i + 3], "0") != 0)
			ta_add(t, "local_pref", l->f[i + 3]);
		if (strcmp(l->f[i + 5], "AG") == 0)
			ta_add(t, "atomic_aggregate", "1");
		ta_add(t, "aggregator", l->f[i + 1 + rest]);
		return 0;
	}
	/* fields after the origin: nh, lp, med, comm, [large,] AG, agg */
	if (rest != 6 && rest != 7) {
		*why = "unexpected number of fields";
		return -1;
	}
	ta_add(t, "next_hop", nh_of(l->f[i + 2]));
	if (strcmp(l->f[i + 4], "0") != 0)
		ta_add(t, "med", l->f[i + 4]);
	if (strcmp(l->f[i + 3], "0") != 0)
		ta_add(t, "local_pref", l->f[i + 3]);
	add_comms(&t->comm, l->f[i + 5]);
	ta_add(t, "communities", t->comm.data);
	if (rest == 7)
		ta_add(t, "large_communities", l->f[i + 6]);
	if (strcmp(l->f[i + rest], "AG") == 0)
		ta_add(t, "atomic_aggregate", "1");
	ta_add(t, "aggregator", l->f[i + rest + 1]);
	return 0;
}

static int
decode_line(struct bo_decode_ctx *dc, char *s, uint64_t lineno,
    struct tattrs *t, const char **why)
{
	struct tline l;
	struct bo_event ev;
	const char *type, *kind;
	char *p = s;
	uint32_t u;
	size_t pi;

	memset(&l, 0, sizeof(l));
	while (l.nf < MAXF) {
		l.f[l.nf++] = p;
		p = strchr(p, '|');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	if (p != NULL) {
		*why = "too many fields";
		return -1;
	}
	/* a trailing '|' leaves an empty last field */
	if (l.nf > 0 && l.f[l.nf - 1][0] == '\0')
		l.nf--;
	if (l.nf < 6) {
		*why = "too few fields";
		return -1;
	}
	type = l.f[0];
	l.ap = strlen(type) > 3 && strcmp(type + strlen(type) - 3, "_AP") == 0;
	l.bgp5 = strcmp(type, "BGP") == 0;
	l.rib = strncmp(type, "TABLE_DUMP", 10) == 0;
	if (!l.rib && !l.bgp5 && strncmp(type, "BGP4MP", 6) != 0) {
		*why = "unknown line type";
		return -1;
	}
	if (parse_when(l.f[1], &l.time_us, &l.prec) != 0) {
		*why = "bad time";
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.time_us = l.time_us;
	ev.prec = l.prec;
	ev.cls = BO_CLASS_SIGNAL;
	ev.src = BO_SRC_BGP;
	ev.peer = l.f[3];
	ev.prov.line = lineno;
	if (parse_u32(l.f[4], &ev.peer_as) != 0) {
		*why = "bad peer AS";
		return -1;
	}
	if (strcmp(l.f[2], "STATE") == 0) {
		static const char *key[2] = { "old_state", "new_state" };
		unsigned st[2];
		int i;

		if (l.nf != 7) {
			*why = "STATE line needs 7 fields";
			return -1;
		}
		t->n = 0;
		for (i = 0; i < 2; i++) {
			if (parse_u32(l.f[5 + i], &u) != 0) {
				*why = "bad state";
				return -1;
			}
			st[i] = u;
			ta_add(t, key[i], mrt_state_name(u));
		}
		if (st[0] == 6 && st[1] != 6)
			ta_add(t, "session_down", "1");
		ev.kind = "bgp.state";
		ev.role = BO_ROLE_SESSION;
		ev.attrs = t->a;
		ev.nattrs = t->n;
		return bo_emit(dc, &ev) != 0 ? -2 : 0;
	}
	if (bo_prefix_parse(l.f[5], &ev.prefix) != 0) {
		*why = "bad prefix";
		return -1;
	}
	pi = 6;
	t->n = 0;
	buf_reset(&t->comm);
	if (strcmp(l.f[2], "W") == 0) {
		if (l.bgp5) {
			/* bgpdump writes the peer address in place of the
			 * prefix address of these lines: nothing to trust */
			*why = "BGP-type withdrawal (bgpdump prints the peer "
			    "address for the prefix)";
			return -1;
		}
		kind = "bgp.withdraw";
		ta_add(t, "op", "withdraw");
		if (l.ap)
			ta_add(t, "path_id", l.nf > 6 ? l.f[6] : NULL);
	} else if (strcmp(l.f[2], "A") == 0 || strcmp(l.f[2], "B") == 0) {
		const char *pid = NULL;

		kind = l.f[2][0] == 'B' ? "bgp.rib" : "bgp.announce";
		if (l.ap)
			pid = l.f[pi++];
		if (route_attrs(&l, pi, t, why) != 0)
			return -1;
		/* in the MRT decoder's order: op, then path_id */
		ta_add(t, "op", l.f[2][0] == 'B' ? "rib" : "announce");
		ta_add(t, "path_id", pid);
		ev.asn = origin_of(l.f[pi]);
	} else {
		*why = "unknown line kind";
		return -1;
	}
	ev.kind = kind;
	ev.role = BO_ROLE_ROUTE;
	ev.attrs = t->a;
	ev.nattrs = t->n;
	return bo_emit(dc, &ev) != 0 ? -2 : 0;
}

static int
bgpdump_text_decode(struct bo_decode_ctx *dc, struct bo_stream *s)
{
	struct tattrs t;
	struct buf copy;
	const char *line, *why = NULL;
	size_t len;
	uint64_t lineno = 0, records = 0, skipped = 0;
	int trunc, rc = 0, r;

	memset(&t, 0, sizeof(t));
	buf_init(&t.comm);
	buf_init(&copy);
	while (bo_stream_line(s, MAXLINE, &line, &len, &trunc) == 0) {
		lineno++;
		if (len == 0)
			continue;
		records++;
		if (trunc) {
			bo_decode_warn_at(dc, 0, lineno, "line longer than %d "
			    "bytes, skipped", MAXLINE);
			skipped++;
			continue;
		}
		buf_reset(&copy);
		buf_add(&copy, line, len);
		r = decode_line(dc, copy.data, lineno, &t, &why);
		if (r == -2) {
			rc = -1;
			break;
		}
		if (r != 0) {
			bo_decode_warn_at(dc, 0, lineno, "bgpdump line: %s",
			    why);
			skipped++;
		}
	}
	bo_diag_count(dc->diag, BO_CNT_RECORDS, records);
	bo_diag_count(dc->diag, BO_CNT_RECORDS_SKIPPED, skipped);
	buf_free(&copy);
	buf_free(&t.comm);
	return rc;
}

const struct bo_decoder_ops bo_decoder_bgpdump_text = { "bgpdump-text",
    bgpdump_text_bid, bgpdump_text_decode };
