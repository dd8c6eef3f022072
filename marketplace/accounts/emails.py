"""E-mails of the accounts package, rendered in the recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation


def invitation_email_send(*, invitation_id: int) -> bool:
    """Sends the invitation if it is still pending; returns whether an e-mail went out."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "accept_url": settings.SITE_URL.rstrip("/")
            + reverse("accounts:invitation_accept", args=[invitation.token]),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    return True
