"""Settings read from the environment, with the defaults for a laptop."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

HTMX_VERSION = "2.0.11"
HTMX_SHA384 = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"
IDLE_TIMEOUT = timedelta(minutes=30)
MAX_REQUEST_BYTES = 1024 * 1024


def settings_from_environment(instance_path: str) -> dict:
    """Return the app's settings from the environment and the instance folder."""
    development = os.environ.get("FLASK_DEBUG") == "1" or os.environ.get(
        "KLIENTWEBB_ENV", "production"
    ) in ("development", "test")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or instance_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "HTMX_SOURCE": os.environ.get("HTMX_SOURCE", "local"),
        "PROXY_HOPS": proxy_hops(),
        "PERMANENT_SESSION_LIFETIME": IDLE_TIMEOUT,
        # The cookie is sent again when the session changes, at least once a
        # minute while the user works (security.end_idle_session).
        "SESSION_REFRESH_EACH_REQUEST": False,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not development,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,
        "WTF_CSRF_TIME_LIMIT": None,
        "PASSWORD_HASH_PROFILE": "default",
    }


def database_url(instance_path: str) -> str:
    """Return ``DATABASE_URL`` in SQLAlchemy's spelling, or the SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'klientwebb.sqlite3'}"
    # Hosting platforms hand out postgres:// URLs; psycopg 3 needs its own scheme.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret(instance_path: str) -> str:
    """Return the secret key kept in the instance folder, made on first use."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def proxy_hops() -> int:
    """Return how many proxies in front set X-Forwarded-For (``PROXY_HOPS``)."""
    value = os.environ.get("PROXY_HOPS", "0")
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"PROXY_HOPS must be a whole number, not {value!r}")
    return int(value)
