"""What readers do with a listing: count a view, accept its NDA, express interest, bookmark.
None of it changes the listing itself, so none of it announces a change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from marketplace.accounts.models import Organisation, User
from marketplace.exchanges import permissions

from ..models import Bookmark, Listing, ListingInterest, NdaAcceptance, NdaText
from .rules import require

MAX_INTEREST_MESSAGE = 1000


def listing_record_view(*, listing: Listing) -> None:
    """Counts a page view without a read-modify-write race."""
    Listing.objects.filter(pk=listing.pk).update(views_count=F("views_count") + 1)


def nda_current() -> NdaText:
    nda = NdaText.objects.order_by("-version").first()
    if nda is None:
        raise ValidationError(_("No NDA text is configured."))
    return nda


@transaction.atomic
def nda_accept(
    *, user: User, organisation: Organisation, listing: Listing, nda: NdaText
) -> NdaAcceptance:
    """Records that `user`, for `organisation`, accepted NDA version `nda` for `listing`.
    The version must be the current one: what the reader saw is what they accepted."""
    require(
        permissions.is_member(user=user, organisation_id=organisation.pk),
        _("You can accept an NDA only for an organisation you belong to."),
    )
    if not listing.is_published:
        raise ValidationError(_("This listing is not published."))
    if nda.pk != nda_current().pk:
        raise ValidationError(_("The NDA text has changed; read the new version and accept it."))
    acceptance, _created = NdaAcceptance.objects.get_or_create(
        listing=listing, organisation=organisation, nda=nda, defaults={"user": user}
    )
    return acceptance


@transaction.atomic
def interest_express(
    *, user: User, organisation: Organisation, listing: Listing, message: str = ""
) -> ListingInterest:
    """Records an organisation's interest in a published listing and e-mails the owner after
    commit. Expressing again updates the message and does not e-mail twice."""
    from ..tasks import send_interest_notification

    require(
        permissions.is_member(user=user, organisation_id=organisation.pk),
        _("You can express interest only for an organisation you belong to."),
    )
    if not listing.is_published:
        raise ValidationError(_("This listing is not published."))
    if listing.organisation_id == organisation.pk:
        raise ValidationError(_("This is your own organisation's listing."))
    message = message.strip()
    if len(message) > MAX_INTEREST_MESSAGE:
        raise ValidationError({"message": _("At most 1,000 characters.")})
    interest, created = ListingInterest.objects.update_or_create(
        listing=listing,
        organisation=organisation,
        defaults={"user": user, "message": message},
    )
    if created:
        transaction.on_commit(lambda: send_interest_notification.delay(interest.pk))
    return interest


@transaction.atomic
def bookmark_set(*, user: User, listing: Listing, saved: bool) -> bool:
    if saved:
        Bookmark.objects.get_or_create(user=user, listing=listing)
    else:
        Bookmark.objects.filter(user=user, listing=listing).delete()
    return saved
