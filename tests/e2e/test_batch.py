"""The batch table in a real browser: change, remove, several invoices, totals."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.register_steps import (
    amount,
    batch_row,
    batch_table,
    expect_preview,
    expect_totals,
    field,
    fill_debtor,
    fill_invoice,
    open_register_from_menu,
    press_save,
    register_case,
)

SECOND_DEBTOR = {
    "Namn": "Kalles Kök",
    "Org_nummer": "556677-1233",
    "company_form": "Aktiebolag",
    "Adress": "Storgatan 1",
    "Postnummer_Ort": "21122 MALMÖ",
    "Telefonnummer": "",
}


def test_change_and_remove_keep_totals_right(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    register_case(page)
    register_case(
        page,
        invoice={"Fakturanummer": "456", "Fakturan_avser": "Mat", "Kapital": "2500,50"},
        **SECOND_DEBTOR,
    )
    expect(batch_row(page, "Kalles Kök").get_by_role("cell").nth(4)).to_have_text(
        amount("2 500,50")
    )
    expect_totals(page, 2, "10 500,50")

    batch_row(page, "Nisses Bil").get_by_role("link", name="Ändra").click()

    expect(field(page, "Namn")).to_have_value("Nisses Bil")
    expect(field(page, "Org.nummer")).to_have_value("551452-6382")
    expect(field(page, "Fakturanummer")).to_have_value("123")
    expect(field(page, "Kapital")).to_have_value(amount("8 000,00"))
    field(page, "Kapital").fill("9 000")
    press_save(page)
    expect_preview(page)
    press_save(page)

    expect(page.get_by_text("Ärendet är ändrat.")).to_be_visible()
    expect(batch_table(page).get_by_role("row")).to_have_count(4)
    expect(batch_row(page, "Nisses Bil").get_by_role("cell").nth(4)).to_have_text(
        amount("9 000,00")
    )
    expect_totals(page, 2, "11 500,50")

    page.evaluate("window.__marker = 1")
    page.once("dialog", lambda dialog: dialog.accept())
    batch_row(page, "Kalles Kök").get_by_role("link", name="Ta bort").click()

    expect(batch_row(page, "Kalles Kök")).to_have_count(0)
    expect(page.get_by_text("Ärendet är borttaget ur bunten.")).to_be_visible()
    expect_totals(page, 1, "9 000,00")
    expect(batch_row(page, "Nisses Bil")).to_be_visible()
    assert page.evaluate("window.__marker") == 1

    page.reload()

    expect(batch_row(page, "Kalles Kök")).to_have_count(0)
    expect_totals(page, 1, "9 000,00")


def test_dismissed_remove_keeps_the_row(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    register_case(page)

    page.once("dialog", lambda dialog: dialog.dismiss())
    batch_row(page, "Nisses Bil").get_by_role("link", name="Ta bort").click()

    expect(batch_row(page, "Nisses Bil")).to_be_visible()
    expect_totals(page, 1, "8 000,00")
    page.reload()
    expect(batch_row(page, "Nisses Bil")).to_be_visible()


def test_case_with_two_invoices(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    fill_debtor(page)
    fill_invoice(page)

    page.get_by_role("button", name="Lägg till faktura").click()

    second = page.get_by_role("group", name="Faktura 2")
    expect(second).to_be_visible()
    expect(field(second, "Fakturanummer")).to_be_focused()
    first = page.get_by_role("group", name="Faktura 1")
    expect(field(first, "Fakturanummer")).to_have_value("123")
    expect(field(first, "Kapital")).to_have_value("8000")
    expect(field(page, "Namn")).to_have_value("Nisses Bil")
    fill_invoice(
        second,
        Fakturanummer="124",
        Fakturan_avser="Reparation",
        Kapital="1 500,25",
        Fakturadatum="2012-09-01",
        Forfallodatum="2012-09-30",
    )
    press_save(page)

    expect_preview(page)
    invoices = page.get_by_role("table", name="Fakturauppgifter")
    rows = invoices.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1).get_by_role("cell").nth(0)).to_have_text("123")
    expect(rows.nth(2).get_by_role("cell").nth(0)).to_have_text("124")
    expect(rows.nth(2).get_by_role("cell").nth(2)).to_have_text(amount("1 500,25"))
    estimate = page.get_by_role("table", name=re.compile("^Kravet som kunden"))
    expect(estimate.get_by_role("row", name=re.compile("^Kapital"))).to_contain_text(
        amount("9 500,25")
    )

    press_save(page)

    expect(batch_row(page, "Nisses Bil").get_by_role("cell")).to_have_text(
        ["", "Nisses Bil", "123, 124", "Transport, Reparation"]
        + [amount("9 500,25"), "Ändra Ta bort"]
    )
    expect_totals(page, 1, "9 500,25")


def test_second_invoice_block_can_be_removed(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    fill_invoice(page)
    page.get_by_role("button", name="Lägg till faktura").click()
    expect(page.get_by_role("group", name="Faktura 2")).to_be_visible()

    page.get_by_role("button", name="Ta bort faktura 2").click()

    expect(page.get_by_role("group", name="Faktura 2")).to_have_count(0)
    expect(field(page, "Fakturanummer")).to_have_count(1)
    expect(field(page, "Fakturanummer")).to_have_value("123")


def test_removing_last_case_empties_the_batch(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    register_case(page)

    page.once("dialog", lambda dialog: dialog.accept())
    batch_row(page, "Nisses Bil").get_by_role("link", name="Ta bort").click()

    expect(page.get_by_text("Ärendet är borttaget ur bunten.")).to_be_visible()
    expect(batch_row(page, "Nisses Bil")).to_have_count(0)
    expect(page.get_by_role("button", name="Godkänn Bunt")).to_have_count(0)
    expect(batch_table(page)).to_have_count(0)


def test_edit_conflict_is_shown_and_overwrites_nothing(
    page, live_server, login_as, demo_user
):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    register_case(page)
    other_tab = page.context.new_page()
    other_tab.goto(page.url)

    # Both tabs open the same case; the first saves 9 000, the second 7 000.
    for tab, principal in ((page, "9 000"), (other_tab, "7 000")):
        batch_row(tab, "Nisses Bil").get_by_role("link", name="Ändra").click()
        field(tab, "Kapital").fill(principal)
        press_save(tab)
        expect_preview(tab)
    press_save(page)
    expect(page.get_by_text("Ärendet är ändrat.")).to_be_visible()
    press_save(other_tab)

    expect(other_tab.get_by_role("alert")).to_contain_text(
        "Ärendet har ändrats eller godkänts av någon annan"
    )
    other_tab.reload()
    expect(batch_row(other_tab, "Nisses Bil").get_by_role("cell").nth(4)).to_have_text(
        amount("9 000,00")
    )
