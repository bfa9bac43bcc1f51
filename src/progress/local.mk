# SPDX-License-Identifier: GPL-3.0-or-later
# src/progress: the progress line of long work (count, rate, time left),
# shared by frontdesk (import, sync, the demo) and frontdeskd (demo,
# backup, restore), and the text the application's progress bar shows.
noinst_LIBRARIES += libfdprogress.a
libfdprogress_a_SOURCES = src/progress/progress.c src/progress/progress.h
frontdesk_LDADD += libfdprogress.a libfdcore.a
frontdeskd_LDADD += libfdprogress.a libfdcore.a
