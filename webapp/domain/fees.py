"""Collection fees and förseningsersättning the debtor may be charged.

Lag (1981:739) om ersättning för inkassokostnader m.m. gives the creditor the right
to compensation: 4 § for inkassokrav, påminnelse and amorteringsplan, at the amounts
set in Förordning (1981:1057) om ersättning för inkassokostnader m.m. 2 §; 4 a §
gives a fixed förseningsersättning of 450 kr when the debtor is a business, which
replaces those fees. Fees are SEK amounts; none applies to a claim in another
currency.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from webapp.domain import InvalidValue
from webapp.domain.identity import COMPANY, PERSON
from webapp.domain.interest import InterestEstimate, late_interest

COLLECTION_FEE = 18_000
REMINDER_FEE = 6_000
PAYMENT_PLAN_FEE = 17_000
LATE_PAYMENT_COMPENSATION = 45_000

FEE_CURRENCY = "SEK"

UNKNOWN_DEBTOR_KIND = "Välj Typ: Företag eller Privatperson."


@dataclass(frozen=True)
class Fee:
    """A fee by its Swedish name, in öre."""

    label: str
    amount: int


@dataclass(frozen=True)
class ClaimEstimate:
    """The claim as the debtor will see it: kapital, interest, fee and total."""

    principal: int
    interest: InterestEstimate
    fee: Fee | None
    total: int
    currency: str
    # The interest of each invoice, in the order the invoices were given.
    by_invoice: tuple[InterestEstimate, ...] = ()


def applicable_fee(debtor_kind: str, currency: str) -> Fee | None:
    """Give the fee a case against this kind of debtor carries, if any."""
    if debtor_kind == PERSON:
        fee = Fee("Inkassoavgift", COLLECTION_FEE)
    elif debtor_kind == COMPANY:
        fee = Fee("Förseningsersättning", LATE_PAYMENT_COMPENSATION)
    else:
        raise InvalidValue(UNKNOWN_DEBTOR_KIND)
    return fee if currency == FEE_CURRENCY else None


def estimate_claim(
    invoices: Sequence[tuple[int, date]],
    currency: str,
    debtor_kind: str,
    today: date,
    reference_rates: Mapping[date, Decimal],
) -> ClaimEstimate:
    """Estimate what the debtor owes today for the invoices of one case."""
    estimates = [
        late_interest(principal, due_date, today, reference_rates)
        for principal, due_date in invoices
    ]
    interest = InterestEstimate(
        periods=tuple(period for e in estimates for period in e.periods),
        total=sum(e.total for e in estimates),
    )
    principal = sum(principal for principal, _ in invoices)
    fee = applicable_fee(debtor_kind, currency)

    total = principal + interest.total + (fee.amount if fee else 0)
    return ClaimEstimate(principal, interest, fee, total, currency, tuple(estimates))


def estimate_claims(
    invoices: Sequence[tuple[int, date, str]],
    debtor_kind: str,
    today: date,
    reference_rates: Mapping[date, Decimal],
) -> list[ClaimEstimate]:
    """Estimate a case's claim per currency, from (principal, due date, currency).

    Amounts in different currencies are never added up; the fee, a SEK amount,
    goes with the SEK estimate only.
    """
    return [
        estimate_claim(
            [(principal, due) for principal, due, code in invoices if code == currency],
            currency,
            debtor_kind,
            today,
            reference_rates,
        )
        for currency in sorted({code for _, _, code in invoices})
    ]
