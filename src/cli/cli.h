/* The blackout command line: one file per command, shared helpers here. */
#ifndef BO_CLI_H
#define BO_CLI_H

#include <stdio.h>

#include <blackout/blackout.h>

struct cli {
	const char	*prog;		/* "blackout inspect" */
	int		 quiet;
	int		 verbose;
	int		 strict;
	int		 color;		/* stderr is a terminal, NO_COLOR unset */
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
 * pipes or when $CI is set) and not with -q. */
void	cli_progress_start(struct cli *, struct bo_ctx *);
void	cli_progress_end(struct cli *, struct bo_ctx *);

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
};

#define CLI_INPUT_LONGOPTS \
	{ "rules", required_argument, NULL, 'R' }, \
	{ "no-default-rules", no_argument, NULL, 0x100 }, \
	{ "from", required_argument, NULL, 0x101 }, \
	{ "to", required_argument, NULL, 0x102 }, \
	{ "prefix", required_argument, NULL, 0x103 }, \
	{ "origin-as", required_argument, NULL, 0x104 }, \
	{ "path-as", required_argument, NULL, 0x105 }, \
	{ "peer", required_argument, NULL, 0x106 }, \
	{ "match", required_argument, NULL, 0x107 }, \
	{ "max-depth", required_argument, NULL, 0x108 }, \
	{ "max-member-size", required_argument, NULL, 0x109 }, \
	{ "max-ratio", required_argument, NULL, 0x10a }, \
	{ "strict", no_argument, NULL, 0x10b }, \
	{ "threads", required_argument, NULL, 'j' }, \
	{ "max-memory-events", required_argument, NULL, 0x10c }, \
	{ "undated-time", required_argument, NULL, 0x10d }, \
	{ "valid-years", required_argument, NULL, 0x10e }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }

/* Commands that filter events by time (ingest, inspect). */
#define CLI_INPUT_HELP \
"      --from TIME         only events at or after TIME (RFC 3339 or @epoch)\n" \
"      --to TIME           only events before TIME\n" \
CLI_INPUT_HELP_NOTIME

/* Commands whose --from/--to are a case's window (timeline, report). */
#define CLI_INPUT_HELP_NOTIME \
"  -R, --rules PATH        load rules from PATH (file or directory; repeatable)\n" \
"      --no-default-rules  do not load the installed rules\n" \
"      --prefix P          only this prefix (see --match); repeatable\n" \
"      --match MODE        exact, more (default), less or any\n" \
"      --origin-as AS      only routes originated by AS; repeatable\n" \
"      --path-as AS        only routes with AS in the path; repeatable\n" \
"      --peer ADDR         only this BGP peer; repeatable\n" \
"      --max-depth N       archives nested deeper than N are skipped (4)\n" \
"      --max-member-size N refuse members larger than N bytes\n" \
"      --max-ratio N       refuse decompression ratios above N:1 (500)\n" \
"      --strict            treat any warning as failure (exit 2)\n" \
"  -j, --threads N         decode files on N threads (default: all CPUs)\n" \
"      --undated-time TIME time of output that carries none (plain ping,\n" \
"                          traceroute); default: the member's mtime\n" \
"      --valid-years Y1-Y2 refuse times read outside these years (1970-2099)\n" \
"      --max-memory-events N  events held in memory before they are sorted\n" \
"                          into a run on disk (524288)\n" \
"  -q, --quiet             no warnings or summary on stderr\n" \
"  -v, --verbose           more detail on stderr\n"

int	cli_input_opt(struct cli *, struct cli_input_opts *, struct bo_ctx *,
	    int opt, const char *arg);
/* Applies filters and loads rules into ctx; -1 on error (reported). */
int	cli_input_apply(struct cli *, struct cli_input_opts *, struct bo_ctx *);

#endif /* BO_CLI_H */
