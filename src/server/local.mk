# SPDX-License-Identifier: GPL-3.0-or-later
# src/server: frontdeskd, the central API server (see src/server/api.c for
# the wire format, data/openapi.yaml for the full description).
sbin_PROGRAMS += frontdeskd
frontdeskd_SOURCES = \
	src/server/server.h src/server/reply.h src/server/route.h \
	src/server/main.c src/server/admin.c src/server/sdb.c \
	src/server/auth.c src/server/push.c src/server/feed.c \
	src/server/api.c src/server/http.c
frontdeskd_SOURCES += src/server/reply.c src/server/route.c
frontdeskd_SOURCES += src/server/token.c src/server/token.h
frontdeskd_SOURCES += src/server/sign_in.c src/server/sign_in.h
frontdeskd_SOURCES += src/server/session_cache.c src/server/session_cache.h
frontdeskd_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(SODIUM_CFLAGS) $(INIH_CFLAGS) $(GNUTLS_CFLAGS)
frontdeskd_LDADD = libfddemo.a libfddoc.a libfdstore.a libfdcore.a $(EXTERNAL_LIBS) $(GNUTLS_LIBS)
dist_pkgdata_DATA += data/openapi.yaml

SERVER_TESTS = tests/server/test_server.sh tests/server/test_server_sync.sh tests/server/test_openapi.sh
TESTS += $(SERVER_TESTS)
EXTRA_DIST += $(SERVER_TESTS) tests/server/lib.sh
SERVER_TESTS += tests/server/test_routes.sh
# the OpenAPI validator installed by tests/server/test_openapi.sh
clean-local: clean-server-tools
clean-server-tools:
	rm -rf .npm-tools
.PHONY: clean-server-tools
SERVER_TESTS += tests/server/test_hostile_json.sh
SERVER_TESTS += tests/server/test_shapes.sh
SERVER_TESTS += tests/server/test_listen.sh
SERVER_TESTS += tests/server/test_damaged.sh
frontdeskd_SOURCES += src/server/mail.c
frontdeskd_CFLAGS += $(CURL_CFLAGS)
SERVER_TESTS += tests/server/test_mail.sh
EXTRA_DIST += tests/server/smtpd.py
SERVER_TESTS += tests/server/test_audit.sh
SERVER_TESTS += tests/server/test_push_batch.sh
SERVER_TESTS += tests/server/test_enroll_throttle.sh
SERVER_TESTS += tests/server/test_log_level.sh
SERVER_TESTS += tests/server/test_health_reuse.sh
SERVER_TESTS += tests/server/test_mail_wake.sh
SERVER_TESTS += tests/server/test_push_wake.sh
SERVER_TESTS += tests/server/test_session_cache.sh
frontdeskd_SOURCES += src/server/refusal.c
frontdeskd_SOURCES += src/server/erasures.c
# log lines with journal priorities; backup before a schema upgrade;
# admin lists; scrape token; trusted proxies; sd_notify; SIGHUP reload
frontdeskd_SOURCES += src/server/log.c src/server/log.h
SERVER_TESTS += tests/server/test_upgrade_backup.sh
SERVER_TESTS += tests/server/test_options.sh
SERVER_TESTS += tests/server/test_admin_lists.sh
SERVER_TESTS += tests/server/test_systemd.sh
frontdeskd_SOURCES += src/server/proxy.c
SERVER_TESTS += tests/server/test_proxy.sh
frontdeskd_SOURCES += src/server/metrics.c
SERVER_TESTS += tests/server/test_metrics.sh
SERVER_TESTS += tests/server/test_progress.sh
frontdeskd_SOURCES += src/server/public.c
SERVER_TESTS += tests/server/test_public.sh
# frontdeskd on PostgreSQL (database = postgresql://...; doc/scale-out.md)
frontdeskd_SOURCES += src/server/backend_pg.c
frontdeskd_SOURCES += src/server/pg_chain.h src/server/pg_property.c
frontdeskd_SOURCES += src/server/pg_report.c
frontdeskd_CFLAGS += $(PQ_CFLAGS)
frontdeskd_LDADD += libfdpg.a libfdstore.a libfdcore.a $(PQ_LIBS) $(EXTERNAL_LIBS)
SERVER_TESTS += tests/server/test_free_text.sh
SERVER_TESTS += tests/server/test_erased_ids.sh
frontdeskd_SOURCES += src/server/pg_feed.c
SERVER_TESTS += tests/server/test_new_epoch.sh
SERVER_TESTS += tests/server/test_language.sh
# the administration pane's endpoints: staff with a password, devices, enrolment codes
frontdeskd_SOURCES += src/server/admin_api.c src/server/admin_api.h
SERVER_TESTS += tests/server/test_admin_api.sh
# the throwaway hotel of frontdesk --demo: its cheap passwords, and no other's
SERVER_TESTS += tests/server/test_throwaway.sh
SERVER_TESTS += tests/server/test_feed_entity.sh
SERVER_TESTS += tests/server/test_feed_names.sh
SERVER_TESTS += tests/server/test_timezone.sh
frontdeskd_SOURCES += src/server/pg_lists.c
# the administration lists' one layout on either store
frontdeskd_SOURCES += src/server/admin_lists.c src/server/admin_lists.h
frontdeskd_SOURCES += src/server/pg_actor.c
frontdeskd_SOURCES += src/server/pg_audit.c
frontdeskd_SOURCES += src/server/pg_throttle.c
frontdeskd_SOURCES += src/server/pg_conflicts.c
# frontdeskd migrate --to postgresql://... (a SQLite hotel into PostgreSQL)
frontdeskd_SOURCES += src/server/migrate.c
frontdeskd_SOURCES += src/server/pg_read.c
frontdeskd_SOURCES += src/server/pg_push.c src/server/pg_erasures.c
frontdeskd_SOURCES += src/server/pg_admin.c
frontdeskd_SOURCES += src/server/push_rules.c src/server/push_rules.h
frontdeskd_SOURCES += src/server/pg_night_audit.c
frontdeskd_SOURCES += src/server/pg_mail.c
frontdeskd_SOURCES += src/server/pg_public.c src/server/public_store.h
# the administration commands on PostgreSQL: their table (pg_commands.c) and the files that hold them
frontdeskd_SOURCES += src/server/pg_commands.h src/server/pg_commands.c
frontdeskd_SOURCES += src/server/pg_setup.c src/server/pg_users.c src/server/pg_demo.c src/server/pg_backup.c
SERVER_TESTS += tests/server/test_large_request.sh
