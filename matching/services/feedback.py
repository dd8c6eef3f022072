"""People's answers to suggestions: seen, contacted, dismissed (and undone), the "Contact"
action and a broker's introduction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from listings.models import Listing, ListingInterest
from listings.services import interest_express
from marketplace.accounts.models import Membership, Organisation, User
from marketplace.exchanges import permissions

from .. import notifications
from ..models import Suggestion

MAX_INTRODUCTION = 1000


def _set_status(suggestion: Suggestion, *, status: str, user: User, reason: str = "") -> None:
    suggestion.status = status
    suggestion.dismiss_reason = reason
    suggestion.status_changed_at = timezone.now()
    suggestion.status_changed_by = user
    suggestion.save(
        update_fields=["status", "dismiss_reason", "status_changed_at", "status_changed_by"]
    )


def suggestion_mark_seen(*, suggestion: Suggestion, user: User) -> Suggestion:
    """New → seen; any other status is left as it is (seeing is not an answer)."""
    if suggestion.status == Suggestion.Status.NEW:
        _set_status(suggestion, status=Suggestion.Status.SEEN, user=user)
    return suggestion


def suggestions_mark_seen(*, suggestions: list[Suggestion], user: User) -> int:
    """The new ones among `suggestions` become seen, in one update (a page of them was
    shown to their owner); returns how many changed."""
    return Suggestion.objects.filter(
        pk__in=[s.pk for s in suggestions], status=Suggestion.Status.NEW
    ).update(
        status=Suggestion.Status.SEEN, status_changed_at=timezone.now(), status_changed_by=user
    )


def suggestion_mark_contacted(*, suggestion: Suggestion, user: User) -> Suggestion:
    if suggestion.status != Suggestion.Status.CONTACTED:
        _set_status(suggestion, status=Suggestion.Status.CONTACTED, user=user)
    return suggestion


def suggestion_dismiss(*, suggestion: Suggestion, user: User, reason: str) -> Suggestion:
    """Hides the pair for good (recomputes keep the row and its reason)."""
    if reason not in Suggestion.DismissReason.values:
        raise ValueError(f"unknown dismissal reason {reason!r}")
    _set_status(suggestion, status=Suggestion.Status.DISMISSED, user=user, reason=reason)
    return suggestion


def suggestion_restore(*, suggestion: Suggestion, user: User) -> Suggestion:
    """Undo of a dismissal: the pair is shown again."""
    if suggestion.status == Suggestion.Status.DISMISSED:
        _set_status(suggestion, status=Suggestion.Status.SEEN, user=user)
    return suggestion


def _counterpart(suggestion: Suggestion, user: User) -> tuple[Organisation, Listing]:
    """(the user's organisation in the pair, the listing of the other side to contact)."""
    memberships = set(
        Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    if suggestion.offer.organisation_id in memberships and suggestion.need is not None:
        return suggestion.offer.organisation, suggestion.need
    if suggestion.need is not None and suggestion.need.organisation_id in memberships:
        return suggestion.need.organisation, suggestion.offer
    raise PermissionDenied(
        _("Only the owners of a listing in this pair can contact the other side.")
    )


@transaction.atomic
def suggestion_contact(*, suggestion: Suggestion, user: User, message: str = "") -> ListingInterest:
    """The "Contact" action of a transfer suggestion: the user's organisation expresses
    interest in the other side's listing (the owner is e-mailed, as for any interest) and the
    pair is marked contacted. When negotiation rooms exist this opens one instead."""
    if suggestion.kind != Suggestion.Kind.TRANSFER:
        raise ValidationError(_("A partner suggestion is contacted from the organisation's page."))
    organisation, listing = _counterpart(suggestion, user)
    interest = interest_express(
        user=user, organisation=organisation, listing=listing, message=message
    )
    suggestion_mark_contacted(suggestion=suggestion, user=user)
    return interest


def suggestion_introduce(*, suggestion: Suggestion, broker: User, message: str = "") -> int:
    """A broker of an exchange in the pair's scope introduces the two sides: one e-mail to the
    members of both organisations, naming the broker; the pair is marked contacted. Returns
    how many people were written to."""
    if not (
        permissions.may_broker(user=broker, obj=suggestion.offer)
        or (
            suggestion.need is not None and permissions.may_broker(user=broker, obj=suggestion.need)
        )
    ):
        raise PermissionDenied(_("Only staff of an exchange of this pair can introduce it."))
    message = message.strip()
    if len(message) > MAX_INTRODUCTION:
        raise ValidationError({"message": _("At most 1,000 characters.")})
    recipients = notifications.introduction_send(
        suggestion=suggestion, broker=broker, message=message
    )
    suggestion_mark_contacted(suggestion=suggestion, user=broker)
    return recipients
