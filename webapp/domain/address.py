"""Postal addresses: Postnummer/Ort and Land.

Swedish postal codes are five digits, not starting with 0, written ``NNN NN`` before
the city in capitals (Postnord's addressing rules and SS 613401). python-stdnum checks
the code. Countries are ISO 3166-1 alpha-2 codes with their Swedish names from CLDR
(through Babel).

>>> parse_postal_line("25111 helsingborg", "SE").display()
'251 11 HELSINGBORG'
"""

import re
import unicodedata
from dataclasses import dataclass

from babel import Locale
from stdnum.exceptions import InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import postnummer

from webapp.domain import InvalidValue

SWEDEN = "SE"

MISSING = "Ange postnummer och ort."
TOO_LONG = "Postnummer och ort får vara högst 100 tecken."
MISSING_CODE = "Ange postnumret före orten, till exempel 251 11 Helsingborg."
CODE_LENGTH = "Postnumret ska ha fem siffror, till exempel 251 11."
CODE_STARTS_WITH_0 = "Ett svenskt postnummer börjar inte på 0. Kontrollera postnumret."
# Postal codes of the world run to ten characters at most (e.g. "SW1A 1AA").
LONGEST_CODE = 10
LONGEST_CITY = 100
CODE_TOO_LONG = "Postnumret är för långt. Kontrollera det."
MISSING_CITY = "Ange orten efter postnumret."
UNKNOWN_COUNTRY = "Välj ett land i listan."

# Codes CLDR names that are not ISO 3166-1 countries: unions, test regions and
# exceptionally reserved codes.
_NOT_COUNTRIES = {
    "AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB",
    "XK", "ZZ",
}  # fmt: skip

_SWEDISH_CODE = re.compile(r"(?:SE\s*-?\s*)?([0-9][0-9 ]*)(.*)", re.IGNORECASE)


def _swedish_order(name: str) -> tuple[str, str]:
    """Sort key putting Å, Ä and Ö after Z and ignoring other accents."""
    folded = name.casefold().translate({ord("å"): "{", ord("ä"): "|", ord("ö"): "}"})
    plain = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in plain if not unicodedata.combining(c)), name


def _countries() -> dict[str, str]:
    """Map each country code to its Swedish name, Sverige first."""
    names = {
        code: name
        for code, name in Locale("sv").territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    others = sorted(
        (code for code in names if code != SWEDEN),
        key=lambda code: _swedish_order(names[code]),
    )
    return {code: names[code] for code in (SWEDEN, *others)}


COUNTRIES: dict[str, str] = _countries()
_CODES_BY_NAME = {name.casefold(): code for code, name in COUNTRIES.items()}


@dataclass(frozen=True)
class PostalAddress:
    """A postal code and city, kept apart."""

    postal_code: str
    city: str

    def display(self) -> str:
        """Give the postal line as written on an envelope."""
        return f"{self.postal_code} {self.city}".strip()


def parse_postal_line(text: str, country: str) -> PostalAddress:
    """Split a Postnummer/Ort line into code and city, by the rules of the country."""
    line = " ".join(text.split())
    if not line:
        raise InvalidValue(MISSING)
    if len(line) > 100:
        raise InvalidValue(TOO_LONG)
    if country.upper() == SWEDEN:
        return _swedish_postal_line(line)

    tokens = line.split(" ")
    code_tokens = []
    while tokens and any(c in "0123456789" for c in tokens[0]):
        code_tokens.append(tokens.pop(0))
    city = " ".join(tokens)
    if not _has_letter(city):
        raise InvalidValue(MISSING_CITY)
    code = " ".join(code_tokens)
    if len(code) > LONGEST_CODE:
        raise InvalidValue(CODE_TOO_LONG)
    return PostalAddress(code, city)


def parse_country(text: str) -> str:
    """Read a country given by ISO code (``SE``) or Swedish name (``Sverige``)."""
    text = " ".join(text.split())
    if len(text) == 2 and text.isascii() and text.upper() in COUNTRIES:
        return text.upper()
    code = _CODES_BY_NAME.get(text.casefold())
    if code is None:
        raise InvalidValue(UNKNOWN_COUNTRY)
    return code


def _swedish_postal_line(line: str) -> PostalAddress:
    """Check a Swedish postal line: a five-digit code, then the city."""
    match = _SWEDISH_CODE.fullmatch(line)
    if match is None:
        raise InvalidValue(MISSING_CODE)
    code, city = match[1].replace(" ", ""), match[2].strip()

    try:
        code = postnummer.validate(code)
    except InvalidLength:
        raise InvalidValue(CODE_LENGTH) from None
    except StdnumError:
        raise InvalidValue(CODE_STARTS_WITH_0) from None
    if not _has_letter(city):
        raise InvalidValue(MISSING_CITY)
    # Upper-casing can lengthen a name ("ß" becomes "SS"): check what is stored.
    city = city.upper()
    if len(city) > LONGEST_CITY:
        raise InvalidValue(TOO_LONG)
    return PostalAddress(postnummer.format(code), city)


def _has_letter(text: str) -> bool:
    """Tell whether the text holds at least one letter."""
    return any(c.isalpha() for c in text)
