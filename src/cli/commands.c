// SPDX-License-Identifier: GPL-3.0-or-later
/* The command table: each command's name, its synopsis and its one line
 * of help. main.c dispatches through it; help and a usage error print
 * from it, so a command's arguments are written down once. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"

static int cmd_help(struct cli *cli, int argc, char **argv);

static const struct cli_command commands[] = {
    {"init", cmd_init, "--property NAME --currency CODE --timezone ZONE [--date D]",
     N_("create an empty hotel")},
    {"demo", cmd_demo, "[--seed N] [--date D]", N_("create the demo hotel")},
    {"rooms", cmd_rooms, "", N_("list rooms with their housekeeping state")},
    {"types", cmd_types, "", N_("list room types")},
    {"board", cmd_board, "[--from D] [--days N]", N_("room board: rooms by dates")},
    {"bookings", cmd_bookings, "[--from D] [--to D]", N_("bookings staying in a date range")},
    {"arrivals", cmd_arrivals, "[--date D]", N_("reserved bookings arriving on the business date")},
    {"departures", cmd_departures, "[--date D]", N_("in-house bookings due out")},
    {"inhouse", cmd_inhouse, "", N_("bookings checked in")},
    {"find", cmd_find, "TEXT", N_("find bookings by guest name, code, room, phone or e-mail")},
    {"show", cmd_show, "CODE", N_("one booking in full, with its history")},
    {"avail", cmd_avail, "[--from D] [--days N]", N_("free rooms per room type and night")},
    {"book", cmd_book,
     "--guest NAME|ID (--type CODE | --room NUM) --arrive D --depart D [--adults N] [--children N] [--rate "
     "AMOUNT [--rate-reason TEXT]] [--notes TEXT] [--eta HH:MM] [--source CHANNEL] [--email E] [--phone P] "
     "[--new-guest] [--language L] [--plan CODE [--override-reason TEXT] [--company NAME]] [--block NAME]",
     N_("make a booking; prints its confirmation code")},
    {"modify", cmd_modify,
     "CODE [--arrive D] [--depart D] [--type CODE [--take-rate|--keep-rate]] [--adults N] [--children N] "
     "[--rate AMOUNT] [--rate-reason TEXT] [--notes TEXT] [--source CHANNEL] [--override-reason TEXT] "
     "[--company NAME|--no-company]",
     N_("change a booking")},
    {"assign", cmd_assign, "CODE ROOM", N_("assign a room to a booking")},
    {"move", cmd_move, "CODE ROOM", N_("move a booking (or an in-house guest) to another room")},
    {"checkin", cmd_checkin, "CODE [--room NUM] [--late]", N_("check a guest in")},
    {"checkout", cmd_checkout, "CODE [--early]", N_("check a guest out; the room becomes dirty")},
    {"cancel", cmd_cancel, "CODE [--deposit keep|refund|account]",
     N_("cancel a reserved booking (and say what happens to its deposit)")},
    {"noshow", cmd_noshow, "CODE", N_("mark a booking as a no-show")},
    {"hk", cmd_hk, "ROOM dirty|pickup|clean|inspected [--occupied|--vacant]",
     N_("set a room's cleaning status")},
    {"ooo", cmd_ooo, "ROOM --from D --to D --reason TEXT", N_("put a room out of order (out of inventory)")},
    {"oos", cmd_oos, "ROOM --from D --to D --reason TEXT", N_("put a room out of service (still sellable)")},
    {"rtn", cmd_rtn, "ROOM", N_("return a room to service")},
    {"guest", cmd_guest,
     "find TEXT | show ID | update ID [--email E] [--phone P] [--document N] [...] | merge KEEP DUPLICATE | "
     "erase ID",
     N_("guest profiles: find, show, update, merge two into one (manager), erase (GDPR, manager)")},
    {"staff", cmd_staff,
     "add USER --name NAME --role ROLE --dept DEPT | update USER [--dept DEPT] [--role ROLE] | list",
     N_("staff members")},
    {"invoice", cmd_invoice,
     "CODE [--final [--series S]] [--folio ID] | SERIES-N [--pdf FILE | --text | --email [ADDR]] [--width N]",
     N_("the guest's bill; --final issues the numbered invoice; SERIES-N prints a copy")},
    {"credit-note", cmd_credit_note, "SERIES-N --reason TEXT [--pdf FILE | --text]",
     N_("cancel an issued invoice with a numbered credit note")},
    {"regcard", cmd_regcard, "CODE [--pdf FILE | --text]", N_("the registration card to sign at check-in")},
    {"confirmation", cmd_confirmation, "CODE [--pdf FILE | --text | --email [ADDR]]",
     N_("the booking confirmation")},
    {"send-link", cmd_send_link, "CODE [--to ADDR]",
     N_("mail the guest a new link to their own booking page (view, change, cancel)")},
    {"mail", cmd_mail, "[status] [CODE]", N_("documents sent by e-mail and whether they went")},
    {"outage-pack", cmd_outage_pack, "DIR",
     N_("arrivals, departures, in house, room status and housekeeping as text and PDF")},
    {"property", cmd_property,
     "[--legal-name T] [--address T] [--tax-id T] [--footer T] [--cancel-terms T] [--language L]",
     N_("the hotel's details its documents carry")},
    {"folio", cmd_folio, "CODE [--add NAME] [--company NAME] [--route-room]",
     N_("show a booking's folios (bill), or open another folio")},
    {"post", cmd_post, "CODE CHARGE AMOUNT [--qty N] [--desc TEXT] [--folio ID]",
     N_("post a charge (gross, VAT included)")},
    {"pay", cmd_pay, "CODE METHOD AMOUNT [--ref R --last4 NNNN]",
     N_("take a payment: cash, card or bank_transfer")},
    {"refund", cmd_refund, "CODE METHOD AMOUNT --reason TEXT [--payment LINE] [--ref R --last4 NNNN]",
     N_("give back (part of) a payment taken in the same tender")},
    {"paid-out", cmd_paid_out, "CODE AMOUNT --reason TEXT [--method cash|card|bank_transfer] [--folio ID]",
     N_("pay out money the desk never took, charged to the folio (manager)")},
    {"void", cmd_void, "LINE --reason TEXT", N_("void a folio line (a new line; nothing is deleted)")},
    {"moveline", cmd_moveline, "LINE FOLIO", N_("move a folio line to another folio")},
    {"settle", cmd_settle, "CODE [--company NAME]",
     N_("direct bill: settle the balance to a company account (manager)")},
    {"company", cmd_company,
     "add NAME [--agent] [--address A] [--vat V] [--contact C] [--credit-limit AMOUNT] [--direct-bill] | "
     "update NAME [...] [--no-direct-bill] | list",
     N_("company and travel agent accounts (the city ledger; manager)")},
    {"block", cmd_block,
     "add NAME --type T --rooms N --from D --to D [--cutoff D] [--plan CODE] [--company NAME] [--master "
     "CODE] "
     "| show NAME | import NAME FILE [--separator S] | list",
     N_("group blocks (allotments): rooms held for a group until the cut-off")},
    {"feed", cmd_feed, "[--from D] [--to D] [--plan CODE] [--format json|csv|ota | --csv | --ota]",
     N_("availability, prices and restrictions per plan, type and date for a channel manager")},
    {"deposits", cmd_deposits, "[--days N]",
     N_("deposits due in the next N days (7) and overdue ones, by the deposit policy")},
    {"charges", cmd_charges, "[set CODE --name NAME --vat BASIS-POINTS [--room]]",
     N_("charge codes and their VAT")},
    {"settings", cmd_settings,
     "[--refund-threshold AMOUNT] [--noshow-auto yes|no] [--ooo-available yes|no] [--desk-departments LIST] "
     "[--require-document yes|no] [--rate-discount-max PCT] [--cancel-policy P] [--noshow-policy P] "
     "[--deposit-policy P]",
     N_("folio and report settings")},
    {"audit", cmd_audit, "[--date D]", N_("night audit: close the business date (manager)")},
    {"report", cmd_report,
     "summary|daily|forecast|hk-productivity|cashier|ar [--from D] [--to D] [--days N] [--user U] "
     "[--csv|--json]",
     N_("front-office figures: occupancy, ADR, RevPAR, ...")},
    {"import", cmd_import, "bookings FILE [--hotel NAME] [--skip-bad-rows] [--separator S]",
     N_("import bookings from CSV (history; all or nothing)")},
    {"export", cmd_export, "bookings FILE [--from D --to D] [--separator S]",
     N_("export bookings as CSV, in the layout 'import' reads")},
    {"ical", cmd_ical,
     "export (--type CODE | --room NUM) [--from D --to D] | import FILE --room NUM [--source NAME]",
     N_("iCalendar availability feed out; an OTA's feed in as room blocks")},
    {"type", cmd_type, "add CODE --name NAME --max N --rate AMOUNT [--rank N]", N_("add a room type")},
    {"plan", cmd_plan,
     "add CODE --name TEXT [--types T,T] [--parent CODE --adjust -10%] [--includes breakfast=AMOUNT] "
     "[--cancel POLICY] [--deposit POLICY] [--kind public|corporate|hidden] [--company NAME] | "
     "update CODE [--name T] [--cancel P] [--deposit P] [--includes I] [--types T,T] [--stop|--sell] | list",
     N_("rate plans (manager)")},
    {"rates", cmd_rates,
     "set PLAN TYPE --from D --to D [AMOUNT|+AMOUNT] [--days fri,sat] [--adults N] [--child A] "
     "[--extra-bed A] | show PLAN --from D --to D [--type T] | "
     "quote PLAN TYPE --arrive D --depart D [--adults N] [--children N]",
     N_("prices per room type and night (dates included); a stay's price")},
    {"restrict", cmd_restrict,
     "PLAN TYPE --from D --to D [--days fri,sat] [--min-stay N] [--max-stay N] [--min-stay-through N] "
     "[--cta] [--ctd] [--stop-sell] [--clear]",
     N_("restrictions of a rate plan per room type and night (manager)")},
    {"room", cmd_room, "add NUMBER --type CODE --floor N [--section S]", N_("add a room")},
    {"enroll", cmd_enroll, "URL CODE [--name DESK-1]", N_("enroll this terminal with a frontdeskd server")},
    {"login", cmd_login, "USER [--password-file F]",
     N_("sign in (offline too, if you signed in here lately)")},
    {"logout", cmd_logout, "", N_("sign out")},
    {"sync", cmd_sync, "[--once|--follow [--pack-every S]] [--batch N] [--page N] [--wait S]",
     N_("exchange changes with the server")},
    {"sync-status", cmd_sync_status, "", N_("server, cursor, pending and rejected operations")},
    {"conflicts", cmd_conflicts, "[--all]", N_("operations the server refused, to resolve")},
    {"resolve", cmd_resolve, "NOTICE (--room NUM | --accept)", N_("resolve a conflict notice everywhere")},
    {"op", cmd_op, "TYPE PAYLOAD-JSON | --batch FILE", N_("apply operations given as JSON")},
    {"dump", cmd_dump, "", N_("every entity as canonical JSON (for comparing terminals)")},
    {"check", cmd_check, "", N_("verify the audit log's hash chain; names the first broken row")},
    {"help", cmd_help, "[COMMAND]", N_("this list, or one command's arguments")},
};

#define N_COMMANDS (sizeof commands / sizeof *commands)

const struct cli_command *cli_command_find(const char *name, size_t len)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strlen(commands[i].name) == len && strncmp(commands[i].name, name, len) == 0)
			return &commands[i];
	return NULL;
}

void cli_commands_print(FILE *out, const char *prog)
{
	fprintf(out, _("Usage: %s [--data DIR] [--json] [--as USER [--password-file F]] COMMAND [ARGS]\n\n"),
	        prog);
	fprintf(out, _("       %s [--data DIR] [--demo]   (the terminal application)\n\n"), prog);
	fprintf(out, _("Commands:\n"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-11s %s\n", commands[i].name, _(commands[i].help));
	fprintf(out, _("\nThe hotel's data lives in DIR (default $XDG_DATA_HOME/frontdesk).\n"));
	fprintf(out,
	        _("'%s help COMMAND' shows a command's arguments;\n"
	          "the manual page frontdesk(1) describes them all.\n"),
	        prog);
}

/* A synopsis runs to 300 characters: text is broken between words so that
 * it reads in an 80-column terminal, continued indented. col is where the
 * text starts; a word goes after a space. */
enum { WRAP_WIDTH = 79 };

static void wrap(FILE *out, int col, const char *text, int indent)
{
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (len == 0)
			break;
		if (col + 1 + (int)len > WRAP_WIDTH && col > indent)
			col = fprintf(out, "\n%*s", indent, "") - 1;
		col += fprintf(out, " %.*s", (int)len, p);
		p += len;
	}
	fputc('\n', out);
}

void cli_command_usage(FILE *out, const char *prog, const struct cli_command *cmd)
{
	wrap(out, fprintf(out, _("Usage: %s %s"), prog, cmd->name), cmd->args, 8);
}

static int cmd_help(struct cli *cli, int argc, char **argv)
{
	if (argc == 0) {
		cli_commands_print(stdout, cli->prog);
		return CLI_OK;
	}
	/* "help plan add" shows plan's synopsis, which holds add's. */
	const struct cli_command *cmd = cli_command_find(argv[0], strlen(argv[0]));
	if (!cmd) {
		fprintf(stderr, _("frontdesk: unknown command '%s' (see 'frontdesk help')\n"), argv[0]);
		return CLI_USAGE;
	}
	cli_command_usage(stdout, cli->prog, cmd);
	fputs("\n ", stdout);
	wrap(stdout, 1, _(cmd->help), 1);
	putchar('\n');
	printf(_("The manual page frontdesk(1) describes every argument.\n"));
	return CLI_OK;
}
