/*
 * MRT values as text: numbers, addresses and AS paths, written without
 * printf into a caller's buffer.  Shared by the event mapper (decode/mrt.c)
 * and the bgpdump writer (render/bgpdump.c), so an event's as_path is the
 * text bgpdump prints.
 */
#include "config.h"

#include <string.h>

#include "decode/mrt_text.h"

/* pairs of digits: half the divisions of one digit at a time, on the
 * numbers bgpdump -m prints most (ASNs, times, prefix octets) */
static const char digits2[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

size_t
mrt_put_u32(char *d, uint32_t v)
{
	char t[10];
	size_t n = sizeof(t);

	while (v >= 100) {
		unsigned r = v % 100;

		v /= 100;
		t[--n] = digits2[2 * r + 1];
		t[--n] = digits2[2 * r];
	}
	if (v >= 10) {
		t[--n] = digits2[2 * v + 1];
		t[--n] = digits2[2 * v];
	} else
		t[--n] = (char)('0' + v);
	memcpy(d, t + n, sizeof(t) - n);
	return sizeof(t) - n;
}

static size_t
put_octet(char *d, unsigned v)
{
	if (v >= 100) {
		d[0] = (char)('0' + v / 100);
		d[1] = digits2[2 * (v % 100)];
		d[2] = digits2[2 * (v % 100) + 1];
		return 3;
	}
	if (v >= 10) {
		d[0] = digits2[2 * v];
		d[1] = digits2[2 * v + 1];
		return 2;
	}
	d[0] = (char)('0' + v);
	return 1;
}

size_t
mrt_put_ip4(char *d, const uint8_t *a)
{
	size_t n;

	n = put_octet(d, a[0]);
	d[n++] = '.';
	n += put_octet(d + n, a[1]);
	d[n++] = '.';
	n += put_octet(d + n, a[2]);
	d[n++] = '.';
	return n + put_octet(d + n, a[3]);
}

size_t
mrt_put_hex16(char *d, unsigned v)
{
	static const char hx[] = "0123456789abcdef";
	size_t n = 0;
	int shift, started = 0;

	for (shift = 12; shift >= 0; shift -= 4) {
		unsigned nib = (v >> shift) & 0xf;

		if (nib != 0 || started || shift == 0) {
			d[n++] = hx[nib];
			started = 1;
		}
	}
	return n;
}

size_t
mrt_put_ip6(char *d, const uint8_t *a)
{
	unsigned w[8];
	int i, base = -1, blen = 0, cbase = -1, clen = 0;
	size_t n = 0;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (i = 0; i < 8; i++) {
		if (w[i] == 0) {
			if (cbase == -1) {
				cbase = i;
				clen = 1;
			} else
				clen++;
		} else if (cbase != -1) {
			if (base == -1 || clen > blen) {
				base = cbase;
				blen = clen;
			}
			cbase = -1;
		}
	}
	if (cbase != -1 && (base == -1 || clen > blen)) {
		base = cbase;
		blen = clen;
	}
	if (base != -1 && blen < 2)
		base = -1;
	for (i = 0; i < 8; i++) {
		if (base != -1 && i >= base && i < base + blen) {
			if (i == base)
				d[n++] = ':';
			continue;
		}
		if (i != 0)
			d[n++] = ':';
		if (i == 6 && base == 0 &&
		    (blen == 6 || (blen == 5 && w[5] == 0xffff))) {
			n += mrt_put_ip4(d + n, a + 12);
			return n;
		}
		n += mrt_put_hex16(d + n, w[i]);
	}
	if (base != -1 && base + blen == 8)
		d[n++] = ':';
	return n;
}

size_t
mrt_put_addr(char *d, const struct mrt_addr *a)
{
	return a->afi == BO_AFI_IPV6 ? mrt_put_ip6(d, a->a) :
	    mrt_put_ip4(d, a->a);
}

static char
seg_start(uint8_t t)
{
	return t == AS_SET ? '{' : t == AS_CONFED_SET ? '[' :
	    t == AS_CONFED_SEQUENCE ? '(' : ' ';
}

static char
seg_end(uint8_t t)
{
	return t == AS_SET ? '}' : t == AS_CONFED_SET ? ']' :
	    t == AS_CONFED_SEQUENCE ? ')' : ' ';
}

/*
 * bgpdump's process_attr_aspath_string: a space between segments only
 * when the previous one printed an AS, "..." once the text passes 7900
 * bytes.  cap must be at least MRT_ASPATH_MAX + 16.
 */
size_t
mrt_put_aspath(char *d, size_t cap, const struct mrt_aspath *a)
{
	size_t n = 0, i, k, pos = 0;
	uint8_t prev = AS_SEQUENCE;
	int space = 0;

	(void)cap;
	for (i = 0; i < a->nseg; i++) {
		uint8_t t = a->segtype[i];

		if (prev != AS_SEQUENCE)
			d[n++] = seg_end(prev);
		if (space)
			d[n++] = ' ';
		if (t != AS_SEQUENCE)
			d[n++] = seg_start(t);
		space = 0;
		for (k = 0; k < a->seglen[i]; k++) {
			if (space)
				d[n++] = (t == AS_SET || t == AS_CONFED_SET) ?
				    ',' : ' ';
			else
				space = 1;
			n += mrt_put_u32(d + n, a->as[pos + k]);
			if (n > MRT_ASPATH_MAX - 100) {
				memcpy(d + n, "...", 3);
				return n + 3;
			}
		}
		pos += a->seglen[i];
		prev = t;
	}
	if (a->nseg > 0 && a->segtype[a->nseg - 1] != AS_SEQUENCE)
		d[n++] = seg_end(a->segtype[a->nseg - 1]);
	return n;
}
