"""The search engine is down: the site keeps working, the indexing task retries with
exponential backoff, and nothing is lost: once the engine is back, the repair job indexes what
was missed. (The search page's message and the API's 503 are tested with the queries.)

The engine is made unreachable by pointing the client at a closed port. Celery runs eagerly in
tests with task_eager_propagates: there `self.retry()` raises celery.exceptions.Retry to the
caller (its `when` is the countdown) instead of re-queueing; in a worker, the same Retry
re-queues the task with that countdown. After MAX_RETRIES the engine's own error is raised.
"""

import logging

import pytest
from celery.exceptions import Retry
from django.test import Client
from django.utils import translation
from elastic_transport import ConnectionError as EngineConnectionError

from listings import services
from search import engine, indexing, repair, tasks
from search.documents import alias_name
from tests.factories import ExchangeStaffFactory, ListingFactory, exchange

pytestmark = pytest.mark.django_db

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def engine_down(settings):
    """Points the search client at a closed port; restores the real engine afterwards."""
    original = settings.ELASTICSEARCH_URL
    indexing.ensure_indices()  # the real engine is up before the outage

    class Outage:
        def start(self):
            settings.ELASTICSEARCH_URL = CLOSED_PORT
            engine.reset_client()

        def end(self):
            settings.ELASTICSEARCH_URL = original
            engine.reset_client()

    outage = Outage()
    outage.start()
    yield outage
    outage.end()


def test_publishing_during_an_outage_succeeds_and_the_repair_catches_up(
    engine_down, django_capture_on_commit_callbacks, caplog
):
    # Given a submitted offer and a curator, while the engine is unreachable
    listing = ListingFactory(status="submitted", published_at=None)
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user
    assert engine.engine_ping()[0] is False

    # When the curator approves it
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True) as cbs:
        services.listing_approve(actor=curator, listing=listing)

    # Then the listing is published all the same
    listing.refresh_from_db()
    assert listing.status == "published"
    assert len(cbs) == 1
    # and the indexing task asked to be retried later; the change event logged that instead
    # of failing the request
    failures = [r for r in caplog.records if r.getMessage() == "change event handler failed"]
    assert len(failures) == 1
    assert isinstance(failures[0].exc_info[1], Retry)
    assert isinstance(failures[0].exc_info[1].exc, EngineConnectionError)
    # and the public page of the listing answers (override: the request activates English,
    # which must not leak into later tests)
    with translation.override("vi"):
        assert Client().get(f"/en/offers/{listing.pk}/").status_code == 200

    # When the engine is back, nothing is lost: the daily repair job finds and indexes it
    engine_down.end()
    assert repair.index_check().missing == [listing.pk]
    result = tasks.repair_search_index.delay().get()
    assert result == {"missing": [listing.pk], "stale": [], "extra": []}
    indexing.refresh()
    document = engine.get_client().get(index=alias_name("offer"), id=str(listing.pk))
    assert document["_source"]["title"] == listing.title
    assert repair.index_check().ok


expected = {
    "search.tasks.index_listing": lambda pk: ["indexed", "indexed"],
    "search.tasks.index_listings": lambda pk: [{"indexed": 1, "deleted": 0}] * 2,
    "search.tasks.index_organisation_listings": lambda pk: [{"indexed": 1, "deleted": 0}] * 2,
    "search.tasks.repair_search_index": lambda pk: [
        {"missing": [pk], "stale": [], "extra": []},
        {"missing": [], "stale": [], "extra": []},
    ],
}


@pytest.mark.parametrize(
    ("task", "args"),
    [
        (tasks.index_listing, ["listing"]),
        (tasks.index_listings, [["listing"]]),
        (tasks.index_organisation_listings, ["organisation"]),
        (tasks.repair_search_index, []),
    ],
)
def test_each_task_retries_with_exponential_backoff_then_gives_up(engine_down, task, args):
    listing = ListingFactory()
    ids = {"listing": listing.pk, "organisation": listing.organisation_id}
    args = [[ids[a] for a in arg] if isinstance(arg, list) else ids[arg] for arg in args]

    # Each attempt asks to be retried after 2, 4, 8, ... seconds (capped at 10 minutes)
    countdowns = []
    for attempt in range(tasks.MAX_RETRIES):
        with pytest.raises(Retry) as retry:
            task.apply(args=args, retries=attempt)
        assert isinstance(retry.value.exc, EngineConnectionError)
        countdowns.append(retry.value.when)
    assert countdowns == [2, 4, 8, 16, 32, 64, 128, 256]

    # and after the last retry the engine's error is raised: the daily repair catches up
    with pytest.raises(EngineConnectionError):
        task.apply(args=args, retries=tasks.MAX_RETRIES)

    # Once the engine answers, the same task succeeds, and running it twice changes nothing
    engine_down.end()
    results = [task.apply(args=args).get() for _ in range(2)]
    assert results == expected[task.name](listing.pk)
    indexing.refresh()
    assert engine.get_client().get(index=alias_name("offer"), id=str(listing.pk))["found"]


def test_a_task_does_not_retry_errors_that_are_not_transient():
    # A listing id that is not a number is a bug, not an outage: no Retry, the error itself.
    with pytest.raises(ValueError):
        tasks.index_listing.apply(args=["not-a-number"])
