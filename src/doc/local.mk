# SPDX-License-Identifier: GPL-3.0-or-later
# src/doc: documents laid out for people (text, and PDF with cairo and pango).
noinst_LIBRARIES += libfddoc.a
libfddoc_a_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS) $(PANGOCAIRO_CFLAGS)
libfddoc_a_SOURCES = src/doc/doc.h src/doc/text.c src/doc/pdf.c src/doc/pack.c src/doc/pack.h

TESTS += tests/doc/documents.sh
EXTRA_DIST += tests/doc/documents.sh
CLEANFILES += tests/doc/bill-1.png

TESTS += tests/doc/outage_pack.sh
EXTRA_DIST += tests/doc/outage_pack.sh

TESTS += tests/doc/quantity.sh
EXTRA_DIST += tests/doc/quantity.sh
libfddoc_a_SOURCES += src/doc/lang.c

TESTS += tests/doc/language.sh
EXTRA_DIST += tests/doc/language.sh

TESTS += tests/doc/mail_erase.sh
EXTRA_DIST += tests/doc/mail_erase.sh
libfddoc_a_SOURCES += src/doc/build.c
