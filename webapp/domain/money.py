"""Amounts of money: Kapital typed the Swedish or the international way, in öre.

Amounts are stored as integer minor units (öre, cent) with an ISO 4217 currency
code and never pass through float. The Swedish notation (space as thousands
separator, decimal comma) follows Språkrådet's rules for writing numbers, as
implemented by Babel's ``sv_SE`` locale; there is no statute behind it.

>>> parse_amount("8 000,50")
800050
>>> format_amount(800050)
'8\\xa0000,50'
"""

import re
from collections.abc import Iterable
from decimal import Decimal

from babel import Locale
from babel.numbers import parse_pattern

from webapp.domain import InvalidValue

MAX_PRINCIPAL = 10_000_000_000
CURRENCIES = ("SEK", "EUR", "NOK", "DKK", "USD", "GBP")

NBSP = "\u00a0"
# Parsed once: Babel would otherwise read them again on every call, and long
# tables format thousands of amounts.
_SWEDISH = Locale.parse("sv_SE")
_KRONOR = parse_pattern("#,##0.00")

# Spaces people and programs put between groups of thousands.
_GROUP_SPACES = " \u00a0\u202f\u2009"
_AMOUNT = re.compile(
    rf"(?P<sign>[-\u2212]?)"
    rf"(?P<whole>[0-9]+|[0-9]{{1,3}}(?:[{_GROUP_SPACES}][0-9]{{3}})+)"
    rf"(?:[,.](?P<fraction>[0-9]+))?"
)

MISSING = "Ange ett belopp."
NOT_A_NUMBER = "Ange beloppet med siffror, till exempel 8 000,50."
NOT_POSITIVE = "Beloppet måste vara större än noll."
TOO_MANY_DECIMALS = "Ange högst två decimaler, till exempel 8 000,50."
TOO_LARGE = "Beloppet får vara högst 100 000 000,00."
UNKNOWN_CURRENCY = "Välj valuta: SEK, EUR, NOK, DKK, USD eller GBP."


def parse_amount(text: str) -> int:
    """Read an amount such as ``8 000,50`` or ``8000.50`` as integer öre."""
    text = text.strip()
    if not text:
        raise InvalidValue(MISSING)
    match = _AMOUNT.fullmatch(text) if len(text) <= 40 else None
    if match is None:
        raise InvalidValue(NOT_A_NUMBER)

    fraction = match["fraction"] or ""
    if len(fraction) > 2:
        raise InvalidValue(TOO_MANY_DECIMALS)
    whole = re.sub(f"[{_GROUP_SPACES}]", "", match["whole"])
    ore = int(whole) * 100 + int(fraction.ljust(2, "0"))

    if match["sign"] or ore == 0:
        raise InvalidValue(NOT_POSITIVE)
    if ore > MAX_PRINCIPAL:
        raise InvalidValue(TOO_LARGE)
    return ore


def format_amount(ore: int) -> str:
    """Show öre as kronor the Swedish way, such as ``8 000,00``."""
    text = _KRONOR.apply(Decimal(ore).scaleb(-2), _SWEDISH)
    # CLDR has changed the Swedish group symbol between releases (U+00A0, U+202F);
    # pin it so stored texts and tests do not move with Babel.
    for space in _GROUP_SPACES:
        text = text.replace(space, NBSP)
    return text.replace("\u2212", "-")


def sum_by_currency(amounts: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Add up (currency, öre) pairs per currency; currencies are never mixed."""
    sums: dict[str, int] = {}
    for currency, ore in amounts:
        sums[currency] = sums.get(currency, 0) + ore
    return sums


def parse_currency(text: str) -> str:
    """Read an ISO 4217 currency code the agency handles."""
    # Check for ASCII before upper-casing: "ſek".upper() is "SEK".
    code = text.strip()
    if not code.isascii() or code.upper() not in CURRENCIES:
        raise InvalidValue(UNKNOWN_CURRENCY)
    return code.upper()
