// SPDX-License-Identifier: GPL-3.0-or-later
/* Guest names for the demo hotel: families and given names per culture, in
 * their own scripts (Latin with accents, Cyrillic, Greek, CJK, Arabic), each
 * with a plain ASCII spelling for e-mail addresses. */
#ifndef FD_DEMO_NAMES_H
#define FD_DEMO_NAMES_H

#include <stdbool.h>

struct demo_name {
	const char *native;   /* as the guest writes it */
	const char *ascii;    /* for e-mail addresses */
	const char *native_f; /* feminine form of a family name, or NULL */
	const char *ascii_f;
};

struct demo_given {
	const char *native;
	const char *ascii;
	bool female;
};

struct demo_culture {
	const char *countries[5]; /* ISO 3166-1 alpha-2, NULL-terminated */
	const char *phone_cc;     /* calling code without '+' */
	int weight;               /* relative share of guests */
	const struct demo_name *families;
	int n_families;
	const struct demo_given *givens;
	int n_givens;
};

/* All cultures; *n receives their number. */
const struct demo_culture *demo_cultures(int *n);

#endif
