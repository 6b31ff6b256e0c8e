"""Hjälp: the getting-started steps for this client web."""

from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("help", __name__)


@bp.get("/hjalp")
@login_required
def index():
    """Show how to log in and register a case, step by step."""
    return render_template("help/index.html")
