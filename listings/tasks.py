from celery import shared_task

from . import emails, services, spreadsheets


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_interest_notification(interest_id: int) -> bool:
    return emails.interest_notification_send(interest_id=interest_id)


@shared_task
def expire_listings() -> int:
    """Daily: published listings past their expiry date become expired. Idempotent."""
    return services.listings_expire_due()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_renewal_reminders() -> int:
    """Daily: 30- and 7-day reminders; each is recorded, so a rerun sends nothing twice."""
    return emails.renewal_reminders_send()


@shared_task
def sweep_pending_imports() -> int:
    """Every quarter of an hour: spreadsheet uploads previewed but never confirmed nor
    cancelled are deleted once older than an hour. Idempotent."""
    return spreadsheets.pending_sweep()
