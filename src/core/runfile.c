#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/runfile.h"
#include "event/diag_wire.h"
#include "event/spill.h"
#include "util/cursor.h"
#include "util/util.h"
#include "util/wire.h"

static const char magic[16] = "BLACKOUT-RUN\n\0\0";
static const char end_magic[8] = { 'B', 'O', 'R', 'U', 'N', 'E', 'N', 'D' };
#define HEADER_LEN	20
#define FOOTER_LEN	16
/* Meta of a million files is about 200 MB; beyond 1 GiB is not a run. */
#define MAX_META	(1ull << 30)

void
runfile_meta_free(struct runfile_meta *m)
{
	size_t i;

	free(m->shards);
	strv_free(m->rule_paths, m->nrules);
	free(m->rule_sha);
	strv_free(m->inputs, m->ninputs);
	free(m->input_kind);
	for (i = 0; i < m->nfiles; i++) {
		free(m->files[i].rel);
		bo_diag_free(m->files[i].diag);
	}
	free(m->files);
	bo_diag_free(m->listing);
	for (i = 0; i < m->npeers; i++) {
		free((char *)m->peers[i].collector);
		free((char *)m->peers[i].peer);
	}
	free(m->peers);
	memset(m, 0, sizeof(*m));
}

static void
meta_encode(const struct runfile_meta *m, struct buf *b)
{
	size_t i;

	wire_put32(b, m->shard_n);
	wire_put32(b, (uint32_t)m->nshards);
	for (i = 0; i < m->nshards; i++)
		wire_put32(b, m->shards[i]);
	wire_putstr(b, m->options);
	wire_put32(b, (uint32_t)m->nrules);
	for (i = 0; i < m->nrules; i++) {
		wire_putstr(b, m->rule_paths[i]);
		wire_putstr(b, m->rule_sha[i]);
	}
	wire_put32(b, (uint32_t)m->ninputs);
	for (i = 0; i < m->ninputs; i++) {
		wire_putstr(b, m->inputs[i]);
		wire_put32(b, m->input_kind[i]);
	}
	wire_put32(b, (uint32_t)m->nfiles);
	for (i = 0; i < m->nfiles; i++) {
		const struct bo_shard_file *f = &m->files[i];

		wire_put32(b, f->input);
		wire_putstr(b, f->rel);
		wire_put64(b, f->size);
		wire_put64(b, (uint64_t)f->mtime);
		buf_addc(b, (char)(f->mine != 0));
		if (!f->mine)
			continue;
		wire_putstr(b, f->sha256);
		wire_put64(b, f->read);
		wire_put64(b, f->skipped);
		wire_put64(b, f->failed);
		bo_diag_encode(f->diag, b);
	}
	bo_diag_encode(m->listing, b);
	wire_put32(b, (uint32_t)m->npeers);
	for (i = 0; i < m->npeers; i++) {
		const struct bo_peer_stat *p = &m->peers[i];

		wire_putstr(b, p->collector);
		wire_putstr(b, p->peer);
		wire_put32(b, p->peer_as);
		wire_put64(b, p->v4_prefixes);
		wire_put64(b, p->v6_prefixes);
		wire_put32(b, p->dumps);
	}
	wire_put64(b, m->nevents);
}

/* A hex SHA-256, or "" for one that could not be computed. */
static int
get_hex(struct cursor *c, char out[65])
{
	const char *s;
	size_t i, n;

	if (wire_getstr(c, &s) != 0 || s == NULL || ((n = strlen(s)) != 64 &&
	    n != 0))
		return -1;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return -1;
	memcpy(out, s, n + 1);
	return 0;
}

static int
get_str(struct cursor *c, char **out, int nullable)
{
	const char *s;

	if (wire_getstr(c, &s) != 0 || (s == NULL && !nullable))
		return -1;
	*out = s ? xstrdup(s) : NULL;
	return 0;
}

int
runfile_meta_decode(const uint8_t *p, size_t len, struct runfile_meta *m)
{
	struct cursor c;
	uint32_t n, i, v;
	uint8_t mine;

	memset(m, 0, sizeof(*m));
	cur_init(&c, p, len, 0);
	if (cur_u32(&c, &m->shard_n) != 0 || m->shard_n == 0 ||
	    wire_count(&c, 4, &n) != 0)
		goto bad;
	m->shards = xcalloc(n ? n : 1, sizeof(*m->shards));
	for (i = 0; i < n; i++) {
		if (cur_u32(&c, &v) != 0 || v == 0 || v > m->shard_n ||
		    (i > 0 && v <= m->shards[i - 1]))
			goto bad;
		m->shards[m->nshards++] = v;
	}
	if (get_hex(&c, m->options) != 0 || wire_count(&c, 8, &n) != 0)
		goto bad;
	m->rule_paths = xcalloc(n ? n : 1, sizeof(*m->rule_paths));
	m->rule_sha = xcalloc(n ? n : 1, sizeof(*m->rule_sha));
	/* Counted before they are read: what is read is freed on error. */
	m->nrules = n;
	for (i = 0; i < n; i++)
		if (get_str(&c, &m->rule_paths[i], 0) != 0 ||
		    get_hex(&c, m->rule_sha[i]) != 0)
			goto bad;
	if (wire_count(&c, 8, &n) != 0)
		goto bad;
	m->inputs = xcalloc(n ? n : 1, sizeof(*m->inputs));
	m->input_kind = xcalloc(n ? n : 1, sizeof(*m->input_kind));
	m->ninputs = n;
	for (i = 0; i < n; i++)
		if (get_str(&c, &m->inputs[i], 0) != 0 ||
		    cur_u32(&c, &m->input_kind[i]) != 0 ||
		    m->input_kind[i] > RUNFILE_DIR)
			goto bad;
	if (wire_count(&c, 25, &n) != 0)
		goto bad;
	m->files = xcalloc(n ? n : 1, sizeof(*m->files));
	for (i = 0; i < n; i++) {
		struct bo_shard_file *f = &m->files[m->nfiles++];
		uint64_t t;

		if (cur_u32(&c, &f->input) != 0 || f->input >= m->ninputs ||
		    get_str(&c, &f->rel, 0) != 0 ||
		    cur_u64(&c, &f->size) != 0 || cur_u64(&c, &t) != 0 ||
		    cur_u8(&c, &mine) != 0 || mine > 1)
			goto bad;
		f->mtime = (int64_t)t;
		f->mine = mine;
		if (!mine)
			continue;
		if (get_hex(&c, f->sha256) != 0 ||
		    cur_u64(&c, &f->read) != 0 ||
		    cur_u64(&c, &f->skipped) != 0 ||
		    cur_u64(&c, &f->failed) != 0 ||
		    (f->diag = bo_diag_decode(&c)) == NULL)
			goto bad;
	}
	if ((m->listing = bo_diag_decode(&c)) == NULL ||
	    wire_count(&c, 32, &n) != 0)
		goto bad;
	m->peers = xcalloc(n ? n : 1, sizeof(*m->peers));
	for (i = 0; i < n; i++) {
		struct bo_peer_stat *ps = &m->peers[m->npeers++];
		char *coll = NULL, *peer = NULL;
		int r;

		r = get_str(&c, &coll, 1);
		ps->collector = coll;
		if (r != 0 || get_str(&c, &peer, 0) != 0)
			goto bad;
		ps->peer = peer;
		if (cur_u32(&c, &ps->peer_as) != 0 ||
		    cur_u64(&c, &ps->v4_prefixes) != 0 ||
		    cur_u64(&c, &ps->v6_prefixes) != 0 ||
		    cur_u32(&c, &ps->dumps) != 0)
			goto bad;
	}
	if (cur_u64(&c, &m->nevents) != 0 || cur_left(&c) != 0)
		goto bad;
	/* A file is held exactly when its shard is. */
	for (i = 0; i < m->nfiles; i++) {
		uint32_t k = (uint32_t)(i % m->shard_n) + 1;
		size_t j;
		int held = 0;

		for (j = 0; j < m->nshards; j++)
			held |= m->shards[j] == k;
		if (held != m->files[i].mine)
			goto bad;
	}
	return 0;
bad:
	runfile_meta_free(m);
	return -1;
}

struct runfile_writer {
	char		*path;
	char		*part;
	FILE		*f;
	struct buf	 b;
	struct bo_spill_names *names;
	uint64_t	 nevents;
	int		 err;
};

static int
flush_buf(struct runfile_writer *w)
{
	if (w->b.len > 0 && fwrite(w->b.data, 1, w->b.len, w->f) != w->b.len)
		w->err = errno ? errno : EIO;
	buf_reset(&w->b);
	return w->err ? -1 : 0;
}

static int
writer_event(void *arg, const struct bo_event *ev)
{
	struct runfile_writer *w = arg;

	bo_spill_encode(&w->b, w->names, ev);
	w->nevents++;
	if (w->b.len >= (1u << 20))
		return flush_buf(w);
	return 0;
}

struct runfile_writer *
runfile_create(const char *path)
{
	struct runfile_writer *w = xcalloc(1, sizeof(*w));

	w->path = xstrdup(path);
	w->part = xasprintf("%s.part", path);
	if ((w->f = fopen(w->part, "wb")) == NULL) {
		free(w->part);
		free(w->path);
		free(w);
		return NULL;
	}
	buf_init(&w->b);
	w->names = bo_spill_names_new();
	buf_add(&w->b, magic, sizeof(magic));
	wire_put32(&w->b, RUNFILE_VERSION);
	return w;
}

struct bo_sink
runfile_sink(struct runfile_writer *w)
{
	struct bo_sink s = { writer_event, w };

	return s;
}

void
runfile_abort(struct runfile_writer *w)
{
	if (w == NULL)
		return;
	if (w->f != NULL)
		fclose(w->f);
	(void)unlink(w->part);
	buf_free(&w->b);
	bo_spill_names_free(w->names);
	free(w->part);
	free(w->path);
	free(w);
}

int
runfile_finish(struct runfile_writer *w, struct runfile_meta *m)
{
	long at;
	int rc;

	wire_put32(&w->b, 0);
	if (flush_buf(w) != 0 || (at = ftell(w->f)) < 0) {
		errno = w->err ? w->err : errno;
		goto fail;
	}
	m->nevents = w->nevents;
	meta_encode(m, &w->b);
	wire_put64(&w->b, (uint64_t)at);
	buf_add(&w->b, end_magic, sizeof(end_magic));
	if (flush_buf(w) != 0 || fflush(w->f) != 0 || fsync(fileno(w->f)) != 0)
		goto fail;
	rc = fclose(w->f);
	w->f = NULL;
	if (rc != 0 || rename(w->part, w->path) != 0)
		goto fail;
	buf_free(&w->b);
	bo_spill_names_free(w->names);
	free(w->part);
	free(w->path);
	free(w);
	return 0;
fail:
	rc = errno;
	runfile_abort(w);
	errno = rc;
	return -1;
}

struct runfile_reader {
	struct runfile_meta	 meta;
	struct bo_spill_reader	*ev;
	uint64_t		 seen;
	int64_t			 last_time;
};

struct runfile_reader *
runfile_open(const char *path, const char **why)
{
	struct runfile_reader *r;
	uint8_t head[HEADER_LEN], foot[FOOTER_LEN], *meta = NULL;
	struct cursor c;
	uint32_t version;
	uint64_t at, size;
	long end;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		*why = strerror(errno);
		return NULL;
	}
	*why = "not a blackout run file";
	if (fread(head, 1, sizeof(head), f) != sizeof(head) ||
	    memcmp(head, magic, sizeof(magic)) != 0)
		goto fail;
	cur_init(&c, head + sizeof(magic), 4, sizeof(magic));
	if (cur_u32(&c, &version) != 0 || version != RUNFILE_VERSION) {
		*why = "a run file of another format version";
		goto fail;
	}
	*why = "truncated or damaged run file (no footer)";
	if (fseek(f, 0, SEEK_END) != 0 || (end = ftell(f)) < 0 ||
	    (uint64_t)end < HEADER_LEN + 4 + FOOTER_LEN ||
	    fseek(f, end - FOOTER_LEN, SEEK_SET) != 0 ||
	    fread(foot, 1, sizeof(foot), f) != sizeof(foot) ||
	    memcmp(foot + 8, end_magic, sizeof(end_magic)) != 0)
		goto fail;
	cur_init(&c, foot, 8, 0);
	if (cur_u64(&c, &at) != 0 || at < HEADER_LEN + 4 ||
	    at > (uint64_t)end - FOOTER_LEN ||
	    (size = (uint64_t)end - FOOTER_LEN - at) > MAX_META)
		goto fail;
	meta = xmalloc(size ? size : 1);
	r = xcalloc(1, sizeof(*r));
	if (fseek(f, (long)at, SEEK_SET) != 0 ||
	    fread(meta, 1, size, f) != size ||
	    runfile_meta_decode(meta, size, &r->meta) != 0) {
		*why = "damaged run file (its meta section does not parse)";
		free(r);
		goto fail;
	}
	free(meta);
	if (fseek(f, HEADER_LEN, SEEK_SET) != 0) {
		runfile_meta_free(&r->meta);
		free(r);
		meta = NULL;
		goto fail;
	}
	r->ev = bo_spill_reader_new(f);
	r->last_time = INT64_MIN;
	return r;
fail:
	free(meta);
	fclose(f);
	return NULL;
}

const struct runfile_meta *
runfile_meta(const struct runfile_reader *r)
{
	return &r->meta;
}

const struct bo_event *
runfile_next(struct runfile_reader *r, int *err)
{
	const struct bo_event *ev = bo_spill_next(r->ev, err);
	size_t i;

	if (ev == NULL) {
		/* The events end where the writer said they would. */
		if (!*err && r->seen != r->meta.nevents)
			*err = 1;
		return NULL;
	}
	if (ev->kind == NULL || ev->prov.input == NULL ||
	    ev->prov.member == NULL || ev->time_us < r->last_time ||
	    ++r->seen > r->meta.nevents)
		goto bad;
	for (i = 0; i < ev->nattrs; i++)
		if (ev->attrs[i].key == NULL || ev->attrs[i].value == NULL)
			goto bad;
	r->last_time = ev->time_us;
	return ev;
bad:
	*err = 1;
	return NULL;
}

void
runfile_close(struct runfile_reader *r)
{
	if (r == NULL)
		return;
	bo_spill_reader_free(r->ev);
	runfile_meta_free(&r->meta);
	free(r);
}

void
runfile_peers_take(struct runfile_meta *m, struct bo_peers *p)
{
	size_t i;

	bo_peers_finish(p);
	m->npeers = bo_peers_n(p);
	m->peers = xcalloc(m->npeers + 1, sizeof(*m->peers));
	for (i = 0; i < m->npeers; i++) {
		m->peers[i] = *bo_peers_at(p, i);
		m->peers[i].collector = m->peers[i].collector ?
		    xstrdup(m->peers[i].collector) : NULL;
		m->peers[i].peer = xstrdup(m->peers[i].peer);
	}
}
