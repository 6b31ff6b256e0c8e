"""Tests for amounts and currencies."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from webapp.domain import InvalidValue
from webapp.domain.money import (
    CURRENCIES,
    MAX_PRINCIPAL,
    format_amount,
    parse_amount,
    parse_currency,
    sum_by_currency,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The spellings DESIGN §3 promises.
        ("8000", 800_000),
        ("8 000", 800_000),
        ("8000,50", 800_050),
        ("8 000,50", 800_050),
        ("8000.50", 800_050),
        ("8 000,5", 800_050),
        ("8\u00a0000,50", 800_050),
        ("8\u202f000,50", 800_050),
        ("8\u2009000,50", 800_050),
        ("  8000 ", 800_000),
        ("0,01", 1),
        ("1 234 567,89", 123_456_789),
        ("100 000 000,00", MAX_PRINCIPAL),
    ],
)
def test_amount_is_read_as_ore(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Ange ett belopp."),
        ("   ", "Ange ett belopp."),
        ("åtta tusen", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("8 00", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("8000,", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("1e3", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("٨٠٠٠", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("８０００", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("<b>8000</b>", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("8000; DROP TABLE case", "Ange beloppet med siffror, till exempel 8 000,50."),
        ("1" * 10_000, "Ange beloppet med siffror, till exempel 8 000,50."),
        ("0", "Beloppet måste vara större än noll."),
        ("0,00", "Beloppet måste vara större än noll."),
        ("-100", "Beloppet måste vara större än noll."),
        ("\u2212100,50", "Beloppet måste vara större än noll."),
        ("8000,505", "Ange högst två decimaler, till exempel 8 000,50."),
        # A point or comma before three digits is read as decimals, never guessed
        # to be a thousands separator.
        ("8.000", "Ange högst två decimaler, till exempel 8 000,50."),
        ("100000000,01", "Beloppet får vara högst 100 000 000,00."),
        ("999999999999999999999", "Beloppet får vara högst 100 000 000,00."),
    ],
)
def test_invalid_amount_is_refused(text, message):
    with pytest.raises(InvalidValue) as excinfo:
        parse_amount(text)

    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("ore", "expected"),
    [
        (800_000, "8\u00a0000,00"),
        (800_050, "8\u00a0000,50"),
        (1, "0,01"),
        (0, "0,00"),
        (99_999, "999,99"),
        (MAX_PRINCIPAL, "100\u00a0000\u00a0000,00"),
        (-123_450, "-1\u00a0234,50"),
    ],
)
def test_format_amount(ore, expected):
    assert format_amount(ore) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("SEK", "SEK"), ("sek", "SEK"), (" eur ", "EUR"), ("Gbp", "GBP")],
)
def test_currency_is_read(text, expected):
    assert parse_currency(text) == expected


@pytest.mark.parametrize("text", ["", "kr", "JPY", "ſek", "SEK; --"])
def test_unknown_currency_is_refused(text):
    with pytest.raises(InvalidValue) as excinfo:
        parse_currency(text)

    assert str(excinfo.value) == "Välj valuta: SEK, EUR, NOK, DKK, USD eller GBP."


def test_currencies_start_with_sek():
    assert CURRENCIES == ("SEK", "EUR", "NOK", "DKK", "USD", "GBP")


@given(st.integers(1, MAX_PRINCIPAL))
def test_formatted_amount_reads_back(ore):
    assert parse_amount(format_amount(ore)) == ore


@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_invalid_value(text):
    try:
        ore = parse_amount(text)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert 1 <= ore <= MAX_PRINCIPAL


def test_sum_by_currency_keeps_currencies_apart():
    pairs = [("SEK", 800_000), ("EUR", 10_050), ("SEK", 150_050)]

    assert sum_by_currency(pairs) == {"SEK": 950_050, "EUR": 10_050}
    assert sum_by_currency([]) == {}
