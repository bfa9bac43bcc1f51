#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HTTP proxy that holds a snapshot half way, for the tests of what a
terminal shows during its first sync (loopback only).

    gateproxy.py LISTEN_PORT UPSTREAM_PORT GATE_FILE PAGE_ROWS

Every request goes to the upstream server on a fresh connection
("Connection: close"). A GET /v1/snapshot asks for PAGE_ROWS rows a page
(its limit rewritten), and every page after the first (it has "after=")
waits until GATE_FILE exists: the terminal has read exactly one page
until the test lets it go on. No timing is involved."""
import re
import sys

from proxy_http import serve_relays, wait_for


def main():
    port, upstream = int(sys.argv[1]), int(sys.argv[2])
    gate, rows = sys.argv[3], sys.argv[4].encode()

    def head(first):
        if first.startswith(b"GET /v1/snapshot"):
            first = re.sub(rb"limit=\d+", b"limit=" + rows, first)
            if b"after=" in first:
                wait_for(gate)
        return first

    serve_relays(port, upstream, head)


if __name__ == "__main__":
    main()
