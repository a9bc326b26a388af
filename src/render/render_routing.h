/*
 * What every renderer says of a hijack or a leak, as labelled rows
 * ("Offender", "AS17557 via AS3491"), so that text, Markdown and HTML
 * show the same facts.
 */
#ifndef BO_RENDER_ROUTING_H
#define BO_RENDER_ROUTING_H

#include <stdbool.h>
#include <stddef.h>

#include <blackout/timeline.h>

#define RROUTING_ROWS	5

struct rrow_kv {
	const char	*label;		/* static */
	const char	*word;		/* one word for the text output */
	char		*value;
};

bool	rfmt_is_routing(const struct bo_incident *);
/* Fills up to RROUTING_ROWS rows; free them with rfmt_routing_free. */
size_t	rfmt_routing_rows(const struct bo_incident *, struct rrow_kv *);
/*
 * What an incident reached, as the card of a Markdown or HTML report
 * lists it: the routing rows of a hijack or a leak, else one row of the
 * prefixes affected ("3 of 4 (75%); not restored by the end of the data:
 * 1").  Free them with rfmt_routing_free.
 */
size_t	rfmt_reach_rows(const struct bo_incident *, struct rrow_kv *);
void	rfmt_routing_free(struct rrow_kv *, size_t);

#endif /* BO_RENDER_ROUTING_H */
