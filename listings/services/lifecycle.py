"""A listing's life: created as a draft (or submitted, or published when an exchange vouches
for it), edited, submitted, approved or returned by a moderator, renewed, archived, expired,
featured and moved between exchanges.

Authorisation: every function that takes `actor` checks that person's right to act with
marketplace.exchanges.permissions. `actor=None` means trusted system code that did its own
checking (an import, an exchange's API token scoped to its exchange, the daily expiry job); it
is recorded as "system" in the status history.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import Organisation, User
from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange, Province
from marketplace.reference.models import Sector

from ..events import listings_changed
from ..formats import ListingData
from ..models import Listing
from .rules import (
    PUBLICATION_PERIOD,
    apply_confidential,
    apply_content,
    check_content_change,
    publish_dates,
    require,
    status_change,
)

logger = logging.getLogger(__name__)
Status = Listing.Status
NEW_LISTING_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED)


def _set_relations(listing: Listing, data: ListingData) -> None:
    listing.sectors.set(Sector.objects.filter(code__in=data.sectors))
    listing.provinces.set(Province.objects.filter(slug__in=data.provinces))


@transaction.atomic
def listing_create(
    *,
    actor: User | None,
    organisation: Organisation,
    data: ListingData,
    exchange: Exchange | None = None,
    status: str = Status.DRAFT,
    confidential: Mapping[str, str] | None = None,
    reason: str = "created",
) -> Listing:
    """Creates a listing owned by `organisation`, at its home exchange unless `exchange` is
    given. `status` may be draft, submitted, or published (listings an exchange vouches for).
    The confidential part is `confidential` or else the one `data` carries."""
    if actor is not None:
        require(
            permissions.is_member(user=actor, organisation_id=organisation.pk),
            _("Only members of the organisation may create its listings."),
        )
    if status not in NEW_LISTING_STATUSES:
        raise ValidationError(_("A new listing starts as a draft, submitted or published."))
    now = timezone.now()
    listing = Listing(
        organisation=organisation,
        exchange=exchange or organisation.home_exchange,
        created_by=actor,
        kind=data.kind,
        status="",  # a new listing comes from no status: its first history row says so
        content_updated_at=now,
    )
    created = status_change(listing, to=status, actor=actor)
    apply_content(listing, data)
    apply_confidential(listing, confidential if confidential is not None else data.confidential)
    if status == Status.PUBLISHED:
        publish_dates(listing, now)
    listing.save()
    _set_relations(listing, data)
    created.save()
    logger.info(
        "listing created", extra={"listing": listing.pk, "kind": listing.kind, "status": status}
    )
    listings_changed([listing.pk], reason=reason)
    return listing


@transaction.atomic
def listing_update(
    *,
    actor: User | None,
    listing: Listing,
    data: ListingData,
    confidential: Mapping[str, str] | None = None,
    submit: bool = False,
    reason: str = "updated",
) -> Listing:
    """Replaces a listing's content (and the given parts of its confidential part). A
    returned listing stays returned until resubmitted; an archived one cannot be edited.
    With `submit`, the owner also sends it to the moderators: both happen or neither."""
    if actor is not None:
        require(
            permissions.may_edit_listing(user=actor, listing=listing),
            _("Only the owning organisation or the exchange's moderators may edit this listing."),
        )
    check_content_change(listing, data)
    apply_content(listing, data)
    apply_confidential(listing, confidential if confidential is not None else data.confidential)
    listing.content_updated_at = timezone.now()
    if submit:
        _submit(actor=actor, listing=listing)
    listing.save()
    _set_relations(listing, data)
    listings_changed([listing.pk], reason="submitted" if submit else reason)
    return listing


def _submit(*, actor: User | None, listing: Listing) -> None:
    require(
        permissions.is_member(user=actor, organisation_id=listing.organisation_id),
        _("Only members of the organisation may submit its listings."),
    )
    status_change(
        listing, to=Status.SUBMITTED, actor=actor, allowed_from=(Status.DRAFT, Status.RETURNED)
    ).save()
    listing.return_reason = ""


@transaction.atomic
def listing_submit(*, actor: User, listing: Listing) -> Listing:
    """The owner sends a draft (or a returned listing, after edits) to the moderators."""
    _submit(actor=actor, listing=listing)
    listing.save(update_fields=["status", "return_reason", "updated_at"])
    listings_changed([listing.pk], reason="submitted")
    return listing


@transaction.atomic
def listing_approve(*, actor: User, listing: Listing) -> Listing:
    require(
        permissions.may_moderate(user=actor, obj=listing),
        _("Only curators of this listing's exchange may approve it."),
    )
    status_change(
        listing, to=Status.PUBLISHED, actor=actor, allowed_from=(Status.SUBMITTED,)
    ).save()
    publish_dates(listing, timezone.now())
    listing.save(update_fields=["status", "published_at", "expires_at", "updated_at"])
    logger.info("listing published", extra={"listing": listing.pk, "actor": actor.pk})
    listings_changed([listing.pk], reason="approved")
    return listing


@transaction.atomic
def listing_return(*, actor: User, listing: Listing, reason: str) -> Listing:
    """A moderator sends a submitted (or published) listing back to its owner, saying why."""
    require(
        permissions.may_moderate(user=actor, obj=listing),
        _("Only curators of this listing's exchange may return it."),
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the listing is returned.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("At most 2,000 characters.")})
    status_change(
        listing,
        to=Status.RETURNED,
        actor=actor,
        reason=reason,
        allowed_from=(Status.SUBMITTED, Status.PUBLISHED),
    ).save()
    listing.return_reason = reason
    listing.featured_at = None
    listing.save(update_fields=["status", "return_reason", "featured_at", "updated_at"])
    listings_changed([listing.pk], reason="returned")
    return listing


@transaction.atomic
def listing_archive(*, actor: User | None, listing: Listing, reason: str = "") -> Listing:
    if actor is not None:
        require(
            permissions.may_edit_listing(user=actor, listing=listing),
            _("Only the owning organisation or the exchange's moderators may archive it."),
        )
    status_change(
        listing,
        to=Status.ARCHIVED,
        actor=actor,
        reason=reason,
        allowed_from=(
            Status.DRAFT,
            Status.SUBMITTED,
            Status.RETURNED,
            Status.PUBLISHED,
            Status.EXPIRED,
        ),
    ).save()
    listing.featured_at = None
    listing.save(update_fields=["status", "featured_at", "updated_at"])
    listings_changed([listing.pk], reason="archived")
    return listing


@transaction.atomic
def listing_renew(*, actor: User, listing: Listing) -> Listing:
    """Keeps a published listing online for another 12 months, or brings back an expired
    one: the organisation vouches that it is still current."""
    require(
        permissions.may_edit_listing(user=actor, listing=listing),
        _("Only the owning organisation may renew this listing."),
    )
    if listing.status == Status.EXPIRED:
        status_change(listing, to=Status.PUBLISHED, actor=actor, reason=_("Renewed")).save()
    elif listing.status != Status.PUBLISHED:
        raise ValidationError(_("Only published or expired listings can be renewed."))
    now = timezone.now()
    listing.expires_at = now + PUBLICATION_PERIOD
    listing.content_updated_at = now
    listing.save(update_fields=["status", "expires_at", "content_updated_at", "updated_at"])
    listings_changed([listing.pk], reason="renewed")
    return listing


def listings_expire_due(*, now: datetime | None = None) -> int:
    """Expires every published listing whose time is up (the daily beat job). Idempotent:
    each listing is locked and checked again in its own transaction."""
    now = now or timezone.now()
    due = Listing.objects.filter(status=Status.PUBLISHED, expires_at__lte=now)
    expired = 0
    for listing_id in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            listing = Listing.objects.select_for_update().get(pk=listing_id)
            if listing.status != Status.PUBLISHED:
                continue
            status_change(listing, to=Status.EXPIRED, actor=None, reason=_("Not renewed")).save()
            listing.featured_at = None
            listing.save(update_fields=["status", "featured_at", "updated_at"])
            listings_changed([listing.pk], reason="expired")
            expired += 1
    return expired


@transaction.atomic
def listing_set_featured(*, actor: User, listing: Listing, featured: bool) -> Listing:
    require(
        permissions.may_moderate(user=actor, obj=listing),
        _("Only curators of this listing's exchange may feature it."),
    )
    if featured and listing.status != Status.PUBLISHED:
        raise ValidationError(_("Only published listings can be featured."))
    listing.featured_at = timezone.now() if featured else None
    listing.save(update_fields=["featured_at", "updated_at"])
    listings_changed([listing.pk], reason="featured" if featured else "unfeatured")
    return listing


@transaction.atomic
def listing_move_exchange(*, actor: User, listing: Listing, exchange: Exchange) -> Listing:
    """A curator hands a listing to another exchange; they must moderate both."""
    require(
        permissions.may_moderate(user=actor, obj=listing)
        and permissions.may_moderate(user=actor, obj=exchange),
        _("You may move listings only between exchanges you moderate."),
    )
    listing.exchange = exchange
    listing.save(update_fields=["exchange", "updated_at"])
    listings_changed([listing.pk], reason="moved")
    return listing
