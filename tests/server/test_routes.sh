#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The route table (`frontdeskd routes`) against data/openapi.yaml in both
# directions (every route documented, every documented operation routed,
# with the same authentication), and the answers it drives: 404 for an
# unknown path, 405 with Allow: for a known path and the wrong method,
# metrics labelled by the route's pattern.
. "${top_srcdir:?}/tests/server/lib.sh"

spec=$top_srcdir/data/openapi.yaml
# METHOD PATH AUTH per operation, from the paths section (two-space paths,
# four-space methods, a six-space security: [] or - device: [] inside).
awk '
	function flush() { if (m != "") print toupper(m), p, a; m = "" }
	/^paths:/ { inpaths = 1; next }
	inpaths && /^[^ ]/ { flush(); inpaths = 0 }
	!inpaths { next }
	/^  \/[^ ]*:[ ]*$/ { flush(); p = $1; sub(/:$/, "", p); next }
	/^    (get|put|post|delete|patch|head|options):[ ]*$/ { flush(); m = $1; sub(/:$/, "", m); a = "session"; next }
	/^      security: \[\]/ { a = "none"; next }
	/^        - device: \[\]/ { a = "device"; next }
	/^        - link: \[\]/ { a = "link"; next }
	END { flush() }
' "$spec" | sort > "$T/documented"
"$FD" routes | awk '{ print $1, $2, $3 }' | sort > "$T/routed"
[ -s "$T/documented" ] || fail "no operations parsed from $spec"
[ -s "$T/routed" ] || fail "frontdeskd routes printed nothing"
missing=$(comm -23 "$T/routed" "$T/documented")
check "every route is documented in openapi.yaml (with its auth)" "" "$missing"
unrouted=$(comm -13 "$T/routed" "$T/documented")
check "every documented operation is routed (with its auth)" "" "$unrouted"
perms=$("$FD" routes | awk '$3 == "session" && $4 == "-" { print $1, $2 }' | sort | tr '\n' ';')
check "session routes without a table permission are the ones that judge per operation" \
	"DELETE /v1/sessions/current;POST /v1/ops;" "$perms"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user mona manager
start_server
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)

# 404 and 405 come before authentication, from the table
check "unknown path: 404" 404 "$(status GET /v1/nothing)"
check "unknown path: not_found" not_found "$(body GET /v1/nothing | jq -r .error.code)"
check "a booking path with a second segment: 404" 404 "$(status GET /v1/bookings/ABC123/x "" "$ADM")"
check "empty path parameter: 404" 404 "$(status POST /v1/conflicts//resolve "" "$ADM")"
allow() { curl -s -o /dev/null -D - -X "$1" "$URL$2" | tr -d '\r' | sed -n 's/^[Aa]llow: //p'; }
check "GET /v1/ops: 405" 405 "$(status GET /v1/ops)"
check "GET /v1/ops: Allow: POST" "POST" "$(allow GET /v1/ops)"
check "PUT /v1/rooms: 405" 405 "$(status PUT /v1/rooms "" "$ADM")"
check "PUT /v1/rooms: Allow: GET" "GET" "$(allow PUT /v1/rooms)"
check "GET /v1/sessions: Allow: POST" "POST" "$(allow GET /v1/sessions)"
check "DELETE /v1/bookings/ABC123: Allow: GET" "GET" "$(allow DELETE /v1/bookings/ABC123)"
check "GET /v1/conflicts/x/resolve: Allow: POST" "POST" "$(allow GET /v1/conflicts/x/resolve)"
check "405 names the allowed methods" method_not_allowed "$(body PATCH /v1/health | jq -r .error.code)"
check "no Allow: on a 200" "" "$(allow GET /v1/health)"
check "no Allow: on a 404" "" "$(allow GET /v1/nothing)"

# auth and permission from the table
check "a session route without a token: 401" 401 "$(status GET /v1/rooms)"
check "the device route with a device token: 400 (body), not 401" 400 "$(status POST /v1/sessions '' "$DEV")"
MONA=$(sign_in "$DEV" mona)
check "manager reads metrics" 200 "$(status GET /v1/metrics "" "$MONA")"
add_user gus guest
GUS=$(sign_in "$DEV" gus)
check "guest may not read rooms (read.hotel)" 403 "$(status GET /v1/rooms "" "$GUS")"
check "guest may not read metrics" 403 "$(status GET /v1/metrics "" "$GUS")"
check "unknown booking code: 404" 404 "$(status GET /v1/bookings/ZZZZZZ "" "$ADM")"

# metrics labels are the table's patterns
M=$(body GET /v1/metrics "" "$ADM")
echo "$M" | grep -q 'route="/v1/bookings/{code}",status="404"' && ok "metrics label of a booking" || fail "no /v1/bookings/{code} label"
echo "$M" | grep -q 'route="/v1/ops",status="405"' && ok "metrics label of a 405" || fail "no /v1/ops 405 label"
echo "$M" | grep -q 'route="other",status="404"' && ok "unknown paths labelled other" || fail "no other label"
echo "$M" | grep -q 'route="/v1/conflicts/{id}/resolve"' && ok "metrics label of a conflict" || fail "no conflict label"

stop_server || fail "server exit status"
finish
