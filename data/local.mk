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
# example Prometheus alert rules (frontdeskd(8), METRICS)
prometheusdir = $(pkgdatadir)/prometheus
dist_prometheus_DATA = data/prometheus/frontdeskd-alerts.yml
