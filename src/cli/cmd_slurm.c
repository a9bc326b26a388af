/*
 * blackout slurm: writes the batch scripts of a sharded run (map array,
 * dependent reduce, submit.sh).  Plain sh, meant to be read and edited.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <blackout/blackout.h>

#include "cli/cli.h"
#include "util/util.h"

static const char usage_text[] =
"usage: blackout slurm --shards N [--partition P] [--account A]\n"
"           [--case FILE] [--target T]... [--pass OPT]... -o DIR [INPUT...]\n"
"\n"
"Writes DIR/map.sbatch (an --array=1-N job, one 'blackout map' per shard),\n"
"DIR/reduce.sbatch (timeline and report over the N run files) and\n"
"DIR/submit.sh, which submits the reduce with --dependency=afterok on the\n"
"array and prints both job ids.  Jobs run in the current directory, so\n"
"inputs are named as in a single run.  See blackout(1) on sizing N.\n"
"\n"
"options:\n"
"  -n, --shards N          number of shards (array tasks)\n"
"  -p, --partition P       Slurm partition\n"
"  -A, --account A         Slurm account\n"
"  -c, --case FILE         the case\n"
"  -t, --target T          a target (with INPUTs instead of a case)\n"
"  -X, --pass OPT          an input option for both map and reduce\n"
"                          (e.g. -X --rules=DIR); repeatable\n"
"  -o, --output DIR        where the scripts, runs and results go\n"
"  -h, --help              this text\n";

/* Single-quoted for sh. */
static void
q(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s != '\0'; s++)
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	buf_addc(b, '\'');
}

static int
write_file(const char *dir, const char *name, const struct buf *b,
    mode_t mode)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	int rc = -1;

	if (f != NULL && fwrite(b->data, 1, b->len, f) == b->len &&
	    fclose(f) == 0) {
		f = NULL;
		rc = chmod(path, mode);
	}
	if (f != NULL)
		fclose(f);
	if (rc != 0)
		fprintf(stderr, "blackout slurm: %s: %s\n", path,
		    strerror(errno));
	free(path);
	return rc;
}

static void
header(struct buf *b, const char *job, const char *cwd, const char *log,
    const char *partition, const char *account)
{
	buf_adds(b, "#!/bin/sh\n");
	buf_printf(b, "#SBATCH --job-name=%s\n", job);
	buf_printf(b, "#SBATCH --chdir=%s\n", cwd);
	buf_printf(b, "#SBATCH --output=%s\n", log);
	if (partition != NULL)
		buf_printf(b, "#SBATCH --partition=%s\n", partition);
	if (account != NULL)
		buf_printf(b, "#SBATCH --account=%s\n", account);
}

int
cmd_slurm(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "shards", required_argument, NULL, 'n' },
		{ "partition", required_argument, NULL, 'p' },
		{ "account", required_argument, NULL, 'A' },
		{ "case", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 't' },
		{ "pass", required_argument, NULL, 'X' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *partition = NULL, *account = NULL, *case_path = NULL;
	const char *out = NULL, *pass[64], *targets[64];
	size_t npass = 0, ntargets = 0, i;
	char dir[PATH_MAX], cwd[PATH_MAX], self[PATH_MAX], *end, *log;
	struct buf args, b;
	unsigned long n = 0;
	ssize_t len;
	int ch, rc = BO_EXIT_FATAL;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "n:p:A:c:t:X:o:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_text, stdout);
			return BO_EXIT_OK;
		case 'n':
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (*end != '\0' || errno != 0 || n < 1 ||
			    n > 1000000) {
				fprintf(stderr, "blackout slurm: --shards: want "
				    "1 to 1000000, not '%s'\n", optarg);
				return BO_EXIT_USAGE;
			}
			break;
		case 'p':
			partition = optarg;
			break;
		case 'A':
			account = optarg;
			break;
		case 'c':
			case_path = optarg;
			break;
		case 't':
		case 'X':
			if ((ch == 't' ? ntargets : npass) == 64) {
				fputs("blackout slurm: too many options\n",
				    stderr);
				return BO_EXIT_USAGE;
			}
			if (ch == 't')
				targets[ntargets++] = optarg;
			else
				pass[npass++] = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			fputs("blackout slurm: see --help\n", stderr);
			return BO_EXIT_USAGE;
		}
	}
	if (n == 0 || out == NULL || (case_path == NULL && optind >= argc)) {
		fputs("blackout slurm: give --shards N, -o DIR and a case or "
		    "INPUTs\n", stderr);
		return BO_EXIT_USAGE;
	}
	if ((mkdir(out, 0777) != 0 && errno != EEXIST) ||
	    realpath(out, dir) == NULL || getcwd(cwd, sizeof(cwd)) == NULL) {
		fprintf(stderr, "blackout slurm: %s: %s\n", out,
		    strerror(errno));
		return BO_EXIT_FATAL;
	}
	/* The jobs run this very binary, wherever the job lands. */
	if ((len = readlink("/proc/self/exe", self, sizeof(self) - 1)) < 0)
		snprintf(self, sizeof(self), "blackout");
	else
		self[len] = '\0';

	/* The arguments map and reduce share. */
	buf_init(&args);
	if (case_path != NULL) {
		buf_adds(&args, " --case ");
		q(&args, case_path);
	}
	for (i = 0; i < ntargets; i++) {
		buf_adds(&args, " --target ");
		q(&args, targets[i]);
	}
	for (i = 0; i < npass; i++) {
		buf_addc(&args, ' ');
		q(&args, pass[i]);
	}

	buf_init(&b);
	log = xasprintf("%s/logs/map-%%a.log", dir);
	header(&b, "blackout-map", cwd, log, partition, account);
	free(log);
	buf_printf(&b, "#SBATCH --array=1-%lu\n", n);
	buf_adds(&b, "#SBATCH --cpus-per-task=1\n"
	    "# One shard of the inputs per array task: files in the walker's\n"
	    "# order, every N-th from the task's id.  See blackout(1), SHARDED\n"
	    "# RUNS, to size N and the memory a task needs.\n"
	    "set -eu\n");
	buf_adds(&b, "BLACKOUT=${BLACKOUT:-");
	q(&b, self);
	buf_printf(&b, "}\nN=%lu\nOUT=", n);
	q(&b, dir);
	buf_printf(&b, "\n\"$BLACKOUT\" map%s -j \"${SLURM_CPUS_PER_TASK:-1}\" "
	    "\\\n    --shard \"$SLURM_ARRAY_TASK_ID/$N\" "
	    "-o \"$OUT/runs/shard-$SLURM_ARRAY_TASK_ID.run\"", args.data ?
	    args.data : "");
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		buf_addc(&b, ' ');
		q(&b, argv[i]);
	}
	/* exit 1 is "completed with warnings": the run file is whole */
	buf_adds(&b, " || test $? -eq 1\n");
	if (write_file(dir, "map.sbatch", &b, 0644) != 0)
		goto out;

	buf_reset(&b);
	log = xasprintf("%s/logs/reduce.log", dir);
	header(&b, "blackout-reduce", cwd, log, partition, account);
	free(log);
	buf_adds(&b, "# Runs only when every map task succeeded (submit.sh "
	    "gives\n# --dependency=afterok); refuses an incomplete or mixed "
	    "set of runs.\nset -eu\nBLACKOUT=${BLACKOUT:-");
	q(&b, self);
	buf_adds(&b, "}\nOUT=");
	q(&b, dir);
	buf_printf(&b, "\nrun() { \"$@\" || test $? -eq 1; }\n"
	    "run \"$BLACKOUT\" timeline%s --color never -o \"$OUT/timeline.txt\""
	    " \\\n    --runs \"$OUT\"/runs/shard-*.run\n"
	    "run \"$BLACKOUT\" timeline%s --format json "
	    "-o \"$OUT/timeline.json\" \\\n    --runs \"$OUT\"/runs/shard-*.run\n",
	    args.data ? args.data : "", args.data ? args.data : "");
	if (case_path != NULL)
		buf_printf(&b, "run \"$BLACKOUT\" report%s "
		    "-o \"$OUT/report.html\" \\\n"
		    "    --runs \"$OUT\"/runs/shard-*.run\n", args.data);
	if (write_file(dir, "reduce.sbatch", &b, 0644) != 0)
		goto out;

	buf_reset(&b);
	buf_adds(&b, "#!/bin/sh\n"
	    "# Submits the map array, then the reduce, which runs only if "
	    "every\n# array task succeeded; prints both job ids.\n"
	    "set -eu\ncd \"$(dirname \"$0\")\"\n"
	    "cd \"$(pwd -P)\"\n"
	    "mkdir -p runs logs\n"
	    "rm -f runs/shard-*.run\n"
	    "map=$(sbatch --parsable map.sbatch)\n"
	    "map=${map%%;*}\n"
	    "reduce=$(sbatch --parsable "
	    "--dependency=afterok:\"$map\" \\\n"
	    "    --kill-on-invalid-dep=yes reduce.sbatch)\n"
	    "reduce=${reduce%%;*}\n"
	    "echo \"map $map\"\necho \"reduce $reduce\"\n");
	if (write_file(dir, "submit.sh", &b, 0755) != 0)
		goto out;
	rc = BO_EXIT_OK;
out:
	buf_free(&b);
	buf_free(&args);
	return rc;
}
