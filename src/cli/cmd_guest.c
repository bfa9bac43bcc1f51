// SPDX-License-Identifier: GPL-3.0-or-later
/* Guest profiles: find, show, update, merge two profiles of one person,
 * erase (GDPR). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "store/fold.h"
#include "store/guest_stats.h"
#include "store/query.h"

void cli_guest_line(FILE *out, const struct fd_guest_row *row)
{
	char name[2 * FD_NAME_LEN + 2], last[FD_DATE_STRLEN] = "-";
	fd_guest_display_name(&row->g, name, sizeof name);
	if (row->last_stay)
		fd_date_format(row->last_stay, last);
	fprintf(out, "%s  %s%s  %s  %s  %s  %s %s\n", row->g.id, name, row->g.vip ? " [VIP]" : "",
	        row->g.email[0] ? row->g.email : "-", row->g.phone[0] ? row->g.phone : "-",
	        row->g.country[0] ? row->g.country : "-", _("last stay"), last);
}

struct guest_list {
	cJSON *arr;
	int n;
};

static bool list_guest(void *ctx, const struct fd_guest_row *row)
{
	struct guest_list *l = ctx;
	l->n++;
	if (l->arr)
		cJSON_AddItemToArray(l->arr, fd_guest_json(&row->g, row));
	else
		cli_guest_line(stdout, row);
	return true;
}

static int guest_find(struct cli *cli, const char *text)
{
	/* Search folds to letters and digits: text of only symbols or emoji
	 * would list nobody, which reads as "no such guest". */
	char folded[256];
	fd_fold_words(text, folded, sizeof folded);
	if (!folded[strspn(folded, " ")])
		return cli_usage_error(cli, "guest find",
		                       _("\"%s\" has no letters or digits to search by; give part of a name, "
		                         "an e-mail address or a phone number"),
		                       text);
	struct guest_list l = {.arr = cli->json ? cJSON_CreateArray() : NULL};
	struct fd_error err = {0};
	if (fd_query_guests(cli->db, text, 50, list_guest, &l, &err)) {
		cJSON_Delete(l.arr);
		return cli_error(cli, &err);
	}
	if (l.arr) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddItemToObject(doc, "guests", l.arr);
		cJSON_AddNumberToObject(doc, "count", l.n);
		cli_print_json(doc);
	} else if (!l.n) {
		printf(_("(none)\n"));
	}
	return CLI_OK;
}

static enum fd_status load(struct cli *cli, const char *id, struct fd_guest *g, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	enum fd_status st = repo->get_guest(repo->ctx, id, g, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(err, FD_E_NOT_FOUND, "guest_not_found", "guest",
		               _("No guest with id %s; 'frontdesk guest find NAME' lists them."), id);
	return st;
}

struct stays {
	cJSON *arr;
	char currency[4];
};

static bool add_stay(void *ctx, const struct fd_booking_row *row)
{
	struct stays *s = ctx;
	if (s->arr)
		cJSON_AddItemToArray(s->arr, fd_booking_json(row, s->currency));
	else
		cli_booking_line(stdout, row, s->currency);
	return true;
}

static void line(FILE *out, const char *label, const char *value)
{
	if (value && value[0])
		fprintf(out, "%-13s %s\n", label, value);
}

static void cli_guest_profile(FILE *out, const struct fd_guest *g)
{
	char name[2 * FD_NAME_LEN + 2], buf[256], d1[FD_DATE_STRLEN] = "", d2[FD_DATE_STRLEN] = "";
	fd_guest_display_name(g, name, sizeof name);
	fprintf(out, "%-13s %s%s\n", _("Guest"), name, g->vip ? " [VIP]" : "");
	line(out, _("Id"), g->id);
	line(out, _("E-mail"), g->email);
	line(out, _("Phone"), g->phone);
	line(out, _("Country"), g->country);
	line(out, _("Nationality"), g->nationality);
	if (g->birth_date)
		line(out, _("Born"), fd_date_format(g->birth_date, d1));
	line(out, _("Address"), g->address);
	if (g->document[0]) {
		if (g->doc_expiry)
			fd_date_format(g->doc_expiry, d2);
		snprintf(buf, sizeof buf, "%s %s%s%s%s%s", g->doc_type[0] ? g->doc_type : _("document"),
		         g->document, g->doc_country[0] ? " " : "", g->doc_country,
		         d2[0] ? _(", expires ") : "", d2);
		line(out, _("Document"), buf);
	}
	line(out, _("Preferences"), g->preferences);
	line(out, _("Notes"), g->notes);
	line(out, _("Merged into"), g->merged_into);
}

static int guest_show(struct cli *cli, const char *id)
{
	struct fd_guest g;
	struct fd_error err = {0};
	if (load(cli, id, &g, &err))
		return cli_error(cli, &err);
	struct stays s = {.arr = cli->json ? cJSON_CreateArray() : NULL};
	cli_currency(cli, s.currency);
	if (!cli->json)
		cli_guest_profile(stdout, &g);
	if (!cli->json)
		printf(_("Stays:\n"));
	if (fd_query_guest_stays(cli->db, g.id, 0, add_stay, &s, &err)) {
		cJSON_Delete(s.arr);
		return cli_error(cli, &err);
	}
	/* The totals from the nightly prices (store/guest_stats.h). */
	struct fd_guest_stats st;
	if (fd_query_guest_stats(cli->db, g.id, &st, &err)) {
		cJSON_Delete(s.arr);
		return cli_error(cli, &err);
	}
	char money[FD_MONEY_STRLEN];
	fd_money_format(st.room_revenue, s.currency, money, sizeof money);
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddItemToObject(doc, "guest", fd_guest_json(&g, NULL));
		cJSON_AddItemToObject(doc, "bookings", s.arr);
		cJSON_AddNumberToObject(doc, "stays", st.stays);
		cJSON_AddNumberToObject(doc, "nights", st.nights);
		cJSON_AddNumberToObject(doc, "room_revenue", (double)st.room_revenue);
		cJSON_AddStringToObject(doc, "currency", s.currency);
		cli_print_json(doc);
	} else {
		printf(ngettext("%d booking, %d nights, room revenue %s\n",
		                "%d bookings, %d nights, room revenue %s\n", (unsigned long)st.bookings),
		       st.bookings, st.nights, money);
	}
	return CLI_OK;
}

static bool yes_no(struct cli *cli, const char *opt, const char *v, bool *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
		*out = v[0] == 'y';
		return true;
	}
	cli_usage_error(cli, "guest", _("%s takes yes or no"), opt);
	return false;
}

int cmd_guest(struct cli *cli, int argc, char **argv)
{
	const char *pos[3] = {NULL, NULL, NULL};
	const char *family = NULL, *given = NULL, *email = NULL, *phone = NULL, *country = NULL,
	           *document = NULL, *doc_type = NULL, *doc_country = NULL, *doc_expiry = NULL,
	           *nationality = NULL, *birth_date = NULL, *address = NULL, *preferences = NULL,
	           *notes = NULL, *vip = NULL;
	const struct cli_opt opts[] = {{"family", &family, NULL},
	                               {"given", &given, NULL},
	                               {"email", &email, NULL},
	                               {"phone", &phone, NULL},
	                               {"country", &country, NULL},
	                               {"document", &document, NULL},
	                               {"doc-type", &doc_type, NULL},
	                               {"doc-country", &doc_country, NULL},
	                               {"doc-expiry", &doc_expiry, NULL},
	                               {"nationality", &nationality, NULL},
	                               {"birth-date", &birth_date, NULL},
	                               {"address", &address, NULL},
	                               {"preferences", &preferences, NULL},
	                               {"notes", &notes, NULL},
	                               {"vip", &vip, NULL},
	                               {0}};
	if (!cli_parse(cli, "guest", argc, argv, opts, pos, 2, 3))
		return CLI_USAGE;
	const char *sub = pos[0];
	bool merge = strcmp(sub, "merge") == 0;
	if (merge != (pos[2] != NULL))
		return cli_usage_error(cli, "guest",
		                       _("use 'guest merge KEEP DUPLICATE' with two guest ids"));
	if (strcmp(sub, "erase") && strcmp(sub, "merge") && strcmp(sub, "show") && strcmp(sub, "find") &&
	    strcmp(sub, "update"))
		return cli_usage_error(cli, "guest",
		                       _("unknown subcommand \"%s\"; use find, show, update, merge or erase"),
		                       sub);
	fd_date day;
	if ((doc_expiry && !cli_date(cli, "guest", "--doc-expiry", doc_expiry, &day)) ||
	    (birth_date && !cli_date(cli, "guest", "--birth-date", birth_date, &day)))
		return CLI_USAGE;
	bool vip_on = false;
	if (vip && !yes_no(cli, "--vip", vip, &vip_on))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	if (strcmp(sub, "find") == 0)
		return guest_find(cli, pos[1]);
	if (strcmp(sub, "show") == 0)
		return guest_show(cli, pos[1]);
	struct fd_op op;
	if (strcmp(sub, "erase") == 0) {
		fd_session_op(&cli->session, &op, "guest.erase");
		cJSON_AddStringToObject(op.payload, "guest", pos[1]);
		return cli_apply_said(cli, &op, N_("Erased the personal data of guest %s."), pos[1]);
	}
	if (merge) {
		fd_session_op(&cli->session, &op, "guest.merge");
		cJSON_AddStringToObject(op.payload, "guest", pos[1]);
		cJSON_AddStringToObject(op.payload, "duplicate", pos[2]);
		return cli_apply_said(cli, &op,
		                      N_("Merged into guest %s: the duplicate's stays are now this guest's."),
		                      pos[1]);
	}
	fd_session_op(&cli->session, &op, "guest.update");
	cJSON *p = op.payload;
	cJSON_AddStringToObject(p, "guest", pos[1]);
	const struct {
		const char *key, *value;
	} fields[] = {{"family", family},
	              {"given", given},
	              {"email", email},
	              {"phone", phone},
	              {"country", country},
	              {"document", document},
	              {"doc_type", doc_type},
	              {"doc_country", doc_country},
	              {"doc_expiry", doc_expiry},
	              {"nationality", nationality},
	              {"birth_date", birth_date},
	              {"address", address},
	              {"preferences", preferences},
	              {"notes", notes}};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i].value)
			cJSON_AddStringToObject(p, fields[i].key, fields[i].value);
	if (vip)
		cJSON_AddBoolToObject(p, "vip", vip_on);
	return cli_apply_said(cli, &op, N_("Guest %s updated."), pos[1]);
}
