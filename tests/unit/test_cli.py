"""Agency-side set-up from the command line (DESIGN.md 5.7)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, login
from webapp.extensions import db
from webapp.models import Client, Role, User

OTHER_ORG_NUMBER = "556677-8899"


@pytest.fixture
def cli(app):
    """Run a command as `flask --app webapp ...` would."""
    runner = app.test_cli_runner()

    def run(*args):
        # The flask command pushes an app context for every command; the test
        # runner only does so for commands made with app.cli.command.
        with app.app_context():
            return runner.invoke(args=list(args))

    return run


def stored_clients(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(Client.name, Client.org_number, Client.customer_number)
        )
        return [tuple(row) for row in rows]


def stored_user(app, username: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        if user is not None:
            db.session.expunge(user)
        return user


def count_users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def generated_password(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("Password: ")]
    assert len(lines) == 1, output
    return lines[0].removeprefix("Password: ")


# clients create


@pytest.mark.parametrize(
    "typed", ["556677-8899", "5566778899", " 556677-8899 ", "165566778899"]
)
def test_clients_create_stores_normalised_org_number(app, cli, typed):
    result = cli("clients", "create", "--name", "Testbolaget AB", "--org-number", typed)

    assert result.exit_code == 0, result.output
    assert "Created client 556677-8899, Testbolaget AB" in result.output
    assert stored_clients(app) == [("Testbolaget AB", "556677-8899", "10001")]


def test_clients_create_keeps_given_customer_number(app, cli):
    result = cli(
        "clients",
        "create",
        "--name",
        "Testbolaget AB",
        "--org-number",
        OTHER_ORG_NUMBER,
        "--customer-number",
        "K-77",
    )

    assert result.exit_code == 0, result.output
    assert stored_clients(app) == [("Testbolaget AB", OTHER_ORG_NUMBER, "K-77")]


@pytest.mark.parametrize(
    ("name", "org_number", "message"),
    [
        ("Testbolaget AB", "556677-8898", "Kontrollsiffran stämmer inte"),
        ("Testbolaget AB", "12345", "Ange numret med 10 siffror"),
        ("Testbolaget AB", "55667788AB", "bara innehålla siffror"),
        ("Testbolaget AB", "", "Ange person- eller organisationsnummer"),
        ("   ", OTHER_ORG_NUMBER, "give a name of 1 to 200 characters"),
        ("A" * 201, OTHER_ORG_NUMBER, "give a name of 1 to 200 characters"),
    ],
)
def test_clients_create_refuses_bad_input(app, cli, name, org_number, message):
    result = cli("clients", "create", "--name", name, "--org-number", org_number)

    assert result.exit_code != 0
    assert message in result.output
    assert stored_clients(app) == []


def test_clients_create_refuses_duplicate_org_number(app, cli):
    cli("clients", "create", "--name", "Första AB", "--org-number", OTHER_ORG_NUMBER)

    result = cli(
        "clients", "create", "--name", "Andra AB", "--org-number", "5566778899"
    )

    assert result.exit_code != 0
    assert "a client with org.nr 556677-8899 already exists" in result.output
    assert [name for name, _, _ in stored_clients(app)] == ["Första AB"]


def test_clients_create_picks_a_free_customer_number(app, cli, make_client):
    # A client set up earlier already holds a number in the generated series.
    client_id = make_client(name="Första AB", org_number=OTHER_ORG_NUMBER)
    with app.app_context():
        db.session.get(Client, client_id).customer_number = str(10001 + client_id)
        db.session.commit()

    result = cli(
        "clients", "create", "--name", "Andra AB", "--org-number", "556036-0793"
    )

    assert result.exit_code == 0, result.output
    numbers = [number for _, _, number in stored_clients(app)]
    assert len(set(numbers)) == 2


def test_clients_create_refuses_taken_customer_number(app, cli, make_client):
    make_client(customer_number="K-1")

    result = cli(
        "clients",
        "create",
        "--name",
        "Testbolaget AB",
        "--org-number",
        OTHER_ORG_NUMBER,
        "--customer-number",
        "K-1",
    )

    assert result.exit_code != 0
    assert "customer number K-1 is taken" in result.output
    assert len(stored_clients(app)) == 1


# users create


def test_users_create_with_password_logs_in(app, cli, client, demo_user):
    result = cli(
        "users",
        "create",
        "--client",
        "551452-6382",
        "--username",
        "anna",
        "--password",
        "anna-lösen",
    )

    assert result.exit_code == 0, result.output
    assert "Created user anna (client_user)" in result.output
    assert "Password:" not in result.output
    user = stored_user(app, "anna")
    assert user.client_id == demo_user
    assert user.role == Role.CLIENT_USER
    assert "anna-lösen" not in user.password_hash
    assert login(client, "anna", "anna-lösen").status_code == 303


def test_users_create_prints_generated_password(app, cli, client, demo_user):
    result = cli("users", "create", "--client", "5514526382", "--username", "bertil")

    assert result.exit_code == 0, result.output
    password = generated_password(result.output)
    assert len(password) >= 12
    assert login(client, "bertil", password).status_code == 303


def test_users_create_agency_user_without_client(app, cli):
    result = cli(
        "users", "create", "--username", "handl", "--role", "agent", "--password", "x"
    )

    assert result.exit_code == 0, result.output
    user = stored_user(app, "handl")
    assert user.client_id is None
    assert user.role == Role.AGENT


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--client", "551452-6382", "--username", "h", "--role", "agent"],
            "agency roles belong to no client",
        ),
        (
            ["--client", "551452-6382", "--username", "h", "--role", "agency_admin"],
            "agency roles belong to no client",
        ),
        (["--username", "kalle"], "a client user needs --client"),
        (
            ["--username", "kalle", "--role", "client_admin"],
            "a client user needs --client",
        ),
        (
            ["--client", OTHER_ORG_NUMBER, "--username", "kalle"],
            "no client with org.nr 556677-8899",
        ),
        (["--client", "551452-6383", "--username", "kalle"], "Kontrollsiffran"),
        (["--client", "551452-6382", "--username", ""], "give a user name"),
        (["--client", "551452-6382", "--username", "två ord"], "give a user name"),
        (["--client", "551452-6382", "--username", "x" * 101], "give a user name"),
        (
            ["--client", "551452-6382", "--username", "kalle", "--password", ""],
            "the password may not be empty",
        ),
        (
            ["--client", "551452-6382", "--username", "kalle", "--role", "boss"],
            "'boss' is not one of",
        ),
    ],
)
def test_users_create_refuses_bad_input(app, cli, demo_user, args, message):
    before = count_users(app)

    result = cli("users", "create", *args)

    assert result.exit_code != 0
    assert message in result.output
    assert count_users(app) == before


def test_users_create_refuses_duplicate(app, cli, demo_user):
    result = cli("users", "create", "--client", "551452-6382", "--username", "demo")

    assert result.exit_code != 0
    assert "user demo already exists" in result.output
    assert count_users(app) == 1


# users set-password


def test_set_password_replaces_password(app, cli, client, demo_user):
    result = cli("users", "set-password", "--username", "demo", "--password", "nytt")

    assert result.exit_code == 0, result.output
    assert "Password set for demo" in result.output
    assert login(client, "demo", PASSWORD).status_code == 422
    assert login(client, "demo", "nytt").status_code == 303


def test_set_password_generates_one(app, cli, client, demo_user):
    result = cli("users", "set-password", "--username", "demo")

    assert result.exit_code == 0, result.output
    assert login(client, "demo", generated_password(result.output)).status_code == 303


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--username", "nobody", "--password", "x"], "no user nobody"),
        (["--username", "demo", "--password", ""], "the password may not be empty"),
    ],
)
def test_set_password_refuses_bad_input(app, cli, demo_user, args, message):
    before = stored_user(app, "demo").password_hash

    result = cli("users", "set-password", *args)

    assert result.exit_code != 0
    assert message in result.output
    assert stored_user(app, "demo").password_hash == before


def test_set_password_lifts_lock(app, cli, client, demo_user):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "demo"))
        user.failed_logins = 7
        user.locked_until = datetime.now(UTC) + timedelta(hours=1)
        db.session.commit()
    assert login(client, "demo", PASSWORD).status_code == 422

    result = cli("users", "set-password", "--username", "demo", "--password", "nytt")

    assert result.exit_code == 0, result.output
    user = stored_user(app, "demo")
    assert user.failed_logins == 0
    assert user.locked_until is None
    assert login(client, "demo", "nytt").status_code == 303


# demo


def test_demo_twice_makes_one_client_and_one_user(app, cli, client):
    first = cli("demo")
    second = cli("demo")

    for result in (first, second):
        assert result.exit_code == 0, result.output
        assert "Demo client 551452-6382, Demobolaget AB" in result.output
    assert stored_clients(app) == [("Demobolaget AB", "551452-6382", "10001")]
    assert count_users(app) == 1
    user = stored_user(app, "demo")
    assert user.role == Role.CLIENT_ADMIN
    assert login(client, "demo", "demo").status_code == 303
    assert "Klient 551452-6382, Demobolaget AB" in client.get("/").get_data(
        as_text=True
    )
