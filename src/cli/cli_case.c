/*
 * The case builder shared by `timeline` and `report`: one set of options,
 * one rule for what the command line adds to a case file, and the names
 * a published document gives to inputs and rules.
 *
 * The rules, as blackout(1) states them:
 * - INPUTs on the command line are added to the case's inputs;
 * - --target adds to the case's targets;
 * - --from and --to each replace the bound they name; the other bound
 *   stays the case's (open when there is no case);
 * - --param, --title and --tz replace the case's.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blackout/blackout.h>
#include <blackout/correlate.h>

#include "cli/cli.h"
#include "util/util.h"

int
cli_case_opt(struct cli *c, struct cli_case *a, int ch, const char *arg)
{
	int64_t t;

	switch (ch) {
	case 'c':
		a->path = arg;
		return 1;
	case CLI_OPT_TARGET:
	case 'p':
		if ((ch == 'p' ? a->nparams : a->ntargets) == 64) {
			cli_usage_error(c, "too many %s", ch == 'p' ?
			    "--param" : "--target");
			return -1;
		}
		if (ch == 'p')
			a->params[a->nparams++] = arg;
		else
			a->targets[a->ntargets++] = arg;
		return 1;
	case CLI_OPT_TITLE:
		a->title = arg;
		return 1;
	case CLI_OPT_NO_PROJECTION:
		a->no_projection = 1;
		return 1;
	case CLI_OPT_TZ:
		if (!tz_known(arg)) {
			cli_usage_error(c, "--tz: '%s' is not in the system tz "
			    "database (want an IANA name such as "
			    "Asia/Pyongyang)", arg);
			return -1;
		}
		a->tz = arg;
		return 1;
	case CLI_OPT_FROM:
	case CLI_OPT_TO:
		/* The window goes to the case, not to the decoders: route
		 * state needs the RIB dumped before the window opens. */
		if (parse_time_arg(arg, &t) != 0) {
			cli_usage_error(c, "%s: bad time '%s' (RFC 3339 or "
			    "@epoch)", ch == CLI_OPT_FROM ? "--from" : "--to",
			    arg);
			return -1;
		}
		if (ch == CLI_OPT_FROM) {
			a->from = t;
			a->have_from = 1;
		} else {
			a->to = t;
			a->have_to = 1;
		}
		return 1;
	default:
		return 0;
	}
}

/* The directory a case file anchors its inputs to, as the case loader
 * computes it; NULL when the file is in the current directory. */
static char *
case_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return NULL;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *
base_name(const char *path, char **own)
{
	size_t n = strlen(path);
	const char *b;

	*own = NULL;
	while (n > 1 && path[n - 1] == '/')
		n--;
	*own = xstrndup(path, n);
	b = strrchr(*own, '/');
	return b != NULL && b[1] != '\0' ? b + 1 : *own;
}

static void
add_name(struct cli_case *a, const char *path, const char *name)
{
	a->paths = xreallocarray(a->paths, a->nnames + 1, sizeof(*a->paths));
	a->names = xreallocarray(a->names, a->nnames + 1, sizeof(*a->names));
	a->paths[a->nnames] = xstrdup(path);
	a->names[a->nnames] = xstrdup(name);
	a->nnames++;
}

int
cli_case_build(struct cli *c, struct cli_case *a,
    const struct cli_input_opts *io, struct bo_case *cs, char **inputs,
    size_t ninputs)
{
	char *dir = NULL, *name, *own;
	size_t i, n, dl;
	int rc, bad;
	int64_t from, to;

	if (a->path != NULL) {
		/* -q silences progress and summaries, never why a run
		 * stopped: the case file's errors are always shown. */
		c->setup = 1;
		rc = bo_case_load(cs, a->path, c->diag);
		c->setup = 0;
		if (rc != 0) {
			fprintf(stderr, "%s: %s: the case file has errors (see "
			    "above)\n", c->prog, a->path);
			return -1;
		}
		dir = case_dir(a->path);
	}
	/* Published documents name a case's inputs as the case file writes
	 * them, relative to it: the same case gives the same bytes wherever
	 * it is checked out. */
	dl = dir != NULL ? strlen(dir) : 0;
	for (i = 0, n = bo_case_ninputs(cs); i < n; i++) {
		const char *p = bo_case_input(cs, i);

		if (dir != NULL && strncmp(p, dir, dl) == 0 && p[dl] == '/')
			add_name(a, p, p + dl + 1);
		else
			add_name(a, p, p);
	}
	free(dir);
	for (i = 0; i < a->ntargets; i++)
		if (bo_case_add_target(cs, a->targets[i]) != 0) {
			cli_usage_error(c, "--target: '%s' is neither an ASN, a "
			    "prefix nor a group of the case", a->targets[i]);
			return -1;
		}
	for (i = 0; i < a->nparams; i++) {
		const char *eq = strchr(a->params[i], '=');

		if (eq == NULL) {
			cli_usage_error(c, "--param: want NAME=VALUE, not '%s'",
			    a->params[i]);
			return -1;
		}
		name = xstrndup(a->params[i], (size_t)(eq - a->params[i]));
		bad = bo_case_set_param(cs, name, eq + 1) != 0;
		free(name);
		if (bad) {
			cli_usage_error(c, "--param: unknown name or bad value "
			    "in '%s'", a->params[i]);
			return -1;
		}
	}
	if (a->have_from || a->have_to) {
		bo_case_window(cs, &from, &to);
		if (a->have_from)
			from = a->from;
		if (a->have_to)
			to = a->to;
		if (from != INT64_MIN && to != INT64_MAX && from >= to) {
			cli_usage_error(c, "the window is empty: --to is not "
			    "after --from (or the case's from)");
			return -1;
		}
		bo_case_set_window(cs, from, to);
	}
	if (a->title != NULL)
		bo_case_set_title(cs, a->title);
	if (a->tz != NULL)
		bo_case_set_tz(cs, a->tz);
	for (i = 0; i < ninputs; i++) {
		bo_case_add_input(cs, inputs[i]);
		/* given here, not in a case file: named by its base name */
		add_name(a, inputs[i], base_name(inputs[i], &own));
		free(own);
	}
	for (i = 0; i < io->ncoll; i++) {
		bo_case_add_input_collector(cs, io->coll_paths[i],
		    io->coll_names[i]);
		add_name(a, io->coll_paths[i], base_name(io->coll_paths[i],
		    &own));
		free(own);
	}
	if (bo_case_ninputs(cs) == 0 && !a->runs) {
		cli_usage_error(c, "no INPUT given (on the command line or in "
		    "the case's inputs)");
		return -1;
	}
	return 0;
}

static void
rename_str(const struct cli_case *a, char **s)
{
	size_t i;

	if (*s == NULL)
		return;
	for (i = 0; i < a->nnames; i++)
		if (strcmp(*s, a->paths[i]) == 0) {
			free(*s);
			*s = xstrdup(a->names[i]);
			return;
		}
}

static void
rename_evidence(const struct cli_case *a, struct bo_evidence *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rename_str(a, &e[i].input);
}

/*
 * A reduce learns its inputs from the run files.  Those that are not the
 * case file's were given to the maps on the command line, which names
 * them by base name: so does the reduce, for the single run's bytes.
 */
static void
name_run_inputs(struct cli_case *a, const struct bo_timeline *tl)
{
	char *own;
	size_t i, j;

	for (i = 0; i < tl->ninputs; i++) {
		for (j = 0; j < a->nnames; j++)
			if (strcmp(a->paths[j], tl->inputs[i].path) == 0)
				break;
		if (j < a->nnames)
			continue;
		add_name(a, tl->inputs[i].path,
		    base_name(tl->inputs[i].path, &own));
		free(own);
	}
}

void
cli_case_relabel(const struct cli_case *a, struct bo_timeline *tl)
{
	char *own;
	size_t i, j;

	for (i = 0; i < tl->nincidents; i++)
		for (j = 0; j < tl->incidents[i].nsignals; j++)
			rename_evidence(a, tl->incidents[i].signals[j].evidence,
			    tl->incidents[i].signals[j].nevidence);
	for (i = 0; i < tl->nsignals; i++)
		rename_evidence(a, tl->signals[i].evidence,
		    tl->signals[i].nevidence);
	for (i = 0; i < tl->nclaims; i++)
		rename_evidence(a, tl->claims[i].evidence,
		    tl->claims[i].nevidence);
	for (i = 0; i < tl->ngaps; i++)
		rename_evidence(a, tl->gaps[i].evidence, tl->gaps[i].nevidence);
	for (i = 0; i < tl->ninputs; i++)
		rename_str(a, &tl->inputs[i].path);
	/* A rule is named by its file's base name; its SHA-256 says which
	 * content ran, wherever the rules were installed. */
	for (i = 0; i < tl->nrules; i++) {
		const char *b = base_name(tl->rules[i].file, &own);

		b = xstrdup(b);
		free(own);
		free(tl->rules[i].file);
		tl->rules[i].file = (char *)b;
	}
}

void
cli_case_free(struct cli_case *a)
{
	strv_free(a->paths, a->nnames);
	strv_free(a->names, a->nnames);
	a->paths = a->names = NULL;
	a->nnames = 0;
}

int
cli_case_timeline(struct cli *c, struct cli_case *a, struct cli_input_opts *io,
    struct bo_ctx *ctx, char **inputs, size_t ninputs,
    struct bo_timeline **out)
{
	struct bo_case *cs = bo_case_new();
	uint64_t in, kept;
	uint64_t files, bytes;
	int rc;

	*out = NULL;
	if (cli_input_apply(c, io, ctx) != 0 ||
	    cli_case_build(c, a, io, cs, inputs, ninputs) != 0) {
		bo_case_free(cs);
		return -1;
	}
	cli_progress_start(c, ctx);
	bo_ctx_set_projection(ctx, !a->no_projection);
	rc = bo_timeline_build(ctx, cs, out);
	cli_progress_end(c, ctx);
	bo_ctx_projection_count(ctx, &in, &kept);
	if (c->verbose && in > 0)
		fprintf(stderr, "%s: projection: %" PRIu64 " of %" PRIu64
		    " events kept\n", c->prog, kept, in);
	bo_ctx_spool_count(ctx, &files, &bytes);
	if (c->verbose && files > 0)
		fprintf(stderr, "%s: scan: %" PRIu64 " compressed file(s) "
		    "read again from %" PRIu64 " bytes it kept\n", c->prog,
		    files, bytes);
	bo_case_free(cs);
	if (*out == NULL)
		return 1;
	if (a->runs)
		name_run_inputs(a, *out);
	cli_case_relabel(a, *out);
	if ((*out)->version == NULL)
		(*out)->version = xstrdup(bo_version());
	return rc != 0 ? 1 : 0;
}
