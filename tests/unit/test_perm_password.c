// SPDX-License-Identifier: GPL-3.0-or-later
/* Who may set a colleague's password at the server (core/perm.h,
 * fd_perm_password_allows): an administrator anyone's, a manager only
 * those of the roles below their own, staff and guests nobody's. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/perm.h"

static void test_admin_sets_anyones(void **state)
{
	(void)state;
	assert_true(fd_perm_password_allows(FD_ROLE_ADMIN, FD_ROLE_ADMIN));
	assert_true(fd_perm_password_allows(FD_ROLE_ADMIN, FD_ROLE_MANAGER));
	assert_true(fd_perm_password_allows(FD_ROLE_ADMIN, FD_ROLE_STAFF));
}

static void test_manager_only_below(void **state)
{
	(void)state;
	assert_true(fd_perm_password_allows(FD_ROLE_MANAGER, FD_ROLE_STAFF));
	assert_true(fd_perm_password_allows(FD_ROLE_MANAGER, FD_ROLE_GUEST));
	assert_false(fd_perm_password_allows(FD_ROLE_MANAGER, FD_ROLE_MANAGER));
	assert_false(fd_perm_password_allows(FD_ROLE_MANAGER, FD_ROLE_ADMIN));
}

static void test_staff_none(void **state)
{
	(void)state;
	assert_false(fd_perm_password_allows(FD_ROLE_STAFF, FD_ROLE_GUEST));
	assert_false(fd_perm_password_allows(FD_ROLE_STAFF, FD_ROLE_STAFF));
	assert_false(fd_perm_password_allows(FD_ROLE_GUEST, FD_ROLE_GUEST));
	assert_false(fd_perm_allows(FD_ROLE_STAFF, "staff.password"));
	assert_true(fd_perm_allows(FD_ROLE_MANAGER, "staff.password"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_admin_sets_anyones),
	    cmocka_unit_test(test_manager_only_below),
	    cmocka_unit_test(test_staff_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
