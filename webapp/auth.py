"""Kundlogin: logging in and out (DESIGN.md 2.1)."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from .extensions import db, limiter, login_manager
from .models import User
from .passwords import DUMMY_HASH, check_password

bp = Blueprint("auth", __name__)

WRONG_LOGIN = "Fel användare eller lösenord."
TOO_MANY_TRIES = "För många inloggningsförsök. Vänta en stund och försök igen."
# After this many failures in a row an account is locked, first for a minute,
# then twice as long for every further failure, at most an hour.
FAILURES_BEFORE_LOCK = 5
LONGEST_LOCK = timedelta(hours=1)


def printable(form, field) -> None:
    """Refuse control characters, which no keyboard types and no column stores."""
    if field.data and any(ord(c) < 32 for c in field.data):
        raise ValidationError(WRONG_LOGIN)


class LoginForm(FlaskForm):
    username = StringField(
        "Användare",
        validators=[
            InputRequired("Ange användare."),
            Length(max=100, message=WRONG_LOGIN),
            printable,
        ],
    )
    password = PasswordField(
        "Lösenord",
        validators=[
            InputRequired("Ange lösenord."),
            Length(max=200, message=WRONG_LOGIN),
            printable,
        ],
    )


def username_key() -> str:
    """Key the per-user throttle on the name typed, known or not."""
    return "login:" + request.form.get("username", "").strip().lower()[:100]


def failed_login(response) -> bool:
    return response.status_code != 303


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))


@login_manager.unauthorized_handler
def ask_to_log_in():
    """Send the visitor to Kundlogin; an htmx request gets told to go there."""
    if request.headers.get("HX-Request") == "true":
        # Come back to the page the fragment was for, not to the fragment. The
        # answer is a 200 that htmx follows; a 401 would also log a console error.
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        next_page = local_path(page.path + (f"?{page.query}" if page.query else ""))
        response = current_app.response_class(status=200)
        response.headers["HX-Redirect"] = url_for("auth.login", next=next_page)
        return response
    login_url = url_for("auth.login", next=request.full_path.rstrip("?"))
    flash("Logga in för att fortsätta.", "info")
    return redirect(login_url)


def local_path(target: str | None) -> str | None:
    """Return the target when it is a path on this site, else None."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return None
    if target.startswith("//"):
        return None
    return target


def is_locked(user: User, now: datetime) -> bool:
    locked_until = user.locked_until
    if locked_until is None:
        return False
    if locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=UTC)
    return locked_until > now


def record_failure(user: User, now: datetime) -> None:
    user.failed_logins += 1
    beyond = user.failed_logins - FAILURES_BEFORE_LOCK
    if beyond >= 0:
        user.locked_until = now + min(timedelta(minutes=2**beyond), LONGEST_LOCK)
    db.session.commit()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"], deduct_when=failed_login)
@limiter.limit(
    "5 per minute", key_func=username_key, methods=["POST"], deduct_when=failed_login
)
def login():
    """Show Kundlogin and log the user in."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("mypages.index"))
    form = LoginForm()
    if request.method == "GET":
        return render_template("auth/login.html", form=form)

    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 422

    now = datetime.now(UTC)
    username = form.username.data.strip()
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        check_password(DUMMY_HASH, form.password.data)
        return login_refused(form, WRONG_LOGIN)
    if is_locked(user, now):
        # Answered as a wrong password: a different answer would tell a guesser
        # which user names exist (DESIGN.md 2.1), and the right password tells
        # nothing while the lock holds.
        check_password(DUMMY_HASH, form.password.data)
        return login_refused(form, WRONG_LOGIN)
    if not check_password(user.password_hash, form.password.data) or not user.active:
        record_failure(user, now)
        return login_refused(form, WRONG_LOGIN)

    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()
    session.clear()
    session.permanent = True
    session["last_seen"] = now.timestamp()
    login_user(user)
    current_app.logger.info("user %s logged in", user.id)
    target = local_path(request.args.get("next")) or url_for("mypages.index")
    return redirect(target, code=303)


def login_refused(form: LoginForm, message: str, status: int = 422):
    form.password.data = ""
    return render_template("auth/login.html", form=form, error=message), status


@bp.errorhandler(429)
def throttled(error):
    """Answer a throttled login with the login page and a message."""
    form = LoginForm()
    return render_template("auth/login.html", form=form, error=TOO_MANY_TRIES), 429


@bp.post("/logout")
@login_required
def logout():
    """Log the user out and show Kundlogin."""
    current_app.logger.info("user %s logged out", current_user.id)
    logout_user()
    session.clear()
    flash("Du är utloggad.", "info")
    return redirect(url_for("auth.login"), code=303)
