"""E-mails about listings, rendered in Vietnamese (the users' working language) with the
English text below in the same message."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.accounts.models import Membership

from .models import Listing, ListingInterest, RenewalReminder

REMINDER_DAYS = (30, 7)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _links(listing: Listing) -> dict[str, str]:
    """The listing's and "My listings" addresses in the default language, like the e-mail,
    whatever language the request or job that sends it runs in."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "listing_url": _absolute(listing.get_absolute_url()),
            "my_listings_url": _absolute(reverse("listings:my_listings")),
        }


def _owner_emails(listing: Listing) -> list[str]:
    return sorted(
        Membership.objects.filter(organisation_id=listing.organisation_id)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _send(template: str, context: dict, recipients: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        # One line whatever the titles hold: a line break in a header is refused by Django.
        subject = " ".join(
            render_to_string(f"listings/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"listings/email/{template}_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def interest_notification_send(*, interest_id: int) -> bool:
    interest = (
        ListingInterest.objects.select_related("listing", "organisation", "user")
        .filter(pk=interest_id)
        .first()
    )
    if interest is None:
        return False
    recipients = _owner_emails(interest.listing)
    if not recipients:
        return False
    _send(
        "interest",
        {
            "interest": interest,
            "listing": interest.listing,
            **_links(interest.listing),
        },
        recipients,
    )
    return True


def renewal_reminders_send(*, now=None) -> int:
    """Sends the 30- and 7-day expiry reminders that are due and not yet sent."""
    now = now or timezone.now()
    sent = 0
    for days in REMINDER_DAYS:
        due = Listing.objects.filter(
            status=Listing.Status.PUBLISHED,
            expires_at__gt=now,
            expires_at__lte=now + timedelta(days=days),
        ).select_related("organisation")
        for listing in due:
            if days == 30 and listing.expires_at <= now + timedelta(days=7):
                continue  # inside the 7-day window the 7-day reminder is the one to send
            recipients = _owner_emails(listing)
            if not recipients:
                continue
            # The row and the e-mail share a transaction: a failed send rolls the row back so
            # the retried job sends it, and a sent reminder is never sent again.
            try:
                with transaction.atomic():
                    RenewalReminder.objects.create(
                        listing=listing, days_before=days, expires_at=listing.expires_at
                    )
                    _send(
                        "renewal",
                        {
                            "listing": listing,
                            "days": days,
                            **_links(listing),
                        },
                        recipients,
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent
