/* Placeholder: the 'mrt' command lands with its issue. */
#include "config.h"

#include <stdio.h>

#include <blackout/blackout.h>

#include "cli/cli.h"

int
cmd_mrt(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "blackout mrt: not implemented yet\n");
	return BO_EXIT_USAGE;
}
