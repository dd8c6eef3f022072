"""marketplace.core.events: a change is announced after commit, to every handler the setting
names, in order; never on rollback; a failing handler stops nobody; `batched` gathers."""

import logging

import pytest
from django.db import transaction

from marketplace.core.events import ChangeEvent

# Real transactions: the point is what happens on commit and on rollback.
pytestmark = pytest.mark.django_db(transaction=True)

CALLS: list[tuple[str, tuple[int, ...], str]] = []


def first(ids, *, reason):
    CALLS.append(("first", tuple(ids), reason))


def broken(ids, *, reason):
    raise RuntimeError("this consumer is down")


def last(ids, *, reason):
    CALLS.append(("last", tuple(ids), reason))


@pytest.fixture
def event(settings):
    CALLS.clear()
    settings.THINGS_CHANGED_HANDLERS = [
        "tests.core.test_events.first",
        "tests.core.test_events.broken",
        "tests.core.test_events.last",
    ]
    return ChangeEvent("things_changed", setting="THINGS_CHANGED_HANDLERS")


def test_handlers_run_in_order_after_commit_and_a_failure_stops_nobody(event, caplog):
    with caplog.at_level(logging.ERROR), transaction.atomic():
        event([3, 1, 3], reason="updated")
        assert CALLS == []  # nothing before the commit

    assert CALLS == [("first", (3, 1), "updated"), ("last", (3, 1), "updated")]
    assert [record.getMessage() for record in caplog.records] == ["change event handler failed"]


def test_nothing_is_announced_on_rollback_or_for_no_rows(event):
    with pytest.raises(ValueError), transaction.atomic():
        event([1], reason="updated")
        raise ValueError
    event([], reason="updated")

    assert CALLS == []


def test_a_rolled_back_savepoint_takes_its_announcements_with_it(event):
    with transaction.atomic():
        event([1], reason="created")
        with pytest.raises(ValueError), transaction.atomic():
            event([2], reason="created")
            raise ValueError

    assert [call for call in CALLS if call[0] == "first"] == [("first", (1,), "created")]


def test_batched_gathers_one_announcement_per_reason(event):
    with transaction.atomic(), event.batched():
        event([1], reason="created")
        event([2], reason="created")
        event([1, 2], reason="approved")
        event([1], reason="created")

    assert [call for call in CALLS if call[0] == "first"] == [
        ("first", (1, 2), "created"),
        ("first", (1, 2), "approved"),
    ]


def test_batched_announces_nothing_when_its_block_fails(event):
    with pytest.raises(ValueError), transaction.atomic(), event.batched():
        event([1], reason="created")
        raise ValueError
    with transaction.atomic():
        event([9], reason="updated")  # after the failed batch: announced as usual

    assert [call for call in CALLS if call[0] == "first"] == [("first", (9,), "updated")]


def test_batched_leaves_out_what_a_rolled_back_savepoint_wrote(event):
    with transaction.atomic(), event.batched():
        event([1], reason="created")
        with pytest.raises(ValueError), transaction.atomic():
            event([2], reason="created")
            raise ValueError
        event([3], reason="created")

    assert [call for call in CALLS if call[0] == "first"] == [("first", (1, 3), "created")]


def test_batched_announces_what_committed_even_when_its_block_failed(event):
    # A writer that commits as it goes (no surrounding transaction) and then fails
    with pytest.raises(ValueError), event.batched():
        with transaction.atomic():
            event([1], reason="expired")
        raise ValueError

    assert [call for call in CALLS if call[0] == "first"] == [("first", (1,), "expired")]


def test_a_handler_setting_that_cannot_be_imported_fails_no_write(event, settings, caplog):
    settings.THINGS_CHANGED_HANDLERS = ["tests.core.test_events.nowhere"]
    with caplog.at_level(logging.ERROR), transaction.atomic():
        event([1], reason="updated")

    assert [record.getMessage() for record in caplog.records] == [
        "change event handlers cannot be imported"
    ]


def test_the_setting_is_read_again_when_it_changes(event, settings):
    event([1], reason="updated")
    settings.THINGS_CHANGED_HANDLERS = ["tests.core.test_events.last"]
    event([2], reason="updated")

    assert CALLS == [
        ("first", (1,), "updated"),
        ("last", (1,), "updated"),
        ("last", (2,), "updated"),
    ]
