#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The booking page of a chain's server in a real browser (headless
# chromium by playwright-core, as test_booking_page.sh): frontdeskd on
# PostgreSQL holding two hotels. The page opened with ?hotel=FARO shows
# and books Faro's rooms; the widget in the hotel's site with
# data-hotel="PORTO" shows and books Porto's; the page without a hotel
# shows the server's error naming the parameter. Skips (77) only when
# chromium itself cannot start.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
command -v node >/dev/null || { echo "FAIL: node is needed for the browser test" >&2; exit 1; }
command -v npm >/dev/null || { echo "FAIL: npm is needed for the browser test" >&2; exit 1; }
CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || { echo "FAIL: chromium is not installed (packaging/build-deps.txt)" >&2; exit 1; }
export CHROMIUM
NPM_TOOLS=${top_builddir:?}/.npm-browser
export NPM_TOOLS
if [ ! -f "$NPM_TOOLS/node_modules/playwright-core/package.json" ] || [ ! -f "$NPM_TOOLS/node_modules/axe-core/axe.min.js" ]; then
	mkdir -p "$NPM_TOOLS"
	npm install --silent --no-audit --no-fund --prefer-offline --prefix "$NPM_TOOLS" \
		playwright-core@1 axe-core@4 >"$NPM_TOOLS/install.log" 2>&1 ||
		{ echo "FAIL: npm install playwright-core axe-core: $(tail -5 "$NPM_TOOLS/install.log")" >&2; exit 1; }
fi
OUT=$top_builddir/tests/browser/screenshots-chain
rm -rf "$OUT"
mkdir -p "$OUT"
SITE_PID=
trap '[ -n "$SITE_PID" ] && kill "$SITE_PID" 2>/dev/null; pg_cleanup' EXIT
pg_start
FDP() { "$FD" --database "$PG_URI" "$@"; }
printf 'correct horse battery\n' > "$T/pw"
mkdir -p "$D"
FDP property add PORTO --name "Porto Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null &&
	FDP property add FARO --name "Faro Beach" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null &&
	FDP user add pia --role admin --property PORTO --password-file "$T/pw" >/dev/null &&
	FDP user add fab --role admin --property FARO --password-file "$T/pw" >/dev/null || { echo "FAIL: setting up" >&2; exit 1; }
POR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'PORTO'")
FAR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'FARO'")
SITE_PORT=$(pg_free_port)
pg_serve A --book-dir "$top_srcdir/data/book" --public-origins "http://localhost:$SITE_PORT"
URL=$A_URL
desk() { # HOTEL USER -> session token
	_code=$(FDP enroll-code --property "$1" 2>/dev/null)
	_dev=$(body POST /v1/devices "{\"code\":\"$_code\",\"name\":\"$1 desk\"}" | jq -r .token)
	sign_in "$_dev" "$2"
}
DEVN=1
check "Porto's rooms" "applied applied" \
	"$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 1 10)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 2 10)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}")]}" "$(desk PORTO pia)" | jq -r '[.results[].status] | join(" ")')"
DEVN=2
check "Faro's rooms" "applied applied applied applied" \
	"$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 1 20)\",\"code\":\"DBL\",\"name\":\"Sea double\",\"max_occupancy\":2,\"base_rate\":12000}"),
$(op 2 room.create "{\"id\":\"$(uuid 2 20)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 room_type.create "{\"id\":\"$(uuid 3 20)\",\"code\":\"SUI\",\"name\":\"Suite\",\"max_occupancy\":4,\"base_rate\":25000,\"rank\":5}"),
$(op 4 room.create "{\"id\":\"$(uuid 4 20)\",\"number\":\"301\",\"type\":\"SUI\",\"floor\":3}")]}" "$(desk FARO fab)" | jq -r '[.results[].status] | join(" ")')"

browse() { # NAME PAGE
	_rc=0
	node "$top_srcdir/tests/browser/booking.js" chain "$2" "$OUT" >"$T/$1.out" 2>&1 || _rc=$?
	cat "$T/$1.out"
	if [ $_rc = 77 ]; then
		echo "SKIP: chromium cannot start here; the chain's booking page was not tested in a browser"
		exit 77
	fi
	[ $_rc = 0 ] || fail "the page for $1 in the browser"
}
# the page with ?hotel=FARO
browse faro "$A_URL/book/?hotel=FARO&lang=en"
offers=$(sed -n 's/^OFFERS //p' "$T/faro.out")
check "?hotel=FARO: Faro's two types are offered" 2 "$(echo "$offers" | awk -F'|' '{print NF}')"
case $offers in "Sea double"*"|Suite"*) ok "... the sea double and the suite" ;; *) fail "Faro's offers: $offers" ;; esac
code=$(sed -n 's/^CODE //p' "$T/faro.out")
check "... and booked there" "$FAR|web" "$(pg_psql -c "SELECT property_id, source FROM bookings WHERE code = '$code'")"

# the widget in the hotel's site, data-hotel="PORTO"
mkdir -p "$T/site"
cat >"$T/site/index.html" <<HTML
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Porto Hotel</title></head>
<body><main><h1>Porto Hotel</h1><div id="frontdesk-booking" data-hotel="PORTO" data-lang="en"></div></main>
<script src="$A_URL/book/book.js"></script></body></html>
HTML
python3 -m http.server "$SITE_PORT" --bind 127.0.0.1 --directory "$T/site" >"$T/site.log" 2>&1 &
SITE_PID=$!
i=0
until curl -s -o /dev/null "http://localhost:$SITE_PORT/"; do
	i=$((i + 1)); [ $i -lt 50 ] || { fail "the website did not start: $(cat "$T/site.log")"; break; }
	sleep 0.1
done
browse porto "http://localhost:$SITE_PORT/"
check "data-hotel=\"PORTO\": Porto's one type is offered" 1 "$(sed -n 's/^OFFERS //p' "$T/porto.out" | awk -F'|' '{print NF}')"
sed -n 's/^OFFERS //p' "$T/porto.out" | grep -q '^Double' && ok "... the double" || fail "Porto's offers: $(cat "$T/porto.out")"
code=$(sed -n 's/^CODE //p' "$T/porto.out")
check "... and booked there" "$POR|web" "$(pg_psql -c "SELECT property_id, source FROM bookings WHERE code = '$code'")"

# no hotel: the server's error, naming the parameter
browse none "$A_URL/book/?lang=en"
grep -q '^ALERT .*hotel=CODE' "$T/none.out" && ok "without a hotel the page shows the server's error naming hotel=CODE" ||
	fail "the page without a hotel: $(cat "$T/none.out")"
check "two bookings in all" 2 "$(pg_psql -c "SELECT count(*) FROM bookings")"
pg_stop_servers
LOG=$PG_WORK/A.log
finish
