#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line speaks the user's language once installed: configure the
# same sources into a temporary prefix (the message catalogues are found
# through the LOCALEDIR compiled in, so the build under test cannot be
# pointed elsewhere), install, and check translated help and errors under
# LANGUAGE=de/fr/es/pt.
#
# Not covered here yet: locale formatting of dates, numbers and money
# (needs the core's formatting functions to take the locale into account).
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fd-i18n.XXXXXX") || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0

# A source tree configured in place (a package build) cannot be configured
# again elsewhere: then configure a clean copy made by 'make distdir'.
src=$top_srcdir
if [ -f "$top_srcdir/config.status" ]; then
	# (gettext's po/ rules want distdir relative to the top build directory)
	rel=$(realpath --relative-to="$top_builddir" "$tmp/src")
	make -C "$top_builddir" distdir distdir="$rel" >"$tmp/distdir.log" 2>&1 || {
		echo "locale.sh: make distdir failed:"; tail -n 20 "$tmp/distdir.log"; exit 1
	}
	src=$tmp/src
fi
# Build without sanitizers or -Werror: this test is about catalogues.
(cd "$tmp" && mkdir build && cd build &&
	env -u CFLAGS -u LDFLAGS "$src/configure" -q --prefix="$tmp/inst" \
		--disable-dependency-tracking >../configure.log 2>&1 &&
	make -j2 frontdesk >../make.log 2>&1 &&
	make -C po install >>../make.log 2>&1 &&
	make install-binPROGRAMS >>../make.log 2>&1) || {
	echo "locale.sh: building into a temporary prefix failed:"
	tail -n 30 "$tmp/configure.log" "$tmp/make.log" 2>/dev/null
	exit 1
}
fd="$tmp/inst/bin/frontdesk"
for l in de fr es pt; do
	if [ ! -f "$tmp/inst/share/locale/$l/LC_MESSAGES/frontdesk.mo" ]; then
		echo "FAIL: make install did not install the $l catalogue"
		fail=1
	fi
done

# expect LANG STREAM TEXT ARGS...: the output of frontdesk ARGS under
# LANGUAGE=LANG contains TEXT.
expect() {
	l=$1 stream=$2 text=$3
	shift 3
	if [ "$stream" = out ]; then
		out=$(LC_ALL=C.UTF-8 LANGUAGE=$l "$fd" "$@" 2>/dev/null)
	else
		out=$(LC_ALL=C.UTF-8 LANGUAGE=$l "$fd" "$@" 2>&1 >/dev/null)
	fi
	case $out in
	*"$text"*) echo "ok: LANGUAGE=$l frontdesk $* shows '$text'" ;;
	*) echo "FAIL: LANGUAGE=$l frontdesk $*: expected '$text' in:"; echo "$out"; fail=1 ;;
	esac
}

expect de out "Befehle:" --help
expect de out "ein leeres Hotel anlegen" help
expect de err "unbekannter Befehl 'nosuch'" nosuch
expect fr out "Commandes :" --help
expect fr out "créer l'hôtel de démonstration" help
expect fr err "commande inconnue 'nosuch'" nosuch
expect es out "Órdenes:" --help
expect es out "registrar la entrada de un huésped" help
expect es err "orden desconocida 'nosuch'" nosuch
expect pt out "Comandos:" --help
expect pt out "fazer o check-in de um hóspede" help
expect pt err "comando desconhecido 'nosuch'" nosuch
# English stays the fallback for a language without a catalogue.
expect sv out "Commands:" --help

# A translated error still exits with the usage status.
LC_ALL=C.UTF-8 LANGUAGE=de "$fd" nosuch >/dev/null 2>&1
rc=$?
if [ "$rc" -ne 2 ]; then
	echo "FAIL: unknown command under LANGUAGE=de exited $rc, expected 2"
	fail=1
fi

# The terminal application speaks the language too, in a real terminal.
data="$tmp/hotel"
"$fd" --data "$data" init --property "Hotel Sprache" --currency EUR --timezone Europe/Berlin \
	--date 2026-11-25 >/dev/null &&
	"$fd" --data "$data" type add STD --name Standard --max 2 --rate 90 >/dev/null &&
	"$fd" --data "$data" room add 101 --type STD --floor 1 >/dev/null || { echo "FAIL: hotel for the UI"; exit 1; }
sock="$tmp/tmux.sock"
# ui_shows LANG TEXT...: the application under LANGUAGE=LANG shows every TEXT.
ui_shows() {
	l=$1
	shift
	tmux -S "$sock" -f /dev/null new-session -d -s ui -x 100 -y 30 \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE=$l $fd --data $data; sleep 30" || { fail=1; return; }
	for text in "$@"; do
		i=0
		until tmux -S "$sock" capture-pane -p -t ui | grep -qF -- "$text"; do
			i=$((i + 1))
			if [ $i -gt 100 ]; then
				echo "FAIL: LANGUAGE=$l application does not show '$text':"
				tmux -S "$sock" capture-pane -p -t ui
				fail=1
				break
			fi
			sleep 0.05
		done
		[ $i -le 100 ] && echo "ok: LANGUAGE=$l application shows '$text'"
	done
	tmux -S "$sock" kill-server 2>/dev/null
	sleep 0.2
}
ui_shows de "Zimmerplan" "Anreisen"
ui_shows pt "Mapa"
exit $fail
