/*
 * The projection at the source.  The correlator keeps route state only
 * for prefixes its targets cover; every other route event only does
 * bookkeeping (its collector's first and last times and silences, its
 * peer, the table sizes of a RIB snapshot, the timers).  Such an event is
 * dropped when an earlier event of the same member already did the same
 * bookkeeping at the same time: same collector, peer, operation, address
 * family and "has an origin", with no session message of the member in
 * between.  The first of each such group is kept and carries the number
 * of events it stands for (the table sizes count them); the last event of
 * each run of one time and collector is kept too, as its group's first
 * with its own provenance (what a silence gap names).  Of these only the
 * attributes the correlator reads of such a route are kept.
 * doc/correlation.md says why nothing else can differ.  Targets named by
 * AS first need project_scan.
 */
#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/ctx.h"
#include "correlate/pfxindex.h"
#include "correlate/project.h"
#include "util/u32map.h"
#include "util/util.h"

#define PROJ_WEIGHT	"projected_n"

struct project {
	/* the targets' prefixes and, after project_scan, every prefix a
	 * target AS originates anywhere in the inputs */
	struct pfxindex		*ix;
	uint32_t		*asns;		/* the targets' ASes */
	size_t			 nasns;
	/* origin ASes of every route seen by the scan */
	uint32_t		*origins;
	size_t			 norigins, caporigins;
	pthread_mutex_t		 lock;		/* the scan's threads */
};

enum proj_op { OP_OTHER, OP_RIB, OP_ANNOUNCE, OP_WITHDRAW };

/* A group of route events that do the same bookkeeping. */
struct proj_group {
	uint64_t		 h;		/* 0: empty slot */
	uint32_t		 epoch;
	uint8_t			 op, afi, noasn;	/* | 2: has an item */
	size_t			 held;		/* its first, in m->held */
};

/* One member's state, on its decoding thread. */
struct proj_member {
	struct project		*pj;
	/* the origin ASes of its routes (for "did you mean"), when the
	 * targets name ASes; a few thousand of them come up again and again,
	 * and are found here before the map */
	struct u32map		 orig;
	uint32_t		 orig_seen[8192];
	/* the decoder's last question (proj_attrs) and its answer: the
	 * route it then gives asks the same */
	struct bo_prefix	 asked;
	bool			 asked_set, asked_rel;
	struct bo_sink		 out;
	struct bo_evstore	*held;		/* groups' first events */
	uint64_t		*n;		/* events each stands for */
	size_t			 capn;
	size_t			*slot;		/* each one's slot in tab */
	size_t			 capslot;
	struct proj_group	*tab;
	size_t			 cap, ngroups;
	/* session messages and switches between RIB entries and other
	 * routes so far */
	uint32_t		 epoch;
	bool			 last_rib;
	/* the previous route event, kept aside while it may be the last
	 * of its run of one time and collector */
	struct bo_evstore	*prev;
	size_t			 prev_held;	/* its group; SIZE_MAX: none */
	/* what tells it from its group's first (the rest is the same or
	 * not read for a route the targets do not cover), unless it is
	 * copied whole (prev_whole: it has an "item", which evidence names) */
	bool			 prev_whole;
	uint64_t		 prev_offset, prev_line, prev_seq;
	uint32_t		 prev_asn;
	struct bo_prefix	 prev_prefix;
	enum bo_prec		 prev_prec;
	char			*prev_coll;
	int64_t			 prev_time;
	bool			 have_prev;
	uint64_t		 in, kept;
	int			 rc;
};

static uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x100000001b3ULL;
	return h ^ (h >> 31);
}

static uint64_t
mix_str(uint64_t h, const char *s)
{
	if (s == NULL)
		return mix(h, 0x5bd1e995);
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return mix(h, 1);
}

/* A route whose origin coverage.c's origins_sink records. */
static bool
origin_route(const struct bo_event *ev)
{
	return ev->src == BO_SRC_BGP && ev->asn != 0 && ev->kind != NULL &&
	    (str_is(ev->kind, "bgp.rib") || str_is(ev->kind, "bgp.announce"));
}

static int
str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && str_is(a, b));
}

/* The operation of a route event and whether it has an item, in one
 * pass over its attributes (this runs on every decoded route). */
static enum proj_op
op_of(const struct bo_event *ev, bool *item)
{
	const char *op = NULL;
	size_t i;

	*item = false;
	for (i = 0; i < ev->nattrs; i++) {
		const char *k = ev->attrs[i].key;

		if (op == NULL && str_is(k, "op"))
			op = ev->attrs[i].value;
		else if (str_is(k, "item"))
			*item = true;
	}
	if (op == NULL)
		return OP_OTHER;
	if (str_is(op, "rib"))
		return OP_RIB;
	if (str_is(op, "announce"))
		return OP_ANNOUNCE;
	if (str_is(op, "withdraw"))
		return OP_WITHDRAW;
	return OP_OTHER;
}

/*
 * Stores what is kept of a route event the targets do not cover: the
 * correlator reads only its operation and its item (evidence names it)
 * of all its attributes; the path, next hop and communities would only
 * be stored, spilled and merged.
 */
static void
store_bare(struct bo_evstore *st, const struct bo_event *ev)
{
	struct bo_attr a[2];
	struct bo_event b = *ev;
	size_t i, n = 0;

	for (i = 0; i < ev->nattrs && n < 2; i++)
		if (str_is(ev->attrs[i].key, "op") ||
		    str_is(ev->attrs[i].key, "item"))
			a[n++] = ev->attrs[i];
	b.attrs = n > 0 ? a : NULL;
	b.nattrs = n;
	bo_evstore_add(st, &b);
}

static void
emit(struct proj_member *m, const struct bo_event *ev)
{
	if (m->rc == 0 && m->out.event(m->out.arg, ev) != 0)
		m->rc = -1;
	m->kept++;
}

/* A group's first event, with the number of events it stands for. */
static void
emit_weighted(struct proj_member *m, const struct bo_event *f, uint64_t n)
{
	struct bo_attr *a;
	struct bo_event ev;
	char num[24];

	if (n == 1) {
		emit(m, f);
		return;
	}
	snprintf(num, sizeof(num), "%" PRIu64, n);
	a = xreallocarray(NULL, f->nattrs + 1, sizeof(*a));
	if (f->nattrs > 0)
		memcpy(a, f->attrs, f->nattrs * sizeof(*a));
	a[f->nattrs].key = PROJ_WEIGHT;
	a[f->nattrs].value = num;
	ev = *f;
	ev.attrs = a;
	ev.nattrs = f->nattrs + 1;
	emit(m, &ev);
	free(a);
}

/*
 * The run of one time and collector ends: its last event, if it was set
 * aside, is kept (and its group stands for one event fewer), then every
 * group's first goes out with its size.  Groups live no longer than their
 * run, so a file holds the groups of one second at a time; should a later
 * event of the file come back to that second, it starts a new group
 * (kept), which only keeps more.
 */
static void
run_end(struct proj_member *m)
{
	size_t i;

	if (m->prev_held != SIZE_MAX) {
		if (m->prev_whole)
			emit(m, bo_evstore_get(m->prev,
			    bo_evstore_count(m->prev) - 1));
		else {
			struct bo_event ev;

			ev = *bo_evstore_get(m->held, m->prev_held);
			ev.prov.offset = m->prev_offset;
			ev.prov.line = m->prev_line;
			ev.seq = m->prev_seq;
			ev.asn = m->prev_asn;
			ev.prefix = m->prev_prefix;
			ev.prec = m->prev_prec;
			emit(m, &ev);
		}
		m->n[m->prev_held]--;
		m->prev_held = SIZE_MAX;
	}
	for (i = 0; i < m->ngroups; i++) {
		emit_weighted(m, bo_evstore_get(m->held, i), m->n[i]);
		m->tab[m->slot[i]].h = 0;
	}
	if (m->ngroups > 0)
		bo_evstore_reset(m->held);
	m->ngroups = 0;
	m->have_prev = false;
}

/* ev goes on with the run of its time and collector (or starts one); g is
 * its group when ev itself is dropped (then it is set aside). */
static void
prev_set(struct proj_member *m, const struct bo_event *ev, size_t g,
    bool item)
{
	if (!m->have_prev || !str_eq(m->prev_coll, ev->collector)) {
		free(m->prev_coll);
		m->prev_coll = ev->collector ? xstrdup(ev->collector) : NULL;
	}
	m->have_prev = true;
	m->prev_time = ev->time_us;
	m->prev_held = SIZE_MAX;
	if (g == SIZE_MAX)
		return;
	m->prev_held = g;
	m->prev_whole = item;
	if (m->prev_whole) {
		/* only the last one matters: the copies are let go now and
		 * then, not on every event */
		if (bo_evstore_count(m->prev) >= 256)
			bo_evstore_reset(m->prev);
		store_bare(m->prev, ev);
		return;
	}
	m->prev_offset = ev->prov.offset;
	m->prev_line = ev->prov.line;
	m->prev_seq = ev->seq;
	m->prev_asn = ev->asn;
	m->prev_prefix = ev->prefix;
	m->prev_prec = ev->prec;
}

static void
tab_grow(struct proj_member *m)
{
	struct proj_group *old = m->tab;
	size_t ocap = m->cap, i, j;

	m->cap = ocap ? ocap * 2 : 1024;
	m->tab = xcalloc(m->cap, sizeof(*m->tab));
	for (i = 0; i < ocap; i++) {
		if (old[i].h == 0)
			continue;
		for (j = old[i].h & (m->cap - 1); m->tab[j].h != 0;
		    j = (j + 1) & (m->cap - 1))
			;
		m->tab[j] = old[i];
		m->slot[old[i].held] = j;
	}
	free(old);
}

/* The group of ev (its first's index in m->held), made with ev as its
 * first when new. */
static size_t
group_get(struct proj_member *m, const struct bo_event *ev, uint8_t op,
    bool item, bool *isnew)
{
	/* "has an item" too: evidence names it, and the last event of a run
	 * may go out as its group's first (run_end) */
	uint8_t afi = (uint8_t)ev->prefix.afi, noasn = (ev->asn == 0) |
	    item << 1;
	uint64_t h = 0xcbf29ce484222325ULL;
	struct proj_group *g;
	size_t i;

	h = mix(h, (uint64_t)ev->time_us);
	h = mix_str(h, ev->collector);
	h = mix_str(h, ev->peer);
	h = mix(h, (uint64_t)op << 16 | (uint64_t)afi << 8 | noasn);
	h = mix(h, m->epoch);
	if (h == 0)
		h = 1;
	if (2 * (m->ngroups + 1) > m->cap)
		tab_grow(m);
	for (i = h & (m->cap - 1); m->tab[i].h != 0; i = (i + 1) &
	    (m->cap - 1)) {
		const struct bo_event *f;

		g = &m->tab[i];
		if (g->h != h || g->epoch != m->epoch || g->op != op ||
		    g->afi != afi || g->noasn != noasn)
			continue;
		f = bo_evstore_get(m->held, g->held);
		if (f->time_us == ev->time_us && f->src == ev->src &&
		    str_eq(f->collector, ev->collector) &&
		    str_eq(f->peer, ev->peer) && str_eq(f->kind, ev->kind)) {
			*isnew = false;
			return g->held;
		}
	}
	g = &m->tab[i];
	xgrow(&m->slot, &m->capslot, m->ngroups, sizeof(*m->slot));
	m->slot[m->ngroups] = i;
	g->h = h;
	g->epoch = m->epoch;
	g->op = op;
	g->afi = afi;
	g->noasn = noasn;
	g->held = m->ngroups;
	xgrow(&m->n, &m->capn, g->held, sizeof(*m->n));
	m->n[g->held] = 1;
	store_bare(m->held, ev);
	m->ngroups++;
	*isnew = true;
	return g->held;
}

/* Whether the correlator may keep state for routes of this prefix. */
static bool
relevant(const struct project *pj, const struct bo_prefix *p)
{
	return (p->afi == BO_AFI_IPV4 || p->afi == BO_AFI_IPV6) &&
	    pfxindex_covering(pj->ix, p) != 0;
}

/* The decoder asks: a route the targets do not cover is kept bare (see
 * store_bare), so its path and the rest need not be formatted. */
static int
proj_attrs(void *arg, const struct bo_prefix *p)
{
	struct proj_member *m = arg;

	m->asked = *p;
	m->asked_set = true;
	return m->asked_rel = relevant(m->pj, p);
}

static int
proj_event(void *arg, const struct bo_event *ev)
{
	struct proj_member *m = arg;
	size_t g;
	uint8_t op;
	bool isnew, item, route = ev->role == BO_ROLE_ROUTE,
	    session = ev->role == BO_ROLE_SESSION && ev->src == BO_SRC_BGP;

	m->in++;
	/* every origin the inputs hold, though most routes are dropped
	 * here: the scan looks only at the targets' */
	if (m->pj->nasns > 0 && m->orig_seen[ev->asn & 8191] != ev->asn &&
	    origin_route(ev)) {
		if (u32map_get(&m->orig, ev->asn) < 0)
			u32map_put(&m->orig, ev->asn, 0);
		m->orig_seen[ev->asn & 8191] = ev->asn;
	}
	if (!route && !session) {
		/* the collectors' state is only touched by route events */
		emit(m, ev);
		return m->rc;
	}
	if (m->have_prev && (m->prev_time != ev->time_us ||
	    !str_eq(m->prev_coll, ev->collector)))
		run_end(m);
	op = (uint8_t)op_of(ev, &item);
	/* an update ends an open RIB snapshot, and a RIB entry after it
	 * starts another: neither may be left to an earlier event */
	if (route && (op == OP_RIB) != m->last_rib) {
		m->last_rib = op == OP_RIB;
		m->epoch++;
	}
	if (session || (m->asked_set &&
	    memcmp(&m->asked, &ev->prefix, sizeof(m->asked)) == 0 ?
	    m->asked_rel : relevant(m->pj, &ev->prefix))) {
		/* a session message starts new groups: what follows may
		 * bring its peer up again */
		if (session)
			m->epoch++;
		prev_set(m, ev, SIZE_MAX, item);
		emit(m, ev);
		return m->rc;
	}
	g = group_get(m, ev, op, item, &isnew);
	if (!isnew)
		m->n[g]++;
	prev_set(m, ev, isnew ? SIZE_MAX : g, item);
	return m->rc;
}

static void *
proj_open(void *arg, struct bo_sink out)
{
	struct proj_member *m = xcalloc(1, sizeof(*m));

	m->pj = arg;
	m->out = out;
	m->held = bo_evstore_new();
	m->prev = bo_evstore_new();
	m->prev_held = SIZE_MAX;
	return m;
}

static int
proj_close(void *arg, uint64_t *in, uint64_t *kept)
{
	struct proj_member *m = arg;
	size_t i;
	int rc;

	run_end(m);
	*in += m->in;
	*kept += m->kept;
	rc = m->rc;
	pthread_mutex_lock(&m->pj->lock);
	for (i = 0; i < m->orig.cap; i++)
		if (m->orig.val[i] != 0) {
			xgrow(&m->pj->origins, &m->pj->caporigins,
			    m->pj->norigins, sizeof(*m->pj->origins));
			m->pj->origins[m->pj->norigins++] = m->orig.key[i];
		}
	pthread_mutex_unlock(&m->pj->lock);
	u32map_free(&m->orig);
	bo_evstore_free(m->held);
	bo_evstore_free(m->prev);
	free(m->prev_coll);
	free(m->n);
	free(m->slot);
	free(m->tab);
	free(m);
	return rc;
}

struct project *
project_new(const struct corr_target_spec *specs, size_t n)
{
	struct project *pj;
	size_t i, j;

	if (n == 0)
		return NULL;
	pj = xcalloc(1, sizeof(*pj));
	pj->ix = pfxindex_new();
	pthread_mutex_init(&pj->lock, NULL);
	for (i = 0; i < n; i++) {
		for (j = 0; j < specs[i].npfx; j++)
			pfxindex_add(pj->ix, &specs[i].pfx[j], 1);
		for (j = 0; j < specs[i].nasns; j++) {
			pj->asns = xreallocarray(pj->asns, pj->nasns + 1,
			    sizeof(*pj->asns));
			pj->asns[pj->nasns++] = specs[i].asns[j];
		}
	}
	return pj;
}

void
project_free(struct project *pj)
{
	if (pj == NULL)
		return;
	pfxindex_free(pj->ix);
	pthread_mutex_destroy(&pj->lock);
	free(pj->asns);
	free(pj->origins);
	free(pj);
}

/* ---- the scan: which prefixes the target ASes originate ---- */

/*
 * A target named by its AS owns whatever prefix it originates, anywhere
 * in the inputs and at any time: a withdrawal or another origin's route
 * for that prefix, in any member, is then the correlator's business.  No
 * member alone can tell, so a first decoding pass over every input
 * gathers those prefixes (and the origin ASes, for "did you mean"), and
 * only then are members projected.
 */
struct scan_member {
	struct project		*pj;
	struct bo_prefix	*pfx;		/* originated by a target AS */
	size_t			 npfx, cappfx;
	uint64_t		 in;
};

static int
has_as(const uint32_t *v, size_t n, uint32_t as)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == as)
			return 1;
	return 0;
}

static void *
scan_open(void *arg, struct bo_sink out)
{
	struct scan_member *m = xcalloc(1, sizeof(*m));

	(void)out;
	m->pj = arg;
	return m;
}

static int
scan_event(void *arg, const struct bo_event *ev)
{
	struct scan_member *m = arg;

	m->in++;
	if (!origin_route(ev))
		return 0;
	if (has_as(m->pj->asns, m->pj->nasns, ev->asn)) {
		xgrow(&m->pfx, &m->cappfx, m->npfx, sizeof(*m->pfx));
		m->pfx[m->npfx++] = ev->prefix;
	}
	return 0;
}

static int
scan_close(void *arg, uint64_t *in, uint64_t *kept)
{
	struct scan_member *m = arg;
	struct project *pj = m->pj;
	size_t i;

	(void)kept;
	*in += m->in;
	pthread_mutex_lock(&pj->lock);
	for (i = 0; i < m->npfx; i++)
		pfxindex_add(pj->ix, &m->pfx[i], 1);
	pthread_mutex_unlock(&pj->lock);
	free(m->pfx);
	free(m);
	return 0;
}

static int
none(void *arg, const struct bo_event *ev)
{
	(void)arg;
	(void)ev;
	return 0;
}

int
project_scan(struct bo_ctx *ctx, struct project *pj,
    const char *const *inputs, size_t n)
{
	struct bo_ctx saved = *ctx;
	struct bo_sink sink = { none, NULL };
	struct stat st;
	size_t i;
	int rc;

	ctx->spool_read_files = ctx->spool_read_bytes = 0;
	if (pj->nasns == 0)
		return 0;
	/* standard input or a pipe cannot be read twice */
	for (i = 0; i < n; i++)
		if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &st) != 0 ||
		    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			return -1;
	/* The scan says nothing: the pass that follows reports, counts and
	 * shows progress as a run without the projection would. */
	ctx->diag = bo_diag_new(NULL, NULL);
	ctx->live = NULL;
	ctx->progress = NULL;
	ctx->unmatched = NULL;
	ctx->stage.open = scan_open;
	ctx->stage.event = scan_event;
	ctx->stage.close = scan_close;
	ctx->stage.arg = pj;
	ctx->scan = 1;
	ctx->scan_origins = pj->asns;
	ctx->nscan_origins = pj->nasns;
	/* the pass after reads what compressed files decompress to from
	 * the scan's spools (bo_timeline_build frees them) */
	bo_ctx_spool_free(ctx);
	ctx->spool_write = 1;
	rc = bo_ingest(ctx, inputs, n, sink);
	ctx->spool_write = 0;
	ctx->scan = 0;
	ctx->scan_origins = NULL;
	ctx->nscan_origins = 0;
	bo_diag_free(ctx->diag);
	ctx->diag = saved.diag;
	ctx->live = saved.live;
	ctx->progress = saved.progress;
	ctx->unmatched = saved.unmatched;
	memset(&ctx->stage, 0, sizeof(ctx->stage));
	return rc;
}

size_t
project_origins(const struct project *pj, const uint32_t **as)
{
	*as = pj->origins;
	return pj->norigins;
}

void
project_install(struct bo_ctx *ctx, struct project *pj)
{
	if (pj == NULL || !ctx->projection)
		return;
	ctx->stage.open = proj_open;
	ctx->stage.event = proj_event;
	ctx->stage.close = proj_close;
	ctx->stage.attrs = proj_attrs;
	ctx->stage.arg = pj;
}

void
project_remove(struct bo_ctx *ctx)
{
	memset(&ctx->stage, 0, sizeof(ctx->stage));
}

uint64_t
project_weight(const struct bo_event *ev)
{
	const char *s = bo_event_attr(ev, PROJ_WEIGHT);
	unsigned long long n;
	char *end;

	if (s == NULL)
		return 1;
	n = strtoull(s, &end, 10);
	return *end == '\0' && n > 0 ? (uint64_t)n : 1;
}
