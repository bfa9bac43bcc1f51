// SPDX-License-Identifier: GPL-3.0-or-later
/* Rate plans, prices and restrictions on the command line (issue 15):
 * 'plan add|list', 'rates set|show|quote', 'restrict'. Every change is an
 * operation; prices and quotes come from core (core/rate.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/rate.h"
#include "store/ids.h"
#include "store/query.h"
#include "store/rates.h"

static bool need_hotel(struct cli *cli, char cur[4])
{
	struct fd_property p;
	const struct fd_repo *repo = fd_db_repo(cli->db);
	if (repo->get_property(repo->ctx, &p, NULL) != FD_OK)
		return false;
	memcpy(cur, p.currency, 4);
	return true;
}

static int no_hotel(struct cli *cli)
{
	struct fd_error err;
	fd_fail(&err, FD_E_NOT_FOUND, "no_property", NULL,
	        _("This hotel has not been set up yet; run 'frontdesk init' first."));
	return cli_error(cli, &err);
}

/* "-10%", "+5 %", "-12.5%" into basis points, or an amount into minor units. */
static bool parse_adjust(const char *s, const char *cur, int64_t *bp, int64_t *minor, char *why, size_t n)
{
	*bp = *minor = 0;
	size_t len = strlen(s);
	if (len && s[len - 1] == '%') {
		char num[32];
		if (len - 1 >= sizeof num) {
			snprintf(why, n, "%s", _("a percentage like -10% or an amount like -5.00"));
			return false;
		}
		memcpy(num, s, len - 1);
		num[len - 1] = '\0';
		struct fd_error err;
		int64_t v;
		const char *t = num[0] == '+' ? num + 1 : num;
		/* two decimals: a percentage in hundredths is basis points */
		if (fd_money_parse(t, "EUR", &v, &err) || v < -10000 || v > 10000) {
			snprintf(why, n, "%s", _("a percentage from -100% to +100%, at most two decimals"));
			return false;
		}
		*bp = v;
		return true;
	}
	struct fd_error err;
	if (fd_money_parse(s[0] == '+' ? s + 1 : s, cur, minor, &err)) {
		snprintf(why, n, "%s", err.message);
		return false;
	}
	return true;
}

/* "breakfast", "breakfast=12.50,half-board=30" into "BREAKFAST:1250,...";
 * sets *unpriced when an inclusion has no amount. */
static bool parse_includes(const char *s, const char *cur, char *out, size_t size, bool *unpriced, char *why,
                           size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	*unpriced = false;
	while (*s) {
		size_t k = strcspn(s, ",");
		char item[64], code[FD_TYPECODE_LEN];
		if (k >= sizeof item) {
			snprintf(why, n, "%s", _("an inclusion is too long"));
			return false;
		}
		memcpy(item, s, k);
		item[k] = '\0';
		s += k;
		if (*s == ',')
			s++;
		if (!k)
			continue;
		char *eq = strchr(item, '=');
		if (eq)
			*eq = '\0';
		if (!fd_inclusion_code(item, code)) {
			snprintf(why, n,
			         _("\"%s\" is not an inclusion (breakfast, half-board, or a charge code)"),
			         item);
			return false;
		}
		if (!code[0])
			continue; /* room only */
		int64_t v = 0;
		struct fd_error err;
		if (eq && fd_money_parse(eq + 1, cur, &v, &err)) {
			snprintf(why, n, "%s: %s", item, err.message);
			return false;
		}
		if (v < 0) {
			snprintf(why, n, _("%s: an inclusion's value cannot be negative"), item);
			return false;
		}
		if (!eq)
			*unpriced = true;
		len += (size_t)snprintf(out + len, size > len ? size - len : 0, "%s%s:%lld", len ? "," : "",
		                        code, (long long)v);
	}
	return len < size;
}

/* The usual inclusions get their charge code (VAT 10 %, a manager changes
 * it with 'frontdesk charges set') when the hotel has none yet: one
 * charge_code.set before the plan, in the same transaction. */
static int add_inclusion_codes(struct cli *cli, const char *inc, struct fd_op *ops)
{
	static const struct {
		const char *code, *name;
	} usual[] = {{"BREAKFAST", "Breakfast"}, {"HALFBOARD", "Half board"}, {"FULLBOARD", "Full board"}};
	struct fd_rate_plan p = {0};
	const struct fd_repo *repo = fd_db_repo(cli->db);
	int n = 0;
	if (!fd_inclusions_parse(inc, &p))
		return 0;
	for (int i = 0; i < p.n_inc; i++) {
		struct fd_charge_code cc;
		if (repo->get_charge_code(repo->ctx, p.inc[i].code, &cc, NULL) != FD_E_NOT_FOUND)
			continue;
		for (size_t k = 0; k < sizeof usual / sizeof *usual; k++)
			if (strcmp(usual[k].code, p.inc[i].code) == 0) {
				fd_session_op(&cli->session, &ops[n], "charge_code.set");
				cJSON_AddStringToObject(ops[n].payload, "code", usual[k].code);
				cJSON_AddStringToObject(ops[n].payload, "name", usual[k].name);
				cJSON_AddNumberToObject(ops[n].payload, "vat_bp", 1000);
				n++;
			}
	}
	return n;
}

static int plan_add(struct cli *cli, int argc, char **argv)
{
	const char *code, *name = NULL, *parent = NULL, *adjust = NULL, *includes = NULL, *cancel = NULL;
	const char *deposit = NULL, *types = NULL, *kind = NULL, *company = NULL;
	const struct cli_opt opts[] = {{"name", &name, NULL},       {"parent", &parent, NULL},
	                               {"adjust", &adjust, NULL},   {"includes", &includes, NULL},
	                               {"cancel", &cancel, NULL},   {"deposit", &deposit, NULL},
	                               {"types", &types, NULL},     {"kind", &kind, NULL},
	                               {"company", &company, NULL}, {0}};
	if (!cli_parse(cli, "plan add", argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	if (!name)
		return cli_usage_error(cli, "plan add", _("--name is required"));
	if (adjust && !parent)
		return cli_usage_error(cli, "plan add", _("--adjust needs --parent (the plan it follows)"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char cur[4], why[512], inc[256] = "";
	if (!need_hotel(cli, cur))
		return no_hotel(cli);
	int64_t bp = 0, minor = 0;
	bool unpriced = false;
	if (adjust && !parse_adjust(adjust, cur, &bp, &minor, why, sizeof why))
		return cli_usage_error(cli, "plan add", "--adjust: %s", why);
	if (includes && !parse_includes(includes, cur, inc, sizeof inc, &unpriced, why, sizeof why))
		return cli_usage_error(cli, "plan add", "--includes: %s", why);
	if (company && !kind)
		kind = "corporate";
	struct fd_op ops[FD_MAX_INCLUSIONS + 1];
	int n = add_inclusion_codes(cli, inc, ops);
	char id[FD_ID_LEN];
	fd_session_op(&cli->session, &ops[n], "rate_plan.create");
	cJSON *p = ops[n++].payload;
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "code", code);
	cJSON_AddStringToObject(p, "name", name);
	if (kind)
		cJSON_AddStringToObject(p, "kind", kind);
	if (company)
		cJSON_AddStringToObject(p, "company", company);
	if (types)
		cJSON_AddStringToObject(p, "types", types);
	if (includes)
		cJSON_AddStringToObject(p, "inclusions", inc);
	if (parent)
		cJSON_AddStringToObject(p, "parent", parent);
	if (bp)
		cJSON_AddNumberToObject(p, "adjust_bp", (double)bp);
	if (minor)
		cJSON_AddNumberToObject(p, "adjust_minor", (double)minor);
	if (cancel)
		cJSON_AddStringToObject(p, "cancel_policy", cancel);
	if (deposit)
		cJSON_AddStringToObject(p, "deposit_policy", deposit);
	struct fd_op_result res[FD_MAX_INCLUSIONS + 1];
	if ((rc = cli_apply(cli, ops, n, res)))
		return rc;
	if (unpriced)
		fprintf(stderr, _("frontdesk: note: an inclusion without a value (write it as "
		                  "breakfast=AMOUNT per guest and "
		                  "night) leaves the whole price as room revenue.\n"));
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "entity", "rate_plan");
		cJSON_AddStringToObject(doc, "code", code);
		cli_print_json(doc);
	} else {
		printf(_("Added rate plan %s.\n"), code);
	}
	return CLI_OK;
}

static int plan_update(struct cli *cli, int argc, char **argv)
{
	const char *code, *name = NULL, *includes = NULL, *cancel = NULL, *deposit = NULL, *types = NULL;
	const char *kind = NULL, *company = NULL;
	bool stop = false, sell = false;
	const struct cli_opt opts[] = {{"name", &name, NULL},       {"includes", &includes, NULL},
	                               {"cancel", &cancel, NULL},   {"deposit", &deposit, NULL},
	                               {"types", &types, NULL},     {"kind", &kind, NULL},
	                               {"company", &company, NULL}, {"stop", NULL, &stop},
	                               {"sell", NULL, &sell},       {0}};
	if (!cli_parse(cli, "plan update", argc, argv, opts, &code, 1, 1))
		return CLI_USAGE;
	if (stop && sell)
		return cli_usage_error(cli, "plan update", _("choose --stop or --sell, not both"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char cur[4], why[512], inc[256] = "";
	bool unpriced = false;
	if (!need_hotel(cli, cur))
		return no_hotel(cli);
	if (includes && !parse_includes(includes, cur, inc, sizeof inc, &unpriced, why, sizeof why))
		return cli_usage_error(cli, "plan update", "--includes: %s", why);
	struct fd_op ops[FD_MAX_INCLUSIONS + 1];
	int n = includes ? add_inclusion_codes(cli, inc, ops) : 0;
	fd_session_op(&cli->session, &ops[n], "rate_plan.update");
	cJSON *p = ops[n++].payload;
	cJSON_AddStringToObject(p, "plan", code);
	const char *texts[][2] = {
	    {"name", name}, {"cancel_policy", cancel}, {"deposit_policy", deposit},          {"types", types},
	    {"kind", kind}, {"company", company},      {"inclusions", includes ? inc : NULL}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i][1])
			cJSON_AddStringToObject(p, texts[i][0], texts[i][1]);
	if (stop || sell)
		cJSON_AddBoolToObject(p, "active", sell);
	struct fd_op_result res[FD_MAX_INCLUSIONS + 1];
	if ((rc = cli_apply(cli, ops, n, res)))
		return rc;
	if (!cli->json)
		printf(_("Rate plan %s changed.\n"), code);
	return CLI_OK;
}

static void adjust_text(const struct fd_rate_plan *p, const char *cur, char *out, size_t n)
{
	char m[FD_MONEY_STRLEN];
	out[0] = '\0';
	if (!p->parent[0])
		return;
	size_t len = (size_t)snprintf(out, n, "%s", p->parent);
	if (p->adjust_bp)
		len += (size_t)snprintf(out + len, n > len ? n - len : 0, " %+d.%02d%%", p->adjust_bp / 100,
		                        abs(p->adjust_bp % 100));
	if (p->adjust_minor && len < n)
		snprintf(out + len, n - len, " %s%s", p->adjust_minor > 0 ? "+" : "",
		         fd_money_format_plain(p->adjust_minor, cur, m, sizeof m));
}

static cJSON *plan_json(const struct fd_rate_plan *p, const char *cur)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "code", p->code);
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "kind", fd_plan_kind_name(p->kind));
	if (p->company[0])
		cJSON_AddStringToObject(o, "company", p->company);
	cJSON_AddStringToObject(o, "room_types", p->room_types);
	cJSON *inc = cJSON_AddArrayToObject(o, "inclusions");
	for (int i = 0; i < p->n_inc; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "code", p->inc[i].code);
		cJSON_AddNumberToObject(x, "amount_minor", (double)p->inc[i].amount);
		cJSON_AddItemToArray(inc, x);
	}
	if (p->parent[0]) {
		cJSON_AddStringToObject(o, "parent", p->parent);
		cJSON_AddNumberToObject(o, "adjust_bp", p->adjust_bp);
		cJSON_AddNumberToObject(o, "adjust_minor", (double)p->adjust_minor);
	}
	cJSON_AddStringToObject(o, "cancel_policy", p->cancel_policy);
	cJSON_AddStringToObject(o, "deposit_policy", p->deposit_policy);
	cJSON_AddBoolToObject(o, "active", p->active);
	if (cur)
		cJSON_AddStringToObject(o, "currency", cur);
	return o;
}

static void inclusions_text(const struct fd_rate_plan *p, const char *cur, char *out, size_t n)
{
	size_t len = 0;
	char m[FD_MONEY_STRLEN];
	snprintf(out, n, "%s", p->n_inc ? "" : _("room only"));
	for (int i = 0; i < p->n_inc && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s %s", i ? ", " : "", p->inc[i].code,
		                        fd_money_format_plain(p->inc[i].amount, cur, m, sizeof m));
}

static int plan_list(struct cli *cli, int argc, char **argv)
{
	if (!cli_parse(cli, "plan list", argc, argv, NULL, NULL, 0, 0))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char cur[4];
	cli_currency(cli, cur);
	struct fd_rate_plan *plans = NULL;
	int n = 0;
	struct fd_error err = {0};
	if (fd_query_rate_plans(cli->db, &plans, &n, &err)) {
		free(plans);
		return cli_error(cli, &err);
	}
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON *arr = cJSON_AddArrayToObject(doc, "plans");
		for (int i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, plan_json(&plans[i], cur));
		cli_print_json(doc);
	} else {
		printf("%-10s %-24s %-9s %-12s %-18s %s\n", _("CODE"), _("NAME"), _("KIND"), _("TYPES"),
		       _("FOLLOWS"), _("INCLUDES"));
		for (int i = 0; i < n; i++) {
			const struct fd_rate_plan *p = &plans[i];
			char adj[64], inc[160];
			adjust_text(p, cur, adj, sizeof adj);
			inclusions_text(p, cur, inc, sizeof inc);
			printf("%-10s %-24.24s %-9s %-12.12s %-18s %s%s\n", p->code, p->name,
			       fd_plan_kind_name(p->kind), p->room_types[0] ? p->room_types : _("all"),
			       adj[0] ? adj : "-", inc, p->active ? "" : _(" (not sold)"));
			if (p->cancel_policy[0] || p->deposit_policy[0])
				printf("           %s %s; %s %s\n", _("cancel:"),
				       p->cancel_policy[0] ? p->cancel_policy : "-", _("deposit:"),
				       p->deposit_policy[0] ? p->deposit_policy : "-");
		}
	}
	free(plans);
	return CLI_OK;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return plan_add(cli, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "list") == 0)
		return plan_list(cli, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "update") == 0)
		return plan_update(cli, argc - 1, argv + 1);
	return cli_usage_error(cli, "plan",
	                       _("expected 'plan add CODE ...', 'plan update CODE ...' or 'plan list'"));
}

/* --from and --to (both included) checked, into the payload. */
static bool add_range(struct cli *cli, const char *cmd, cJSON *p, const char *from, const char *to,
                      const char *days)
{
	fd_date f, t;
	if (!from || !to) {
		cli_usage_error(cli, cmd, _("--from and --to are required"));
		return false;
	}
	if (!cli_date(cli, cmd, "--from", from, &f) || !cli_date(cli, cmd, "--to", to, &t))
		return false;
	cJSON_AddStringToObject(p, "from", from);
	cJSON_AddStringToObject(p, "to", to);
	if (days)
		cJSON_AddStringToObject(p, "days", days);
	return true;
}

static bool add_money(struct cli *cli, const char *cmd, const char *opt, cJSON *p, const char *key,
                      const char *text, const char *cur)
{
	int64_t v;
	struct fd_error err;
	if (fd_money_parse(text, cur, &v, &err)) {
		cli_value_error(cli, cmd, "%s: %s", opt, err.message);
		return false;
	}
	cJSON_AddNumberToObject(p, key, (double)v);
	return true;
}

static int rates_set(struct cli *cli, int argc, char **argv)
{
	const char *pos[3] = {NULL, NULL, NULL};
	const char *from = NULL, *to = NULL, *days = NULL, *adults = NULL, *child = NULL, *extra = NULL;
	const struct cli_opt opts[] = {{"from", &from, NULL},
	                               {"to", &to, NULL},
	                               {"days", &days, NULL},
	                               {"adults", &adults, NULL},
	                               {"child", &child, NULL},
	                               {"extra-bed", &extra, NULL},
	                               {0}};
	if (!cli_parse(cli, "rates set", argc, argv, opts, pos, 2, 3))
		return CLI_USAGE;
	if (!pos[2] && !child && !extra)
		return cli_usage_error(cli, "rates set", _("give the AMOUNT (or --child / --extra-bed)"));
	int n_adults = 0;
	if (adults && !cli_int(cli, "rates set", "--adults", adults, 1, 3, &n_adults))
		return CLI_USAGE;
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char cur[4];
	if (!need_hotel(cli, cur))
		return no_hotel(cli);
	struct fd_op op;
	fd_session_op(&cli->session, &op, "rate.set");
	cJSON *p = op.payload;
	cJSON_AddStringToObject(p, "plan", pos[0]);
	cJSON_AddStringToObject(p, "type", pos[1]);
	bool ok = add_range(cli, "rates set", p, from, to, days);
	if (ok && pos[2]) {
		/* "+20.00" / "-5": added to the price each night has */
		bool rel = pos[2][0] == '+' || pos[2][0] == '-';
		ok = add_money(cli, "rates set", "AMOUNT", p, "amount", pos[2] + (pos[2][0] == '+'), cur);
		if (rel)
			cJSON_AddBoolToObject(p, "relative", true);
	}
	if (ok && n_adults)
		cJSON_AddNumberToObject(p, "adults", n_adults);
	if (ok && child)
		ok = add_money(cli, "rates set", "--child", p, "child", child, cur);
	if (ok && extra)
		ok = add_money(cli, "rates set", "--extra-bed", p, "extra_bed", extra, cur);
	if (!ok) {
		fd_op_clear(&op);
		return CLI_USAGE;
	}
	struct fd_op_result res;
	if ((rc = cli_apply(cli, &op, 1, &res)))
		return rc;
	if (!cli->json)
		printf(_("Prices of %s %s set.\n"), pos[0], pos[1]);
	return CLI_OK;
}

static int restrict_cmd(struct cli *cli, int argc, char **argv, const char *cmd)
{
	const char *pos[2] = {NULL, NULL};
	const char *from = NULL, *to = NULL, *days = NULL, *min = NULL, *max = NULL, *through = NULL;
	bool cta = false, ctd = false, stop = false, clear = false;
	const struct cli_opt opts[] = {{"from", &from, NULL},
	                               {"to", &to, NULL},
	                               {"days", &days, NULL},
	                               {"min-stay", &min, NULL},
	                               {"max-stay", &max, NULL},
	                               {"min-stay-through", &through, NULL},
	                               {"cta", NULL, &cta},
	                               {"ctd", NULL, &ctd},
	                               {"stop-sell", NULL, &stop},
	                               {"clear", NULL, &clear},
	                               {0}};
	if (!cli_parse(cli, cmd, argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	int v_min = -1, v_max = -1, v_through = -1;
	if ((min && !cli_int(cli, cmd, "--min-stay", min, 0, 365, &v_min)) ||
	    (max && !cli_int(cli, cmd, "--max-stay", max, 0, 730, &v_max)) ||
	    (through && !cli_int(cli, cmd, "--min-stay-through", through, 0, 365, &v_through)))
		return CLI_USAGE;
	if (!min && !max && !through && !cta && !ctd && !stop && !clear)
		return cli_usage_error(
		    cli, cmd,
		    _("say which restriction: --min-stay, --max-stay, --min-stay-through, --cta, "
		      "--ctd, --stop-sell (or --clear)"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	struct fd_op op;
	fd_session_op(&cli->session, &op, "rate.restrict");
	cJSON *p = op.payload;
	cJSON_AddStringToObject(p, "plan", pos[0]);
	cJSON_AddStringToObject(p, "type", pos[1]);
	if (!add_range(cli, cmd, p, from, to, days)) {
		fd_op_clear(&op);
		return CLI_USAGE;
	}
	if (v_min >= 0 || clear)
		cJSON_AddNumberToObject(p, "min_stay", v_min > 0 ? v_min : 0);
	if (v_max >= 0 || clear)
		cJSON_AddNumberToObject(p, "max_stay", v_max > 0 ? v_max : 0);
	if (v_through >= 0 || clear)
		cJSON_AddNumberToObject(p, "min_through", v_through > 0 ? v_through : 0);
	if (cta || clear)
		cJSON_AddBoolToObject(p, "cta", cta);
	if (ctd || clear)
		cJSON_AddBoolToObject(p, "ctd", ctd);
	if (stop || clear)
		cJSON_AddBoolToObject(p, "stop_sell", stop);
	struct fd_op_result res;
	if ((rc = cli_apply(cli, &op, 1, &res)))
		return rc;
	if (!cli->json)
		printf(_("Restrictions of %s %s set.\n"), pos[0], pos[1]);
	return CLI_OK;
}

int cmd_restrict(struct cli *cli, int argc, char **argv)
{
	return restrict_cmd(cli, argc, argv, "restrict");
}

static void restrictions_text(const struct fd_rate_day *d, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	if (d->stop_sell)
		len += (size_t)snprintf(out + len, n - len, "%s ", _("stop-sell"));
	if (d->cta && len < n)
		len += (size_t)snprintf(out + len, n - len, "CTA ");
	if (d->ctd && len < n)
		len += (size_t)snprintf(out + len, n - len, "CTD ");
	if (d->min_stay && len < n)
		len += (size_t)snprintf(out + len, n - len, _("min %d "), d->min_stay);
	if (d->max_stay && len < n)
		len += (size_t)snprintf(out + len, n - len, _("max %d "), d->max_stay);
	if (d->min_through && len < n)
		snprintf(out + len, n - len, _("through %d"), d->min_through);
}

struct sold_types {
	const struct fd_rate_plan *plan;
	char (*types)[FD_TYPECODE_LEN];
	int *n;
};

static bool add_sold_type(void *ctx, const struct fd_room_type *t)
{
	struct sold_types *s = ctx;
	if (*s->n < 32 && fd_plan_sells(s->plan, t->code))
		snprintf(s->types[(*s->n)++], FD_TYPECODE_LEN, "%s", t->code);
	return true;
}

static int rates_show(struct cli *cli, int argc, char **argv)
{
	const char *plan_code = NULL, *from = NULL, *to = NULL, *type = NULL;
	const struct cli_opt opts[] = {{"from", &from, NULL}, {"to", &to, NULL}, {"type", &type, NULL}, {0}};
	if (!cli_parse(cli, "rates show", argc, argv, opts, &plan_code, 1, 1))
		return CLI_USAGE;
	fd_date f, t;
	if (!from || !to)
		return cli_usage_error(cli, "rates show", _("--from and --to are required"));
	if (!cli_date(cli, "rates show", "--from", from, &f) || !cli_date(cli, "rates show", "--to", to, &t))
		return CLI_USAGE;
	if (t < f || t - f > 366)
		return cli_usage_error(cli, "rates show",
		                       _("--to must be on or after --from, at most a year later"));
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	char cur[4];
	cli_currency(cli, cur);
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_rate_plan plan;
	struct fd_error err = {0};
	enum fd_status st = repo->get_rate_plan(repo->ctx, plan_code, &plan, &err);
	if (st == FD_E_NOT_FOUND)
		fd_fail(&err, FD_E_NOT_FOUND, "plan_not_found", "plan", _("No rate plan \"%s\"."), plan_code);
	if (st)
		return cli_error(cli, &err);
	/* the room types it sells */
	char types[32][FD_TYPECODE_LEN];
	int n_types = 0;
	if (type) {
		snprintf(types[n_types++], FD_TYPECODE_LEN, "%s", type);
	} else {
		struct sold_types st_ctx = {.plan = &plan, .types = types, .n = &n_types};
		if (fd_query_room_types(cli->db, add_sold_type, &st_ctx, &err))
			return cli_error(cli, &err);
	}
	cJSON *doc = cli->json ? cJSON_CreateObject() : NULL, *arr = NULL;
	if (doc) {
		cJSON_AddItemToObject(doc, "plan", plan_json(&plan, cur));
		arr = cJSON_AddArrayToObject(doc, "days");
	} else {
		printf(_("Rate plan %s (%s), %s\n"), plan.code, plan.name, cur);
		printf("%-10s %-3s %-8s %12s %12s %12s  %s\n", _("DATE"), _("DAY"), _("TYPE"), _("1 ADULT"),
		       _("2 ADULTS"), _("3 ADULTS"), _("RESTRICTIONS"));
	}
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	for (int k = 0; k < n_types; k++)
		for (fd_date d = f; d <= t; d++) {
			struct fd_rate_day day;
			int64_t price[3];
			bool priced[3];
			for (int a = 0; a < 3; a++) {
				st = fd_rate_effective_day(repo, &plan, types[k], d, a + 1, 0, &day,
				                           &price[a], &priced[a], &err);
				if (st) {
					cJSON_Delete(doc);
					return cli_error(cli, &err);
				}
			}
			char date[FD_DATE_STRLEN], rtext[96];
			fd_date_format(d, date);
			restrictions_text(&day, rtext, sizeof rtext);
			if (doc) {
				cJSON *o = cJSON_CreateObject();
				cJSON_AddStringToObject(o, "date", date);
				cJSON_AddStringToObject(o, "type", types[k]);
				const char *keys[] = {"adults_1_minor", "adults_2_minor", "adults_3_minor"};
				for (int a = 0; a < 3; a++)
					if (priced[a])
						cJSON_AddNumberToObject(o, keys[a], (double)price[a]);
					else
						cJSON_AddNullToObject(o, keys[a]);
				/* the price for two adults, or one where that is all there is */
				if (priced[1] || priced[0])
					cJSON_AddNumberToObject(o, "rate_minor",
					                        (double)(priced[1] ? price[1] : price[0]));
				else
					cJSON_AddNullToObject(o, "rate_minor");
				cJSON_AddNumberToObject(o, "child_minor",
				                        day.child == FD_RATE_UNSET ? 0 : (double)day.child);
				cJSON_AddNumberToObject(
				    o, "extra_bed_minor",
				    day.extra_bed == FD_RATE_UNSET ? 0 : (double)day.extra_bed);
				cJSON_AddNumberToObject(o, "min_stay", day.min_stay);
				cJSON_AddNumberToObject(o, "max_stay", day.max_stay);
				cJSON_AddNumberToObject(o, "min_stay_through", day.min_through);
				cJSON_AddBoolToObject(o, "cta", day.cta);
				cJSON_AddBoolToObject(o, "ctd", day.ctd);
				cJSON_AddBoolToObject(o, "stop_sell", day.stop_sell);
				cJSON_AddItemToArray(arr, o);
			} else {
				char m[3][FD_MONEY_STRLEN];
				for (int a = 0; a < 3; a++)
					if (priced[a])
						fd_money_format_plain(price[a], cur, m[a], sizeof m[a]);
					else
						snprintf(m[a], sizeof m[a], "-");
				printf("%-10s %-3s %-8s %12s %12s %12s  %s\n", date, wd[fd_date_weekday(d)],
				       types[k], m[0], m[1], m[2], rtext);
			}
		}
	if (doc)
		cli_print_json(doc);
	return CLI_OK;
}

static int rates_quote(struct cli *cli, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL};
	const char *arrive = NULL, *depart = NULL, *adults = NULL, *children = NULL;
	const struct cli_opt opts[] = {{"arrive", &arrive, NULL},
	                               {"depart", &depart, NULL},
	                               {"adults", &adults, NULL},
	                               {"children", &children, NULL},
	                               {0}};
	if (!cli_parse(cli, "rates quote", argc, argv, opts, pos, 2, 2))
		return CLI_USAGE;
	struct fd_quote_req req = {.adults = 1};
	if (!arrive || !depart)
		return cli_usage_error(cli, "rates quote", _("--arrive and --depart are required"));
	if (!cli_date(cli, "rates quote", "--arrive", arrive, &req.arrival) ||
	    !cli_date(cli, "rates quote", "--depart", depart, &req.departure) ||
	    (adults && !cli_int(cli, "rates quote", "--adults", adults, 1, 50, &req.adults)) ||
	    (children && !cli_int(cli, "rates quote", "--children", children, 0, 50, &req.children)))
		return CLI_USAGE;
	snprintf(req.plan, sizeof req.plan, "%s", pos[0]);
	snprintf(req.type_code, sizeof req.type_code, "%s", pos[1]);
	int rc = cli_open(cli, false);
	if (rc)
		return rc;
	req.not_before = cli_today(cli);
	char cur[4];
	cli_currency(cli, cur);
	struct fd_quote q;
	struct fd_error err = {0};
	if (fd_rate_quote(fd_db_repo(cli->db), &req, &q, &err))
		return cli_error(cli, &err);
	if (q.broken != FD_RESTRICT_NONE) {
		fd_quote_refuse(&q, &req, &err);
		fd_quote_clear(&q);
		return cli_error(cli, &err);
	}
	char date[FD_DATE_STRLEN], m[FD_MONEY_STRLEN];
	if (cli->json) {
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "plan", q.plan.code);
		cJSON_AddStringToObject(doc, "type", req.type_code);
		cJSON_AddStringToObject(doc, "currency", cur);
		cJSON *arr = cJSON_AddArrayToObject(doc, "nights");
		for (int i = 0; i < q.n; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "date", fd_date_format(q.nights[i].night, date));
			cJSON_AddNumberToObject(o, "rate_minor", (double)q.nights[i].amount);
			cJSON_AddNumberToObject(o, "included_minor", (double)q.nights[i].included);
			cJSON_AddItemToArray(arr, o);
		}
		cJSON_AddNumberToObject(doc, "total_minor", (double)q.total);
		cJSON_AddNumberToObject(doc, "included_minor", (double)q.included);
		cJSON_AddStringToObject(doc, "cancel_policy", q.plan.cancel_policy);
		cJSON_AddStringToObject(doc, "deposit_policy", q.plan.deposit_policy);
		cli_print_json(doc);
	} else {
		for (int i = 0; i < q.n; i++)
			printf("%s  %s\n", fd_date_format(q.nights[i].night, date),
			       fd_money_format(q.nights[i].amount, cur, m, sizeof m));
		printf(_("Total %s"), fd_money_format(q.total, cur, m, sizeof m));
		if (q.included)
			printf(_(" (inclusions %s)"), fd_money_format(q.included, cur, m, sizeof m));
		printf("\n");
	}
	fd_quote_clear(&q);
	return CLI_OK;
}

int cmd_rates(struct cli *cli, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "set") == 0)
		return rates_set(cli, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return rates_show(cli, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "quote") == 0)
		return rates_quote(cli, argc - 1, argv + 1);
	return cli_usage_error(cli, "rates", _("expected 'rates set', 'rates show' or 'rates quote'"));
}

/* A booking's prices per night, for 'show' (JSON: "nights"). */
cJSON *cli_booking_nights_json(struct cli *cli, const struct fd_booking *b, char plan[FD_PLAN_CODE_LEN])
{
	const struct fd_repo *repo = fd_db_repo(cli->db);
	struct fd_booking_night *n = NULL;
	int count = 0;
	cJSON *arr = cJSON_CreateArray();
	char date[FD_DATE_STRLEN];
	plan[0] = '\0';
	if (repo->booking_nights(repo->ctx, b->id, &n, &count, NULL) == FD_OK && count) {
		snprintf(plan, FD_PLAN_CODE_LEN, "%s", n[0].plan);
		for (int i = 0; i < count; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "date", fd_date_format(n[i].night, date));
			cJSON_AddNumberToObject(o, "rate_minor", (double)n[i].amount);
			cJSON_AddNumberToObject(o, "included_minor", (double)n[i].included);
			cJSON_AddItemToArray(arr, o);
		}
	} else {
		for (fd_date d = b->arrival; d < b->departure; d++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "date", fd_date_format(d, date));
			cJSON_AddNumberToObject(o, "rate_minor", (double)b->rate);
			cJSON_AddNumberToObject(o, "included_minor", 0);
			cJSON_AddItemToArray(arr, o);
		}
	}
	free(n);
	return arr;
}
