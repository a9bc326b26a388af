/* Placeholder: the 'report' command lands with its issue. */
#include "config.h"

#include <stdio.h>

#include <blackout/blackout.h>

#include "cli/cli.h"

int
cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "blackout report: not implemented yet\n");
	return BO_EXIT_USAGE;
}
