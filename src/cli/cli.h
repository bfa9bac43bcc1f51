// SPDX-License-Identifier: GPL-3.0-or-later
/* The frontdesk command line: shared state and helpers of the cmd_*.c files. */
#ifndef FD_CLI_CLI_H
#define FD_CLI_CLI_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"
#include "core/op.h"
#include "session/session.h"
#include "store/db.h"

/* Exit statuses: documented in frontdesk(1). */
enum cli_exit {
	CLI_OK = 0,
	CLI_REFUSED = 1, /* a rule or bad input refused the command; nothing changed */
	CLI_USAGE = 2,   /* the command line itself is wrong */
	CLI_FAILED = 3,  /* storage or system failure */
};

struct cli {
	const char *data_dir;      /* borrowed */
	const char *as_user;       /* --as / FRONTDESK_USER (borrowed), NULL = none */
	struct fd_session session; /* opened by cli_open: who acts, enrolment */
	struct fd_db *db;          /* borrowed from session while it is open */
	bool json;
	const char *prog;
	const char *password_file; /* --password-file: the --as user's password (borrowed) */
};

/* A password from file (first line) or typed without echo on the terminal. */
bool cli_read_password(struct cli *cli, const char *file, char *out, size_t size);
/* The --as user proved who they are (asks for their password when needed);
 * false: refused and reported. */
bool cli_prove_actor(struct cli *cli);

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *args; /* synopsis of the arguments */
	const char *help; /* one line, translated at print time */
};

/* The command table (commands.c): the command called name (len bytes of
 * it), or NULL. */
const struct cli_command *cli_command_find(const char *name, size_t len);
/* The list of commands ("frontdesk help"). */
void cli_commands_print(FILE *out, const char *prog);
/* "Usage: frontdesk CMD ARGS", broken to fit 80 columns. */
void cli_command_usage(FILE *out, const char *prog, const struct cli_command *cmd);

/* Open the session (creating the data directory when create is set). */
int cli_open(struct cli *cli, bool create);
/* Close it (cli_open may open it again). */
void cli_close(struct cli *cli);
/* Report err on stderr ("frontdesk: message") and return the exit status. */
int cli_error(struct cli *cli, const struct fd_error *err);
/* The command line is wrong: "frontdesk CMD: message" and the command's
 * synopsis on stderr; returns CLI_USAGE. */
int cli_usage_error(struct cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Its shape is right but a value is not (a date, a number, an amount):
 * the message alone, which says what the value must be. */
int cli_value_error(struct cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Apply operations in one transaction through the session (see
 * fd_session_apply); prints warnings, reports a refusal. */
int cli_apply(struct cli *cli, struct fd_op *ops, int n, struct fd_op_result *results);
/* Print a JSON document (and free it). */
void cli_print_json(cJSON *doc);
/* The --json answer of one applied operation, the same for every command:
 * {"entity", "id"} and "warning" when it has one (cli_apply writes the
 * warning to stderr only without --json). */
void cli_print_result(const struct fd_op_result *res);
/* Applies one operation and says so: under --json cli_print_result, else
 * done_fmt (one of our own N_() literals with one %s) with subject. */
int cli_apply_said(struct cli *cli, struct fd_op *op, const char *done_fmt, const char *subject);
/* Parse a date argument or print why it is wrong. */
bool cli_date(struct cli *cli, const char *cmd, const char *opt, const char *text, fd_date *out);
bool cli_int(struct cli *cli, const char *cmd, const char *opt, const char *text, int min, int max, int *out);
fd_date cli_today(struct cli *cli);
/* A guest's name as typed ("Family, Given" or a family name alone,
 * fd_guest_name_split) into a guest operation's payload. */
void cli_add_guest_name(cJSON *payload, const char *name);
/* The hotel's currency code (EUR before a hotel exists); returns out. */
const char *cli_currency(struct cli *cli, char out[4]);

/* Command groups. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_rooms(struct cli *cli, int argc, char **argv);
int cmd_types(struct cli *cli, int argc, char **argv);
int cmd_board(struct cli *cli, int argc, char **argv);
int cmd_bookings(struct cli *cli, int argc, char **argv);
int cmd_arrivals(struct cli *cli, int argc, char **argv);
int cmd_departures(struct cli *cli, int argc, char **argv);
int cmd_inhouse(struct cli *cli, int argc, char **argv);
int cmd_find(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_avail(struct cli *cli, int argc, char **argv);
int cmd_book(struct cli *cli, int argc, char **argv);
int cmd_modify(struct cli *cli, int argc, char **argv);
int cmd_assign(struct cli *cli, int argc, char **argv);
int cmd_move(struct cli *cli, int argc, char **argv);
int cmd_checkin(struct cli *cli, int argc, char **argv);
int cmd_checkout(struct cli *cli, int argc, char **argv);
int cmd_cancel(struct cli *cli, int argc, char **argv);
int cmd_noshow(struct cli *cli, int argc, char **argv);
int cmd_hk(struct cli *cli, int argc, char **argv);
int cmd_ooo(struct cli *cli, int argc, char **argv);
int cmd_oos(struct cli *cli, int argc, char **argv);
int cmd_rtn(struct cli *cli, int argc, char **argv);
int cmd_guest(struct cli *cli, int argc, char **argv);
int cmd_staff(struct cli *cli, int argc, char **argv);
/* Folios, night audit, reports, import and export (src/folio/). */
int cmd_folio(struct cli *cli, int argc, char **argv);
int cmd_post(struct cli *cli, int argc, char **argv);
int cmd_pay(struct cli *cli, int argc, char **argv);
int cmd_refund(struct cli *cli, int argc, char **argv);
int cmd_paid_out(struct cli *cli, int argc, char **argv);
int cmd_void(struct cli *cli, int argc, char **argv);
int cmd_moveline(struct cli *cli, int argc, char **argv);
int cmd_settle(struct cli *cli, int argc, char **argv);
int cmd_company(struct cli *cli, int argc, char **argv);
int cmd_block(struct cli *cli, int argc, char **argv);    /* cmd_block.c */
int cmd_deposits(struct cli *cli, int argc, char **argv); /* cmd_policy.c */
/* A booking's deposit for show CODE (cmd_policy.c): as JSON (null when it
 * owes none or is past arrival), or a line of text ("" then). */
cJSON *cli_deposit_json(struct cli *cli, const struct fd_booking_row *row);
void cli_deposit_text(struct cli *cli, const struct fd_booking_row *row, char *out, size_t size);
int cmd_feed(struct cli *cli, int argc, char **argv); /* cmd_feed.c */
int cmd_charges(struct cli *cli, int argc, char **argv);
int cmd_settings(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_ical(struct cli *cli, int argc, char **argv);
int cmd_type(struct cli *cli, int argc, char **argv);
int cmd_room(struct cli *cli, int argc, char **argv);
/* Documents (cmd_document.c). */
int cmd_invoice(struct cli *cli, int argc, char **argv);
int cmd_credit_note(struct cli *cli, int argc, char **argv);
int cmd_regcard(struct cli *cli, int argc, char **argv);
int cmd_confirmation(struct cli *cli, int argc, char **argv);
int cmd_send_link(struct cli *cli, int argc, char **argv);
int cmd_property(struct cli *cli, int argc, char **argv);
int cmd_outage_pack(struct cli *cli, int argc, char **argv);
int cmd_mail(struct cli *cli, int argc, char **argv);
/* src/sync/cmd_sync.c */
int cmd_enroll(struct cli *cli, int argc, char **argv);
int cmd_login(struct cli *cli, int argc, char **argv);
int cmd_logout(struct cli *cli, int argc, char **argv);
int cmd_sync(struct cli *cli, int argc, char **argv);
int cmd_sync_status(struct cli *cli, int argc, char **argv);
int cmd_conflicts(struct cli *cli, int argc, char **argv);
int cmd_resolve(struct cli *cli, int argc, char **argv);
int cmd_dump(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_op(struct cli *cli, int argc, char **argv);
/* Rate plans, prices and restrictions (cmd_rate.c). */
int cmd_plan(struct cli *cli, int argc, char **argv);
int cmd_rates(struct cli *cli, int argc, char **argv);
int cmd_restrict(struct cli *cli, int argc, char **argv);
/* A booking's prices per night as a JSON array (its plan into plan, "" none). */
cJSON *cli_booking_nights_json(struct cli *cli, const struct fd_booking *b, char plan[16]);

/* The option parser of every command (on src/opt, getopt_long): "--name
 * value", "--name=value" and flags, the global options too; positional
 * arguments in order ("--" ends the options). Unknown options, missing
 * values and a wrong count of positionals are usage errors (message
 * printed, naming the option). */
struct cli_opt {
	const char *name;   /* without the leading dashes */
	const char **value; /* for options taking a value */
	bool *flag;         /* for flags */
};
bool cli_parse(struct cli *cli, const char *cmd, int argc, char **argv, const struct cli_opt *opts,
               const char **pos, int min_pos, int max_pos);
/* --data, --json, --as, --password-file: taken before and after the
 * command (src/opt/opt.h tables; keys below zero). */
struct fd_optdef;
const struct fd_optdef *cli_global_options(void);
/* Set the global option key to value; false when key is not one. */
bool cli_global_option(struct cli *cli, int key, const char *value);

#endif
