"""Dröjsmålsränta: statutory late-payment interest.

Räntelagen (1975:635) 6 §: from the due date, interest at the reference rate plus
eight percentage points. 9 §: the Riksbank sets the reference rate for each
calendar half-year (1 January and 1 July), and the rate follows it also on a claim
already running. The interest is simple, per day, actual/365, and split at every
half-year boundary; each period is rounded to whole öre.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from webapp.domain import InvalidValue

SURCHARGE = Decimal("8.00")
DAYS_PER_YEAR = 365


# Riksbank's reference rate in percent, per half-year (Räntelagen 9 §). The agency
# extends the stored table with the `rates` command; this is its starting content.
DEFAULT_REFERENCE_RATES: dict[date, Decimal] = {
    date(2012, 1, 1): Decimal("2.00"),
    date(2012, 7, 1): Decimal("1.50"),
    date(2013, 1, 1): Decimal("1.00"),
    date(2013, 7, 1): Decimal("1.00"),
    date(2014, 1, 1): Decimal("1.00"),
    date(2014, 7, 1): Decimal("1.00"),
    date(2015, 1, 1): Decimal("0.00"),
    date(2015, 7, 1): Decimal("0.00"),
    date(2016, 1, 1): Decimal("0.00"),
    date(2016, 7, 1): Decimal("-0.50"),
    date(2017, 1, 1): Decimal("-0.50"),
    date(2017, 7, 1): Decimal("-0.50"),
    date(2018, 1, 1): Decimal("-0.50"),
    date(2018, 7, 1): Decimal("-0.50"),
    date(2019, 1, 1): Decimal("-0.50"),
    date(2019, 7, 1): Decimal("0.00"),
    date(2020, 1, 1): Decimal("0.00"),
    date(2020, 7, 1): Decimal("0.00"),
    date(2021, 1, 1): Decimal("0.00"),
    date(2021, 7, 1): Decimal("0.00"),
    date(2022, 1, 1): Decimal("0.00"),
    date(2022, 7, 1): Decimal("0.50"),
    date(2023, 1, 1): Decimal("2.50"),
    date(2023, 7, 1): Decimal("3.50"),
    date(2024, 1, 1): Decimal("4.00"),
    date(2024, 7, 1): Decimal("4.00"),
    date(2025, 1, 1): Decimal("3.00"),
    date(2025, 7, 1): Decimal("2.00"),
    date(2026, 1, 1): Decimal("2.00"),
}


@dataclass(frozen=True)
class InterestPeriod:
    """Interest for the days ``start`` to ``end``, both included, at one rate."""

    start: date
    end: date
    days: int
    reference_rate: Decimal
    rate: Decimal
    interest: int
    carried_forward: bool


@dataclass(frozen=True)
class InterestEstimate:
    """Interest split by period, and its total in öre."""

    periods: tuple[InterestPeriod, ...]
    total: int


def late_interest(
    principal: int,
    due_date: date,
    until: date,
    reference_rates: Mapping[date, Decimal],
) -> InterestEstimate:
    """Compute late interest on ``principal`` öre from the due date up to ``until``."""
    if until <= due_date:
        return InterestEstimate((), 0)

    first_day = due_date + timedelta(days=1)
    periods = []
    for start in _half_years(_half_year_start(first_day), until):
        period_start = max(start, first_day)
        period_end = min(_half_year_end(start), until)
        days = (period_end - period_start).days + 1
        reference_rate, carried_forward = _rate_for(start, reference_rates)
        rate = reference_rate + SURCHARGE

        interest = Decimal(principal) * rate * days / (100 * DAYS_PER_YEAR)
        periods.append(
            InterestPeriod(
                start=period_start,
                end=period_end,
                days=days,
                reference_rate=reference_rate,
                rate=rate,
                interest=int(interest.quantize(Decimal(1), ROUND_HALF_UP)),
                carried_forward=carried_forward,
            )
        )
    return InterestEstimate(tuple(periods), sum(p.interest for p in periods))


def _rate_for(
    half_year: date, reference_rates: Mapping[date, Decimal]
) -> tuple[Decimal, bool]:
    """Find the reference rate for a half-year, carrying the last known one on."""
    if half_year in reference_rates:
        return reference_rates[half_year], False
    known = [start for start in reference_rates if start < half_year]
    if not known:
        raise InvalidValue(
            f"Referensränta saknas för halvåret från {half_year.isoformat()}. "
            "Be byrån lägga in den."
        )
    return reference_rates[max(known)], True


def _half_year_start(day: date) -> date:
    """Give the first day of the half-year the day falls in."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def _half_year_end(start: date) -> date:
    """Give the last day of the half-year starting on ``start``."""
    return date(start.year, 6, 30) if start.month == 1 else date(start.year, 12, 31)


def _half_years(first: date, last: date) -> list[date]:
    """List the starts of the half-years from ``first`` to ``last``."""
    starts = []
    start = first
    while start <= last:
        starts.append(start)
        start = _half_year_end(start) + timedelta(days=1)
    return starts


def merge_equal_rates(periods: tuple[InterestPeriod, ...]) -> list[InterestPeriod]:
    """Join adjacent periods at the same rate into one, for a shorter statement.

    Days and interest are added up, so the total stays the sum of the rounded
    half-year amounts that ``late_interest`` computed.
    """
    merged: list[InterestPeriod] = []
    for period in periods:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.rate == period.rate
            and last.carried_forward == period.carried_forward
            and last.end + timedelta(days=1) == period.start
        ):
            merged[-1] = replace(
                last,
                end=period.end,
                days=last.days + period.days,
                interest=last.interest + period.interest,
            )
        else:
            merged.append(period)
    return merged
