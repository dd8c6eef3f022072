"""Writes for people: invitations into organisations, memberships, profiles, API tokens."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Invitation, Membership, Organisation, User
from .organisations import require_owner

logger = logging.getLogger(__name__)


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str = Membership.Role.MEMBER
) -> Invitation:
    """An owner invites an e-mail address; the e-mail is sent after commit."""
    from ..tasks import send_invitation_email

    require_owner(user=actor, organisation=organisation)
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
    require_owner(user=actor, organisation=invitation.organisation)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """An owner removes a member (or a member leaves); the last owner cannot leave."""
    organisation = membership.organisation
    if actor != membership.user:
        require_owner(user=actor, organisation=organisation)
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
