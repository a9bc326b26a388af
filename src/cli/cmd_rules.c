/*
 * blackout rules check|test|list [PATH...]: validates rule files (every
 * error as file:line:column), runs the samples each rule carries, or lists
 * what is loaded.  With no PATH the default rule directory is used.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>

#include "cli/cli.h"
#include "rules/rules.h"
#include "util/util.h"

static const char usage_text[] =
"usage: blackout rules check [PATH...]\n"
"       blackout rules test [PATH...]\n"
"       blackout rules list [PATH...]\n"
"\n"
"check  loads the rules (files or directories of *.yaml) and reports every\n"
"       schema, pattern and time-format error as file:line:column\n"
"test   also runs the samples every rule carries and reports each mismatch\n"
"list   prints id, version, framing, patterns, samples and title\n"
"\n"
"With no PATH, the default rules ($BLACKOUT_RULES or the installed ones).\n"
"\n"
"options:\n"
"  -q, --quiet    only errors\n"
"  -h, --help     this text\n"
"\n"
"exit status: 0 all good, 1 a rule failed to load or a sample failed,\n"
"2 usage error\n";

int
cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli c;
	struct bo_rules *rs = NULL;
	const char *verb, *deflt[1];
	const char *const *paths;
	size_t npaths, i, bad = 0, nsamples = 0;
	int ch, rc, quiet = 0, loadfail = 0;

	cli_init(&c, "blackout rules");
	optind = 1;
	while ((ch = getopt_long(argc, argv, "+qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		}
		if (ch == 'q') {
			quiet = 1;
			continue;
		}
		rc = cli_usage_error(&c, "unknown option");
		goto out;
	}
	if (optind >= argc) {
		rc = cli_usage_error(&c, "say check, test or list");
		goto out;
	}
	verb = argv[optind++];
	if (strcmp(verb, "check") != 0 && strcmp(verb, "test") != 0 &&
	    strcmp(verb, "list") != 0) {
		rc = cli_usage_error(&c, "unknown subcommand '%s'", verb);
		goto out;
	}
	/* options may also follow the verb */
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'q') {
			quiet = 1;
			continue;
		}
		if (ch == 'h') {
			fputs(usage_text, stdout);
			rc = BO_EXIT_OK;
			goto out;
		}
		rc = cli_usage_error(&c, "unknown option");
		goto out;
	}
	if (optind < argc) {
		paths = (const char *const *)argv + optind;
		npaths = (size_t)(argc - optind);
	} else {
		deflt[0] = cli_rules_dir();
		paths = deflt;
		npaths = 1;
	}
	rs = bo_rules_new(c.diag);
	for (i = 0; i < npaths; i++)
		if (bo_rules_load(rs, paths[i]) != 0)
			loadfail = 1;
	if (strcmp(verb, "list") == 0) {
		for (i = 0; i < bo_rules_count(rs); i++) {
			const struct bo_rule *r = bo_rules_at(rs, i);
			const char *id, *ver, *file;

			bo_rules_info(rs, i, &id, &ver, &file);
			printf("%-24s %-6s %-10s %3zu patterns %3zu samples  %s\n",
			    id, ver, bo_rule_kind(r), bo_rule_npatterns(r),
			    bo_rule_nsamples(r), bo_rule_title(r));
		}
	} else if (strcmp(verb, "test") == 0) {
		for (i = 0; i < bo_rules_count(rs); i++) {
			const struct bo_rule *r = bo_rules_at(rs, i);
			char *report;
			size_t n;

			n = bo_rule_test(rs, r, &report);
			nsamples += bo_rule_nsamples(r);
			if (n > 0) {
				fputs(report, stderr);
				bad += n;
			}
			if (!quiet)
				printf("%s: %s: %zu samples, %s\n", c.prog,
				    bo_rule_id(r), bo_rule_nsamples(r),
				    n ? "FAILED" : "ok");
			free(report);
		}
	}
	if (!quiet || loadfail || bad)
		fprintf(stderr, "%s: %zu rules loaded%s; %s%zu%s\n", c.prog,
		    bo_rules_count(rs), loadfail ? ", some failed" : "",
		    strcmp(verb, "test") == 0 ? "samples " : "errors ",
		    strcmp(verb, "test") == 0 ? nsamples : (size_t)
		    bo_diag_get(c.diag, BO_CNT_ERRORS),
		    strcmp(verb, "test") == 0 ?
		    (bad ? " with mismatches" : ", all pass") : "");
	rc = loadfail || bad ? BO_EXIT_WARN : BO_EXIT_OK;
out:
	bo_rules_free(rs);
	cli_done(&c);
	return rc;
}
