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

#include <yaml.h>

/*
 * Scans f for an alias: 1 with its 1-based line and column, 0 when there
 * is none or the YAML does not parse (the loader then says why), -1 when f
 * cannot be rewound afterwards.  f is left at its start.
 */
int	 yaml_find_alias(FILE *f, unsigned long *line, unsigned long *col);

/* Why yaml_load_guarded() failed, and where (1-based; 0 when no place). */
struct yaml_failure {
	enum {
		YAML_FAIL_ALIAS = 1,	/* an alias at line:col */
		YAML_FAIL_REWIND,	/* f could not be read again */
		YAML_FAIL_SYNTAX	/* msg: "YAML: " and libyaml's words */
	}		 what;
	unsigned long	 line;
	unsigned long	 col;
	char		 msg[512];
};

/*
 * Loads the document of f into doc (the caller deletes it) once
 * yaml_find_alias() found no alias: 0, or -1 with *why filled in, so that
 * case and rule files are read and refused alike.
 */
int	 yaml_load_guarded(FILE *f, yaml_document_t *doc,
	    struct yaml_failure *why);

#endif
