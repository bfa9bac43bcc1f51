# SPDX-License-Identifier: GPL-3.0-or-later
# The previous release's frontdesk and frontdeskd, built once from git into
# a cache under the build tree (tests/prev-release/COMMIT), for the
# protocol-version tests. Source it, then call prev_release; it sets
# PREV_FD, PREV_FDD and PREV_NAME, or exits 77 (skip) with the reason when
# there is no git history (a tarball, distcheck) or the build fails.
#
# The previous release is the tag v0.1.0; until it exists, the last commit
# of main whose configure.ac said 0.1.0.
PREV_TAG=v0.1.0
PREV_COMMIT=2154dc97e0bf671489998e32df9e9049b8592b31

prev_release() {
	src=${top_srcdir:?}
	if ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
		echo "SKIP: no git history in $src (a tarball or distcheck): cannot build the previous release"
		exit 77
	fi
	rev=$(git -C "$src" rev-parse -q --verify "$PREV_TAG^{commit}" 2>/dev/null ||
		git -C "$src" rev-parse -q --verify "$PREV_COMMIT^{commit}" 2>/dev/null) || {
		echo "SKIP: neither the tag $PREV_TAG nor commit $PREV_COMMIT is in this clone"
		exit 77
	}
	PREV_NAME="0.1.0 ($(echo "$rev" | cut -c1-9))"
	cache="${top_builddir:?}/tests/prev-release/$rev"
	PREV_FD="$cache/build/frontdesk"
	PREV_FDD="$cache/build/frontdeskd"
	[ -x "$PREV_FD" ] && [ -x "$PREV_FDD" ] && return 0
	# One build at a time (make -j2 check runs tests in parallel).
	mkdir -p "$cache"
	(
		flock 9
		[ -x "$PREV_FD" ] && [ -x "$PREV_FDD" ] && exit 0
		rm -rf "$cache/src" "$cache/build"
		mkdir -p "$cache/src" "$cache/build"
		git -C "$src" archive "$rev" | tar -x -C "$cache/src" &&
			(cd "$cache/src" && ./bootstrap) &&
			(cd "$cache/build" && "$cache/src/configure" --disable-nls CFLAGS=-O1) &&
			# Only the two programs, no sanitizers: the cost stays a few minutes, once.
			nice -n 10 make -C "$cache/build" -j2 frontdesk frontdeskd
	) 9>"$cache/lock" >"$cache/build.log" 2>&1
	if ! [ -x "$PREV_FD" ] || ! [ -x "$PREV_FDD" ]; then
		echo "SKIP: building the previous release ($rev) failed; see $cache/build.log"
		exit 77
	fi
}
