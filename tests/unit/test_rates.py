"""The reference rates table and `flask rates` (DESIGN.md 4.3, 5.7)."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token
from webapp.domain.interest import DEFAULT_REFERENCE_RATES
from webapp.extensions import db
from webapp.inkasso import views
from webapp.models import ReferenceRate
from webapp.rates import reference_rates

NEW_HALF_YEAR = date(2026, 7, 1)


@pytest.fixture
def cli(app):
    """Run a command as `flask --app webapp ...` would."""
    runner = app.test_cli_runner()

    def run(*args):
        with app.app_context():
            return runner.invoke(args=list(args))

    return run


def stored_rates(app) -> dict[date, Decimal]:
    with app.app_context():
        rows = db.session.execute(
            select(ReferenceRate.period_start, ReferenceRate.rate)
        )
        return {start: Decimal(rate) for start, rate in rows}


def test_migrations_seed_the_design_rates(app):
    assert stored_rates(app) == DEFAULT_REFERENCE_RATES


def test_reference_rates_reads_the_table(app):
    with app.app_context():
        assert reference_rates() == DEFAULT_REFERENCE_RATES


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.75", Decimal("1.75")),
        ("1,75", Decimal("1.75")),
        ("-0.5", Decimal("-0.50")),
        ("0", Decimal("0.00")),
        ("30", Decimal("30.00")),
        ("-10", Decimal("-10.00")),
    ],
)
def test_set_stores_the_rate(app, cli, typed, stored):
    result = cli("rates", "set", "--from", "2026-07-01", "--rate", typed)

    assert result.exit_code == 0, result.output
    assert f"Reference rate from 2026-07-01: {stored} %" in result.output
    assert stored_rates(app)[NEW_HALF_YEAR] == stored
    with app.app_context():
        assert reference_rates()[NEW_HALF_YEAR] == stored


def test_set_replaces_a_known_rate(app, cli):
    result = cli("rates", "set", "--from", "2026-01-01", "--rate", "2.25")

    assert result.exit_code == 0, result.output
    rates = stored_rates(app)
    assert rates[date(2026, 1, 1)] == Decimal("2.25")
    assert len(rates) == len(DEFAULT_REFERENCE_RATES)


def test_list_prints_every_rate_oldest_first(cli):
    cli("rates", "set", "--from", "2026-07-01", "--rate", "1.75")

    result = cli("rates", "list")

    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines[0] == "2012-01-01    2.00 %"
    assert lines[-1] == "2026-07-01    1.75 %"
    assert "2016-07-01   -0.50 %" in lines
    assert len(lines) == len(DEFAULT_REFERENCE_RATES) + 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01", "--rate", "1"], "give a date as YYYY-MM-DD"),
        (["--from", "1 juli 2026", "--rate", "1"], "give a date as YYYY-MM-DD"),
        (["--from", "", "--rate", "1"], "give a date as YYYY-MM-DD"),
        (
            ["--from", "2026-03-01", "--rate", "1"],
            "a half-year starts on 1 January or 1 July",
        ),
        (
            ["--from", "2026-07-02", "--rate", "1"],
            "a half-year starts on 1 January or 1 July",
        ),
        (["--from", "2026-07-01", "--rate", "hög"], "give the rate as a number"),
        (["--from", "2026-07-01", "--rate", ""], "give the rate as a number"),
        (["--from", "2026-07-01", "--rate", "30.01"], "give a rate between -10 and 30"),
        (["--from", "2026-07-01", "--rate", "-10.5"], "give a rate between -10 and 30"),
        (["--from", "2026-07-01", "--rate", "NaN"], "give a rate between -10 and 30"),
        (
            ["--from", "2026-07-01", "--rate", "Infinity"],
            "give a rate between -10 and 30",
        ),
        (["--from", "2026-07-01"], "Missing option '--rate'"),
        (["--rate", "1"], "Missing option '--from'"),
    ],
)
def test_set_refuses_bad_input(app, cli, args, message):
    result = cli("rates", "set", *args)

    assert result.exit_code != 0
    assert message in result.output
    assert stored_rates(app) == DEFAULT_REFERENCE_RATES


GUIDE_CASE = {
    "debtor_name": "Nisses Bil",
    "debtor_kind": "company",
    "identity_number": "551452-6382",
    "street": "Trävägen 3",
    "postal_line": "25111 HELSINGBORG",
    "country": "SE",
    "invoice-0-number": "123",
    "invoice-0-description": "Transport",
    "invoice-0-principal": "8000",
    "invoice-0-currency": "SEK",
    "invoice-0-invoice_date": "2026-05-01",
    "invoice-0-due_date": "2026-05-31",
    "service": "Inkasso",
}


def preview(client) -> str:
    data = GUIDE_CASE | {"csrf_token": csrf_token(client)}
    return client.post("/inkasso/registrera", data=data).get_data(as_text=True)


def test_preview_carries_last_rate_forward_and_says_so(logged_in, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: date(2026, 9, 15))

    html = preview(logged_in)

    assert "2026-06-01 – 2026-06-30: 30 dagar à 10,00 % (referensränta 2,00 % + 8)" in (
        html
    )
    assert (
        "2026-07-01 – 2026-09-15: 77 dagar à 10,00 % (referensränta 2,00 % + 8). "
    ) in html
    assert "senast kända räntan" in html


def test_preview_uses_a_rate_set_by_the_command(logged_in, cli, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: date(2026, 9, 15))
    cli("rates", "set", "--from", "2026-07-01", "--rate", "1.75")

    html = preview(logged_in)

    assert (
        "2026-07-01 – 2026-09-15: 77 dagar à 9,75 % (referensränta 1,75 % + 8)</td>"
    ) in html
    assert "senast kända räntan" not in html
    assert (
        '<th scope="row">Dröjsmålsränta till idag</th><td class="num">230,30</td>'
    ) in html
    # 8 000,00 kr at 10 % for 30 days and at 9,75 % for 77 days.
    assert '<td class="num">65,75</td>' in html
    assert '<td class="num">164,55</td>' in html


def test_migrations_seed_the_rates_of_design_4_3(app):
    # The migration keeps its own frozen copy; it must match the domain table.
    with app.app_context():
        assert reference_rates() == DEFAULT_REFERENCE_RATES
