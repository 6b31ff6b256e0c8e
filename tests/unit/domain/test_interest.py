"""Tests for dröjsmålsränta (Räntelagen 6 and 9 §§)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from webapp.domain import InvalidValue
from webapp.domain.interest import (
    DEFAULT_REFERENCE_RATES,
    InterestEstimate,
    InterestPeriod,
    late_interest,
    merge_equal_rates,
)


def test_interest_follows_a_reference_rate_change():
    # 10 000,00 kr due 2025-06-20, interest up to 2025-07-10: 20 days.
    # 2025-06-21..2025-06-30: 10 days at 3,00 + 8 = 11 %:
    #   1 000 000 öre * 0,11 * 10 / 365 = 3 013,70 -> 3 014 öre
    # 2025-07-01..2025-07-10: 10 days at 2,00 + 8 = 10 %:
    #   1 000 000 öre * 0,10 * 10 / 365 = 2 739,73 -> 2 740 öre
    # Total 5 754 öre = 57,54 kr.
    estimate = late_interest(
        1_000_000, date(2025, 6, 20), date(2025, 7, 10), DEFAULT_REFERENCE_RATES
    )

    assert estimate == InterestEstimate(
        periods=(
            InterestPeriod(
                start=date(2025, 6, 21),
                end=date(2025, 6, 30),
                days=10,
                reference_rate=Decimal("3.00"),
                rate=Decimal("11.00"),
                interest=3_014,
                carried_forward=False,
            ),
            InterestPeriod(
                start=date(2025, 7, 1),
                end=date(2025, 7, 10),
                days=10,
                reference_rate=Decimal("2.00"),
                rate=Decimal("10.00"),
                interest=2_740,
                carried_forward=False,
            ),
        ),
        total=5_754,
    )


def test_negative_reference_rate_still_gives_interest():
    # 2017 had reference rate -0,50, so 7,5 % on 10 000,00 kr:
    # 2017-01-01..06-30: 181 days: 1 000 000 * 0,075 * 181 / 365 = 37 191,78 -> 37 192
    # 2017-07-01..12-31: 184 days: 1 000 000 * 0,075 * 184 / 365 = 37 808,22 -> 37 808
    estimate = late_interest(
        1_000_000, date(2016, 12, 31), date(2017, 12, 31), DEFAULT_REFERENCE_RATES
    )

    assert [(p.days, p.rate, p.interest) for p in estimate.periods] == [
        (181, Decimal("7.50"), 37_192),
        (184, Decimal("7.50"), 37_808),
    ]
    assert estimate.total == 75_000


def test_leap_year_counts_actual_days_over_365():
    # 2024 at 4,00 + 8 = 12 %: 182 + 184 = 366 days.
    # 1 000 000 * 0,12 * 182 / 365 = 59 835,62 -> 59 836
    # 1 000 000 * 0,12 * 184 / 365 = 60 493,15 -> 60 493
    estimate = late_interest(
        1_000_000, date(2023, 12, 31), date(2024, 12, 31), DEFAULT_REFERENCE_RATES
    )

    assert [(p.days, p.interest) for p in estimate.periods] == [
        (182, 59_836),
        (184, 60_493),
    ]
    assert estimate.total == 120_329


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        # One day at 10 %: principal / 3 650 öre.
        (1_825, 1),  # 0,5 rounds up
        (1_824, 0),  # 0,4997 rounds down
        (5_475, 2),  # 1,5 rounds up, not to even
        (3_650, 1),
    ],
)
def test_each_period_is_rounded_half_up(principal, expected):
    estimate = late_interest(
        principal, date(2025, 8, 1), date(2025, 8, 2), DEFAULT_REFERENCE_RATES
    )

    assert estimate.total == expected


@pytest.mark.parametrize(
    "until", [date(2025, 8, 1), date(2025, 7, 31), date(2020, 1, 1)]
)
def test_no_interest_until_the_day_after_due_date(until):
    estimate = late_interest(
        1_000_000, date(2025, 8, 1), until, DEFAULT_REFERENCE_RATES
    )

    assert estimate == InterestEstimate((), 0)


def test_missing_rate_carries_the_last_known_one_forward():
    estimate = late_interest(
        1_000_000, date(2026, 6, 20), date(2026, 7, 10), DEFAULT_REFERENCE_RATES
    )

    assert [
        (p.start, p.reference_rate, p.carried_forward) for p in estimate.periods
    ] == [
        (date(2026, 6, 21), Decimal("2.00"), False),
        (date(2026, 7, 1), Decimal("2.00"), True),
    ]


def test_rates_are_data():
    rates = {date(2030, 1, 1): Decimal("1.25")}

    estimate = late_interest(365_000, date(2030, 1, 1), date(2030, 1, 5), rates)

    # 365 000 * 0,0925 * 4 / 365 = 370 öre
    assert estimate.periods[0].rate == Decimal("9.25")
    assert estimate.total == 370


def test_no_known_rate_is_refused():
    with pytest.raises(InvalidValue) as excinfo:
        late_interest(
            1_000_000, date(2011, 12, 1), date(2012, 1, 10), DEFAULT_REFERENCE_RATES
        )

    assert str(excinfo.value) == (
        "Referensränta saknas för halvåret från 2011-07-01. Be byrån lägga in den."
    )


def test_default_rates_cover_every_half_year_of_the_table():
    assert len(DEFAULT_REFERENCE_RATES) == 29
    assert DEFAULT_REFERENCE_RATES[date(2012, 1, 1)] == Decimal("2.00")
    assert DEFAULT_REFERENCE_RATES[date(2014, 7, 1)] == Decimal("1.00")
    assert DEFAULT_REFERENCE_RATES[date(2016, 1, 1)] == Decimal("0.00")
    assert DEFAULT_REFERENCE_RATES[date(2019, 1, 1)] == Decimal("-0.50")
    assert DEFAULT_REFERENCE_RATES[date(2022, 1, 1)] == Decimal("0.00")
    assert DEFAULT_REFERENCE_RATES[date(2024, 7, 1)] == Decimal("4.00")
    assert DEFAULT_REFERENCE_RATES[date(2026, 1, 1)] == Decimal("2.00")


@given(
    principal=st.integers(1, 10_000_000_000),
    due_date=st.dates(date(2012, 1, 1), date(2026, 12, 31)),
    days=st.integers(1, 5_000),
)
def test_periods_cover_every_day_after_due_date_once(principal, due_date, days):
    until = due_date + timedelta(days=days)

    estimate = late_interest(principal, due_date, until, DEFAULT_REFERENCE_RATES)

    assert sum(p.days for p in estimate.periods) == days
    assert estimate.periods[0].start == due_date + timedelta(days=1)
    assert estimate.periods[-1].end == until
    for before, after in zip(estimate.periods, estimate.periods[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    assert estimate.total == sum(p.interest for p in estimate.periods) >= 0


def test_merge_equal_rates_joins_neighbours_and_keeps_the_total():
    # 2015-01-01 to 2016-06-30 runs at 0,00 % + 8 in three half-years; the
    # half-year from 2016-07-01 drops to -0,50 % + 8 and stays apart.
    estimate = late_interest(
        1_000_000, date(2014, 12, 31), date(2016, 12, 31), DEFAULT_REFERENCE_RATES
    )

    merged = merge_equal_rates(estimate.periods)

    assert [(p.start, p.end, p.days, p.rate) for p in merged] == [
        (date(2015, 1, 1), date(2016, 6, 30), 547, Decimal("8.00")),
        (date(2016, 7, 1), date(2016, 12, 31), 184, Decimal("7.50")),
    ]
    assert sum(p.interest for p in merged) == estimate.total


def test_merge_equal_rates_keeps_a_carried_forward_rate_apart():
    rates = {date(2026, 1, 1): Decimal("2.00")}
    estimate = late_interest(1_000_000, date(2026, 5, 31), date(2026, 8, 31), rates)

    merged = merge_equal_rates(estimate.periods)

    assert [p.carried_forward for p in merged] == [False, True]
