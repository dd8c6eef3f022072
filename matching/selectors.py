"""Reads of suggestions: the lists on listing pages and in the API, an owner's suggestions,
a broker's strongest open matches, and the staff report on dismissals."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from listings.models import Listing
from marketplace.accounts.models import Membership
from marketplace.exchanges import permissions

from .models import ListingVector, Suggestion

LIST_SIZE = 10
OPEN_STATUSES = (Suggestion.Status.NEW, Suggestion.Status.SEEN, Suggestion.Status.CONTACTED)
# The components a dismissal report compares (each in 0..1).
REPORTED_COMPONENTS = (
    "text",
    "lexical",
    "semantic",
    "sector",
    "maturity",
    "price",
    "region",
    "cooperation",
)


def _visible(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """Suggestions between published listings only, never a dismissed one."""
    return (
        qs.filter(offer__status=Listing.Status.PUBLISHED)
        .filter(Q(need__isnull=True) | Q(need__status=Listing.Status.PUBLISHED))
        .exclude(status=Suggestion.Status.DISMISSED)
        .select_related(
            "offer__organisation",
            "offer__exchange",
            "need__organisation",
            "need__exchange",
            "organisation__province",
        )
        .order_by("-score", "pk")
    )


def suggestions_for_need(*, need: Listing, limit: int = LIST_SIZE) -> list[Suggestion]:
    """Offers that could meet the need, best first."""
    qs = Suggestion.objects.filter(kind=Suggestion.Kind.TRANSFER, need=need)
    return list(_visible(qs)[:limit])


def suggestions_for_offer(*, offer: Listing, limit: int = LIST_SIZE) -> list[Suggestion]:
    """Needs the offer could serve, best first."""
    qs = Suggestion.objects.filter(kind=Suggestion.Kind.TRANSFER, offer=offer)
    return list(_visible(qs)[:limit])


def partners_for_offer(*, offer: Listing, limit: int = LIST_SIZE) -> list[Suggestion]:
    """Organisations that could join a spin-off or joint venture around the offer."""
    qs = Suggestion.objects.filter(kind=Suggestion.Kind.PARTNER, offer=offer)
    return list(_visible(qs)[:limit])


SPIN_OFF_FORMS = frozenset({"spin_off", "joint_venture"})


def is_open_to_spin_off(listing: Listing) -> bool:
    """An offer whose cooperation forms include a spin-off or a joint venture: it gets
    partner suggestions."""
    return bool(SPIN_OFF_FORMS & set(listing.cooperation or []))


def suggestions_of_listing(*, listing: Listing, limit: int = LIST_SIZE) -> dict[str, list]:
    """The lists a listing's page shows, by name; partners only for an offer open to a
    spin-off or joint venture."""
    if listing.kind == Listing.Kind.NEED:
        return {"offers": suggestions_for_need(need=listing, limit=limit)}
    lists = {"needs": suggestions_for_offer(offer=listing, limit=limit)}
    if is_open_to_spin_off(listing):
        lists["partners"] = partners_for_offer(offer=listing, limit=limit)
    return lists


def suggestion_of_user(*, user, pk: int) -> Suggestion:
    """A suggestion on one of the user's organisations' listings (the side that may give
    feedback); raises Suggestion.DoesNotExist otherwise."""
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Suggestion.objects.filter(
            Q(offer__organisation_id__in=organisations) | Q(need__organisation_id__in=organisations)
        )
        .select_related("offer", "need", "organisation")
        .get(pk=pk)
    )


def suggestions_of_user(*, user, status: str = "") -> QuerySet[Suggestion]:
    """Every suggestion on the user's organisations' listings, best first; `status` narrows
    them ("dismissed" shows the hidden ones, for undoing)."""
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    qs = Suggestion.objects.filter(
        Q(offer__organisation_id__in=organisations) | Q(need__organisation_id__in=organisations)
    )
    if status == Suggestion.Status.DISMISSED:
        return (
            qs.filter(status=status)
            .select_related("offer__organisation", "need__organisation", "organisation")
            .order_by("-status_changed_at", "pk")
        )
    qs = _visible(qs)
    if status:
        qs = qs.filter(status=status)
    return qs


def new_suggestions_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return suggestions_of_user(user=user, status=Suggestion.Status.NEW).count()


def suggestions_for_broker(*, user, limit: int = 50) -> list[Suggestion]:
    """The strongest open transfer suggestions where at least one listing belongs to an
    exchange the staff member may act on (the scoping rule), nobody has contacted yet."""
    scope = permissions.scope_ids(user=user)
    if not scope:
        return []
    qs = Suggestion.objects.filter(
        kind=Suggestion.Kind.TRANSFER,
        status__in=(Suggestion.Status.NEW, Suggestion.Status.SEEN),
    ).filter(Q(offer__exchange_id__in=scope) | Q(need__exchange_id__in=scope))
    return list(_visible(qs)[:limit])


def suggestion_for_broker(*, user, pk: int) -> Suggestion:
    """A transfer suggestion with at least one listing in an exchange the staff member may act
    on; raises Suggestion.DoesNotExist otherwise (the same for a missing one)."""
    scope = permissions.scope_ids(user=user)
    return (
        Suggestion.objects.filter(kind=Suggestion.Kind.TRANSFER)
        .filter(Q(offer__exchange_id__in=scope) | Q(need__exchange_id__in=scope))
        .select_related(
            "offer__organisation", "offer__exchange", "need__organisation", "need__exchange"
        )
        .get(pk=pk)
    )


@dataclass
class ComponentRow:
    component: str
    dismissed_mean: float | None
    open_mean: float | None

    @property
    def difference(self) -> float | None:
        if self.dismissed_mean is None or self.open_mean is None:
            return None
        return round(self.dismissed_mean - self.open_mean, 3)


@dataclass
class DismissalReport:
    total: int
    by_reason: list[tuple[str, str, int]]  # (code, label, count)
    components: list[ComponentRow]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def dismissal_report(*, user) -> DismissalReport:
    """For the suggestions in the staff member's scope: how many were dismissed and why, and
    for each component its mean among dismissed suggestions next to its mean among the others.
    A component that is high on dismissed pairs is one the weights trust too much."""
    scope = permissions.scope_ids(user=user)
    qs = Suggestion.objects.filter(Q(offer__exchange_id__in=scope) | Q(need__exchange_id__in=scope))
    counts = dict(
        qs.filter(status=Suggestion.Status.DISMISSED)
        .values_list("dismiss_reason")
        .annotate(n=Count("pk"))
        .values_list("dismiss_reason", "n")
    )
    by_reason = [
        (code, str(label), counts.get(code, 0)) for code, label in Suggestion.DismissReason.choices
    ]
    dismissed: dict[str, list[float]] = {name: [] for name in REPORTED_COMPONENTS}
    others: dict[str, list[float]] = {name: [] for name in REPORTED_COMPONENTS}
    for status, components in qs.values_list("status", "components").iterator():
        bucket = dismissed if status == Suggestion.Status.DISMISSED else others
        for name in REPORTED_COMPONENTS:
            if isinstance(components, dict) and name in components:
                bucket[name].append(float(components[name]))
    rows = [
        ComponentRow(name, _mean(dismissed[name]), _mean(others[name]))
        for name in REPORTED_COMPONENTS
    ]
    return DismissalReport(total=sum(counts.values()), by_reason=by_reason, components=rows)


def listing_vectors(*, listing_ids) -> dict[int, bytes]:
    """Stored vectors by listing (for the search package's retrieval by meaning)."""
    return dict(
        ListingVector.objects.filter(listing_id__in=list(listing_ids)).values_list(
            "listing_id", "vector"
        )
    )
