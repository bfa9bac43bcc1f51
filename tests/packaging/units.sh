#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The systemd units of packaging/: the server does not start without a
# database (the condition names the file the server opens, in the shipped
# configuration's data directory), the per-hotel template is the same
# hardened service, the timers' services use settings the shipped
# maintenance.env defines, the audit timer is not enabled by the package,
# Type=notify only when the server speaks sd_notify, and systemd-analyze
# verify accepts every unit.
set -u
: "${top_srcdir:?}"
p=$top_srcdir/packaging
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fd-units.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
units="frontdeskd.service frontdeskd@.service frontdeskd-backup.service frontdeskd-backup.timer
frontdeskd-audit.service frontdeskd-audit.timer"

# The database the server opens: DATA/frontdeskd.db (src/server/sdb.c).
grep -q '"%s/frontdeskd.db"' "$top_srcdir/src/server/sdb.c" || bad "sdb.c no longer opens DATA/frontdeskd.db"
data=$(sed -n 's/^data *= *//p' "$top_srcdir/data/frontdeskd.conf")
for u in frontdeskd.service frontdeskd-backup.service frontdeskd-audit.service; do
	grep -qx "ConditionPathExists=$data/frontdeskd.db" "$p/$u" &&
		ok "$u starts only once $data/frontdeskd.db exists" ||
		bad "$u lacks ConditionPathExists=$data/frontdeskd.db"
done
grep -qx 'ConditionPathExists=/var/lib/frontdeskd/%i/frontdeskd.db' "$p/frontdeskd@.service" &&
	grep -qx 'ConditionPathExists=/etc/frontdesk/frontdeskd-%i.conf' "$p/frontdeskd@.service" &&
	ok "frontdeskd@.service waits for its hotel's database and configuration" ||
	bad "frontdeskd@.service lacks its conditions"

# The template is frontdeskd.service but for the configuration and data paths.
sed -n '/^\[Service\]/,$p' "$p/frontdeskd.service" | grep -v '^#' |
	sed -e 's|--config /etc/frontdesk/frontdeskd.conf$|--config /etc/frontdesk/frontdeskd-%i.conf --data /var/lib/frontdeskd/%i|' \
	    -e 's|^StateDirectory=frontdeskd$|StateDirectory=frontdeskd/%i|' >"$tmp/want"
sed -n '/^\[Service\]/,$p' "$p/frontdeskd@.service" | grep -v '^#' >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
	ok "frontdeskd@.service is frontdeskd.service with per-hotel paths"
else
	bad "frontdeskd@.service drifted from frontdeskd.service:"; diff "$tmp/want" "$tmp/got"
fi

# Type=notify exactly when the server tells systemd it is ready.
if grep -rqs 'NOTIFY_SOCKET\|sd_notify' "$top_srcdir/src/server"; then want=notify; else want=simple; fi
for u in frontdeskd.service frontdeskd@.service; do
	grep -qx "Type=$want" "$p/$u" && ok "$u: Type=$want" || bad "$u: want Type=$want"
done

# Every variable a timer's service uses is set in maintenance.env.
for v in $(grep -oh 'FRONTDESKD_[A-Z_]*' "$p/frontdeskd-backup.service" "$p/frontdeskd-audit.service" \
	"$p/frontdeskd-backup" | sort -u); do
	grep -q "^$v=" "$p/maintenance.env" || bad "$v is not in maintenance.env"
done
grep -qx 'FRONTDESKD_AUDIT_AS=' "$p/maintenance.env" && ok "no manager is named by default"
grep -q 'ExecStart=/usr/libexec/frontdesk/frontdeskd-backup ' "$p/frontdeskd-backup.service" &&
	[ -x "$p/frontdeskd-backup" ] && ok "the backup service runs the installed frontdeskd-backup" ||
	bad "frontdeskd-backup.service does not run pkglibexecdir/frontdeskd-backup"
# The backup directory of the env file is the one the sandbox lets it write.
bdir=$(sed -n 's/^FRONTDESKD_BACKUP_DIR=//p' "$p/maintenance.env")
grep -qx "ReadWritePaths=$bdir" "$p/frontdeskd-backup.service" && ok "backups may be written to $bdir" ||
	bad "frontdeskd-backup.service cannot write $bdir"

# The packages enable the backup timer, not the audit timer.
grep -q 'dh_installsystemd.*--no-enable --no-start frontdeskd-audit.timer' "$p/debian/rules" &&
	ok "Debian: the audit timer is not enabled on install" || bad "Debian enables the audit timer"
for u in $units; do
	case $u in *@*) continue ;; esac
	grep -q "$u" "$p/debian/rules" || bad "debian/rules does not install $u"
	grep -q "$u" "$p/rpm/frontdesk.spec" || bad "the RPM spec does not install $u"
done
grep -q '%systemd_post.*frontdeskd-audit.timer' "$p/rpm/frontdesk.spec" &&
	ok "RPM: the audit timer follows the presets (disabled)" || bad "RPM spec lacks the audit timer's scriptlets"

# systemd's own check (the installed programs do not exist here).
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir "$tmp/u"
	for u in $units; do cp "$p/$u" "$tmp/u/"; done
	cp "$tmp/u/frontdeskd@.service" "$tmp/u/frontdeskd@test.service"
	(cd "$tmp/u" && systemd-analyze verify --man=no ./frontdeskd.service ./frontdeskd@test.service \
		./frontdeskd-backup.service ./frontdeskd-backup.timer ./frontdeskd-audit.service \
		./frontdeskd-audit.timer) >"$tmp/verify" 2>&1
	grep -v -e 'Command /usr/sbin/frontdeskd is not executable' \
		-e 'Command /usr/libexec/frontdesk/frontdeskd-backup is not executable' "$tmp/verify" >"$tmp/verify2"
	[ -s "$tmp/verify2" ] && { bad "systemd-analyze verify:"; cat "$tmp/verify2"; } ||
		ok "systemd-analyze verify accepts every unit"
else
	echo "note: no systemd-analyze here; units not verified"
fi
exit $fail
