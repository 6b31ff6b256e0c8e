"""Inkasso: registering cases, the batch and its approval (DESIGN.md 2.3-2.5)."""

from flask import Blueprint

bp = Blueprint("inkasso", __name__, url_prefix="/inkasso")

from . import views  # noqa: E402, F401  (the views register on bp)
