#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen.h"

#define EXIT_USAGE	64	/* sysexits EX_USAGE */
#define EXIT_DATAERR	65	/* sysexits EX_DATAERR: bad scenario */

static const char usage_text[] =
"usage: bo-gen [-s SEED] SCENARIO.yaml OUTPUT\n"
"\n"
"Writes the incident case a scenario describes: MRT RIB snapshots and\n"
"update files per collector, ping logs, RIPE Atlas results, tweets, news\n"
"feeds and a claims CSV.  OUTPUT ending in .tar.gz, .tgz, .tar or .zip is\n"
"an archive; anything else is a directory.  The same scenario and seed\n"
"always give the same bytes.\n"
"\n"
"  -s SEED   use SEED instead of the scenario's seed\n";

int
main(int argc, char **argv)
{
	struct scenario s;
	struct gen_out out;
	uint64_t seed = 0;
	int ch, have_seed = 0, rc = EXIT_FAILURE;
	char *err = NULL;

	while ((ch = getopt(argc, argv, "s:h")) != -1) {
		switch (ch) {
		case 's':
			if (parse_u64(optarg, &seed) != 0) {
				fprintf(stderr, "bo-gen: -s: not a number: %s\n",
				    optarg);
				return EXIT_USAGE;
			}
			have_seed = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_SUCCESS;
		default:
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (scen_load_file(&s, argv[optind], &err) != 0) {
		fprintf(stderr, "bo-gen: %s\n", err);
		free(err);
		return EXIT_DATAERR;
	}
	if (have_seed)
		s.seed = seed;
	truth_build(&s);
	/* Every member gets the end of the window as its mtime. */
	out_init(&out, s.to / 1000000);
	if (bgp_generate(&s, &out, &err) != 0 ||
	    probes_generate(&s, &out, &err) != 0 ||
	    claims_generate(&s, &out, &err) != 0 ||
	    out_write(&out, argv[optind + 1], &err) != 0) {
		fprintf(stderr, "bo-gen: %s\n", err != NULL ? err : "failed");
		free(err);
		goto out;
	}
	rc = EXIT_SUCCESS;
out:
	out_free(&out);
	scen_free(&s);
	return rc;
}
