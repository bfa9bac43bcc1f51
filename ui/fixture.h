// SPDX-License-Identifier: GPL-3.0-or-later
/* A small, deterministic hotel built through operations, for `frontdesk
 * --demo` until the demo hotel (src/demo) is available, and for the UI's
 * tests and benchmark (any number of rooms). Guest names include accented,
 * CJK, right-to-left and emoji names so layout by display width is
 * exercised. */
#ifndef FD_UI_FIXTURE_H
#define FD_UI_FIXTURE_H

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

enum fd_status ui_fixture_build(struct fd_db *db, fd_date today, int rooms, struct fd_error *err);

#endif
