/*
 * Renderers: each reads a finished bo_timeline and writes one format.
 * They never look at events or inputs.  All output is deterministic: no
 * wall-clock time, no locale, no hash-order iteration.
 */
#ifndef BO_RENDER_H
#define BO_RENDER_H

#include <stdio.h>

#include <blackout/timeline.h>

struct bo_render_opts {
	const char	*tz;		/* IANA zone for local times, or NULL */
	int		 color;		/* ANSI colour (terminal text only) */
	int		 width;		/* text columns, 80 by default */
	int		 brief;		/* text: one screen per incident */
	const char	*chart_file;	/* Markdown: the chart's SVG file, to
					 * link as an image; NULL: none */
};

/* 0, or -1 on a write error (errno set). */
int	bo_render_text(FILE *, const struct bo_timeline *,
	    const struct bo_render_opts *);
int	bo_render_json(FILE *, const struct bo_timeline *,
	    const struct bo_render_opts *);
int	bo_render_ndjson(FILE *, const struct bo_timeline *,
	    const struct bo_render_opts *);
int	bo_render_markdown(FILE *, const struct bo_timeline *,
	    const struct bo_render_opts *);
int	bo_render_html(FILE *, const struct bo_timeline *,
	    const struct bo_render_opts *);
/* The report's chart alone, as a standalone SVG document. */
int	bo_render_svg(FILE *, const struct bo_timeline *,
	    const struct bo_render_opts *);

#endif /* BO_RENDER_H */
