/*
 * Reading rule files: libyaml document nodes to values, every error with
 * its file:line:column (rule_yaml.c).  The y* readers are shared by the
 * rule loader (rule.c) and the readers of its parts.
 */
#ifndef BO_RULE_YAML_H
#define BO_RULE_YAML_H

#include <yaml.h>

#include "rules/rules_private.h"

struct yctx {
	const char		*file;
	yaml_document_t		*doc;
	struct bo_diag		*diag;
	int			 nerr;
	struct bo_rule		*rule;
	pcre2_jit_stack		*jit;
	uint32_t		 match_limit;
	uint32_t		 depth_limit;
};

/* The node's place, 1-based. */
struct rmark	 ymark(const yaml_node_t *);
/* Reports an error at a place or a node and counts it in y->nerr. */
void		 yerr_at(struct yctx *, struct rmark, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 yerr(struct yctx *, const yaml_node_t *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
yaml_node_t	*ynode(struct yctx *, int id);
const char	*yscalar_of(const yaml_node_t *);
/* The value of key in a mapping, or NULL. */
yaml_node_t	*yget(struct yctx *, const yaml_node_t *map, const char *key);
/* Every key must be one of allowed (NULL-terminated) and appear once. */
int		 ykeys(struct yctx *, const yaml_node_t *map, const char *what,
		    const char *const *allowed);
const char	*ystr(struct yctx *, const yaml_node_t *, const char *what);
int		 ybool(struct yctx *, const yaml_node_t *, const char *what,
		    int *v);
/* A string or a list of strings (nodes, when not NULL, gets theirs). */
int		 ystrlist(struct yctx *, const yaml_node_t *, const char *what,
		    char ***out, size_t *nout, yaml_node_t ***nodes);
void		 strlist_free(char **, size_t);
/* The place of the byte at off of a scalar's value. */
struct rmark	 ymark_offset(const yaml_node_t *, size_t off);
int		 ypat(struct yctx *, const yaml_node_t *, struct rpat *,
		    int caseless, const char *what);
int		 ytmpl(struct yctx *, const yaml_node_t *, struct tmpl *,
		    const char *what);
int		 yprec(struct yctx *, const yaml_node_t *, enum bo_prec *);
int		 ytime(struct yctx *, const yaml_node_t *, struct rtime *);

#endif /* BO_RULE_YAML_H */
