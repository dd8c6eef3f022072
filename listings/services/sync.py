"""Listings that an exchange's own system writes through the REST API with its exchange token,
one at a time, keyed by (exchange, external_id)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.accounts.models import Organisation
from marketplace.accounts.services import organisations_ensure
from marketplace.exchanges.models import Exchange

from ..formats import ListingData
from ..models import Listing
from .lifecycle import listing_create, listing_update
from .rules import content_differs


def external_id_taken_error() -> ValidationError:
    return ValidationError(
        {"external_id": [_("Another listing of this exchange already has this external_id.")]}
    )


@transaction.atomic
def listing_sync(*, exchange: Exchange, data: ListingData) -> tuple[Listing, bool]:
    """Creates the listing published at once, or updates the one with the same key (its status
    stays what it is); returns (listing, created). Repeating a sync changes nothing. `data`
    must name its external_id and its organisation, which is found or created unverified; the
    caller has checked that the token writes for `exchange`."""
    for _attempt in range(2):
        existing = Listing.objects.filter(exchange=exchange, external_id=data.external_id).first()
        organisation_id = organisations_ensure(named=[data.organisation])[data.organisation.key]
        if existing is not None:
            if existing.kind != data.kind:
                raise ValidationError(
                    {"external_id": [_("This external_id belongs to a listing of the other kind.")]}
                )
            if content_differs(
                existing,
                data,
                organisation_id=organisation_id,
                sector_codes=set(existing.sectors.values_list("code", flat=True)),
                province_slugs=set(existing.provinces.values_list("slug", flat=True)),
                confidential=data.confidential,
            ):
                existing.organisation_id = organisation_id
                listing_update(actor=None, listing=existing, data=data, reason="synced")
            return existing, False
        try:
            with transaction.atomic():
                listing = listing_create(
                    actor=None,
                    organisation=Organisation.objects.get(pk=organisation_id),
                    data=data,
                    exchange=exchange,
                    status=Listing.Status.PUBLISHED,
                    reason="synced",
                )
        except IntegrityError:  # created meanwhile by a concurrent request: update it
            continue
        return listing, True
    raise external_id_taken_error()
