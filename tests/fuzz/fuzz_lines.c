/* The rules' lines decoder, reached through routing as ingest reaches
 * it (member path "probes/vp-ams/ping.out", falling back to rule iputils-ping). */
#include "config.h"

#include "rules_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run(data, size, "probes/vp-ams/ping.out", "iputils-ping");
	return 0;
}
