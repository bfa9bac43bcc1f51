#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The version comes from configure.ac only: the programs say it, NEWS
# opens with its release notes, the packaging scripts take it from the
# tarball's name, and the man pages and the API description carry no copy
# of it that could go stale.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
version=$(sed -n 's/^AC_INIT(\[frontdesk\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
[ -n "$version" ] || { echo "FAIL: no version in configure.ac"; exit 1; }

for p in frontdesk frontdeskd; do
	v=$("$top_builddir/$p" --version 2>&1 | head -n 1)
	[ "$v" = "$p $version" ] && ok "$p --version says $version" || bad "$p --version: $v"
done
first=$(sed -n 's/^\* frontdesk \([^ ]*\).*/\1/p' "$top_srcdir/NEWS" | head -n 1)
[ "$first" = "$version" ] && ok "NEWS opens with $version" || bad "NEWS opens with \"$first\", configure.ac says $version"
awk -v v="$version" '$0 ~ "^\\* frontdesk " v {on=1; next} /^\* / {on=0} on && /administrator must do/ {f=1} END {exit !f}' \
	"$top_srcdir/NEWS" && ok "NEWS says what an administrator must do for $version" ||
	bad "NEWS has no 'what an administrator must do' part for $version"

# No stale copies: man pages, the API description (its info.version is the
# protocol's, not the package's).
esc=$(printf '%s' "$version" | sed 's/\./\\./g')
hits=$(grep -l "$esc" "$top_srcdir"/data/man/* "$top_srcdir/data/openapi.yaml" "$top_srcdir/ui/frontdesk-ui.1.in" 2>/dev/null)
[ -z "$hits" ] && ok "man pages and openapi.yaml do not repeat the version" || bad "version $version written in: $hits"
# The packages take it from the tarball's name.
grep -q 's/^Version:.*/Version: *$version/' "$top_srcdir/packaging/build-rpm" && ok "build-rpm sets Version" ||
	bad "build-rpm does not set the spec's Version"
grep -q 'frontdesk (\$version)' "$top_srcdir/packaging/build-deb" && ok "build-deb makes the changelog say it" ||
	bad "build-deb does not version the changelog"
exit $fail
