#include "config.h"

#include <yaml.h>

#include "util/yaml_guard.h"

int
yaml_find_alias(FILE *f, unsigned long *line, unsigned long *col)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	long start = ftell(f);
	int found = 0, done = 0;

	if (start < 0)
		return -1;
	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_file(&parser, f);
	while (!done && !found) {
		if (!yaml_parser_parse(&parser, &ev))
			break;
		if (ev.type == YAML_ALIAS_EVENT) {
			found = 1;
			*line = (unsigned long)ev.start_mark.line + 1;
			*col = (unsigned long)ev.start_mark.column + 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	clearerr(f);
	if (fseek(f, start, SEEK_SET) != 0)
		return -1;
	return found;
}
