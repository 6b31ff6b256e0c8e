"""Tests for collection fees and the claim estimate."""

from datetime import date

import pytest

from webapp.domain import InvalidValue
from webapp.domain.fees import (
    COLLECTION_FEE,
    LATE_PAYMENT_COMPENSATION,
    PAYMENT_PLAN_FEE,
    REMINDER_FEE,
    ClaimEstimate,
    Fee,
    applicable_fee,
    estimate_claim,
    estimate_claims,
)
from webapp.domain.interest import DEFAULT_REFERENCE_RATES

TODAY = date(2025, 7, 10)


def test_statutory_amounts():
    assert (COLLECTION_FEE, REMINDER_FEE, PAYMENT_PLAN_FEE) == (18_000, 6_000, 17_000)
    assert LATE_PAYMENT_COMPENSATION == 45_000


@pytest.mark.parametrize(
    ("debtor_kind", "currency", "expected"),
    [
        ("person", "SEK", Fee("Inkassoavgift", 18_000)),
        ("company", "SEK", Fee("Förseningsersättning", 45_000)),
        ("person", "EUR", None),
        ("company", "NOK", None),
    ],
)
def test_applicable_fee(debtor_kind, currency, expected):
    assert applicable_fee(debtor_kind, currency) == expected


def test_unknown_debtor_kind_is_refused():
    with pytest.raises(InvalidValue) as excinfo:
        applicable_fee("", "SEK")

    assert str(excinfo.value) == "Välj Typ: Företag eller Privatperson."


@pytest.mark.parametrize(
    ("debtor_kind", "currency", "fee", "total"),
    [
        # 1 500 000 kapital + 7 124 ränta + 18 000 inkassoavgift
        ("person", "SEK", Fee("Inkassoavgift", 18_000), 1_525_124),
        # + 45 000 förseningsersättning
        ("company", "SEK", Fee("Förseningsersättning", 45_000), 1_552_124),
        # No fee in another currency: kapital and interest only.
        ("company", "EUR", None, 1_507_124),
    ],
)
def test_estimate_claim_sums_invoices_interest_and_one_fee(
    debtor_kind, currency, fee, total
):
    # Invoice 1: 10 000,00 kr due 2025-06-20: 3 014 + 2 740 = 5 754 öre (see
    # test_interest). Invoice 2: 5 000,00 kr due 2025-06-30, 2025-07-01..07-10 at
    # 10 %: 500 000 * 0,10 * 10 / 365 = 1 369,86 -> 1 370 öre. Interest 7 124 öre.
    invoices = [(1_000_000, date(2025, 6, 20)), (500_000, date(2025, 6, 30))]

    estimate = estimate_claim(
        invoices, currency, debtor_kind, TODAY, DEFAULT_REFERENCE_RATES
    )

    assert isinstance(estimate, ClaimEstimate)
    assert estimate.principal == 1_500_000
    assert [p.interest for p in estimate.interest.periods] == [3_014, 2_740, 1_370]
    assert estimate.interest.total == 7_124
    assert estimate.fee == fee
    assert estimate.total == total
    assert estimate.currency == currency


def test_estimate_claim_before_any_interest():
    estimate = estimate_claim(
        [(800_000, TODAY)], "SEK", "person", TODAY, DEFAULT_REFERENCE_RATES
    )

    assert estimate.interest.periods == ()
    assert estimate.total == 800_000 + 18_000


def test_estimate_claims_keeps_currencies_apart_and_invoices_labelled():
    # The same two invoices as above, the second in EUR: SEK gets the first
    # invoice's 5 754 öre interest and the 450 kr fee; EUR its 1 370 and no fee.
    invoices = [
        (1_000_000, date(2025, 6, 20), "SEK"),
        (500_000, date(2025, 6, 30), "EUR"),
    ]

    eur, sek = estimate_claims(invoices, "company", TODAY, DEFAULT_REFERENCE_RATES)

    assert (eur.currency, eur.principal, eur.fee, eur.total) == (
        "EUR",
        500_000,
        None,
        501_370,
    )
    assert (sek.currency, sek.total) == ("SEK", 1_000_000 + 5_754 + 45_000)
    assert [e.total for e in sek.by_invoice] == [5_754]
    assert [e.total for e in eur.by_invoice] == [1_370]
