// SPDX-License-Identifier: GPL-3.0-or-later
/* The administration endpoints a terminal calls (admin_api.c): staff with
 * their password, a password reset, the enrolled devices, revoking one,
 * enrolment codes, and a terminal asking whether it is still enrolled. */
#ifndef FD_SERVER_ADMIN_API_H
#define FD_SERVER_ADMIN_API_H

#include "server/route.h"

srv_handler srv_admin_staff_create, srv_admin_staff_password, srv_admin_devices, srv_admin_device_revoke,
    srv_admin_enroll_code, srv_admin_device_current;

#endif
