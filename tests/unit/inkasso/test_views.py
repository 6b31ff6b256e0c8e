"""Registrera ärende through the test client: form, preview, batch and approval."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select, update

from tests.conftest import PASSWORD, login
from webapp.extensions import db
from webapp.inkasso import batches, views
from webapp.models import Batch, Case, CaseEvent, Debtor, Invoice, Role

from .conftest import (
    NBSP,
    TODAY,
    Browser,
    batch_totals,
    case_form,
    case_values,
    count,
    fetch,
    preview_form,
)

REGISTER = "/inkasso/registrera"
SAVE = "/inkasso/registrera/spara"
APPROVE = "/inkasso/bunt/godkann"
BATCH_TEXT = "För att vi ska kunna börja arbeta med ditt ärende måste du godkänna bunt"
CONFLICT = "Ärendet har ändrats eller godkänts av någon annan sedan du öppnade det."
STORED_MODELS = (Batch, Case, Debtor, Invoice, CaseEvent)

SECOND_INVOICE = {
    "invoice-1-number": "124",
    "invoice-1-description": "Frakt",
    "invoice-1-principal": "1 500,50",
    "invoice-1-currency": "SEK",
    "invoice-1-invoice_date": "2026-08-01",
    "invoice-1-due_date": "2026-08-31",
    "invoice-1-debt_group": "Tjänster",
}


def page(response) -> str:
    return response.get_data(as_text=True)


def stored_counts(app) -> list[int]:
    return [count(app, model) for model in STORED_MODELS]


def saved_case_ids(app) -> list[int]:
    return [case.id for case in fetch(app, select(Case).order_by(Case.id))]


def open_batch_id(web: Browser) -> str:
    html = page(web.get(APPROVE))
    return re.search(r'name="batch_id" value="([0-9]+)"', html).group(1)


def send(browser: Browser, method: str, url: str, htmx: bool = False):
    """Ask for a page, or post the guide's case to it."""
    if method == "get":
        return browser.get(url, htmx=htmx)
    return browser.post(url, case_values(), htmx=htmx)


def element(html: str, element_id: str) -> tuple[bool, bool, str]:
    """Tell whether an element swaps out of band, is hidden, and its first text."""
    match = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>([^<]*)', html)
    assert match, f"no element {element_id}"
    tag = match.group(0)
    return 'hx-swap-oob="true"' in tag, " hidden" in tag, match.group(1)


def other_client(app, make_client, make_user) -> Browser:
    """Log in a user of another client, in a browser of its own."""
    other_id = make_client(name="Annan AB", org_number="556000-0001")
    make_user("annan", other_id)
    client = app.test_client()
    login(client, "annan", PASSWORD)
    return Browser(client)


# The guide's example, end to end.


def test_empty_form_labels(web):
    response = web.get(REGISTER)

    html = page(response)
    assert response.status_code == 200
    assert "<h1>Registrera ärende</h1>" in html
    assert "Klient 551452-6382, Demobolaget AB" in html
    for label in (
        "Ert kundnummer",
        "Kunduppgifter",
        "Namn",
        "Typ",
        "C/O Adress",
        "Org.nummer",
        "Adress",
        "Bolagsform",
        "Postnummer/Ort",
        "Telefonnummer",
        "Land",
        "Epost",
        "Fakturauppgifter",
        "Fakturanummer",
        "Fakturan avser",
        "Kapital",
        "Valuta",
        "Fakturadatum",
        "Förfallodatum",
        "Skuldgrupp",
        "Extra information om ärendet",
        "Tjänst",
        "Ärendebeskrivning",
        "Notering",
    ):
        assert f">{label}<" in html, label
    assert 'name="action" value="preview" class="primary">Spara</button>' in html
    controls = case_form(html)
    assert (controls["debtor_kind"], controls["country"], controls["service"]) == (
        "company",
        "SE",
        "Inkasso",
    )
    assert controls["invoice-0-currency"] == "SEK"


def test_guide_example_preview_stores_nothing(app, web):
    response = web.post(REGISTER, case_values())

    html = page(response)
    assert response.status_code == 200
    assert "Godkänn ärendet" in html
    assert "Klient 551452-6382, Demobolaget AB" in html
    assert f'<td class="num">8{NBSP}000,00</td>' in html
    for cell in (
        "Nisses Bil",
        "Trävägen 3",
        "251 11 HELSINGBORG",
        "551452-6382",
        "Handelsbolag, kommanditbolag",
        "042-100 00 01",
        "123",
        "Transport",
        "SEK",
        "2012-08-01",
        "2012-08-30",
    ):
        assert f"<td>{cell}</td>" in html, cell
    for header in ("Namn", "C/O Adress", "Postadress", "Org.nummer", "Telefon"):
        assert f'<th scope="col">{header}</th>' in html
    assert "<dt>Tjänst</dt><dd>Inkasso</dd>" in html
    assert "Fordran kan vara preskriberad" in html
    assert ">Spara</button>" in html
    assert ">Ändra</button>" in html
    assert stored_counts(app) == [0, 0, 0, 0, 0]


def test_guide_example_saved_from_preview(app, web):
    preview = page(web.post(REGISTER, case_values()))

    response = web.post(SAVE, preview_form(preview))

    assert response.status_code == 303
    assert response.headers["Location"] == REGISTER
    html = page(web.get(REGISTER))
    assert "Ärendet är sparat i bunten." in html
    assert BATCH_TEXT in html
    assert '<h2 id="batch-heading" tabindex="-1">Registrerade ärenden</h2>' in html
    for header in ("Kundnummer", "Kund", "Fakturanummer", "Fakturan avser"):
        assert f'<th scope="col">{header}</th>' in html
    assert "<td>Nisses Bil</td>" in html
    totals = batch_totals(html)
    assert "<td>Totalt:</td>" in totals
    assert "<td>1 st</td>" in totals
    assert f'<td class="num">8{NBSP}000,00</td>' in totals
    assert ">Ändra</a>" in html
    assert ">Ta bort</a>" in html
    assert ">Nytt Ärende</button>" in html
    assert ">Godkänn Bunt</button>" in html

    (case,) = fetch(app, select(Case))
    (debtor,) = fetch(app, select(Debtor))
    (invoice,) = fetch(app, select(Invoice))
    assert (case.status, case.service, case.case_number) == (
        "Registrerad",
        "Inkasso",
        None,
    )
    assert (
        debtor.name,
        debtor.kind,
        debtor.identity_number,
        debtor.company_form,
        debtor.street,
        debtor.postal_code,
        debtor.city,
        debtor.country,
        debtor.phone,
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
    )
    assert (
        invoice.number,
        invoice.description,
        invoice.principal,
        invoice.currency,
        invoice.invoice_date.isoformat(),
        invoice.due_date.isoformat(),
    ) == ("123", "Transport", 800000, "SEK", "2012-08-01", "2012-08-30")


def test_save_with_htmx_answers_the_area(app, web):
    response = web.save(htmx=True)

    html = page(response)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" not in html
    assert "Ärendet är sparat i bunten." in html
    assert BATCH_TEXT in html
    assert "<td>1 st</td>" in batch_totals(html)
    assert case_form(html)["debtor_name"] == ""
    assert count(app, Case) == 1


def test_saved_case_has_registration_event(app, web):
    web.save()

    (event,) = fetch(app, select(CaseEvent))
    assert (event.from_status, event.to_status) == (None, "Registrerad")


def test_register_page_fragment_for_htmx_only(web):
    fragment = web.get(REGISTER, htmx=True)
    boosted = web.client.get(
        REGISTER, headers={"HX-Request": "true", "HX-Boosted": "true"}
    )

    assert "<html" not in page(fragment)
    assert 'class="case-form"' in page(fragment)
    assert "<html" in page(boosted)
    assert "HX-Request" in fragment.headers["Vary"]


def test_edit_from_preview_keeps_every_value(web):
    typed = case_values(
        client_reference=" K-17 ",
        care_of="Nisse Nilsson",
        email="Nisse@Example.SE",
        phone="042 - 100 00 01",
        postal_line="251 11 helsingborg",
        case_description='Obetald "transport"\nandra raden',
        note="<b>ring</b> & skriv",
        **{"invoice-0-principal": "8 000", "invoice-0-debt_group": "Varor"},
        **SECOND_INVOICE,
    )
    preview = page(web.post(REGISTER, typed))

    response = web.post(REGISTER, preview_form(preview) | {"action": "edit"})

    assert response.status_code == 200
    controls = case_form(page(response))
    assert {name: controls[name] for name in typed} == typed


# Errors: 422 with a summary, every value kept.


def test_errors_give_422_with_summary_linking_each_field(app, web):
    typed = case_values(
        debtor_name="",
        postal_line="2511 X",
        **{"invoice-0-principal": "åtta tusen"},
    )

    response = web.post(REGISTER, typed)

    html = page(response)
    assert response.status_code == 422
    assert 'class="error-summary" role="alert"' in html
    assert "Rätta 3 fält innan du sparar" in html
    assert '<a href="#debtor_name">Namn: Ange kundens namn.</a>' in html
    assert (
        '<a href="#postal_line">Postnummer/Ort: '
        "Postnumret ska ha fem siffror, till exempel 251 11.</a>"
    ) in html
    assert '<a href="#invoice-0-principal">Kapital: ' in html
    for name in ("debtor_name", "postal_line", "invoice-0-principal"):
        assert re.search(
            rf'<input id="{name}" [^>]*'
            rf'aria-describedby="{name}-msg" aria-invalid="true"',
            html,
        ), name
    assert not re.search(r'<input id="street" [^>]*aria-invalid', html)
    assert case_form(html) | typed == case_form(html)
    assert stored_counts(app) == [0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "Ünïcødé 😀 åäö",
        "' OR 1=1 --",
    ],
)
def test_error_page_keeps_typed_text_escaped(web, typed):
    values = case_values(
        debtor_name=typed,
        street=typed,
        note=typed,
        client_reference=typed,
        **{"invoice-0-number": typed, "invoice-0-principal": typed},
    )

    response = web.post(REGISTER, values)

    html = page(response)
    assert response.status_code == 422
    controls = case_form(html)
    for name in ("debtor_name", "street", "note", "invoice-0-principal"):
        assert controls[name] == typed
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_script_shows_escaped(web):
    response = web.post(REGISTER, case_values(debtor_name="<script>", service="x"))

    assert response.status_code == 422
    assert 'value="&lt;script&gt;"' in page(response)


def test_save_with_errors_stores_nothing(app, web):
    response = web.save(case_values(debtor_name=""))

    assert response.status_code == 422
    assert "Ange kundens namn." in page(response)
    assert stored_counts(app) == [0, 0, 0, 0, 0]


# Adding and removing invoice fields.


def test_add_invoice_keeps_values_and_adds_fields(web):
    response = web.post(
        REGISTER, case_values(debtor_name="Nisse", action="add_invoice")
    )

    controls = case_form(page(response))
    assert response.status_code == 200
    assert controls["debtor_name"] == "Nisse"
    assert controls["invoice-0-number"] == "123"
    assert controls["invoice-1-number"] == ""
    assert controls["invoice-1-currency"] == "SEK"
    assert ">Ta bort faktura 2</button>" in page(response)


def test_remove_invoice_drops_its_fields(web):
    values = case_values(action="remove_invoice-0", **SECOND_INVOICE)

    response = web.post(REGISTER, values)

    controls = case_form(page(response))
    assert "invoice-0-number" not in controls
    assert controls["invoice-1-number"] == "124"
    assert "Ta bort faktura" not in page(response)


# The field check endpoint.


@pytest.mark.parametrize(
    ("name", "changes", "state", "message"),
    [
        ("debtor_name", {"debtor_name": ""}, "error", "Ange kundens namn."),
        ("debtor_name", {}, "ok", None),
        ("identity_number", {}, "warning", "Numret ser inte ut som ett svenskt"),
        (
            "identity_number",
            {"identity_number": "551452-6383"},
            "error",
            "Kontrollsiffran stämmer inte.",
        ),
        ("identity_number", {"identity_number": "556000-0001"}, "ok", None),
        (
            "company_form",
            {"identity_number": "556000-0001"},
            "warning",
            "Organisationsnumret hör till gruppen Aktiebolag.",
        ),
        ("postal_line", {"postal_line": "25111"}, "error", "Ange orten efter"),
        (
            "invoice-0-principal",
            {"invoice-0-principal": "0"},
            "error",
            "större än noll",
        ),
        (
            "invoice-0-due_date",
            {"invoice-0-due_date": TODAY.isoformat()},
            "error",
            "Fakturan har inte förfallit",
        ),
        ("invoice-0-invoice_date", {}, "warning", "Fordran kan vara preskriberad"),
        ("note", {"note": "x" * 2001}, "error", "högst 2000 tecken"),
    ],
)
def test_field_check_fragment(web, name, changes, state, message):
    response = web.post(f"{REGISTER}/falt/{name}", case_values(**changes), htmx=True)

    html = page(response)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" not in html
    assert f'<span data-field="{name}" data-state="{state}">' in html
    if message:
        assert message in html
    else:
        assert f'<span data-field="{name}" data-state="ok"></span>' in html


def test_field_check_identity_number_updates_typ_and_bolagsform(web):
    values = case_values(
        identity_number="556000-0001", company_form="Handelsbolag, kommanditbolag"
    )

    response = web.post(f"{REGISTER}/falt/identity_number", values, htmx=True)

    html = page(response)
    assert 'id="debtor_kind-msg"' in html
    assert 'id="company_form-msg"' in html
    assert "Organisationsnumret hör till gruppen Aktiebolag." in html


def test_field_check_debtor_kind_swaps_label_and_company_form(web):
    values = case_values(debtor_kind="person", identity_number="551452-6382")

    response = web.post(f"{REGISTER}/falt/debtor_kind", values, htmx=True)

    html = page(response)
    assert response.status_code == 200
    assert element(html, "identity_number-label") == (True, False, "Personnummer")
    assert element(html, "identity_number-msg")[0]
    assert re.search(
        r'hx-swap-oob="true"><span data-field="identity_number" data-state="error">'
        r'<span class="msg msg-error">Födelsedatumet i personnumret finns inte.',
        html,
    )
    assert element(html, "field-company_form")[:2] == (True, True)


def test_field_check_debtor_kind_company_shows_company_form(web):
    response = web.post(f"{REGISTER}/falt/debtor_kind", case_values(), htmx=True)

    html = page(response)
    assert element(html, "identity_number-label") == (True, False, "Org.nummer")
    assert element(html, "field-company_form")[:2] == (True, False)


@pytest.mark.parametrize(
    "name", ["nosuch", "csrf_token", "invoice-1-number", "invoice-0-nosuch", "version"]
)
def test_field_check_unknown_field_is_404(web, name):
    response = web.post(f"{REGISTER}/falt/{name}", case_values(), htmx=True)

    assert response.status_code == 404


def test_field_check_duplicate_invoice_links_to_case(app, web):
    web.save()
    (case_id,) = saved_case_ids(app)

    response = web.post(f"{REGISTER}/falt/invoice-0-number", case_values(), htmx=True)

    html = page(response)
    assert 'data-state="warning"' in html
    assert "Samma faktura för samma kund finns redan i bunten." in html
    assert f'<a href="/inkasso/registrera?arende={case_id}">Visa</a>' in html


# Duplicates.


def test_duplicate_in_open_batch_warns_in_preview(app, web):
    web.save()
    (case_id,) = saved_case_ids(app)

    response = web.post(
        REGISTER, case_values(identity_number="5514526382", debtor_name="Nisse")
    )

    html = page(response)
    assert response.status_code == 200
    assert (
        "Fakturanummer: Samma faktura för samma kund finns redan i bunten. "
        f'<a href="/inkasso/registrera?arende={case_id}">Visa</a>'
    ) in html


def test_duplicate_in_approved_case_warns_with_case_number(app, web):
    web.save()
    batch_id = open_batch_id(web)
    web.post(APPROVE, {"batch_id": batch_id})
    (case,) = fetch(app, select(Case))

    html = page(web.post(REGISTER, case_values()))

    assert (
        f"Samma faktura för samma kund finns redan i ärende {case.case_number}. "
        f'<a href="/inkasso/bunt/{batch_id}/kvitto">Visa</a>'
    ) in html


@pytest.mark.parametrize(
    "changes",
    [{"identity_number": "556000-0001"}, {"invoice-0-number": "1234"}],
)
def test_other_debtor_or_invoice_is_no_duplicate(web, changes):
    web.save()

    html = page(web.post(REGISTER, case_values(**changes)))

    assert "Godkänn ärendet" in html
    assert "Samma faktura" not in html


def test_editing_a_case_is_no_duplicate_of_itself(app, web):
    web.save()
    (case_id,) = saved_case_ids(app)
    controls = case_form(page(web.get(f"{REGISTER}?arende={case_id}")))

    html = page(web.post(REGISTER, controls))

    assert "Godkänn ärendet" in html
    assert "Samma faktura" not in html


# Changing a registered case.


def test_registered_case_opens_in_form(app, web):
    web.save(case_values(email="nisse@example.se", note="ring först"))
    (case,) = fetch(app, select(Case))

    response = web.get(f"{REGISTER}?arende={case.id}")

    controls = case_form(page(response))
    assert response.status_code == 200
    assert (controls["case_id"], controls["version"]) == (
        str(case.id),
        str(case.version),
    )
    assert controls["debtor_name"] == "Nisses Bil"
    assert controls["identity_number"] == "551452-6382"
    assert controls["postal_line"] == "251 11 HELSINGBORG"
    assert controls["phone"] == "+46421000001"
    assert controls["invoice-0-principal"] == f"8{NBSP}000,00"
    assert controls["invoice-0-due_date"] == "2012-08-30"
    assert (controls["email"], controls["note"]) == ("nisse@example.se", "ring först")


def test_saving_a_changed_case_replaces_it(app, web):
    web.save()
    (case,) = fetch(app, select(Case))
    controls = case_form(page(web.get(f"{REGISTER}?arende={case.id}")))
    changed = controls | {"debtor_name": "Nisses Bil AB"} | SECOND_INVOICE
    preview = page(web.post(REGISTER, changed))

    response = web.post(SAVE, preview_form(preview))

    assert response.status_code == 303
    assert "Ärendet är ändrat." in page(web.get(REGISTER))
    (stored,) = fetch(app, select(Case))
    (debtor,) = fetch(app, select(Debtor))
    invoices = fetch(app, select(Invoice).order_by(Invoice.position))
    assert (stored.id, stored.status) == (case.id, "Registrerad")
    assert stored.version > case.version
    assert debtor.name == "Nisses Bil AB"
    assert [(i.number, i.principal) for i in invoices] == [
        ("123", 800000),
        ("124", 150050),
    ]
    assert count(app, Batch) == 1


def test_old_version_is_refused_and_nothing_changes(app, web):
    web.save()
    (case,) = fetch(app, select(Case))
    controls = case_form(page(web.get(f"{REGISTER}?arende={case.id}")))
    assert web.save(controls | {"debtor_name": "Först"}).status_code == 303

    response = web.save(controls | {"debtor_name": "Sist"}, htmx=True)

    assert response.status_code == 409
    assert CONFLICT in page(response)
    assert "Inget har sparats." in page(response)
    (debtor,) = fetch(app, select(Debtor))
    assert debtor.name == "Först"
    assert count(app, Case) == 1


def test_approved_case_can_no_longer_be_changed(app, web):
    web.save()
    (case,) = fetch(app, select(Case))
    controls = case_form(page(web.get(f"{REGISTER}?arende={case.id}")))
    web.post(APPROVE, {"batch_id": open_batch_id(web)})

    response = web.save(controls | {"debtor_name": "Sist"})

    assert response.status_code == 409
    assert web.get(f"{REGISTER}?arende={case.id}").status_code == 404
    (debtor,) = fetch(app, select(Debtor))
    assert debtor.name == "Nisses Bil"


@pytest.mark.parametrize("arende", ["999999", "abc", "-1"])
def test_unknown_case_in_form_is_404(web, arende):
    assert web.get(f"{REGISTER}?arende={arende}").status_code == 404


# The batch.


def test_open_batch_is_reused(app, web):
    web.save()
    web.save(case_values(**{"invoice-0-number": "124"}))

    cases = fetch(app, select(Case))
    assert count(app, Batch) == 1
    assert {case.batch_id for case in cases} == {fetch(app, select(Batch))[0].id}
    assert "<td>2 st</td>" in batch_totals(page(web.get(REGISTER)))


def test_multi_invoice_case_in_preview_and_batch(web):
    values = case_values(
        **SECOND_INVOICE,
        **{
            "invoice-2-number": "125",
            "invoice-2-description": "Hyra",
            "invoice-2-principal": "0,50",
            "invoice-2-invoice_date": "2026-01-01",
            "invoice-2-due_date": "2026-01-31",
        },
    )
    preview = page(web.post(REGISTER, values))

    for number in ("123", "124", "125"):
        assert f"<td>{number}</td>" in preview
    assert f'<td class="num">1{NBSP}500,50</td>' in preview
    web.post(SAVE, preview_form(preview))
    html = page(web.get(REGISTER))
    assert "<td>123, 124, 125</td>" in html
    assert "<td>Transport, Frakt, Hyra</td>" in html
    assert f'<td class="num">9{NBSP}501,00</td>' in html
    assert "<td>1 st</td>" in batch_totals(html)


def test_sum_per_currency(web):
    web.save()
    web.save(
        case_values(
            **{
                "invoice-0-number": "E-1",
                "invoice-0-principal": "100,50",
                "invoice-0-currency": "EUR",
            }
        )
    )

    html = page(web.get(REGISTER))

    totals = batch_totals(html)
    assert "<td>2 st</td>" in totals
    assert f"100,50 EUR, 8{NBSP}000,00 SEK" in totals
    assert '<td class="num">100,50 EUR</td>' in html


def test_remove_with_htmx_answers_new_totals(app, web):
    web.save()
    web.save(case_values(**{"invoice-0-number": "124", "invoice-0-principal": "500"}))
    first, second = saved_case_ids(app)

    response = web.post(f"/inkasso/bunt/arende/{first}/ta-bort", htmx=True)

    html = page(response)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    totals = batch_totals(html)
    assert '<tfoot id="batch-totals" hx-swap-oob="true">' in totals
    assert "<td>1 st</td>" in totals
    assert '<td class="num">500,00</td>' in totals
    assert "Ärendet är borttaget ur bunten." in html
    assert saved_case_ids(app) == [second]
    assert [count(app, model) for model in (Debtor, Invoice)] == [1, 1]


def test_remove_without_javascript(app, web):
    web.save()
    (case_id,) = saved_case_ids(app)
    url = f"/inkasso/bunt/arende/{case_id}/ta-bort"

    confirm = web.get(url)
    response = web.post(url)

    assert confirm.status_code == 200
    assert "Nisses Bil" in page(confirm)
    assert "faktura 123" in page(confirm)
    assert ">Bekräfta</button>" in page(confirm)
    assert response.status_code == 303
    assert response.headers["Location"] == REGISTER
    html = page(web.get(REGISTER))
    assert "Ärendet är borttaget ur bunten." in html
    assert BATCH_TEXT not in html
    assert count(app, Case) == 0
    assert web.post(url).status_code == 404
    assert web.get(url).status_code == 404


# Approval.


def test_approve_confirmation_page(web):
    web.save()

    response = web.get(APPROVE)

    html = page(response)
    assert response.status_code == 200
    assert "<h1>Godkänn bunt</h1>" in html
    assert f"kapital 8{NBSP}000,00" in html
    assert '<button type="submit" class="primary">Bekräfta</button>' in html


def test_approve_with_empty_batch_sends_back(web):
    response = web.get(APPROVE)

    assert response.status_code == 303
    assert response.headers["Location"] == REGISTER
    assert "Bunten är tom. Registrera ett ärende först." in page(web.get(REGISTER))


def test_approve_gives_case_numbers_and_receipt(app, web):
    web.save()
    web.save(case_values(debtor_name="Annan kund", **{"invoice-0-number": "124"}))
    batch_id = open_batch_id(web)

    response = web.post(APPROVE, {"batch_id": batch_id})

    assert response.status_code == 303
    assert response.headers["Location"] == f"/inkasso/bunt/{batch_id}/kvitto"
    cases = fetch(app, select(Case).order_by(Case.id))
    numbers = [case.case_number for case in cases]
    assert all(numbers) and len(set(numbers)) == 2
    assert {case.status for case in cases} == {"Mottagen"}
    (batch,) = fetch(app, select(Batch))
    assert (batch.status, batch.approved_at is not None) == ("approved", True)
    events = fetch(app, select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.id))
    assert [(e.case_id, e.from_status, e.to_status) for e in events] == [
        (cases[0].id, None, "Registrerad"),
        (cases[0].id, "Registrerad", "Mottagen"),
        (cases[1].id, None, "Registrerad"),
        (cases[1].id, "Registrerad", "Mottagen"),
    ]

    receipt = page(web.get(response.headers["Location"]))
    assert "Bunten är godkänd" in receipt
    for case in cases:
        assert f"<td>{case.case_number}</td>" in receipt
    assert receipt.count("<td>Mottagen</td>") == 2
    html = page(web.get(REGISTER))
    assert BATCH_TEXT not in html
    assert "Totalt:" not in html


def test_approve_with_htmx_pushes_receipt_url(web):
    web.save()
    batch_id = open_batch_id(web)

    response = web.post(APPROVE, {"batch_id": batch_id}, htmx=True)

    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == f"/inkasso/bunt/{batch_id}/kvitto"
    assert "<html" not in page(response)
    assert "Bunten är godkänd" in page(response)


def test_approving_twice_approves_once(app, web):
    web.save()
    batch_id = open_batch_id(web)
    first = web.post(APPROVE, {"batch_id": batch_id})
    (case,) = fetch(app, select(Case))

    second = web.post(APPROVE, {"batch_id": batch_id})

    assert second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    (again,) = fetch(app, select(Case))
    assert again.case_number == case.case_number
    assert count(app, CaseEvent) == 2
    assert count(app, Batch) == 1


def test_save_after_approval_opens_new_batch(app, web):
    web.save()
    web.post(APPROVE, {"batch_id": open_batch_id(web)})

    web.save(case_values(**{"invoice-0-number": "124"}))

    assert count(app, Batch) == 2
    html = page(web.get(REGISTER))
    assert "<td>1 st</td>" in batch_totals(html)
    assert "<td>124</td>" in html


def test_approval_rechecks_due_dates(app, web, monkeypatch):
    due = (TODAY - timedelta(days=1)).isoformat()
    web.save()
    web.save(
        case_values(
            debtor_name="Sen kund",
            **{"invoice-0-number": "124", "invoice-0-invoice_date": "2026-09-01"},
            **{"invoice-0-due_date": due},
        )
    )
    batch_id = open_batch_id(web)
    monkeypatch.setattr(views, "today", lambda: TODAY - timedelta(days=1))

    response = web.post(APPROVE, {"batch_id": batch_id})

    html = page(response)
    assert response.status_code == 422
    assert "Bunten kan inte godkännas. Dessa fakturor har inte förfallit:" in html
    assert "<li>Faktura 124, Sen kund</li>" in html
    assert "Faktura 123" not in html
    cases = fetch(app, select(Case))
    assert {(case.status, case.case_number) for case in cases} == {
        ("Registrerad", None)
    }
    (batch,) = fetch(app, select(Batch))
    assert batch.status == "open"
    assert count(app, CaseEvent) == 2


@pytest.mark.parametrize("batch_id", ["", "abc", "999999"])
def test_approve_unknown_batch_is_404(web, batch_id):
    web.save()

    assert web.post(APPROVE, {"batch_id": batch_id}).status_code == 404


def test_receipt_of_open_batch_is_404(web):
    web.save()

    assert web.get(f"/inkasso/bunt/{open_batch_id(web)}/kvitto").status_code == 404


# Scoping to the logged-in user's client.


def test_other_clients_case_and_batch_are_404(app, web, make_client, make_user):
    other = other_client(app, make_client, make_user)
    other.save(case_values(debtor_name="Hemlig kund"))
    (case,) = fetch(app, select(Case))
    other_batch = open_batch_id(other)

    assert web.get(f"{REGISTER}?arende={case.id}").status_code == 404
    assert web.get(f"/inkasso/bunt/arende/{case.id}/ta-bort").status_code == 404
    assert web.post(f"/inkasso/bunt/arende/{case.id}/ta-bort").status_code == 404
    assert web.post(APPROVE, {"batch_id": other_batch}).status_code == 404
    foreign = web.save(case_values(case_id=str(case.id), version=str(case.version)))
    assert foreign.status_code == 404
    other.post(APPROVE, {"batch_id": other_batch})
    assert web.get(f"/inkasso/bunt/{other_batch}/kvitto").status_code == 404

    (stored,) = fetch(app, select(Case))
    (debtor,) = fetch(app, select(Debtor))
    assert (stored.client_id, stored.status, debtor.name) == (
        case.client_id,
        "Mottagen",
        "Hemlig kund",
    )


def test_other_clients_rows_never_show(app, web, make_client, make_user):
    other = other_client(app, make_client, make_user)
    other.save(
        case_values(
            debtor_name="Hemlig kund",
            **{"invoice-0-number": "H-1", "invoice-0-principal": "77"},
        )
    )
    web.save()

    html = page(web.get(REGISTER))
    other_html = page(other.get(REGISTER))

    assert "Hemlig kund" not in html
    assert "<td>1 st</td>" in batch_totals(html)
    assert f'<td class="num">8{NBSP}000,00</td>' in batch_totals(html)
    assert "Nisses Bil" not in other_html
    assert '<td class="num">77,00</td>' in batch_totals(other_html)
    assert "Samma faktura" not in page(other.post(REGISTER, case_values()))
    assert count(app, Batch) == 2


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", REGISTER),
        ("post", REGISTER),
        ("post", f"{REGISTER}/falt/debtor_name"),
        ("post", SAVE),
        ("get", APPROVE),
        ("post", APPROVE),
        ("get", "/inkasso/bunt/1/kvitto"),
        ("get", "/inkasso/bunt/arende/1/ta-bort"),
    ],
)
def test_agency_user_gets_404(client, make_user, method, url):
    make_user("handlaggare", None, role=Role.AGENT)
    login(client, "handlaggare", PASSWORD)
    agent = Browser(client)

    response = send(agent, method, url)

    assert response.status_code == 404
    assert "Sidan finns inte" in page(response)


# Sessions and request size.


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", REGISTER), ("post", f"{REGISTER}/falt/debtor_name"), ("post", SAVE)],
)
def test_expired_session_htmx_gets_redirect_header(app, web, method, url):
    with web.client.session_transaction() as session:
        session["last_seen"] = 0
    web.client.environ_base["HTTP_HX_CURRENT_URL"] = (
        "http://localhost/inkasso/registrera"
    )

    response = send(web, method, url, htmx=True)

    redirect = urlsplit(response.headers["HX-Redirect"])
    assert response.status_code in (200, 401)
    assert redirect.path == "/login"
    assert parse_qs(redirect.query)["next"] == [REGISTER]
    assert page(response) == ""
    assert count(app, Case) == 0


def test_expired_session_plain_request_goes_to_login(web):
    with web.client.session_transaction() as session:
        session["last_seen"] = 0

    response = web.get(REGISTER)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_too_large_post_is_413(app, web):
    response = web.save(case_values(note="x" * (1024 * 1024 + 1)))

    html = page(response)
    assert response.status_code == 413
    assert "För mycket data" in html
    assert "Det du skickade är större än 1 MB. Korta texterna och försök igen." in html
    assert count(app, Case) == 0


def test_post_without_csrf_token_is_400(app, web):
    response = web.client.post(SAVE, data=case_values())

    assert response.status_code == 400
    assert count(app, Case) == 0


# Interest and fees in the preview.


def test_preview_estimate_for_person_in_sek(web):
    values = case_values(
        debtor_kind="person",
        identity_number="800101-9986",
        company_form="",
        **{"invoice-0-invoice_date": "2026-06-01", "invoice-0-due_date": "2026-06-30"},
    )

    html = page(web.post(REGISTER, values))

    assert '<th scope="col">Personnummer</th>' in html
    assert "<td>19800101-9986</td>" in html
    assert "Kravet som kunden ser det (SEK), uppskattning per 2026-09-15" in html
    assert "2026-07-01 – 2026-09-15: 77 dagar à 10,00 %" in html
    assert "senast kända räntan" in html
    assert '<tr><th scope="row">Inkassoavgift</th><td class="num">180,00</td></tr>' in (
        html
    )


def test_preview_estimate_per_currency_without_fee_abroad(web):
    values = case_values(**SECOND_INVOICE | {"invoice-1-currency": "EUR"})

    html = page(web.post(REGISTER, values))

    assert "Kravet som kunden ser det (EUR)" in html
    assert "Kravet som kunden ser det (SEK)" in html
    assert "Avgifter anges i SEK och räknas inte med för en faktura i EUR." in html
    assert "Förseningsersättning" in html


def test_preview_interest_lines_name_their_invoice(web):
    html = page(web.post(REGISTER, case_values(**SECOND_INVOICE)))

    estimate = html[html.index("Kravet som kunden ser det (SEK)") :]
    assert estimate.index("Faktura 123") < estimate.index("Faktura 124")


def test_preview_of_one_invoice_needs_no_invoice_line(web):
    html = page(web.post(REGISTER, case_values()))

    assert "Faktura 123</td>" not in html


# Faults found in review, kept as the behaviour the user should get.


def test_emptied_batch_cannot_be_approved(app, web):
    web.save()
    (case_id,) = saved_case_ids(app)
    batch_id = open_batch_id(web)
    web.post(f"/inkasso/bunt/arende/{case_id}/ta-bort")

    confirm = web.get(APPROVE)
    web.post(APPROVE, {"batch_id": batch_id})

    assert confirm.status_code == 303
    assert "Bunten är tom. Registrera ett ärende först." in page(web.get(REGISTER))
    (batch,) = fetch(app, select(Batch))
    assert batch.status == "open"


def test_one_case_reads_in_singular(web):
    web.save()
    batch_id = open_batch_id(web)

    confirm = page(web.get(APPROVE))
    receipt = page(web.get(web.post(APPROVE, {"batch_id": batch_id}).location))

    assert "Bunten har 1 ärende med" in confirm
    assert "arbeta med 1 ärende." in receipt


def test_case_saved_while_its_batch_is_approved_goes_to_a_new_batch(
    app, web, monkeypatch
):
    # The save reads the batch as open; the batch is approved before the case is
    # written. The case must land in a new open batch, not the approved one.
    web.save()
    first_batch = int(open_batch_id(web))
    find_open = batches.find_open_batch
    approved_meanwhile = []

    def find_then_approve(client_id):
        batch = find_open(client_id)
        if batch is not None and not approved_meanwhile:
            approved_meanwhile.append(batch.id)
            db.session.execute(
                update(Batch).where(Batch.id == batch.id).values(status="approved")
            )
            db.session.commit()
        return batch

    monkeypatch.setattr(batches, "find_open_batch", find_then_approve)
    response = web.save(case_values(**{"invoice-0-number": "124"}))

    assert response.status_code == 303
    newest = fetch(app, select(Case).order_by(Case.id.desc()))[0]
    assert approved_meanwhile == [first_batch]
    assert newest.batch_id != first_batch
    assert fetch(app, select(Batch.status).where(Batch.id == newest.batch_id)) == [
        "open"
    ]
