"""Reads about the federation. Who may act where is `marketplace.exchanges.permissions`."""

from django.db.models import Count, Prefetch, QuerySet

from .models import Exchange, ExchangeApiToken, ExchangeStaff, Province


def exchange_list(*, kind: str | None = None) -> QuerySet[Exchange]:
    qs = Exchange.objects.select_related("parent")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "code")


def national_exchanges_with_centres() -> QuerySet[Exchange]:
    """National exchanges, each with its local centres prefetched (for the switcher)."""
    return (
        Exchange.objects.filter(kind=Exchange.Kind.NATIONAL)
        .prefetch_related(Prefetch("local_centres", queryset=Exchange.objects.order_by("name_vi")))
        .order_by("code")
    )


def exchange_get(*, code: str) -> Exchange:
    """The exchange with this code; raises Exchange.DoesNotExist for an unknown code."""
    return (
        Exchange.objects.select_related("parent")
        .prefetch_related("provinces", "local_centres")
        .annotate(organisation_count=Count("organisations", distinct=True))
        .get(code=code)
    )


def exchange_subtree_ids(*, exchange: Exchange) -> set[int]:
    """The exchange and, for a national exchange, its local centres."""
    if exchange.kind == Exchange.Kind.NATIONAL:
        return {exchange.pk, *exchange.local_centres.values_list("pk", flat=True)}
    return {exchange.pk}


def province_list() -> QuerySet[Province]:
    return Province.objects.select_related("default_exchange").order_by("name_vi")


def staff_roles_of(*, user) -> QuerySet[ExchangeStaff]:
    return ExchangeStaff.objects.filter(user=user).select_related("exchange")


def exchange_staff_members(*, exchange: Exchange) -> QuerySet[ExchangeStaff]:
    return exchange.staff.select_related("user").order_by("role", "user__full_name", "user__email")


def exchange_api_tokens(*, exchange: Exchange) -> QuerySet[ExchangeApiToken]:
    return exchange.api_tokens.select_related("created_by").order_by("-created_at", "-pk")


def exchange_api_token_for_key(*, key: str) -> ExchangeApiToken | None:
    """The token whose key this is (revoked or not), or None. Keys are compared by hash."""
    if not key.startswith(ExchangeApiToken.KEY_PREFIX):
        return None
    return (
        ExchangeApiToken.objects.select_related("exchange")
        .filter(key_hash=ExchangeApiToken.hash_key(key))
        .first()
    )
