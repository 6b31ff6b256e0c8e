"""Deciding between a full page and an htmx fragment (DESIGN.md 5.3)."""

from flask import make_response, render_template, request
from flask.typing import ResponseReturnValue


def wants_fragment() -> bool:
    """Tell whether this request is htmx swapping a part of the page in place."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_page_or_fragment(
    page: str, fragment: str, status: int = 200, **context
) -> ResponseReturnValue:
    """Render the fragment for htmx and the whole page otherwise."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
