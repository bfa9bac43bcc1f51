#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An HTTP proxy that says when each snapshot page is asked for, for the
test of the terminal asking for the next page while it stages one
(loopback only).

    pageproxy.py LISTEN_PORT UPSTREAM_PORT GATE_FILE LOG_FILE

Every request goes to the upstream server on a fresh connection
("Connection: close"). The request line of each GET /v1/snapshot is
appended to LOG_FILE as it arrives, before it is answered; the answer to
the first page (no "after=") waits until GATE_FILE exists, so the test can
act between the terminal's start of the snapshot and its first page."""
import sys
import threading

from proxy_http import serve_relays, wait_for


def main():
    port, upstream = int(sys.argv[1]), int(sys.argv[2])
    gate, log = sys.argv[3], sys.argv[4]
    lock = threading.Lock()

    def head(first):
        if first.startswith(b"GET /v1/snapshot"):
            with lock, open(log, "ab") as f:
                f.write(first + b"\n")
            if b"after=" not in first:
                wait_for(gate)
        return first

    serve_relays(port, upstream, head)


if __name__ == "__main__":
    main()
