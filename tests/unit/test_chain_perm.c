// SPDX-License-Identifier: GPL-3.0-or-later
/* Chain roles (core/perm.h): what revenue and chain-admin may do in any
 * hotel of a chain, beside a person's role in a hotel: one rule. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/guest.h"
#include "core/perm.h"

static void names_parse_and_print(void **state)
{
	(void)state;
	enum fd_chain_role r = FD_CHAIN_ADMIN;
	assert_true(fd_chain_role_parse("revenue", &r));
	assert_int_equal(r, FD_CHAIN_REVENUE);
	assert_true(fd_chain_role_parse("chain-admin", &r));
	assert_int_equal(r, FD_CHAIN_ADMIN);
	assert_true(fd_chain_role_parse("none", &r));
	assert_int_equal(r, FD_CHAIN_NONE);
	assert_false(fd_chain_role_parse("admin", &r));
	assert_false(fd_chain_role_parse("", &r));
	assert_false(fd_chain_role_parse(NULL, &r));
	assert_string_equal(fd_chain_role_name(FD_CHAIN_REVENUE), "revenue");
	assert_string_equal(fd_chain_role_name(FD_CHAIN_ADMIN), "chain-admin");
	assert_string_equal(fd_chain_role_name(FD_CHAIN_NONE), "");
}

static void revenue_reads_reports_only(void **state)
{
	(void)state;
	const char *yes[] = {"report.read", "report.chain", "read.hotel", "read.changes"};
	const char *no[] = {"staff.create", "admin.users", "booking.create", "folio.pay",
	                    "room.create",  "rate.set",    "room.set_clean", "audit.night"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(fd_perm_person_allows(false, FD_ROLE_GUEST, FD_CHAIN_REVENUE, yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(fd_perm_person_allows(false, FD_ROLE_GUEST, FD_CHAIN_REVENUE, no[i]));
}

static void chain_admin_manages_users_only(void **state)
{
	(void)state;
	const char *yes[] = {"staff.create", "staff.update", "admin.users", "read.hotel", "read.changes"};
	const char *no[] = {"report.read", "report.chain",    "booking.create",
	                    "room.create", "property.update", "admin.devices"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(fd_perm_person_allows(false, FD_ROLE_GUEST, FD_CHAIN_ADMIN, yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_false(fd_perm_person_allows(false, FD_ROLE_GUEST, FD_CHAIN_ADMIN, no[i]));
}

static void hotel_role_and_chain_role_add_up(void **state)
{
	(void)state;
	/* a receptionist of this hotel who is also the chain's revenue manager */
	assert_true(fd_perm_person_allows(true, FD_ROLE_STAFF, FD_CHAIN_REVENUE, "booking.create"));
	assert_true(fd_perm_person_allows(true, FD_ROLE_STAFF, FD_CHAIN_REVENUE, "report.read"));
	assert_false(fd_perm_person_allows(true, FD_ROLE_STAFF, FD_CHAIN_NONE, "report.read"));
	/* no role here and no chain role: nothing */
	assert_false(fd_perm_person_allows(false, FD_ROLE_ADMIN, FD_CHAIN_NONE, "read.hotel"));
	/* the chain report is no hotel role's, however high */
	assert_false(fd_perm_person_allows(true, FD_ROLE_ADMIN, FD_CHAIN_NONE, "report.chain"));
	/* a hotel role alone: the table as before */
	assert_true(fd_perm_person_allows(true, FD_ROLE_ADMIN, FD_CHAIN_NONE, "staff.create"));
	assert_false(fd_perm_person_allows(true, FD_ROLE_MANAGER, FD_CHAIN_NONE, "staff.create"));
}

/* Shared guest profiles: what a returning guest's new profile takes. */
static void returning_guest_carry_over(void **state)
{
	(void)state;
	struct fd_guest known = {.vip = true};
	strcpy(known.preferences, "quiet room");
	strcpy(known.language, "pt");
	strcpy(known.notes, "the other hotel's note");
	strcpy(known.document, "P1234567");
	struct fd_guest g = {0};
	strcpy(g.family, "Costa");
	fd_guest_carry_over(&g, &known);
	assert_true(g.vip);
	assert_string_equal(g.preferences, "quiet room");
	assert_string_equal(g.language, "pt");
	assert_string_equal(g.notes, "");
	assert_string_equal(g.document, "");
	assert_string_equal(g.family, "Costa");
	/* what the new profile says itself stays */
	struct fd_guest h = {0};
	strcpy(h.preferences, "sea view");
	strcpy(h.language, "de");
	known.vip = false;
	fd_guest_carry_over(&h, &known);
	assert_false(h.vip);
	assert_string_equal(h.preferences, "sea view");
	assert_string_equal(h.language, "de");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_parse_and_print),
	    cmocka_unit_test(revenue_reads_reports_only),
	    cmocka_unit_test(chain_admin_manages_users_only),
	    cmocka_unit_test(hotel_role_and_chain_role_add_up),
	    cmocka_unit_test(returning_guest_carry_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
