# SPDX-License-Identifier: GPL-3.0-or-later
"""What the sync tests' HTTP proxies share (faultproxy.py, gateproxy.py,
jepsen.py): a client's request read whole, and sent on to the upstream
server on a fresh connection; both ways with "Connection: close", so one
connection carries one exchange and a proxy can act on each."""
import socket

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
