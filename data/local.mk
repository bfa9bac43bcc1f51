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
TESTS += tests/i18n/locale.sh
EXTRA_DIST += tests/i18n/locale.sh tools/po-check tools/install-deps tools/quickstart

# Man pages render without warnings (groff via man, as users see them).
.PHONY: check-man
check-man:
	@fail=0; for m in $(dist_man_MANS); do \
	  out=$$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l $(srcdir)/$$m 2>&1 >/dev/null); \
	  if test -n "$$out"; then echo "$$m:"; echo "$$out"; fail=1; fi; \
	done; exit $$fail
