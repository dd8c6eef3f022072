"""Celery tasks of the matching engine; each is idempotent (it recomputes from the database
and upserts on the pair) and only calls a service."""

from celery import shared_task

from . import notifications, services


@shared_task(acks_late=True, max_retries=3, default_retry_delay=60)
def match_listings(listing_ids: list[int]) -> dict:
    report = services.suggestions_refresh_for_listings(listing_ids=listing_ids)
    return {"encoded": report.encoded, "transfers": report.transfers, "removed": report.removed}


@shared_task(acks_late=True, max_retries=3, default_retry_delay=60)
def match_organisations(organisation_ids: list[int]) -> dict:
    partners = services.suggestions_refresh_for_organisations(organisation_ids=organisation_ids)
    return {"partners": partners}


@shared_task(acks_late=True)
def match_all() -> dict:
    """Nightly: every list from scratch (the same service as `manage.py match_all`)."""
    report = services.suggestions_recompute_all()
    return {
        "encoded": report.encoded,
        "transfers": report.transfers,
        "partners": report.partners,
        "removed": report.removed,
    }


@shared_task(acks_late=True)
def send_match_digests() -> dict:
    """Daily: one e-mail per person with the new strong suggestions for their organisations'
    listings (matching.notifications)."""
    report = notifications.match_digests_send()
    return {"sent": report.sent, "suggestions": report.suggestions}
