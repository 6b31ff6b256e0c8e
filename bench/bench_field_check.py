"""Measure inline validation round trips against a bare endpoint, over HTTP.

Starts gunicorn (2 sync workers, 127.0.0.1, a free port) serving the app with
one bare endpoint added (served_app.py), logs in once, then for a fixed time
has client threads post the identity number check the form sends as the user
types (``POST /inkasso/registrera/falt/identity_number`` with the guide's
values), and then ask for the bare endpoint the same way. Prints requests per
second, latency p50/p95, the server's CPU time per request and the ratio of
the field check to the bare endpoint. Target: the ratio 0.5 or more.

The clients are Python threads in this process; at high rates they cost CPU
the server could have used. The output shows how busy they kept this process
(client CPU) and the server's own CPU time per request, which does not depend
on the client.

    .venv/bin/python bench/bench_field_check.py [--database-url URL]
        [--threads 8] [--seconds 5] [--warmup 1]

Given --database-url (PostgreSQL), that database is WIPED: its schema public
is dropped and made again.
"""

import http.client
import http.cookiejar
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    CSRF_TOKEN,
    GUIDE_CASE,
    PASSWORD,
    PROJECT_ROOT,
    SECRET_KEY,
    USERNAME,
    argument_parser,
    bench_app,
    machine_line,
    migrate_and_add_user,
    print_table,
    throwaway_database,
)

from webapp.extensions import db

BENCH_DIR = Path(__file__).resolve().parent
HOST = "127.0.0.1"
WORKERS = 2
FIELD_PATH = "/inkasso/registrera/falt/identity_number"
BARE_PATH = "/bench/bare"
USER_AGENT = "klientwebb-bench"
TARGET_RATIO = 0.5
READY_WITHIN = 30


@dataclass
class Outcome:
    """What the client threads saw in the measured window."""

    latencies: list[float] = field(default_factory=list)
    failures: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, port: int, log) -> subprocess.Popen:
    """Start gunicorn with the served app; return once it answers."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    environment = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        # Development: the session cookie is not Secure, as plain http needs.
        "KLIENTWEBB_ENV": "development",
        "RATELIMIT_STORAGE_URI": "memory://",
        "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(PROJECT_ROOT)]),
    }
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--workers",
            str(WORKERS),
            "--bind",
            f"{HOST}:{port}",
            "--chdir",
            str(BENCH_DIR),
            "--log-level",
            "warning",
            "served_app:app",
        ],
        env=environment,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            status, _ = request(port, "GET", BARE_PATH)
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    stop(server)
    raise RuntimeError(f"gunicorn did not answer within {READY_WITHIN} s")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers, the gentle way first."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def worker_pids(master: int) -> list[int]:
    """Return the ids of the gunicorn master's worker processes (Linux)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def server_cpu_seconds(master: int) -> float:
    """Return the CPU time the master and its workers have used, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in [master, *worker_pids(master)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime and stime, the 14th and 15th fields of proc(5).
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def request(
    port: int, method: str, path: str, body: bytes = b"", headers=None
) -> tuple[int, bytes]:
    """Send one request on a new connection; gunicorn's sync workers close it."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def log_in(port: int) -> tuple[str, str]:
    """Log in as demo; return the session cookie header and the CSRF token."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    base = f"http://{HOST}:{port}"

    page = opener.open(f"{base}/login").read().decode()
    form = {
        "username": USERNAME,
        "password": PASSWORD,
        "csrf_token": CSRF_TOKEN.search(page).group(1),
    }
    opener.open(f"{base}/login", urllib.parse.urlencode(form).encode()).read()
    # Logging in starts a new session; the form page carries its token.
    page = opener.open(f"{base}/inkasso/registrera").read().decode()
    token = CSRF_TOKEN.search(page)
    if token is None or "Registrera ärende" not in page:
        raise RuntimeError("logging in failed: the form page did not come")
    cookie = "; ".join(f"{c.name}={c.value}" for c in cookies)
    return cookie, token.group(1)


def hammer(
    port: int,
    master: int,
    method: str,
    path: str,
    body: bytes,
    headers: dict,
    threads: int,
    warmup: float,
    seconds: float,
) -> Outcome:
    """Send requests from threads for warmup + seconds; keep the last seconds."""
    outcome = Outcome()
    lock = threading.Lock()
    begin = time.perf_counter()
    measure_from = begin + warmup
    end = measure_from + seconds

    def client():
        latencies, failures = [], {}
        while True:
            start = time.perf_counter()
            if start >= end:
                break
            try:
                status, _ = request(port, method, path, body, headers)
            except OSError:
                status = 0
            finished = time.perf_counter()
            if start < measure_from or finished > end:
                continue
            if status == 200:
                latencies.append(finished - start)
            else:
                failures[status] = failures.get(status, 0) + 1
        with lock:
            outcome.latencies += latencies
            for status, count in failures.items():
                outcome.failures[status] = outcome.failures.get(status, 0) + count

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    time.sleep(max(0.0, measure_from - time.perf_counter()))
    cpu_before = time.process_time()
    server_before = server_cpu_seconds(master)
    time.sleep(max(0.0, end - time.perf_counter()))
    outcome.client_cpu = time.process_time() - cpu_before
    outcome.server_cpu = server_cpu_seconds(master) - server_before
    for worker in workers:
        worker.join()
    outcome.seconds = seconds
    return outcome


def cpu_ratio(measured: Outcome, yardstick: Outcome) -> float:
    """Return the yardstick's server CPU per request over the measured one's."""
    per_request = measured.server_cpu / len(measured.latencies)
    return yardstick.server_cpu / len(yardstick.latencies) / per_request


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up time")
    options = parser.parse_args()

    with (
        throwaway_database(options.database_url) as url,
        tempfile.TemporaryFile("w+") as log,
    ):
        app = bench_app(url)
        migrate_and_add_user(app)
        with app.app_context():
            db.engine.dispose()

        port = free_port()
        server = start_gunicorn(url, port, log)
        try:
            cookie, token = log_in(port)
            field_headers = {
                "User-Agent": USER_AGENT,
                "Cookie": cookie,
                "HX-Request": "true",
                "X-CSRFToken": token,
                "Content-Type": "application/x-www-form-urlencoded",
            }
            form = urllib.parse.urlencode(GUIDE_CASE).encode()
            status, answer = request(port, "POST", FIELD_PATH, form, field_headers)
            if status != 200 or b'data-state="error"' in answer:
                raise RuntimeError(f"the field check answered {status}: {answer!r}")

            runs = {
                f"POST {FIELD_PATH}": ("POST", FIELD_PATH, form, field_headers),
                f"GET {BARE_PATH} (no session)": (
                    "GET",
                    BARE_PATH,
                    b"",
                    {"User-Agent": USER_AGENT},
                ),
                f"GET {BARE_PATH} (with session)": (
                    "GET",
                    BARE_PATH,
                    b"",
                    {"User-Agent": USER_AGENT, "Cookie": cookie},
                ),
            }
            outcomes = {
                name: hammer(
                    port,
                    server.pid,
                    *run,
                    options.threads,
                    options.warmup,
                    options.seconds,
                )
                for name, run in runs.items()
            }
        except BaseException:
            log.seek(0)
            sys.stderr.write(log.read())
            raise
        finally:
            stop(server)

    print(
        f"Inline validation over HTTP: gunicorn, {WORKERS} sync workers, "
        f"{options.threads} client threads, {options.seconds:g} s after "
        f"{options.warmup:g} s warm-up ({url.split(':', 1)[0]}; {machine_line()})\n"
    )
    rows = []
    for name, outcome in outcomes.items():
        count = len(outcome.latencies)
        rows.append(
            [
                name,
                f"{outcome.rate:.0f}",
                f"{statistics.median(outcome.latencies) * 1000:.1f}",
                f"{outcome.percentile(0.95) * 1000:.1f}",
                f"{outcome.server_cpu / count * 1000:.2f}",
                f"{outcome.client_cpu / outcome.seconds:.0%}",
                sum(outcome.failures.values()),
            ]
        )
    print_table(
        [
            "request",
            "req/s",
            "p50 ms",
            "p95 ms",
            "server CPU ms/req",
            "client CPU",
            "failed",
        ],
        rows,
    )

    field_check, bare, bare_session = outcomes.values()
    ratio = field_check.rate / bare.rate
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    print(
        f"\nfield/bare by req/s: {ratio:.2f} (target ≥ {TARGET_RATIO}: {verdict}); "
        f"by server CPU per request: {cpu_ratio(field_check, bare):.2f}"
    )
    print(
        f"field/bare with session by req/s: {field_check.rate / bare_session.rate:.2f}"
        f"; by server CPU per request: {cpu_ratio(field_check, bare_session):.2f}"
    )
    print(
        "Client CPU is this process's CPU time over the window (100% is one "
        "core);\nwhere it nears 100%, the client, not the server, caps req/s."
    )
    for name, outcome in outcomes.items():
        if outcome.failures:
            print(f"{name}: failures by status {outcome.failures}")


if __name__ == "__main__":
    main()
