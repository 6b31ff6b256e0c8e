"""The database models: clients and their users, batches, cases and rates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    CLIENT_USER = "client_user"
    CLIENT_ADMIN = "client_admin"
    AGENT = "agent"
    AGENCY_ADMIN = "agency_admin"


AGENCY_ROLES = frozenset({Role.AGENT, Role.AGENCY_ADMIN})


class Client(db.Model):
    """The agency's customer: a creditor company whose users log in."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(13), unique=True)
    customer_number: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )

    users: Mapped[list[User]] = relationship(back_populates="client")


class User(UserMixin, db.Model):
    """A person who logs in, for one client or, without one, for the agency."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default=Role.CLIENT_USER)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )

    # Loaded with the user: every page's header and every Inkasso view need it.
    client: Mapped[Client | None] = relationship(back_populates="users", lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_agency(self) -> bool:
        return self.role in AGENCY_ROLES


class CaseStatus(StrEnum):
    """The states of DESIGN.md 4.5, named as the client reads them."""

    REGISTERED = "Registrerad"
    RECEIVED = "Mottagen"
    DEMAND_SENT = "Inkassokrav skickat"
    PAYMENT_PLAN = "Betalningsplan"
    DISPUTED = "Bestridd"
    ORDER_TO_PAY = "Betalningsföreläggande"
    JUDGMENT = "Utslag"
    ENFORCEMENT = "Verkställighet"
    MONITORING = "Bevakning"
    PAID = "Betald"
    WITHDRAWN = "Återkallad"
    WRITTEN_OFF = "Avskriven"


CLOSED_STATUSES = frozenset(
    {CaseStatus.PAID, CaseStatus.WITHDRAWN, CaseStatus.WRITTEN_OFF}
)


class BatchStatus(StrEnum):
    OPEN = "open"
    APPROVED = "approved"


class Batch(db.Model):
    """A client's registered cases that wait for approval (a bunt)."""

    __tablename__ = "batches"
    __table_args__ = (
        # One open batch per client, even when two first saves race.
        Index(
            "uq_batches_one_open_per_client",
            "client_id",
            unique=True,
            sqlite_where=db.text("status = 'open'"),
            postgresql_where=db.text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=BatchStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Case(db.Model):
    """One collection case (ärende): one debtor, one or more invoices."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    case_number: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    status: Mapped[str] = mapped_column(String(30), default=CaseStatus.REGISTERED)
    client_reference: Mapped[str] = mapped_column(String(30), default="")
    service: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    batch: Mapped[Batch] = relationship()
    debtor: Mapped[Debtor] = relationship(
        back_populates="case", cascade="all, delete-orphan", uselist=False
    )
    invoices: Mapped[list[Invoice]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="Invoice.position",
    )
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.id"
    )


class Debtor(db.Model):
    """The client's customer who owes the money (gäldenär) in one case."""

    __tablename__ = "debtors"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    identity_number: Mapped[str] = mapped_column(String(13), index=True)
    company_form: Mapped[str] = mapped_column(String(50), default="")
    care_of: Mapped[str] = mapped_column(String(100), default="")
    street: Mapped[str] = mapped_column(String(100))
    postal_code: Mapped[str] = mapped_column(String(20))
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="SE")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")

    case: Mapped[Case] = relationship(back_populates="debtor")


class Invoice(db.Model):
    """An invoice inside a case; the principal is kept in minor units."""

    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(30), index=True)
    description: Mapped[str] = mapped_column(String(100))
    principal: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    invoice_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    debt_group: Mapped[str] = mapped_column(String(100), default="")

    case: Mapped[Case] = relationship(back_populates="invoices")


class CaseEvent(db.Model):
    """One line of a case's append-only history: who moved it, when and why."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(200), default="")

    case: Mapped[Case] = relationship(back_populates="events")


class ReferenceRate(db.Model):
    """The Riksbank reference rate in force from the start of a half-year."""

    __tablename__ = "reference_rates"

    period_start: Mapped[date] = mapped_column(Date, primary_key=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))
