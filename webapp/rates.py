"""The Riksbank reference rates that dröjsmålsränta is built on, as data.

Räntelagen (1975:635) 9 § sets the reference rate for each half-year from
1 January and 1 July; the agency adds each new rate with `flask rates set`.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

import click
from flask import Flask
from sqlalchemy import select

from .extensions import db
from .models import ReferenceRate

LOWEST_RATE = Decimal("-10")
HIGHEST_RATE = Decimal("30")


def reference_rates() -> dict[date, Decimal]:
    """Return every known rate by the first day of its half-year."""
    rows = db.session.execute(select(ReferenceRate.period_start, ReferenceRate.rate))
    return {start: Decimal(rate) for start, rate in rows}


rates_cli = click.Group("rates", help="Keep the Riksbank reference rates.")


@rates_cli.command("set")
@click.option(
    "--from", "period", required=True, help="Half-year start, YYYY-01-01 or YYYY-07-01."
)
@click.option(
    "--rate", required=True, help="Reference rate in percent, e.g. 2.00 or -0.50."
)
def rates_set(period: str, rate: str) -> None:
    """Set the reference rate of a half-year."""
    try:
        start = date.fromisoformat(period)
    except ValueError:
        raise click.BadParameter(
            "give a date as YYYY-MM-DD", param_hint="--from"
        ) from None
    if (start.month, start.day) not in ((1, 1), (7, 1)):
        raise click.BadParameter(
            "a half-year starts on 1 January or 1 July", param_hint="--from"
        )
    try:
        value = Decimal(rate.replace(",", "."))
    except InvalidOperation:
        raise click.BadParameter(
            "give the rate as a number", param_hint="--rate"
        ) from None
    if not value.is_finite() or not LOWEST_RATE <= value <= HIGHEST_RATE:
        raise click.BadParameter("give a rate between -10 and 30", param_hint="--rate")

    row = db.session.get(ReferenceRate, start) or ReferenceRate(period_start=start)
    row.rate = value.quantize(Decimal("0.01"))
    db.session.add(row)
    db.session.commit()
    click.echo(f"Reference rate from {start.isoformat()}: {row.rate} %")


@rates_cli.command("list")
def rates_list() -> None:
    """List the reference rates, oldest first."""
    for start, rate in sorted(reference_rates().items()):
        click.echo(f"{start.isoformat()}  {rate:>6} %")


def init_app(app: Flask) -> None:
    app.cli.add_command(rates_cli)
