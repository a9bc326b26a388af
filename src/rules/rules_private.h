/*
 * Inside the rule engine: the compiled form of a rule (rule.c builds it
 * from YAML), patterns (pattern.c), templates and event building (emit.c),
 * time parsing (rtime.c) and the per-framing decoders (decode_*.c).
 *
 * Ownership: a struct bo_rules owns every rule, pattern and template in
 * it; decoders only read them.  Strings handed to rvar_fn callbacks and
 * to the sink are views valid during the call.
 */
#ifndef BO_RULES_PRIVATE_H
#define BO_RULES_PRIVATE_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <stddef.h>
#include <stdint.h>

#include <pcre2.h>

#include <blackout/blackout.h>

#include "decode/decoder.h"
#include "rules/rules.h"
#include "util/util.h"

/* The version of the rule language this engine reads (key `schema`). */
#define RULE_SCHEMA_VERSION	1

/* Defaults for per-rule regex limits (key `limits`). */
#define RULE_MATCH_LIMIT	200000u
#define RULE_DEPTH_LIMIT	2000u
/* Longest text line handed to patterns; longer ones are warned about and
 * skipped, so one giant line cannot hold the whole run. */
#define RULE_MAX_LINE		(1024u * 1024)
/* Largest JSON document or CSV record read at once. */
#define RULE_MAX_DOC		(64u * 1024 * 1024)

/* A place in a rule file, for messages. */
struct rmark {
	uint64_t	line;
	uint64_t	col;
};

/*
 * Resolves a template variable `${name}`: appends its value to out and
 * returns 1, or returns 0 when it has none.
 */
typedef int (*rvar_fn)(void *arg, const char *name, size_t len,
    struct buf *out);

struct tseg {
	char		*lit;		/* literal text before the variable */
	size_t		 litlen;
	char		*var;		/* variable name, NULL for a tail */
	size_t		 varlen;
};

/* "${host} via ${peer}": literal text and variables. */
struct tmpl {
	char		*src;		/* NULL: no template */
	struct tseg	*segs;
	size_t		 nsegs;
	struct rmark	 mark;
};

#define RPAT_CACHE	8

struct rpat_cache {
	const char	*name;
	size_t		 len;
	int		 group;
};

/* A compiled PCRE2 pattern with its literal prefilter. */
struct rpat {
	struct rpat_cache	 cache[RPAT_CACHE];	/* name -> group */
	char			*src;
	pcre2_code		*code;
	pcre2_match_context	*mctx;
	pcre2_match_data	*md;
	char			*lit;		/* NULL: no prefilter */
	size_t			 litlen;
	uint32_t		 ncap;
	struct rmark		 mark;
};

enum rtfmt {
	RT_NONE = 0,		/* no timestamps: member/case time */
	RT_EPOCH,		/* seconds, optional fraction */
	RT_EPOCH_MS,
	RT_EPOCH_US,
	RT_EPOCH_NS,
	RT_RFC3339,
	RT_RFC2822,		/* RSS pubDate */
	RT_TWITTER,		/* Mon Dec 22 20:15:00 +0000 2014 */
	RT_SYSLOG,		/* Dec 22 20:15:00, no year */
	RT_STRF,		/* strftime-style pattern */
	RT__COUNT
};

struct rtime {
	struct tmpl	 value;
	enum rtfmt	 fmt;
	char		*strf;		/* RT_STRF */
	int		 has_prec;
	enum bo_prec	 prec;
	int		 has_zone;
	int32_t		 zone_s;	/* offset east of UTC, seconds */
};

struct rattr {
	char		*key;
	struct tmpl	 val;
};

/* The fields of an event a rule fills in. */
enum rfield {
	RF_KIND = 0, RF_COLLECTOR, RF_PEER, RF_PEER_AS, RF_HOST, RF_PREFIX, RF_ASN,
	RF_COUNTRY, RF_ACTOR, RF_ACTION, RF_TARGET, RF_TEXT, RF__COUNT
};

/* Their names as rules write them. */
extern const char *const rfield_names[RF__COUNT];

struct rout {
	int		 present;
	struct rmark	 mark;		/* of the emit mapping */
	int		 has_role;
	enum bo_role	 role;
	struct rmark	 role_mark;
	struct tmpl	 f[RF__COUNT];
	int		 has_cls;
	enum bo_class	 cls;
	int		 has_src;
	enum bo_srctype	 src;
	struct rattr	*attrs;
	size_t		 nattrs;
	int		 has_time;
	struct rtime	 time;
	int		 classify;	/* run claim classifiers on text */
};

/* A condition on a JSON item: path equals one of the values. */
struct rwhen {
	char		*path;
	char		**vals;
	size_t		 nvals;
	int		 absent;	/* the path must be missing */
};

struct rmatch {
	char		*name;
	struct tmpl	 field;		/* what the regex reads; default: line */
	int		 has_re;
	struct rpat	 re;
	struct rwhen	*when;
	size_t		 nwhen;
	char		*each;		/* JSON: one event per element */
	int		 context;	/* captures apply to later lines */
	uint32_t	 srcmask;	/* classifiers: sources read, 0 all */
	int		 stop;		/* on match, no later pattern */
	struct rout	 out;
	struct rmark	 mark;
};

enum rframe {
	RFR_LINES = 0,
	RFR_JSON,		/* documents, one or many (JSON Lines) */
	RFR_XML,
	RFR_CSV,
	RFR__COUNT
};

struct rsample_ev {
	char		**keys;
	char		**vals;
	size_t		 n;
	struct rmark	 mark;
};

struct rsample {
	char		*input;
	char		*path;		/* member path, default "sample" */
	int64_t		 mtime;		/* INT64_MIN when not given */
	int		 has_unmatched;
	uint64_t	 unmatched;
	struct rsample_ev *evs;
	size_t		 nevs;
	struct rmark	 mark;
};

struct bo_rule {
	char		*file;
	char		*id;
	char		*version;
	char		*title;
	int		 classifier;	/* applies to the text of other events */
	enum rframe	 frame;
	enum bo_srctype	 src;
	char		**globs;
	size_t		 nglobs;
	int		 has_content;
	struct rpat	 content;
	struct rpat	*pathre;	/* fields from the member path */
	size_t		 npathre;
	char		**items;	/* JSON paths / XML element names */
	size_t		 nitems;
	char		*csv_sep;
	struct rtime	 time;		/* default for every pattern */
	int		 has_time;
	struct rout	 defout;	/* for items no pattern matched */
	struct rmatch	*m;
	size_t		 nm;
	struct rsample	*samples;
	size_t		 nsamples;
	uint32_t	 match_limit;
	uint32_t	 depth_limit;
	struct rmark	 mark;
};

/* The JIT stack patterns that need more than that hit the limit and are
 * warned about. */
#define RULE_JIT_STACK_MAX	(512u * 1024)

/*
 * One set per thread: PCRE2 match data and the JIT stack are not shared
 * (the ingest workers each load their own copy of the rules).
 */
struct bo_rules {
	struct bo_diag	*diag;
	pcre2_jit_stack	*jit;
	struct bo_rule	**r;
	size_t		 n;
	size_t		 cap;
};

/* Templates (emit.c). */
int	 tmpl_compile(struct tmpl *, const char *src, struct rmark,
	    char **err);
void	 tmpl_free(struct tmpl *);
/* 1 with the value appended to out, 0 when the template is absent or is
 * a single variable without a value. */
int	 tmpl_expand(const struct tmpl *, rvar_fn, void *, struct buf *out);
void	 rout_free(struct rout *);
void	 rtime_free(struct rtime *);

/* Patterns (pattern.c). */
/* jit: the rule set's JIT stack (may be NULL). */
int	 rpat_compile(struct rpat *, const char *src, uint32_t match_limit,
	    uint32_t depth_limit, int caseless, pcre2_jit_stack *jit,
	    char **err, size_t *erroff);
void	 rpat_free(struct rpat *);
/* 1 match, 0 no match, -1 limit or error (*err says which). */
int	 rpat_match(struct rpat *, const char *s, size_t len,
	    const char **err);
/* Capture by name of the last match: 1 and appended, 0 when unset. */
int	 rpat_capture(struct rpat *, const char *s, const char *name,
	    size_t namelen, struct buf *out);
/* Whether the pattern has a capture of that name. */
int	 rpat_has_name(const struct rpat *, const char *name, size_t len);
/* The i-th capture name (NUL-terminated, in the pattern's table). */
size_t	 rpat_name_count(const struct rpat *);
const char *rpat_name_at(const struct rpat *, size_t i);

/* Time (rtime.c). */
int	 rtime_fmt_parse(const char *, enum rtfmt *);
const char *rtime_fmt_name(enum rtfmt);
enum bo_prec rtime_default_prec(enum rtfmt, const char *strf);
/* Checks a strftime-style pattern: 0, or -1 with *err. */
int	 rtime_strf_check(const char *, const char **err);
/* Parses s.  ref_us is the member's own time (syslog year); zone_s the
 * default offset for times with no zone.  0, or -1 with *err. */
int	 rtime_parse(enum rtfmt, const char *strf, const char *s, size_t len,
	    int32_t zone_s, int64_t ref_us, int64_t *us, enum bo_prec *prec,
	    const char **err);
int	 rtime_zone_parse(const char *, int32_t *);

/* Event building (emit.c).  scratch is reused between events. */
struct remit {
	struct bo_decode_ctx	*dc;
	const struct bo_rule	*rule;
	struct buf		 b;
	struct bo_attr		*attrs;
	size_t			 attrcap;
	size_t			*attroff;
	int			 warned_notime;
	/* 1-based index of the item within a JSON document of several
	 * (they share the document's line), added as attribute "item";
	 * 0 for none */
	uint64_t		 item;
	char			 timebuf[48];	/* a role's time, normalized */
	/* events kept as context for lacking what their role needs: the
	 * first is warned about at its line, the rest counted once */
	uint64_t		 demoted;
	uint64_t		 demoted_line;	/* the last one's place */
	uint64_t		 demoted_off;
};

void	 remit_init(struct remit *, struct bo_decode_ctx *,
	    const struct bo_rule *);
void	 remit_free(struct remit *);
/* Builds the event of o (and the rule's time), classifies it, emits it.
 * 0, or -1 when the sink asked to stop. */
int	 remit_event(struct remit *, const struct rout *, rvar_fn, void *,
	    uint64_t line, uint64_t offset);

/* The role contract (role.c). */
typedef void (*role_msg_fn)(void *arg, struct rmark, const char *msg);
/* Checks an emit block against its role at load time: 0, or -1 after
 * reporting every problem through fn.  Classifiers may leave it out. */
int	 role_check_out(const struct rout *, int classifier, role_msg_fn,
	    void *);
/* Checks a built event against its role; one lacking what its role needs
 * is warned about and kept as context. */
void	 role_event(struct remit *, const struct rout *, struct bo_event *,
	    uint64_t line, uint64_t offset);
/* Whether events of the role reach the correlator. */
int	 role_correlated(enum bo_role);
enum bo_class role_class(enum bo_role);
/* Lowercases a kind and turns what the event schema refuses into '_'. */
void	 role_kind_fix(char *);

/* "a|b|c": the first name with a non-empty value (1), else 0. */
int	 rvar_alt(const char *names, size_t len, rvar_fn, void *,
	    struct buf *out);

int	 rwhen_holds(const struct rwhen *, rvar_fn, void *);

/*
 * For JSON's `each`: emits m's output once per element; fn/fnarg resolve
 * the item's variables (with the pattern's captures).  0, or -1 to stop.
 */
typedef int (*ritem_each_fn)(void *arg, struct remit *, const struct rmatch *m,
    rvar_fn fn, void *fnarg);

/*
 * Applies the rule's patterns to one JSON, XML or CSV item whose fields
 * fn resolves: `when`/`exists`, the optional regex over `field`, then the
 * output (or the rule's default when no pattern matched).  Returns 1
 * matched, 0 not, -1 when the sink asked to stop.
 */
int	 ritem_apply(struct remit *, rvar_fn fn, void *arg, uint64_t line,
	    uint64_t offset, ritem_each_fn each);
/* Counts an item or line no pattern matched and shows it. */
void	 ritem_unmatched(struct bo_decode_ctx *, uint64_t line,
	    const char *text, size_t len);

/* Path fields and builtins shared by every decoder's variable lookup. */
int	 rvar_common(struct bo_decode_ctx *, const char *name, size_t len,
	    struct buf *out);

/* Decoders by framing. */
int	 rdecode_lines(struct bo_decode_ctx *, struct bo_stream *);
int	 rdecode_json(struct bo_decode_ctx *, struct bo_stream *);
int	 rdecode_xml(struct bo_decode_ctx *, struct bo_stream *);
int	 rdecode_csv(struct bo_decode_ctx *, struct bo_stream *);

/* Glob over the member path (fnmatch without FNM_PATHNAME). */
int	 rule_path_matches(const struct bo_rule *, const char *path);
/* The member path rules see: "input!member" or the input alone. */
const char *rule_member_path(const struct bo_member *, struct buf *);

#endif /* BO_RULES_PRIVATE_H */
