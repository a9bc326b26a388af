/* Placeholder for the Markdown and HTML renderers (issue 6 replaces it). */
#include "config.h"

#include <errno.h>

#include "render/render.h"

int
bo_render_markdown(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	(void)f;
	(void)tl;
	(void)o;
	errno = ENOSYS;
	return -1;
}

int
bo_render_html(FILE *f, const struct bo_timeline *tl,
    const struct bo_render_opts *o)
{
	return bo_render_markdown(f, tl, o);
}
