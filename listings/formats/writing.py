"""Writing the exchange format: a listing (and its owner) as the format's object, keys in
the order of the spec."""

from __future__ import annotations

from typing import Any

from marketplace.accounts.models import Organisation

from ..models import Listing, Vocabulary


def organisation_to_dict(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": organisation.name,
        "kind": organisation.kind,
        "tax_code": organisation.tax_code,
        "province": organisation.province.slug,
    }
    if organisation.has_interests:
        ticket = None
        if organisation.interest_ticket_min_vnd or organisation.interest_ticket_max_vnd:
            ticket = {
                "min": organisation.interest_ticket_min_vnd,
                "max": organisation.interest_ticket_max_vnd,
            }
        data["interests"] = {
            "sectors": sorted(s.code for s in organisation.interest_sectors.all()),
            "min_trl": organisation.interest_min_trl,
            "spin_off": organisation.interest_spin_off,
            "ticket_vnd": ticket,
            "provinces": sorted(p.slug for p in organisation.interest_provinces.all()),
        }
    return data


def listing_to_dict(listing: Listing) -> dict[str, Any]:
    """The listing in the exchange format, keys in the order of the spec. Expects sectors,
    provinces, organisation (with province) and exchange to be prefetched."""
    data: dict[str, Any] = {
        "kind": listing.kind,
        "external_id": listing.external_id or f"vntx-{listing.pk}",
        "exchange": listing.exchange.code,
        "organisation": organisation_to_dict(listing.organisation),
        "language": listing.language,
        "title": listing.title,
        "summary": listing.summary,
        "description": listing.description,
        "sectors": sorted(s.code for s in listing.sectors.all()),
        "keywords": list(listing.keywords),
        "trl": listing.trl,
    }
    if listing.kind == Listing.Kind.OFFER:
        data["ip_status"] = listing.ip_status or Vocabulary.IpStatus.NONE
        data["ip_numbers"] = list(listing.ip_numbers)
    data["cooperation"] = list(listing.cooperation)
    data["price_vnd"] = (
        None
        if listing.price_is_negotiable
        else {"min": listing.price_min_vnd, "max": listing.price_max_vnd}
    )
    data["provinces"] = sorted(p.slug for p in listing.provinces.all())
    if listing.kind == Listing.Kind.NEED and listing.deadline:
        data["deadline"] = listing.deadline.isoformat()
    for key in ("applications", "advantages", "video_url"):
        if getattr(listing, key):
            data[key] = getattr(listing, key)
    return data
