"""Swedish identity numbers: personnummer, samordningsnummer and organisationsnummer.

The rules come from Folkbokföringslagen (1991:481) 18 § (personnummer, with ``+``
from the year the person turns 100), 18 a § (samordningsnummer: day plus 60) and
Lag (1974:174) om identitetsbeteckning för juridiska personer m.fl. (organisations-
nummer: third digit at least 2, first digit a group). python-stdnum checks the Luhn
digit and formats the organisation number; this module adds what it lacks.

>>> parse_identity("551452-6382", "company", date(2025, 1, 1)).number
'551452-6382'
>>> parse_identity("900101-9984", None, date(2025, 1, 1)).number
'19900101-9984'
"""

import re
from dataclasses import dataclass
from datetime import date

from stdnum import luhn
from stdnum.se import orgnr

from webapp.domain import InvalidValue

PERSON = "person"
COMPANY = "company"

COMPANY_FORMS: tuple[str, ...] = (
    "Aktiebolag",
    "Handelsbolag, kommanditbolag",
    "Enskild firma",
    "Ekonomisk förening",
    "Bostadsrättsförening",
    "Ideell förening",
    "Stiftelse",
    "Enkelt bolag",
    "Dödsbo",
    "Offentlig sektor",
    "Utländskt företag",
    "Övrigt",
)

SOLE_TRADER = "Enskild firma"

# The first digit of an organisationsnummer names a group of legal forms.
_GROUP_FORMS: dict[str, tuple[str, ...]] = {
    "1": ("Dödsbo",),
    "2": ("Offentlig sektor",),
    "3": ("Utländskt företag",),
    "5": ("Aktiebolag",),
    "6": ("Enkelt bolag",),
    "7": ("Ekonomisk förening", "Bostadsrättsförening"),
    "8": ("Ideell förening", "Stiftelse"),
    "9": ("Handelsbolag, kommanditbolag",),
}

_SHAPE = re.compile(r"[0-9+-]+")

MISSING = "Ange person- eller organisationsnummer."
NOT_DIGITS = "Numret får bara innehålla siffror och bindestreck."
WRONG_LENGTH = "Ange numret med 10 siffror (ÅÅMMDD-NNNN) eller 12 (ÅÅÅÅMMDD-NNNN)."
WRONG_CHECK_DIGIT = "Kontrollsiffran stämmer inte. Kontrollera numret."
NO_SUCH_DATE = "Födelsedatumet i personnumret finns inte. Kontrollera numret."
WRONG_CENTURY = (
    "Ett nummer med 12 siffror ska börja med 19, 20 eller 16. Kontrollera numret."
)
BIRTH_NUMBER_000 = "Personnummer kan inte sluta på 000 före kontrollsiffran."
ORGNR_FOR_PERSON = (
    "Numret är ett organisationsnummer. Ange ett personnummer eller välj Företag."
)
NOT_SWEDISH = (
    "Numret ser inte ut som ett svenskt organisations- eller personnummer. "
    "Kontrollera det."
)


@dataclass(frozen=True)
class IdentityNumber:
    """A checked identity number, normalised for storage.

    ``kind`` is the kind of number: a personnummer (also when it identifies an
    enskild firma) is ``person`` and stored as ``YYYYMMDD-NNNN``; anything else is
    ``company`` and stored as ``NNNNNN-NNNN``.
    """

    kind: str
    number: str
    group_form: str | None = None
    warnings: tuple[str, ...] = ()


def parse_identity(value: str, debtor_kind: str | None, today: date) -> IdentityNumber:
    """Check an identity number for a debtor of the given kind and normalise it."""
    digits, plus = _digits(value)
    if not luhn.is_valid(digits[-10:]):
        raise InvalidValue(WRONG_CHECK_DIGIT)

    company = _as_company(digits)
    if company is not None:
        if debtor_kind == PERSON:
            raise InvalidValue(ORGNR_FOR_PERSON)
        return company

    unknown = IdentityNumber(COMPANY, orgnr.format(digits[-10:]), None, (NOT_SWEDISH,))
    if digits.startswith("16") and len(digits) == 12:
        if debtor_kind == PERSON:
            raise InvalidValue(ORGNR_FOR_PERSON)
        return unknown
    try:
        number = _as_person(digits, plus, today)
    except InvalidValue:
        # A century in front says the number is meant as a personnummer.
        if debtor_kind == PERSON or len(digits) == 12:
            raise
        return unknown

    group_form = SOLE_TRADER if debtor_kind == COMPANY else None
    return IdentityNumber(PERSON, number, group_form)


def suggest_kind(value: str, today: date) -> str | None:
    """Tell whether a number is clearly a personnummer or an organisationsnummer."""
    try:
        number = parse_identity(value, None, today)
    except InvalidValue:
        return None
    if number.warnings:
        return None
    return number.kind


def company_form_warning(number: IdentityNumber, company_form: str) -> str | None:
    """Warn when the chosen Bolagsform does not match the number's group."""
    if not company_form or number.group_form is None:
        return None

    if number.kind == PERSON:
        expected: tuple[str, ...] = (SOLE_TRADER,)
        reason = "Ett personnummer hör till en enskild firma."
    else:
        expected = _GROUP_FORMS[number.number[0]]
        reason = f"Organisationsnumret hör till gruppen {' eller '.join(expected)}."
    if company_form in expected:
        return None
    return f"{reason} Kontrollera Bolagsform."


def _digits(value: str) -> tuple[str, bool]:
    """Strip spaces and separators; tell whether a ``+`` separator was used."""
    compact = "".join(value.split())
    if not compact:
        raise InvalidValue(MISSING)
    if len(compact) > 20:
        raise InvalidValue(WRONG_LENGTH)
    if not _SHAPE.fullmatch(compact):
        raise InvalidValue(NOT_DIGITS)

    digits = compact.replace("-", "").replace("+", "")
    if len(digits) not in (10, 12):
        raise InvalidValue(WRONG_LENGTH)
    if len(digits) == 12 and digits[:2] not in ("16", "18", "19", "20"):
        raise InvalidValue(WRONG_CENTURY)
    return digits, "+" in compact


def _as_company(digits: str) -> IdentityNumber | None:
    """Read the digits as an organisationsnummer, with its group when it has one."""
    if len(digits) == 12:
        if not digits.startswith("16"):
            return None
        digits = digits[2:]
    if digits[2] < "2":
        return None
    forms = _GROUP_FORMS.get(digits[0], (None,))
    return IdentityNumber(COMPANY, orgnr.format(digits), forms[0])


def _as_person(digits: str, plus: bool, today: date) -> str:
    """Read the digits as a personnummer and give it as ``YYYYMMDD-NNNN``."""
    if len(digits) == 12:
        year = int(digits[:4])
        digits = digits[2:]
    else:
        year = None

    if digits[6:9] == "000":
        raise InvalidValue(BIRTH_NUMBER_000)

    month = int(digits[2:4])
    day = int(digits[4:6])
    if day > 60:
        day -= 60  # samordningsnummer, Folkbokföringslagen 18 a §
    if year is None:
        year = _birth_year(int(digits[:2]), month, day, plus, today)
    try:
        birth_date = date(year, month, day)
    except ValueError:
        raise InvalidValue(NO_SUCH_DATE) from None
    if birth_date > today:
        raise InvalidValue(NO_SUCH_DATE)
    return f"{year:04d}{digits[2:6]}-{digits[6:]}"


def _birth_year(short_year: int, month: int, day: int, plus: bool, today: date) -> int:
    """Give the latest year ending in ``short_year`` that is not after today.

    A ``+`` separator means the person is 100 or older, so a century earlier.
    """
    year = today.year - (today.year - short_year) % 100
    if year == today.year and (month, day) > (today.month, today.day):
        year -= 100
    if plus:
        year -= 100
    return year
