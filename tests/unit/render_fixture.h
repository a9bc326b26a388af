/*
 * A hand-built timeline in the shape of the North Korea outages of
 * December 2014 (see ../shared/data/nk-2014/facts.md): what the renderers
 * are tested on until the correlator produces real ones.  The evidence
 * places, hashes and counts are invented; the times follow the record.
 */
#ifndef BO_RENDER_FIXTURE_H
#define BO_RENDER_FIXTURE_H

#include <blackout/timeline.h>

/* A new timeline; free it with bo_timeline_free(). */
struct bo_timeline *render_fixture_nk2014(void);
/* The text of claim C6, which carries markup, table and code syntax and
 * invalid UTF-8, for the escaping tests. */
extern const char render_fixture_nasty[];

#endif /* BO_RENDER_FIXTURE_H */
