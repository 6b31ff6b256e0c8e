"""How the form behaves at the edges: Enter, a phone-wide screen, print, URLs."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.register_steps import (
    batch_row,
    expect_preview,
    field,
    fill_debtor,
    fill_invoice,
    open_register_from_menu,
    press_save,
    register_case,
)


def test_enter_in_a_field_saves_rather_than_adds_an_invoice(
    page, live_server, login_as, demo_user
):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    fill_debtor(page)
    fill_invoice(page)

    field(page, "Namn").press("Enter")

    expect_preview(page)
    expect(page.get_by_role("group", name="Faktura 2")).to_have_count(0)


def test_form_fits_a_phone_wide_screen(page, live_server, login_as, demo_user):
    page.set_viewport_size({"width": 360, "height": 800})
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = field(page, "Land").bounding_box()
    assert box["x"] + box["width"] <= 360


def test_preview_prints_on_one_a4_page(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    fill_debtor(page)
    fill_invoice(page)
    press_save(page)
    expect_preview(page)

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")

    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1


def test_after_a_change_is_saved_the_address_is_the_empty_form(
    page, live_server, login_as, demo_user
):
    login_as(page, "demo", PASSWORD)
    open_register_from_menu(page)
    register_case(page)
    batch_row(page, "Nisses Bil").get_by_role("link", name="Ändra").click()
    expect(page).to_have_url(re.compile(r"/inkasso/registrera\?arende=[0-9]+$"))

    field(page, "Kapital").fill("9 000")
    press_save(page)
    expect_preview(page)
    press_save(page)

    expect(page.get_by_text("Ärendet är ändrat.")).to_be_visible()
    expect(page).to_have_url(f"{live_server}/inkasso/registrera")
    page.reload()
    expect(field(page, "Namn")).to_have_value("")
