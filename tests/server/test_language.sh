#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd speaks the language of its environment (LANG, as a systemd
# service has it from /etc/locale.conf, or LANGUAGE): a command's error and
# the refusal of a pushed operation, a restore refused, in German under LANG=de_DE.UTF-8, in
# English under C.UTF-8. The wire stays JSON in UTF-8.
. "${top_srcdir:?}/tests/server/lib.sh"

# German: the system's de_DE.UTF-8, or one made here (tools/install-deps
# generates it on a build machine).
DE="LC_ALL= LANGUAGE= LANG=de_DE.UTF-8"
if ! locale -a 2>/dev/null | grep -qix "de_DE.utf-\?8"; then
	mkdir -p "$T/locale"
	localedef -i de_DE -c -f UTF-8 "$T/locale/de_DE.UTF-8" 2>/dev/null ||
		{ echo "FAIL: no de_DE.UTF-8 locale (tools/install-deps makes it)" >&2; exit 1; }
	DE="$DE LOCPATH=$T/locale"
fi

init_hotel || { echo "FAIL: init" >&2; exit 1; }
printf 'correct horse battery\n' > "$T/pw"
msg=$(env $DE "$FD" --data "$D" user add wiz --role wizard --password-file "$T/pw" 2>&1)
check "a command's error under LANG=de_DE.UTF-8" \
	'frontdeskd: Unbekannte Rolle „wizard“; verwenden Sie admin, manager, staff oder guest.' "$msg"
msg=$(env LC_ALL=C.UTF-8 LANGUAGE=de "$FD" --data "$D" user add wiz --role wizard --password-file "$T/pw" 2>&1)
check "a command's error under LANGUAGE=de" \
	'frontdeskd: Unbekannte Rolle „wizard“; verwenden Sie admin, manager, staff oder guest.' "$msg"
msg=$(env LC_ALL=C.UTF-8 LANGUAGE= "$FD" --data "$D" user add wiz --role wizard --password-file "$T/pw" 2>&1)
check "a command's error under C.UTF-8" 'frontdeskd: Unknown role "wizard"; use admin, manager, staff or guest.' "$msg"

# The administration commands' own messages too (admin.c).
msg=$(env $DE "$FD" --data "$D" restore "$T/no-such-backup.db" 2>&1)
check "a restore's refusal under LANG=de_DE.UTF-8" \
	"frontdeskd: $T/no-such-backup.db kann nicht geöffnet werden; nichts wiederhergestellt." "$msg"
msg=$(env $DE "$FD" --data "$D" sessions revoke 0123456789abcdef 2>&1)
check "a session revoke that matches nothing, in German" \
	"frontdeskd: keine Sitzung passt zu 0123456789abcdef; nichts widerrufen" "$msg"

# The usage list after an unknown command: its headings and notes in German,
# the commands themselves as they are typed.
msg=$(env $DE "$FD" --data "$D" no-such-command 2>&1)
case $msg in
*"Aufruf: frontdeskd [--config FILE]"*"Befehle:"*"metrics-token [revoke]"*"ein Token, mit dem Prometheus /v1/metrics abruft"*)
	ok "the usage list in German" ;;
*) fail "the usage list is not in German: $msg" ;;
esac

# The server, started in German: a refused operation says why in German.
echo "--- start" >> "$LOG"
env $DE "$FD" --data "$D" serve --listen 127.0.0.1:0 2>>"$LOG" &
PID=$!
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$LOG" | tail -1)
	[ -n "$port" ] && break
	sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: server did not start" >&2; cat "$LOG" >&2; exit 1; }
URL=http://127.0.0.1:$port
ADM=$(sign_in "$(enroll desk-1)" admin)
DEVN=1
R=$(body POST /v1/ops "{\"ops\":[$(op 1 room.create '{"id":"'$(uuid 1 1)'","number":"101","type":"NOPE","floor":1}')]}" "$ADM")
check "the operation is refused" rejected "$(echo "$R" | jq -r '.results[0].status')"
MSG=$(echo "$R" | jq -r ".results[0].error.message")
case $MSG in
*Zimmertyp*) ok "the refusal is in German: $MSG" ;;
*) fail "the refusal is not in German: $MSG" ;;
esac
stop_server || fail "the server did not stop cleanly"
finish
