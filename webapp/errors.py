"""Error pages in the product's frame, in Swedish, never a stack trace."""

from flask import Flask, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import login_manager

MESSAGES = {
    400: (
        "Felaktig begäran",
        "Begäran kunde inte tas emot. Ladda om sidan och försök igen.",
    ),
    404: (
        "Sidan finns inte",
        "Sidan du söker finns inte. Välj i menyn för att gå vidare.",
    ),
    405: ("Felaktig begäran", "Sidan kan inte användas på det sättet."),
    413: (
        "För mycket data",
        "Det du skickade är större än 1 MB. Korta texterna och försök igen.",
    ),
    429: ("För många försök", "Du har gjort för många försök. Vänta en stund."),
    500: ("Något gick fel", "Något gick fel hos oss. Försök igen om en stund."),
}


def render_error(status: int, detail: str | None = None):
    title, message = MESSAGES.get(status, MESSAGES[500])
    return (
        render_template("errors/error.html", title=title, message=detail or message),
        status,
    )


def http_error(error: HTTPException):
    return render_error(error.code or 500)


def csrf_error(error: CSRFError):
    # An expired session takes its CSRF token with it: htmx is told to log in
    # again (HX-Redirect) rather than swapping an error page into a field.
    if (
        request.headers.get("HX-Request") == "true"
        and not current_user.is_authenticated
    ):
        return login_manager.unauthorized()
    return render_error(
        400,
        "Formuläret hade gått ut eller saknade säkerhetskod. "
        "Ladda om sidan och försök igen.",
    )


def server_error(error: Exception):
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(500, server_error)
