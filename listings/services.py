"""Writes for listings: creation and edits, the moderated life cycle, and readers' actions.

Authorisation: every function that takes `actor` checks that person's right to act.
`actor=None` means trusted system code that did its own checking (the import command, an
exchange's API token scoped to its exchange, the daily expiry job); it is recorded as "system"
in the status history.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import Membership, Organisation, User
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province
from marketplace.exchanges.selectors import staff_may_act_on

from .formats import ListingData, OrganisationData
from .models import (
    Bookmark,
    Listing,
    ListingInterest,
    ListingStatusChange,
    NdaAcceptance,
    NdaText,
    Sector,
)

logger = logging.getLogger(__name__)

PUBLICATION_PERIOD = timedelta(days=365)
MAX_ATTACHMENTS = 20
MODERATOR_ROLES = (ExchangeStaff.Role.ADMIN, ExchangeStaff.Role.CURATOR)
S = Listing.Status


@dataclass
class ConfidentialData:
    """The part of a listing that only the owner, staff and NDA signatories read."""

    confidential_details: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _is_member(user: User | None, organisation_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and Membership.objects.filter(user=user, organisation_id=organisation_id).exists()
    )


def listing_may_edit(*, user: User | None, listing: Listing) -> bool:
    """Members of the owning organisation, and moderators of the listing's exchange."""
    return _is_member(user, listing.organisation_id) or staff_may_act_on(
        user=user, obj=listing, roles=MODERATOR_ROLES
    )


def listing_may_moderate(*, user: User | None, listing: Listing) -> bool:
    return staff_may_act_on(user=user, obj=listing, roles=MODERATOR_ROLES)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _transition(
    *, listing: Listing, to: str, actor: User | None, reason: str = "", allowed_from=()
) -> Listing:
    if allowed_from and listing.status not in allowed_from:
        raise ValidationError(
            _("A listing that is “%(status)s” cannot become “%(target)s”.")
            % {"status": listing.get_status_display(), "target": S(to).label},
            code="invalid_transition",
        )
    ListingStatusChange.objects.create(
        listing=listing, from_status=listing.status, to_status=to, actor=actor, reason=reason
    )
    listing.status = to
    return listing


def _apply_data(listing: Listing, data: ListingData) -> None:
    for name in (
        "kind",
        "language",
        "title",
        "summary",
        "description",
        "keywords",
        "trl",
        "ip_status",
        "ip_numbers",
        "cooperation",
        "price_min_vnd",
        "price_max_vnd",
        "deadline",
        "applications",
        "advantages",
        "video_url",
    ):
        setattr(listing, name, getattr(data, name))
    if data.external_id:
        listing.external_id = data.external_id


def _apply_relations(listing: Listing, data: ListingData) -> None:
    listing.sectors.set(Sector.objects.filter(code__in=data.sectors))
    listing.provinces.set(Province.objects.filter(slug__in=data.provinces))


def _apply_confidential(listing: Listing, confidential: ConfidentialData | None) -> None:
    if confidential is not None:
        for name, value in vars(confidential).items():
            setattr(listing, name, value)


def _queue_index(listing_id: int) -> None:
    """Updates the listing's search document once the transaction commits (upsert when
    published, delete otherwise). robust: a broker or engine failure never fails the request;
    the task retries, and the daily search repair catches up."""
    from search.tasks import index_listing

    transaction.on_commit(lambda: index_listing.delay(listing_id), robust=True)


def _publish_fields(listing: Listing, now) -> None:
    listing.published_at = listing.published_at or now
    listing.expires_at = now + PUBLICATION_PERIOD


@transaction.atomic
def listing_create(
    *,
    actor: User | None,
    organisation: Organisation,
    data: ListingData,
    exchange: Exchange | None = None,
    status: str = S.DRAFT,
    confidential: ConfidentialData | None = None,
) -> Listing:
    """Creates a listing owned by `organisation`, at its home exchange unless `exchange` is
    given. `status` may be draft, submitted, or published (imports vouched by an exchange)."""
    if actor is not None:
        _require(
            _is_member(actor, organisation.pk),
            _("Only members of the organisation may create its listings."),
        )
    if status not in (S.DRAFT, S.SUBMITTED, S.PUBLISHED):
        raise ValidationError(_("A new listing starts as a draft, submitted or published."))
    now = timezone.now()
    listing = Listing(
        organisation=organisation,
        exchange=exchange or organisation.home_exchange,
        created_by=actor,
        status=status,
        content_updated_at=now,
    )
    _apply_data(listing, data)
    _apply_confidential(listing, confidential)
    if status == S.PUBLISHED:
        _publish_fields(listing, now)
    listing.save()
    _apply_relations(listing, data)
    ListingStatusChange.objects.create(
        listing=listing, from_status="", to_status=status, actor=actor
    )
    logger.info(
        "listing created",
        extra={"listing": listing.pk, "kind": listing.kind, "status": status},
    )
    if status == S.PUBLISHED:
        _queue_index(listing.pk)
    return listing


@transaction.atomic
def listing_update(
    *,
    actor: User | None,
    listing: Listing,
    data: ListingData,
    confidential: ConfidentialData | None = None,
) -> Listing:
    """Replaces a listing's content. A returned listing stays returned until resubmitted; an
    archived one cannot be edited."""
    if actor is not None:
        _require(
            listing_may_edit(user=actor, listing=listing),
            _("Only the owning organisation or the exchange's moderators may edit this listing."),
        )
    if listing.status == S.ARCHIVED:
        raise ValidationError(_("An archived listing cannot be edited."))
    if data.kind != listing.kind:
        raise ValidationError({"kind": _("The kind of a listing cannot change.")})
    _apply_data(listing, data)
    _apply_confidential(listing, confidential)
    listing.content_updated_at = timezone.now()
    listing.save()
    _apply_relations(listing, data)
    if listing.status == S.PUBLISHED:
        _queue_index(listing.pk)
    return listing


@transaction.atomic
def listing_submit(*, actor: User, listing: Listing) -> Listing:
    """The owner sends a draft (or a returned listing, after edits) to the moderators."""
    _require(
        _is_member(actor, listing.organisation_id),
        _("Only members of the organisation may submit its listings."),
    )
    _transition(listing=listing, to=S.SUBMITTED, actor=actor, allowed_from=(S.DRAFT, S.RETURNED))
    listing.return_reason = ""
    listing.save(update_fields=["status", "return_reason", "updated_at"])
    return listing


@transaction.atomic
def listing_approve(*, actor: User, listing: Listing) -> Listing:
    _require(
        listing_may_moderate(user=actor, listing=listing),
        _("Only curators of this listing's exchange may approve it."),
    )
    _transition(listing=listing, to=S.PUBLISHED, actor=actor, allowed_from=(S.SUBMITTED,))
    _publish_fields(listing, timezone.now())
    listing.save(update_fields=["status", "published_at", "expires_at", "updated_at"])
    logger.info("listing published", extra={"listing": listing.pk, "actor": actor.pk})
    _queue_index(listing.pk)
    return listing


@transaction.atomic
def listing_return(*, actor: User, listing: Listing, reason: str) -> Listing:
    """A moderator sends a submitted (or published) listing back to its owner, saying why."""
    _require(
        listing_may_moderate(user=actor, listing=listing),
        _("Only curators of this listing's exchange may return it."),
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the listing is returned.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("At most 2,000 characters.")})
    _transition(
        listing=listing,
        to=S.RETURNED,
        actor=actor,
        reason=reason,
        allowed_from=(S.SUBMITTED, S.PUBLISHED),
    )
    listing.return_reason = reason
    listing.featured_at = None
    listing.save(update_fields=["status", "return_reason", "featured_at", "updated_at"])
    _queue_index(listing.pk)
    return listing


@transaction.atomic
def listing_archive(*, actor: User | None, listing: Listing, reason: str = "") -> Listing:
    if actor is not None:
        _require(
            listing_may_edit(user=actor, listing=listing),
            _("Only the owning organisation or the exchange's moderators may archive it."),
        )
    _transition(
        listing=listing,
        to=S.ARCHIVED,
        actor=actor,
        reason=reason,
        allowed_from=(S.DRAFT, S.SUBMITTED, S.RETURNED, S.PUBLISHED, S.EXPIRED),
    )
    listing.featured_at = None
    listing.save(update_fields=["status", "featured_at", "updated_at"])
    _queue_index(listing.pk)
    return listing


@transaction.atomic
def listing_renew(*, actor: User, listing: Listing) -> Listing:
    """Keeps a published listing online for another 12 months, or brings back an expired
    one: the organisation vouches that it is still current."""
    _require(
        listing_may_edit(user=actor, listing=listing),
        _("Only the owning organisation may renew this listing."),
    )
    if listing.status == S.EXPIRED:
        _transition(listing=listing, to=S.PUBLISHED, actor=actor, reason=_("Renewed"))
    elif listing.status != S.PUBLISHED:
        raise ValidationError(_("Only published or expired listings can be renewed."))
    now = timezone.now()
    listing.expires_at = now + PUBLICATION_PERIOD
    listing.content_updated_at = now
    listing.save(update_fields=["status", "expires_at", "content_updated_at", "updated_at"])
    _queue_index(listing.pk)
    return listing


def listings_expire_due(*, now=None) -> int:
    """Expires every published listing whose time is up (the daily beat job). Idempotent."""
    now = now or timezone.now()
    expired = 0
    for listing in Listing.objects.filter(status=S.PUBLISHED, expires_at__lte=now).iterator():
        with transaction.atomic():
            locked = Listing.objects.select_for_update().get(pk=listing.pk)
            if locked.status != S.PUBLISHED:
                continue
            _transition(listing=locked, to=S.EXPIRED, actor=None, reason=_("Not renewed"))
            locked.featured_at = None
            locked.save(update_fields=["status", "featured_at", "updated_at"])
            _queue_index(locked.pk)
            expired += 1
    return expired


@transaction.atomic
def listing_set_featured(*, actor: User, listing: Listing, featured: bool) -> Listing:
    _require(
        listing_may_moderate(user=actor, listing=listing),
        _("Only curators of this listing's exchange may feature it."),
    )
    if featured and listing.status != S.PUBLISHED:
        raise ValidationError(_("Only published listings can be featured."))
    listing.featured_at = timezone.now() if featured else None
    listing.save(update_fields=["featured_at", "updated_at"])
    _queue_index(listing.pk)
    return listing


@transaction.atomic
def listing_move_exchange(*, actor: User, listing: Listing, exchange: Exchange) -> Listing:
    """A curator hands a listing to another exchange; they must be staff of both."""
    _require(
        listing_may_moderate(user=actor, listing=listing)
        and staff_may_act_on(user=actor, obj=exchange, roles=MODERATOR_ROLES),
        _("You may move listings only between exchanges you moderate."),
    )
    listing.exchange = exchange
    listing.save(update_fields=["exchange", "updated_at"])
    _queue_index(listing.pk)
    return listing


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
    _require(
        _is_member(user, organisation.pk),
        _("You can accept an NDA only for an organisation you belong to."),
    )
    if listing.status != S.PUBLISHED:
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
    from .tasks import send_interest_notification

    _require(
        _is_member(user, organisation.pk),
        _("You can express interest only for an organisation you belong to."),
    )
    if listing.status != S.PUBLISHED:
        raise ValidationError(_("This listing is not published."))
    if listing.organisation_id == organisation.pk:
        raise ValidationError(_("This is your own organisation's listing."))
    message = message.strip()
    if len(message) > 1000:
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


@transaction.atomic
def attachment_add(
    *, actor: User, listing: Listing, upload, title: str = "", confidential: bool = False
):
    """Stores an image or document after checking its size and real content type."""
    from .files import sniff_upload
    from .models import ListingAttachment

    _require(
        listing_may_edit(user=actor, listing=listing),
        _("Only the owning organisation may add files to this listing."),
    )
    if listing.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(_("A listing has at most 20 files."))
    file_type = sniff_upload(upload)
    return ListingAttachment.objects.create(
        listing=listing,
        kind=file_type.kind,
        file=upload,
        title=title.strip()[:200],
        content_type=file_type.content_type,
        size=upload.size,
        confidential=confidential,
    )


@transaction.atomic
def attachment_remove(*, actor: User, attachment) -> None:
    _require(
        listing_may_edit(user=actor, listing=attachment.listing),
        _("Only the owning organisation may remove files of this listing."),
    )
    attachment.file.delete(save=False)
    attachment.delete()


def organisation_for_sync(*, data: OrganisationData) -> Organisation:
    """The owner named by a listing that an exchange vouches for (exchange token, import):
    the organisation with that tax code, or without one the organisation of the same name in
    the same province; created, unverified and without members, when there is none."""
    from django.db import IntegrityError

    from marketplace.core.text import fold_diacritics

    if data.tax_code:
        match = Organisation.objects.filter(tax_code=data.tax_code)
    else:
        match = Organisation.objects.filter(
            tax_code__isnull=True, name=data.name, province__slug=data.province
        ).order_by("pk")
    organisation = match.first()
    if organisation is not None:
        return organisation
    province = Province.objects.select_related("default_exchange").get(slug=data.province)
    organisation = Organisation(
        kind=data.kind,
        name=data.name,
        name_folded=fold_diacritics(data.name)[:255],
        tax_code=data.tax_code,
        province=province,
        home_exchange=province.default_exchange,
    )
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:  # another request created it meanwhile
        return match.get()
    logger.info(
        "organisation created for a synced listing", extra={"organisation": organisation.pk}
    )
    return organisation
