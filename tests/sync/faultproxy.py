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
import sys
import threading
import time

from proxy_http import forward, hang_up, read_request, serve
counts = {}
lock = threading.Lock()


def note(kind):
    with lock:
        counts[kind] = counts.get(kind, 0) + 1


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
        hang_up(conn)


def main():
    port, upstream, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 300.0
    rng = random.Random(seed)

    def start(conn):
        # each connection's seed drawn here, in accept order: a run repeats
        threading.Thread(target=handle, args=(conn, upstream, rng.random()), daemon=True).start()

    try:
        serve(port, lifetime, start)
    finally:
        sys.stderr.write("faultproxy: %s\n" % " ".join("%s=%d" % kv for kv in sorted(counts.items())))


if __name__ == "__main__":
    main()
