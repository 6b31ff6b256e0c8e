"""The Registrera ärende form: messages, warnings and the normalised draft."""

from datetime import timedelta

import pytest

from webapp.inkasso.case_form import CaseForm

from .conftest import TODAY, case_values, organisationsnummer, personnummer

PERSON_NUMBER = personnummer("800101", 998)
AB_NUMBER = organisationsnummer("556000000")
HB_NUMBER = organisationsnummer("969600000")
TOO_LONG_30 = "Texten är för lång: högst 30 tecken."
TOO_LONG_100 = "Texten är för lång: högst 100 tecken."
TOO_LONG_2000 = "Texten är för lång: högst 2000 tecken."
NOT_DUE = (
    "Fakturan har inte förfallit. Registrera den tidigast dagen efter förfallodatumet."
)
NOT_SWEDISH = (
    "Numret ser inte ut som ett svenskt organisations- eller personnummer. "
    "Kontrollera det."
)
TIME_BARRED_10 = "Fordran kan vara preskriberad: fakturadatumet är mer än 10 år sedan."
TIME_BARRED_3 = "Fordran kan vara preskriberad: fakturadatumet är mer än 3 år sedan."


def form(**changes) -> CaseForm:
    return CaseForm(case_values(**changes), TODAY)


def warning_texts(checked: CaseForm, name: str) -> list[str]:
    return [warning.text for warning in checked.check(name).warnings]


def test_guide_example_has_no_errors():
    assert form().errors == {}


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("client_reference", "x" * 31, TOO_LONG_30),
        ("debtor_name", "", "Ange kundens namn."),
        ("debtor_name", "   ", "Ange kundens namn."),
        ("debtor_name", "x" * 101, TOO_LONG_100),
        ("debtor_kind", "", "Välj Företag eller Privatperson."),
        ("debtor_kind", "robot", "Välj Företag eller Privatperson."),
        ("care_of", "x" * 101, TOO_LONG_100),
        ("identity_number", "", "Ange person- eller organisationsnummer."),
        (
            "identity_number",
            "55145-6382",
            "Ange numret med 10 siffror (ÅÅMMDD-NNNN) eller 12 (ÅÅÅÅMMDD-NNNN).",
        ),
        (
            "identity_number",
            "55145A-6382",
            "Numret får bara innehålla siffror och bindestreck.",
        ),
        (
            "identity_number",
            "551452-6383",
            "Kontrollsiffran stämmer inte. Kontrollera numret.",
        ),
        ("street", "", "Ange kundens adress."),
        ("street", "x" * 101, TOO_LONG_100),
        ("company_form", "Robotbolag", "Välj en bolagsform i listan."),
        ("postal_line", "", "Ange postnummer och ort."),
        (
            "postal_line",
            "2511 HELSINGBORG",
            "Postnumret ska ha fem siffror, till exempel 251 11.",
        ),
        (
            "postal_line",
            "05111 HELSINGBORG",
            "Ett svenskt postnummer börjar inte på 0. Kontrollera postnumret.",
        ),
        ("postal_line", "25111", "Ange orten efter postnumret."),
        (
            "postal_line",
            "HELSINGBORG",
            "Ange postnumret före orten, till exempel 251 11 Helsingborg.",
        ),
        (
            "phone",
            "12",
            "Telefonnumret är inte ett möjligt nummer för landet. "
            "Kontrollera numret och Land.",
        ),
        ("country", "XX", "Välj ett land i listan."),
        ("country", "", "Välj ett land i listan."),
        (
            "email",
            "nisse@",
            "Ange en giltig e-postadress, till exempel namn@foretag.se.",
        ),
        ("service", "", "Välj en tjänst i listan."),
        ("service", "Städning", "Välj en tjänst i listan."),
        ("case_description", "x" * 2001, TOO_LONG_2000),
        ("note", "x" * 2001, TOO_LONG_2000),
        ("invoice-0-number", "", "Ange fakturanumret."),
        ("invoice-0-number", "1" * 31, TOO_LONG_30),
        ("invoice-0-description", "", "Ange vad fakturan avser."),
        ("invoice-0-description", "x" * 101, TOO_LONG_100),
        ("invoice-0-principal", "", "Ange ett belopp."),
        (
            "invoice-0-principal",
            "åtta",
            "Ange beloppet med siffror, till exempel 8 000,50.",
        ),
        ("invoice-0-principal", "0", "Beloppet måste vara större än noll."),
        ("invoice-0-principal", "-5", "Beloppet måste vara större än noll."),
        (
            "invoice-0-principal",
            "8000,505",
            "Ange högst två decimaler, till exempel 8 000,50.",
        ),
        (
            "invoice-0-principal",
            "100000000,01",
            "Beloppet får vara högst 100 000 000,00.",
        ),
        (
            "invoice-0-currency",
            "SEKK",
            "Välj valuta: SEK, EUR, NOK, DKK, USD eller GBP.",
        ),
        ("invoice-0-currency", "", "Välj valuta: SEK, EUR, NOK, DKK, USD eller GBP."),
        ("invoice-0-invoice_date", "", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("invoice-0-invoice_date", "1/8 2012", "Ange datumet som ÅÅÅÅ-MM-DD."),
        (
            "invoice-0-invoice_date",
            "2012-02-30",
            "Datumet finns inte. Ange datumet som ÅÅÅÅ-MM-DD.",
        ),
        (
            "invoice-0-invoice_date",
            "9999-99-99",
            "Kontrollera året. Ange datumet som ÅÅÅÅ-MM-DD.",
        ),
        ("invoice-0-due_date", "2012-8-30", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("invoice-0-debt_group", "Godis", "Välj en skuldgrupp i listan."),
    ],
)
def test_field_error(name, typed, message):
    checked = form(**{name: typed})

    assert checked.errors == {name: message}


@pytest.mark.parametrize(
    ("kind", "number", "message"),
    [
        (
            "person",
            "551452-6382",
            "Födelsedatumet i personnumret finns inte. Kontrollera numret.",
        ),
        (
            "person",
            AB_NUMBER,
            "Numret är ett organisationsnummer. "
            "Ange ett personnummer eller välj Företag.",
        ),
        (
            "person",
            personnummer("801301", 998),
            "Födelsedatumet i personnumret finns inte. Kontrollera numret.",
        ),
        (
            "company",
            "21" + personnummer("000101", 998).replace("-", ""),
            "Ett nummer med 12 siffror ska börja med 19, 20 eller 16. "
            "Kontrollera numret.",
        ),
    ],
)
def test_identity_number_error_depends_on_kind(kind, number, message):
    checked = form(debtor_kind=kind, identity_number=number, company_form="")

    assert checked.check("identity_number").error == message


@pytest.mark.parametrize(
    ("invoice_date", "due_date", "message"),
    [
        (
            "2012-08-01",
            "2012-07-31",
            "Förfallodatumet är före fakturadatumet. Kontrollera datumen.",
        ),
        (TODAY.isoformat(), TODAY.isoformat(), NOT_DUE),
        ("2026-09-01", (TODAY + timedelta(days=1)).isoformat(), NOT_DUE),
        ("2026-09-01", "2027-01-01", NOT_DUE),
    ],
)
def test_due_date_error(invoice_date, due_date, message):
    checked = form(
        **{"invoice-0-invoice_date": invoice_date, "invoice-0-due_date": due_date}
    )

    assert checked.errors == {"invoice-0-due_date": message}


def test_due_date_yesterday_is_due():
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    checked = form(
        **{"invoice-0-invoice_date": "2026-08-01", "invoice-0-due_date": yesterday}
    )

    assert checked.errors == {}


def test_invoice_date_in_the_future_is_an_error():
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    checked = form(**{"invoice-0-invoice_date": tomorrow})

    assert checked.errors["invoice-0-invoice_date"] == (
        "Fakturadatumet ligger i framtiden. Ange ett datum senast i dag."
    )


@pytest.mark.parametrize(
    ("changes", "name", "expected"),
    [
        # The guide's org.nr is Luhn-valid but has third digit 1.
        ({}, "identity_number", [NOT_SWEDISH]),
        (
            {"identity_number": AB_NUMBER, "company_form": "Aktiebolag"},
            "company_form",
            [],
        ),
        (
            {"identity_number": AB_NUMBER},
            "company_form",
            [
                "Organisationsnumret hör till gruppen Aktiebolag. "
                "Kontrollera Bolagsform."
            ],
        ),
        (
            {"identity_number": HB_NUMBER, "company_form": "Stiftelse"},
            "company_form",
            [
                "Organisationsnumret hör till gruppen Handelsbolag, kommanditbolag. "
                "Kontrollera Bolagsform."
            ],
        ),
        ({"identity_number": AB_NUMBER, "company_form": ""}, "company_form", []),
        (
            {"identity_number": PERSON_NUMBER, "company_form": ""},
            "company_form",
            ["Är kunden en enskild firma? Välj då Enskild firma."],
        ),
        (
            {"identity_number": PERSON_NUMBER, "company_form": "Aktiebolag"},
            "company_form",
            ["Ett personnummer hör till en enskild firma. Kontrollera Bolagsform."],
        ),
        (
            {"identity_number": PERSON_NUMBER, "company_form": "Enskild firma"},
            "company_form",
            [],
        ),
        (
            {"debtor_kind": "person", "identity_number": AB_NUMBER},
            "debtor_kind",
            ["Numret är ett organisationsnummer. Välj Företag."],
        ),
        ({"identity_number": AB_NUMBER}, "debtor_kind", []),
        (
            {"debtor_kind": "company", "identity_number": PERSON_NUMBER},
            "debtor_kind",
            [
                "Numret är ett personnummer. Välj Privatperson, "
                "om kunden inte är en enskild firma."
            ],
        ),
        (
            {"debtor_kind": "person", "identity_number": PERSON_NUMBER},
            "debtor_kind",
            [],
        ),
    ],
)
def test_identity_warnings(changes, name, expected):
    assert warning_texts(form(**changes), name) == expected


@pytest.mark.parametrize(
    ("kind", "number", "invoice_date", "expected"),
    [
        ("company", "551452-6382", "2012-08-01", [TIME_BARRED_10]),
        ("company", "551452-6382", "2016-09-15", []),
        ("company", "551452-6382", "2016-09-14", [TIME_BARRED_10]),
        ("person", PERSON_NUMBER, "2023-09-15", []),
        ("person", PERSON_NUMBER, "2023-09-14", [TIME_BARRED_3]),
        ("company", PERSON_NUMBER, "2020-01-01", []),
    ],
)
def test_time_barred_warning(kind, number, invoice_date, expected):
    checked = form(
        debtor_kind=kind,
        identity_number=number,
        company_form="",
        **{"invoice-0-invoice_date": invoice_date, "invoice-0-due_date": invoice_date},
    )

    texts = warning_texts(checked, "invoice-0-invoice_date")
    assert [text[: len(e)] for text, e in zip(texts, expected, strict=True)] == expected
    assert checked.errors == {}


def test_warnings_do_not_block():
    checked = form()

    assert checked.errors == {}
    assert [name for name, _ in checked.warnings] == [
        "identity_number",
        "invoice-0-invoice_date",
    ]
    assert checked.draft().debtor_name == "Nisses Bil"


def test_several_invoices_each_checked():
    checked = form(
        **{
            "invoice-1-number": "124",
            "invoice-1-description": "Frakt",
            "invoice-1-principal": "1 500,50",
            "invoice-1-currency": "EUR",
            "invoice-1-invoice_date": "2026-08-01",
            "invoice-1-due_date": "2026-10-01",
            "invoice-1-debt_group": "Tjänster",
            "invoice-2-number": "",
        }
    )

    assert checked.invoice_indexes == [0, 1, 2]
    assert checked.errors == {
        "invoice-1-due_date": NOT_DUE,
        "invoice-2-number": "Ange fakturanumret.",
        "invoice-2-description": "Ange vad fakturan avser.",
        "invoice-2-principal": "Ange ett belopp.",
        "invoice-2-invoice_date": "Ange datumet som ÅÅÅÅ-MM-DD.",
        "invoice-2-due_date": "Ange datumet som ÅÅÅÅ-MM-DD.",
    }


@pytest.mark.parametrize("second", ["123", " 123 "])
def test_duplicate_invoice_number_in_one_form(second):
    checked = form(
        **{
            "invoice-1-number": second,
            "invoice-1-description": "Frakt",
            "invoice-1-principal": "100",
            "invoice-1-invoice_date": "2012-08-01",
            "invoice-1-due_date": "2012-08-30",
        }
    )

    assert checked.errors == {
        "invoice-1-number": "Fakturanumret står redan i ett annat fält."
    }


def test_duplicate_finder_gives_warning_with_link():
    asked = []

    def find_duplicates(identity_number, invoice_number):
        asked.append((identity_number, invoice_number))
        return [("Samma faktura finns redan.", "/inkasso/registrera?arende=7")]

    checked = CaseForm(
        case_values(identity_number="5514526382", **{"invoice-0-number": " 123 "}),
        TODAY,
        find_duplicates,
    )

    (warning,) = checked.check("invoice-0-number").warnings
    assert (warning.text, warning.link, warning.link_text) == (
        "Samma faktura finns redan.",
        "/inkasso/registrera?arende=7",
        "Visa",
    )
    assert asked == [("551452-6382", "123")]
    assert checked.errors == {}


@pytest.mark.parametrize(
    "typed",
    ["  Nisses Bil  ", "<script>alert(1)</script>", "Ünïcødé 😀", "' OR 1=1 --"],
)
def test_values_kept_as_typed(typed):
    checked = form(debtor_name=typed, **{"invoice-0-principal": " 8 000,50 "})

    assert checked.value("debtor_name") == typed
    assert checked.value("invoice-0-principal") == " 8 000,50 "


def test_empty_form_has_defaults():
    empty = CaseForm.empty(TODAY)

    assert [empty.value(name) for name in ("debtor_kind", "country", "service")] == [
        "company",
        "SE",
        "Inkasso",
    ]
    assert empty.value("invoice-0-currency") == "SEK"
    assert empty.invoice_indexes == [0]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("company", "Org.nummer"), ("person", "Personnummer"), ("robot", "Org.nummer")],
)
def test_identity_label_follows_kind(kind, expected):
    assert form(debtor_kind=kind).label("identity_number") == expected


def test_company_form_is_not_a_person_field():
    assert "company_form" in form().field_names()
    assert "company_form" not in form(debtor_kind="person").field_names()


def test_draft_of_guide_example():
    draft = form().draft()

    assert (
        draft.debtor_name,
        draft.debtor_kind,
        draft.identity_number,
        draft.company_form,
        draft.street,
        draft.postal_code,
        draft.city,
        draft.country,
        draft.phone,
        draft.service,
    ) == (
        "Nisses Bil",
        "company",
        "551452-6382",
        "Handelsbolag, kommanditbolag",
        "Trävägen 3",
        "251 11",
        "HELSINGBORG",
        "SE",
        "+46421000001",
        "Inkasso",
    )
    (invoice,) = draft.invoices
    assert (
        invoice.number,
        invoice.description,
        invoice.principal,
        invoice.currency,
        invoice.invoice_date.isoformat(),
        invoice.due_date.isoformat(),
        invoice.debt_group,
    ) == ("123", "Transport", 800000, "SEK", "2012-08-01", "2012-08-30", "")


@pytest.mark.parametrize(
    ("name", "typed", "attribute", "stored"),
    [
        ("identity_number", " 5514526382 ", "identity_number", "551452-6382"),
        ("identity_number", "165514526382", "identity_number", "551452-6382"),
        ("postal_line", "251 11 Helsingborg", "postal_code", "251 11"),
        ("postal_line", "25111   helsingborg", "city", "HELSINGBORG"),
        ("postal_line", "SE-25111 Helsingborg", "postal_code", "251 11"),
        ("phone", "042 - 100 00 01", "phone", "+46421000001"),
        ("phone", "+46 42 100 00 01", "phone", "+46421000001"),
        ("phone", "", "phone", ""),
        ("email", "Nisse@Example.SE", "email", "Nisse@example.se"),
        ("country", "se", "country", "SE"),
        ("country", "Sverige", "country", "SE"),
        ("client_reference", "  K-17  ", "client_reference", "K-17"),
        ("debtor_name", "  Nisses Bil ", "debtor_name", "Nisses Bil"),
        ("note", " ring först ", "note", "ring först"),
        ("case_description", " Obetald frakt ", "description", "Obetald frakt"),
    ],
)
def test_draft_normalises(name, typed, attribute, stored):
    assert getattr(form(**{name: typed}).draft(), attribute) == stored


@pytest.mark.parametrize(
    ("typed", "ore"),
    [
        ("8000", 800000),
        ("8 000", 800000),
        ("8\u00a0000,50", 800050),
        ("8000,50", 800050),
        ("8000.5", 800050),
        ("0,01", 1),
        ("100 000 000,00", 10_000_000_000),
    ],
)
def test_draft_principal_in_ore(typed, ore):
    (invoice,) = form(**{"invoice-0-principal": typed}).draft().invoices

    assert invoice.principal == ore


@pytest.mark.parametrize(
    ("typed", "currency"), [("sek", "SEK"), (" EUR ", "EUR"), ("gbp", "GBP")]
)
def test_draft_currency_code(typed, currency):
    (invoice,) = form(**{"invoice-0-currency": typed}).draft().invoices

    assert invoice.currency == currency


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (PERSON_NUMBER, "19800101-9986"),
        (PERSON_NUMBER.replace("-", ""), "19800101-9986"),
        ("19800101-9986", "19800101-9986"),
        (" 800101 - 9986 ", "19800101-9986"),
        ("800101+9986", "18800101-9986"),
        # A samordningsnummer: day plus 60.
        (personnummer("800161", 999), "19800161-9991"),
    ],
)
def test_draft_person_number_with_century(typed, stored):
    draft = form(debtor_kind="person", identity_number=typed).draft()

    assert (draft.identity_number, draft.debtor_kind, draft.company_form) == (
        stored,
        "person",
        "",
    )


def test_draft_of_form_with_errors_is_refused():
    with pytest.raises(ValueError):
        form(debtor_name="").draft()


def test_draft_invoices_in_form_order():
    checked = form(
        **{
            "invoice-3-number": "999",
            "invoice-3-description": "Hyra",
            "invoice-3-principal": "1",
            "invoice-3-invoice_date": "2026-01-01",
            "invoice-3-due_date": "2026-01-31",
        }
    )

    numbers = [invoice.number for invoice in checked.draft().invoices]
    assert numbers == ["123", "999"]


def test_remove_invoice_drops_its_values():
    checked = form(**{"invoice-1-number": "124"})

    checked.remove_invoice(0)

    assert checked.invoice_indexes == [1]
    assert checked.value("invoice-0-number") == ""
    assert checked.value("invoice-1-number") == "124"
