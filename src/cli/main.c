#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <blackout/blackout.h>

#include "cli/cli.h"

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*summary;
} commands[] = {
	{ "inspect", cmd_inspect, "list the members of inputs and how each is read" },
	{ "ingest", cmd_ingest, "decode inputs into time-ordered NDJSON events" },
	{ "mrt", cmd_mrt, "MRT tools: dump (as bgpdump), stats, events" },
	{ "rules", cmd_rules, "check, test (run samples) or list rules" },
	{ "timeline", cmd_timeline, "correlate events into an incident timeline" },
	{ "report", cmd_report, "write a publishable report (HTML, Markdown)" },
	{ "map", cmd_map, "decode one shard of the inputs into a run file" },
	{ "merge", cmd_merge, "merge run files of one sharded decode" },
	{ "slurm", cmd_slurm, "write Slurm batch scripts for a sharded run" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: blackout [--version] [--help] <command> [args]\n\n"
	    "Reconstructs Internet outages from archives of BGP dumps, probe\n"
	    "logs and claim feeds.\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(f, "\n'blackout <command> --help' describes each command; "
	    "see also blackout(1).\n");
}

/*
 * Whatever the command: output that could not be written is a failure
 * (`inspect > /dev/full` exited 0 without a word).  Commands that saw the
 * error already said so and returned the fatal status.
 */
static int
finish(int rc)
{
	int bad = fflush(stdout) != 0, e = errno;

	if (!bad && !ferror(stdout))
		return rc;
	if (rc != BO_EXIT_FATAL)
		fprintf(stderr, "blackout: writing standard output: %s\n",
		    strerror(bad && e != 0 ? e : EIO));
	return BO_EXIT_FATAL;
}

static int
run(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return BO_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("blackout %s\n", bo_version());
		return BO_EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *hargv[] = { argv[2], (char *)"--help", NULL };

			for (i = 0; i < sizeof(commands) / sizeof(commands[0]);
			    i++)
				if (strcmp(commands[i].name, argv[2]) == 0)
					return commands[i].fn(2, hargv);
		}
		usage(stdout);
		return BO_EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, argv[1]) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "blackout: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return BO_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	return finish(run(argc, argv));
}
