"""Kundlogin in a real browser, driven by role and label as QA does."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_check

DESIGN_ORDER = [
    "Mina sidor",
    "Reskontra",
    "Inkasso",
    "Rapporter",
    "Kommunikation",
    "Hjälp",
]


def test_login_page_texts(page, live_server):
    page.goto(f"{live_server}/login")

    expect(page).to_have_title(re.compile("^Kundlogin"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kundlogin")
    expect(page.get_by_text("Välkommen att logga in på klient webben.")).to_be_visible()
    expect(page.get_by_label("Användare")).to_be_editable()
    expect(page.get_by_label("Lösenord")).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="Logga in")).to_be_enabled()


def test_wrong_login_shows_one_message(page, live_server, login_as, demo_user):
    login_as(page, "demo", "fel-lösenord")

    expect(page.get_by_role("alert")).to_have_text("Fel användare eller lösenord.")
    expect(page.get_by_role("heading", name="Kundlogin")).to_be_visible()
    expect(page.get_by_label("Användare")).to_have_value("demo")
    expect(page.get_by_label("Lösenord")).to_have_value("")

    login_as(page, "okänd", PASSWORD)

    expect(page.get_by_role("alert")).to_have_text("Fel användare eller lösenord.")


def test_login_shows_client_and_menu(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)

    expect(page).to_have_url(f"{live_server}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina sidor")
    expect(page.get_by_text("Klient 551452-6382, Demobolaget AB")).to_be_visible()
    menu = page.get_by_role("navigation", name="Huvudmeny")
    names = [name.strip() for name in menu.get_by_role("link").all_inner_texts()]
    assert names[0] == "Mina sidor"
    assert "Hjälp" in names
    remaining = iter(DESIGN_ORDER)
    assert all(name in remaining for name in names), names
    expect(menu.get_by_role("button", name="Logga ut")).to_be_visible()
    expect(menu.get_by_role("link", name="Mina sidor")).to_have_attribute(
        "aria-current", "page"
    )


def test_menu_leads_to_help(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Hjälp"
    ).click()

    expect(page).to_have_url(f"{live_server}/hjalp")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjälp")


def test_logout_returns_to_kundlogin(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)

    page.get_by_role("button", name="Logga ut").click()

    expect(page).to_have_url(f"{live_server}/login")
    expect(page.get_by_role("heading", name="Kundlogin")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Du är utloggad.")
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", name="Kundlogin")).to_be_visible()


def test_login_page_accessibility(page, live_server):
    page.goto(f"{live_server}/login")

    axe_check(page)


def test_login_error_accessibility(page, live_server, login_as, demo_user):
    login_as(page, "demo", "fel")

    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)


def test_mina_sidor_accessibility(page, live_server, login_as, demo_user):
    login_as(page, "demo", PASSWORD)

    expect(page.get_by_role("heading", name="Mina sidor")).to_be_visible()
    axe_check(page)
