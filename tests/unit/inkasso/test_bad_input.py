"""Whatever is typed in a field, the answer is a message, never a 500."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from webapp.inkasso.case_form import CASE_FIELDS
from webapp.models import Case

from .conftest import GUIDE, case_values, count

ON_POSTGRESQL = bool(os.environ.get("TEST_DATABASE_URL"))
FIELD_URL = "/inkasso/registrera/falt/{}"
SAVE = "/inkasso/registrera/spara"
FIELDS = sorted(GUIDE)
assert set(CASE_FIELDS) <= set(FIELDS)

HYPOTHESIS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
# Any character a browser can send (no lone surrogates), pieces repeated to be
# huge yet, in all fields together, under the 1 MB limit.
typed_character = st.characters(exclude_categories=["Cs"])
typed_text = st.one_of(
    st.text(alphabet=typed_character),
    st.sampled_from(
        ["<script>alert(1)</script>", "'; DROP TABLE cases; --", "\u202e", "\ufeff"]
    ),
    st.text(alphabet=typed_character, min_size=1, max_size=8).map(
        lambda piece: piece * 300
    ),
)

BAD_VALUES = [
    "",
    "x" * 10_000,
    "<b>x</b>",
    "' OR 1=1 --",
    "Ünïcødé 😀",
    "-5",
    "0",
    "9999-99-99",
    "\x00",
]


def saved_or_refused(response, name: str, typed: str) -> None:
    """Assert a Spara answer: stored (200) or the form again with the value."""
    assert response.status_code in (200, 422), (name, typed[:40], response.status)
    if response.status_code == 422:
        html = response.get_data(as_text=True)
        assert 'class="error-summary"' in html
        assert str(escape(typed)) in html, (name, typed[:40])


def field_answered(response, name: str) -> None:
    assert response.status_code == 200, (name, response.status)
    assert f'data-field="{name}"' in response.get_data(as_text=True)


@HYPOTHESIS
@given(name=st.sampled_from(FIELDS), typed=typed_text)
def test_any_text_in_field_check(web, name, typed):
    response = web.post(FIELD_URL.format(name), case_values(**{name: typed}), htmx=True)

    field_answered(response, name)


@HYPOTHESIS
@given(name=st.sampled_from(FIELDS), typed=typed_text)
def test_any_text_in_save(web, name, typed):
    response = web.post(SAVE, case_values(**{name: typed}), htmx=True)

    saved_or_refused(response, name, typed)


@HYPOTHESIS
@given(values=st.fixed_dictionaries({name: typed_text for name in FIELDS}))
def test_any_text_in_every_field_at_once(web, values):
    response = web.post(SAVE, values, htmx=True)

    assert response.status_code in (200, 422)


# One test per field, over the table of values, keeps the app set-ups few.
@pytest.mark.parametrize("name", FIELDS)
def test_bad_values_in_field_check(web, name):
    for typed in BAD_VALUES:
        url = FIELD_URL.format(name)
        response = web.post(url, case_values(**{name: typed}), htmx=True)

        field_answered(response, name)


@pytest.mark.parametrize("name", FIELDS)
def test_bad_values_in_save(web, name):
    for typed in BAD_VALUES:
        response = web.post(SAVE, case_values(**{name: typed}), htmx=True)

        saved_or_refused(response, name, typed)


@pytest.mark.parametrize(
    ("name", "typed", "status"),
    [
        ("debtor_name", "", 422),
        ("debtor_name", "x" * 10_000, 422),
        ("debtor_name", "<b>x</b>", 200),
        ("invoice-0-principal", "-5", 422),
        ("invoice-0-principal", "0", 422),
        ("invoice-0-due_date", "9999-99-99", 422),
        ("invoice-0-invoice_date", "' OR 1=1 --", 422),
        ("note", "Ünïcødé 😀", 200),
        ("client_reference", "' OR 1=1 --", 200),
    ],
)
def test_bad_value_outcome(web, name, typed, status):
    response = web.post(SAVE, case_values(**{name: typed}), htmx=True)

    assert response.status_code == status


def test_stored_html_shows_escaped_in_batch(web):
    web.save(case_values(debtor_name="<b>x</b>", client_reference="' OR 1=1 --"))

    html = web.get("/inkasso/registrera").get_data(as_text=True)

    assert "<td>&lt;b&gt;x&lt;/b&gt;</td>" in html
    assert "<td>&#39; OR 1=1 --</td>" in html
    assert "<b>x</b>" not in html


# PostgreSQL text cannot hold NUL; no keyboard types it, so it is refused.
@pytest.mark.parametrize(
    ("url", "name"),
    [
        (SAVE, "debtor_name"),
        (SAVE, "note"),
        (SAVE, "client_reference"),
        ("/inkasso/registrera", "invoice-0-number"),
        ("/inkasso/registrera", "identity_number"),
    ],
)
def test_nul_character_is_refused(app, web, url, name):
    response = web.post(url, case_values(**{name: "Nisse\x00Bil"}), htmx=True)

    assert response.status_code == 422
    assert "Fältet innehåller ett otillåtet tecken." in response.get_data(as_text=True)
    assert count(app, Case) == 0


def test_long_foreign_postal_code_is_refused_not_500(web):
    values = case_values(country="NO", phone="", postal_line="1" * 24 + " OSLO")

    response = web.post(SAVE, values, htmx=True)

    assert response.status_code in (200, 422)


def test_city_longer_when_upper_cased_is_refused_not_500(web):
    response = web.post(SAVE, case_values(postal_line="25111 " + "ß" * 94), htmx=True)

    assert response.status_code in (200, 422)


# Unicode digits pass str.isdigit() but not int(): "²".isdigit() is True.
@pytest.mark.parametrize(
    ("url", "changes"),
    [
        (SAVE, {"case_id": "²", "version": "1"}),
        ("/inkasso/registrera", {"case_id": "²"}),
        (FIELD_URL.format("debtor_name"), {"case_id": "²"}),
        (SAVE, {"case_id": "1", "version": "²"}),
        ("/inkasso/registrera", {"action": "remove_invoice-²"}),
        ("/inkasso/bunt/godkann", {"batch_id": "²"}),
    ],
)
def test_unicode_digit_in_control_field_is_not_500(web, url, changes):
    response = web.post(url, case_values(**changes))

    assert response.status_code in (200, 303, 404, 409, 422)


def test_unicode_digit_in_case_url_is_404(web):
    response = web.get("/inkasso/registrera?arende=²")

    assert response.status_code == 404


def test_add_invoice_after_highest_index_is_not_500(web):
    values = case_values(action="add_invoice", **{"invoice-999-number": "9"})

    response = web.post("/inkasso/registrera", values)

    assert response.status_code in (200, 422)


def test_old_due_date_gives_preview_without_estimate(web):
    values = case_values(
        **{"invoice-0-invoice_date": "2005-01-01", "invoice-0-due_date": "2005-01-31"}
    )

    response = web.post("/inkasso/registrera", values)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Godkänn ärendet" in html
    assert "Kravet kan inte uppskattas: Referensränta saknas för halvåret" in html
