"""Writes for users, organisations, memberships and invitations."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.text import fold_diacritics
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province
from marketplace.exchanges.selectors import staff_may_act_on

from .models import Invitation, Membership, Organisation, User
from .selectors import membership_role
from .validators import normalise_tax_code, validate_tax_code

logger = logging.getLogger(__name__)

VERIFIER_ROLES = (ExchangeStaff.Role.ADMIN, ExchangeStaff.Role.CURATOR)
INTEREST_FIELDS = (
    "interest_min_trl",
    "interest_spin_off",
    "interest_ticket_min_vnd",
    "interest_ticket_max_vnd",
)


def _check_tax_code(*, tax_code: str | None, exclude_pk: int | None = None) -> str | None:
    if not tax_code:
        return None
    tax_code = normalise_tax_code(tax_code)
    validate_tax_code(tax_code)
    clash = Organisation.objects.filter(tax_code=tax_code)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "tax_code": _(
                    "An organisation with this tax code is already registered. Ask its owner "
                    "to invite you instead."
                )
            },
            code="duplicate_tax_code",
        )
    return tax_code


def _check_interests(*, data: dict) -> None:
    low, high = data.get("interest_ticket_min_vnd"), data.get("interest_ticket_max_vnd")
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"interest_ticket_max_vnd": _("The upper ticket must not be below the lower one.")}
        )
    trl = data.get("interest_min_trl")
    if trl is not None and not 1 <= trl <= 9:
        raise ValidationError({"interest_min_trl": _("TRL is a whole number from 1 to 9.")})


@transaction.atomic
def organisation_create(
    *,
    owner: User,
    kind: str,
    name: str,
    province: Province,
    tax_code: str | None = None,
    home_exchange: Exchange | None = None,
    website: str = "",
    description: str = "",
    interest_sectors=(),
    interest_provinces=(),
    **interests,
) -> Organisation:
    """Registers an organisation with `owner` as its first owner. The home exchange is the
    province's default exchange unless one is given."""
    if kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Unknown organisation kind.")})
    _check_interests(data=interests)
    organisation = Organisation(
        kind=kind,
        name=name.strip(),
        name_folded=fold_diacritics(name),
        tax_code=_check_tax_code(tax_code=tax_code),
        province=province,
        home_exchange=home_exchange or province.default_exchange,
        website=website,
        description=description,
        **{field: value for field, value in interests.items() if field in INTEREST_FIELDS},
    )
    organisation.full_clean(exclude=["name_folded"])
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # two sign-ups racing for the same tax code
        raise ValidationError(
            {"tax_code": _("An organisation with this tax code is already registered.")}
        ) from exc
    organisation.interest_sectors.set(interest_sectors)
    organisation.interest_provinces.set(interest_provinces)
    Membership.objects.create(user=owner, organisation=organisation, role=Membership.Role.OWNER)
    logger.info(
        "organisation registered",
        extra={"organisation": organisation.pk, "exchange": organisation.home_exchange.code},
    )
    return organisation


def _queue_search_reindex(organisation_id: int) -> None:
    """Listings' search documents copy the organisation's name, kind and verification: refresh
    them once the transaction commits (never fails the request; the daily repair catches up)."""
    from search.tasks import index_organisation_listings

    transaction.on_commit(lambda: index_organisation_listings.delay(organisation_id), robust=True)


def _require_owner(*, user: User, organisation: Organisation) -> None:
    if membership_role(user=user, organisation=organisation) != Membership.Role.OWNER:
        raise PermissionDenied(_("Only an owner of the organisation may do this."))


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, data: dict) -> Organisation:
    """Edits an organisation as one of its owners. The home exchange follows the province
    unless exchange staff moved it; the verification badge survives edits of the profile but
    not a change of tax code (the badge vouches for that identity)."""
    _require_owner(user=actor, organisation=organisation)
    _check_interests(data=data)
    # Reload: a bound ModelForm has already written its values onto the caller's instance, and
    # the province and tax-code comparisons below need what is stored.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    data = dict(data)
    sectors = data.pop("interest_sectors", None)
    provinces = data.pop("interest_provinces", None)
    old_tax_code = organisation.tax_code
    if "tax_code" in data:
        data["tax_code"] = _check_tax_code(tax_code=data["tax_code"], exclude_pk=organisation.pk)
    province_changed = "province" in data and data["province"] != organisation.province
    for field, value in data.items():
        setattr(organisation, field, value)
    if province_changed:
        organisation.home_exchange = organisation.province.default_exchange
    organisation.name_folded = fold_diacritics(organisation.name)
    if organisation.tax_code != old_tax_code:
        organisation.verified_at = None
        organisation.verified_by = None
    organisation.full_clean(exclude=["name_folded"])
    organisation.save()
    if sectors is not None:
        organisation.interest_sectors.set(sectors)
    if provinces is not None:
        organisation.interest_provinces.set(provinces)
    _queue_search_reindex(organisation.pk)
    return organisation


@transaction.atomic
def organisation_set_verified(
    *, actor: User, organisation: Organisation, verified: bool
) -> Organisation:
    """Grants or withdraws the verification badge. Only an admin or curator whose scope
    covers the organisation's home exchange may do it; who and when are recorded."""
    if not staff_may_act_on(user=actor, obj=organisation, roles=VERIFIER_ROLES):
        raise PermissionDenied(
            _("Only staff of this organisation's exchange may change its verification.")
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if verified:
        organisation.verified_at = timezone.now()
        organisation.verified_by = actor
    else:
        organisation.verified_at = None
        organisation.verified_by = None
    organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
    logger.info(
        "organisation verification changed",
        extra={"organisation": organisation.pk, "verified": verified, "actor": actor.pk},
    )
    _queue_search_reindex(organisation.pk)
    return organisation


@transaction.atomic
def organisation_move_exchange(
    *, actor: User, organisation: Organisation, exchange: Exchange
) -> Organisation:
    """Moves an organisation to another exchange; the actor must be staff of both."""
    for target in (organisation, exchange):
        if not staff_may_act_on(user=actor, obj=target, roles=[ExchangeStaff.Role.ADMIN]):
            raise PermissionDenied(_("You may not move organisations between these exchanges."))
    organisation.home_exchange = exchange
    organisation.save(update_fields=["home_exchange", "updated_at"])
    return organisation


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str = Membership.Role.MEMBER
) -> Invitation:
    """An owner invites an e-mail address; the e-mail is sent after commit."""
    from .tasks import send_invitation_email

    _require_owner(user=actor, organisation=organisation)
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    pending = [inv for inv in organisation.invitations.filter(email=email) if inv.is_pending]
    if pending:
        raise ValidationError(
            {"email": _("An invitation to this address is already waiting to be accepted.")}
        )
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=actor
    )
    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk))
    return invitation


class InvitationUnusable(Exception):
    """The invitation was accepted, revoked or has expired."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    """Turns a pending invitation into a membership for `user`, whose verified e-mail must be
    the invited address. An invitation is used once."""
    try:
        invitation = Invitation.objects.select_for_update().get(token=token)
    except Invitation.DoesNotExist as exc:
        raise InvitationUnusable(_("This invitation link is not valid.")) from exc
    if invitation.accepted_at is not None:
        raise InvitationUnusable(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise InvitationUnusable(_("This invitation was withdrawn by the organisation."))
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            _("This invitation has expired. Ask the organisation's owner for a new one.")
        )
    if user.email.lower() != invitation.email:
        raise PermissionDenied(
            _("This invitation was sent to another e-mail address. Log in as %(email)s.")
            % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.OWNER:
        membership.role = Membership.Role.OWNER
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    _require_owner(user=actor, organisation=invitation.organisation)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """An owner removes a member (or a member leaves); the last owner cannot leave."""
    organisation = membership.organisation
    if actor != membership.user:
        _require_owner(user=actor, organisation=organisation)
    if (
        membership.role == Membership.Role.OWNER
        and organisation.memberships.filter(role=Membership.Role.OWNER).count() == 1
    ):
        raise ValidationError(_("An organisation needs at least one owner."))
    membership.delete()


def user_update_profile(
    *, user: User, full_name: str, phone: str = "", job_title: str = ""
) -> User:
    user.full_name = full_name.strip()
    user.phone = phone.strip()
    user.job_title = job_title.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "phone", "job_title"])
    return user


@transaction.atomic
def user_api_token_rotate(*, user: User):
    """Gives `user` a new personal REST API token, replacing any old one (which stops working
    at once). Returns the token; its key is shown to the person once."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    logger.info("personal api token created", extra={"user": user.pk})
    return token


def user_api_token_revoke(*, user: User) -> bool:
    """Deletes the person's API token; returns whether there was one."""
    from rest_framework.authtoken.models import Token

    deleted, _details = Token.objects.filter(user=user).delete()
    if deleted:
        logger.info("personal api token revoked", extra={"user": user.pk})
    return bool(deleted)
