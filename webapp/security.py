"""Response headers and the session rules of DESIGN.md 5.5."""

from datetime import UTC, datetime

from flask import Flask, Response, current_app, flash, session
from flask_login import current_user, logout_user

from .config import HTMX_CDN_URL, IDLE_TIMEOUT

LAST_SEEN_STEP = 60


def content_security_policy(htmx_source: str) -> str:
    """Return the CSP: our own origin only, never inline code, never framed."""
    scripts = "'self'"
    if htmx_source == "cdn":
        scripts += " " + HTMX_CDN_URL
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self'; "
        "img-src 'self' data:; "
        "object-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'none'"
    )


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(
        current_app.config["HTMX_SOURCE"]
    )
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    if response.mimetype == "text/html":
        headers.setdefault("Cache-Control", "no-store")
    return response


def end_idle_session() -> None:
    """Log out a user whose last request is older than the idle timeout."""
    if not current_user.is_authenticated:
        return
    now = datetime.now(UTC).timestamp()
    last_seen = session.get("last_seen", now)
    if now - last_seen > IDLE_TIMEOUT.total_seconds():
        logout_user()
        session.clear()
        flash("Du loggades ut efter 30 minuter utan aktivitet. Logga in igen.", "info")
        return
    # Once a minute is precise enough for a 30-minute timeout, and leaves the
    # session cookie unsigned and unsent on most requests (inline checks).
    if now - last_seen >= LAST_SEEN_STEP or "last_seen" not in session:
        session["last_seen"] = now


def init_app(app: Flask) -> None:
    app.before_request(end_idle_session)
    app.after_request(add_security_headers)
