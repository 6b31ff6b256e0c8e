"""Batches, cases with their debtor, invoices and history; reference rates.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The Riksbank reference rates known when the table was made (DESIGN.md 4.3),
# frozen here as this migration's own data; later rates come with `rates set`.
REFERENCE_RATES = (
    ("2012-01-01", "2.00"),
    ("2012-07-01", "1.50"),
    ("2013-01-01", "1.00"),
    ("2013-07-01", "1.00"),
    ("2014-01-01", "1.00"),
    ("2014-07-01", "1.00"),
    ("2015-01-01", "0.00"),
    ("2015-07-01", "0.00"),
    ("2016-01-01", "0.00"),
    ("2016-07-01", "-0.50"),
    ("2017-01-01", "-0.50"),
    ("2017-07-01", "-0.50"),
    ("2018-01-01", "-0.50"),
    ("2018-07-01", "-0.50"),
    ("2019-01-01", "-0.50"),
    ("2019-07-01", "0.00"),
    ("2020-01-01", "0.00"),
    ("2020-07-01", "0.00"),
    ("2021-01-01", "0.00"),
    ("2021-07-01", "0.00"),
    ("2022-01-01", "0.00"),
    ("2022-07-01", "0.50"),
    ("2023-01-01", "2.50"),
    ("2023-07-01", "3.50"),
    ("2024-01-01", "4.00"),
    ("2024-07-01", "4.00"),
    ("2025-01-01", "3.00"),
    ("2025-07-01", "2.00"),
    ("2026-01-01", "2.00"),
)


def upgrade():
    status_open = sa.text("status = 'open'")
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False
        ),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("users.id")),
    )
    op.create_index("ix_batches_client_id", "batches", ["client_id"])
    op.create_index(
        "uq_batches_one_open_per_client",
        "batches",
        ["client_id"],
        unique=True,
        sqlite_where=status_open,
        postgresql_where=status_open,
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "client_id", sa.Integer(), sa.ForeignKey("clients.id"), nullable=False
        ),
        sa.Column(
            "batch_id", sa.Integer(), sa.ForeignKey("batches.id"), nullable=False
        ),
        sa.Column("case_number", sa.BigInteger(), unique=True),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("client_reference", sa.String(30), nullable=False),
        sa.Column("service", sa.String(100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_cases_batch_id", "cases", ["batch_id"])
    op.create_index("ix_cases_client_id", "cases", ["client_id"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("from_status", sa.String(30)),
        sa.Column("to_status", sa.String(30), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_table(
        "debtors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "case_id",
            sa.Integer(),
            sa.ForeignKey("cases.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("identity_number", sa.String(13), nullable=False),
        sa.Column("company_form", sa.String(50), nullable=False),
        sa.Column("care_of", sa.String(100), nullable=False),
        sa.Column("street", sa.String(100), nullable=False),
        sa.Column("postal_code", sa.String(20), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
    )
    op.create_index("ix_debtors_identity_number", "debtors", ["identity_number"])
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("description", sa.String(100), nullable=False),
        sa.Column("principal", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("debt_group", sa.String(100), nullable=False),
    )
    op.create_index("ix_invoices_case_id", "invoices", ["case_id"])
    op.create_index("ix_invoices_number", "invoices", ["number"])
    rates = op.create_table(
        "reference_rates",
        sa.Column("period_start", sa.Date(), primary_key=True),
        sa.Column("rate", sa.Numeric(5, 2), nullable=False),
    )
    op.bulk_insert(
        rates,
        [
            {"period_start": date.fromisoformat(start), "rate": Decimal(rate)}
            for start, rate in REFERENCE_RATES
        ],
    )


def downgrade():
    op.drop_table("reference_rates")
    op.drop_table("invoices")
    op.drop_table("debtors")
    op.drop_table("case_events")
    op.drop_table("cases")
    op.drop_table("batches")
