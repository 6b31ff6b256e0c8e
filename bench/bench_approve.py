"""Time approve_batch() on an open batch of 10 000 cases.

Fills the demo client's open batch with 10 000 registered cases, then times
one call of approve_batch() in an app context, with a session that has loaded
nothing, and checks what the database holds afterwards: every case with a case
number and the status Mottagen, and one history line per case for the step.
Runs on SQLite, and also on PostgreSQL when --database-url or the environment
variable BENCH_POSTGRES_URL names one. Target: 2 s or less.

To compare across machines, it also times a bare endpoint through Flask's
test client and prints how many bare requests the approval is worth.

    .venv/bin/python bench/bench_approve.py [--database-url URL] [--profile]

The PostgreSQL database is WIPED: its schema public is dropped and made again.
"""

import cProfile
import os
import pstats
import time
from datetime import date

from common import (
    add_bare_endpoint,
    argument_parser,
    bench_app,
    fill_batch,
    machine_line,
    migrate_and_add_user,
    per_call_timing,
    print_table,
    throwaway_database,
)
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.inkasso.batches import approve_batch
from webapp.models import Batch, BatchStatus, Case, CaseEvent, CaseStatus

CASES = 10_000
TARGET_SECONDS = 2.0


def check_approved(client_id: int, batch_id: int) -> None:
    """Stop unless every case of the batch was approved, once, with history."""
    in_batch = Case.batch_id == batch_id
    received = db.session.scalar(
        select(func.count(Case.id)).where(
            in_batch,
            Case.client_id == client_id,
            Case.status == CaseStatus.RECEIVED,
            Case.case_number.is_not(None),
        )
    )
    numbers = db.session.scalar(
        select(func.count(func.distinct(Case.case_number))).where(in_batch)
    )
    events = db.session.scalar(
        select(func.count(CaseEvent.id))
        .join(Case, Case.id == CaseEvent.case_id)
        .where(in_batch, CaseEvent.to_status == CaseStatus.RECEIVED)
    )
    batch = db.session.get(Batch, batch_id)
    problems = []
    if received != CASES:
        problems.append(f"{received} cases Mottagen with a number")
    if numbers != CASES:
        problems.append(f"{numbers} distinct case numbers")
    if events != CASES:
        problems.append(f"{events} history lines to Mottagen")
    if batch.status != BatchStatus.APPROVED or batch.approved_at is None:
        problems.append(f"batch status {batch.status}")
    if problems:
        raise SystemExit(
            f"approval incomplete, expected {CASES}: " + "; ".join(problems)
        )


def run(database_url: str | None, profile: bool) -> list[str]:
    """Approve a batch of CASES on one database; return the table row."""
    with throwaway_database(database_url) as url:
        app = bench_app(url)
        add_bare_endpoint(app)
        client_id, user_id = migrate_and_add_user(app)
        batch_id = fill_batch(app, client_id, user_id, CASES)
        bare = app.test_client()
        bare_seconds = per_call_timing(lambda: bare.get("/bench/bare"), 200, 7).wall

        with app.app_context():
            # A fresh connection's first query pays for connecting; not ours.
            db.session.execute(select(1))
            profiler = cProfile.Profile() if profile else None
            if profiler:
                profiler.enable()
            start = time.perf_counter()
            batch, approved = approve_batch(client_id, batch_id, user_id, date.today())
            seconds = time.perf_counter() - start
            if profiler:
                profiler.disable()
            if batch is None or batch.id != batch_id or approved != CASES:
                raise SystemExit(f"approve_batch() approved {approved} cases")
            db.session.remove()
            check_approved(client_id, batch_id)
            db.session.remove()
            db.engine.dispose()

    if profiler:
        print(f"cProfile of approve_batch() on {url.split(':', 1)[0]}:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    verdict = "met" if seconds <= TARGET_SECONDS else "MISSED"
    return [
        url.split(":", 1)[0],
        f"{seconds:.3f}",
        f"{bare_seconds * 1000:.3f}",
        f"{seconds / bare_seconds:.0f}",
        verdict,
    ]


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of the call"
    )
    options = parser.parse_args()
    postgres_url = options.database_url or os.environ.get("BENCH_POSTGRES_URL")

    rows = [run(None, options.profile)]
    if postgres_url:
        rows.append(run(postgres_url, options.profile))

    cases = f"{CASES:,}".replace(",", " ")
    print(f"approve_batch() with {cases} cases ({machine_line()})\n")
    print_table(
        ["database", "seconds", "bare ms", "× bare", f"≤ {TARGET_SECONDS:g} s"], rows
    )
    print(
        f"\nChecked after each run: {CASES} cases Mottagen with distinct case "
        f"numbers, {CASES} history lines to Mottagen, the batch approved."
    )


if __name__ == "__main__":
    main()
