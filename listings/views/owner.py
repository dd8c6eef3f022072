"""Listing pages: owner. Thin views over listings.services and listings.selectors.

Members of an organisation create and edit its offers and needs, add files, send them to the
moderators, renew and archive them, and read what happened to them ("My listings" and one
page per listing with its status history and the interest it received).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.accounts.models import Organisation
from marketplace.accounts.selectors import membership_role
from marketplace.core.forms import apply_service_errors
from marketplace.core.http import redirect_back
from marketplace.exchanges import permissions

from .. import selectors, services
from ..forms import AttachmentForm, ListingForm
from ..models import Listing
from ..trl import trl_levels
from .common import listing_or_404

PAGE_SIZE = 20


# --- helpers --------------------------------------------------------------------------------


def _editable_listing(request, pk: int) -> Listing:
    listing = listing_or_404(pk)
    if not permissions.may_edit_listing(user=request.user, listing=listing):
        raise PermissionDenied(_("Only the owning organisation may manage this listing."))
    return listing


def _user_organisations(user):
    return (
        Organisation.objects.filter(memberships__user=user)
        .select_related("home_exchange")
        .order_by("name")
    )


def _form_context(request, *, form, kind, listing=None, attachment_form=None) -> dict:
    is_member = listing is None or bool(
        membership_role(user=request.user, organisation=listing.organisation)
    )
    return {
        "form": form,
        "kind": kind,
        "is_offer": kind == Listing.Kind.OFFER,
        "listing": listing,
        "creating": listing is None,
        # Draft and returned listings go to the moderators from this form; the others are
        # saved as they are (a published listing stays published).
        "can_submit": is_member
        and (listing is None or listing.status in (Listing.Status.DRAFT, Listing.Status.RETURNED)),
        "attachment_form": attachment_form or (AttachmentForm() if listing else None),
        "attachments": list(listing.attachments.all()) if listing else [],
        "trl_levels": trl_levels(),
    }


# --- create and edit ------------------------------------------------------------------------


@login_required
def listing_create(request, kind: str):
    organisations = _user_organisations(request.user)
    if not organisations.exists():
        messages.info(
            request,
            _(
                "Listings are published in the name of an organisation. Register yours first "
                "(or ask a colleague to invite you to it)."
            ),
        )
        return redirect("accounts:organisation_create")
    user = request.user
    form = ListingForm(
        request.POST if request.method == "POST" else None,
        kind=kind,
        organisations=organisations,
        initial={
            "contact_name": user.full_name,
            "contact_email": user.email,
            "contact_phone": user.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            listing = services.listing_create(
                actor=user,
                organisation=form.cleaned_data["organisation"],
                data=form.listing_data,
                status=Listing.Status.SUBMITTED if submit else Listing.Status.DRAFT,
                confidential=form.confidential,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if submit:
                messages.success(
                    request,
                    _("“%(title)s” was sent to %(exchange)s for moderation.")
                    % {"title": listing.title, "exchange": listing.exchange.name},
                )
                return redirect("listings:listing_manage", pk=listing.pk)
            messages.success(
                request,
                _("“%(title)s” was saved as a draft. You can add images and documents below.")
                % {"title": listing.title},
            )
            return redirect(reverse("listings:listing_edit", args=[listing.pk]) + "#attachments")
    return render(
        request, "listings/owner/listing_form.html", _form_context(request, form=form, kind=kind)
    )


@login_required
def listing_edit(request, pk: int):
    listing = _editable_listing(request, pk)
    if listing.status == Listing.Status.ARCHIVED:
        messages.error(request, _("An archived listing cannot be edited."))
        return redirect("listings:listing_manage", pk=listing.pk)
    form = ListingForm(
        request.POST if request.method == "POST" else None, kind=listing.kind, listing=listing
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit" and listing.status in (
            Listing.Status.DRAFT,
            Listing.Status.RETURNED,
        )
        try:
            services.listing_update(
                actor=request.user,
                listing=listing,
                data=form.listing_data,
                confidential=form.confidential,
                submit=submit,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if submit:
                messages.success(
                    request,
                    _("“%(title)s” was saved and sent to %(exchange)s for moderation.")
                    % {"title": listing.title, "exchange": listing.exchange.name},
                )
                return redirect("listings:listing_manage", pk=listing.pk)
            messages.success(request, _("Your changes were saved."))
            return redirect("listings:listing_edit", pk=listing.pk)
    return render(
        request,
        "listings/owner/listing_form.html",
        _form_context(request, form=form, kind=listing.kind, listing=listing),
    )


# --- attachments ----------------------------------------------------------------------------


@login_required
@require_POST
def attachment_add(request, pk: int):
    listing = _editable_listing(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                actor=request.user,
                listing=listing,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                confidential=form.cleaned_data["confidential"],
            )
        except ValidationError as error:
            apply_service_errors(form, error, default_field="file")
        else:
            messages.success(
                request, _("“%(name)s” was added.") % {"name": attachment.file.name.split("/")[-1]}
            )
            return redirect(reverse("listings:listing_edit", args=[listing.pk]) + "#attachments")
    return render(
        request,
        "listings/owner/listing_form.html",
        _form_context(
            request,
            form=ListingForm(kind=listing.kind, listing=listing),
            kind=listing.kind,
            listing=listing,
            attachment_form=form,
        ),
    )


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    listing = _editable_listing(request, pk)
    attachment = get_object_or_404(listing.attachments.all(), pk=attachment_pk)
    name = str(attachment)
    services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, _("“%(name)s” was removed.") % {"name": name})
    return redirect(reverse("listings:listing_edit", args=[listing.pk]) + "#attachments")


# --- life-cycle actions ---------------------------------------------------------------------


def _life_cycle_action(request, pk: int, action, success: str):
    listing = listing_or_404(pk)
    try:
        action(actor=request.user, listing=listing)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success % {"title": listing.title})
    return redirect_back(request, reverse("listings:listing_manage", args=[listing.pk]))


@login_required
@require_POST
def listing_submit(request, pk: int):
    return _life_cycle_action(
        request, pk, services.listing_submit, _("“%(title)s” was sent for moderation.")
    )


@login_required
@require_POST
def listing_renew(request, pk: int):
    return _life_cycle_action(
        request, pk, services.listing_renew, _("“%(title)s” stays online for another 12 months.")
    )


@login_required
@require_POST
def listing_archive(request, pk: int):
    return _life_cycle_action(request, pk, services.listing_archive, _("“%(title)s” was archived."))


# --- pages ----------------------------------------------------------------------------------


@login_required
def my_listings(request):
    listings = selectors.listings_of_user(user=request.user)
    status = request.GET.get("status", "")
    if status in Listing.Status.values:
        listings = listings.filter(status=status)
    else:
        status = ""
    page = Paginator(listings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "listings/owner/my_listings.html",
        {
            "page": page,
            "listings": page.object_list,
            "status": status,
            "statuses": Listing.Status.choices,
            "query_string": f"status={status}" if status else "",
            "has_organisation": _user_organisations(request.user).exists(),
        },
    )


@login_required
def listing_manage(request, pk: int):
    listing = _editable_listing(request, pk)
    return render(
        request,
        "listings/owner/listing_manage.html",
        {
            "listing": listing,
            "history": selectors.listing_status_history(listing=listing),
            "interests": listing.interests.select_related("organisation", "user"),
            "is_member": bool(
                membership_role(user=request.user, organisation=listing.organisation)
            ),
        },
    )


@login_required
def saved_listings(request):
    page = Paginator(selectors.bookmarks_of_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "listings/owner/saved.html", {"page": page, "listings": page.object_list}
    )


@login_required
@require_POST
def saved_remove(request, pk: int):
    listing = get_object_or_404(Listing.objects.filter(bookmarks__user=request.user), pk=pk)
    services.bookmark_set(user=request.user, listing=listing, saved=False)
    messages.success(
        request, _("“%(title)s” was removed from your saved listings.") % {"title": listing.title}
    )
    return redirect_back(request, reverse("listings:saved_listings"))


app_urlpatterns: list = [
    path("listings/mine/", my_listings, name="my_listings"),
    path("listings/saved/", saved_listings, name="saved_listings"),
    path("listings/saved/<int:pk>/remove/", saved_remove, name="saved_remove"),
    path("listings/new/offer/", listing_create, {"kind": Listing.Kind.OFFER}, name="offer_create"),
    path("listings/new/need/", listing_create, {"kind": Listing.Kind.NEED}, name="need_create"),
    path("listings/<int:pk>/manage/", listing_manage, name="listing_manage"),
    path("listings/<int:pk>/edit/", listing_edit, name="listing_edit"),
    path("listings/<int:pk>/submit/", listing_submit, name="listing_submit"),
    path("listings/<int:pk>/renew/", listing_renew, name="listing_renew"),
    path("listings/<int:pk>/archive/", listing_archive, name="listing_archive"),
    path("listings/<int:pk>/attachments/", attachment_add, name="attachment_add"),
    path(
        "listings/<int:pk>/attachments/<int:attachment_pk>/remove/",
        attachment_remove,
        name="attachment_remove",
    ),
]
