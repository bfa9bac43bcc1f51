# SPDX-License-Identifier: GPL-3.0-or-later
# The terminal application, linked into the frontdesk binary.
UI_SOURCES = \
	ui/ui.h ui/app.h ui/app.c ui/keys.h ui/keys.c ui/term.h ui/term.c \
	ui/draw.h ui/draw.c ui/sync_status.h ui/sync_status.c ui/colors.h ui/colors.c ui/config_lines.h ui/config_lines.c \
	ui/board.c ui/help.c ui/detail.c ui/form.c ui/lists.c ui/actions.h ui/actions.c ui/hk.c ui/staff.c ui/search.c ui/folio.h ui/folio.c ui/folio_ask.c ui/reports.c \
	ui/fixture.h ui/fixture.c ui/demo.c ui/demo_server.c ui/demo_server.h
frontdesk_SOURCES += $(UI_SOURCES)

# End-to-end tests in a real terminal (tmux); lib.sh is shared by them.
UI_TESTS = tests/ui/open.sh tests/ui/flow.sh tests/ui/form_errors.sh tests/ui/resize.sh tests/ui/hangup.sh tests/ui/headless.sh tests/ui/background.sh \
	tests/ui/two_desks.sh tests/ui/demo_server.sh tests/ui/folio.sh tests/ui/reports.sh
TESTS += $(UI_TESTS)
EXTRA_DIST += $(UI_TESTS) tests/ui/lib.sh

# frontdesk-ui(1): its KEYS section is generated from the command table.
noinst_PROGRAMS += ui/keys_man
ui_keys_man_SOURCES = ui/keys_man.c ui/keys.c ui/keys.h ui/config_lines.c ui/config_lines.h
ui_keys_man_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
ui_keys_man_LDADD = libfdcore.a $(NCURSES_LIBS) $(LIBINTL)
nodist_man_MANS = ui/frontdesk-ui.1
EXTRA_DIST += ui/frontdesk-ui.1.in
CLEANFILES += ui/frontdesk-ui.1 ui/keys.roff
ui/frontdesk-ui.1: $(srcdir)/ui/frontdesk-ui.1.in ui/keys_man$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) ui && ui/keys_man$(EXEEXT) > ui/keys.roff && \
	sed -e '/^\.SH KEYS$$/r ui/keys.roff' $(srcdir)/ui/frontdesk-ui.1.in > $@ && rm -f ui/keys.roff

# Unit tests of the UI's modules that need no terminal.
check_PROGRAMS += tests/unit/test_ui_keys tests/unit/test_query_desk
TESTS += tests/unit/test_ui_keys tests/unit/test_query_desk
tests_unit_test_ui_keys_SOURCES = tests/unit/test_ui_keys.c ui/keys.c ui/keys.h ui/config_lines.c ui/config_lines.h
tests_unit_test_ui_keys_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_unit_test_ui_keys_LDADD = $(UNIT_LDADD)
# The config file's readers: key bindings and colours, line by line.
check_PROGRAMS += tests/unit/test_ui_config
TESTS += tests/unit/test_ui_config
VALGRIND_TESTS += tests/unit/test_ui_config
tests_unit_test_ui_config_SOURCES = tests/unit/test_ui_config.c ui/config_lines.c ui/config_lines.h \
	ui/keys.c ui/keys.h ui/colors.c ui/colors.h
tests_unit_test_ui_config_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_unit_test_ui_config_LDADD = $(UNIT_LDADD)
tests_unit_test_query_desk_SOURCES = tests/unit/test_query_desk.c ui/fixture.c ui/fixture.h
tests_unit_test_query_desk_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_query_desk_LDADD = $(UNIT_LDADD)
TESTS += tests/ui/code_case.sh
EXTRA_DIST += tests/ui/code_case.sh
TESTS += tests/ui/search_given.sh
EXTRA_DIST += tests/ui/search_given.sh

# The line editor: edits UTF-8 text without a terminal.
frontdesk_SOURCES += ui/edit.h ui/edit.c
check_PROGRAMS += tests/unit/test_ui_edit
TESTS += tests/unit/test_ui_edit
VALGRIND_TESTS += tests/unit/test_ui_edit
tests_unit_test_ui_edit_SOURCES = tests/unit/test_ui_edit.c ui/edit.c ui/edit.h
tests_unit_test_ui_edit_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_unit_test_ui_edit_LDADD = $(UNIT_LDADD)
UI_TESTS += tests/ui/line_editor.sh
frontdesk_SOURCES += ui/list.h ui/list.c
check_PROGRAMS += tests/unit/test_ui_list
TESTS += tests/unit/test_ui_list
VALGRIND_TESTS += tests/unit/test_ui_list
tests_unit_test_ui_list_SOURCES = tests/unit/test_ui_list.c ui/list.c ui/list.h ui/draw.c ui/draw.h ui/edit.c
tests_unit_test_ui_list_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_unit_test_ui_list_LDADD = $(UNIT_LDADD) $(NCURSES_LIBS)
tests_unit_test_ui_list_SOURCES += ui/keys.c ui/config_lines.c
UI_TESTS += tests/ui/hk_cursor.sh
frontdesk_SOURCES += ui/term_check.c
UI_TESTS += tests/ui/confirm_rules.sh tests/ui/small_screen.sh
TESTS += tests/ui/rooms.sh
EXTRA_DIST += tests/ui/rooms.sh
TESTS += tests/ui/chooser.sh
EXTRA_DIST += tests/ui/chooser.sh
TESTS += tests/ui/guest_search.sh
EXTRA_DIST += tests/ui/guest_search.sh
frontdesk_SOURCES += ui/guest.c
TESTS += tests/ui/guests.sh
EXTRA_DIST += tests/ui/guests.sh
UI_TESTS += tests/ui/hk_phone.sh
UI_TESTS += tests/ui/hk_thirty.sh
UI_TESTS += tests/ui/languages.sh
UI_TESTS += tests/ui/form_quit.sh
UI_TESTS += tests/ui/manager_over.sh
TESTS += tests/ui/too_old.sh
EXTRA_DIST += tests/ui/too_old.sh
UI_TESTS += tests/ui/help_small.sh
UI_TESTS += tests/ui/day_use.sh
UI_TESTS += tests/ui/cancel_deposit.sh
UI_TESTS += tests/ui/rates.sh
frontdesk_SOURCES += ui/conflicts.c
TESTS += tests/ui/conflicts_pane.sh
EXTRA_DIST += tests/ui/conflicts_pane.sh
TESTS += tests/ui/pending_marker.sh
EXTRA_DIST += tests/ui/pending_marker.sh
EXTRA_DIST += tests/ui/sync_tmux.sh
frontdesk_SOURCES += ui/admin.c
TESTS += tests/ui/admin_staff.sh
EXTRA_DIST += tests/ui/admin_staff.sh
TESTS += tests/ui/admin_rooms.sh
EXTRA_DIST += tests/ui/admin_rooms.sh
TESTS += tests/ui/admin_settings.sh
EXTRA_DIST += tests/ui/admin_settings.sh
TESTS += tests/ui/admin_charges.sh
EXTRA_DIST += tests/ui/admin_charges.sh
frontdesk_SOURCES += ui/groups.c
TESTS += tests/ui/groups_pane.sh
EXTRA_DIST += tests/ui/groups_pane.sh
UI_TESTS += tests/ui/rate_plan_form.sh
frontdesk_SOURCES += ui/rategrid.c
UI_TESTS += tests/ui/rate_grid.sh
frontdesk_SOURCES += ui/document.c
UI_TESTS += tests/ui/documents.sh
UI_TESTS += tests/ui/mail_status.sh
frontdesk_SOURCES += ui/money.h ui/money.c
UI_TESTS += tests/ui/locale_money.sh
UI_TESTS += tests/ui/property_zone.sh
UI_TESTS += tests/ui/form_note.sh
UI_TESTS += tests/ui/hints_tabs.sh
UI_TESTS += tests/ui/hangup_gone.sh
TESTS += tests/ui/admin_server.sh
EXTRA_DIST += tests/ui/admin_server.sh
UI_TESTS += tests/ui/rate_grid_edit.sh
frontdesk_SOURCES += ui/deposits.c
UI_TESTS += tests/ui/deposits_due.sh
UI_TESTS += tests/ui/company_form.sh
UI_TESTS += tests/ui/repaint_bytes.sh
# the Reports pane's Chain view (a chain role, from the server)
frontdesk_SOURCES += ui/reports_chain.c ui/reports_chain.h
UI_TESTS += tests/ui/chain_report.sh
UI_TESTS += tests/ui/beside_board.sh
UI_TESTS += tests/ui/redraw_same.sh
UI_TESTS += tests/ui/board_scroll.sh
TESTS += tests/ui/first_sync.sh
EXTRA_DIST += tests/ui/first_sync.sh tests/sync/gateproxy.py
