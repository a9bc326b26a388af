/* The blackout command line: one file per command, shared helpers here. */
#ifndef BO_CLI_H
#define BO_CLI_H

#include <stdio.h>

#include <blackout/blackout.h>

struct bo_member;
struct bo_stream;

#include <blackout/blackout.h>
#include <blackout/correlate.h>

struct cli {
	const char	*prog;		/* "blackout inspect" */
	int		 quiet;
	int		 verbose;
	int		 strict;
	int		 color;		/* stderr is a terminal, NO_COLOR unset */
	int		 setup;		/* reading the case or rules: their
					 * errors stop the run, so -q shows
					 * them */
	struct bo_diag	*diag;
};

/* Commands: argv[0] is the command name.  Return a bo_exit value. */
int	cmd_inspect(int, char **);
int	cmd_ingest(int, char **);
int	cmd_mrt(int, char **);
int	cmd_rules(int, char **);
int	cmd_timeline(int, char **);
int	cmd_report(int, char **);
int	cmd_map(int, char **);
int	cmd_merge(int, char **);
int	cmd_slurm(int, char **);

/* --runs: the positional arguments are run files of 'blackout map'. */
void	cli_set_runs(struct bo_ctx *, char **runs, size_t n);

/* A progress line on stderr while decoding, only on a terminal (not in
 * pipes or when $CI is set) and not with -q; with -v, warnings of every
 * decoding thread as they happen. */
void	cli_progress_start(struct cli *, struct bo_ctx *);
void	cli_progress_end(struct cli *, struct bo_ctx *);
/* "blackout timeline: rendering" on the same line, until cli_phase_done. */
void	cli_progress_phase(struct cli *, const char *what);
void	cli_phase_done(const struct cli *);
/* Commands that walk their inputs themselves (mrt): the same progress
 * line, over the inputs' total size. */
void	cli_walk_start(struct cli *, char *const *inputs, size_t n);
int	cli_walk(struct cli *, const char *input, const struct bo_limits *,
	    int (*fn)(void *, const struct bo_member *, struct bo_stream *),
	    void *arg);
void	cli_walk_end(struct cli *);
/* Prints one diagnostic as blackout does (the diag callback). */
void	cli_diag_print(void *cli, enum bo_grade, const char *msg);

/* Sets up diagnostics printing to stderr. */
void	cli_init(struct cli *, const char *prog);
void	cli_done(struct cli *);
/* Prints "blackout CMD: msg" and returns BO_EXIT_USAGE. */
int	cli_usage_error(const struct cli *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The end-of-run summary on stderr (unless quiet). */
void	cli_summary(const struct cli *);
/* 0 clean, 1 completed with warnings, 2 fatal (or any warning under
 * --strict). */
int	cli_exit(const struct cli *, int fatal);

/*
 * Options shared by commands that read evidence: filters, limits, rules.
 * Returns 1 if opt was one of them (consumed), 0 if not, -1 on a bad
 * value (reported).
 */
struct cli_input_opts {
	const char	*rules[16];
	size_t		 nrules;
	int		 no_default_rules;
	struct bo_prefix prefixes[64];
	size_t		 nprefixes;
	uint32_t	 origin_as[64];
	size_t		 norigin_as;
	uint32_t	 path_as[64];
	size_t		 npath_as;
	const char	*peers[64];
	size_t		 npeers;
	int		 uses_rules;	/* say which rules were loaded */
	const char	*coll_names[64];	/* --collector NAME=PATH */
	const char	*coll_paths[64];
	size_t		 ncoll;
};

/* The rule directory used when -R is not given: $BLACKOUT_RULES, the
 * build tree's rules/ when the binary runs from it, PREFIX/share/blackout/
 * rules beside an installed binary, else the configured directory. */
const char *cli_rules_dir(void);

/*
 * Option groups.  Each command takes the groups it uses, and its --help
 * lists exactly those (tests/cli_help.sh checks every option of every
 * --help against blackout(1)).
 */
#define CLI_OPTS_RULES \
	{ "rules", required_argument, NULL, 'R' }, \
	{ "no-default-rules", no_argument, NULL, 0x100 }
#define CLI_OPTS_TIME \
	{ "from", required_argument, NULL, 0x101 }, \
	{ "to", required_argument, NULL, 0x102 }
#define CLI_OPTS_FILTER \
	{ "prefix", required_argument, NULL, 0x103 }, \
	{ "origin-as", required_argument, NULL, 0x104 }, \
	{ "path-as", required_argument, NULL, 0x105 }, \
	{ "peer", required_argument, NULL, 0x106 }, \
	{ "match", required_argument, NULL, 0x107 }
#define CLI_OPTS_LIMITS \
	{ "max-depth", required_argument, NULL, 0x108 }, \
	{ "max-member-size", required_argument, NULL, 0x109 }, \
	{ "max-ratio", required_argument, NULL, 0x10a }
#define CLI_OPTS_DECODE \
	{ "threads", required_argument, NULL, 'j' }, \
	{ "max-memory-events", required_argument, NULL, 0x10c }, \
	{ "max-spool", required_argument, NULL, 0x110 }, \
	{ "undated-time", required_argument, NULL, 0x10d }, \
	{ "valid-years", required_argument, NULL, 0x10e }, \
	{ "collector", required_argument, NULL, 0x10f }
#define CLI_OPTS_COMMON \
	{ "strict", no_argument, NULL, 0x10b }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }

/* Every group: commands that decode evidence into events. */
#define CLI_INPUT_LONGOPTS \
	CLI_OPTS_RULES, CLI_OPTS_TIME, CLI_OPTS_FILTER, CLI_OPTS_LIMITS, \
	CLI_OPTS_DECODE, CLI_OPTS_COMMON

#define CLI_HELP_RULES \
"  -R, --rules PATH        load rules from PATH (file or directory;\n" \
"                          repeatable) instead of the default rules\n" \
"      --no-default-rules  do not load the default rules\n"
#define CLI_HELP_TIME \
"      --from TIME         only events at or after TIME (RFC 3339 or @epoch)\n" \
"      --to TIME           only events before TIME\n"
#define CLI_HELP_FILTER \
"      --prefix P          only this prefix (see --match); repeatable\n" \
"      --match MODE        exact, more (default), less or any\n" \
"      --origin-as AS      only routes whose path ends in AS (or in an\n" \
"                          AS_SET holding AS); repeatable\n" \
"      --path-as AS        only routes with AS in the path; repeatable\n" \
"      --peer ADDR         only this BGP peer; repeatable\n"
#define CLI_HELP_LIMITS \
"      --max-depth N       archives nested deeper than N are skipped (4)\n" \
"      --max-member-size N refuse members larger than N bytes\n" \
"      --max-ratio N       refuse decompression ratios above N:1 (500)\n"
#define CLI_HELP_DECODE \
"  -j, --threads N         decode files on N threads (default: all CPUs)\n" \
"      --max-memory-events N  events held in memory before they are sorted\n" \
"                          into a run on disk (65536)\n" \
"      --max-spool N       bytes of decompressed input a timeline's scan\n" \
"                          keeps in TMPDIR for its pass (4294967296; 0: none)\n" \
"      --undated-time TIME time of output that carries none (plain ping,\n" \
"                          traceroute); default: the member's mtime\n" \
"      --valid-years Y1-Y2 refuse times read outside these years (1970-2099)\n" \
"      --collector NAME=PATH  read PATH as an input whose MRT comes from\n" \
"                          collector NAME (its path does not say)\n"
#define CLI_HELP_COMMON \
"      --strict            treat any warning as failure (exit 2)\n" \
"  -q, --quiet             no progress, warnings or summary on stderr\n" \
"                          (a fatal error is still explained)\n" \
"  -v, --verbose           warnings as they happen, notes too\n"

/* Commands that filter events by time (ingest). */
#define CLI_INPUT_HELP \
	CLI_HELP_RULES CLI_HELP_TIME CLI_HELP_FILTER CLI_HELP_LIMITS \
	CLI_HELP_DECODE CLI_HELP_COMMON
/* Commands whose --from/--to are a case's window (timeline, report). */
#define CLI_INPUT_HELP_NOTIME \
	CLI_HELP_RULES CLI_HELP_FILTER CLI_HELP_LIMITS CLI_HELP_DECODE \
	CLI_HELP_COMMON

int	cli_input_opt(struct cli *, struct cli_input_opts *, struct bo_ctx *,
	    int opt, const char *arg);
void	cli_input_free(struct cli_input_opts *);
/* Applies filters and loads rules into ctx; -1 on error (reported). */
int	cli_input_apply(struct cli *, struct cli_input_opts *, struct bo_ctx *);

/*
 * The case builder of timeline and report (cli_case.c): the options they
 * share and the one rule for what the command line adds to a case.
 */
enum {
	CLI_OPT_FROM = 0x101,		/* the codes of CLI_INPUT_LONGOPTS */
	CLI_OPT_TO = 0x102,
	CLI_OPT_TARGET = 0x300,
	CLI_OPT_TITLE,
	CLI_OPT_TZ,
	CLI_OPT_NO_PROJECTION
};

struct cli_case {
	const char	*path;		/* --case */
	const char	*targets[64];
	size_t		 ntargets;
	const char	*params[64];
	size_t		 nparams;
	const char	*title;
	const char	*tz;
	int64_t		 from;
	int64_t		 to;
	int		 have_from;
	int		 have_to;
	/* each input as the case reads it, and the name documents give it */
	char		**paths;
	char		**names;
	size_t		 nnames;
	/* --runs: the arguments are run files, the inputs those they name */
	int		 runs;
	int		 no_projection;
};

#define CLI_CASE_LONGOPTS \
	{ "case", required_argument, NULL, 'c' }, \
	{ "target", required_argument, NULL, CLI_OPT_TARGET }, \
	{ "param", required_argument, NULL, 'p' }, \
	{ "title", required_argument, NULL, CLI_OPT_TITLE }, \
	{ "tz", required_argument, NULL, CLI_OPT_TZ }, \
	{ "no-projection", no_argument, NULL, CLI_OPT_NO_PROJECTION }

#define CLI_CASE_HELP \
"  -c, --case FILE         a case file (YAML): title, targets, window,\n" \
"                          inputs (relative to it), thresholds, timezone\n" \
"      --target T          an ASN (AS131279), a prefix (175.45.176.0/22,\n" \
"                          covers its more-specifics) or a case group;\n" \
"                          repeatable; added to the case's targets\n" \
"      --from TIME         start of the window (RFC 3339 or @epoch)\n" \
"      --to TIME           end of the window (exclusive); each replaces\n" \
"                          the case's bound it names, the other stays\n" \
"  -p, --param NAME=VALUE  set a threshold (see doc/correlation.md)\n" \
"      --title TEXT        the headline, instead of the case's title\n" \
"      --tz ZONE           also show local times in ZONE (IANA name)\n" \
"      --no-projection     store every decoded event, not only those the\n" \
"                          correlation can depend on (same output; for\n" \
"                          checking it and measuring)\n"

/* 1 if ch was a case option (consumed), 0 if not, -1 on a bad value
 * (reported). */
int	cli_case_opt(struct cli *, struct cli_case *, int ch, const char *arg);
/* Loads the case file and applies the options; INPUTs are added to the
 * case's own.  -1 on error (reported, whatever -q says). */
int	cli_case_build(struct cli *, struct cli_case *,
	    const struct cli_input_opts *, struct bo_case *, char **inputs,
	    size_t ninputs);
/* Names inputs (as the case file writes them, or by base name) and rules
 * (by base name) in the timeline, for documents that must not depend on
 * where the case was checked out. */
void	cli_case_relabel(const struct cli_case *, struct bo_timeline *);
void	cli_case_free(struct cli_case *);
/* All of the above, then reads the evidence (with progress on a
 * terminal) into *out, relabelled.  0 done, 1 fatal error while reading
 * (*out may still be set), -1 usage error; reported either way. */
int	cli_case_timeline(struct cli *, struct cli_case *,
	    struct cli_input_opts *, struct bo_ctx *, char **inputs,
	    size_t ninputs, struct bo_timeline **out);

#endif /* BO_CLI_H */
