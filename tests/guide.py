"""The getting-started guide's example case, as the Registrera ärende form posts it.

Shared by the tests and the benchmarks: Nisses Bil, 551452-6382, invoice 123.
"""

GUIDE_CASE = {
    "client_reference": "",
    "debtor_name": "Nisses Bil",
    "debtor_kind": "company",
    "care_of": "",
    "identity_number": "551452-6382",
    "street": "Trävägen 3",
    "company_form": "Handelsbolag, kommanditbolag",
    "postal_line": "25111 HELSINGBORG",
    "phone": "042-1000001",
    "country": "SE",
    "email": "",
    "invoice-0-number": "123",
    "invoice-0-description": "Transport",
    "invoice-0-principal": "8000",
    "invoice-0-currency": "SEK",
    "invoice-0-invoice_date": "2012-08-01",
    "invoice-0-due_date": "2012-08-30",
    "invoice-0-debt_group": "",
    "service": "Inkasso",
    "case_description": "",
    "note": "",
}
