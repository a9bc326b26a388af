/*
 * Writes the fixture timeline as HTML or Markdown to standard output, for
 * the shell tests (xmllint, Chromium) and for refreshing the golden files:
 *   render_dump html|md [ZONE]
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "render/render.h"
#include "render_fixture.h"

int
main(int argc, char **argv)
{
	struct bo_timeline *tl;
	struct bo_render_opts o;
	int rc;

	if (argc < 2 || (strcmp(argv[1], "html") != 0 &&
	    strcmp(argv[1], "md") != 0)) {
		fprintf(stderr, "usage: render_dump html|md [ZONE]\n");
		return 2;
	}
	memset(&o, 0, sizeof(o));
	o.tz = argc > 2 ? argv[2] : NULL;
	tl = render_fixture_nk2014();
	rc = strcmp(argv[1], "html") == 0 ? bo_render_html(stdout, tl, &o) :
	    bo_render_markdown(stdout, tl, &o);
	bo_timeline_free(tl);
	if (rc != 0 || fflush(stdout) != 0) {
		perror("render_dump");
		return 1;
	}
	return 0;
}
