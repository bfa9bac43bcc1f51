// SPDX-License-Identifier: GPL-3.0-or-later
/* Macros cppcheck must know to read our sources (tools/analyze gives it
 * this file with --include instead of the system headers, which it would
 * otherwise have to parse, slowly, with every configuration of theirs). */
#define cJSON_ArrayForEach(element, array)                                                                   \
	for (element = (array != NULL) ? (array)->child : NULL; element != NULL; element = element->next)
