# SPDX-License-Identifier: GPL-3.0-or-later
# data: man pages, default configuration, message-catalogue checks.
# See the comment at the top of Makefile.am.

dist_man_MANS += \
	data/man/frontdesk.1 \
	data/man/frontdesk.conf.5 \
	data/man/frontdeskd.8

# The server's configuration: installed as /etc/frontdesk/frontdeskd.conf by
# packages (a conffile there); listens on loopback only.
frontdeskconfdir = $(sysconfdir)/frontdesk
dist_frontdeskconf_DATA = data/frontdeskd.conf
# The terminal's configuration is optional; ship a commented example.
dist_doc_DATA = data/frontdesk.conf.example

# Translations: the command line under LANGUAGE=de/fr/es/pt after make install.
TESTS += tests/i18n/locale.sh tests/i18n/catalogues.sh tests/man/render.sh tests/data/server_conf.sh
EXTRA_DIST += tests/i18n/catalogues.sh tests/i18n/locale.sh tests/man/render.sh tests/data/server_conf.sh tools/po-check tools/install-deps tools/quickstart
# The catalogues where frontdesk run from the build tree finds them
# (src/cli/main.c: $(abs_top_builddir)/locale when the program runs from
# there), so an uninstalled build, tools/quickstart, speaks the language.
AM_CPPFLAGS += -DFD_BUILD_DIR=\"$(abs_top_builddir)\"
all-local: build-tree-locale
.PHONY: build-tree-locale
build-tree-locale:
	@for g in $(top_srcdir)/po/*.gmo; do \
		[ -f "$$g" ] || continue; \
		l=$$(basename "$$g" .gmo); d=locale/$$l/LC_MESSAGES; \
		mkdir -p "$$d" && { cmp -s "$$g" "$$d/$(PACKAGE).mo" || cp "$$g" "$$d/$(PACKAGE).mo"; }; \
	done
clean-local: clean-build-tree-locale
.PHONY: clean-build-tree-locale
clean-build-tree-locale:
	rm -rf locale
# example Prometheus alert rules (frontdeskd(8), METRICS)
prometheusdir = $(pkgdatadir)/prometheus
dist_prometheus_DATA = data/prometheus/frontdeskd-alerts.yml
# The guests' booking page, served by frontdeskd at /book/ (book-dir)
bookdir = $(pkgdatadir)/book
dist_book_DATA = data/book/index.html data/book/manage.html data/book/book.js data/book/book.css
