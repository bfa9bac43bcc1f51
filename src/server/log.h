// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd's log: one line per event on standard error. While serving,
 * each line starts with its syslog priority as systemd's journal reads it
 * ("<3>" error, "<4>" warning, "<5>" notice, "<6>" info, "<7>" debug;
 * sd-daemon(3)), so
 * `journalctl -p warning -u frontdeskd` finds the problems; the admin
 * commands print plain lines for a person at a terminal. Not translated. */
#ifndef FD_SERVER_LOG_H
#define FD_SERVER_LOG_H

#include <stdarg.h>
#include <stdbool.h>

enum srv_log_level {
	SRV_LOG_ERR = 3,
	SRV_LOG_WARNING = 4,
	SRV_LOG_NOTICE = 5,
	SRV_LOG_INFO = 6,
	SRV_LOG_DEBUG = 7,
};

/* Lines less urgent than `most` are not written (log-level; the default
 * SRV_LOG_INFO). */
void srv_log_limit(enum srv_log_level most);
/* log-level's words ("err" ... "debug"): false for another word. */
bool srv_log_level_parse(const char *word, enum srv_log_level *out);

/* Lines carry the priority prefix from now on (serve). */
void srv_log_prefix(bool on);
/* "frontdeskd: " and the message, one line (the newline is added). */
void srv_log(enum srv_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void srv_vlog(enum srv_log_level level, const char *fmt, va_list ap);

/* Tell systemd (Type=notify) how the service is: "READY=1",
 * "RELOADING=1", "STOPPING=1", "STATUS=..." (sd_notify(3)): one datagram
 * to $NOTIFY_SOCKET; nothing when it is not set. */
void srv_notify(const char *state);

#endif
