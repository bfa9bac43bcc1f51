#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# data/openapi.yaml must be a valid OpenAPI 3 document: checked with a real
# validator from npm (@redocly/cli), installed once under the build tree.
set -u
spec=${top_srcdir:?}/data/openapi.yaml
tools=${top_builddir:?}/.npm-tools
command -v npm >/dev/null || { echo "FAIL: npm is needed to validate $spec" >&2; exit 1; }
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
	mkdir -p "$tools"
	npm install --silent --no-audit --no-fund --prefix "$tools" --cache "$tools/cache" @redocly/cli@2 >"$tools/install.log" 2>&1 ||
		{ echo "FAIL: npm install @redocly/cli" >&2; tail -20 "$tools/install.log" >&2; exit 1; }
fi
cd "$tools" || exit 1
# --format stylish lists every problem with its line; errors fail the test
REDOCLY_TELEMETRY=off "$tools/node_modules/.bin/redocly" lint --format stylish "$spec" || exit 1
# (the paths it describes are the ones the server routes: test_routes.sh)
echo "ok: $spec is valid OpenAPI"
