// SPDX-License-Identifier: GPL-3.0-or-later
/* A group's rooming list from CSV (libcsv, as src/store/import.c reads
 * bookings): one line per room, the header names the columns (any order,
 * any case; unknown columns are ignored):
 *
 *   guest      required, "Family, Given" (or one name)
 *   type       required, the room type code
 *   arrival    required, YYYY-MM-DD
 *   departure  required, YYYY-MM-DD, after the arrival
 *   adults     optional, 1 to 50 (default 1)
 *   children   optional, 0 to 50
 *   email, phone, notes   optional
 *
 * A UTF-8 byte-order mark, CRLF line ends and ';' or tab separators are
 * read. The whole file is read before anything is booked: the first bad
 * line is reported as "FILE:LINE: reason" and nothing is returned. */
#ifndef FD_STORE_ROOMING_H
#define FD_STORE_ROOMING_H

#include "core/entity.h"
#include "core/error.h"

struct fd_rooming_row {
	long line;
	char guest[FD_NAME_LEN];
	char type[FD_TYPECODE_LEN];
	char arrival[11], departure[11];
	int adults, children;
	char email[128];
	char phone[40];
	char notes[FD_NOTES_LEN];
};

/* Rows in *out (malloc'd; the caller frees it, also on error, where it is
 * NULL). separator: ',' ';' or '\t', or 0 to tell it from the header. */
enum fd_status fd_rooming_read(const char *path, char separator, struct fd_rooming_row **out, int *n,
                               struct fd_error *err);

#endif
