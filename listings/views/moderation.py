"""Listing pages: moderation by exchange staff (curators and administrators).

Who may act on which listing is decided by marketplace.exchanges.permissions, which the
services apply; these views only parse input, call the service and report. A service's
PermissionDenied becomes a 403 page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from marketplace.core.forms import apply_service_errors
from marketplace.core.http import redirect_back
from marketplace.exchanges import permissions

from .. import selectors, services
from ..forms_moderation import (
    BulkModerationForm,
    FeatureForm,
    MoveForm,
    QueueFilterForm,
    ReturnForm,
)
from ..models import Listing
from .common import listing_or_404

QUEUE_PAGE_SIZE = 50


def _require_moderator(request) -> None:
    if not permissions.scope_ids(user=request.user, action=permissions.Action.MODERATE):
        raise PermissionDenied(_("This page is for curators and administrators of an exchange."))


def _moderated_exchanges(request):
    return permissions.exchanges_where(user=request.user, action=permissions.Action.MODERATE)


def _require_may_moderate(request, listing: Listing) -> None:
    if not permissions.may_moderate(user=request.user, obj=listing):
        raise PermissionDenied(_("Only curators of this listing's exchange may moderate it."))


def _back(request, listing: Listing | None = None):
    """Back to the page the action came from (the queue or the listing page)."""
    return redirect_back(request, listing or "listings:moderation_queue")


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def panel_context(request, listing: Listing) -> dict:
    """What the moderation panel of a listing page needs (empty for everybody else)."""
    if not permissions.may_moderate(user=request.user, obj=listing):
        return {"may_moderate": False}
    return {
        "may_moderate": True,
        "return_form": ReturnForm(),
        "move_form": MoveForm(
            exchanges=_moderated_exchanges(request).exclude(pk=listing.exchange_id)
        ),
        "status_history": selectors.listing_status_history(listing=listing),
    }


# --- the queue ------------------------------------------------------------------------------


def _queue_page(request, *, bulk_form: BulkModerationForm | None = None, status: int = 200):
    filter_form = QueueFilterForm(request.GET, exchanges=_moderated_exchanges(request))
    exchange = None
    if filter_form.is_valid():
        exchange = filter_form.cleaned_data["exchange"]
    else:
        status = 400
    queue = selectors.moderation_queue(user=request.user, exchange=exchange)
    page = None
    if filter_form.is_valid():
        page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "listings/moderation/queue.html",
        {
            "filter_form": filter_form,
            "exchange": exchange,
            "page": page,
            "bulk_form": bulk_form or BulkModerationForm(),
            "query_string": query.urlencode(),
        },
        status=status,
    )


@login_required
def moderation_queue(request):
    _require_moderator(request)
    return _queue_page(request)


@login_required
@require_POST
def moderation_bulk(request):
    """Approves or returns several listings. Each is authorised and moved by the service on
    its own: the ones that cannot be handled are reported with the reason, the others done."""
    _require_moderator(request)
    form = BulkModerationForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, bulk_form=form, status=400)
    action = form.cleaned_data["action"]
    reason = form.cleaned_data["reason"]
    done, failures = 0, []
    for listing in form.cleaned_data["listings"]:
        try:
            if action == BulkModerationForm.APPROVE:
                services.listing_approve(actor=request.user, listing=listing)
            else:
                services.listing_return(actor=request.user, listing=listing, reason=reason)
        except (PermissionDenied, ValidationError) as error:
            failures.append((listing, _error_text(error)))
        else:
            done += 1
    approving = action == BulkModerationForm.APPROVE
    if not failures:
        if approving:
            summary = ngettext("%(done)d listing approved.", "%(done)d listings approved.", done)
        else:
            summary = ngettext(
                "%(done)d listing returned to its owner.",
                "%(done)d listings returned to their owners.",
                done,
            )
        messages.success(request, summary % {"done": done})
    else:
        if approving:
            summary = _("%(done)d approved, %(failed)d could not be:")
        else:
            summary = _("%(done)d returned, %(failed)d could not be:")
        messages.warning(request, summary % {"done": done, "failed": len(failures)})
    for listing, text in failures:
        messages.warning(
            request, _("“%(title)s”: %(reason)s") % {"title": listing.title, "reason": text}
        )
    return _back(request)


# --- one listing ----------------------------------------------------------------------------


@login_required
@require_POST
def moderation_approve(request, pk: int):
    listing = listing_or_404(pk)
    try:
        services.listing_approve(actor=request.user, listing=listing)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("“%(title)s” is published.") % {"title": listing.title})
    return _back(request)


@login_required
def moderation_return(request, pk: int):
    """GET shows the reason form; POST returns the listing to its owner with that reason."""
    listing = listing_or_404(pk)
    _require_may_moderate(request, listing)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_return(
                actor=request.user, listing=listing, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(title)s” was returned to its owner.") % {"title": listing.title}
            )
            return _back(request)
    return render(
        request,
        "listings/moderation/return.html",
        {"listing": listing, "form": form, "next": request.POST.get("next", "")},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def moderation_feature(request, pk: int):
    listing = listing_or_404(pk)
    _require_may_moderate(request, listing)
    form = FeatureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to feature the listing."))
        return _back(request, listing)
    featured = form.cleaned_data["featured"]
    try:
        services.listing_set_featured(actor=request.user, listing=listing, featured=featured)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if featured:
            messages.success(request, _("The listing is featured."))
        else:
            messages.info(request, _("The listing is no longer featured."))
    return _back(request, listing)


@login_required
def moderation_move(request, pk: int):
    """GET shows the exchanges in the moderator's scope; POST moves the listing there."""
    listing = listing_or_404(pk)
    _require_may_moderate(request, listing)
    form = MoveForm(
        request.POST or None,
        exchanges=_moderated_exchanges(request).exclude(pk=listing.exchange_id),
    )
    if request.method == "POST" and form.is_valid():
        exchange = form.cleaned_data["exchange"]
        try:
            services.listing_move_exchange(actor=request.user, listing=listing, exchange=exchange)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The listing now belongs to %(exchange)s.") % {"exchange": exchange.name},
            )
            return _back(request, listing)
    return render(
        request,
        "listings/moderation/move.html",
        {"listing": listing, "form": form},
        status=400 if form.errors else 200,
    )


app_urlpatterns: list = [
    path("listings/moderation/", moderation_queue, name="moderation_queue"),
    path("listings/moderation/bulk/", moderation_bulk, name="moderation_bulk"),
    path("listings/moderation/<int:pk>/approve/", moderation_approve, name="moderation_approve"),
    path("listings/moderation/<int:pk>/return/", moderation_return, name="moderation_return"),
    path("listings/moderation/<int:pk>/feature/", moderation_feature, name="moderation_feature"),
    path("listings/moderation/<int:pk>/move/", moderation_move, name="moderation_move"),
]
