"""Many listings at once, as exchanges import them (JSON Lines, spreadsheets): keyed by
(exchange, external_id), created or updated with the import's status, written in bulk.

The rules are the life cycle's own (`rules`): an archived listing is not edited, a listing's
kind never changes, publishing sets the dates, and a line that changes nothing changes
nothing. Organisations come from `organisations_ensure`, the one place that creates them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.services import organisations_ensure
from marketplace.exchanges.models import Exchange, Province

from ..events import listings_changed
from ..formats import CONFIDENTIAL_FIELDS, CONTENT_FIELDS, ListingData
from ..models import Listing, ListingStatusChange
from .bulk_sql import insert_listings, insert_rows, update_listings
from .rules import (
    apply_confidential,
    apply_content,
    content_change_errors,
    content_differs,
    publish_dates,
)

Status = Listing.Status
BULK_STATUSES = (Status.PUBLISHED, Status.SUBMITTED)
UPDATE_FIELDS = (
    *CONTENT_FIELDS,
    "organisation",
    "status",
    "return_reason",
    "published_at",
    "expires_at",
    "featured_at",
    "content_updated_at",
    "updated_at",
)


@dataclass
class UpsertOutcome:
    """What happened to one item: created, updated, unchanged or rejected (with `errors` by
    field path, as the format reports them)."""

    outcome: str
    listing_id: int | None = None
    errors: dict[str, list[str]] | None = None


@dataclass
class _Stored:
    listing: Listing
    sector_codes: set[str]
    province_slugs: set[str]


def _stored(items: Sequence[ListingData], exchanges: Mapping[str, Exchange]) -> dict:
    """The listings that the items' keys already name, with their sector and province codes."""
    by_exchange: dict[int, set[str]] = {}
    for data in items:
        by_exchange.setdefault(exchanges[data.exchange].pk, set()).add(data.external_id)
    condition = Q()
    for exchange_id, external_ids in by_exchange.items():
        condition |= Q(exchange_id=exchange_id, external_id__in=external_ids)
    found = {
        listing.pk: _Stored(listing, set(), set()) for listing in Listing.objects.filter(condition)
    }
    if found:
        for listing_id, code in Listing.sectors.through.objects.filter(
            listing_id__in=found
        ).values_list("listing_id", "sector_id"):
            found[listing_id].sector_codes.add(code)
        for listing_id, slug in Listing.provinces.through.objects.filter(
            listing_id__in=found
        ).values_list("listing_id", "province__slug"):
            found[listing_id].province_slugs.add(slug)
    return {
        (stored.listing.exchange_id, stored.listing.external_id): stored
        for stored in found.values()
    }


@transaction.atomic
def listings_bulk_upsert(
    *,
    items: Sequence[ListingData],
    status: str,
    exchanges: Mapping[str, Exchange] | None = None,
) -> list[UpsertOutcome]:
    """Creates or updates the listings of `items` (validated, each with its exchange,
    external_id and organisation; one item per key) and returns one outcome per item, in
    order. New and changed listings get `status`: published (the exchange vouches for them)
    or submitted (to the moderation queue). Raises DatabaseError when the database refuses
    the batch, leaving nothing behind, so that the caller can retry the items one by one."""
    if status not in BULK_STATUSES:
        raise ValidationError(_("Imported listings are published or submitted."))
    if exchanges is None:
        exchanges = {exchange.code: exchange for exchange in Exchange.objects.all()}
    now = timezone.now()
    at = connection.ops.adapt_datetimefield_value(now)
    imported = _("Imported")
    organisations = organisations_ensure(named=[data.organisation for data in items])
    stored = _stored(items, exchanges)

    outcomes: list[UpsertOutcome] = []
    new: list[tuple[int, ListingData, Listing]] = []  # (position in outcomes, item, listing)
    changed: list[tuple[ListingData, _Stored]] = []
    history: list[tuple] = []
    for data in items:
        organisation_id = organisations[data.organisation.key]
        exchange = exchanges[data.exchange]
        current = stored.get((exchange.pk, data.external_id))
        if current is None:
            listing = Listing(
                kind=data.kind,
                organisation_id=organisation_id,
                exchange=exchange,
                status=status,
                content_updated_at=now,
                updated_at=now,
            )
            apply_content(listing, data)
            apply_confidential(listing, data.confidential)
            if status == Status.PUBLISHED:
                publish_dates(listing, now)
            new.append((len(outcomes), data, listing))
            outcomes.append(UpsertOutcome("created"))
            continue
        listing = current.listing
        refused = content_change_errors(listing, data)
        if "kind" in refused:
            outcomes.append(UpsertOutcome("rejected", errors=refused))
            continue
        if not content_differs(
            listing,
            data,
            organisation_id=organisation_id,
            sector_codes=current.sector_codes,
            province_slugs=current.province_slugs,
            confidential=data.confidential,
        ):
            outcomes.append(UpsertOutcome("unchanged", listing.pk))
            continue
        if refused:
            outcomes.append(UpsertOutcome("rejected", errors=refused))
            continue
        apply_content(listing, data)
        apply_confidential(listing, data.confidential)
        listing.organisation_id = organisation_id
        listing.content_updated_at = listing.updated_at = now
        if listing.status != status:
            history.append((listing.pk, listing.status, status, imported, at))
            listing.status = status
            listing.return_reason = ""
            if status == Status.PUBLISHED:
                publish_dates(listing, now)
            else:
                listing.featured_at = None
        changed.append((data, current))
        outcomes.append(UpsertOutcome("updated", listing.pk))

    if new:
        insert_listings([listing for _position, _data, listing in new], now)
        for position, _data, listing in new:
            outcomes[position].listing_id = listing.pk
            history.append((listing.pk, "", status, imported, at))
    if changed:
        # The confidential part is written only when the batch gives one, so that an import
        # without it never writes back what it read of the listing.
        gives_confidential = any(data.confidential for data, _current in changed)
        update_listings(
            [current.listing for _data, current in changed],
            (*UPDATE_FIELDS, *CONFIDENTIAL_FIELDS) if gives_confidential else UPDATE_FIELDS,
        )
    _write_links(new, changed)
    insert_rows(
        ListingStatusChange,
        ("listing_id", "from_status", "to_status", "reason", "created_at"),
        history,
    )
    listings_changed(
        [o.listing_id for o in outcomes if o.outcome in ("created", "updated")],
        reason="imported",
    )
    return outcomes


def _write_links(new: list, changed: list) -> None:
    """Sectors and provinces of new listings, and of changed listings whose sets changed."""
    SectorLink = Listing.sectors.through  # noqa: N806
    ProvinceLink = Listing.provinces.through  # noqa: N806
    stale_sectors = {
        current.listing.pk for data, current in changed if set(data.sectors) != current.sector_codes
    }
    stale_provinces = {
        current.listing.pk
        for data, current in changed
        if set(data.provinces) != current.province_slugs
    }
    if stale_sectors:
        SectorLink.objects.filter(listing_id__in=stale_sectors).delete()
    if stale_provinces:
        ProvinceLink.objects.filter(listing_id__in=stale_provinces).delete()
    province_ids = dict(Province.objects.values_list("slug", "pk"))
    sector_rows, province_rows = [], []
    rewritten = [(data, listing, True, True) for _position, data, listing in new] + [
        (
            data,
            current.listing,
            current.listing.pk in stale_sectors,
            current.listing.pk in stale_provinces,
        )
        for data, current in changed
    ]
    for data, listing, sectors, provinces in rewritten:
        if sectors:
            sector_rows += [(listing.pk, code) for code in data.sectors]
        if provinces:
            province_rows += [(listing.pk, province_ids[slug]) for slug in data.provinces]
    insert_rows(SectorLink, ("listing_id", "sector_id"), sector_rows)
    insert_rows(ProvinceLink, ("listing_id", "province_id"), province_rows)
