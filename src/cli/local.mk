# SPDX-License-Identifier: GPL-3.0-or-later
# src/cli: the frontdesk command line. The terminal application (ui/) is
# linked into the same binary.
bin_PROGRAMS += frontdesk
frontdesk_SOURCES = \
	src/cli/main.c src/cli/commands.c src/cli/cli.c src/cli/cli.h \
	src/cli/render.c src/cli/render.h \
	src/cli/safe_output.c src/cli/safe_output.h \
	src/cli/table_print.c src/cli/table_print.h \
	src/cli/cmd_setup.c src/cli/cmd_list.c src/cli/cmd_board.c \
	src/cli/cmd_booking.c src/cli/cmd_room.c src/cli/cmd_admin.c \
	src/cli/cmd_folio.c src/cli/cmd_folio.h src/cli/cmd_report.c \
	src/cli/cmd_import.c src/cli/cmd_ical.c src/cli/cmd_sync.c \
	src/cli/cmd_document.c
frontdesk_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(CURL_CFLAGS) $(ICAL_CFLAGS)
frontdesk_LDADD = libfddoc.a libfdsession.a libfdsync.a libfddemo.a libfdstore.a libfdcore.a $(EXTERNAL_LIBS)
frontdesk_SOURCES += src/cli/cmd_company.c
frontdesk_SOURCES += src/cli/cmd_guest.c
frontdesk_SOURCES += src/cli/cmd_block.c
frontdesk_SOURCES += src/cli/cmd_policy.c
frontdesk_SOURCES += src/cli/cmd_rate.c
frontdesk_SOURCES += src/cli/cmd_feed.c
