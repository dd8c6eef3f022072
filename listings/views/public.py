"""Listing pages: public. Thin views over listings.services and listings.selectors.

The listing page (/offers/<pk>/, /needs/<pk>/) shows every public field; the confidential part
to the owner, the exchange's staff and NDA signatories; readers' actions (bookmark, express
interest, accept the NDA) post to their own addresses and come back to the page. The browse
pages list published listings nationally and per exchange with the REST API's filters.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from marketplace.accounts.selectors import user_organisations
from marketplace.core.forms import apply_service_errors
from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange
from marketplace.exchanges.selectors import exchange_get

from .. import selectors, services
from ..forms_public import BookmarkForm, BrowseFilterForm, InterestForm, NdaAcceptForm
from ..models import Listing, ListingAttachment
from . import moderation
from .common import listing_or_404

PAGE_SIZE = 20


def _fragment(listing: Listing, anchor: str) -> str:
    return f"{listing.get_absolute_url()}#{anchor}"


def _detail_context(
    request,
    listing: Listing,
    *,
    interest_form: InterestForm | None = None,
    nda_form: NdaAcceptForm | None = None,
) -> dict:
    user = request.user
    authenticated = user.is_authenticated
    organisations = [m.organisation for m in user_organisations(user=user)] if authenticated else []
    is_owner_member = any(org.pk == listing.organisation_id for org in organisations)
    others = [org for org in organisations if org.pk != listing.organisation_id]
    confidential_visible = permissions.may_read_confidential(user=user, listing=listing)

    nda = None
    if authenticated and listing.is_published and not confidential_visible:
        try:
            nda = services.nda_current()
        except ValidationError:
            nda = None
        if nda is not None and nda_form is None:
            nda_form = NdaAcceptForm(organisations=others, initial={"nda": nda.version})

    may_express_interest = authenticated and listing.is_published and not is_owner_member
    existing_interest = None
    if may_express_interest:
        existing_interest = selectors.listing_interest_of_user(user=user, listing=listing)
        if interest_form is None:
            interest_form = InterestForm(
                organisations=others,
                initial={
                    "message": existing_interest.message if existing_interest else "",
                    **({"organisation": existing_interest.organisation_id}
                       if existing_interest else {}),
                },
            )  # fmt: skip

    attachments = list(listing.attachments.all())
    context = {
        "listing": listing,
        "organisation": listing.organisation,
        "exchange": listing.exchange,
        "is_owner_member": is_owner_member,
        "confidential_visible": confidential_visible,
        "nda": nda,
        "nda_form": nda_form,
        "may_express_interest": may_express_interest,
        "existing_interest": existing_interest,
        "interest_form": interest_form,
        "is_bookmarked": authenticated
        and selectors.bookmarks_of_user(user=user).filter(pk=listing.pk).exists(),
        "public_attachments": [a for a in attachments if not a.confidential],
        "confidential_attachments": [a for a in attachments if a.confidential],
        "related": selectors.listing_related(listing=listing),
        "canonical_url": request.build_absolute_uri(listing.get_absolute_url()),
        "login_url_next": listing.get_absolute_url(),
    }
    context.update(moderation.panel_context(request, listing))
    return context


def _render_detail(request, listing: Listing, *, status: int = 200, **forms) -> object:
    return render(
        request,
        "listings/public/detail.html",
        _detail_context(request, listing, **forms),
        status=status,
    )


@require_safe
def listing_detail(request, pk: int, kind: str):
    listing = listing_or_404(pk, kind=kind, visible_to=request.user)
    if request.method == "GET" and listing.is_published:
        services.listing_record_view(listing=listing)
    return _render_detail(request, listing)


def _login_first(request, listing: Listing):
    """Readers' actions need an account; after logging in the reader lands on the listing
    again (not on the POST-only address)."""
    return redirect_to_login(listing.get_absolute_url())


@require_POST
def listing_bookmark(request, pk: int):
    listing = listing_or_404(pk, visible_to=request.user)
    if not request.user.is_authenticated:
        return _login_first(request, listing)
    form = BookmarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The bookmark could not be changed."))
        return redirect(listing.get_absolute_url())
    saved = services.bookmark_set(
        user=request.user, listing=listing, saved=form.cleaned_data["saved"]
    )
    if saved:
        messages.success(request, _("The listing is in your bookmarks."))
    else:
        messages.info(request, _("The listing was removed from your bookmarks."))
    return redirect(_fragment(listing, "actions"))


@require_POST
def listing_interest(request, pk: int):
    listing = listing_or_404(pk, visible_to=request.user)
    if not request.user.is_authenticated:
        return _login_first(request, listing)
    memberships = user_organisations(user=request.user)
    organisations = [m.organisation for m in memberships]
    if any(org.pk == listing.organisation_id for org in organisations):
        raise PermissionDenied(_("This is your own organisation's listing."))
    form = InterestForm(request.POST, organisations=organisations)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        before = selectors.listing_interest_of_user(user=request.user, listing=listing)
        try:
            services.interest_express(
                user=request.user,
                organisation=organisation,
                listing=listing,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if before is not None and before.organisation_id == organisation.pk:
                messages.success(request, _("Your message to the owner was updated."))
            else:
                messages.success(
                    request,
                    _(
                        "The interest of %(organisation)s was recorded; the owner is notified "
                        "by e-mail."
                    )
                    % {"organisation": organisation.name},
                )
            return redirect(_fragment(listing, "interest"))
    return _render_detail(request, listing, status=400, interest_form=form)


@require_POST
def listing_nda_accept(request, pk: int):
    listing = listing_or_404(pk, visible_to=request.user)
    if not request.user.is_authenticated:
        return _login_first(request, listing)
    organisations = [m.organisation for m in user_organisations(user=request.user)]
    form = NdaAcceptForm(request.POST, organisations=organisations)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.nda_accept(
                user=request.user,
                organisation=organisation,
                listing=listing,
                nda=form.cleaned_data["nda"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("You accepted the agreement on behalf of %(organisation)s.")
                % {"organisation": organisation.name},
            )
            return redirect(_fragment(listing, "confidential"))
    return _render_detail(request, listing, status=400, nda_form=form)


@require_safe
def attachment_file(request, pk: int):
    """A listing's image or document, from the private storage: for whoever may see the
    listing, and for a confidential file whoever may see its confidential part; 404 for
    everyone else (the file's existence is not disclosed). Images are shown inline,
    documents downloaded; the stored (sniffed) type is sent, never guessed."""
    try:
        attachment = selectors.attachment_get_visible(user=request.user, pk=pk)
        stream = attachment.file.storage.open(attachment.file.name, "rb")
    except (ListingAttachment.DoesNotExist, OSError) as exc:
        raise Http404(_("No such file.")) from exc
    response = FileResponse(
        stream,
        as_attachment=attachment.kind != ListingAttachment.Kind.IMAGE,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    shared = not attachment.confidential and attachment.listing.is_published
    response["Cache-Control"] = "public, max-age=3600" if shared else "private"
    return response


# --- browse ---------------------------------------------------------------------------------


def _browse(request, *, kind: str, exchange: Exchange | None):
    form = BrowseFilterForm(request.GET, with_exchange=exchange is None)
    if exchange is None:
        offers_url, needs_url = reverse("listings:offer_list"), reverse("listings:need_list")
    else:
        offers_url = reverse("listings:exchange_offer_list", args=[exchange.code])
        needs_url = reverse("listings:exchange_need_list", args=[exchange.code])
    context = {
        "kind": kind,
        "is_offer": kind == Listing.Kind.OFFER,
        "exchange": exchange,
        "form": form,
        "page": None,
        "offers_url": offers_url,
        "needs_url": needs_url,
        "list_url": offers_url if kind == Listing.Kind.OFFER else needs_url,
    }
    if not form.is_valid():
        return render(request, "listings/public/browse.html", context, status=400)
    queryset = selectors.listing_published(
        filters=form.to_filters(kind=kind, exchange=exchange), featured_first=True
    )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        page=Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        has_filters=form.has_filters(),
        query_string=query.urlencode(),
    )
    return render(request, "listings/public/browse.html", context)


@require_safe
def listing_browse(request, kind: str):
    return _browse(request, kind=kind, exchange=None)


@require_safe
def exchange_listing_browse(request, code: str, kind: str):
    try:
        exchange = exchange_get(code=code)
    except Exchange.DoesNotExist as exc:
        raise Http404(_("No exchange has the code “%(code)s”.") % {"code": code}) from exc
    return _browse(request, kind=kind, exchange=exchange)


app_urlpatterns: list = [
    path("offers/", listing_browse, {"kind": Listing.Kind.OFFER}, name="offer_list"),
    path("needs/", listing_browse, {"kind": Listing.Kind.NEED}, name="need_list"),
    path("offers/<int:pk>/", listing_detail, {"kind": Listing.Kind.OFFER}, name="offer_detail"),
    path("needs/<int:pk>/", listing_detail, {"kind": Listing.Kind.NEED}, name="need_detail"),
    path(
        "exchanges/<slug:code>/offers/",
        exchange_listing_browse,
        {"kind": Listing.Kind.OFFER},
        name="exchange_offer_list",
    ),
    path(
        "exchanges/<slug:code>/needs/",
        exchange_listing_browse,
        {"kind": Listing.Kind.NEED},
        name="exchange_need_list",
    ),
    path("listings/<int:pk>/bookmark/", listing_bookmark, name="listing_bookmark"),
    path("listings/<int:pk>/interest/", listing_interest, name="listing_interest"),
    path("listings/<int:pk>/nda/", listing_nda_accept, name="listing_nda_accept"),
    path("listings/files/<int:pk>/", attachment_file, name="attachment_file"),
]
