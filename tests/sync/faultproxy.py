#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fault-injecting HTTP proxy for the sync tests (loopback only).

    faultproxy.py LISTEN_PORT UPSTREAM_PORT SEED [LIFETIME_S]

Each request goes to the upstream server on a fresh connection; on the way
it may be (chosen by a seeded random generator, so a run can be repeated):
  drop      - connection closed before the request is forwarded
  cut       - forwarded; the answer is cut off half way (the server acted,
              the client never learns the result)
  repeat    - forwarded twice (the first answer is thrown away)
  delay     - held 50-300 ms before it is forwarded
  pass      - forwarded untouched
Every answer is sent with "Connection: close". Counts go to stderr at exit.
The proxy stops by itself after LIFETIME_S seconds (default 300)."""
import random
import signal
import socket
import sys
import threading
import time

HOST = "127.0.0.1"
counts = {}
lock = threading.Lock()


def note(kind):
    with lock:
        counts[kind] = counts.get(kind, 0) + 1


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    lines = head.split(b"\r\n")
    kept = [lines[0]]
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
    return b"\r\n".join(kept) + b"\r\n\r\n" + body


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


def handle(conn, upstream, rng_seed):
    rng = random.Random(rng_seed)
    try:
        request = read_request(conn)
        if request is None:
            return
        roll = rng.random()
        if roll < 0.12:
            note("drop")
            return
        if roll < 0.30:
            note("delay")
            time.sleep(rng.uniform(0.05, 0.3))
        elif roll < 0.42:
            note("repeat")
            forward(request, upstream)
        answer = forward(request, upstream)
        if 0.42 <= roll < 0.60:
            note("cut")
            conn.sendall(answer[: max(1, len(answer) // 2)])
            return
        if roll >= 0.60:
            note("pass")
        conn.sendall(answer)
    except OSError:
        note("error")
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
    port, upstream, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 300.0
    rng = random.Random(seed)
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((HOST, port))
    srv.listen(64)
    srv.settimeout(0.5)
    end = time.time() + lifetime
    try:
        while time.time() < end:
            try:
                conn, _ = srv.accept()
            except socket.timeout:
                continue
            threading.Thread(target=handle, args=(conn, upstream, rng.random()), daemon=True).start()
    except KeyboardInterrupt:
        pass
    finally:
        sys.stderr.write("faultproxy: %s\n" % " ".join("%s=%d" % kv for kv in sorted(counts.items())))


if __name__ == "__main__":
    main()
