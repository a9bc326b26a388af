/*
 * Cases and correlation: what to look at (targets, window, inputs,
 * thresholds) and the call that turns evidence into a bo_timeline.
 *
 * Ownership: a bo_case owns copies of every string given to it.  The
 * timeline returned by bo_timeline_build() belongs to the caller.
 */
#ifndef BLACKOUT_CORRELATE_H
#define BLACKOUT_CORRELATE_H

#include <stddef.h>
#include <stdint.h>

#include <blackout/blackout.h>
#include <blackout/timeline.h>

#ifdef __cplusplus
extern "C" {
#endif

struct bo_case;

struct bo_case	*bo_case_new(void);
void		 bo_case_free(struct bo_case *);
/*
 * Loads a case file (YAML: title, targets, window, inputs relative to the
 * case file, thresholds, display time zone).  Errors are reported with
 * file:line:column.  0 or -1.
 */
int		 bo_case_load(struct bo_case *, const char *path,
		    struct bo_diag *) __attribute__((warn_unused_result));
void		 bo_case_set_title(struct bo_case *, const char *);
/* "AS131279", "175.45.176.0/22", or a group name defined by the case. */
int		 bo_case_add_target(struct bo_case *, const char *)
		    __attribute__((warn_unused_result));
void		 bo_case_set_window(struct bo_case *, int64_t from_us,
		    int64_t to_us);
/* The window's bounds; INT64_MIN / INT64_MAX where open. */
void		 bo_case_window(const struct bo_case *, int64_t *from_us,
		    int64_t *to_us);
void		 bo_case_set_tz(struct bo_case *, const char *);
void		 bo_case_add_input(struct bo_case *, const char *);
/* An input whose MRT comes from the named collector (NULL: from the
 * path, as bo_case_add_input). */
void		 bo_case_add_input_collector(struct bo_case *, const char *path,
		    const char *collector);
/* Sets a threshold by name ("visibility_threshold", "min_outage_s"...);
 * -1 for an unknown name or a bad value. */
int		 bo_case_set_param(struct bo_case *, const char *name,
		    const char *value) __attribute__((warn_unused_result));
size_t		 bo_case_ninputs(const struct bo_case *);
const char	*bo_case_input(const struct bo_case *, size_t);
const char	*bo_case_tz(const struct bo_case *);

/*
 * Reads the case's inputs through ctx (rules already loaded), correlates,
 * and returns the finished timeline in *out.  0, or -1 on a fatal error.
 */
int		 bo_timeline_build(struct bo_ctx *, struct bo_case *,
		    struct bo_timeline **out) __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif

#endif /* BLACKOUT_CORRELATE_H */
