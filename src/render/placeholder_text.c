/* Placeholder for the text and JSON renderers (issue 5 replaces it). */
#include "config.h"

#include <errno.h>

#include "render/render.h"

int
bo_render_text(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	(void)f;
	(void)tl;
	(void)o;
	errno = ENOSYS;
	return -1;
}

int
bo_render_json(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	return bo_render_text(f, tl, o);
}

int
bo_render_ndjson(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	return bo_render_text(f, tl, o);
}
