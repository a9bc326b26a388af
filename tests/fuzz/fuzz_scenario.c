/* bo-gen's scenario loader (libyaml document, strict key and value checks)
 * and the expansion of its events into the ground truth. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "../gen/gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario s;
	char *err = NULL;
	size_t i;

	if (scen_load_mem(&s, "fuzz.yaml", data, size, &err) != 0) {
		/* Every refusal says why. */
		if (err == NULL)
			abort();
		free(err);
		return 0;
	}
	truth_build(&s);
	for (i = 1; i < s.nchg; i++)
		if (s.chg[i].t < s.chg[i - 1].t)
			abort();
	for (i = 0; i < s.nprobe; i++)
		(void)truth_reachable(&s, s.probe[i].dst, s.from);
	scen_free(&s);
	return 0;
}
