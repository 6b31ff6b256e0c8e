"""Klientwebb: the client web of a Swedish debt collection agency."""

import logging
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from . import auth, cli, errors, filters, help, inkasso, mypages, rates, security
from .config import HTMX_CDN_URL, HTMX_SHA384, HTMX_VERSION, settings_from_environment
from .extensions import csrf, db, limiter, login_manager, migrate
from .menu import menu_context

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, pages and commands."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )

    # Settings: the environment first, then what a test asks for.
    app.config.update(settings_from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    app.logger.setLevel(logging.INFO)

    # Extensions, each created once in extensions.py.
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "basic"

    # Pages, one blueprint per menu area.
    app.register_blueprint(auth.bp)
    app.register_blueprint(mypages.bp)
    app.register_blueprint(inkasso.bp)
    app.register_blueprint(help.bp)

    # Behind a proxy, take the client's address from the hops it names, so
    # login throttling counts per visitor and not per proxy.
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    # Headers, idle timeout, error pages and commands.
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    rates.init_app(app)
    filters.init_app(app)
    app.context_processor(menu_context)
    app.context_processor(htmx_context)
    return app


def htmx_context() -> dict:
    return {
        "htmx_version": HTMX_VERSION,
        "htmx_cdn_url": HTMX_CDN_URL,
        "htmx_sha384": HTMX_SHA384,
    }


@event.listens_for(Engine, "connect")
def tune_sqlite(dbapi_connection, connection_record) -> None:
    """Turn on WAL and foreign keys for every SQLite connection."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
