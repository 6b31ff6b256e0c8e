"""Registrera ärende in a real browser: the guide's flow, inline checks, errors."""

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_check
from tests.e2e.register_steps import (
    GUIDE_DEBTOR,
    NBSP,
    amount,
    batch_footer,
    batch_row,
    batch_table,
    expect_preview,
    expect_totals,
    field,
    fill_debtor,
    fill_invoice,
    open_register_from_menu,
    press_save,
)

WRONG_CHECK_DIGIT = "Kontrollsiffran stämmer inte. Kontrollera numret."
NOT_SWEDISH = "Numret ser inte ut som ett svenskt organisations- eller personnummer."


def open_register(page: Page, live_server: str, login_as) -> None:
    login_as(page, "demo", PASSWORD)
    page.goto(f"{live_server}/inkasso/registrera")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera ärende")


def message_of(page: Page, control) -> object:
    """Return the element that the control's aria-describedby points at."""
    described_by = control.get_attribute("aria-describedby")
    assert described_by, "the control has no aria-describedby"
    return page.locator(f"[id='{described_by}']")


def test_guide_example_from_form_to_receipt(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)

    fill_debtor(page)
    fill_invoice(page)
    press_save(page)

    expect_preview(page)
    preview = page.get_by_role("region", name="Godkänn ärendet")
    expect(preview.get_by_text("Klient 551452-6382, Demobolaget AB")).to_be_visible()
    debtors = preview.get_by_role("table", name="Kunduppgifter")
    expect(debtors.get_by_role("columnheader")).to_have_text(
        ["Namn", "C/O Adress", "Adress", "Postadress", "Org.nummer"]
        + ["Bolagsform", "Telefon"]
    )
    expect(debtors.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["Nisses Bil", "", "Trävägen 3", "251 11 HELSINGBORG", "551452-6382"]
        + ["Handelsbolag, kommanditbolag", re.compile(r"^042-?100 ?00 ?01$")]
    )
    invoices = preview.get_by_role("table", name="Fakturauppgifter")
    expect(invoices.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["123", "Transport", amount("8 000,00"), "SEK", "2012-08-01", "2012-08-30", ""]
    )
    principal = invoices.get_by_role("row").nth(1).get_by_role("cell").nth(2)
    assert principal.text_content() == f"8{NBSP}000,00"
    warnings = preview.get_by_role("listitem")
    expect(warnings.filter(has_text="Org.nummer:")).to_contain_text(NOT_SWEDISH)
    expect(warnings.filter(has_text="Fakturadatum:")).to_contain_text("preskriberad")
    estimate = preview.get_by_role(
        "table", name=re.compile(r"^Kravet som kunden ser det \(SEK\), uppskattning")
    )
    expect(estimate.get_by_role("row", name=re.compile("^Kapital"))).to_contain_text(
        amount("8 000,00")
    )
    expect(
        estimate.get_by_role("row", name=re.compile("^Totalt, uppskattat"))
    ).to_be_visible()
    expect(batch_table(page)).to_have_count(0)

    press_save(page)

    expect(page.get_by_text("Ärendet är sparat i bunten.")).to_be_visible()
    expect(
        page.get_by_text(
            "För att vi ska kunna börja arbeta med ditt ärende måste du godkänna bunt"
        )
    ).to_be_visible()
    expect(batch_row(page, "Nisses Bil").get_by_role("cell")).to_have_text(
        ["", "Nisses Bil", "123", "Transport", amount("8 000,00"), "Ändra Ta bort"]
    )
    expect(batch_footer(page)).to_contain_text("Totalt:")
    expect_totals(page, 1, "8 000,00")
    expect(page.get_by_role("button", name="Nytt Ärende")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Godkänn Bunt").click()

    expect(page.get_by_role("heading", name="Bunten är godkänd")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/inkasso/bunt/\d+/kvitto$"))
    receipt = page.get_by_role("table", name="Bunten är godkänd")
    cells = receipt.get_by_role("row").nth(1).get_by_role("cell")
    expect(cells.nth(0)).to_have_text(re.compile(r"^\d+$"))
    expect(cells.nth(2)).to_have_text("Nisses Bil")
    expect(cells.nth(3)).to_have_text("123")
    expect(cells.nth(4)).to_have_text(amount("8 000,00"))
    expect(cells.nth(5)).to_have_text("Mottagen")

    open_register_from_menu(page)

    expect(field(page, "Namn")).to_have_value("")
    expect(batch_table(page)).to_have_count(0)
    expect(page.get_by_text("måste du godkänna bunt")).to_have_count(0)


def test_change_from_preview_keeps_values(page, live_server, login_as, demo_user):
    open_register(page, live_server, login_as)
    fill_debtor(page, Epost="nisse@exempel.se")
    fill_invoice(page, Kapital="8 000,50")
    press_save(page)
    expect_preview(page)

    page.get_by_role("button", name="Ändra").click()

    expect(page.get_by_role("heading", name="Godkänn ärendet")).to_have_count(0)
    for label, value in GUIDE_DEBTOR.items():
        expect(field(page, label)).to_have_value(value)
    expect(field(page, "Epost")).to_have_value("nisse@exempel.se")
    expect(field(page, "Kapital")).to_have_value("8 000,50")
    expect(field(page, "Bolagsform")).to_have_value("Handelsbolag, kommanditbolag")
    expect(batch_table(page)).to_have_count(0)


def test_identity_number_checked_inline(page, live_server, login_as, demo_user):
    open_register(page, live_server, login_as)
    page.evaluate("window.__marker = 1")
    identity = field(page, "Org.nummer")

    # Slower than the 400 ms debounce, so answers arrive between keystrokes.
    identity.click()
    page.keyboard.type("551452", delay=450)
    page.keyboard.type("-6383", delay=450)

    expect(identity).to_have_value("551452-6383")
    expect(identity).to_be_focused()
    message = message_of(page, identity)
    expect(message).to_have_text(WRONG_CHECK_DIGIT)
    expect(identity).to_have_value("551452-6383")
    expect(identity).to_be_focused()

    page.keyboard.press("Tab")

    expect(identity).to_have_attribute("aria-invalid", "true")
    expect(message).to_have_text(WRONG_CHECK_DIGIT)
    expect(identity).to_have_accessible_description(re.compile("Kontrollsiffran"))
    assert page.evaluate("window.__marker") == 1

    identity.fill("551452-6382")
    identity.press("Tab")

    expect(message).not_to_contain_text("Kontrollsiffran")
    expect(message).to_contain_text(NOT_SWEDISH)
    expect(identity).not_to_have_attribute("aria-invalid", re.compile(".*"))
    assert page.evaluate("window.__marker") == 1


def test_other_fields_checked_when_left(page, live_server, login_as, demo_user):
    open_register(page, live_server, login_as)
    page.evaluate("window.__marker = 1")
    principal = field(page, "Kapital")

    principal.fill("åtta tusen")
    principal.press("Tab")

    expect(principal).to_have_attribute("aria-invalid", "true")
    expect(message_of(page, principal)).not_to_be_empty()

    principal.fill("8 000,50")
    principal.press("Tab")

    expect(message_of(page, principal)).to_be_empty()
    expect(principal).not_to_have_attribute("aria-invalid", re.compile(".*"))
    expect(principal).to_have_value("8 000,50")
    assert page.evaluate("window.__marker") == 1


def test_typ_switches_identity_label(page, live_server, login_as, demo_user):
    open_register(page, live_server, login_as)
    field(page, "Org.nummer").fill("551452-6382")

    field(page, "Typ").select_option(label="Privatperson")

    expect(field(page, "Personnummer")).to_be_visible()
    expect(field(page, "Personnummer")).to_have_value("551452-6382")
    expect(field(page, "Org.nummer")).to_have_count(0)

    field(page, "Typ").select_option(label="Företag")

    expect(field(page, "Org.nummer")).to_be_visible()
    expect(field(page, "Bolagsform")).to_be_visible()


def test_bolagsform_hidden_for_privatperson(page, live_server, login_as, demo_user):
    open_register(page, live_server, login_as)
    expect(field(page, "Bolagsform")).to_be_visible()

    field(page, "Typ").select_option(label="Privatperson")

    expect(field(page, "Personnummer")).to_be_visible()
    expect(page.locator("#field-company_form")).to_have_attribute("hidden", "")
    expect(field(page, "Bolagsform")).to_be_hidden()


def test_empty_form_comes_back_with_error_summary(
    page, live_server, login_as, demo_user
):
    open_register(page, live_server, login_as)
    field(page, "Ert kundnummer").fill("K-17")
    field(page, "Telefonnummer").fill("042-1000001")

    press_save(page)

    summary = page.get_by_role("alert").filter(
        has=page.get_by_role("heading", name=re.compile("^Rätta"))
    )
    expect(summary).to_be_visible()
    links = summary.get_by_role("link")
    for label in ("Namn", "Org.nummer", "Adress", "Postnummer/Ort") + (
        "Fakturanummer",
        "Fakturan avser",
        "Kapital",
        "Fakturadatum",
        "Förfallodatum",
    ):
        expect(
            links.filter(has_text=re.compile(f"^{re.escape(label)}:"))
        ).to_have_count(1)
    first = links.first
    target = first.get_attribute("href")
    assert target and target.startswith("#")
    expect(page.locator(target)).to_have_attribute("aria-invalid", "true")
    expect(field(page, "Ert kundnummer")).to_have_value("K-17")
    expect(field(page, "Telefonnummer")).to_have_value("042-1000001")

    links.filter(has_text=re.compile("^Kapital:")).click()

    expect(field(page, "Kapital")).to_be_focused()


def test_typed_values_kept_when_one_field_is_wrong(
    page, live_server, login_as, demo_user
):
    open_register(page, live_server, login_as)
    fill_debtor(page, Org_nummer="551452-6383", Epost="nisse@exempel.se")
    fill_invoice(page, Kapital="8 000,50")

    press_save(page)

    expect(page.get_by_role("link", name=re.compile("^Org.nummer:"))).to_be_visible()
    for label, value in GUIDE_DEBTOR.items():
        expected = "551452-6383" if label == "Org.nummer" else value
        expect(field(page, label)).to_have_value(expected)
    expect(field(page, "Epost")).to_have_value("nisse@exempel.se")
    expect(field(page, "Kapital")).to_have_value("8 000,50")
    expect(field(page, "Bolagsform")).to_have_value("Handelsbolag, kommanditbolag")
    expect(field(page, "Org.nummer")).to_have_attribute("aria-invalid", "true")


def test_markup_in_fields_shown_as_text(page, live_server, login_as, demo_user):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_register(page, live_server, login_as)
    name = "<img src=x onerror=alert(1)>"
    fill_debtor(page, Namn=name)
    fill_invoice(page, Fakturan_avser="<b>fet</b>")
    field(page, "Notering").fill("<script>alert(2)</script>")

    press_save(page)

    expect_preview(page)
    preview = page.get_by_role("region", name="Godkänn ärendet")
    expect(preview.get_by_role("cell", name=name, exact=True)).to_be_visible()
    expect(preview.get_by_role("cell", name="<b>fet</b>", exact=True)).to_be_visible()
    expect(preview.get_by_text("<script>alert(2)</script>")).to_be_visible()
    expect(page.locator("main img, main b, main script")).to_have_count(0)

    press_save(page)

    expect(batch_row(page, name)).to_contain_text("<b>fet</b>")
    expect(page.locator("main img, main b")).to_have_count(0)

    # The row's confirm question shows the name as text too; dismiss it.
    batch_row(page, name).get_by_role("link", name="Ta bort").click()
    expect(batch_row(page, name)).to_be_visible()
    assert dialogs == [f"Ta bort ärendet för {name} ur bunten?"]


def test_no_serious_accessibility_problems(page, live_server, login_as, demo_user):
    open_register(page, live_server, login_as)
    axe_check(page)

    press_save(page)
    expect(page.get_by_role("heading", name=re.compile("^Rätta"))).to_be_visible()
    axe_check(page)

    fill_debtor(page)
    fill_invoice(page)
    press_save(page)
    expect_preview(page)
    axe_check(page)

    press_save(page)
    expect(batch_table(page)).to_be_visible()
    axe_check(page)
