# SPDX-License-Identifier: GPL-3.0-or-later
# src/core: the hotel domain, pure C with no I/O (rules, operations and their
# handlers, folios, night audit, KPIs). Storage is reached only through
# struct fd_repo (repo.h).
noinst_LIBRARIES += libfdcore.a
libfdcore_a_SOURCES = \
	src/core/error.c src/core/error.h \
	src/core/i18n.h \
	src/core/date.c src/core/date.h \
	src/core/money.c src/core/money.h \
	src/core/entity.c src/core/entity.h \
	src/core/repo.h \
	src/core/perm.c src/core/perm.h \
	src/core/text.c src/core/text.h \
	src/core/json.c src/core/json.h \
	src/core/card.c src/core/card.h \
	src/core/table.c src/core/table.h \
	src/core/op.c src/core/op.h \
	src/core/op_booking.c src/core/op_room.c src/core/op_people.c \
	src/core/op_conflict.c \
	src/core/op_internal.h \
	src/core/folio.c src/core/folio.h \
	src/core/kpi.c src/core/kpi.h \
	src/core/op_folio.c src/core/op_folio.h \
	src/core/op_audit.c src/core/op_block.c \
	src/core/document.c src/core/document.h src/core/op_document.c \
	src/core/invoice.c src/core/invoice.h src/core/op_invoice.c
libfdcore_a_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
libfdcore_a_SOURCES += src/core/op_company.c
libfdcore_a_SOURCES += src/core/snaptoken.c src/core/snaptoken.h
libfdcore_a_SOURCES += src/core/mail.c src/core/mail.h
libfdcore_a_SOURCES += src/core/i18n.c
libfdcore_a_SOURCES += src/core/guest.c src/core/guest.h
libfdcore_a_SOURCES += src/core/op_group.c
libfdcore_a_SOURCES += src/core/policy.c src/core/policy.h
libfdcore_a_SOURCES += src/core/rate.c src/core/rate.h src/core/op_rate.c
libfdcore_a_SOURCES += src/core/offer.c src/core/offer.h
libfdcore_a_SOURCES += src/core/zone.c src/core/zone.h
libfdcore_a_SOURCES += src/core/terms.c src/core/terms.h
libfdcore_a_SOURCES += src/core/avail.c src/core/avail.h
