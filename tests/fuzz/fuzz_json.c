/* The rules' json decoder, reached through routing as ingest reaches
 * it (member path "atlas/results.jsonl", falling back to rule ripe-atlas). */
#include "config.h"

#include "rules_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run(data, size, "atlas/results.jsonl", "ripe-atlas");
	return 0;
}
