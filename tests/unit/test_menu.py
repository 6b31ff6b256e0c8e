"""The main menu, the client line in the header, Mina sidor and Hjälp."""

from html.parser import HTMLParser

import pytest

from tests.conftest import PASSWORD, login
from webapp.models import Role

DESIGN_ORDER = [
    "Mina sidor",
    "Reskontra",
    "Inkasso",
    "Rapporter",
    "Kommunikation",
    "Hjälp",
]


class NavReader(HTMLParser):
    """Collect the links and buttons of one <nav>, in document order."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.depth = 0
        self.current = None
        self.items: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == self.label:
            self.depth = 1
        elif self.depth and tag == "nav":
            self.depth += 1
        elif self.depth and tag in ("a", "button"):
            self.current = [tag, "", attrs.get("href")]

    def handle_endtag(self, tag):
        if self.depth and tag == "nav":
            self.depth -= 1
        elif self.current and tag == self.current[0]:
            self.items.append(
                (self.current[0], self.current[1].strip(), self.current[2])
            )
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.current[1] += data


def main_menu(html: str) -> list[tuple[str, str, str | None]]:
    reader = NavReader("Huvudmeny")
    reader.feed(html)
    return reader.items


def is_subsequence(items: list[str], order: list[str]) -> bool:
    remaining = iter(order)
    return all(item in remaining for item in items)


def test_menu_follows_design_order(logged_in):
    items = main_menu(logged_in.get("/").get_data(as_text=True))

    links = [label for tag, label, _ in items if tag == "a"]
    assert links[0] == "Mina sidor"
    assert "Hjälp" in links
    assert len(set(links)) == len(links)
    assert is_subsequence(links, DESIGN_ORDER), links
    assert items[-1][:2] == ("button", "Logga ut")


def test_every_menu_link_leads_to_a_working_page(logged_in):
    items = main_menu(logged_in.get("/").get_data(as_text=True))

    for tag, label, href in items:
        if tag != "a":
            continue
        response = logged_in.get(href, follow_redirects=True)
        assert response.status_code == 200, (label, href)
        assert "Klient 551452-6382, Demobolaget AB" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "current"), [("/", "Mina sidor"), ("/hjalp", "Hjälp")]
)
def test_menu_marks_current_page(logged_in, path, current):
    html = logged_in.get(path).get_data(as_text=True)

    assert f'aria-current="page">{current}</a>' in html
    assert html.count('aria-current="page"') == 1


def test_no_menu_before_login(client):
    html = client.get("/login").get_data(as_text=True)

    assert main_menu(html) == []
    assert "Logga ut" not in html


def test_agency_user_sees_no_client_pages(client, make_user):
    make_user("handl", None, role=Role.AGENT)
    login(client, "handl", PASSWORD)

    html = client.get("/").get_data(as_text=True)

    links = [label for tag, label, _ in main_menu(html) if tag == "a"]
    assert links == ["Mina sidor", "Hjälp"]
    assert "Inkassobolaget, handläggare" in html
    assert "Roll</dt><dd>Handläggare" in html


def test_second_client_sees_only_its_own_name(app, client, demo_user):
    runner = app.test_cli_runner()
    with app.app_context():
        for args in (
            ["clients", "create", "--name", "Testbolaget AB"]
            + ["--org-number", "5566778899"],
            ["users", "create", "--client", "556677-8899"]
            + ["--username", "tester", "--password", "test-lösen"],
        ):
            result = runner.invoke(args=args)
            assert result.exit_code == 0, result.output

    login(client, "tester", "test-lösen")
    html = client.get("/").get_data(as_text=True)

    assert "Klient 556677-8899, Testbolaget AB" in html
    assert "Demobolaget" not in html
    assert "551452-6382" not in html


def test_mina_sidor_shows_user_and_client(logged_in):
    html = logged_in.get("/").get_data(as_text=True)

    assert "<title>Mina sidor – Klientwebb</title>" in html
    assert "Klient 551452-6382, Demobolaget AB" in html
    for term, value in [
        ("Inloggad som", "demo"),
        ("Roll", "Användare hos klienten"),
        ("Klient", "Demobolaget AB"),
        ("Organisationsnummer", "551452-6382"),
        ("Kundnummer hos oss", "5514526382"),
    ]:
        assert f"<dt>{term}</dt><dd>{value}</dd>" in html


def test_help_page(logged_in):
    response = logged_in.get("/hjalp")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Hjälp</h1>" in html
    assert ">Logga in</h2>" in html
    assert ">Registrera ett inkassoärende</h2>" in html
    assert "Du loggas ut automatiskt efter 30 minuter utan aktivitet." in html


@pytest.mark.parametrize("path", ["/", "/hjalp"])
def test_pages_need_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
