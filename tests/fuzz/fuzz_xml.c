/* The rules' xml decoder, reached through routing as ingest reaches
 * it (member path "feeds/news.xml", falling back to rule news-feeds). */
#include "config.h"

#include "rules_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run(data, size, "feeds/news.xml", "news-feeds");
	return 0;
}
