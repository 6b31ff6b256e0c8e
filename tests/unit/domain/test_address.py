"""Tests for postal lines and countries."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from webapp.domain import InvalidValue
from webapp.domain.address import (
    COUNTRIES,
    PostalAddress,
    parse_country,
    parse_postal_line,
)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("25111 HELSINGBORG", "SE", PostalAddress("251 11", "HELSINGBORG")),
        ("251 11 Helsingborg", "SE", PostalAddress("251 11", "HELSINGBORG")),
        ("SE-251 11 Helsingborg", "SE", PostalAddress("251 11", "HELSINGBORG")),
        ("se 25111  malmö", "SE", PostalAddress("251 11", "MALMÖ")),
        (" 114 18 Stockholm ", "se", PostalAddress("114 18", "STOCKHOLM")),
        ("981 38 Kiruna-Luossa", "SE", PostalAddress("981 38", "KIRUNA-LUOSSA")),
        ("0150 Oslo", "NO", PostalAddress("0150", "Oslo")),
        ("SW1A 1AA London", "GB", PostalAddress("SW1A 1AA", "London")),
        ("00100 Helsinki", "FI", PostalAddress("00100", "Helsinki")),
        ("Dublin", "IE", PostalAddress("", "Dublin")),
    ],
)
def test_postal_line_is_split_and_normalised(text, country, expected):
    assert parse_postal_line(text, country) == expected


@pytest.mark.parametrize(
    ("text", "country", "message"),
    [
        ("", "SE", "Ange postnummer och ort."),
        ("  ", "NO", "Ange postnummer och ort."),
        ("Helsingborg", "SE", "Ange postnumret före orten, till exempel 251 11 "
         "Helsingborg."),
        ("<script>alert(1)</script>", "SE", "Ange postnumret före orten, till "
         "exempel 251 11 Helsingborg."),
        ("٢٥١١١ Helsingborg", "SE", "Ange postnumret före orten, till exempel "
         "251 11 Helsingborg."),
        ("2511 Helsingborg", "SE", "Postnumret ska ha fem siffror, till exempel "
         "251 11."),
        ("251 111 Helsingborg", "SE", "Postnumret ska ha fem siffror, till "
         "exempel 251 11."),
        ("05111 Helsingborg", "SE", "Ett svenskt postnummer börjar inte på 0. "
         "Kontrollera postnumret."),
        ("25111", "SE", "Ange orten efter postnumret."),
        ("25111 --", "SE", "Ange orten efter postnumret."),
        ("0150", "NO", "Ange orten efter postnumret."),
        ("x" * 10_000, "SE", "Postnummer och ort får vara högst 100 tecken."),
    ],
)  # fmt: skip
def test_invalid_postal_line_is_refused(text, country, message):
    with pytest.raises(InvalidValue) as excinfo:
        parse_postal_line(text, country)

    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (PostalAddress("251 11", "HELSINGBORG"), "251 11 HELSINGBORG"),
        (PostalAddress("0150", "Oslo"), "0150 Oslo"),
        (PostalAddress("", "Dublin"), "Dublin"),
    ],
)
def test_postal_address_display(address, expected):
    assert address.display() == expected


def test_countries_are_named_in_swedish_with_sverige_first():
    assert next(iter(COUNTRIES.items())) == ("SE", "Sverige")
    assert COUNTRIES["NO"] == "Norge"
    assert COUNTRIES["DK"] == "Danmark"
    assert COUNTRIES["FI"] == "Finland"
    assert COUNTRIES["GB"] == "Storbritannien"
    assert COUNTRIES["US"] == "USA"
    assert COUNTRIES["DE"] == "Tyskland"


def test_countries_are_iso_codes_only_in_swedish_order():
    assert len(COUNTRIES) == 249
    assert {"EU", "UN", "ZZ", "XA"}.isdisjoint(COUNTRIES)
    assert list(COUNTRIES)[-3:] == ["AX", "AT", "TL"]  # Åland, Österrike, Östtimor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SE", "SE"),
        ("se", "SE"),
        ("Sverige", "SE"),
        (" sverige ", "SE"),
        ("Norge", "NO"),
        ("Österrike", "AT"),
        ("Bosnien och Hercegovina", "BA"),
    ],
)
def test_country_is_read(text, expected):
    assert parse_country(text) == expected


@pytest.mark.parametrize("text", ["", "Sweden", "EU", "XX", "S", "<b>SE</b>"])
def test_unknown_country_is_refused(text):
    with pytest.raises(InvalidValue) as excinfo:
        parse_country(text)

    assert str(excinfo.value) == "Välj ett land i listan."


@given(
    text=st.text(max_size=120),
    country=st.sampled_from(["SE", "NO", "GB", "US"]),
)
def test_arbitrary_text_raises_only_invalid_value(text, country):
    try:
        address = parse_postal_line(text, country)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert address.city
    try:
        assert parse_country(text) in COUNTRIES
    except InvalidValue as exc:
        assert str(exc) == "Välj ett land i listan."
