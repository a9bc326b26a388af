#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "event/event_json.h"

static void
key(struct buf *b, int *first, const char *k)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	buf_add_json_str(b, k);
	buf_addc(b, ':');
}

static void
str_field(struct buf *b, int *first, const char *k, const char *v)
{
	if (v == NULL)
		return;
	key(b, first, k);
	buf_add_json_str(b, v);
}

/*
 * Consecutive events mostly share their second: the formatted second is
 * kept per thread and only the fraction is redone.
 */
static const char *
time_str(int64_t us, int frac, char *buf, size_t len)
{
	static _Thread_local int64_t last_s = INT64_MIN;
	static _Thread_local char last[40];
	int64_t s = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
	int64_t f = us - s * 1000000;

	if (s != last_s) {
		fmt_time_utc(s * 1000000, 0, last, sizeof(last));
		last_s = s;
	}
	if (!frac)
		return last;
	/* "...:SSZ" -> "...:SS.ffffffZ" */
	snprintf(buf, len, "%.*s.%06dZ", (int)strlen(last) - 1, last, (int)f);
	return buf;
}

void
bo_event_json(struct buf *b, const struct bo_event *ev)
{
	char tbuf[48], pbuf[64];
	int first = 1, f2;
	size_t i;

	buf_addc(b, '{');
	key(b, &first, "time");
	buf_add_json_str(b, time_str(ev->time_us, ev->prec <= BO_PREC_MS,
	    tbuf, sizeof(tbuf)));
	key(b, &first, "time_us");
	buf_add_i64(b, ev->time_us);
	str_field(b, &first, "precision", bo_prec_name(ev->prec));
	str_field(b, &first, "kind", ev->kind);
	str_field(b, &first, "class", bo_class_name(ev->cls));
	if (ev->role != BO_ROLE_NONE)
		str_field(b, &first, "role", bo_role_name(ev->role));

	key(b, &first, "source");
	buf_addc(b, '{');
	f2 = 1;
	str_field(b, &f2, "type", bo_srctype_name(ev->src));
	str_field(b, &f2, "collector", ev->collector);
	str_field(b, &f2, "peer", ev->peer);
	if (ev->peer_as != 0) {
		key(b, &f2, "peer_as");
		buf_add_u64(b, ev->peer_as);
	}
	buf_addc(b, '}');

	key(b, &first, "subject");
	buf_addc(b, '{');
	f2 = 1;
	if (ev->prefix.afi != BO_AFI_NONE)
		str_field(b, &f2, "prefix", bo_prefix_format(&ev->prefix,
		    pbuf, sizeof(pbuf)));
	if (ev->asn != 0) {
		key(b, &f2, "asn");
		buf_add_u64(b, ev->asn);
	}
	str_field(b, &f2, "host", ev->host);
	str_field(b, &f2, "country", ev->country);
	str_field(b, &f2, "actor", ev->actor);
	str_field(b, &f2, "action", ev->action);
	str_field(b, &f2, "target", ev->target);
	buf_addc(b, '}');

	str_field(b, &first, "text", ev->text);
	if (ev->nattrs > 0) {
		key(b, &first, "attrs");
		buf_addc(b, '{');
		f2 = 1;
		for (i = 0; i < ev->nattrs; i++)
			str_field(b, &f2, ev->attrs[i].key,
			    ev->attrs[i].value ? ev->attrs[i].value : "");
		buf_addc(b, '}');
	}

	key(b, &first, "provenance");
	buf_addc(b, '{');
	f2 = 1;
	str_field(b, &f2, "input", ev->prov.input);
	str_field(b, &f2, "member", ev->prov.member ? ev->prov.member : "");
	if (ev->prov.line != 0) {
		key(b, &f2, "line");
		buf_add_u64(b, ev->prov.line);
	} else {
		key(b, &f2, "offset");
		buf_add_u64(b, ev->prov.offset);
	}
	buf_addc(b, '}');
	buf_addc(b, '}');
}
