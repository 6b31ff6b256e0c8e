"""Time Registrera ärende with 1 000 and 10 000 cases in the open batch.

The page is asked for through Flask's test client, logged in, so the figure is
the server's work alone: no network, no browser. Beside the page it times the
table's parts (batch_rows, batch_totals, rendering the table) and a bare
endpoint through the same test client, and prints the page's weight as sent
and after gzip. Target: the page in 100 ms or less with 1 000 cases.

    .venv/bin/python bench/bench_batch_table.py [--database-url URL] [--profile]

Given --database-url (PostgreSQL), that database is WIPED: its schema public
is dropped and made again.
"""

import cProfile
import gc
import pstats

from common import (
    Timing,
    add_bare_endpoint,
    argument_parser,
    bench_app,
    fill_batch,
    gzip_size,
    login,
    machine_line,
    median_timing,
    migrate_and_add_user,
    per_call_timing,
    print_table,
    throwaway_database,
)
from flask import render_template

from webapp.extensions import db
from webapp.inkasso.batches import batch_rows, batch_totals, find_open_batch
from webapp.inkasso.views import url_pattern

SIZES = (1_000, 10_000)
RUNS = {1_000: 9, 10_000: 5}
TARGET_MS = 100
PAGE = "/inkasso/registrera"


def spaced(number: int) -> str:
    """Write a number with a space between thousands, the Swedish way."""
    return f"{number:,}".replace(",", " ")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def time_parts(app, client_id: int, runs: int) -> dict[str, Timing]:
    """Return the median timings of the table's parts, each on its own.

    Every timed call ends by closing the session, as a request does, so no
    call finds the cases of the one before it already loaded.
    """
    # No one is logged in: the table needs no user, and closing the session
    # would leave a loaded user detached.
    with app.test_request_context(PAGE):
        count, sums = batch_totals(client_id)
        batch_id = find_open_batch(client_id).id
        rows = batch_rows(client_id)

        def render_table(rows):
            return render_template(
                "partials/inkasso/batch_table.html",
                rows=rows,
                case_count=count,
                sums=sums,
                batch={"id": batch_id},
                edit_url=url_pattern("inkasso.register", "arende"),
                remove_url=url_pattern("inkasso.remove", "case_id"),
            )

        parts = {
            "batch_totals()": lambda: batch_totals(client_id),
            "batch_rows()": lambda: batch_rows(client_id),
            "render batch_table.html": lambda: render_table(rows),
            "batch_rows() + render": lambda: render_table(batch_rows(client_id)),
            "batch_rows(), garbage collector off": lambda: without_gc(
                lambda: batch_rows(client_id)
            ),
        }
        medians = {}
        for name, part in parts.items():

            def in_own_session(part=part):
                part()
                db.session.remove()

            medians[name] = median_timing(in_own_session, runs)
    return medians


def without_gc(action):
    """Run the action with Python's cycle collector paused, to see its share."""
    gc.disable()
    try:
        return action()
    finally:
        gc.enable()


def profile_page(client, top: int = 20) -> None:
    """Print where one request for the page spends its time."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(PAGE)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print("\ncProfile of one GET, by own time:")
    stats.sort_stats("tottime").print_stats(top)
    print("cProfile of one GET, by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print a cProfile of one request at each size",
    )
    options = parser.parse_args()

    with throwaway_database(options.database_url) as url:
        app = bench_app(url)
        add_bare_endpoint(app)
        client_id, user_id = migrate_and_add_user(app)
        database = url.split(":", 1)[0]
        print(f"Registrera ärende with a full batch ({database}; {machine_line()})\n")

        # The yardstick has no session: it measures the framework alone.
        bare = app.test_client()
        bare_timing = per_call_timing(lambda: bare.get("/bench/bare"), 200, 7)

        browser = app.test_client()
        login(browser)
        table = []
        parts_by_size = {}
        filled = 0
        for size in SIZES:
            fill_batch(app, client_id, user_id, size - filled)
            filled = size
            response = browser.get(PAGE)
            body = response.get_data()
            assert response.status_code == 200, response.status_code
            assert body.count(b'<tr id="case-') == size, "the table lacks rows"
            page = median_timing(lambda: browser.get(PAGE), RUNS[size])
            table.append(
                [
                    f"GET {PAGE}, {spaced(size)} cases",
                    ms(page.wall),
                    ms(page.cpu),
                    f"{page.wall / bare_timing.wall:.0f}",
                    f"{page.cpu / bare_timing.cpu:.0f}",
                    f"{len(body) / 1024:.0f}",
                    f"{gzip_size(body) / 1024:.0f}",
                ]
            )
            parts_by_size[size] = time_parts(app, client_id, RUNS[size])
            if options.profile:
                print(f"--- {size} cases ---")
                profile_page(browser)

        table.append(
            [
                "GET /bench/bare (no session)",
                f"{bare_timing.wall * 1000:.3f}",
                f"{bare_timing.cpu * 1000:.3f}",
                "1",
                "1",
                "",
                "",
            ]
        )
        print_table(
            ["request", "ms", "CPU ms", "× bare", "× bare CPU", "KB", "KB gzip"],
            table,
        )

        print()
        parts = [
            [name]
            + [
                ms(getattr(parts_by_size[size][name], clock))
                for size in SIZES
                for clock in ("wall", "cpu")
            ]
            for name in parts_by_size[SIZES[0]]
        ]
        print_table(
            ["part"]
            + [
                f"{clock}, {spaced(size)}"
                for size in SIZES
                for clock in ("ms", "CPU ms")
            ],
            parts,
        )

        first = float(table[0][1])
        verdict = "met" if first <= TARGET_MS else "MISSED"
        print(
            f"\nTarget: the page in ≤ {TARGET_MS} ms with 1 000 cases: {verdict} "
            f"({first:.1f} ms, CPU {table[0][2]} ms).\n"
            f"Medians of {RUNS[1_000]} and {RUNS[10_000]} runs "
            "after one warm-up. ms is the wall clock, CPU ms this\n"
            "process's CPU time (with PostgreSQL, the database's own work is "
            "not in it).\nKB gzip: gzip level 6."
        )
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
