/*
 * The rule set (YAML rules, see blackout-rules(5)): loading, validation,
 * and what the rules decoder needs to route and normalize members.
 *
 * Ownership: the set owns its rules; pointers into it stay valid until
 * bo_rules_free().
 */
#ifndef BO_RULES_H
#define BO_RULES_H

#include <stddef.h>
#include <stdint.h>

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
const struct bo_rule *bo_rules_at(const struct bo_rules *, size_t i);
const char	*bo_rule_id(const struct bo_rule *);
/* Title, framing ("lines", "json", ...; "classifier") and counts for
 * `rules list`. */
const char	*bo_rule_title(const struct bo_rule *);
const char	*bo_rule_kind(const struct bo_rule *);
size_t		 bo_rule_npatterns(const struct bo_rule *);
size_t		 bo_rule_nsamples(const struct bo_rule *);
/*
 * Runs the samples the rule carries against it (with the set's
 * classifiers).  Returns the number of mismatches; *report (malloc'd, to
 * free) holds one "file:line:column: ..." line per mismatch.
 */
size_t		 bo_rule_test(struct bo_rules *, const struct bo_rule *,
		    char **report);

/*
 * Times read by rules outside [lo_us, hi_us) are refused with a warning
 * (default 1970-01-01 to 2100-01-01).  Set before decoding starts.
 */
void		 bo_rules_valid_time(int64_t lo_us, int64_t hi_us);

#endif /* BO_RULES_H */
