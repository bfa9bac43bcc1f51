// SPDX-License-Identifier: GPL-3.0-or-later
/* Company and travel agent accounts (company.create, company.update) and
 * the direct-bill rule: a folio is billed to an account a manager made,
 * that allows direct billing, within its credit limit. Compiled into
 * libfdcore.a: storage only through struct fd_repo. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/card.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/op_folio.h"
#include "core/op_internal.h"

#define MAX_LIMIT INT64_C(1000000000000)

static enum fd_status no_companies(struct op_ctx *c)
{
	return fd_fail(c->err, FD_E_INVALID, "unsupported", NULL,
	               _("This store does not keep company accounts."));
}

static enum fd_status read_fields(struct op_ctx *c, struct fd_company *co)
{
	enum fd_status st;
	char kind[16] = "";
	int64_t limit = co->credit_limit;
	if ((st = op_str(c, "address", co->address, sizeof co->address, false)) ||
	    (st = op_str(c, "vat", co->vat, sizeof co->vat, false)) ||
	    (st = op_str(c, "contact", co->contact, sizeof co->contact, false)) ||
	    (st = op_str(c, "kind", kind, sizeof kind, false)) ||
	    (st = op_int(c, "credit_limit", 0, MAX_LIMIT, &limit, false)))
		return st;
	const char *texts[][2] = {
	    {"name", co->name}, {"address", co->address}, {"vat", co->vat}, {"contact", co->contact}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if ((st = fd_text_check_no_card(texts[i][0], texts[i][1], c->err)))
			return st;
	if (kind[0] && strcmp(kind, "company") != 0 && strcmp(kind, "agent") != 0)
		return fd_fail(c->err, FD_E_INVALID, "invalid_field", "kind",
		               _("Unknown account kind \"%s\"; use company or agent."), kind);
	if (kind[0])
		co->agent = strcmp(kind, "agent") == 0;
	co->credit_limit = limit;
	co->direct_bill = op_bool(c, "direct_bill", co->direct_bill);
	return FD_OK;
}

enum fd_status op_company_create(struct op_ctx *c)
{
	if (!c->repo->get_company)
		return no_companies(c);
	struct fd_company co = {.version = 1};
	enum fd_status st;
	if ((st = op_new_id(c, co.id, sizeof co.id)) ||
	    (st = op_str(c, "name", co.name, sizeof co.name, true)) || (st = read_fields(c, &co)))
		return st;
	if (!co.id[0] || !co.name[0])
		return fd_fail(c->err, FD_E_INVALID, "missing_field", "name",
		               _("A company account needs a name."));
	struct fd_company old;
	if (c->repo->get_company(c->repo->ctx, co.name, &old, c->err) == FD_OK ||
	    c->repo->get_company(c->repo->ctx, co.id, &old, c->err) == FD_OK)
		return fd_fail(c->err, FD_E_CONFLICT, "duplicate_company", "name",
		               _("There is already an account \"%s\"; change it with 'frontdesk company "
		                 "update'."),
		               old.name);
	st = c->repo->put_company(c->repo->ctx, &co, c->err);
	if (!st)
		op_result_entity(c, "company", co.id);
	return st;
}

enum fd_status op_company_update(struct op_ctx *c)
{
	if (!c->repo->get_company)
		return no_companies(c);
	char key[FD_NAME_LEN];
	struct fd_company co;
	enum fd_status st = op_str(c, "company", key, sizeof key, true);
	if (st || (st = op_company_load(c, key, &co)) || (st = read_fields(c, &co)))
		return st;
	co.version++;
	st = c->repo->put_company(c->repo->ctx, &co, c->err);
	if (!st)
		op_result_entity(c, "company", co.id);
	return st;
}

enum fd_status op_company_load(struct op_ctx *c, const char *key, struct fd_company *co)
{
	memset(co, 0, sizeof *co);
	if (!c->repo->get_company)
		return no_companies(c);
	enum fd_status st = c->repo->get_company(c->repo->ctx, key, co, c->err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(c->err, FD_E_NOT_FOUND, "company_not_found", "company",
		               _("No company account \"%s\"; a manager adds it with 'frontdesk company add "
		                 "NAME --direct-bill --credit-limit AMOUNT' (see 'frontdesk company list')."),
		               key);
	return st;
}

/* May `extra` more (minor units) be billed to the account named `name`?
 * It must allow direct billing, and what it owes (with extra) must stay
 * within its credit limit. */
enum fd_status op_company_can_bill(struct op_ctx *c, const char *name, int64_t extra, struct fd_company *out)
{
	struct fd_company co;
	enum fd_status st = op_company_load(c, name, &co);
	if (st)
		return st;
	if (out)
		*out = co;
	if (!co.direct_bill)
		return fd_fail(c->err, FD_E_CONFLICT, "no_direct_bill", "company",
		               _("%s's account does not allow direct billing; the guest pays, or a manager "
		                 "allows it with 'frontdesk company update \"%s\" --direct-bill'."),
		               co.name, co.name);
	int64_t owed = 0;
	if ((st = c->repo->company_balance(c->repo->ctx, co.name, &owed, c->err)))
		return st;
	if (owed + extra <= co.credit_limit)
		return FD_OK;
	char a[FD_MONEY_STRLEN], b[FD_MONEY_STRLEN];
	return fd_fail(c->err, FD_E_CONFLICT, "credit_limit", "company",
	               _("%s's account would owe %s, above its credit limit of %s; the guest pays, or a "
	                 "manager raises the limit."),
	               co.name, fd_money_format(owed + extra, c->prop.currency, a, sizeof a),
	               fd_money_format(co.credit_limit, c->prop.currency, b, sizeof b));
}
