"""Celery tasks that keep the search index in step with the database.

search.subscribers queues them when listings or organisations change (the change events of
listings.events and marketplace.accounts.events), once the writer's transaction committed.
Each task is idempotent (it re-reads the database and upserts or deletes) and retries with
exponential backoff while the engine is unreachable; whatever still fails is caught up by the
daily `repair_search_index`.
"""

import logging

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import engine, indexing, repair

logger = logging.getLogger(__name__)

MAX_RETRIES = 8
BACKOFF_FACTOR = 2  # seconds: 2, 4, 8, ... capped at BACKOFF_MAX
BACKOFF_MAX = 600
# Engine answers that mean "not now" rather than "never".
_RETRY_STATUSES = {408, 429, 500, 502, 503, 504}


def _is_transient(exc: Exception) -> bool:
    """Connection refused, timeouts and the engine's own "unavailable" answers."""
    if isinstance(exc, TransportError):  # ConnectionError, ConnectionTimeout, TLS errors
        return True
    return isinstance(exc, ApiError) and exc.meta.status in _RETRY_STATUSES


class SearchTask(Task):
    """Runs in the calling process when the engine is the embedded in-memory one: that engine
    is shared by the processes of one machine only, and a worker on another machine would
    write into an engine of its own that the site never searches."""

    def apply_async(self, args=None, kwargs=None, **options):
        if engine.uses_embedded_engine() and not self.app.conf.task_always_eager:
            return self.apply(args, kwargs)
        return super().apply_async(args, kwargs, **options)


def _run(task, function, *args):
    try:
        return function(*args)
    except Exception as exc:
        if not _is_transient(exc):
            raise
        countdown = get_exponential_backoff_interval(
            BACKOFF_FACTOR, task.request.retries, BACKOFF_MAX, full_jitter=False
        )
        logger.warning(
            "search engine unavailable, retrying",
            extra={"task": task.name, "retries": task.request.retries, "countdown": countdown},
        )
        raise task.retry(exc=exc, countdown=countdown, max_retries=MAX_RETRIES) from exc


@shared_task(bind=True, base=SearchTask, max_retries=MAX_RETRIES, acks_late=True)
def index_listing(self, listing_id: int) -> str:
    """Upserts (published) or deletes (anything else) one listing's document."""
    return _run(self, indexing.listing_upsert, listing_id)


@shared_task(bind=True, base=SearchTask, max_retries=MAX_RETRIES, acks_late=True)
def index_listings(self, listing_ids: list[int]) -> dict:
    """Bulk version for imports: chunked bulk requests."""
    return _run(self, indexing.listings_upsert, list(listing_ids))


@shared_task(bind=True, base=SearchTask, max_retries=MAX_RETRIES, acks_late=True)
def index_organisation_listings(self, organisation_id: int) -> dict:
    """Re-indexes an organisation's listings after its name or verification changed."""

    def reindex(organisation_id):
        return indexing.listings_upsert(indexing.organisation_listing_ids(organisation_id))

    return _run(self, reindex, organisation_id)


@shared_task(bind=True, base=SearchTask, max_retries=MAX_RETRIES, acks_late=True)
def repair_search_index(self) -> dict:
    """Daily: makes the index match the database (missing, stale and extra documents)."""

    def check_and_repair():
        report = repair.index_repair()
        return {"missing": report.missing, "stale": report.stale, "extra": report.extra}

    return _run(self, check_and_repair)


# --- Saved searches: the daily digest ---------------------------------------------------------


@shared_task(bind=True, base=SearchTask, max_retries=MAX_RETRIES, acks_late=True)
def send_saved_search_digests(self, until: str | None = None) -> dict:
    """Daily: e-mails each user the listings published since their last digest that match
    their saved searches (search.services.saved_search_digests_send).

    The period's end (`until`) is fixed by the first run and kept by every retry: users
    already sent have `last_sent_at == until` and are skipped, so a retry e-mails only those
    not reached (engine down: backoff like the indexing tasks) or whose send failed."""
    from datetime import datetime

    from . import services
    from .queries import SearchUnavailable

    end = datetime.fromisoformat(until) if until else services.digest_until()
    countdown = get_exponential_backoff_interval(
        BACKOFF_FACTOR, self.request.retries, BACKOFF_MAX, full_jitter=False
    )
    try:
        report = services.saved_search_digests_send(until=end)
    except SearchUnavailable as exc:
        logger.warning(
            "search engine unavailable, digest retrying",
            extra={"retries": self.request.retries, "countdown": countdown},
        )
        raise self.retry(
            exc=exc, countdown=countdown, max_retries=MAX_RETRIES, kwargs={"until": end.isoformat()}
        ) from exc
    if report.failed:
        exc = RuntimeError(f"saved-search digest failed for users {report.failed}")
        raise self.retry(
            exc=exc, countdown=countdown, max_retries=MAX_RETRIES, kwargs={"until": end.isoformat()}
        )
    return {
        "until": end.isoformat(),
        "users": len(report.sent),
        "listings": sum(report.sent.values()),
    }
