"""Reads for users and organisations."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from marketplace.core.text import fold_diacritics
from marketplace.exchanges.models import Exchange
from marketplace.exchanges.selectors import exchange_subtree_ids

from .models import Invitation, Membership, Organisation, User

DIRECTORY_PAGE_SIZE = 24


def membership_role(*, user: User, organisation: Organisation) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )


def user_organisations(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation__province", "organisation__home_exchange")
        .order_by("organisation__name")
    )


def organisation_detail(*, pk: int) -> Organisation:
    return (
        Organisation.objects.select_related("province", "home_exchange__parent", "verified_by")
        .prefetch_related("interest_sectors", "interest_provinces")
        .get(pk=pk)
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__full_name")


def organisation_pending_invitations(*, organisation: Organisation) -> list[Invitation]:
    return [inv for inv in organisation.invitations.select_related("invited_by") if inv.is_pending]


def organisation_directory(
    *,
    text: str = "",
    kind: str = "",
    province: str = "",
    exchange: Exchange | None = None,
    verified: bool | None = None,
) -> QuerySet[Organisation]:
    """Organisations filtered for the public directory. Text matches the name with or
    without diacritics, or the exact tax code. A national exchange includes its centres."""
    qs = Organisation.objects.select_related("province", "home_exchange")
    if text:
        folded = fold_diacritics(text)
        qs = qs.filter(name_folded__contains=folded) | qs.filter(tax_code=text.strip())
    if kind:
        qs = qs.filter(kind=kind)
    if province:
        qs = qs.filter(province__slug=province)
    if exchange is not None:
        qs = qs.filter(home_exchange_id__in=exchange_subtree_ids(exchange=exchange))
    if verified is not None:
        qs = qs.filter(verified_at__isnull=not verified)
    return qs.order_by("name", "pk")


def organisation_directory_page(*, queryset: QuerySet[Organisation], page: str | int) -> Page:
    return Paginator(queryset, DIRECTORY_PAGE_SIZE).get_page(page)


def organisations_awaiting_verification(*, exchange_ids: set[int]) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(home_exchange_id__in=exchange_ids, verified_at__isnull=True)
        .select_related("province", "home_exchange")
        .order_by("created_at")
    )


def user_api_token(*, user: User):
    """The person's REST API token (rest_framework.authtoken), or None."""
    from rest_framework.authtoken.models import Token

    return Token.objects.filter(user=user).first()


# Kinds that take part in a spin-off or joint venture as the partner of an institute.
PARTNER_KINDS = (
    Organisation.Kind.INVESTOR,
    Organisation.Kind.ENTERPRISE,
    Organisation.Kind.STARTUP,
    Organisation.Kind.INTERMEDIARY,
)


def organisations_open_to_spin_off(*, ids=None) -> QuerySet[Organisation]:
    """Organisations that declared they look for spin-off partnerships, with their declared
    interests, for the matching engine."""
    qs = Organisation.objects.filter(interest_spin_off=True, kind__in=PARTNER_KINDS)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return (
        qs.select_related("home_exchange__parent")
        .prefetch_related("interest_sectors__parent", "interest_provinces")
        .order_by("pk")
    )
