"""The pages of Registrera ärende: form, field checks, preview, batch, approval."""

import re
from collections.abc import Callable
from datetime import date

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from ..domain import InvalidValue
from ..domain.address import COUNTRIES
from ..domain.fees import estimate_claims
from ..domain.identity import COMPANY_FORMS
from ..domain.money import CURRENCIES
from ..htmx import render_page_or_fragment, wants_fragment
from ..rates import reference_rates
from . import bp
from .batches import (
    CaseChanged,
    CaseNotFound,
    EmptyBatch,
    NotDueYet,
    approve_batch,
    approved_cases,
    batch_rows,
    batch_totals,
    find_client_batch,
    find_open_batch,
    registered_case,
    registered_invoices,
    remove_case,
    save_case,
)
from .case_form import CaseForm, invoice_field
from .choices import DEBT_GROUPS, DEBTOR_KINDS, SERVICES

_ID = re.compile(r"[0-9]{1,9}")

# Posted names that belong to the request, not to the case.
CONTROL_FIELDS = {"csrf_token", "action", "case_id", "version"}


@bp.before_request
@login_required
def require_client_user():
    """Let only a client's own users into Inkasso."""
    if current_user.client is None:
        abort(404)


def client_id() -> int:
    return current_user.client_id


def today() -> date:
    return date.today()


def posted_form() -> CaseForm:
    """Read the posted case values into a form that can find duplicates."""
    values = request.form
    case_values = {k: v for k, v in values.items() if k not in CONTROL_FIELDS}
    editing = editing_case_id(values)

    def find_duplicates(identity_number: str, invoice_number: str):
        cases = registered_invoices(
            client_id(), identity_number, invoice_number, except_case=editing
        )
        return [duplicate_message(case) for case in cases]

    return CaseForm(case_values, today(), find_duplicates)


def parse_id(text: str) -> int | None:
    """Read an id posted or put in a URL; None unless it is plain ASCII digits."""
    return int(text) if _ID.fullmatch(text) else None


def editing_case_id(values) -> int | None:
    """Return the id of the registered case the form changes, if it does."""
    return parse_id(values.get("case_id", ""))


def posted_change() -> dict:
    """Return the case id and version a posted form carries, to carry on."""
    return {
        "case_id": editing_case_id(request.form),
        "version": request.form.get("version", ""),
    }


def duplicate_message(case) -> tuple[str, str]:
    if case.case_number is None:
        return (
            "Samma faktura för samma kund finns redan i bunten.",
            url_for("inkasso.register", arende=case.case_id),
        )
    return (
        f"Samma faktura för samma kund finns redan i ärende {case.case_number}.",
        url_for("inkasso.receipt", batch_id=case.batch_id),
    )


def form_context(
    form: CaseForm, case_id: int | None = None, version: int | str = "", **extra
) -> dict:
    """Return what the form's templates need; case_id and version for a change."""
    return {
        "form": form,
        "debtor_kinds": DEBTOR_KINDS,
        "company_forms": COMPANY_FORMS,
        "countries": COUNTRIES,
        "currencies": CURRENCIES,
        "debt_groups": DEBT_GROUPS,
        "services": SERVICES,
        "invoice_field": invoice_field,
        "case_id": case_id,
        "version": version,
        **extra,
    }


def batch_context() -> dict:
    count, sums = batch_totals(client_id())
    batch = find_open_batch(client_id())
    return {
        "batch": batch,
        "rows": batch_rows(client_id()) if count else [],
        "case_count": count,
        "sums": sums,
        "edit_url": url_pattern("inkasso.register", "arende"),
        "remove_url": url_pattern("inkasso.remove", "case_id"),
    }


def url_pattern(endpoint: str, key: str) -> Callable[[int], str]:
    """Build an endpoint's URL once and put each id in by text.

    url_for per row was most of the time of drawing a batch of 1 000 cases.
    """
    slot = 2_147_483_647
    head, tail = url_for(endpoint, **{key: slot}).split(str(slot))
    return lambda value: f"{head}{value}{tail}"


def render_area(status: int = 200, **context):
    """Render the register page, or only its area for htmx."""
    return render_page_or_fragment(
        "inkasso/register.html",
        "partials/inkasso/register_area.html",
        status=status,
        **context,
        **batch_context(),
    )


@bp.get("/")
def index():
    """Open Inkasso at its first working page."""
    return redirect(url_for("inkasso.register"))


@bp.get("/registrera")
def register():
    """Show the empty form, or a registered case's form to change it."""
    if "arende" not in request.args:
        return render_area(**form_context(CaseForm.empty(today())))
    case_id = parse_id(request.args["arende"])
    case = registered_case(client_id(), case_id) if case_id else None
    if case is None:
        abort(404)
    form = CaseForm.from_case(case, today())
    return render_area(**form_context(form, case_id=case.id, version=case.version))


@bp.post("/registrera")
def register_post():
    """Check the form: back with its errors, or on to the preview."""
    form = posted_form()
    action = request.form.get("action", "preview")

    if action == "add_invoice":
        form.add_invoice()
        return render_area(
            **form_context(
                form, focus_invoice=form.invoice_indexes[-1], **posted_change()
            )
        )
    if action.startswith("remove_invoice-"):
        index = parse_id(action.removeprefix("remove_invoice-"))
        if index is not None:
            form.remove_invoice(index)
        return render_area(**form_context(form, **posted_change()))
    if action == "edit":
        return render_area(**form_context(form, **posted_change()))

    if form.errors:
        return render_area(
            status=422, **form_context(form, show_summary=True, **posted_change())
        )
    return render_area(**preview_context(form))


def preview_context(form: CaseForm) -> dict:
    draft = form.draft()
    try:
        invoices = [(i.principal, i.due_date, i.currency) for i in draft.invoices]
        estimates = estimate_claims(
            invoices, draft.debtor_kind, today(), reference_rates()
        )
        estimate_problem = None
    except InvalidValue as problem:
        # No reference rate reaches back to the due date: say so, show the rest.
        estimates, estimate_problem = [], str(problem)
    return form_context(
        form,
        preview=draft,
        estimates=estimates,
        estimate_problem=estimate_problem,
        raw_values=[(name, form.value(name)) for name in sorted(form.values)],
        warnings=form.warnings,
        today_iso=today().isoformat(),
        **posted_change(),
    )


@bp.post("/registrera/falt/<name>")
def check_field(name: str):
    """Answer one field's check: its message, or nothing when it is right."""
    form = posted_form()
    if name not in form.field_names() and name != "company_form":
        abort(404)
    template = "partials/inkasso/field_message.html"
    if name == "debtor_kind":
        template = "partials/inkasso/debtor_kind_changed.html"
    context = form_context(form, name=name)
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response


@bp.post("/registrera/spara")
def save():
    """Store the previewed case in the batch and show the batch."""
    form = posted_form()
    if form.errors:
        return render_area(
            status=422, **form_context(form, show_summary=True, **posted_change())
        )
    case_id = editing_case_id(request.form)
    version = request.form.get("version", "")
    try:
        case = save_case(
            client_id(),
            current_user.id,
            form.draft(),
            case_id=case_id,
            version=parse_id(version),
        )
    except CaseNotFound:
        abort(404)
    except CaseChanged:
        message = (
            "Ärendet har ändrats eller godkänts av någon annan sedan du öppnade det. "
            "Inget har sparats. Öppna ärendet igen från tabellen."
        )
        return render_area(
            status=409, **form_context(form, conflict=message, **posted_change())
        )
    current_app.logger.info(
        "case %s saved in batch %s by user %s (%s invoices)",
        case.id,
        case.batch_id,
        current_user.id,
        len(case.invoices),
    )
    notice = "Ärendet är ändrat." if case_id else "Ärendet är sparat i bunten."
    if not wants_fragment():
        flash(notice, "success")
        return redirect(url_for("inkasso.register"), code=303)
    response = render_area(notice=notice, **form_context(CaseForm.empty(today())))
    # The page now shows a new, empty form: the address must not name the case.
    response.headers["HX-Replace-Url"] = url_for("inkasso.register")
    return response


@bp.get("/bunt/arende/<int:case_id>/ta-bort")
def confirm_remove(case_id: int):
    """Ask whether to remove a case from the batch (the page without JavaScript)."""
    case = registered_case(client_id(), case_id)
    if case is None:
        abort(404)
    return render_template("inkasso/confirm_remove.html", case=case)


@bp.post("/bunt/arende/<int:case_id>/ta-bort")
def remove(case_id: int):
    """Remove a case from the batch; htmx gets the row's place and new totals."""
    if not remove_case(client_id(), case_id):
        abort(404)
    current_app.logger.info("case %s removed by user %s", case_id, current_user.id)
    notice = "Ärendet är borttaget ur bunten."
    if not wants_fragment():
        flash(notice, "success")
        return redirect(url_for("inkasso.register"), code=303)
    count, sums = batch_totals(client_id())
    response = make_response(
        render_template(
            "partials/inkasso/case_removed.html",
            notice=notice,
            case_count=count,
            sums=sums,
        )
    )
    if count == 0:
        # The last row went: the whole batch section goes with it.
        response.headers["HX-Retarget"] = "#batch"
        response.headers["HX-Reswap"] = "outerHTML"
    response.vary.add("HX-Request")
    return response


def batch_is_empty():
    """Tell the user there is nothing to approve and show the empty form."""
    notice = "Bunten är tom. Registrera ett ärende först."
    if wants_fragment():
        empty_form = form_context(CaseForm.empty(today()))
        return render_area(notice=notice, notice_kind="info", **empty_form)
    flash(notice, "info")
    return redirect(url_for("inkasso.register"), code=303)


@bp.get("/bunt/godkann")
def confirm_approve():
    """Ask for confirmation before approving the batch (without JavaScript)."""
    batch = find_open_batch(client_id())
    count, sums = batch_totals(client_id())
    if batch is None or count == 0:
        return batch_is_empty()
    return render_template(
        "inkasso/confirm_approve.html", batch=batch, case_count=count, sums=sums
    )


@bp.post("/bunt/godkann")
def approve():
    """Approve the batch: every case goes to the agency and gets a number."""
    batch_id = parse_id(request.form.get("batch_id", ""))
    if batch_id is None:
        abort(404)
    try:
        batch, approved = approve_batch(client_id(), batch_id, current_user.id, today())
    except EmptyBatch:
        return batch_is_empty()
    except NotDueYet as refusal:
        return render_area(
            status=422,
            not_due=refusal.invoices,
            **form_context(CaseForm.empty(today())),
        )
    if batch is None:
        abort(404)
    if approved:
        current_app.logger.info(
            "batch %s approved by user %s (%s cases)",
            batch.id,
            current_user.id,
            approved,
        )
    receipt_url = url_for("inkasso.receipt", batch_id=batch.id)
    if not wants_fragment():
        return redirect(receipt_url, code=303)
    response = render_page_or_fragment(
        "inkasso/receipt.html",
        "partials/inkasso/receipt.html",
        **receipt_context(batch),
    )
    response.headers["HX-Push-Url"] = receipt_url
    return response


def receipt_context(batch) -> dict:
    return {"batch": batch, "cases": approved_cases(client_id(), batch.id)}


@bp.get("/bunt/<int:batch_id>/kvitto")
def receipt(batch_id: int):
    """Show the approved batch's cases with their case numbers."""
    batch = find_client_batch(client_id(), batch_id)
    if batch is None or batch.approved_at is None:
        abort(404)
    return render_template("inkasso/receipt.html", **receipt_context(batch))
