"""Telephone numbers and e-mail addresses of a debtor.

Telephone numbers follow ITU-T E.164 and are stored in that form; the numbering
plans (Post- och telestyrelsen's for Sweden) come from the phonenumbers library.
E-mail addresses follow RFC 5321/5322 as checked by email-validator, without
looking the domain up.

>>> parse_phone("042-1000001", "SE")
'+46421000001'
"""

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat

from webapp.domain import InvalidValue

NOT_A_PHONE_NUMBER = (
    "Telefonnumret är inte ett möjligt nummer för landet. Kontrollera numret och Land."
)
NOT_AN_EMAIL = "Ange en giltig e-postadress, till exempel namn@foretag.se."

_SWEDISH_CALLING_CODE = 46


def parse_phone(text: str, country: str) -> str | None:
    """Read a telephone number dialled from the given country, as E.164."""
    text = text.strip()
    if not text:
        return None
    if len(text) > 40:
        raise InvalidValue(NOT_A_PHONE_NUMBER)

    try:
        number = phonenumbers.parse(text, country.upper())
    except NumberParseException:
        raise InvalidValue(NOT_A_PHONE_NUMBER) from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidValue(NOT_A_PHONE_NUMBER)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Show a stored number: national form in Sweden, international otherwise."""
    try:
        number = phonenumbers.parse(e164)
    except NumberParseException:
        return e164
    if number.country_code == _SWEDISH_CALLING_CODE:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def parse_email(text: str) -> str | None:
    """Check an e-mail address and give it with the domain in lower case."""
    text = text.strip()
    if not text:
        return None
    if len(text) > 254:
        raise InvalidValue(NOT_AN_EMAIL)

    try:
        address = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidValue(NOT_AN_EMAIL) from None
    return address.normalized
