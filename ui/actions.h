// SPDX-License-Identifier: GPL-3.0-or-later
/* Booking and room actions shared by the panes: each builds one operation,
 * applies it and says what happened on the message line. The _ask variants
 * ask for confirmation first. */
#ifndef FD_UI_ACTIONS_H
#define FD_UI_ACTIONS_H

#include "core/document.h"
#include "store/query.h"
#include "ui/app.h"

/* req: UI_REQ_CHECK_IN, CHECK_OUT, CANCEL, NO_SHOW, MOVE_ROOM, EXTEND.
 * The operation is judged first (fd_session_check): what would be refused
 * is refused at once, and only what would be accepted is asked. */
void ui_booking_ask(struct app *app, enum ui_req req, const char *code);
/* Set a room's cleaning status ("dirty", "pickup", "clean", "inspected"). */
void ui_room_clean(struct app *app, const char *room, const char *status);
void ui_room_dnd(struct app *app, const char *room, bool on);
/* Out of order / out of service: asks the reason, the first day and the end. */
void ui_room_ooo_ask(struct app *app, const char *room);
void ui_room_oos_ask(struct app *app, const char *room);
void ui_room_mur(struct app *app, const char *room, bool on);
/* What housekeeping found: the room occupied or vacant (the discrepancy list's input). */
void ui_room_found(struct app *app, const struct fd_room *room, bool occupied);
void ui_room_return(struct app *app, const char *room);
/* Ask for an attendant and create today's cleaning task for the room. */
void ui_room_assign_ask(struct app *app, const char *room);
void ui_staff_shift(struct app *app, const char *username, bool on);
/* Ask for a manager (or anyone with the rights) to sign in over the desk
 * session for one action: their user name (managers offered), their
 * password, then fn(app, arg) runs with them acting (fd_session_over_*),
 * and the desk's user acts again after it. why says what needs them. */
void ui_over_ask(struct app *app, const char *why, ui_confirm_fn fn, const char *arg);
/* Ask which document of the booking to save as PDF (first offered: first),
 * and where; then print it when this desk has a printer. folio_id: the
 * bill's folio ("" for the guest's). */
void ui_document_ask(struct app *app, const char *code, const char *folio_id, enum fd_doc_kind first);
/* Read "printer NAME" and "print-command COMMAND" from the config file
 * into app; false with a message on a bad line. */
bool ui_document_load_config(const char *path, struct app *app, char *msg, size_t size);
/* A booking's status as the desk says it ("in house"), translated. */
const char *ui_booking_status_text(enum fd_booking_status s);

#endif
