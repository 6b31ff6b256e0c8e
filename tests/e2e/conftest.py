"""A live server and a Chromium that watches the console, for the browser tests."""

import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browsers here; use the system Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def live_server(app):
    """Serve the test app on a free local port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture
def page(page):
    """The browser page; a console error or an uncaught exception fails the test.

    A Content-Security-Policy violation is reported as a console error, so this
    also catches inline code and foreign sources.
    """
    problems = []
    documents = set()

    def on_response(response) -> None:
        if response.request.is_navigation_request():
            documents.add(response.url)

    def on_console(message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # Chromium also logs a page answered 4xx (422 for a form with errors,
        # 429 when throttled) as a failed load; the tests check those statuses.
        # It asks for /favicon.ico on its own, and the app serves none yet.
        if message.text.startswith("Failed to load resource") and (
            url in documents or url.endswith("/favicon.ico")
        ):
            return
        problems.append(f"console error: {message.text} ({url})")

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield page
    assert not problems, "\n".join(problems)


@pytest.fixture
def login_as(live_server):
    """Log in through Kundlogin as a user would."""

    def log_in(page, username: str, password: str) -> None:
        page.goto(f"{live_server}/login")
        page.get_by_label("Användare").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()

    return log_in


def axe_check(page) -> None:
    """Fail when axe finds a serious or critical accessibility problem."""
    results = Axe().run(page)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"])
        for v in blocking
    )
