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
import signal
import socket
import sys
import threading
import time

HOST = "127.0.0.1"


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    kept = [lines[0]]
    length = 0
    for line in lines[1:]:
        name = line.split(b":", 1)[0].strip().lower()
        if name == b"content-length":
            length = int(line.split(b":", 1)[1])
        if name in (b"connection", b"keep-alive"):
            continue
        kept.append(line)
    kept.append(b"Connection: close")
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return kept, body


def forward(request, upstream):
    with socket.create_connection((HOST, upstream), timeout=120) as up:
        up.sendall(request)
        answer = b""
        while True:
            chunk = up.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, sep, body = answer.partition(b"\r\n\r\n")
    lines = [l for l in head.split(b"\r\n")
             if l.split(b":", 1)[0].strip().lower() not in (b"connection", b"keep-alive")]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + sep + body


def handle(conn, upstream, gate, rows):
    try:
        got = read_request(conn)
        if got is None:
            return
        lines, body = got
        first = lines[0]
        if first.startswith(b"GET /v1/snapshot"):
            first = re.sub(rb"limit=\d+", b"limit=" + rows, first)
            if b"after=" in first:
                while not os.path.exists(gate):
                    time.sleep(0.05)
        lines[0] = first
        conn.sendall(forward(b"\r\n".join(lines) + b"\r\n\r\n" + body, upstream))
    except OSError:
        pass
    finally:
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        conn.close()


def on_term(sig, frame):
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, on_term)
    port, upstream = int(sys.argv[1]), int(sys.argv[2])
    gate, rows = sys.argv[3], sys.argv[4].encode()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((HOST, port))
    srv.listen(64)
    end = time.time() + 300
    srv.settimeout(0.5)
    try:
        while time.time() < end:
            try:
                conn, _ = srv.accept()
            except socket.timeout:
                continue
            threading.Thread(target=handle, args=(conn, upstream, gate, rows), daemon=True).start()
    except KeyboardInterrupt:
        pass
    srv.close()


if __name__ == "__main__":
    main()
