"""Tests for dates, due dates and time-barred claims."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from webapp.domain import InvalidValue
from webapp.domain.dates import (
    check_due_date,
    check_invoice_date,
    parse_date,
    time_barred_warning,
)

TODAY = date(2025, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-08-01", date(2012, 8, 1)),
        ("20120801", date(2012, 8, 1)),
        (" 2012-08-01 ", date(2012, 8, 1)),
        ("2012 - 08 - 01", date(2012, 8, 1)),
        ("2024-02-29", date(2024, 2, 29)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
    ],
)
def test_date_is_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("1/8 2012", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("01-08-2012", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2012-0801", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2012-8-1", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("٢٠١٢-٠٨-٠١", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("<i>2012-08-01</i>", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2012-08-01' OR 1=1", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2" * 10_000, "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2023-02-29", "Datumet finns inte. Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2012-13-01", "Datumet finns inte. Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2012-00-10", "Datumet finns inte. Ange datumet som ÅÅÅÅ-MM-DD."),
        ("1899-12-31", "Kontrollera året. Ange datumet som ÅÅÅÅ-MM-DD."),
        ("2101-01-01", "Kontrollera året. Ange datumet som ÅÅÅÅ-MM-DD."),
        ("0000-01-01", "Kontrollera året. Ange datumet som ÅÅÅÅ-MM-DD."),
    ],
)
def test_invalid_date_is_refused(text, message):
    with pytest.raises(InvalidValue) as excinfo:
        parse_date(text)

    assert str(excinfo.value) == message


def test_invoice_date_today_or_earlier_is_accepted():
    assert check_invoice_date(TODAY, TODAY) is None
    assert check_invoice_date(date(2012, 8, 1), TODAY) is None


def test_invoice_date_in_the_future_is_refused():
    with pytest.raises(InvalidValue) as excinfo:
        check_invoice_date(date(2025, 3, 16), TODAY)

    assert str(excinfo.value) == (
        "Fakturadatumet ligger i framtiden. Ange ett datum senast i dag."
    )


@pytest.mark.parametrize(
    ("due", "invoice_date"),
    [
        (date(2025, 3, 14), date(2025, 2, 14)),
        (date(2025, 3, 14), date(2025, 3, 14)),
        (date(2025, 3, 14), None),
    ],
)
def test_passed_due_date_is_accepted(due, invoice_date):
    assert check_due_date(due, invoice_date, TODAY) is None


@pytest.mark.parametrize(
    ("due", "invoice_date", "message"),
    [
        (
            date(2025, 3, 15),
            date(2025, 2, 14),
            "Fakturan har inte förfallit. Registrera den tidigast dagen efter "
            "förfallodatumet.",
        ),
        (
            date(2025, 4, 15),
            None,
            "Fakturan har inte förfallit. Registrera den tidigast dagen efter "
            "förfallodatumet.",
        ),
        (
            date(2025, 2, 1),
            date(2025, 2, 14),
            "Förfallodatumet är före fakturadatumet. Kontrollera datumen.",
        ),
    ],
)
def test_invalid_due_date_is_refused(due, invoice_date, message):
    with pytest.raises(InvalidValue) as excinfo:
        check_due_date(due, invoice_date, TODAY)

    assert str(excinfo.value) == message


BARRED_10 = (
    "Fordran kan vara preskriberad: fakturadatumet är mer än 10 år sedan. "
    "Kontrollera om preskriptionen har avbrutits, till exempel genom krav."
)
BARRED_3 = (
    "Fordran kan vara preskriberad: fakturadatumet är mer än 3 år sedan. "
    "Kontrollera om preskriptionen har avbrutits, till exempel genom krav."
)


@pytest.mark.parametrize(
    ("invoice_date", "consumer", "today", "expected"),
    [
        (date(2015, 3, 15), False, TODAY, None),  # the last day of ten years
        (date(2015, 3, 14), False, TODAY, BARRED_10),
        (date(2022, 3, 15), True, TODAY, None),
        (date(2022, 3, 14), True, TODAY, BARRED_3),
        (date(2022, 3, 14), False, TODAY, None),
        # No 29 February three years on: the period ends on 28 February.
        (date(2020, 2, 29), True, date(2023, 2, 28), None),
        (date(2020, 2, 29), True, date(2023, 3, 1), BARRED_3),
    ],
)
def test_time_barred_warning(invoice_date, consumer, today, expected):
    assert time_barred_warning(invoice_date, consumer, today) == expected


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_iso_date_reads_back(d):
    assert parse_date(d.isoformat()) == d
    assert parse_date(d.strftime("%Y%m%d")) == d


@given(st.text(max_size=40))
def test_arbitrary_text_raises_only_invalid_value(text):
    try:
        d = parse_date(text)
    except InvalidValue as exc:
        assert "ÅÅÅÅ-MM-DD" in str(exc)
    else:
        assert 1900 <= d.year <= 2100
