# SPDX-License-Identifier: GPL-3.0-or-later
"""What the sync tests' HTTP proxies share (faultproxy.py, gateproxy.py,
jepsen.py): a client's request read whole, and sent on to the upstream
server on a fresh connection; both ways with "Connection: close", so one
connection carries one exchange and a proxy can act on each; a proxy's
accept loop and the end of a client's connection."""
import os
import signal
import socket
import threading
import time

HOST = "127.0.0.1"


def read_request(conn):
    """The request on conn (head and body) with its connection headers
    replaced by "Connection: close", or None if the client went away."""
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


def forward(request, upstream, timeout=120):
    """request sent to the upstream port; its whole answer, with
    "Connection: close"."""
    with socket.create_connection((HOST, upstream), timeout=timeout) as up:
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


def hang_up(conn):
    """The client's connection shut down both ways and closed: the end of
    the answer (or of the connection, for a dropped request)."""
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    conn.close()


def _on_term(sig, frame):
    raise KeyboardInterrupt


def serve(port, lifetime, start):
    """Listens on port for lifetime seconds, or until SIGTERM, and calls
    start(conn) for each connection, in this thread (start hands it to a
    thread of its own)."""
    signal.signal(signal.SIGTERM, _on_term)
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
            start(conn)
    except KeyboardInterrupt:
        pass
    finally:
        srv.close()




def wait_for(path):
    """Returns once the file path exists (the test's gate)."""
    while not os.path.exists(path):
        time.sleep(0.05)

def relay(conn, upstream, head):
    """The request on conn sent on to the upstream port, its first line
    as head(first_line) makes it (head may wait, or rewrite it), and the
    answer back; the client's connection ended."""
    try:
        request = read_request(conn)
        if request is None:
            return
        first, sep, rest = request.partition(b"\r\n")
        conn.sendall(forward(head(first) + sep + rest, upstream))
    except OSError:
        pass
    finally:
        hang_up(conn)


def serve_relays(port, upstream, head):
    """serve(port, 300, ...) with each connection relayed (relay) in a
    thread of its own."""
    serve(port, 300, lambda conn: threading.Thread(target=relay, args=(conn, upstream, head),
                                                    daemon=True).start())
