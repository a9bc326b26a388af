/*
 * The report chart: one hand-written SVG element with every series of the
 * timeline on one time axis (a strip per series, grouped by source),
 * incidents shaded, coverage gaps hatched, and a marker for every claim and
 * report.  Coordinates are printed in fixed point, so the bytes depend only
 * on the timeline.
 */
#ifndef BO_RENDER_SVG_H
#define BO_RENDER_SVG_H

#include <blackout/timeline.h>

#include "render/render_fmt.h"

/* Appends the <svg> element.  0, or -1 (nothing appended) when the
 * timeline has no series, incident or claim to draw. */
int	svg_chart(struct buf *, const struct bo_timeline *,
	    const struct rtz *);

#endif /* BO_RENDER_SVG_H */
