#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A randomized history under faults, in the spirit of Jepsen (issue 20).

    jepsen.py --fd FRONTDESK --fdd FRONTDESKD --work DIR [--seconds S]
              [--terminals N] [--seed SEED]

Several terminals (processes: the command line for each change, and a
`sync --follow` engine per terminal) make bookings, room moves, check-ins,
cancellations and housekeeping changes against one frontdeskd, each through
its own fault proxy (delays, dropped connections, answers cut half way,
repeated requests, and partitions that cut a terminal off for seconds).
Meanwhile terminals' engines and the server are killed with SIGKILL at
random moments and started again; now and then a command is killed in the
middle of its work.

Then the faults stop, everything is healed (every terminal syncs until
nothing is pending and the feed is drained), and a checker reads every
database:
  - no acknowledged operation lost: every operation a terminal holds the
    server's verdict for is recorded by the server with that verdict, and
    every operation a terminal made reached the server;
  - none applied twice (the server's audit log has each op_id once);
  - no room-night held by two bookings, no room with two in-house parties
    (on the server and on every terminal);
  - every rejected operation is visible as a notice at its terminal;
  - all terminals equal to the server once healed (their dumps equal the
    dump of a terminal enrolled afresh at the end).
The seed is printed: the same seed replays the same choices (the timing of
processes and faults still varies). Exit status 0 when every check holds."""
import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

from proxy_http import HOST, forward, hang_up, read_request

PW = "correct horse battery"
ROOMS = ["201", "202", "203", "204", "205", "206", "301", "302", "303", "304"]
TYPES = {"201": "DBL", "202": "DBL", "203": "DBL", "204": "DBL", "205": "DBL", "206": "DBL",
         "301": "TWN", "302": "TWN", "303": "TWN", "304": "TWN"}
TODAY = "2026-11-25"
DAYS = ["2026-11-%02d" % d for d in range(25, 31)] + ["2026-12-%02d" % d for d in range(1, 6)]


def free_port():
    s = socket.socket()
    s.bind((HOST, 0))
    p = s.getsockname()[1]
    s.close()
    return p


def log(msg):
    sys.stdout.write("jepsen: %s\n" % msg)
    sys.stdout.flush()


class Proxy:
    """One terminal's link to the server: a loopback HTTP proxy that may
    drop, delay, cut or repeat a request, or cut the terminal off
    (partition). Every answer is sent with Connection: close."""

    def __init__(self, upstream, seed):
        self.upstream = upstream
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.partitioned = False
        self.faulty = True
        self.counts = {}
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((HOST, 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen(64)
        self.sock.settimeout(0.3)
        self.stop = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def note(self, kind):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                roll = self.rng.random() if self.faulty else 1.0
                delay = self.rng.uniform(0.02, 0.3)
                part = self.partitioned
            threading.Thread(target=self.handle, args=(conn, roll, delay, part), daemon=True).start()

    def handle(self, conn, roll, delay, part):
        try:
            conn.settimeout(90)
            request = read_request(conn)
            if request is None:
                return
            if part:
                self.note("partitioned")
                return
            if roll < 0.04:
                self.note("drop")
                return
            if roll < 0.14:
                self.note("delay")
                time.sleep(delay)
            elif roll < 0.18:
                self.note("repeat")
                forward(request, self.upstream, timeout=90)
            answer = forward(request, self.upstream, timeout=90)
            if 0.18 <= roll < 0.22:
                self.note("cut")
                conn.sendall(answer[: max(1, len(answer) // 2)])
                return
            conn.sendall(answer)
            self.note("pass")
        except OSError:
            self.note("error")
        finally:
            hang_up(conn)

    def close(self):
        self.stop = True
        self.sock.close()


class Server:
    def __init__(self, fdd, data, port, logf):
        self.fdd, self.data, self.port, self.logf = fdd, data, port, logf
        self.proc = None
        self.lock = threading.Lock()
        self.kills = 0

    def start(self):
        with self.lock:
            self.proc = subprocess.Popen([self.fdd, "--data", self.data, "serve", "--listen",
                                          "%s:%d" % (HOST, self.port)],
                                         stdout=self.logf, stderr=self.logf)
        for _ in range(200):
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("frontdeskd did not start")

    def kill9(self):
        with self.lock:
            if self.proc and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGKILL)
                self.proc.wait()
                self.kills += 1

    def stop(self):
        with self.lock:
            if self.proc and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()


class Terminal:
    def __init__(self, h, i, seed):
        self.h = h
        self.name = "t%d" % i
        self.user = "u%d" % i
        self.dir = os.path.join(h.work, self.name)
        self.rng = random.Random(seed)
        self.codes = []
        self.engine = None
        self.kills = 0
        self.stats = {}
        self.lock = threading.Lock()
        self.proxy = None

    def run(self, *args, kill_after=None):
        cmd = [self.h.fd, "--data", self.dir] + list(args)
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=kill_after or 120,
                               text=True)
            return p.returncode, p.stdout.strip()
        except subprocess.TimeoutExpired:
            return -9, ""

    def note(self, k):
        self.stats[k] = self.stats.get(k, 0) + 1

    def start_engine(self):
        with self.lock:
            if self.engine is None or self.engine.poll() is not None:
                self.engine = subprocess.Popen([self.h.fd, "--data", self.dir, "sync", "--follow"],
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def kill_engine(self, sig=signal.SIGKILL):
        with self.lock:
            if self.engine and self.engine.poll() is None:
                self.engine.send_signal(sig)
                try:
                    self.engine.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.engine.kill()
                    self.engine.wait()
                if sig == signal.SIGKILL:
                    self.kills += 1
            self.engine = None

    def step(self):
        """One change, chosen by this terminal's generator."""
        r = self.rng
        roll = r.random()
        # Now and then the command itself is killed part way.
        kill_after = r.uniform(0.01, 0.15) if r.random() < 0.03 else None
        if roll < 0.35 or not self.codes:
            a = r.randrange(len(DAYS) - 3)
            d = a + r.randint(1, 3)
            room = r.choice(ROOMS)
            guest = "J%s%d, Guest" % (self.name.upper(), len(self.codes) + 1)
            if r.random() < 0.7:
                args = ["book", "--guest", guest, "--room", room, "--arrive", DAYS[a], "--depart", DAYS[d]]
            else:
                args = ["book", "--guest", guest, "--type", TYPES[room], "--arrive", DAYS[a], "--depart", DAYS[d]]
            rc, out = self.run(*args, kill_after=kill_after)
            if rc == 0 and out:
                self.codes.append(out.split()[-1])
            self.note("book" if rc == 0 else "book-refused")
        elif roll < 0.50:
            rc, _ = self.run("move", r.choice(self.codes), r.choice(ROOMS), kill_after=kill_after)
            self.note("move" if rc == 0 else "move-refused")
        elif roll < 0.65:
            rc, _ = self.run("checkin", r.choice(self.codes), kill_after=kill_after)
            self.note("checkin" if rc == 0 else "checkin-refused")
        elif roll < 0.70:
            rc, _ = self.run("cancel", r.choice(self.codes), kill_after=kill_after)
            self.note("cancel" if rc == 0 else "cancel-refused")
        else:
            rc, _ = self.run("hk", r.choice(ROOMS), r.choice(["dirty", "pickup", "clean", "inspected"]),
                             kill_after=kill_after)
            self.note("hk" if rc == 0 else "hk-refused")
        if rc == -9:
            self.note("command-killed")

    def pending(self):
        rc, out = self.run("--json", "sync-status")
        try:
            return json.loads(out)["pending"]
        except (ValueError, KeyError):
            return -1


class Harness:
    def __init__(self, a):
        self.fd, self.fdd, self.work = a.fd, a.fdd, a.work
        self.seconds, self.n, self.seed = a.seconds, a.terminals, a.seed
        self.rng = random.Random(self.seed)
        self.srvdir = os.path.join(self.work, "server")
        self.pwfile = os.path.join(self.work, "pw")
        with open(self.pwfile, "w") as f:
            f.write(PW + "\n")
        self.logf = open(os.path.join(self.work, "server.log"), "ab")
        self.server = Server(self.fdd, self.srvdir, free_port(), self.logf)
        self.terms = []
        self.failures = []
        self.server_kills = 0
        self.partitions = 0

    def fdd_run(self, *args):
        p = subprocess.run([self.fdd, "--data", self.srvdir] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise RuntimeError("frontdeskd %s: %s" % (" ".join(args), p.stderr))
        return p.stdout

    def enroll(self, t, url):
        code = self.fdd_run("enroll-code").strip().split()[-1]
        rc, _ = t.run("enroll", url, code, "--name", t.name)
        if rc != 0:
            raise RuntimeError("%s: enroll failed" % t.name)

    def login_all(self, terms):
        """Sign in everywhere at once (Argon2id is the slow part of the set-up)."""
        bad = []

        def login(t):
            if t.run("login", t.user, "--password-file", self.pwfile)[0] != 0:
                bad.append(t.name)
        threads = [threading.Thread(target=login, args=(t,)) for t in terms]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        if bad:
            raise RuntimeError("sign-in failed at %s" % ", ".join(bad))

    def setup(self):
        self.fdd_run("init", "--property", "Jepsen Hotel", "--currency", "EUR", "--timezone", "Europe/Lisbon",
                     "--date", TODAY)
        self.fdd_run("user", "add", "boss", "--role", "admin", "--password-file", self.pwfile)
        for i in range(1, self.n + 2):
            self.fdd_run("user", "add", "u%d" % i, "--role", "staff", "--password-file", self.pwfile)
        self.server.start()
        url = "http://%s:%d" % (HOST, self.server.port)
        admin = Terminal(self, 0, 0)
        admin.name, admin.user, admin.dir = "admin", "boss", os.path.join(self.work, "admin")
        self.enroll(admin, url)
        # The terminal that reads the server's state afresh at the end.
        self.fresh = Terminal(self, self.n + 1, 0)
        self.fresh.name, self.fresh.dir = "fresh", os.path.join(self.work, "fresh")
        self.enroll(self.fresh, url)
        for i in range(1, self.n + 1):
            t = Terminal(self, i, self.seed * 1000 + i)
            t.proxy = Proxy(self.server.port, self.seed * 1000 + 500 + i)
            t.proxy.faulty = False
            self.enroll(t, "http://%s:%d" % (HOST, t.proxy.port))
            self.terms.append(t)
        self.login_all([admin, self.fresh] + self.terms)
        admin.run("sync", "--once")
        ops = os.path.join(self.work, "rooms.jsonl")
        with open(ops, "w") as f:
            for k, (code, name) in enumerate((("DBL", "Double"), ("TWN", "Twin"))):
                f.write(json.dumps({"type": "room_type.create", "payload": {
                    "id": "00000000-0000-4000-8000-00000000000%d" % (k + 1), "code": code, "name": name,
                    "max_occupancy": 2, "base_rate": 9000}}) + "\n")
            for room in ROOMS:
                f.write(json.dumps({"type": "room.create", "payload": {
                    "id": "00000000-0000-4000-8001-000000000%s" % room, "number": room, "type": TYPES[room],
                    "floor": int(room[0])}}) + "\n")
        rc, _ = admin.run("op", "--batch", ops)
        if rc != 0 or admin.run("sync", "--once")[0] != 0:
            raise RuntimeError("creating the rooms")
        for t in self.terms:
            for _ in range(20):
                if t.run("sync", "--once")[0] == 0:
                    break
            t.proxy.faulty = True

    def worker(self, t, end):
        while time.time() < end:
            t.step()
            time.sleep(t.rng.uniform(0.0, 0.1))

    def chaos(self, end):
        r = self.rng
        while time.time() < end:
            time.sleep(r.uniform(0.5, 2.0))
            if time.time() >= end:
                break
            roll = r.random()
            if roll < 0.2:
                self.server.kill9()
                self.server_kills += 1
                time.sleep(r.uniform(0.2, 1.5))
                self.server.start()
            elif roll < 0.55:
                t = r.choice(self.terms)
                t.kill_engine()
                time.sleep(r.uniform(0.1, 1.0))
                t.start_engine()
            elif roll < 0.8:
                t = r.choice(self.terms)
                with t.proxy.lock:
                    t.proxy.partitioned = True
                self.partitions += 1
                time.sleep(r.uniform(0.5, 3.0))
                with t.proxy.lock:
                    t.proxy.partitioned = False

    def heal(self):
        for t in self.terms:
            t.kill_engine(signal.SIGTERM)
            with t.proxy.lock:
                t.proxy.partitioned = False
                t.proxy.faulty = False
        if self.server.proc is None or self.server.proc.poll() is not None:
            self.server.start()
        # Every terminal pushes everything; then two quiet rounds each so
        # every one has every other's results.
        for t in self.terms:
            for _ in range(30):
                if t.run("sync", "--once")[0] == 0 and t.pending() == 0:
                    break
            else:
                self.fail("%s did not push everything once healed (%d pending)" % (t.name, t.pending()))
        for _ in range(2):
            for t in self.terms:
                if t.run("sync", "--once")[0] != 0:
                    self.fail("%s could not sync once healed" % t.name)

    def fail(self, msg):
        self.failures.append(msg)
        log("FAIL: " + msg)

    def db(self, path):
        return sqlite3.connect("file:%s?mode=ro" % path, uri=True)

    def check_rooms(self, name, db):
        twice = db.execute(
            "SELECT a.code, b.code, a.room FROM bookings a JOIN bookings b ON a.room = b.room AND a.id < b.id"
            " WHERE a.room <> '' AND a.status IN ('reserved','checked_in') AND b.status IN ('reserved','checked_in')"
            " AND a.arrival < b.departure AND b.arrival < a.departure").fetchall()
        if twice:
            self.fail("%s: room-nights held by two bookings: %s" % (name, twice[:5]))
        inhouse = db.execute("SELECT room, count(*) FROM bookings WHERE status = 'checked_in' GROUP BY room"
                             " HAVING count(*) > 1").fetchall()
        if inhouse:
            self.fail("%s: rooms with two in-house parties: %s" % (name, inhouse))

    def check(self):
        srv = self.db(os.path.join(self.srvdir, "frontdeskd.db"))
        results = dict((r[0], (r[1], r[2])) for r in srv.execute("SELECT op_id, status, device FROM srv_op_results"))
        twice = srv.execute("SELECT op_id, count(*) FROM audit_log WHERE op_id <> '' GROUP BY op_id"
                            " HAVING count(*) > 1").fetchall()
        if twice:
            self.fail("server: operations applied more than once: %s" % twice[:5])
        self.check_rooms("server", srv)
        totals = {"ops": 0, "applied": 0, "rejected": 0}
        for t in self.terms:
            db = self.db(os.path.join(t.dir, "frontdesk.db"))
            dev = db.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
            notices = set(r[0] for r in db.execute("SELECT op_id FROM conflicts"))
            for op_id, state in db.execute("SELECT op_id, state FROM outbox"):
                totals["ops"] += 1
                got = results.get(op_id)
                if state == "pending":
                    self.fail("%s: operation %s still pending once healed" % (t.name, op_id))
                elif got is None:
                    self.fail("%s: operation %s acknowledged (%s) but unknown to the server" % (t.name, op_id, state))
                elif got[0] != state or got[1] != dev:
                    self.fail("%s: operation %s is %s here, %s on the server" % (t.name, op_id, state, got))
                else:
                    totals[state] = totals.get(state, 0) + 1
                if state == "rejected" and op_id not in notices:
                    self.fail("%s: rejected operation %s has no notice at its terminal" % (t.name, op_id))
            self.check_rooms(t.name, db)
            db.close()
        srv.close()
        # Equal to the server: every terminal's dump equals that of a
        # terminal enrolled now (which reads the server's state afresh).
        fresh = self.fresh
        for _ in range(3):
            fresh.run("sync", "--once")
        _, want = fresh.run("dump")
        for t in self.terms:
            _, got = t.run("dump")
            if got != want:
                with open(os.path.join(self.work, t.name + ".dump"), "w") as f:
                    f.write(got)
                with open(os.path.join(self.work, "fresh.dump"), "w") as f:
                    f.write(want)
                self.fail("%s differs from the server's state (see %s.dump and fresh.dump)" % (t.name, t.name))
        return totals

    def run(self):
        self.t_start = time.time()
        log("seed %d, %d terminals, %d s (replay: JEPSEN_SEED=%d)" % (self.seed, self.n, self.seconds, self.seed))
        self.setup()
        log("set up in %.1f s" % (time.time() - self.t_start))
        end = time.time() + self.seconds
        for t in self.terms:
            t.start_engine()
        threads = [threading.Thread(target=self.worker, args=(t, end)) for t in self.terms]
        threads.append(threading.Thread(target=self.chaos, args=(end,)))
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        t0 = time.time()
        self.heal()
        healed = time.time() - t0
        totals = self.check()
        faults = {}
        for t in self.terms:
            for k, v in t.proxy.counts.items():
                faults[k] = faults.get(k, 0) + v
        stats = {}
        for t in self.terms:
            for k, v in t.stats.items():
                stats[k] = stats.get(k, 0) + v
        log("changes: %s" % " ".join("%s=%d" % kv for kv in sorted(stats.items())))
        log("operations: %d made, %d applied, %d rejected (each with its notice)" %
            (totals["ops"], totals["applied"], totals["rejected"]))
        log("faults: server kill -9 %d, engine kill -9 %d, partitions %d, proxy %s" %
            (self.server_kills, sum(t.kills for t in self.terms), self.partitions,
             " ".join("%s=%d" % kv for kv in sorted(faults.items()))))
        log("healed in %.1f s" % healed)
        return not self.failures

    def close(self):
        for t in self.terms:
            t.kill_engine(signal.SIGKILL)
            if t.proxy:
                t.proxy.close()
        self.server.stop()
        self.logf.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fd", required=True)
    ap.add_argument("--fdd", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--terminals", type=int, default=3)
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()
    if a.seed is None:
        a.seed = random.SystemRandom().randrange(1, 1 << 31)
    h = Harness(a)
    ok = False
    try:
        ok = h.run()
    except Exception as e:  # a broken set-up is a failure too
        h.fail(str(e))
    finally:
        h.close()
    if ok:
        log("ok: every check holds (seed %d)" % a.seed)
    else:
        log("FAILED (seed %d): %d problems" % (a.seed, len(h.failures)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
