// SPDX-License-Identifier: GPL-3.0-or-later
/* gettext shorthands used by every module that shows text to people. */
#ifndef FD_CORE_I18N_H
#define FD_CORE_I18N_H

#include <libintl.h>
#include <locale.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
