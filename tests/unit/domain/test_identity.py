"""Tests for Swedish identity numbers.

Personal numbers here are made up with birth numbers 980-999, which are never given
to real people; organisation numbers are made up or python-stdnum's public vectors.
"""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from webapp.domain import InvalidValue
from webapp.domain.identity import (
    COMPANY,
    COMPANY_FORMS,
    PERSON,
    IdentityNumber,
    company_form_warning,
    parse_identity,
    suggest_kind,
)

TODAY = date(2025, 1, 1)

NOT_SWEDISH = (
    "Numret ser inte ut som ett svenskt organisations- eller personnummer. "
    "Kontrollera det."
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("900101-9984", "19900101-9984"),
        ("9001019984", "19900101-9984"),
        ("19900101-9984", "19900101-9984"),
        ("199001019984", "19900101-9984"),
        (" 900101 - 9984 ", "19900101-9984"),
        ("900101\u00a09984", "19900101-9984"),
        # Samordningsnummer: day 01 + 60.
        ("900161-9981", "19900161-9981"),
        ("19900161-9981", "19900161-9981"),
        # Without a '+' the person is under 100, with it 100 or over.
        ("121212-9983", "20121212-9983"),
        ("121212+9983", "19121212-9983"),
        ("000229-9980", "20000229-9980"),
        # Born on today's date in a year ending as today's does: this year.
        ("250101-9992", "20250101-9992"),
        ("450101-9980", "19450101-9980"),
    ],
)
def test_personnummer_is_normalised_with_century(value, expected):
    number = parse_identity(value, PERSON, TODAY)

    assert number == IdentityNumber(PERSON, expected, None, ())


def test_century_is_resolved_from_today():
    assert parse_identity("250101-9992", PERSON, date(2024, 12, 31)).number == (
        "19250101-9992"
    )
    assert parse_identity("250101-9992", PERSON, date(2025, 1, 1)).number == (
        "20250101-9992"
    )


@pytest.mark.parametrize(
    ("value", "number", "group_form"),
    [
        ("556000-0001", "556000-0001", "Aktiebolag"),
        ("5560000001", "556000-0001", "Aktiebolag"),
        ("16556000-0001", "556000-0001", "Aktiebolag"),
        ("165560000001", "556000-0001", "Aktiebolag"),
        ("212000-0142", "212000-0142", "Offentlig sektor"),
        ("302000-0000", "302000-0000", "Utländskt företag"),
        ("612000-0002", "612000-0002", "Enkelt bolag"),
        ("716000-0001", "716000-0001", "Ekonomisk förening"),
        ("802000-0009", "802000-0009", "Ideell förening"),
        ("969000-0006", "969000-0006", "Handelsbolag, kommanditbolag"),
        ("102000-0004", "102000-0004", "Dödsbo"),
        # python-stdnum's public vector: a valid number in group 1.
        ("123456-7897", "123456-7897", "Dödsbo"),
        # Group 4 is not in use: a valid number without a suggested form.
        ("402000-0008", "402000-0008", None),
    ],
)
def test_organisationsnummer_is_normalised_with_group(value, number, group_form):
    for debtor_kind in (COMPANY, None):
        parsed = parse_identity(value, debtor_kind, TODAY)

        assert parsed == IdentityNumber(COMPANY, number, group_form, ())


def test_guide_example_is_accepted_with_warning():
    number = parse_identity("551452-6382", COMPANY, TODAY)

    assert number == IdentityNumber(COMPANY, "551452-6382", None, (NOT_SWEDISH,))


@pytest.mark.parametrize(
    "value",
    ["551452-6382", "5514526382", "16551452-6382", "900101-0009"],
)
def test_luhn_valid_number_that_is_neither_gets_warning(value):
    for debtor_kind in (COMPANY, None):
        number = parse_identity(value, debtor_kind, TODAY)

        assert number.kind == COMPANY
        assert number.warnings == (NOT_SWEDISH,)


def test_personnummer_for_company_is_enskild_firma():
    number = parse_identity("900101-9984", COMPANY, TODAY)

    assert number == IdentityNumber(PERSON, "19900101-9984", "Enskild firma", ())


@pytest.mark.parametrize(
    ("value", "debtor_kind", "message"),
    [
        ("", PERSON, "Ange person- eller organisationsnummer."),
        ("   ", COMPANY, "Ange person- eller organisationsnummer."),
        ("12345", None, "Ange numret med 10 siffror (ÅÅMMDD-NNNN) eller 12 "
         "(ÅÅÅÅMMDD-NNNN)."),
        ("9" * 10_000, None, "Ange numret med 10 siffror (ÅÅMMDD-NNNN) eller 12 "
         "(ÅÅÅÅMMDD-NNNN)."),
        ("900101-998A", PERSON, "Numret får bara innehålla siffror och bindestreck."),
        ("٩٠٠١٠١-٩٩٨٤", PERSON, "Numret får bara innehålla siffror och bindestreck."),
        ("<b>900101</b>", None, "Numret får bara innehålla siffror och bindestreck."),
        ("' OR 1=1 --", COMPANY, "Numret får bara innehålla siffror och bindestreck."),
        ("219001019984", None, "Ett nummer med 12 siffror ska börja med 19, 20 "
         "eller 16. Kontrollera numret."),
        ("900101-9985", PERSON, "Kontrollsiffran stämmer inte. Kontrollera numret."),
        ("556000-0002", COMPANY, "Kontrollsiffran stämmer inte. Kontrollera numret."),
        ("1234567891", None, "Kontrollsiffran stämmer inte. Kontrollera numret."),
        ("900101-0009", PERSON, "Personnummer kan inte sluta på 000 före "
         "kontrollsiffran."),
        ("551452-6382", PERSON, "Födelsedatumet i personnumret finns inte. "
         "Kontrollera numret."),
        ("000229+9980", PERSON, "Födelsedatumet i personnumret finns inte. "
         "Kontrollera numret."),
        ("20300101-9987", COMPANY, "Födelsedatumet i personnumret finns inte. "
         "Kontrollera numret."),
        ("556000-0001", PERSON, "Numret är ett organisationsnummer. Ange ett "
         "personnummer eller välj Företag."),
        ("16551452-6382", PERSON, "Numret är ett organisationsnummer. Ange ett "
         "personnummer eller välj Företag."),
    ],
)  # fmt: skip
def test_invalid_numbers_are_refused(value, debtor_kind, message):
    with pytest.raises(InvalidValue) as excinfo:
        parse_identity(value, debtor_kind, TODAY)

    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("900101-9984", PERSON),
        ("199001019984", PERSON),
        ("900161-9981", PERSON),
        ("556000-0001", COMPANY),
        ("16556000-0001", COMPANY),
        ("551452-6382", None),
        ("900101-9985", None),
        ("900101", None),
        ("", None),
        ("<script>", None),
    ],
)
def test_suggest_kind(value, expected):
    assert suggest_kind(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "company_form", "expected"),
    [
        ("556000-0001", "Aktiebolag", None),
        ("556000-0001", "", None),
        (
            "556000-0001",
            "Ekonomisk förening",
            "Organisationsnumret hör till gruppen Aktiebolag. Kontrollera Bolagsform.",
        ),
        ("716000-0001", "Bostadsrättsförening", None),
        (
            "716000-0001",
            "Aktiebolag",
            "Organisationsnumret hör till gruppen Ekonomisk förening eller "
            "Bostadsrättsförening. Kontrollera Bolagsform.",
        ),
        ("802000-0009", "Stiftelse", None),
        ("969000-0006", "Handelsbolag, kommanditbolag", None),
        ("900101-9984", "Enskild firma", None),
        (
            "900101-9984",
            "Aktiebolag",
            "Ett personnummer hör till en enskild firma. Kontrollera Bolagsform.",
        ),
        ("551452-6382", "Aktiebolag", None),
        ("402000-0008", "Aktiebolag", None),
    ],
)
def test_company_form_warning(value, company_form, expected):
    number = parse_identity(value, COMPANY, TODAY)

    assert company_form_warning(number, company_form) == expected


def test_company_forms_offer_the_guides_choice():
    assert COMPANY_FORMS[:3] == (
        "Aktiebolag",
        "Handelsbolag, kommanditbolag",
        "Enskild firma",
    )
    assert "Handelsbolag" not in COMPANY_FORMS
    assert COMPANY_FORMS[-1] == "Övrigt"


@given(
    birth_date=st.dates(date(1925, 1, 2), date(2024, 12, 31)),
    birth_number=st.integers(980, 999),
    coordination=st.booleans(),
)
def test_every_test_range_personnummer_round_trips(
    birth_date, birth_number, coordination
):
    day = birth_date.day + (60 if coordination else 0)
    short = f"{birth_date:%y%m}{day:02d}{birth_number}"
    short += luhn.calc_check_digit(short)

    number = parse_identity(f"{short[:6]}-{short[6:]}", None, TODAY)

    assert number.kind == PERSON
    assert number.number == f"{birth_date.year}{short[2:6]}-{short[6:]}"


@given(
    value=st.text(max_size=30),
    debtor_kind=st.sampled_from([PERSON, COMPANY, None]),
)
def test_arbitrary_text_raises_only_invalid_value(value, debtor_kind):
    try:
        number = parse_identity(value, debtor_kind, TODAY)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert number.kind in (PERSON, COMPANY)
    assert suggest_kind(value, TODAY) in (PERSON, COMPANY, None)
