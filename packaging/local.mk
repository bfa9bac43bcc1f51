# SPDX-License-Identifier: GPL-3.0-or-later
# packaging: Debian and RPM packaging, the systemd unit, the CI step.
# See the comment at the top of Makefile.am. Nothing here is built by
# 'make'; it all goes into the tarball so packages build from it.

EXTRA_DIST += \
	packaging/README.md \
	packaging/build-deps.txt \
	packaging/pkg-deps.txt \
	packaging/frontdeskd.service \
	packaging/build-deb \
	packaging/test-deb \
	packaging/build-rpm \
	packaging/ci-packages \
	packaging/debian/changelog \
	packaging/debian/control \
	packaging/debian/copyright \
	packaging/debian/rules \
	packaging/debian/source/format \
	packaging/debian/frontdesk.install \
	packaging/debian/frontdeskd.install \
	packaging/debian/frontdeskd.postinst \
	packaging/debian/frontdeskd.postrm \
	packaging/rpm/frontdesk.spec

# The online backup with retention that frontdeskd-backup.timer runs.
dist_pkglibexec_SCRIPTS = packaging/frontdeskd-backup
TESTS += tests/packaging/backup_retention.sh
EXTRA_DIST += tests/packaging/backup_retention.sh
# Units, the timers' settings and the system user (the packages install
# them from the tarball's packaging/); the autopkgtest; release notes.
EXTRA_DIST += \
	packaging/frontdeskd@.service \
	packaging/frontdeskd-backup.service \
	packaging/frontdeskd-backup.timer \
	packaging/frontdeskd-audit.service \
	packaging/frontdeskd-audit.timer \
	packaging/maintenance.env \
	packaging/frontdeskd.sysusers \
	packaging/debian/frontdesk.docs \
	packaging/debian/frontdeskd.docs \
	packaging/debian/tests/control \
	packaging/debian/tests/installed \
	NEWS
TESTS += tests/packaging/units.sh tests/packaging/version.sh
EXTRA_DIST += tests/packaging/units.sh tests/packaging/version.sh
