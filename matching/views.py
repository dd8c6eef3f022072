"""Pages of the matching engine: a member's suggestions and their feedback (contact, hide,
show again), the brokers' page of the strongest open matches with the introduction, and the
staff report on dismissals. Thin: parse, authorise, call matching.services and
matching.selectors, render. The listing pages show suggestions through matching_tags.

Every form posts here and comes back (PRG) to the page it was sent from (`next`, checked to
stay on this site); a form with an error is shown again on a page of its own, the error next
to its field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from marketplace.accounts.selectors import user_organisations
from marketplace.core.forms import apply_service_errors
from marketplace.core.http import safe_next_url
from marketplace.exchanges import permissions

from . import selectors, services
from .forms import DismissForm, IntroduceForm, StatusFilterForm
from .models import Suggestion
from .templatetags.matching_tags import PUBLIC_REASONS, Item, suggestion_item

PAGE_SIZE = 20
MAX_ID = 2**63 - 1  # the largest id the database stores (bigint)


# --- shared -----------------------------------------------------------------------------------


def _next_url(request) -> str:
    """Where a form comes back to: its safe `next`, else the member's suggestions."""
    return safe_next_url(request) or reverse("matching:my_suggestions")


def _organisation_ids(user) -> set[int]:
    return {membership.organisation_id for membership in user_organisations(user=user)}


def _side(suggestion: Suggestion, organisation_ids: set[int]) -> str:
    """The side of the pair that is the member's: "offer" or "need"."""
    if suggestion.need is None or suggestion.offer.organisation_id in organisation_ids:
        return "offer"
    return "need"


def _members_suggestion(request, pk: int) -> tuple[Suggestion, Item]:
    """A suggestion on one of the user's organisations' listings, as that side sees it; 404
    for any other (its existence is not disclosed)."""
    if pk > MAX_ID:
        raise Http404(_("No such suggestion."))
    try:
        suggestion = selectors.suggestion_of_user(user=request.user, pk=pk)
    except Suggestion.DoesNotExist as exc:
        raise Http404(_("No such suggestion.")) from exc
    side = _side(suggestion, _organisation_ids(request.user))
    return suggestion, suggestion_item(suggestion, side=side, full=False)


def _require_staff(request) -> None:
    if not permissions.is_staff(user=request.user):
        raise PermissionDenied(_("This page is for staff of an exchange."))


# --- a member's suggestions --------------------------------------------------------------------


@login_required
@require_safe
def my_suggestions(request):
    """Every suggestion on the user's organisations' listings, labelled by the listing, with
    the full explanation and the feedback actions. The new ones shown are marked seen once
    the page (with their "new" badge) is rendered."""
    form = StatusFilterForm(request.GET)
    organisation_ids = _organisation_ids(request.user)
    context = {
        "form": form,
        "statuses": Suggestion.Status.choices,
        "status": "",
        "has_organisation": bool(organisation_ids),
        "items": [],
        "page": None,
        "next_url": request.get_full_path(),
    }
    if not form.is_valid():
        return render(request, "matching/my_suggestions.html", context, status=400)
    status = form.cleaned_data["status"]
    page = Paginator(
        selectors.suggestions_of_user(user=request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    items = [
        suggestion_item(suggestion, side=_side(suggestion, organisation_ids), full=True)
        for suggestion in page.object_list
    ]
    context.update(
        status=status,
        items=items,
        page=page,
        query_string=f"status={status}" if status else "",
    )
    response = render(request, "matching/my_suggestions.html", context)
    services.suggestions_mark_seen(
        suggestions=[item.suggestion for item in items if item.is_new], user=request.user
    )
    return response


@login_required
@require_POST
def suggestion_contact(request, pk: int):
    """ "Contact": the member's organisation expresses interest in the other side's listing."""
    suggestion, _item = _members_suggestion(request, pk)
    try:
        interest = services.suggestion_contact(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "%(organisation)s expressed interest in “%(title)s”; its owner is notified by "
                "e-mail."
            )
            % {"organisation": interest.organisation.name, "title": interest.listing.title},
        )
    return redirect(_next_url(request))


@login_required
@require_POST
def suggestion_dismiss(request, pk: int):
    """ "Hide", with a reason: the pair leaves every list for good (until shown again)."""
    suggestion, item = _members_suggestion(request, pk)
    form = DismissForm(request.POST, auto_id=f"id_%s_{suggestion.pk}")
    if form.is_valid():
        services.suggestion_dismiss(
            suggestion=suggestion, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _(
                "“%(title)s” is hidden from your suggestions. You can show it again from the "
                "hidden suggestions."
            )
            % {"title": item.title},
        )
        return redirect(_next_url(request))
    return render(
        request,
        "matching/dismiss.html",
        {"item": item, "form": form, "next_url": _next_url(request)},
        status=400,
    )


@login_required
@require_POST
def suggestion_restore(request, pk: int):
    """ "Show again": undoes a dismissal."""
    suggestion, item = _members_suggestion(request, pk)
    if suggestion.status != Suggestion.Status.DISMISSED:
        messages.info(request, _("“%(title)s” is not hidden.") % {"title": item.title})
    else:
        services.suggestion_restore(suggestion=suggestion, user=request.user)
        messages.success(
            request, _("“%(title)s” is shown in your suggestions again.") % {"title": item.title}
        )
    return redirect(_next_url(request))


# --- brokers ------------------------------------------------------------------------------------


@login_required
@require_safe
def broker(request):
    """The strongest open matches across the listings of the staff member's exchanges, each
    with the "Introduce the two sides" form where the member may broker."""
    _require_staff(request)
    rows = []
    for suggestion in selectors.suggestions_for_broker(user=request.user):
        may_introduce = permissions.may_broker(user=request.user, obj=suggestion.offer) or (
            suggestion.need is not None
            and permissions.may_broker(user=request.user, obj=suggestion.need)
        )
        rows.append(
            {
                "item": suggestion_item(
                    suggestion, side="need", full=False, reasons=PUBLIC_REASONS
                ),
                "form": IntroduceForm(auto_id=f"id_%s_{suggestion.pk}") if may_introduce else None,
            }
        )
    return render(request, "matching/broker.html", {"rows": rows})


@login_required
@require_POST
def suggestion_introduce(request, pk: int):
    """A broker introduces the two sides of a pair: one e-mail to both organisations' members;
    the pair is marked contacted. Staff of an exchange outside the pair's scope get a 403."""
    _require_staff(request)
    if pk > MAX_ID:
        raise Http404(_("No such suggestion."))
    try:
        suggestion = selectors.suggestion_for_broker(user=request.user, pk=pk)
    except Suggestion.DoesNotExist:
        raise Http404(_("No such suggestion.")) from None
    form = IntroduceForm(request.POST, auto_id=f"id_%s_{suggestion.pk}")
    if form.is_valid():
        try:
            count = services.suggestion_introduce(
                suggestion=suggestion, broker=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "The two sides were introduced: %(count)d person received your e-mail.",
                        "The two sides were introduced: %(count)d people received your e-mail.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.warning(
                    request,
                    _("Neither side has a member to write to; the pair is marked as contacted."),
                )
            return redirect("matching:open_matches")
    return render(
        request,
        "matching/introduce.html",
        {
            "item": suggestion_item(suggestion, side="need", full=False, reasons=PUBLIC_REASONS),
            "form": form,
        },
        status=400,
    )


@login_required
@require_safe
def dismissal_report(request):
    """Why suggestions in the staff member's exchanges were hidden, and which components were
    high on the hidden ones."""
    _require_staff(request)
    return render(
        request,
        "matching/report.html",
        {"report": selectors.dismissal_report(user=request.user)},
    )
