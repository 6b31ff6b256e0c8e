"""Fixtures shared by the unit and end-to-end suites.

The database is built once per run by the Alembic migrations, on SQLite in a
temporary folder or, when TEST_DATABASE_URL is set, on that PostgreSQL database
from an empty schema. Every test starts from the migrated state.
"""

import os
import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import delete, insert, select, text

from webapp import create_app
from webapp.extensions import db, limiter
from webapp.models import Client, ReferenceRate, Role, User
from webapp.passwords import hash_password

PASSWORD = "rätt-lösenord"


def test_settings(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SESSION_COOKIE_SECURE": False,
        "PASSWORD_HASH_PROFILE": "test",
        "RATELIMIT_STORAGE_URI": "memory://",
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app(test_settings(url))
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def migrated_rates(database_url) -> list[dict]:
    """Migrate the empty database and keep the rates the migrations seed."""
    app = create_app(test_settings(database_url))
    with app.app_context():
        upgrade()
        rows = db.session.execute(select(ReferenceRate.__table__)).mappings()
        rates = [dict(row) for row in rows]
        db.session.remove()
        db.engine.dispose()
    return rates


def reset_database(rates: list[dict]) -> None:
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.execute(insert(ReferenceRate.__table__), rates)
    db.session.commit()


@pytest.fixture
def app(database_url, migrated_rates):
    app = create_app(test_settings(database_url))
    with app.app_context():
        reset_database(migrated_rates)
        limiter.reset()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_client(app):
    """Store a client company and return its id."""

    def make(name="Demobolaget AB", org_number="551452-6382", customer_number=None):
        with app.app_context():
            company = Client(
                name=name,
                org_number=org_number,
                customer_number=customer_number or org_number.replace("-", ""),
            )
            db.session.add(company)
            db.session.commit()
            return company.id

    return make


@pytest.fixture
def make_user(app):
    """Store a user with the test password and return its id."""

    def make(username="demo", client_id=None, role=Role.CLIENT_USER, active=True):
        with app.app_context():
            user = User(
                username=username,
                password_hash=hash_password(PASSWORD, "test"),
                client_id=client_id,
                role=role,
                active=active,
            )
            db.session.add(user)
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def demo_user(make_client, make_user):
    """The guide's demo client with its user demo; returns the client's id."""
    client_id = make_client()
    make_user("demo", client_id)
    return client_id


@pytest.fixture
def logged_in(client, demo_user):
    """A test client logged in as demo."""
    client.get("/login")
    login(client, "demo", PASSWORD)
    return client


def csrf_token(client) -> str:
    """Return the CSRF token of the client's session, as a form would carry it."""
    html = client.get("/login", follow_redirects=True).get_data(as_text=True)
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def login(client, username: str, password: str, next_url: str | None = None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_token(client),
        },
    )
