"""Export of published listings in the exchange format (spec/listing-format.md).

The order is deterministic (exchange code, kind, external id, id), and a listing created on
the portal, which has no external id, is exported as "vntx-<id>" and sorted under that name:
importing an export into an empty database and exporting again gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat

from marketplace.exchanges.models import Exchange

from .formats import listing_to_dict
from .models import Listing
from .selectors import ListingFilters, listing_published

CHUNK_SIZE = 1000


def listings_for_export(*, exchange: Exchange | None = None, kind: str | None = None) -> QuerySet:
    """Published listings of `exchange` (a national exchange includes its local centres) and
    `kind`, in export order, with everything listing_to_dict reads prefetched."""
    export_id = Coalesce(
        "external_id",
        Concat(Value("vntx-"), Cast("id", CharField())),
        output_field=CharField(),
    )
    return (
        listing_published(filters=ListingFilters(exchange=exchange, kind=kind))
        .annotate(export_id=export_id)
        .select_related("exchange", "organisation__province")
        .prefetch_related(
            "sectors",
            "provinces",
            "organisation__interest_sectors",
            "organisation__interest_provinces",
        )
        .order_by("exchange__code", "kind", "export_id", "id")
    )


def listing_to_line(listing: Listing) -> str:
    """One listing as a JSON Lines line (without the line end): UTF-8 text, compact."""
    return json.dumps(listing_to_dict(listing), ensure_ascii=False, separators=(",", ":"))


def listings_export_lines(
    *, exchange: Exchange | None = None, kind: str | None = None
) -> Iterator[str]:
    queryset = listings_for_export(exchange=exchange, kind=kind)
    for listing in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield listing_to_line(listing)
