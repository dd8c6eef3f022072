"""From the database to the engine's arrays (matching.sides), and the vectors behind them.

Listings are read through listings.selectors and organisations through
marketplace.accounts.selectors; this package writes only its own tables.

A process keeps the last side it built for each kind, stamped with what would change it (how
many rows, the newest edit, the newest vector): matching one changed listing reuses the
100,000 offers it read a minute ago instead of reading them again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np
from django.db.models import Count, Max
from django.utils import timezone

from listings.models import Listing
from listings.selectors import listings_for_matching
from marketplace.accounts.models import Organisation
from marketplace.accounts.selectors import organisations_open_to_spin_off
from marketplace.exchanges.models import Province

from . import encoder
from .models import ListingVector
from .sides import Item, Side, idf_of, side_of, text_group
from .text import encoder_text, lexical_text

_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple, Side]] = {}


def province_table() -> dict[str, tuple[int, float, float]]:
    return {
        slug: (pk, float(lat), float(lon))
        for slug, pk, lat, lon in Province.objects.values_list(
            "slug", "pk", "latitude", "longitude"
        )
    }


def _national(exchange) -> int | None:
    if exchange is None:
        return None
    return exchange.parent_id or exchange.pk


def listing_item(listing: Listing, vector: np.ndarray | None) -> Item:
    return Item(
        id=listing.pk,
        organisation_id=listing.organisation_id,
        trl=listing.trl,
        price_min=listing.price_min_vnd,
        price_max=listing.price_max_vnd,
        sectors=tuple(sector.code for sector in listing.sectors.all()),
        provinces=tuple(province.slug for province in listing.provinces.all()),
        area=_national(listing.exchange),
        cooperation=tuple(listing.cooperation or ()),
        ip_status=listing.ip_status,
        age_days=(timezone.now() - listing.content_updated_at).total_seconds() / 86400,
        verified=listing.organisation.verified_at is not None,
        lexical_text=lexical_text(
            title=listing.title,
            summary=listing.summary,
            keywords=[str(k) for k in listing.keywords or []],
            description=listing.description,
            applications=listing.applications,
        ),
        vector=vector,
        text_group=text_group(
            language=listing.language,
            text=encoder_text(
                title=listing.title,
                summary=listing.summary,
                keywords=[str(k) for k in listing.keywords or []],
            ),
        ),
    )


def organisation_text(organisation: Organisation) -> str:
    return " ".join(f"{organisation.name}. {organisation.description}".split())


def organisation_item(organisation: Organisation, vector: np.ndarray | None) -> Item:
    return Item(
        id=organisation.pk,
        organisation_id=organisation.pk,
        trl=organisation.interest_min_trl,
        price_min=organisation.interest_ticket_min_vnd,
        price_max=organisation.interest_ticket_max_vnd,
        sectors=tuple(sector.code for sector in organisation.interest_sectors.all()),
        provinces=tuple(province.slug for province in organisation.interest_provinces.all()),
        area=_national(organisation.home_exchange),
        verified=organisation.verified_at is not None,
        lexical_text=organisation_text(organisation),
        vector=vector,
        open_to_spin_off=organisation.interest_spin_off,
        text_group=text_group(language="", text=organisation_text(organisation)),
    )


def stored_vectors(listing_ids: Iterable[int]) -> dict[int, np.ndarray]:
    ids = list(listing_ids)
    found: dict[int, np.ndarray] = {}
    for start in range(0, len(ids), 2000):
        rows = ListingVector.objects.filter(
            listing_id__in=ids[start : start + 2000], model=encoder.MODEL_ID
        ).values_list("listing_id", "vector")
        found.update((pk, encoder.from_bytes(bytes(data))) for pk, data in rows)
    return found


def listings_side(*, kind: str | None = None, ids=None) -> tuple[list[Listing], Side]:
    listings = list(listings_for_matching(kind=kind, ids=ids))
    vectors = stored_vectors(listing.pk for listing in listings)
    items = [listing_item(listing, vectors.get(listing.pk)) for listing in listings]
    return listings, side_of(items, provinces=province_table())


def partners_side(*, ids=None) -> tuple[list[Organisation], Side]:
    organisations = list(organisations_open_to_spin_off(ids=ids))
    texts = [organisation_text(o) if o.description.strip() else "" for o in organisations]
    # Profiles are a few lines and change rarely: encoded here, remembered by the encoder's
    # cache, not stored per version like listings.
    vectors = encoder.encode_passages(texts) if organisations else []
    items = [
        organisation_item(o, vectors[row] if texts[row] else None)
        for row, o in enumerate(organisations)
    ]
    return organisations, side_of(items, provinces=province_table())


def _stamp(kind: str) -> tuple:
    listings = Listing.objects.filter(status=Listing.Status.PUBLISHED, kind=kind).aggregate(
        count=Count("pk"), edited=Max("updated_at")
    )
    vectors = ListingVector.objects.aggregate(newest=Max("updated_at"))
    return (listings["count"], listings["edited"], vectors["newest"])


def cached_listings_side(*, kind: str) -> Side:
    """The published listings of `kind` as a side weighed by its own idf, rebuilt only when
    one of them changed."""
    stamp = _stamp(kind)
    with _cache_lock:
        cached = _cache.get(kind)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    _, side = listings_side(kind=kind)
    side.weigh(idf_of(side.counts))
    with _cache_lock:
        _cache[kind] = (stamp, side)
    return side


def forget_cached_sides() -> None:
    with _cache_lock:
        _cache.clear()
