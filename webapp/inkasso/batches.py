"""Storing cases in a client's open batch and approving the batch.

Every function takes the client explicitly and scopes its queries to it, so
another client's ids are simply not found (DESIGN.md 5.4).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, func, insert, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ..domain.money import sum_by_currency
from ..extensions import db
from ..models import (
    CLOSED_STATUSES,
    Batch,
    BatchStatus,
    Case,
    CaseEvent,
    CaseStatus,
    Debtor,
    Invoice,
)
from .case_form import CaseDraft

# Case numbers are the case's id moved into a range of their own, so approval
# needs no sequence and never hands out the same number twice.
CASE_NUMBER_BASE = 1_000_000


class CaseChanged(Exception):
    """The case was changed or approved by someone else since it was read."""


class CaseNotFound(Exception):
    """No such case for this client."""


class EmptyBatch(Exception):
    """The batch holds no registered case; there is nothing to approve."""


class NotDueYet(Exception):
    """Some invoices in the batch are not yet due; nothing was approved."""

    def __init__(self, invoices: list[tuple[str, str]]) -> None:
        super().__init__("invoices not yet due")
        self.invoices = invoices


@dataclass(frozen=True)
class BatchRow:
    case_id: int
    client_reference: str
    debtor_name: str
    invoice_numbers: str
    invoice_descriptions: str
    principal_by_currency: dict[str, int]


def find_open_batch(client_id: int) -> Batch | None:
    return db.session.scalar(
        select(Batch).where(
            Batch.client_id == client_id, Batch.status == BatchStatus.OPEN
        )
    )


def open_batch(client_id: int) -> Batch:
    """Return the client's open batch, making it if there is none.

    Two first saves at once both try to insert; the partial unique index lets
    one win and the other reads the winner's batch.
    """
    batch = find_open_batch(client_id)
    if batch is not None:
        return batch
    try:
        with db.session.begin_nested():
            batch = Batch(client_id=client_id, status=BatchStatus.OPEN)
            db.session.add(batch)
        return batch
    except IntegrityError:
        return find_open_batch(client_id)


def client_case(client_id: int, case_id: int) -> Case | None:
    """Return a case of the client's, in whatever state it is."""
    return db.session.scalar(
        select(Case)
        .where(Case.id == case_id, Case.client_id == client_id)
        .options(selectinload(Case.debtor), selectinload(Case.invoices))
    )


def registered_case(client_id: int, case_id: int) -> Case | None:
    """Return a case of the client's that is still in the open batch."""
    case = client_case(client_id, case_id)
    return case if case and case.status == CaseStatus.REGISTERED else None


def hold_open_batch(client_id: int) -> Batch:
    """Return the open batch, held against its approval until this commit.

    The no-op update waits for an approval already running on the batch (a row
    lock on PostgreSQL, the write lock on SQLite) and then sees whether the
    batch is still open; a batch approved meanwhile is left for a new one, so
    no case is saved into an approved batch.
    """
    while True:
        batch = open_batch(client_id)
        held = db.session.execute(
            update(Batch)
            .where(Batch.id == batch.id, Batch.status == BatchStatus.OPEN)
            .values(status=BatchStatus.OPEN)
            .execution_options(synchronize_session=False)
        )
        if held.rowcount == 1:
            return batch
        db.session.expire(batch)


def fill_case(case: Case, draft: CaseDraft) -> None:
    case.client_reference = draft.client_reference
    case.service = draft.service
    case.description = draft.description
    case.note = draft.note
    debtor = case.debtor or Debtor()
    debtor.name = draft.debtor_name
    debtor.kind = draft.debtor_kind
    debtor.identity_number = draft.identity_number
    debtor.company_form = draft.company_form
    debtor.care_of = draft.care_of
    debtor.street = draft.street
    debtor.postal_code = draft.postal_code
    debtor.city = draft.city
    debtor.country = draft.country
    debtor.phone = draft.phone
    debtor.email = draft.email
    case.debtor = debtor
    case.invoices = [
        Invoice(
            position=position,
            number=invoice.number,
            description=invoice.description,
            principal=invoice.principal,
            currency=invoice.currency,
            invoice_date=invoice.invoice_date,
            due_date=invoice.due_date,
            debt_group=invoice.debt_group,
        )
        for position, invoice in enumerate(draft.invoices)
    ]


def save_case(
    client_id: int,
    user_id: int,
    draft: CaseDraft,
    case_id: int | None = None,
    version: int | None = None,
) -> Case:
    """Store a new case in the open batch, or replace a registered one.

    Replacing checks the version the user read; a case changed or approved
    meanwhile raises CaseChanged, one that is not the client's CaseNotFound,
    and nothing is written.
    """
    if case_id is None:
        case = Case(
            client_id=client_id,
            batch=hold_open_batch(client_id),
            status=CaseStatus.REGISTERED,
            created_by_id=user_id,
        )
        db.session.add(case)
        fill_case(case, draft)
        case.events = [
            CaseEvent(user_id=user_id, to_status=CaseStatus.REGISTERED, reason="")
        ]
    else:
        case = client_case(client_id, case_id)
        if case is None:
            raise CaseNotFound
        if case.status != CaseStatus.REGISTERED or case.version != version:
            raise CaseChanged
        fill_case(case, draft)
        # Update the case row even when only the debtor or the invoices changed,
        # so its version moves and a concurrent edit fails on it.
        flag_modified(case, "note")
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise CaseChanged from None
    return case


def remove_case(client_id: int, case_id: int) -> bool:
    """Delete a case from the open batch; False when there is no such case."""
    case = registered_case(client_id, case_id)
    if case is None:
        return False
    db.session.delete(case)
    try:
        db.session.commit()
    except StaleDataError:
        # Approved (or changed) between the read and the delete.
        db.session.rollback()
        return False
    return True


def batch_rows(client_id: int) -> list[BatchRow]:
    """Return the rows of Registrerade ärenden, oldest case first.

    Plain rows rather than ORM objects: the table may hold thousands of cases
    and is drawn on every save (DESIGN.md 6.2).
    """
    registered = (Case.client_id == client_id) & (Case.status == CaseStatus.REGISTERED)
    invoices: dict[int, list] = defaultdict(list)
    for invoice in db.session.execute(
        select(
            Invoice.case_id,
            Invoice.number,
            Invoice.description,
            Invoice.principal,
            Invoice.currency,
        )
        .join(Case, Case.id == Invoice.case_id)
        .where(registered)
        .order_by(Invoice.case_id, Invoice.position)
    ):
        invoices[invoice.case_id].append(invoice)

    rows = []
    for case_id, client_reference, debtor_name in db.session.execute(
        select(Case.id, Case.client_reference, Debtor.name)
        .join(Debtor, Debtor.case_id == Case.id)
        .where(registered)
        .order_by(Case.id)
    ):
        rows.append(
            BatchRow(
                case_id=case_id,
                client_reference=client_reference,
                debtor_name=debtor_name,
                invoice_numbers=", ".join(i.number for i in invoices[case_id]),
                invoice_descriptions=", ".join(
                    i.description for i in invoices[case_id]
                ),
                principal_by_currency=sum_by_currency(
                    (i.currency, i.principal) for i in invoices[case_id]
                ),
            )
        )
    return rows


def batch_totals(client_id: int) -> tuple[int, dict[str, int]]:
    """Return the number of registered cases and their principal per currency."""
    count = db.session.scalar(
        select(func.count(Case.id)).where(
            Case.client_id == client_id, Case.status == CaseStatus.REGISTERED
        )
    )
    sums = db.session.execute(
        select(Invoice.currency, func.sum(Invoice.principal))
        .join(Case, Case.id == Invoice.case_id)
        .where(Case.client_id == client_id, Case.status == CaseStatus.REGISTERED)
        .group_by(Invoice.currency)
        .order_by(Invoice.currency)
    )
    return count or 0, {currency: int(total) for currency, total in sums}


def not_yet_due(client_id: int, batch_id: int, today: date) -> list[tuple[str, str]]:
    """Return (debtor, invoice number) of the batch's invoices not yet due."""
    rows = db.session.execute(
        select(Debtor.name, Invoice.number)
        .join(Case, Case.id == Invoice.case_id)
        .join(Debtor, Debtor.case_id == Case.id)
        .where(
            Case.client_id == client_id,
            Case.batch_id == batch_id,
            Case.status == CaseStatus.REGISTERED,
            Invoice.due_date >= today,
        )
        .order_by(Case.id, Invoice.position)
    )
    return [(name, number) for name, number in rows]


def approve_batch(
    client_id: int, batch_id: int, user_id: int, today: date
) -> tuple[Batch | None, int]:
    """Hand every case of the open batch to the agency, in one transaction.

    Each case gets a case number and the status Mottagen, with a line in its
    history. Returns the batch and how many cases this call approved: approving
    a batch that is already approved changes nothing and counts none, so a
    double click or a retry approves once. Invoices that are not yet due
    (DESIGN.md 4.2) stop the whole approval with NotDueYet, and a batch with
    no case left raises EmptyBatch.
    """
    batch = find_client_batch(client_id, batch_id)
    if batch is None or batch.status == BatchStatus.APPROVED:
        return batch, 0
    waiting = not_yet_due(client_id, batch_id, today)
    if waiting:
        raise NotDueYet(waiting)
    in_batch = (Case.batch_id == batch_id) & (Case.status == CaseStatus.REGISTERED)
    if db.session.scalar(select(Case.id).where(in_batch).limit(1)) is None:
        raise EmptyBatch

    now = datetime.now(UTC)
    claimed = db.session.execute(
        update(Batch)
        .where(Batch.id == batch_id, Batch.status == BatchStatus.OPEN)
        .values(status=BatchStatus.APPROVED, approved_at=now, approved_by_id=user_id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        # Another request approved it between our read and this update.
        db.session.rollback()
        return db.session.get(Batch, batch_id), 0
    db.session.execute(
        insert(CaseEvent).from_select(
            ["case_id", "at", "user_id", "from_status", "to_status", "reason"],
            select(
                Case.id,
                literal(now),
                literal(user_id),
                literal(CaseStatus.REGISTERED.value),
                literal(CaseStatus.RECEIVED.value),
                literal("Bunten godkänd"),
            ).where(in_batch),
        )
    )
    approved = db.session.execute(
        update(Case)
        .where(in_batch)
        .values(
            status=CaseStatus.RECEIVED,
            case_number=Case.id + CASE_NUMBER_BASE,
            version=Case.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(batch)
    return batch, approved.rowcount


def approved_cases(client_id: int, batch_id: int) -> list[Case]:
    return list(
        db.session.scalars(
            select(Case)
            .where(Case.client_id == client_id, Case.batch_id == batch_id)
            .order_by(Case.case_number)
            .options(selectinload(Case.debtor), selectinload(Case.invoices))
        )
    )


def find_client_batch(client_id: int, batch_id: int) -> Batch | None:
    return db.session.scalar(
        select(Batch).where(Batch.id == batch_id, Batch.client_id == client_id)
    )


@dataclass(frozen=True)
class RegisteredInvoice:
    case_id: int
    case_number: int | None
    batch_id: int


# Built once: the look-up runs on every check of an identity or invoice number,
# and building the statement cost as much as running it.
_SAME_INVOICE = (
    select(Case.id, Case.case_number, Case.batch_id)
    .join(Debtor, Debtor.case_id == Case.id)
    .join(Invoice, Invoice.case_id == Case.id)
    .where(
        Case.client_id == bindparam("client_id"),
        Debtor.identity_number == bindparam("identity_number"),
        Invoice.number == bindparam("invoice_number"),
        Case.id != bindparam("except_case"),
        Case.status.not_in([status.value for status in CLOSED_STATUSES]),
    )
    .distinct()
    .order_by(Case.id)
)


def registered_invoices(
    client_id: int, identity_number: str, invoice_number: str, except_case: int | None
) -> list[RegisteredInvoice]:
    """Return where the client's live cases hold this debtor's invoice number."""
    rows = db.session.execute(
        _SAME_INVOICE,
        {
            "client_id": client_id,
            "identity_number": identity_number,
            "invoice_number": invoice_number,
            "except_case": except_case or 0,
        },
    )
    return [RegisteredInvoice(*row) for row in rows]
