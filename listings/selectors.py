"""Reads of listings."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery, TextField
from django.db.models.functions import Cast

from marketplace.accounts.models import Membership
from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange
from marketplace.exchanges.selectors import exchange_subtree_ids

from .models import (
    Listing,
    ListingAttachment,
    ListingInterest,
    ListingStatusChange,
)


@dataclass
class ListingFilters:
    """The filters of the browse pages and the REST API (spec/api.md)."""

    kind: str | None = None
    exchange: Exchange | None = None  # a national exchange includes its local centres
    sector: str = ""  # level 1 or level 2 code
    province: str = ""
    cooperation: str = ""
    trl_min: int | None = None
    trl_max: int | None = None
    organisation_id: int | None = None


def _with_format_relations(qs: QuerySet[Listing]) -> QuerySet[Listing]:
    """Everything listing_to_dict and the list templates read, in a fixed number of
    queries whatever the page size."""
    return qs.select_related(
        "organisation__province", "organisation__home_exchange", "exchange"
    ).prefetch_related(
        "sectors",
        "provinces",
        "organisation__interest_sectors",
        "organisation__interest_provinces",
    )


def listing_published(
    *, filters: ListingFilters | None = None, featured_first: bool = False
) -> QuerySet[Listing]:
    """Published listings, filtered, newest first; with `featured_first` (the browse pages)
    featured listings come first, most recently featured first."""
    filters = filters or ListingFilters()
    qs = Listing.objects.filter(status=Listing.Status.PUBLISHED)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.exchange is not None:
        qs = qs.filter(exchange_id__in=exchange_subtree_ids(exchange=filters.exchange))
    if filters.sector:
        if len(filters.sector) == 1:
            qs = qs.filter(sectors__parent_id=filters.sector)
        else:
            qs = qs.filter(sectors__code=filters.sector)
    if filters.province:
        qs = qs.filter(provinces__slug=filters.province)
    if filters.cooperation:
        # JSON containment is not portable to SQLite; the quoted code inside the JSON text is
        # unambiguous because no vocabulary code contains another in quotes.
        qs = qs.annotate(cooperation_text=Cast("cooperation", TextField())).filter(
            cooperation_text__contains=f'"{filters.cooperation}"'
        )
    if filters.trl_min is not None:
        qs = qs.filter(trl__gte=filters.trl_min)
    if filters.trl_max is not None:
        qs = qs.filter(trl__lte=filters.trl_max)
    if filters.organisation_id is not None:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.sector or filters.province:
        qs = qs.distinct()
    ordering = ["-published_at", "-pk"]
    if featured_first:
        ordering.insert(0, F("featured_at").desc(nulls_last=True))
    return _with_format_relations(qs).order_by(*ordering)


def listing_get(*, pk: int, kind: str | None = None) -> Listing:
    """One listing with what its page and its format need; raises Listing.DoesNotExist."""
    qs = _with_format_relations(Listing.objects.all()).select_related(
        "organisation__verified_by", "exchange__parent"
    )
    qs = qs.prefetch_related("attachments")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.get(pk=pk)


def attachment_get_visible(*, user, pk: int) -> ListingAttachment:
    """The attachment `pk` if `user` may download it: the listing must be visible to the user
    and, for a confidential file, its confidential part too (the permissions module decides
    both). Raises ListingAttachment.DoesNotExist otherwise, the same whether the file does not
    exist or is not for this user."""
    attachment = ListingAttachment.objects.select_related("listing").get(pk=pk)
    listing = attachment.listing
    if not permissions.may_see_listing(user=user, listing=listing):
        raise ListingAttachment.DoesNotExist
    if attachment.confidential and not permissions.may_read_confidential(
        user=user, listing=listing
    ):
        raise ListingAttachment.DoesNotExist
    return attachment


def listing_status_history(*, listing: Listing) -> QuerySet[ListingStatusChange]:
    return listing.status_changes.select_related("actor").order_by("created_at", "pk")


def listing_related(*, listing: Listing, limit: int = 4) -> list[Listing]:
    """Published listings of the same kind sharing a sector, most recent first."""
    sector_codes = [sector.code for sector in listing.sectors.all()]
    if not sector_codes:
        return []
    return list(
        Listing.objects.filter(
            status=Listing.Status.PUBLISHED, kind=listing.kind, sectors__code__in=sector_codes
        )
        .exclude(pk=listing.pk)
        .select_related("organisation", "exchange")
        .distinct()
        .order_by("-published_at")[:limit]
    )


def listings_of_user(*, user) -> QuerySet[Listing]:
    """ "My listings": every listing of the user's organisations, with interest counts."""
    organisation_ids = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Listing.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "exchange")
        .prefetch_related(
            Prefetch(
                "interests",
                queryset=ListingInterest.objects.select_related("organisation", "user"),
            )
        )
        .order_by("-updated_at")
    )


def moderation_queue(
    *, user, status: str = Listing.Status.SUBMITTED, exchange: Exchange | None = None
) -> QuerySet[Listing]:
    """Submitted listings of every exchange the user moderates (the scoping rule), each with
    `submitted_at` (when it entered its current status), longest waiting first. `exchange`
    narrows the queue to that exchange (with its local centres), still within the scope."""
    scope = permissions.scope_ids(user=user, action=permissions.Action.MODERATE)
    if exchange is not None:
        scope &= exchange_subtree_ids(exchange=exchange)
    entered = ListingStatusChange.objects.filter(
        listing=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-created_at", "-pk")
    return (
        Listing.objects.filter(status=status, exchange_id__in=scope)
        .select_related("organisation", "exchange")
        .annotate(submitted_at=Subquery(entered.values("created_at")[:1]))
        .order_by(F("submitted_at").asc(nulls_first=True), "pk")
    )


def listing_interest_of_user(*, user, listing: Listing) -> ListingInterest | None:
    """The interest one of the user's organisations expressed in the listing, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        ListingInterest.objects.filter(listing=listing, organisation__memberships__user=user)
        .select_related("organisation")
        .order_by("-created_at")
        .first()
    )


def bookmarks_of_user(*, user) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(bookmarks__user=user)
        .select_related("organisation", "exchange")
        .order_by("-bookmarks__created_at")
    )


def featured_listings(*, exchange: Exchange | None = None, limit: int = 6) -> list[Listing]:
    qs = Listing.objects.filter(status=Listing.Status.PUBLISHED, featured_at__isnull=False)
    if exchange is not None:
        qs = qs.filter(exchange_id__in=exchange_subtree_ids(exchange=exchange))
    return list(qs.select_related("organisation", "exchange").order_by("-featured_at")[:limit])


def listings_for_matching(*, kind: str | None = None, ids=None) -> QuerySet[Listing]:
    """Published listings with everything the matching engine reads (sectors, provinces, the
    organisation's verification and the exchange's national parent), in a fixed number of
    queries; `ids` narrows them (an id that is not published is left out)."""
    qs = Listing.objects.filter(status=Listing.Status.PUBLISHED)
    if kind:
        qs = qs.filter(kind=kind)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return (
        qs.select_related("organisation", "exchange__parent")
        .prefetch_related("sectors__parent", "provinces")
        .order_by("pk")
    )
