/*
 * The rule set (YAML rules, see blackout-rules(5)): loading, validation,
 * and what the rules decoder needs to route and normalize members.
 */
#ifndef BO_RULES_H
#define BO_RULES_H

#include <stddef.h>

#include <blackout/diag.h>

struct bo_rules;
struct bo_rule;

struct bo_rules	*bo_rules_new(struct bo_diag *);
void		 bo_rules_free(struct bo_rules *);
/* A file, or a directory of *.yaml read in sorted order.  0, or -1 when a
 * rule failed to load (reported as file:line:column). */
int		 bo_rules_load(struct bo_rules *, const char *path);
size_t		 bo_rules_count(const struct bo_rules *);
/* id, version and file of the i-th rule, for the methods section. */
void		 bo_rules_info(const struct bo_rules *, size_t i,
		    const char **id, const char **version, const char **file);
const char	*bo_rule_id(const struct bo_rule *);

#endif /* BO_RULES_H */
