"""The Registrera ärende form: every posted value checked by the rules of
DESIGN.md 3 and normalised into a case draft.

A field is checked alone when the user leaves it and all together on Spara;
both go through ``CaseForm.check`` so the two can never disagree.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..domain import InvalidValue
from ..domain.address import PostalAddress, parse_country, parse_postal_line
from ..domain.contact import parse_email, parse_phone
from ..domain.dates import (
    check_due_date,
    check_invoice_date,
    parse_date,
    time_barred_warning,
)
from ..domain.identity import (
    COMPANY,
    COMPANY_FORMS,
    PERSON,
    company_form_warning,
    parse_identity,
    suggest_kind,
)
from ..domain.money import format_amount, parse_amount, parse_currency
from .choices import (
    DEBT_GROUPS,
    DEBTOR_KINDS,
    DEFAULT_COUNTRY,
    DEFAULT_CURRENCY,
    DEFAULT_SERVICE,
    SERVICES,
)

CASE_FIELDS = (
    "client_reference",
    "debtor_name",
    "debtor_kind",
    "care_of",
    "identity_number",
    "street",
    "company_form",
    "postal_line",
    "phone",
    "country",
    "email",
)
INVOICE_FIELDS = (
    "number",
    "description",
    "principal",
    "currency",
    "invoice_date",
    "due_date",
    "debt_group",
)

LABELS = {
    "client_reference": "Ert kundnummer",
    "debtor_name": "Namn",
    "debtor_kind": "Typ",
    "care_of": "C/O Adress",
    "identity_number": "Org.nummer",
    "street": "Adress",
    "company_form": "Bolagsform",
    "postal_line": "Postnummer/Ort",
    "phone": "Telefonnummer",
    "country": "Land",
    "email": "Epost",
    "number": "Fakturanummer",
    "description": "Fakturan avser",
    "principal": "Kapital",
    "currency": "Valuta",
    "invoice_date": "Fakturadatum",
    "due_date": "Förfallodatum",
    "debt_group": "Skuldgrupp",
    "service": "Tjänst",
    "case_description": "Ärendebeskrivning",
    "note": "Notering",
}
DEFAULTS = {
    "debtor_kind": COMPANY,
    "country": DEFAULT_COUNTRY,
    "service": DEFAULT_SERVICE,
}
INVOICE_DEFAULTS = {"currency": DEFAULT_CURRENCY}
MOST_INVOICES = 50
LAST_INDEX = 999
_INVOICE_NAME = re.compile(r"invoice-([0-9]{1,3})-([a-z_]+)\Z")


@dataclass(frozen=True)
class Message:
    """A warning beside a field, with a link where there is more to see."""

    text: str
    link: str | None = None
    link_text: str | None = None


@dataclass
class FieldCheck:
    value: object = None
    error: str | None = None
    warnings: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class InvoiceDraft:
    number: str
    description: str
    principal: int
    currency: str
    invoice_date: date
    due_date: date
    debt_group: str


@dataclass(frozen=True)
class CaseDraft:
    client_reference: str
    debtor_name: str
    debtor_kind: str
    identity_number: str
    company_form: str
    care_of: str
    street: str
    postal_code: str
    city: str
    country: str
    phone: str
    email: str
    invoices: tuple[InvoiceDraft, ...]
    service: str
    description: str
    note: str


# Given a debtor's identity number and an invoice number, return where the same
# invoice is already registered: (text, url) pairs.
DuplicateFinder = Callable[[str, str], list[tuple[str, str]]]


def invoice_field(index: int, name: str) -> str:
    return f"invoice-{index}-{name}"


def text_check(
    value: str, limit: int, required_message: str | None = None
) -> FieldCheck:
    """Check a free text against its length limit and, if required, presence."""
    text = value.strip()
    if not text and required_message:
        return FieldCheck(error=required_message)
    if len(text) > limit:
        return FieldCheck(error=f"Texten är för lång: högst {limit} tecken.")
    return FieldCheck(value=text)


def parsed(parse: Callable[[], object]) -> FieldCheck:
    try:
        return FieldCheck(value=parse())
    except InvalidValue as error:
        return FieldCheck(error=str(error))


class CaseForm:
    """The posted values of Registrera ärende, checked field by field."""

    def __init__(
        self,
        values: Mapping[str, str],
        today: date,
        find_duplicates: DuplicateFinder | None = None,
    ) -> None:
        self.values = {key: str(value) for key, value in values.items()}
        self.today = today
        self.find_duplicates = find_duplicates
        self._checks: dict[str, FieldCheck] = {}
        indexes = {
            int(match.group(1))
            for key in self.values
            if (match := _INVOICE_NAME.match(key))
        }
        self.invoice_indexes = sorted(indexes)[:MOST_INVOICES] or [0]

    @classmethod
    def empty(cls, today: date) -> "CaseForm":
        return cls({}, today)

    @classmethod
    def from_case(cls, case, today: date) -> "CaseForm":
        """Fill the form from a stored case, its values written as a user would."""
        debtor = case.debtor
        postal = PostalAddress(debtor.postal_code, debtor.city)
        values = {
            "client_reference": case.client_reference,
            "debtor_name": debtor.name,
            "debtor_kind": debtor.kind,
            "care_of": debtor.care_of,
            "identity_number": debtor.identity_number,
            "street": debtor.street,
            "company_form": debtor.company_form,
            "postal_line": postal.display(),
            "phone": debtor.phone,
            "country": debtor.country,
            "email": debtor.email,
            "service": case.service,
            "case_description": case.description,
            "note": case.note,
        }
        for index, invoice in enumerate(case.invoices):
            values |= {
                invoice_field(index, "number"): invoice.number,
                invoice_field(index, "description"): invoice.description,
                invoice_field(index, "principal"): format_amount(invoice.principal),
                invoice_field(index, "currency"): invoice.currency,
                invoice_field(index, "invoice_date"): invoice.invoice_date.isoformat(),
                invoice_field(index, "due_date"): invoice.due_date.isoformat(),
                invoice_field(index, "debt_group"): invoice.debt_group,
            }
        return cls(values, today)

    def value(self, name: str) -> str:
        """Return what the user typed in a field, or its default."""
        if name in self.values:
            return self.values[name]
        match = _INVOICE_NAME.match(name)
        if match:
            return INVOICE_DEFAULTS.get(match.group(2), "")
        return DEFAULTS.get(name, "")

    @property
    def debtor_kind(self) -> str:
        kind = self.value("debtor_kind")
        return kind if kind in (COMPANY, PERSON) else COMPANY

    def field_names(self) -> list[str]:
        names = list(CASE_FIELDS)
        if self.debtor_kind != COMPANY:
            names.remove("company_form")
        for index in self.invoice_indexes:
            names += [invoice_field(index, name) for name in INVOICE_FIELDS]
        names += ["service", "case_description", "note"]
        return names

    def label(self, name: str) -> str:
        match = _INVOICE_NAME.match(name)
        if match:
            return LABELS[match.group(2)]
        if name == "identity_number" and self.debtor_kind == PERSON:
            return "Personnummer"
        return LABELS[name]

    def dependents(self, name: str) -> list[str]:
        """Return the other fields whose verdict changes with this one's value."""
        match = _INVOICE_NAME.match(name)
        if match and match.group(2) == "invoice_date":
            return [invoice_field(int(match.group(1)), "due_date")]
        invoices = self.invoice_indexes
        others = {
            "identity_number": ["debtor_kind", "company_form"]
            + [invoice_field(index, "number") for index in invoices],
            # The Bolagsform field itself is drawn anew when Typ changes; the
            # time bar is 3 years for a private person, 10 for a company.
            "debtor_kind": ["identity_number"]
            + [invoice_field(index, "invoice_date") for index in invoices],
            "country": ["postal_line", "phone"],
        }.get(name, [])
        return [other for other in others if other in self.field_names()]

    def add_invoice(self) -> None:
        next_index = self.invoice_indexes[-1] + 1
        if len(self.invoice_indexes) < MOST_INVOICES and next_index <= LAST_INDEX:
            self.invoice_indexes.append(next_index)

    def remove_invoice(self, index: int) -> None:
        if index in self.invoice_indexes and len(self.invoice_indexes) > 1:
            self.invoice_indexes.remove(index)
            for name in INVOICE_FIELDS:
                self.values.pop(invoice_field(index, name), None)

    # Checking.

    def check(self, name: str) -> FieldCheck:
        """Return the verdict on one field, computed once."""
        if name not in self._checks:
            self._checks[name] = self._run_check(name)
        return self._checks[name]

    def check_all(self) -> dict[str, FieldCheck]:
        return {name: self.check(name) for name in self.field_names()}

    @property
    def errors(self) -> dict[str, str]:
        checks = self.check_all()
        return {name: check.error for name, check in checks.items() if check.error}

    @property
    def warnings(self) -> list[tuple[str, Message]]:
        return [
            (name, warning)
            for name, check in self.check_all().items()
            for warning in check.warnings
        ]

    def _run_check(self, name: str) -> FieldCheck:
        value = self.value(name)
        if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            # No keyboard types these, and PostgreSQL text cannot hold a NUL.
            return FieldCheck(error="Fältet innehåller ett otillåtet tecken.")
        match = _INVOICE_NAME.match(name)
        if match:
            index, part = int(match.group(1)), match.group(2)
            checker = getattr(self, f"_check_invoice_{part}", None)
            if checker is None:
                raise KeyError(name)
            return checker(index, value)
        checker = getattr(self, f"_check_{name}", None)
        if checker is None:
            raise KeyError(name)
        return checker(value)

    def _check_client_reference(self, value: str) -> FieldCheck:
        return text_check(value, 30)

    def _check_debtor_name(self, value: str) -> FieldCheck:
        return text_check(value, 100, "Ange kundens namn.")

    def _check_debtor_kind(self, value: str) -> FieldCheck:
        if value not in dict(DEBTOR_KINDS):
            return FieldCheck(error="Välj Företag eller Privatperson.")
        check = FieldCheck(value=value)
        suggested = suggest_kind(self.value("identity_number"), self.today)
        if value == PERSON and suggested == COMPANY:
            check.warnings.append(
                Message("Numret är ett organisationsnummer. Välj Företag.")
            )
        elif value == COMPANY and suggested == PERSON:
            check.warnings.append(
                Message(
                    "Numret är ett personnummer. Välj Privatperson, "
                    "om kunden inte är en enskild firma."
                )
            )
        return check

    def _check_identity_number(self, value: str) -> FieldCheck:
        check = parsed(lambda: parse_identity(value, self.debtor_kind, self.today))
        if check.value is not None:
            check.warnings = [Message(text) for text in check.value.warnings]
        return check

    def _check_company_form(self, value: str) -> FieldCheck:
        form = value.strip()
        if form and form not in COMPANY_FORMS:
            return FieldCheck(error="Välj en bolagsform i listan.")
        check = FieldCheck(value=form)
        number = self.check("identity_number").value
        if number is None:
            return check
        if number.kind == PERSON and not form:
            # DESIGN.md 4.1: a company with a personnummer is an enskild firma.
            check.warnings.append(
                Message("Är kunden en enskild firma? Välj då Enskild firma.")
            )
        elif warning := company_form_warning(number, form):
            check.warnings.append(Message(warning))
        return check

    def _check_care_of(self, value: str) -> FieldCheck:
        return text_check(value, 100)

    def _check_street(self, value: str) -> FieldCheck:
        return text_check(value, 100, "Ange kundens adress.")

    def _check_postal_line(self, value: str) -> FieldCheck:
        country = self.check("country").value or DEFAULT_COUNTRY
        return parsed(lambda: parse_postal_line(value, country))

    def _check_country(self, value: str) -> FieldCheck:
        return parsed(lambda: parse_country(value))

    def _check_phone(self, value: str) -> FieldCheck:
        country = self.check("country").value or DEFAULT_COUNTRY
        return parsed(lambda: parse_phone(value, country) or "")

    def _check_email(self, value: str) -> FieldCheck:
        return parsed(lambda: parse_email(value) or "")

    def _check_service(self, value: str) -> FieldCheck:
        if value not in SERVICES:
            return FieldCheck(error="Välj en tjänst i listan.")
        return FieldCheck(value=value)

    def _check_case_description(self, value: str) -> FieldCheck:
        return text_check(value, 2000)

    def _check_note(self, value: str) -> FieldCheck:
        return text_check(value, 2000)

    def _check_invoice_number(self, index: int, value: str) -> FieldCheck:
        check = text_check(value, 30, "Ange fakturanumret.")
        if check.error:
            return check
        others = [
            self.value(invoice_field(other, "number")).strip()
            for other in self.invoice_indexes
            if other < index
        ]
        if check.value in others:
            return FieldCheck(error="Fakturanumret står redan i ett annat fält.")
        number = self.check("identity_number").value
        if number is not None and self.find_duplicates:
            for text, url in self.find_duplicates(number.number, check.value):
                check.warnings.append(Message(text, url, "Visa"))
        return check

    def _check_invoice_description(self, index: int, value: str) -> FieldCheck:
        return text_check(value, 100, "Ange vad fakturan avser.")

    def _check_invoice_principal(self, index: int, value: str) -> FieldCheck:
        return parsed(lambda: parse_amount(value))

    def _check_invoice_currency(self, index: int, value: str) -> FieldCheck:
        return parsed(lambda: parse_currency(value))

    def _check_invoice_invoice_date(self, index: int, value: str) -> FieldCheck:
        check = parsed(lambda: parse_date(value))
        if check.value is None:
            return check
        invoice_date = check.value
        try:
            check_invoice_date(invoice_date, self.today)
        except InvalidValue as error:
            return FieldCheck(error=str(error))
        consumer = self.debtor_kind == PERSON
        warning = time_barred_warning(invoice_date, consumer, self.today)
        if warning:
            check.warnings.append(Message(warning))
        return check

    def _check_invoice_due_date(self, index: int, value: str) -> FieldCheck:
        check = parsed(lambda: parse_date(value))
        if check.value is None:
            return check
        invoice_date = self.check(invoice_field(index, "invoice_date")).value
        try:
            check_due_date(check.value, invoice_date, self.today)
        except InvalidValue as error:
            return FieldCheck(error=str(error))
        return check

    def _check_invoice_debt_group(self, index: int, value: str) -> FieldCheck:
        group = value.strip()
        if group and group not in DEBT_GROUPS:
            return FieldCheck(error="Välj en skuldgrupp i listan.")
        return FieldCheck(value=group)

    # The result.

    def draft(self) -> CaseDraft:
        """Return the normalised case; call only when there are no errors."""
        if self.errors:
            raise ValueError("the form has errors")
        number = self.check("identity_number").value
        postal = self.check("postal_line").value
        company = self.debtor_kind == COMPANY
        invoices = tuple(
            InvoiceDraft(
                **{
                    name: self.check(invoice_field(index, name)).value
                    for name in INVOICE_FIELDS
                }
            )
            for index in self.invoice_indexes
        )
        return CaseDraft(
            client_reference=self.check("client_reference").value,
            debtor_name=self.check("debtor_name").value,
            debtor_kind=self.debtor_kind,
            identity_number=number.number,
            company_form=self.check("company_form").value if company else "",
            care_of=self.check("care_of").value,
            street=self.check("street").value,
            postal_code=postal.postal_code,
            city=postal.city,
            country=self.check("country").value,
            phone=self.check("phone").value,
            email=self.check("email").value,
            invoices=invoices,
            service=self.check("service").value,
            description=self.check("case_description").value,
            note=self.check("note").value,
        )
