"""Form values, a pinned today and request helpers for the Inkasso tests."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select
from stdnum import luhn

from tests.conftest import csrf_token
from tests.guide import GUIDE_CASE as GUIDE
from webapp.extensions import db
from webapp.inkasso import views

# A fixed day, so that due dates, time-barred warnings and interest stay put.
TODAY = date(2026, 9, 15)

NBSP = "\u00a0"


def personnummer(birth_date: str, birth_number: int) -> str:
    """Make a Luhn-valid YYMMDD-NNNC for a made-up person (birth number 980-999)."""
    assert 980 <= birth_number <= 999
    digits = f"{birth_date}{birth_number}"
    return f"{birth_date}-{birth_number}{luhn.calc_check_digit(digits)}"


def organisationsnummer(first_nine: str) -> str:
    """Make a Luhn-valid NNNNNN-NNNN from its first nine digits."""
    return f"{first_nine[:6]}-{first_nine[6:]}{luhn.calc_check_digit(first_nine)}"


def case_values(**changes) -> dict[str, str]:
    """Return the guide's case with some fields changed (None leaves one out)."""
    values = GUIDE | changes
    return {name: value for name, value in values.items() if value is not None}


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def fetch(app, query):
    """Run a query and return its rows, detached from the session."""
    with app.app_context():
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(views, "today", lambda: TODAY)
    return TODAY


class Browser:
    """A logged-in test client that posts forms with their CSRF token."""

    def __init__(self, client) -> None:
        self.client = client
        self.token = csrf_token(client)

    def get(self, url: str, htmx: bool = False, **kwargs):
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.get(url, headers=headers, **kwargs)

    def post(self, url: str, data: dict | None = None, htmx: bool = False):
        headers = {"HX-Request": "true"} if htmx else {}
        form = {"csrf_token": self.token, **(data or {})}
        return self.client.post(url, data=form, headers=headers)

    def save(self, values: dict | None = None, htmx: bool = False):
        """Store a case as the preview's Spara does."""
        return self.post(
            "/inkasso/registrera/spara",
            case_values() if values is None else values,
            htmx=htmx,
        )


@pytest.fixture
def web(logged_in) -> Browser:
    """The demo client's user, logged in."""
    return Browser(logged_in)


class FormReader(HTMLParser):
    """Collect each form's controls as the browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[dict, dict[str, str]]] = []
        self.select: str | None = None
        self.first_option: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append((attrs, {}))
        elif not self.forms:
            return
        controls = self.forms[-1][1]
        if tag == "input" and "name" in attrs:
            controls[attrs["name"]] = attrs.get("value", "")
        elif tag == "select":
            self.select, self.first_option = attrs["name"], None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
                controls.setdefault(self.select, self.first_option)
            if "selected" in attrs:
                controls[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            controls[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.forms[-1][1][self.textarea] += data


def form_controls(page: str, action: str, **match) -> dict[str, str]:
    """Return the controls of the page's form posting to ``action``."""
    reader = FormReader()
    reader.feed(page)
    for attrs, controls in reader.forms:
        if attrs.get("action") == action and all(
            attrs.get(name) == value for name, value in match.items()
        ):
            return controls
    raise AssertionError(f"no form for {action} in the page")


def case_form(page: str) -> dict[str, str]:
    return form_controls(page, "/inkasso/registrera", **{"class": "case-form"})


def preview_form(page: str) -> dict[str, str]:
    return form_controls(page, "/inkasso/registrera", **{"class": "actions"})


def batch_totals(page: str) -> str:
    match = re.search(r'<tfoot id="batch-totals".*?</tfoot>', page, re.DOTALL)
    assert match, "no totals in the page"
    return match.group(0)
