// SPDX-License-Identifier: GPL-3.0-or-later
/* How the command line shows bookings and rooms: one text line, a detail
 * view, or a JSON object (store/encode.h: the same shapes as the server's,
 * documented in data/openapi.yaml; part of the scripting interface). */
#ifndef FD_CLI_RENDER_H
#define FD_CLI_RENDER_H

#include <stdio.h>

#include "cli/cli.h"
#include "store/encode.h" /* the JSON shapes: fd_booking_json, fd_room_json */
#include "store/query.h"

void cli_booking_line(FILE *out, const struct fd_booking_row *row, const char *currency);
void cli_booking_detail(FILE *out, struct cli *cli, const struct fd_booking_row *row, const char *currency);
void cli_room_line(FILE *out, const struct fd_room_row *row);
/* A guest profile on one line: id, name, e-mail, phone, country, last stay. */
void cli_guest_line(FILE *out, const struct fd_guest_row *row);
/* The audit trail of one entity, oldest first. */
cJSON *cli_history_json(struct cli *cli, const char *entity_id);
/* Status as a letter for narrow displays: R reserved, I in house, O checked
 * out, X cancelled, N no-show. */
char cli_status_letter(enum fd_booking_status s);

#endif
