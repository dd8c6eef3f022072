"""The life-cycle rules of a listing, written once for every writer of the services package:
what publishing sets, which content changes are refused, how content and the confidential
part are copied from the exchange format, and how a status change is recorded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..formats import CONFIDENTIAL_FIELDS, CONTENT_FIELDS, ListingData
from ..models import Listing, ListingStatusChange, Vocabulary

PUBLICATION_PERIOD = timedelta(days=365)
Status = Listing.Status


def require(condition: bool, message: str) -> None:
    """Refuses an action the actor may not take (a 403 on pages and in the API)."""
    if not condition:
        raise PermissionDenied(message)


def publish_dates(listing: Listing, now: datetime) -> None:
    """Published now: online for PUBLICATION_PERIOD; the first publication date is kept."""
    listing.published_at = listing.published_at or now
    listing.expires_at = now + PUBLICATION_PERIOD


def content_change_errors(listing: Listing, data: ListingData) -> dict[str, list[str]]:
    """Why `data` may not replace the listing's content: an archived listing is not edited,
    and a listing's kind never changes. Empty when it may."""
    if listing.status == Status.ARCHIVED:
        return {"": [_("An archived listing cannot be edited.")]}
    if data.kind != listing.kind:
        return {"kind": [_("The kind of a listing cannot change.")]}
    return {}


def check_content_change(listing: Listing, data: ListingData) -> None:
    errors = content_change_errors(listing, data)
    if "" in errors:
        raise ValidationError(errors[""])
    if errors:
        raise ValidationError(errors)


def apply_content(listing: Listing, data: ListingData) -> None:
    """Copies the stored fields of the exchange format onto the listing (not its relations:
    sectors and provinces are links, written by the caller)."""
    for name in CONTENT_FIELDS:
        setattr(listing, name, getattr(data, name))
    if data.external_id:
        listing.external_id = data.external_id


def apply_confidential(listing: Listing, confidential: Mapping[str, str] | None) -> None:
    """Writes the given parts of the confidential part; the others keep their value."""
    for name, value in (confidential or {}).items():
        if name in CONFIDENTIAL_FIELDS:
            setattr(listing, name, value)


def _ip_status(kind: str, value: str) -> str:
    # Offers stored before the format defaulted their IP status to "none" hold "".
    return (value or Vocabulary.IpStatus.NONE) if kind == Listing.Kind.OFFER else value


def content_differs(
    listing: Listing,
    data: ListingData,
    *,
    organisation_id: int,
    sector_codes: set[str],
    province_slugs: set[str],
    confidential: Mapping[str, str] | None = None,
) -> bool:
    """Whether writing `data` would change the listing: its owner, a stored field, its
    sectors or provinces, or a given part of its confidential part. Repeating an import or
    a sync must change nothing, not even the "last updated" date behind the staleness badge."""
    if listing.organisation_id != organisation_id:
        return True
    for name in CONTENT_FIELDS:
        old, new = getattr(listing, name), getattr(data, name)
        if name == "ip_status":
            old, new = _ip_status(listing.kind, old), _ip_status(data.kind, new)
        if old != new:
            return True
    if sector_codes != set(data.sectors) or province_slugs != set(data.provinces):
        return True
    return any(getattr(listing, name) != value for name, value in (confidential or {}).items())


def status_change(
    listing: Listing,
    *,
    to: str,
    actor,
    reason: str = "",
    allowed_from: tuple[str, ...] = (),
) -> ListingStatusChange:
    """Moves the listing to status `to` (checking that it may come from its current status)
    and returns the unsaved history row that records who did it, when and why."""
    if allowed_from and listing.status not in allowed_from:
        raise ValidationError(
            _("A listing that is “%(status)s” cannot become “%(target)s”.")
            % {"status": listing.get_status_display(), "target": Status(to).label},
            code="invalid_transition",
        )
    change = ListingStatusChange(
        listing=listing, from_status=listing.status, to_status=to, actor=actor, reason=reason
    )
    listing.status = to
    return change
