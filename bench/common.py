"""Set-up shared by the benchmarks: a throwaway database, the demo user, cases.

Every benchmark builds its database from nothing with the Alembic migrations,
the way a deployment does, so what it measures is the schema that ships.
Given a PostgreSQL URL, the benchmark WIPES that database: it drops the schema
``public`` with everything in it and creates it again. Point it at a database
kept for benchmarks, never at one whose contents matter.
"""

import argparse
import gzip
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, insert, select, text

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from tests.guide import GUIDE_CASE  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.inkasso.case_form import CaseForm  # noqa: E402
from webapp.models import (  # noqa: E402
    Batch,
    BatchStatus,
    Case,
    CaseEvent,
    CaseStatus,
    Client,
    Debtor,
    Invoice,
    Role,
    User,
)
from webapp.passwords import hash_password  # noqa: E402

USERNAME = "demo"
PASSWORD = "bench-lösenord"
# One key for the whole run, so every gunicorn worker reads the same sessions.
SECRET_KEY = secrets.token_hex(32)


CSRF_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')
# Rows are inserted in slices so no statement grows past the drivers' limits.
SLICE = 1000


def argument_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--database-url",
        help="PostgreSQL database to run on; it is WIPED (default: SQLite in a "
        "temporary folder)",
    )
    return parser


def sqlalchemy_url(url: str) -> str:
    """Return the URL with the psycopg 3 driver named, as the app spells it."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@contextmanager
def throwaway_database(url: str | None) -> Iterator[str]:
    """Yield the URL of an empty database, removed or wiped when done with.

    Without a URL the database is a SQLite file in a temporary folder. With a
    PostgreSQL URL the schema ``public`` is dropped and made again, before and
    after the run.
    """
    if not url:
        with tempfile.TemporaryDirectory(prefix="klientwebb-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    url = sqlalchemy_url(url)
    wipe_schema(url)
    try:
        yield url
    finally:
        wipe_schema(url)


def wipe_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def bench_settings(database_url: str) -> dict:
    """Return the settings of a production-like app on the given database."""
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": SECRET_KEY,
        # Served over plain http on the loopback interface.
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_STORAGE_URI": "memory://",
    }


def bench_app(database_url: str) -> Flask:
    """Return the app on the database, its logger quiet below warnings."""
    app = create_app(bench_settings(database_url))
    app.logger.setLevel("WARNING")
    return app


def add_bare_endpoint(app: Flask) -> None:
    """Add the yardstick: an endpoint that does nothing but answer."""

    @app.get("/bench/bare")
    def bare():
        return "ok"


def migrate_and_add_user(app: Flask) -> tuple[int, int]:
    """Run the migrations, store the guide's client and its user demo.

    Return the client's id and the user's id.
    """
    with app.app_context():
        upgrade()
        client = Client(
            name="Demobolaget AB", org_number="551452-6382", customer_number="10001"
        )
        db.session.add(client)
        db.session.flush()
        user = User(
            username=USERNAME,
            # The cheap profile: the benchmarks log in, they do not measure it.
            password_hash=hash_password(PASSWORD, "test"),
            client_id=client.id,
            role=Role.CLIENT_USER,
        )
        db.session.add(user)
        db.session.commit()
        return client.id, user.id


def fill_batch(app: Flask, client_id: int, user_id: int, count: int) -> int:
    """Add count registered cases to the client's open batch; return its id.

    Every case is the guide's, as the form normalises it, with its own debtor
    name, customer number, invoice number and principal, so the table is not
    one row repeated. Rows go in with bulk inserts: the set-up is not what is
    measured.
    """
    draft = CaseForm(GUIDE_CASE, date.today()).draft()
    invoice = draft.invoices[0]
    now = datetime.now(UTC)
    with app.app_context():
        batch_id = db.session.scalar(
            select(Batch.id).where(
                Batch.client_id == client_id, Batch.status == BatchStatus.OPEN
            )
        )
        if batch_id is None:
            batch_id = db.session.scalar(
                insert(Batch)
                .values(client_id=client_id, status=BatchStatus.OPEN)
                .returning(Batch.id)
            )
        first = db.session.scalar(
            select(func.count(Case.id)).where(Case.client_id == client_id)
        )
        for start in range(first, first + count, SLICE):
            numbers = range(start, min(start + SLICE, first + count))
            case_ids = db.session.scalars(
                insert(Case).returning(Case.id, sort_by_parameter_order=True),
                [
                    {
                        "client_id": client_id,
                        "batch_id": batch_id,
                        "status": CaseStatus.REGISTERED,
                        "client_reference": f"K{n:06d}",
                        "service": draft.service,
                        "description": draft.description,
                        "note": draft.note,
                        "created_at": now,
                        "created_by_id": user_id,
                        "version": 1,
                    }
                    for n in numbers
                ],
            ).all()
            pairs = list(zip(numbers, case_ids, strict=True))
            db.session.execute(
                insert(Debtor),
                [
                    {
                        "case_id": case_id,
                        "name": f"{draft.debtor_name} {n}",
                        "kind": draft.debtor_kind,
                        "identity_number": draft.identity_number,
                        "company_form": draft.company_form,
                        "care_of": draft.care_of,
                        "street": draft.street,
                        "postal_code": draft.postal_code,
                        "city": draft.city,
                        "country": draft.country,
                        "phone": draft.phone,
                        "email": draft.email,
                    }
                    for n, case_id in pairs
                ],
            )
            db.session.execute(
                insert(Invoice),
                [
                    {
                        "case_id": case_id,
                        "position": 0,
                        "number": str(100000 + n),
                        "description": invoice.description,
                        "principal": invoice.principal + n * 100,
                        "currency": invoice.currency,
                        "invoice_date": invoice.invoice_date,
                        "due_date": invoice.due_date,
                        "debt_group": invoice.debt_group,
                    }
                    for n, case_id in pairs
                ],
            )
            db.session.execute(
                insert(CaseEvent),
                [
                    {
                        "case_id": case_id,
                        "at": now,
                        "user_id": user_id,
                        "to_status": CaseStatus.REGISTERED,
                        "reason": "",
                    }
                    for _, case_id in pairs
                ],
            )
        db.session.commit()
        return batch_id


def login(client, username: str = USERNAME, password: str = PASSWORD) -> None:
    """Log a Flask test client in, as the login form would."""
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": CSRF_TOKEN.search(page).group(1),
        },
    )
    if response.status_code != 303:
        raise RuntimeError(f"login failed with status {response.status_code}")


@dataclass(frozen=True)
class Timing:
    """Median seconds of an action: on the wall clock, and of this process's CPU.

    On a busy machine the wall clock counts the time others had the CPU; the
    CPU time does not, but it leaves out work done in other processes, such as
    PostgreSQL's.
    """

    wall: float
    cpu: float


def median_timing(action: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    """Return the median timing of runs calls of the action, after warm-up calls."""
    for _ in range(warmup):
        action()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(statistics.median(walls), statistics.median(cpus))


def per_call_timing(action: Callable[[], object], calls: int, rounds: int) -> Timing:
    """Return the median over rounds of the mean timing of one of calls calls.

    For actions too quick to time one by one.
    """

    def round_of_calls():
        for _ in range(calls):
            action()

    timing = median_timing(round_of_calls, rounds)
    return Timing(timing.wall / calls, timing.cpu / calls)


def gzip_size(body: bytes) -> int:
    """Return the size the body has after gzip at the level servers use (6)."""
    return len(gzip.compress(body, compresslevel=6))


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    """Print rows under headers, the first column left, the rest right aligned."""
    cells = [headers] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        first = row[0].ljust(widths[0])
        rest = (
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        )
        return "  ".join([first, *rest])

    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for row in cells[1:]:
        print(line(row))


def machine_line() -> str:
    """Describe the machine and interpreter, so figures can be put in context."""
    line = f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs"
    if hasattr(os, "getloadavg"):
        line += f", load {os.getloadavg()[0]:.1f}"
    return line
