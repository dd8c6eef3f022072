"""Listing pages: the spreadsheet upload of exchange staff (upload, preview, confirm).

Thin views over listings.spreadsheets: the file is read and checked there, the rows wait
server-side between the preview and the confirmation, and the import revalidates every row.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange

from .. import spreadsheets
from ..models import Listing


class SpreadsheetUploadForm(forms.Form):
    exchange = forms.ChoiceField(label=gettext_lazy("Import into exchange"))
    status = forms.ChoiceField(
        label=gettext_lazy("New and changed listings"),
        choices=[
            (Listing.Status.PUBLISHED, gettext_lazy("Publish at once")),
            (Listing.Status.SUBMITTED, gettext_lazy("Send to the moderation queue")),
        ],
        initial=Listing.Status.PUBLISHED,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "An .xlsx workbook or a .csv file (UTF-8) of at most 10 MB and 5,000 rows; the "
            "first row names the columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, exchanges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exchange"].choices = [(e.code, e.name) for e in exchanges]


def _exchanges_in_scope(user) -> list[Exchange]:
    exchanges = list(
        permissions.exchanges_where(user=user, action=permissions.Action.IMPORT).order_by(
            "-kind", "code"
        )
    )
    if not exchanges:
        raise PermissionDenied(_("Only curators and administrators of an exchange may import."))
    return exchanges


@login_required
@require_http_methods(["GET", "POST"])
def spreadsheet_upload(request):
    exchanges = _exchanges_in_scope(request.user)
    by_code = {exchange.code: exchange for exchange in exchanges}
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None, exchanges=exchanges)
    if request.method == "POST":
        code = request.POST.get("exchange", "")
        if code not in by_code and Exchange.objects.filter(code=code).exists():
            raise PermissionDenied(_("You may import only into the exchanges you curate."))
        if form.is_valid():
            exchange = by_code[form.cleaned_data["exchange"]]
            upload = form.cleaned_data["file"]
            try:
                sheet = spreadsheets.spreadsheet_read(upload)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                token = spreadsheets.pending_save(
                    user=request.user,
                    exchange=exchange,
                    status=form.cleaned_data["status"],
                    filename=upload.name,
                    sheet=sheet,
                )
                return redirect("listings:spreadsheet_preview", token=token)
    return render(
        request,
        "listings/spreadsheet/upload.html",
        {"form": form, "columns": spreadsheets.COLUMNS, "max_rows": spreadsheets.MAX_ROWS},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def spreadsheet_preview(request, token: str):
    """GET: what the import would do, row by row. POST: import the valid rows."""
    try:
        pending = spreadsheets.pending_load(user=request.user, token=token)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    context = {"pending": pending, "exchange": pending.exchange}
    if request.method == "POST":
        # Claimed before the import, so that a second click finds nothing to import again.
        spreadsheets.pending_delete(token=token)
        result = spreadsheets.spreadsheet_import(
            actor=request.user,
            sheet=pending.sheet,
            exchange=pending.exchange,
            status=pending.status,
        )
        return render(request, "listings/spreadsheet/result.html", {**context, "result": result})
    result = spreadsheets.spreadsheet_preview(
        actor=request.user,
        sheet=pending.sheet,
        exchange=pending.exchange,
        status=pending.status,
    )
    return render(request, "listings/spreadsheet/preview.html", {**context, "result": result})


@login_required
@require_http_methods(["POST"])
def spreadsheet_cancel(request, token: str):
    """Abandons a preview: its pending file is deleted at once, not left to the sweep."""
    try:
        spreadsheets.pending_discard(user=request.user, token=token)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    return redirect("listings:spreadsheet_upload")


@login_required
def spreadsheet_template(request):
    _exchanges_in_scope(request.user)
    response = HttpResponse(
        spreadsheets.spreadsheet_template_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="vntx-listings-template.csv"'
    return response


app_urlpatterns: list = [
    path("staff/listings/import/", spreadsheet_upload, name="spreadsheet_upload"),
    path("staff/listings/import/template.csv", spreadsheet_template, name="spreadsheet_template"),
    path("staff/listings/import/<str:token>/", spreadsheet_preview, name="spreadsheet_preview"),
    path(
        "staff/listings/import/<str:token>/cancel/", spreadsheet_cancel, name="spreadsheet_cancel"
    ),
]
