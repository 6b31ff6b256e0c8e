"""Invoice dates, due dates and time-barred claims.

Dates are written ISO 8601 (``2012-08-01``), the Swedish standard (SS-ISO 8601).
A claim may be collected only once it is due (Inkassolagen (1974:182) 5 §, good
collection practice). Preskriptionslag (1981:130) 2 § bars a claim ten years after
it arose and a consumer claim after three; a period ending on a day the month
lacks ends on its last day (Lag (1930:173) om beräkning av lagstadgad tid).

>>> parse_date("20120801")
datetime.date(2012, 8, 1)
"""

import re
from datetime import date

from webapp.domain import InvalidValue

FIRST_YEAR = 1900
LAST_YEAR = 2100

NOT_A_DATE = "Ange datumet som ÅÅÅÅ-MM-DD."
NO_SUCH_DATE = "Datumet finns inte. Ange datumet som ÅÅÅÅ-MM-DD."
YEAR_OUT_OF_RANGE = "Kontrollera året. Ange datumet som ÅÅÅÅ-MM-DD."
INVOICE_DATE_IN_FUTURE = (
    "Fakturadatumet ligger i framtiden. Ange ett datum senast i dag."
)
DUE_BEFORE_INVOICE = "Förfallodatumet är före fakturadatumet. Kontrollera datumen."
NOT_DUE = (
    "Fakturan har inte förfallit. Registrera den tidigast dagen efter förfallodatumet."
)

_ISO_DATE = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})")


def parse_date(text: str) -> date:
    """Read a date written ``YYYY-MM-DD`` or ``YYYYMMDD``."""
    compact = "".join(text.split())
    match = _ISO_DATE.fullmatch(compact) if len(compact) <= 10 else None
    if match is None or compact.count("-") == 1:
        raise InvalidValue(NOT_A_DATE)

    year, month, day = (int(part) for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue(YEAR_OUT_OF_RANGE)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(NO_SUCH_DATE) from None


def check_invoice_date(d: date, today: date) -> None:
    """Refuse an invoice date in the future."""
    if d > today:
        raise InvalidValue(INVOICE_DATE_IN_FUTURE)


def check_due_date(due: date, invoice_date: date | None, today: date) -> None:
    """Refuse a due date before the invoice date, or one that has not passed."""
    if invoice_date is not None and due < invoice_date:
        raise InvalidValue(DUE_BEFORE_INVOICE)
    if due >= today:
        raise InvalidValue(NOT_DUE)


def time_barred_warning(invoice_date: date, consumer: bool, today: date) -> str | None:
    """Warn when the claim may be time-barred, counted from the invoice date."""
    years = 3 if consumer else 10
    if today <= _add_years(invoice_date, years):
        return None
    return (
        f"Fordran kan vara preskriberad: fakturadatumet är mer än {years} år sedan. "
        "Kontrollera om preskriptionen har avbrutits, till exempel genom krav."
    )


def _add_years(d: date, years: int) -> date:
    """Move a date whole years on; 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)
