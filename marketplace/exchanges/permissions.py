"""Who may do what: the scoping rule, the one table of staff roles, and every predicate.

The scoping rule answers "may this staff member act on this object?": staff of a national
exchange act on it and on its local centres; staff of a local centre act on that centre only;
platform superusers act everywhere; inactive users nowhere. An object belongs to the exchange
it names (`exchange`, else `home_exchange`: listings, organisations, negotiations...).

`ROLES` says which staff roles may take each action; the predicates below apply it, and add
what is not a staff matter (members of the owning organisation, NDA signatories). Services and
selectors call these predicates to authorise; views and the API only ask them, to decide what
to show. Nothing else names a role or re-implements the rule.

This module is below accounts and listings in the house, so it reaches memberships and NDA
acceptances through the objects it is given (`user.memberships`, `listing.nda_acceptances`)
instead of importing those packages.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.db.models import QuerySet

from .models import Exchange, ExchangeApiToken, ExchangeStaff
from .selectors import exchange_subtree_ids

Role = ExchangeStaff.Role
ALL_ROLES = frozenset(Role.values)


class Action(StrEnum):
    MODERATE = "moderate"  # approve, return, feature and move listings; the moderation queue
    VERIFY = "verify"  # grant or withdraw organisations' verification badge
    IMPORT = "import"  # the spreadsheet upload of listings
    MANAGE_STAFF = "manage_staff"  # give and take staff roles at the exchange
    MANAGE_TOKENS = "manage_tokens"  # the exchange's API tokens
    BROKER = "broker"  # join a negotiation as its broker
    READ = "read"  # unpublished listings and confidential parts of the exchange's listings


ROLES: dict[Action, frozenset[str]] = {
    Action.MODERATE: frozenset({Role.ADMIN, Role.CURATOR}),
    Action.VERIFY: frozenset({Role.ADMIN, Role.CURATOR}),
    Action.IMPORT: frozenset({Role.ADMIN, Role.CURATOR}),
    Action.MANAGE_STAFF: frozenset({Role.ADMIN}),
    Action.MANAGE_TOKENS: frozenset({Role.ADMIN}),
    Action.BROKER: frozenset({Role.CURATOR, Role.BROKER}),
    Action.READ: ALL_ROLES,
}


# --- The scoping rule ---------------------------------------------------------------------------


def staff_scope_exchange_ids(*, user, roles: Iterable[str] = ALL_ROLES) -> set[int]:
    """Ids of every exchange on which `user` may act in one of `roles`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = set(roles)
    return {
        exchange_id
        for role, exchange_ids in _scope_by_role(user).items()
        if role in roles
        for exchange_id in exchange_ids
    }


def _scope_by_role(user) -> dict[str, frozenset[int]]:
    """The exchanges of each of the user's roles, local centres included, read with one query
    and kept on the user object. A page asks for the scope many times (the view, the header's
    context processor, template tags, each with its own action); request.user is loaded once
    per request, so the answer lives exactly as long as the request: a staff role given or
    taken during a request counts from the next one."""
    cached = getattr(user, "_exchange_scope_cache", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        every_exchange = frozenset(Exchange.objects.values_list("pk", flat=True))
        cached = dict.fromkeys(ALL_ROLES, every_exchange)
    else:
        by_role: dict[str, set[int]] = {}
        # One row per grant and local centre of the granted exchange (None for a local centre,
        # which has none): a national exchange's staff act on its centres too.
        grants = ExchangeStaff.objects.filter(user=user).values_list(
            "role", "exchange_id", "exchange__local_centres__id"
        )
        for role, exchange_id, centre_id in grants:
            by_role.setdefault(role, set()).add(exchange_id)
            if centre_id is not None:
                by_role[role].add(centre_id)
        cached = {role: frozenset(ids) for role, ids in by_role.items()}
    user._exchange_scope_cache = cached
    return cached


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


# --- Staff actions --------------------------------------------------------------------------------


def scope_ids(*, user, action: Action | None = None) -> set[int]:
    """Ids of the exchanges where `user` may take `action` (None: any staff role)."""
    return staff_scope_exchange_ids(user=user, roles=ROLES[action] if action else ALL_ROLES)


def exchanges_where(*, user, action: Action | None = None) -> QuerySet[Exchange]:
    """The exchanges where `user` may take `action`, as a queryset."""
    return Exchange.objects.filter(pk__in=scope_ids(user=user, action=action))


def may(*, user, action: Action, obj) -> bool:
    """May `user`, as staff, take `action` on `obj` (an exchange or an object of one)?"""
    return staff_may_act_on(user=user, obj=obj, roles=ROLES[action])


def is_staff(*, user) -> bool:
    """Whether `user` holds any staff role (or is a superuser)."""
    return bool(scope_ids(user=user))


def may_moderate(*, user, obj) -> bool:
    return may(user=user, action=Action.MODERATE, obj=obj)


def may_verify(*, user, organisation) -> bool:
    return may(user=user, action=Action.VERIFY, obj=organisation)


def may_import(*, user, exchange: Exchange) -> bool:
    return may(user=user, action=Action.IMPORT, obj=exchange)


def may_manage_staff(*, user, exchange: Exchange) -> bool:
    return may(user=user, action=Action.MANAGE_STAFF, obj=exchange)


def may_manage_tokens(*, user, exchange: Exchange) -> bool:
    return may(user=user, action=Action.MANAGE_TOKENS, obj=exchange)


def may_broker(*, user, obj) -> bool:
    return may(user=user, action=Action.BROKER, obj=obj)


# --- Members and listings -------------------------------------------------------------------------


def is_member(*, user, organisation_id: int) -> bool:
    """Whether `user` belongs to the organisation (any membership role)."""
    return bool(
        user
        and getattr(user, "is_authenticated", False)
        and user.memberships.filter(organisation_id=organisation_id).exists()
    )


def may_edit_listing(*, user, listing) -> bool:
    """Members of the owning organisation, and moderators of the listing's exchange."""
    return is_member(user=user, organisation_id=listing.organisation_id) or may_moderate(
        user=user, obj=listing
    )


def may_see_listing(*, user, listing) -> bool:
    """Published listings are public; others only for the owner's members and the staff of
    the listing's exchange."""
    if listing.is_published:
        return True
    return is_member(user=user, organisation_id=listing.organisation_id) or may(
        user=user, action=Action.READ, obj=listing
    )


def may_read_confidential(*, user, listing) -> bool:
    """The confidential part: the owner's members, the staff of the listing's exchange, and
    members of an organisation that accepted the listing's NDA."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_member(user=user, organisation_id=listing.organisation_id):
        return True
    if may(user=user, action=Action.READ, obj=listing):
        return True
    return listing.nda_acceptances.filter(organisation__memberships__user=user).exists()


# --- Exchange API tokens --------------------------------------------------------------------------


def token_scope_ids(*, token: ExchangeApiToken) -> set[int]:
    """The exchanges an exchange's API token writes for: the scoping rule applied to the
    token's exchange (a national exchange covers its local centres)."""
    if not token.is_active:
        return set()
    return exchange_subtree_ids(exchange=token.exchange)


def token_may_act_on(*, token: ExchangeApiToken, obj) -> bool:
    exchange = exchange_of(obj)
    return exchange is not None and exchange.pk in token_scope_ids(token=token)
