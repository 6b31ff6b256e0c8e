"""The main menu and the Inkasso submenu, in the guide's order (DESIGN.md 2.2).

An entry is shown only when the endpoint behind it is registered, so a menu
item always leads to a working page.
"""

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_login import current_user


@dataclass(frozen=True)
class MenuItem:
    label: str
    endpoint: str
    client_only: bool = False


MAIN_MENU = (
    MenuItem("Mina sidor", "mypages.index"),
    MenuItem("Reskontra", "ledger.index", client_only=True),
    MenuItem("Inkasso", "inkasso.index", client_only=True),
    MenuItem("Rapporter", "reports.index", client_only=True),
    MenuItem("Kommunikation", "communication.index", client_only=True),
    MenuItem("Hjälp", "help.index"),
)

INKASSO_MENU = (
    MenuItem("Sök", "inkasso.search", client_only=True),
    MenuItem("Meddelanden", "inkasso.messages", client_only=True),
    MenuItem("Registrera ärende", "inkasso.register", client_only=True),
    MenuItem("Registrera betalning", "inkasso.register_payment", client_only=True),
)


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str
    current: bool


def visible_links(items: tuple[MenuItem, ...], exact: bool = False) -> list[MenuLink]:
    """Return the links of the entries whose pages exist for this user.

    An entry is current when the page is in its area, or with ``exact`` only
    when it is the entry's own page (the submenu's entries share one area).
    """
    has_client = current_user.is_authenticated and current_user.client is not None
    links = []
    for item in items:
        if item.endpoint not in current_app.view_functions:
            continue
        if item.client_only and not has_client:
            continue
        if exact:
            current = request.endpoint == item.endpoint
        else:
            current = (request.endpoint or "").split(".")[0] == item.endpoint.split(
                "."
            )[0]
        links.append(MenuLink(item.label, url_for(item.endpoint), current))
    return links


def menu_context() -> dict:
    """Offer the menus to templates; only whole pages draw them, fragments not."""
    return {
        "main_menu": lambda: visible_links(MAIN_MENU),
        "inkasso_menu": lambda: visible_links(INKASSO_MENU, exact=True),
    }
