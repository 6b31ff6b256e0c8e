"""The app factory and the settings it reads (DESIGN.md 5.4, 5.5)."""

import stat

import pytest

from tests.conftest import PASSWORD, csrf_token, login
from tests.conftest import test_settings as settings_for
from webapp import create_app
from webapp.config import (
    IDLE_TIMEOUT,
    MAX_REQUEST_BYTES,
    database_url,
    settings_from_environment,
)


@pytest.fixture
def bare_environment(monkeypatch):
    """An environment without any of the settings the factory reads."""
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "FLASK_DEBUG",
        "KLIENTWEBB_ENV",
        "HTMX_SOURCE",
        "RATELIMIT_STORAGE_URI",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_secret_key_from_environment(bare_environment, tmp_path):
    bare_environment.setenv("SECRET_KEY", "from-the-environment")

    settings = settings_from_environment(str(tmp_path))

    assert settings["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_generated_into_instance_folder(bare_environment, tmp_path):
    instance = tmp_path / "instance"

    first = settings_from_environment(str(instance))["SECRET_KEY"]
    second = settings_from_environment(str(instance))["SECRET_KEY"]

    key_file = instance / "secret_key"
    assert key_file.read_text().strip() == first
    assert len(first) >= 32
    assert second == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_keys_differ_between_instances(bare_environment, tmp_path):
    one = settings_from_environment(str(tmp_path / "one"))["SECRET_KEY"]
    other = settings_from_environment(str(tmp_path / "other"))["SECRET_KEY"]

    assert one != other


def test_create_app_reads_environment(bare_environment, tmp_path):
    bare_environment.setenv("SECRET_KEY", "env-secret")
    bare_environment.setenv("DATABASE_URL", "postgres://u:p@db.example/klient")
    bare_environment.setenv("HTMX_SOURCE", "cdn")

    app = create_app()

    assert app.config["SECRET_KEY"] == "env-secret"
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"]
        == "postgresql+psycopg://u:p@db.example/klient"
    )
    assert app.config["HTMX_SOURCE"] == "cdn"
    assert app.config["PERMANENT_SESSION_LIFETIME"] == IDLE_TIMEOUT
    assert app.config["MAX_CONTENT_LENGTH"] == MAX_REQUEST_BYTES == 1024 * 1024


def test_test_config_overrides_environment(bare_environment, database_url):
    bare_environment.setenv("SECRET_KEY", "env-secret")

    app = create_app(settings_for(database_url))

    assert app.config["SECRET_KEY"] == "test-secret-key"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == database_url
    assert app.testing


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////srv/klientwebb.sqlite3", "sqlite:////srv/klientwebb.sqlite3"),
    ],
)
def test_database_url_from_environment(bare_environment, given, expected):
    bare_environment.setenv("DATABASE_URL", given)

    assert database_url("/unused") == expected


def test_database_url_defaults_to_sqlite_in_instance(bare_environment, tmp_path):
    assert database_url(str(tmp_path)) == (
        f"sqlite:///{tmp_path / 'klientwebb.sqlite3'}"
    )


@pytest.mark.parametrize(
    ("variables", "secure"),
    [
        ({}, True),
        ({"KLIENTWEBB_ENV": "production"}, True),
        ({"KLIENTWEBB_ENV": "development"}, False),
        ({"KLIENTWEBB_ENV": "test"}, False),
        ({"FLASK_DEBUG": "1"}, False),
        ({"FLASK_DEBUG": "0"}, True),
    ],
)
def test_session_cookie_flags(bare_environment, tmp_path, variables, secure):
    bare_environment.setenv("SECRET_KEY", "s")
    for name, value in variables.items():
        bare_environment.setenv(name, value)

    settings = settings_from_environment(str(tmp_path))

    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings["SESSION_COOKIE_SECURE"] is secure
    assert settings["REMEMBER_COOKIE_HTTPONLY"] is True


def test_session_cookie_sent_httponly_lax(client, demo_user):
    response = login(client, "demo", PASSWORD)

    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_secure_by_default(bare_environment, database_url):
    bare_environment.setenv("SECRET_KEY", "s")
    bare_environment.setenv("DATABASE_URL", database_url)

    app = create_app({"TESTING": True})
    response = app.test_client().get("/login")

    cookie = response.headers["Set-Cookie"]
    assert "; Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_too_large_request_gets_swedish_page(client):
    token = csrf_token(client)

    response = client.post(
        "/login",
        data={
            "csrf_token": token,
            "username": "demo",
            "password": "x" * (MAX_REQUEST_BYTES + 1),
        },
    )

    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "För mycket data" in page
    assert "större än 1 MB" in page
    assert "Traceback" not in page
