from celery import shared_task

from .emails import invitation_email_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(self, invitation_id: int) -> None:
    """Sends the invitation e-mail; safe to retry (sending twice only repeats the e-mail)."""
    invitation_email_send(invitation_id=invitation_id)
