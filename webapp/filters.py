"""Template filters that show stored values the Swedish way."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import Flask

from .domain.address import PostalAddress
from .domain.contact import format_phone
from .domain.interest import merge_equal_rates
from .domain.money import format_amount, sum_by_currency

HOME_CURRENCY = "SEK"
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")


def amounts(principal_by_currency: dict[str, int]) -> str:
    """Show sums per currency; a sum in SEK alone reads as the bare amount."""
    if not principal_by_currency:
        return format_amount(0)
    if set(principal_by_currency) == {HOME_CURRENCY}:
        return format_amount(principal_by_currency[HOME_CURRENCY])
    return ", ".join(
        f"{format_amount(total)} {currency}"
        for currency, total in sorted(principal_by_currency.items())
    )


def principal_sums(invoices) -> dict[str, int]:
    return sum_by_currency(
        (invoice.currency, invoice.principal) for invoice in invoices
    )


def percent(rate: Decimal) -> str:
    return f"{rate:.2f}".replace(".", ",")


def phone(e164: str) -> str:
    return format_phone(e164) if e164 else ""


def postal_line(code_and_city: tuple[str, str]) -> str:
    return PostalAddress(*code_and_city).display()


def local_datetime(moment: datetime) -> str:
    # SQLite hands back naive datetimes; they are stored in UTC.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SWEDISH_TIME).strftime("%Y-%m-%d %H:%M")


def cases(count: int) -> str:
    """Count cases in Swedish: 1 ärende, 2 ärenden."""
    return f"{count} ärende" if count == 1 else f"{count} ärenden"


def pair(value: str) -> tuple[str, str]:
    """Make a choice whose value and text are the same word."""
    return value, value


def init_app(app: Flask) -> None:
    app.add_template_filter(format_amount, "amount")
    app.add_template_filter(amounts)
    app.add_template_filter(principal_sums)
    app.add_template_filter(percent)
    app.add_template_filter(phone)
    app.add_template_filter(postal_line)
    app.add_template_filter(local_datetime, "datetime")
    app.add_template_filter(pair)
    app.add_template_filter(cases)
    app.add_template_filter(merge_equal_rates)
