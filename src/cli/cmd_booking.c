// SPDX-License-Identifier: GPL-3.0-or-later
/* Commands that change bookings: each builds operations and applies them in
 * one transaction, so a refusal leaves the database as it was. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"

static bool add_rate(struct cli *cli, const char *cmd, cJSON *payload, const char *rate)
{
	char cur[4];
	int64_t minor;
	struct fd_error err = {0};
	if (fd_money_parse(rate, cli_currency(cli, cur), &minor, &err)) {
		cli_value_error(cli, cmd, "--rate: %s", err.message);
		return false;
	}
	cJSON_AddNumberToObject(payload, "rate", (double)minor);
	return true;
}

static bool add_count(struct cli *cli, const char *cmd, cJSON *payload, const char *key, const char *text)
{
	int n;
	char opt[32];
	snprintf(opt, sizeof opt, "--%s", key);
	if (!cli_int(cli, cmd, opt, text, 0, 50, &n))
		return false;
	cJSON_AddNumberToObject(payload, key, n);
	return true;
}

static int print_code(struct cli *cli, const struct fd_op_result *res)
{
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "code", res->code);
		cJSON_AddStringToObject(doc, "id", res->id);
		cli_print_json(doc);
	} else {
		printf("%s\n", res->code);
	}
	return CLI_OK;
}

static bool room_type_of(struct cli *cli, const char *room, char type[FD_TYPECODE_LEN])
{
	struct fd_room r;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (repo->get_room(repo->ctx, room, &r, NULL) != FD_OK)
		return false;
	memcpy(type, r.type_code, FD_TYPECODE_LEN);
	return true;
}

/* A guest's id (a UUID) rather than a name. */
static bool is_guest_id(const char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

struct same_name {
	struct fd_guest_row rows[5];
	int n;
};

static bool add_same(void *ctx, const struct fd_guest_row *row)
{
	struct same_name *s = ctx;
	if (s->n < 5)
		s->rows[s->n] = *row;
	s->n++;
	return true;
}

/* A new guest whose name is exactly that of a profile on file (case and
 * accents aside) is most often that guest again: refuse, naming the
 * profiles and how to book for one, unless --new-guest says it is another
 * person of the same name. */
static int refuse_same_name(struct cli *cli, cJSON *guest_payload)
{
	const cJSON *family = cJSON_GetObjectItemCaseSensitive(guest_payload, "family");
	const cJSON *given = cJSON_GetObjectItemCaseSensitive(guest_payload, "given");
	struct same_name same = {.n = 0};
	struct fd_error err = {0};
	if (fd_query_same_name(cli->db, cJSON_IsString(family) ? family->valuestring : "",
	                       cJSON_IsString(given) ? given->valuestring : "", add_same, &same, &err))
		return cli_error(cli, &err);
	if (same.n == 0)
		return CLI_OK;
	char name[2 * FD_NAME_LEN + 2];
	fd_guest_display_name(&same.rows[0].g, name, sizeof name);
	fprintf(stderr,
	        ngettext("%s: %d guest named %s is already on file:\n",
	                 "%s: %d guests named %s are already on file:\n", (unsigned long)same.n),
	        cli->prog, same.n, name);
	for (int i = 0; i < same.n && i < 5; i++) {
		fputs("  ", stderr);
		cli_guest_line(stderr, &same.rows[i]);
	}
	fprintf(stderr, "%s\n",
	        _("Book for that guest with --guest ID, or add --new-guest if this is another person of "
	          "the same name."));
	return CLI_REFUSED;
}

int cmd_book(struct cli *cli, int argc, char **argv)
{
	const char *guest = NULL, *type = NULL, *room = NULL, *arrive = NULL, *depart = NULL;
	const char *adults = NULL, *children = NULL, *rate = NULL, *notes = NULL, *eta = NULL, *source = NULL;
	const char *email = NULL, *phone = NULL, *rate_reason = NULL, *language = NULL;
	const char *block = NULL;
	const char *plan = NULL, *override_reason = NULL;
	const char *company = NULL;
	bool new_guest = false;
	const struct cli_opt opts[] = {{"guest", &guest, NULL},
	                               {"type", &type, NULL},
	                               {"room", &room, NULL},
	                               {"arrive", &arrive, NULL},
	                               {"depart", &depart, NULL},
	                               {"adults", &adults, NULL},
	                               {"children", &children, NULL},
	                               {"rate", &rate, NULL},
	                               {"notes", &notes, NULL},
	                               {"eta", &eta, NULL},
	                               {"source", &source, NULL},
	                               {"email", &email, NULL},
	                               {"phone", &phone, NULL},
	                               {"new-guest", NULL, &new_guest},
	                               {"rate-reason", &rate_reason, NULL},
	                               {"language", &language, NULL},
	                               {"block", &block, NULL},
	                               {"plan", &plan, NULL},
	                               {"company", &company, NULL},
	                               {"override-reason", &override_reason, NULL},
	                               {0}};
	if (!cli_parse(cli, "book", argc, argv, opts, NULL, 0, 0))
		return CLI_USAGE;
	if (!guest || !guest[0] || !arrive || !depart || (!type && !room))
		return cli_usage_error(cli, "book",
		                       _("--guest, --arrive, --depart and --type or --room are required"));
	fd_date a, d;
	if (!cli_date(cli, "book", "--arrive", arrive, &a) || !cli_date(cli, "book", "--depart", depart, &d))
		return CLI_USAGE;
	bool existing = is_guest_id(guest);
	if (existing && (email || phone || new_guest))
		return cli_usage_error(cli, "book",
		                       _("--guest names a guest on file: change their e-mail or phone with "
		                         "'guest update', and leave out --new-guest"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char room_type[FD_TYPECODE_LEN];
	if (room && !type) {
		if (!room_type_of(cli, room, room_type)) {
			struct fd_error err;
			fd_fail(&err, FD_E_NOT_FOUND, "room_not_found", "room", _("No room \"%s\"."), room);
			return cli_error(cli, &err);
		}
		type = room_type;
	}
	/* A channel as hotels write it ("Booking.com", "e-mail") becomes its
	 * name; anything else goes as typed, for core to refuse. */
	enum fd_channel channel;
	if (source && fd_channel_from_text(source, &channel))
		source = fd_channel_name(channel);
	struct fd_op ops[3];
	struct fd_op_result res[3];
	char guest_id[FD_ID_LEN], booking_id[FD_ID_LEN], code[FD_CODE_LEN];
	fd_session_op(&cli->session, &ops[0], "guest.create");
	if (existing)
		snprintf(guest_id, sizeof guest_id, "%s", guest);
	else
		fd_uuid_new(guest_id);
	cJSON_AddStringToObject(ops[0].payload, "id", guest_id);
	cli_add_guest_name(ops[0].payload, guest);
	if (email)
		cJSON_AddStringToObject(ops[0].payload, "email", email);
	if (phone)
		cJSON_AddStringToObject(ops[0].payload, "phone", phone);
	if (language)
		cJSON_AddStringToObject(ops[0].payload, "language", language);
	fd_session_op(&cli->session, &ops[1], "booking.create");
	cJSON *p = ops[1].payload;
	cJSON_AddStringToObject(p, "id", fd_uuid_new(booking_id));
	cJSON_AddStringToObject(p, "code", fd_store_new_booking_code(cli->db, code));
	cJSON_AddStringToObject(p, "guest_id", guest_id);
	cJSON_AddStringToObject(p, "type", type);
	cJSON_AddStringToObject(p, "arrival", arrive);
	cJSON_AddStringToObject(p, "departure", depart);
	if (notes)
		cJSON_AddStringToObject(p, "notes", notes);
	if (eta)
		cJSON_AddStringToObject(p, "eta", eta);
	if (rate_reason)
		cJSON_AddStringToObject(p, "rate_reason", rate_reason);
	if (plan)
		cJSON_AddStringToObject(p, "plan", plan);
	if (company)
		cJSON_AddStringToObject(p, "company", company);
	if (override_reason)
		cJSON_AddStringToObject(p, "override_reason", override_reason);
	/* Without --source, core decides: a walk-in when the guest arrives
	 * today, otherwise phone (fd_channel_default). */
	if (source)
		cJSON_AddStringToObject(p, "source", source);
	if (block)
		cJSON_AddStringToObject(p, "block", block);
	int n = 2;
	if (room) {
		fd_session_op(&cli->session, &ops[2], "booking.assign_room");
		cJSON_AddStringToObject(ops[2].payload, "booking", booking_id);
		cJSON_AddStringToObject(ops[2].payload, "room", room);
		n = 3;
	}
	bool ok = (!adults || add_count(cli, "book", p, "adults", adults)) &&
	          (!children || add_count(cli, "book", p, "children", children)) &&
	          (!rate || add_rate(cli, "book", p, rate));
	if (!ok) {
		for (int i = 0; i < n; i++)
			fd_op_clear(&ops[i]);
		return CLI_USAGE;
	}
	if (!existing && !new_guest && (rc = refuse_same_name(cli, ops[0].payload))) {
		for (int i = 0; i < n; i++)
			fd_op_clear(&ops[i]);
		return rc;
	}
	if (existing) {
		/* A guest on file: no new guest record. */
		fd_op_clear(&ops[0]);
		for (int i = 1; i < n; i++)
			ops[i - 1] = ops[i];
		n--;
	}
	rc = cli_apply(cli, ops, n, res);
	return rc ? rc : print_code(cli, &res[existing ? 0 : 1]);
}

int cmd_modify(struct cli *cli, int argc, char **argv)
{
	const char *code, *arrive = NULL, *depart = NULL, *type = NULL, *adults = NULL, *children = NULL;
	const char *rate = NULL, *notes = NULL, *eta = NULL, *rate_reason = NULL, *override_reason = NULL;
	const char *source = NULL, *company = NULL;
	bool take_rate = false, keep_rate = false, no_company = false;
	const struct cli_opt opts[] = {{"arrive", &arrive, NULL},
	                               {"depart", &depart, NULL},
	                               {"type", &type, NULL},
	                               {"adults", &adults, NULL},
	                               {"children", &children, NULL},
	                               {"rate", &rate, NULL},
	                               {"notes", &notes, NULL},
	                               {"eta", &eta, NULL},
	                               {"source", &source, NULL},
	                               {"rate-reason", &rate_reason, NULL},
	                               {"take-rate", NULL, &take_rate},
	                               {"keep-rate", NULL, &keep_rate},
	                               {"override-reason", &override_reason, NULL},
	                               {"company", &company, NULL},
	                               {"no-company", NULL, &no_company},
	                               {0}};
	if (!cli_parse(cli, "modify", argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	if (take_rate && keep_rate)
		return cli_usage_error(cli, "modify", _("choose --take-rate or --keep-rate, not both"));
	if (company && no_company)
		return cli_usage_error(cli, "modify", _("choose --company NAME or --no-company, not both"));
	if (company && !company[0])
		return cli_usage_error(cli, "modify", _("--company needs a company account's name"));
	fd_date ignored;
	if ((arrive && !cli_date(cli, "modify", "--arrive", arrive, &ignored)) ||
	    (depart && !cli_date(cli, "modify", "--depart", depart, &ignored)))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	fd_session_op(&cli->session, &op, "booking.modify");
	cJSON *p = op.payload;
	cJSON_AddStringToObject(p, "booking", code);
	if (arrive)
		cJSON_AddStringToObject(p, "arrival", arrive);
	if (depart)
		cJSON_AddStringToObject(p, "departure", depart);
	if (type)
		cJSON_AddStringToObject(p, "type", type);
	if (notes)
		cJSON_AddStringToObject(p, "notes", notes);
	if (eta)
		cJSON_AddStringToObject(p, "eta", eta);
	if (source)
		cJSON_AddStringToObject(p, "source", source);
	if (rate_reason)
		cJSON_AddStringToObject(p, "rate_reason", rate_reason);
	if (take_rate || keep_rate)
		cJSON_AddBoolToObject(p, "take_rate", take_rate);
	if (override_reason)
		cJSON_AddStringToObject(p, "override_reason", override_reason);
	if (company || no_company)
		cJSON_AddStringToObject(p, "company", company ? company : "");
	bool ok = (!adults || add_count(cli, "modify", p, "adults", adults)) &&
	          (!children || add_count(cli, "modify", p, "children", children)) &&
	          (!rate || add_rate(cli, "modify", p, rate));
	if (!ok) {
		fd_op_clear(&op);
		return CLI_USAGE;
	}
	struct fd_op_result res;
	rc = cli_apply(cli, &op, 1, &res);
	return rc ? rc : print_code(cli, &res);
}

/* A check-out before the booked departure releases nights: on a terminal,
 * ask (without one, core refuses and says to pass --early). */
static bool ask_early(struct cli *cli, const struct fd_booking *b)
{
	fd_date today = cli_today(cli);
	fd_date end = today > b->arrival ? today : b->arrival + 1; /* as core counts */
	if (b->status != FD_BOOKING_CHECKED_IN || end >= b->departure || cli->json || !isatty(STDIN_FILENO) ||
	    !isatty(STDERR_FILENO))
		return false;
	char day[FD_DATE_STRLEN], line[16];
	int released = b->departure - end;
	fprintf(stderr,
	        ngettext("Booking %s is booked until %s: checking out today releases %d night. Check out "
	                 "early? [y/N] ",
	                 "Booking %s is booked until %s: checking out today releases %d nights. Check out "
	                 "early? [y/N] ",
	                 (unsigned long)released),
	        b->code, fd_date_format(b->departure, day), released);
	if (!fgets(line, sizeof line, stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

/* CODE [ROOM]: the commands that name a booking and perhaps a room. */
static int booking_action(struct cli *cli, const char *cmd, const char *type, int argc, char **argv,
                          bool with_room, const char *done_fmt)
{
	const char *pos[2] = {NULL, NULL}, *room = NULL, *reason = NULL, *deposit = NULL;
	bool late = false, early = false;
	const struct cli_opt opts_checkin[] = {{"room", &room, NULL}, {"late", NULL, &late}, {0}};
	const struct cli_opt opts_cancel[] = {{"reason", &reason, NULL}, {"deposit", &deposit, NULL}, {0}};
	const struct cli_opt opts_checkout[] = {{"early", NULL, &early}, {0}};
	const struct cli_opt *opts = strcmp(type, "booking.check_in") == 0    ? opts_checkin
	                             : strcmp(type, "booking.cancel") == 0    ? opts_cancel
	                             : strcmp(type, "booking.check_out") == 0 ? opts_checkout
	                                                                      : NULL;
	if (!cli_parse(cli, cmd, argc, argv, opts, pos, with_room ? 2 : 1, with_room ? 2 : 1))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_booking_row row;
	struct fd_error err = {0};
	if (fd_session_booking(&cli->session, pos[0], &row, &err))
		return cli_error(cli, &err);
	struct fd_op op;
	fd_session_op(&cli->session, &op, type);
	cJSON_AddStringToObject(op.payload, "booking", row.b.id);
	if (with_room || room)
		cJSON_AddStringToObject(op.payload, "room", with_room ? pos[1] : room);
	if (late)
		cJSON_AddBoolToObject(op.payload, "late", true);
	if (strcmp(type, "booking.check_out") == 0 && !early)
		early = ask_early(cli, &row.b);
	if (early)
		cJSON_AddBoolToObject(op.payload, "early", true);
	if (reason)
		cJSON_AddStringToObject(op.payload, "reason", reason);
	if (deposit) /* what happens to a deposit held (issue 12) */
		cJSON_AddStringToObject(op.payload, "deposit", deposit);
	struct fd_op_result res;
	rc = cli_apply(cli, &op, 1, &res);
	if (rc)
		return rc;
	if (cli->json)
		return print_code(cli, &res);
/* done_fmt is one of our own N_() literals with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	printf(_(done_fmt), row.b.code);
#pragma GCC diagnostic pop
	putchar('\n');
	return CLI_OK;
}

int cmd_assign(struct cli *cli, int argc, char **argv)
{
	return booking_action(cli, "assign", "booking.assign_room", argc, argv, true,
	                      N_("Room assigned to %s."));
}

int cmd_move(struct cli *cli, int argc, char **argv)
{
	return booking_action(cli, "move", "booking.move_room", argc, argv, true, N_("Moved %s."));
}

int cmd_checkin(struct cli *cli, int argc, char **argv)
{
	return booking_action(cli, "checkin", "booking.check_in", argc, argv, false, N_("Checked in %s."));
}

int cmd_checkout(struct cli *cli, int argc, char **argv)
{
	return booking_action(cli, "checkout", "booking.check_out", argc, argv, false, N_("Checked out %s."));
}

int cmd_cancel(struct cli *cli, int argc, char **argv)
{
	return booking_action(cli, "cancel", "booking.cancel", argc, argv, false, N_("Cancelled %s."));
}

int cmd_noshow(struct cli *cli, int argc, char **argv)
{
	return booking_action(cli, "noshow", "booking.no_show", argc, argv, false,
	                      N_("Marked %s as a no-show."));
}
