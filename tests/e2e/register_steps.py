"""Steps of Registrera ärende that several browser tests share.

Every step finds the page's elements by role and label, as QA does, and waits
with Playwright's own expectations rather than with sleeps.
"""

from playwright.sync_api import Locator, Page, expect

NBSP = "\u00a0"

# The example case of the getting-started guide (seed/kom-igang-guide.txt).
GUIDE_DEBTOR = {
    "Namn": "Nisses Bil",
    "Org.nummer": "551452-6382",
    "Adress": "Trävägen 3",
    "Postnummer/Ort": "25111 HELSINGBORG",
    "Telefonnummer": "042-1000001",
}
GUIDE_INVOICE = {
    "Fakturanummer": "123",
    "Fakturan avser": "Transport",
    "Kapital": "8000",
    "Fakturadatum": "2012-08-01",
    "Förfallodatum": "2012-08-30",
}
GUIDE_COMPANY_FORM = "Handelsbolag, kommanditbolag"

# Fictitious personal numbers of the test series (birth numbers 980-999).
PERSON_NUMBER = "19800101-9986"


def amount(text: str) -> str:
    """Write an amount as the pages show it, with a non-breaking space."""
    return text.replace(" ", NBSP)


def open_register_from_menu(page: Page) -> None:
    """Go Inkasso → Registrera ärende through the menus."""
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Inkasso", exact=True
    ).click()
    page.get_by_role("navigation", name="Inkasso").get_by_role(
        "link", name="Registrera ärende"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera ärende")


def field(scope: Page | Locator, label: str) -> Locator:
    """Find a form control by its accessible name, exactly, as a screen reader
    announces it (the required mark is aria-hidden and outside the label)."""
    return scope.get_by_role("textbox", name=label, exact=True).or_(
        scope.get_by_role("combobox", name=label, exact=True)
    )


def fill_debtor(
    page: Page,
    kind: str = "Företag",
    company_form: str | None = GUIDE_COMPANY_FORM,
    country: str = "Sverige",
    **values: str,
) -> None:
    """Fill Kunduppgifter; keyword names are labels with _ for space/dot."""
    debtor = dict(GUIDE_DEBTOR)
    debtor.update({label_of(key): value for key, value in values.items()})
    field(page, "Typ").select_option(label=kind)
    for label, value in debtor.items():
        if label == "Org.nummer" and kind == "Privatperson":
            label = "Personnummer"
        field(page, label).fill(value)
    if kind == "Företag" and company_form:
        field(page, "Bolagsform").select_option(label=company_form)
    field(page, "Land").select_option(label=country)


def fill_invoice(scope: Page | Locator, currency: str = "SEK", **values: str) -> None:
    """Fill one Fakturauppgifter block, the guide's invoice unless told."""
    invoice = dict(GUIDE_INVOICE)
    invoice.update({label_of(key): value for key, value in values.items()})
    for label, value in invoice.items():
        field(scope, label).fill(value)
    field(scope, "Valuta").select_option(label=currency)


def label_of(key: str) -> str:
    known = {
        "Namn": "Namn",
        "Org_nummer": "Org.nummer",
        "Personnummer": "Personnummer",
        "Adress": "Adress",
        "Postnummer_Ort": "Postnummer/Ort",
        "Telefonnummer": "Telefonnummer",
        "Epost": "Epost",
        "Fakturanummer": "Fakturanummer",
        "Fakturan_avser": "Fakturan avser",
        "Kapital": "Kapital",
        "Fakturadatum": "Fakturadatum",
        "Forfallodatum": "Förfallodatum",
    }
    return known[key]


def press_save(page: Page) -> None:
    page.get_by_role("button", name="Spara", exact=True).click()


def expect_preview(page: Page) -> None:
    expect(page.get_by_role("heading", name="Godkänn ärendet")).to_be_visible()


def register_case(page: Page, invoice: dict | None = None, **debtor: str) -> None:
    """Fill the form, Spara, check the preview, Spara again: into the batch."""
    fill_debtor(page, **debtor)
    fill_invoice(page, **(invoice or {}))
    press_save(page)
    expect_preview(page)
    press_save(page)
    expect(batch_table(page)).to_be_visible()


def batch_table(page: Page) -> Locator:
    return page.get_by_role("table", name="Registrerade ärenden")


def batch_row(page: Page, debtor_name: str) -> Locator:
    return (
        batch_table(page)
        .get_by_role("row")
        .filter(has=page.get_by_role("cell", name=debtor_name, exact=True))
    )


def batch_footer(page: Page) -> Locator:
    return batch_table(page).get_by_role("row").filter(has_text="Totalt:")


def expect_totals(page: Page, count: int, total: str) -> None:
    """Check the footer row: Totalt:, the count and the sum of Kapital."""
    footer = batch_footer(page)
    expect(footer.get_by_role("cell", name=f"{count} st", exact=True)).to_be_visible()
    expect(footer.get_by_role("cell").nth(4)).to_have_text(amount(total))
