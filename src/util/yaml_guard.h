/*
 * YAML aliases are refused in case and rule files: libyaml shares the
 * aliased node, and every walk over the document visits it once per
 * reference, so a 160 KB file of nested aliases ("billion laughs") took
 * gigabytes and time growing with the square of the nesting.  Neither kind
 * of file needs them.
 */
#ifndef BO_YAML_GUARD_H
#define BO_YAML_GUARD_H

#include <stdio.h>

/*
 * Scans f for an alias: 1 with its 1-based line and column, 0 when there
 * is none or the YAML does not parse (the loader then says why), -1 when f
 * cannot be rewound afterwards.  f is left at its start.
 */
int	 yaml_find_alias(FILE *f, unsigned long *line, unsigned long *col);

#endif
