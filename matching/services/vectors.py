"""The stored sentence vectors of published listings (matching.encoder)."""

from __future__ import annotations

from collections.abc import Iterable

from listings.selectors import listings_for_matching

from .. import encoder
from ..models import ListingVector
from ..text import encoder_text

ENCODE_BATCH = 64


def listing_vectors_refresh(*, listing_ids: Iterable[int] | None = None) -> int:
    """Encodes the published listings (all, or `listing_ids`) whose text or model changed
    since their vector was stored; returns how many were encoded."""
    listings = list(listings_for_matching(ids=listing_ids))
    texts = {
        listing.pk: encoder_text(
            title=listing.title,
            summary=listing.summary,
            keywords=[str(k) for k in listing.keywords or []],
        )
        for listing in listings
    }
    stored = dict(
        ListingVector.objects.filter(
            listing_id__in=list(texts), model=encoder.MODEL_ID
        ).values_list("listing_id", "text_hash")
    )
    stale = [pk for pk, text in texts.items() if stored.get(pk) != encoder.text_hash(text)]
    for start in range(0, len(stale), ENCODE_BATCH):
        batch = stale[start : start + ENCODE_BATCH]
        vectors = encoder.encode_passages([texts[pk] for pk in batch])
        ListingVector.objects.bulk_create(
            [
                ListingVector(
                    listing_id=pk,
                    model=encoder.MODEL_ID,
                    text_hash=encoder.text_hash(texts[pk]),
                    vector=encoder.to_bytes(vector),
                )
                for pk, vector in zip(batch, vectors, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["listing"],
            update_fields=["model", "text_hash", "vector", "updated_at"],
        )
    return len(stale)
