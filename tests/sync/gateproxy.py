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
import os
import re
import sys
import threading
import time

from proxy_http import forward, hang_up, read_request, serve


def handle(conn, upstream, gate, rows):
    try:
        request = read_request(conn)
        if request is None:
            return
        first, sep, rest = request.partition(b"\r\n")
        if first.startswith(b"GET /v1/snapshot"):
            first = re.sub(rb"limit=\d+", b"limit=" + rows, first)
            if b"after=" in first:
                while not os.path.exists(gate):
                    time.sleep(0.05)
        conn.sendall(forward(first + sep + rest, upstream))
    except OSError:
        pass
    finally:
        hang_up(conn)


def main():
    port, upstream = int(sys.argv[1]), int(sys.argv[2])
    gate, rows = sys.argv[3], sys.argv[4].encode()
    serve(port, 300, lambda conn: threading.Thread(target=handle, args=(conn, upstream, gate, rows),
                                                    daemon=True).start())


if __name__ == "__main__":
    main()
