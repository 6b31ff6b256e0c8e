"""Registrera ärende with JavaScript turned off: plain form posts, full pages."""

import re

import pytest
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
    press_save,
)


@pytest.fixture
def nojs_page(browser, live_server, login_as, demo_user):
    """A page of a browser context without JavaScript, logged in as demo."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    login_as(page, "demo", PASSWORD)
    page.goto(f"{live_server}/inkasso/registrera")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera ärende")
    yield page
    context.close()


def test_guide_flow_without_javascript(nojs_page):
    page = nojs_page
    assert page.evaluate("typeof htmx") == "undefined"

    fill_debtor(page)
    fill_invoice(page)
    with page.expect_navigation():
        press_save(page)

    expect_preview(page)
    invoices = page.get_by_role("table", name="Fakturauppgifter")
    expect(invoices.get_by_role("row").nth(1)).to_contain_text(amount("8 000,00"))

    with page.expect_navigation():
        page.get_by_role("button", name="Ändra").click()

    expect(field(page, "Namn")).to_have_value("Nisses Bil")
    expect(field(page, "Kapital")).to_have_value("8000")
    expect(field(page, "Bolagsform")).to_have_value("Handelsbolag, kommanditbolag")
    press_save(page)
    expect_preview(page)

    with page.expect_navigation():
        press_save(page)

    expect(page).to_have_url(re.compile(r"/inkasso/registrera$"))
    expect(page.get_by_text("Ärendet är sparat i bunten.")).to_be_visible()
    expect(batch_row(page, "Nisses Bil").get_by_role("cell")).to_have_text(
        ["", "Nisses Bil", "123", "Transport", amount("8 000,00"), "Ändra Ta bort"]
    )
    expect_totals(page, 1, "8 000,00")

    batch_row(page, "Nisses Bil").get_by_role("link", name="Ta bort").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ta bort ärende")
    expect(page.get_by_text("Nisses Bil (faktura 123)")).to_be_visible()
    page.get_by_role("button", name="Bekräfta").click()

    expect(page.get_by_text("Ärendet är borttaget ur bunten.")).to_be_visible()
    expect(batch_table(page)).to_have_count(0)

    fill_debtor(page)
    fill_invoice(page)
    press_save(page)
    expect_preview(page)
    press_save(page)
    expect_totals(page, 1, "8 000,00")

    page.get_by_role("button", name="Godkänn Bunt").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Godkänn bunt")
    expect(page.get_by_text(amount("8 000,00"))).to_be_visible()
    page.get_by_role("button", name="Bekräfta").click()

    expect(page).to_have_url(re.compile(r"/inkasso/bunt/\d+/kvitto$"))
    expect(page.get_by_role("heading", name="Bunten är godkänd")).to_be_visible()
    receipt = page.get_by_role("table", name="Bunten är godkänd")
    cells = receipt.get_by_role("row").nth(1).get_by_role("cell")
    expect(cells.nth(0)).to_have_text(re.compile(r"^\d+$"))
    expect(cells.nth(2)).to_have_text("Nisses Bil")

    page.get_by_role("button", name="Nytt Ärende").click()

    expect(field(page, "Namn")).to_have_value("")
    expect(batch_table(page)).to_have_count(0)


def test_errors_and_second_invoice_without_javascript(nojs_page):
    page = nojs_page
    field(page, "Namn").fill("Nisses Bil")
    field(page, "Org.nummer").fill("551452-6383")

    press_save(page)

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name=re.compile("^Rätta"))).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("^Org.nummer:"))).to_be_visible()
    expect(field(page, "Namn")).to_have_value("Nisses Bil")
    expect(field(page, "Org.nummer")).to_have_value("551452-6383")
    expect(field(page, "Org.nummer")).to_have_attribute("aria-invalid", "true")

    fill_debtor(page)
    fill_invoice(page)
    page.get_by_role("button", name="Lägg till faktura").click()

    second = page.get_by_role("group", name="Faktura 2")
    expect(second).to_be_visible()
    fill_invoice(second, Fakturanummer="124", Kapital="500")
    press_save(page)

    expect_preview(page)
    press_save(page)
    expect(batch_row(page, "Nisses Bil").get_by_role("cell").nth(2)).to_have_text(
        "123, 124"
    )
    expect_totals(page, 1, "8 500,00")
