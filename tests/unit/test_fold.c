// SPDX-License-Identifier: GPL-3.0-or-later
/* Search folding's ASCII fast path (issue 18): fd_fold and fd_fold_words
 * give, for every input, what the general path (utf8proc for all text)
 * gives: every ASCII character alone and among letters, random ASCII
 * text, names with accents, strokes, ligatures, other scripts, emoji and
 * invalid UTF-8, and every output size that truncates them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "store/fold.h"

/* Both functions against their general path, at every size up to the
 * whole text and beyond. */
static void same_as_general(const char *text)
{
	char fast[256], general[256];
	size_t len = strlen(text);
	for (size_t size = 1; size <= len + 2 && size <= sizeof fast; size++) {
		fd_fold(text, fast, size);
		fd_fold_general(text, general, size);
		if (strcmp(fast, general) != 0)
			fail_msg("fd_fold(\"%s\", %zu): \"%s\", general \"%s\"", text, size, fast, general);
		fd_fold_words(text, fast, size);
		fd_fold_words_general(text, general, size);
		if (strcmp(fast, general) != 0)
			fail_msg("fd_fold_words(\"%s\", %zu): \"%s\", general \"%s\"", text, size, fast,
			         general);
	}
}

static void test_every_ascii_character(void **state)
{
	(void)state;
	for (int c = 1; c < 128; c++) {
		char alone[2] = {(char)c, '\0'}, among[8];
		snprintf(among, sizeof among, "Ab%cCd", c);
		same_as_general(alone);
		same_as_general(among);
		snprintf(among, sizeof among, "%c x%c%c", c, c, c);
		same_as_general(among);
	}
}

static void test_random_ascii(void **state)
{
	(void)state;
	uint32_t seed = 18;
	char text[40];
	for (int i = 0; i < 2000; i++) {
		size_t n = 0;
		for (; n + 1 < sizeof text; n++) {
			seed = seed * 1103515245u + 12345u;
			text[n] = (char)(1 + (seed >> 16) % 127);
		}
		text[n] = '\0';
		same_as_general(text);
	}
}

static void test_names(void **state)
{
	(void)state;
	static const char *const names[] = {
	    "Müller",
	    "MULLER",
	    "García, José",
	    "O'Connor",
	    "O’Brien-Smith",
	    "Ødegaard",
	    "ŁUKASZ Ćwik",
	    "Æbelø",
	    "Œuvre",
	    "Þór",
	    "Παπαδόπουλος",
	    "İstanbul",
	    "straße STRASSE",
	    "李小龍",
	    "שלום",
	    "Ｆｕｌｌｗｉｄｔｈ",
	    "ﬁne ligature",
	    "soft\xc2\xadhyphen",
	    "emoji 😀 x",
	    "bad \xff byte",
	    "cut \xc3",
	    "guest@Example.COM",
	    "  %  _ ",
	    "Guest99999",
	    "",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		same_as_general(names[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_ascii_character),
	    cmocka_unit_test(test_random_ascii),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
