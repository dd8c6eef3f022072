"""Reads about the federation, and the one scoping rule of the project.

The scoping rule answers "may this staff member act on this object?": staff of a national
exchange act on it and on its local centres; staff of a local centre act on that centre only.
Platform superusers act everywhere. Every view, API and service that authorises exchange
staff asks `staff_may_act_on`; nothing else re-implements the rule.
"""

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from .models import Exchange, ExchangeApiToken, ExchangeStaff, Province

ALL_ROLES = frozenset(ExchangeStaff.Role.values)


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


def staff_scope_exchange_ids(*, user, roles: Iterable[str] = ALL_ROLES) -> set[int]:
    """Ids of every exchange on which `user` may act in one of `roles`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Exchange.objects.values_list("pk", flat=True))
    roles = set(roles)
    cache = getattr(user, "_exchange_scope_cache", None)
    if cache is None:
        cache = list(
            ExchangeStaff.objects.filter(user=user).values_list(
                "role", "exchange_id", "exchange__kind"
            )
        )
        user._exchange_scope_cache = cache
    own = {(exchange_id, kind) for role, exchange_id, kind in cache if role in roles}
    if not own:
        return set()
    national_ids = [pk for pk, kind in own if kind == Exchange.Kind.NATIONAL]
    scope = {pk for pk, _kind in own}
    if national_ids:
        scope.update(
            Exchange.objects.filter(parent_id__in=national_ids).values_list("pk", flat=True)
        )
    return scope


def exchange_of(obj) -> Exchange | None:
    """The exchange an object belongs to: an Exchange itself, or its `exchange` /
    `home_exchange` attribute (listings, organisations, negotiations...)."""
    if isinstance(obj, Exchange):
        return obj
    for attribute in ("exchange", "home_exchange"):
        exchange = getattr(obj, attribute, None)
        if isinstance(exchange, Exchange):
            return exchange
    return None


def staff_may_act_on(*, user, obj, roles: Iterable[str] = ALL_ROLES) -> bool:
    """The scoping rule: may `user`, as staff in one of `roles`, act on `obj`?"""
    exchange = exchange_of(obj)
    if exchange is None:
        return False
    return exchange.pk in staff_scope_exchange_ids(user=user, roles=roles)


def staff_exchanges(*, user, roles: Iterable[str] = ALL_ROLES) -> QuerySet[Exchange]:
    """Exchanges `user` may act on, as a queryset (for filtering querysets by scope)."""
    return Exchange.objects.filter(pk__in=staff_scope_exchange_ids(user=user, roles=roles))


def is_exchange_staff(*, user) -> bool:
    return bool(staff_scope_exchange_ids(user=user))


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


def exchange_token_scope_ids(*, token: ExchangeApiToken) -> set[int]:
    """The exchanges an exchange's API token writes for: the scoping rule applied to the
    token's exchange (a national exchange covers its local centres)."""
    if not token.is_active:
        return set()
    return exchange_subtree_ids(exchange=token.exchange)


def exchange_token_may_act_on(*, token: ExchangeApiToken, obj) -> bool:
    exchange = exchange_of(obj)
    return exchange is not None and exchange.pk in exchange_token_scope_ids(token=token)
