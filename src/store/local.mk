# SPDX-License-Identifier: GPL-3.0-or-later
# src/store: SQLite. Every migration and every SQL query of the store's
# tables lives here: the repository core applies through, the queries the
# command line and the panes read, reports, the CSV bulk loader, the oplog.
noinst_LIBRARIES += libfdstore.a
libfdstore_a_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS) $(SODIUM_CFLAGS) $(CSV_CFLAGS)
libfdstore_a_SOURCES = \
	src/store/db.c src/store/db.h src/store/db_internal.h \
	src/store/schema.c src/store/schema_folio.c src/store/schema_sync.c \
	src/store/repo_sqlite.c src/store/repo_folio.c src/store/repo_invoice.c \
	src/store/fold.c src/store/fold.h \
	src/store/ids.c src/store/ids.h \
	src/store/oplog.c src/store/oplog.h \
	src/store/privacy.c src/store/privacy.h \
	src/store/query.c src/store/query.h \
	src/store/query_desk.c src/store/query_desk.h \
	src/store/report.c src/store/report.h \
	src/store/import.c src/store/import.h \
	src/store/row.c src/store/row.h
libfdstore_a_SOURCES += src/store/lookup.c src/store/lookup.h
libfdstore_a_SOURCES += src/store/cache.c src/store/cache.h
libfdstore_a_SOURCES += src/store/outbox.c src/store/outbox.h
libfdstore_a_SOURCES += src/store/dump.c src/store/dump.h
libfdstore_a_SOURCES += src/store/outbox_keep.c src/store/outbox_keep.h
libfdstore_a_SOURCES += src/store/encode.c src/store/encode.h
libfdstore_a_SOURCES += src/store/opsig.c src/store/opsig.h
libfdstore_a_SOURCES += src/store/schema_money.c
libfdstore_a_SOURCES += src/store/repo_company.c
libfdstore_a_SOURCES += src/store/schema_guests.c
libfdstore_a_SOURCES += src/store/audit.c src/store/audit.h
libfdstore_a_SOURCES += src/store/ical.c src/store/ical.h
libfdstore_a_CFLAGS += $(ICAL_CFLAGS)
libfdstore_a_SOURCES += src/store/snapstage.c src/store/snapstage.h
libfdstore_a_SOURCES += src/store/schema_docs.c
libfdstore_a_SOURCES += src/store/mail.c src/store/mail.h
libfdstore_a_SOURCES += src/store/repo_group.c src/store/group.h
libfdstore_a_SOURCES += src/store/rooming.c src/store/rooming.h
libfdstore_a_SOURCES += src/store/deposits.c src/store/deposits.h
libfdstore_a_SOURCES += src/store/repo_rate.c src/store/rates.h
libfdstore_a_SOURCES += src/store/schema_speed.c
libfdstore_a_SOURCES += src/store/schema_rebuild.c src/store/schema_rebuild.h
libfdstore_a_SOURCES += src/store/bulk.c src/store/bulk.h
libfdstore_a_SOURCES += src/store/zone.c src/store/zone.h
libfdstore_a_SOURCES += src/store/guest_stats.c src/store/guest_stats.h
libfdstore_a_SOURCES += src/store/record.c src/store/record.h
