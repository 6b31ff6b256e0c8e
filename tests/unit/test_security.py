"""CSRF, response headers, error pages and htmx fragments (DESIGN.md 5.3, 5.5)."""

import pytest
from jinja2 import ChoiceLoader, DictLoader

from tests.conftest import PASSWORD, csrf_token
from webapp.config import HTMX_CDN_URL, HTMX_SHA384, HTMX_VERSION
from webapp.htmx import render_page_or_fragment

CSRF_MESSAGE = "Formuläret hade gått ut eller saknade säkerhetskod."


def test_post_without_csrf_token_is_refused(client, demo_user):
    client.get("/login")

    response = client.post("/login", data={"username": "demo", "password": PASSWORD})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Felaktig begäran</h1>" in page
    assert CSRF_MESSAGE in page
    assert client.get("/").status_code == 302


def test_logged_in_post_without_csrf_token_is_refused(logged_in):
    response = logged_in.post("/logout")

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Felaktig begäran</h1>" in page
    assert CSRF_MESSAGE in page
    assert "Klient 551452-6382, Demobolaget AB" in page
    assert logged_in.get("/").status_code == 200


@pytest.mark.parametrize("kind", ["forged", "another session's"])
def test_logged_in_post_with_wrong_csrf_token_is_refused(app, logged_in, kind):
    token = "forged" if kind == "forged" else csrf_token(app.test_client())

    response = logged_in.post("/logout", data={"csrf_token": token})

    assert response.status_code == 400
    assert CSRF_MESSAGE in response.get_data(as_text=True)
    assert logged_in.get("/").status_code == 200


def test_htmx_post_with_csrf_header_is_accepted(client, demo_user):
    token = csrf_token(client)

    response = client.post(
        "/login",
        data={"username": "demo", "password": PASSWORD},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )

    assert response.status_code == 303
    assert client.get("/").status_code == 200


def test_page_carries_csrf_header_for_htmx(logged_in):
    page = logged_in.get("/").get_data(as_text=True)

    assert '<body hx-headers=\'{"X-CSRFToken": "' in page


@pytest.mark.parametrize("path", ["/login", "/no-such-page"])
def test_security_headers_anonymous(client, path):
    headers = client.get(path).headers

    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/hjalp"])
def test_security_headers_logged_in(logged_in, path):
    response = logged_in.get(path)

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_htmx_served_from_own_origin_by_default(client):
    response = client.get("/login")

    page = response.get_data(as_text=True)
    local = f"/static/vendor/htmx-{HTMX_VERSION}.min.js"
    assert f'<script src="{local}" defer></script>' in page
    assert HTMX_CDN_URL not in page
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
    assert client.get(local).status_code == 200


def test_htmx_from_cdn_with_integrity(app, client):
    app.config["HTMX_SOURCE"] = "cdn"

    response = client.get("/login")

    page = response.get_data(as_text=True)
    assert HTMX_SHA384.startswith("sha384-")
    assert (
        f'<script src="{HTMX_CDN_URL}" integrity="{HTMX_SHA384}" '
        'crossorigin="anonymous" defer></script>'
    ) in page
    assert "/static/vendor/htmx-" not in page
    assert HTMX_VERSION in HTMX_CDN_URL
    csp = response.headers["Content-Security-Policy"]
    assert f"script-src 'self' {HTMX_CDN_URL};" in csp


def test_not_found_page_for_anonymous(client):
    response = client.get("/no-such-page")

    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in page
    assert "Sidan du söker finns inte." in page
    assert '<html lang="sv">' in page
    assert 'href="/login">Till startsidan' in page
    assert "Huvudmeny" not in page


def test_not_found_page_in_product_frame(logged_in):
    response = logged_in.get("/no-such-page")

    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in page
    assert "Klient 551452-6382, Demobolaget AB" in page
    assert 'aria-label="Huvudmeny"' in page
    assert 'href="/">Till startsidan' in page


FRAGMENT_TEMPLATES = {
    "probe/page.html": "<html><body><main>{% include 'probe/row.html' %}"
    "</main></body></html>",
    "probe/row.html": "<p id='row'>{{ word }}</p>",
}


@pytest.fixture
def probe_client(app):
    """A test client of an app with one extra view that uses the helper."""
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader(FRAGMENT_TEMPLATES), app.jinja_env.loader]
    )

    @app.get("/probe")
    def probe():
        return render_page_or_fragment(
            "probe/page.html", "probe/row.html", status=422, word="hej"
        )

    return app.test_client()


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "false"}, False),
        ({"HX-Request": "true", "HX-Boosted": "true"}, False),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
        ({"HX-Request": "true", "HX-Target": "row"}, True),
    ],
)
def test_page_or_fragment(probe_client, headers, fragment):
    response = probe_client.get("/probe", headers=headers)

    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<p id='row'>hej</p>" in body
    assert ("<html>" in body) is not fragment
    assert "HX-Request" in response.headers["Vary"]
