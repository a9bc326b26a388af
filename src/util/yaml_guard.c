#include "config.h"

#include <string.h>

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

int
yaml_load_guarded(FILE *f, yaml_document_t *doc, struct yaml_failure *why)
{
	yaml_parser_t parser;
	int alias, rc = 0;

	memset(why, 0, sizeof(*why));
	if ((alias = yaml_find_alias(f, &why->line, &why->col)) != 0) {
		why->what = alias > 0 ? YAML_FAIL_ALIAS : YAML_FAIL_REWIND;
		if (alias < 0)
			why->line = why->col = 0;
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, doc)) {
		why->what = YAML_FAIL_SYNTAX;
		why->line = (unsigned long)parser.problem_mark.line + 1;
		why->col = (unsigned long)parser.problem_mark.column + 1;
		snprintf(why->msg, sizeof(why->msg), "YAML: %s%s%s",
		    parser.problem ? parser.problem : "syntax error",
		    parser.context ? " " : "",
		    parser.context ? parser.context : "");
		rc = -1;
	}
	yaml_parser_delete(&parser);
	return rc;
}
