/*
 * Placeholder for the correlation API (issue 5) so that everything links
 * while it is built; the correlation work deletes this file.
 */
#include "config.h"

#include <stdlib.h>

#include <blackout/correlate.h>

struct bo_case {
	int	unused;
};

struct bo_case *
bo_case_new(void)
{
	return calloc(1, sizeof(struct bo_case));
}

void
bo_case_free(struct bo_case *c)
{
	free(c);
}

int
bo_case_load(struct bo_case *c, const char *path, struct bo_diag *d)
{
	(void)c;
	(void)path;
	(void)d;
	return -1;
}

void
bo_case_set_title(struct bo_case *c, const char *s)
{
	(void)c;
	(void)s;
}

int
bo_case_add_target(struct bo_case *c, const char *s)
{
	(void)c;
	(void)s;
	return -1;
}

void
bo_case_set_window(struct bo_case *c, int64_t from, int64_t to)
{
	(void)c;
	(void)from;
	(void)to;
}

void
bo_case_set_tz(struct bo_case *c, const char *s)
{
	(void)c;
	(void)s;
}

void
bo_case_add_input(struct bo_case *c, const char *s)
{
	(void)c;
	(void)s;
}

int
bo_case_set_param(struct bo_case *c, const char *n, const char *v)
{
	(void)c;
	(void)n;
	(void)v;
	return -1;
}

size_t
bo_case_ninputs(const struct bo_case *c)
{
	(void)c;
	return 0;
}

const char *
bo_case_input(const struct bo_case *c, size_t i)
{
	(void)c;
	(void)i;
	return NULL;
}

const char *
bo_case_tz(const struct bo_case *c)
{
	(void)c;
	return NULL;
}

int
bo_timeline_build(struct bo_ctx *ctx, struct bo_case *c,
    struct bo_timeline **out)
{
	(void)ctx;
	(void)c;
	*out = NULL;
	return -1;
}
