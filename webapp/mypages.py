"""Mina sidor: who is logged in, and for which client."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from .models import Role

bp = Blueprint("mypages", __name__)

ROLE_NAMES = {
    Role.CLIENT_USER: "Användare hos klienten",
    Role.CLIENT_ADMIN: "Administratör hos klienten",
    Role.AGENT: "Handläggare",
    Role.AGENCY_ADMIN: "Administratör hos inkassobolaget",
}


@bp.get("/")
@login_required
def index():
    """Show the logged-in user, their role and their client."""
    role_name = ROLE_NAMES.get(current_user.role, current_user.role)
    return render_template("mypages/index.html", role_name=role_name)
