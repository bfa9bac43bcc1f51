// SPDX-License-Identifier: GPL-3.0-or-later
/* The outage pack: what the desk prints when the terminal itself fails.
 * Arrivals, departures and in-house lists, room status and the
 * housekeeping queue for today and tomorrow, as text and PDF files in one
 * folder. */
#ifndef FD_DOC_PACK_H
#define FD_DOC_PACK_H

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

/* Write the pack for business date today into dir (created 0700 when
 * missing); *files counts the files written. Each file is written through
 * a temporary one, so a reader never sees half a list. */
enum fd_status fd_outage_pack_write(struct fd_db *db, const char *dir, fd_date today, int *files,
                                    struct fd_error *err);

/* Keep dir's pack up to date while the terminal runs: for
 * fd_sync_options.refresh, with dir (a string that outlives the engine) as
 * its context. Writes the pack for the hotel's business date; a failure
 * leaves the last pack in place (nobody to tell in a background thread). */
void fd_outage_pack_refresh(void *dir, struct fd_db *db);

#endif
