"""Writes for the federation: staff roles and API tokens. Exchanges and provinces are
reference data."""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import Exchange, ExchangeApiToken, ExchangeStaff

logger = logging.getLogger(__name__)


def _require_staff_manager(*, actor, exchange: Exchange) -> None:
    if not permissions.may_manage_staff(user=actor, exchange=exchange):
        raise PermissionDenied(_("Only an administrator of this exchange may manage its staff."))


@transaction.atomic
def exchange_staff_assign(*, actor, exchange: Exchange, email: str, role: str) -> ExchangeStaff:
    """Gives the user with `email` a role at `exchange`. The person must already have an
    account: roles are granted to known people only."""
    _require_staff_manager(actor=actor, exchange=exchange)
    if role not in ExchangeStaff.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account uses this e-mail address. Ask the person to sign up first.")}
        )
    staff, created = ExchangeStaff.objects.get_or_create(exchange=exchange, user=user, role=role)
    if not created:
        raise ValidationError({"email": _("This person already has this role here.")})
    logger.info(
        "exchange staff assigned",
        extra={"exchange": exchange.code, "user": user.pk, "role": role, "actor": actor.pk},
    )
    return staff


@transaction.atomic
def exchange_staff_remove(*, actor, staff: ExchangeStaff) -> None:
    """Removes a role. An administrator cannot remove their own last administrator role at
    an exchange, so that every exchange keeps someone who can manage it."""
    _require_staff_manager(actor=actor, exchange=staff.exchange)
    managers = permissions.ROLES[permissions.Action.MANAGE_STAFF]
    if (
        staff.role in managers
        and staff.user_id == actor.pk
        and not actor.is_superuser
        and ExchangeStaff.objects.filter(exchange=staff.exchange, role__in=managers).count() == 1
    ):
        raise ValidationError(_("An exchange needs at least one administrator."))
    logger.info(
        "exchange staff removed",
        extra={"exchange": staff.exchange.code, "user": staff.user_id, "role": staff.role},
    )
    staff.delete()


TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def _require_token_manager(*, actor, exchange: Exchange) -> None:
    if not permissions.may_manage_tokens(user=actor, exchange=exchange):
        raise PermissionDenied(
            _("Only an administrator of this exchange may manage its API tokens.")
        )


@transaction.atomic
def exchange_api_token_create(
    *, actor, exchange: Exchange, name: str
) -> tuple[ExchangeApiToken, str]:
    """Creates a token for `exchange` and returns it with its key. The key is not stored (only
    its hash): the caller shows it once."""
    _require_token_manager(actor=actor, exchange=exchange)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the token after the system that will use it.")})
    if len(name) > 100:
        raise ValidationError({"name": _("At most 100 characters.")})
    key = ExchangeApiToken.generate_key()
    token = ExchangeApiToken.objects.create(
        exchange=exchange,
        name=name,
        key_hash=ExchangeApiToken.hash_key(key),
        prefix=key[: len(ExchangeApiToken.KEY_PREFIX) + ExchangeApiToken.VISIBLE_CHARS],
        created_by=actor,
    )
    logger.info(
        "exchange api token created",
        extra={"exchange": exchange.code, "token": token.pk, "actor": actor.pk},
    )
    return token, key


@transaction.atomic
def exchange_api_token_revoke(*, actor, token: ExchangeApiToken) -> ExchangeApiToken:
    """Revokes a token for good; revoking twice changes nothing."""
    _require_token_manager(actor=actor, exchange=token.exchange)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        logger.info(
            "exchange api token revoked",
            extra={"exchange": token.exchange.code, "token": token.pk, "actor": actor.pk},
        )
    return token


def exchange_api_token_touch(*, token: ExchangeApiToken) -> None:
    """Records that the token was used, at most once a minute (one UPDATE, no race)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        ExchangeApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
