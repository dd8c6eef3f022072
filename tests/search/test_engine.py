"""Which engine answers, and its indices ready on first use (search.engine, search.bootstrap).

The embedded engine is supervised and shared: a killed engine is restarted
on the next use and refilled from the database, changes made during the outage included; the
processes of one machine share the engine recorded in the state folder, and a stale record
(dead process, or an address where no engine answers) is replaced.

"Another process" is played here by forgetting what this process knows (the engine it
started, its client): what remains is the record in the state folder, which is all another
process would have. tests/search/test_shared_engine_processes.py runs real processes.
"""

import json
import os
import signal
import subprocess
import time

import pytest
from django.test import Client
from elasticsearch import Elasticsearch

from listings import services
from listings.formats import Vocabularies, listing_data_from_dict
from search import bootstrap, engine
from search.documents import alias_name
from tests.factories import ListingFactory, MembershipFactory

pytestmark = pytest.mark.django_db
embedded_only = pytest.mark.skipif(
    not engine.uses_embedded_engine(), reason="the embedded engine only"
)


def search_ids(query: str) -> list[int]:
    response = Client().get("/api/v1/search/", {"q": query, "kind": "offer"})
    assert response.status_code == 200, response.content
    return [result["id"] for result in response.json()["results"]]


def wait_until_dead(pid: int) -> None:
    deadline = time.monotonic() + 10
    while engine._process_alive(pid):
        assert time.monotonic() < deadline, f"engine {pid} still alive"
        time.sleep(0.05)


def forget_this_process_state() -> None:
    """What a newly started process knows: nothing but the record."""
    engine._known_engine = None
    engine._children.clear()
    engine.reset_client()
    bootstrap.reset_state()


def record() -> dict:
    return json.loads(engine._record_path().read_text())


@embedded_only
def test_a_killed_engine_is_restarted_and_has_the_changes_made_during_the_outage(
    django_capture_on_commit_callbacks,
):
    # Given a published offer, found by search
    member = MembershipFactory(role="owner")
    content = {
        "kind": "offer",
        "title": "Máy sấy nông sản năng lượng mặt trời",
        "summary": "Sấy nông sản sau thu hoạch.",
        "description": "Buồng sấy dùng nhiệt mặt trời.",
        "sectors": ["401"],
        "trl": 6,
    }
    data = listing_data_from_dict(content, vocab=Vocabularies())
    with django_capture_on_commit_callbacks(execute=True):
        listing = services.listing_create(
            actor=None, organisation=member.organisation, data=data, status="published"
        )
    assert search_ids("sấy nông sản") == [listing.pk]
    first = engine.running_embedded_engine()

    # When the engine's process is killed
    os.kill(first.pid, signal.SIGKILL)
    wait_until_dead(first.pid)
    assert engine.running_embedded_engine() is None
    # and the owner renames the offer during the outage (nothing to write to: no error)
    data = listing_data_from_dict(
        content | {"title": "Hệ thống tưới nhỏ giọt thông minh", "summary": "Tưới cho cà phê."},
        vocab=Vocabularies(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_update(actor=member.user, listing=listing, data=data)

    # Then the next search restarts the engine, refilled from the database
    assert search_ids("tưới nhỏ giọt") == [listing.pk]
    assert search_ids("sấy nông sản") == []
    second = engine.running_embedded_engine()
    assert second.pid != first.pid
    assert record() == {
        "url": second.url,
        "pid": second.pid,
        "version": second.version,
        "api_version": second.api_version,
    }


@embedded_only
def test_another_process_uses_the_recorded_engine_and_sees_the_same_index():
    # Given an engine started by this process
    listing = ListingFactory(title="Chế phẩm vi sinh xử lý nước ao nuôi tôm")
    started = engine.embedded_engine()
    assert search_ids("vi sinh ao tôm") == [listing.pk]

    # When a process that knows only the record uses search
    forget_this_process_state()

    # Then it uses the same engine: no new process, the same documents, no second fill
    assert engine.embedded_engine() == started
    assert search_ids("vi sinh ao tôm") == [listing.pk]
    assert engine._children == {}


@embedded_only
def test_a_record_of_a_dead_process_is_stale_and_replaced():
    # Given a record naming a process that has exited
    dead = subprocess.Popen(["true"])  # noqa: S607
    dead.wait()
    engine.embedded_engine_stop()
    engine._record_path().write_text(
        json.dumps({"url": "http://127.0.0.1:9", "pid": dead.pid, "version": "0"})
    )
    forget_this_process_state()
    listing = ListingFactory(title="Giống lúa chịu mặn ST25 cải tiến")

    # When search is used
    assert search_ids("lúa chịu mặn") == [listing.pk]

    # Then a new engine runs and the record names it
    assert record()["pid"] != dead.pid
    assert record()["pid"] == engine.running_embedded_engine().pid


@embedded_only
def test_a_record_whose_address_answers_no_engine_is_stale():
    # Given a record whose pid is alive (after a reboot it may be anyone's: here, this test
    # process) but whose address answers nothing
    engine.embedded_engine_stop()
    engine._record_path().write_text(
        json.dumps({"url": "http://127.0.0.1:9", "pid": os.getpid(), "version": "0"})
    )
    forget_this_process_state()

    # When the engine is needed, a new one is started over the stale record
    started = engine.embedded_engine()
    assert started.pid != os.getpid()
    assert started.url != "http://127.0.0.1:9"
    assert record()["pid"] == started.pid


@embedded_only
def test_stop_engine_command_stops_the_shared_engine(capsys):
    from django.core.management import call_command

    running = engine.embedded_engine()
    call_command("search_index", "--stop-engine")
    assert capsys.readouterr().out == "Đã dừng máy tìm kiếm nhúng.\n"
    wait_until_dead(running.pid)
    assert not engine._record_path().exists()
    call_command("search_index", "--stop-engine")
    assert capsys.readouterr().out == "Không có máy tìm kiếm nhúng nào đang chạy.\n"


@embedded_only
def test_health_names_the_embedded_engine_by_its_own_name_and_version():
    from osmem_server import __version__

    engine.embedded_engine()
    response = Client().get("/healthz")
    assert response.json()["checks"]["search"] == {
        "status": "ok",
        "detail": f"osmem-server {__version__} (OpenSearch API 3.8.0)",
    }


@embedded_only  # it plays the cluster
def test_first_use_on_elasticsearch_creates_both_aliases_of_a_fresh_cluster(settings, monkeypatch):
    # Given an Elasticsearch path (played by the embedded engine, spoken to in plain JSON as
    # osmem-server needs) on which no index of this prefix exists
    url = engine.embedded_engine().url
    monkeypatch.setattr(
        engine,
        "_external_client",
        lambda: Elasticsearch(url, node_class=engine.PlainJsonNode, request_timeout=10),
    )
    settings.ELASTICSEARCH_URL = url
    engine.reset_client()
    bootstrap.reset_state()
    client = engine.get_client()

    # Then the first use created the alias of each kind, over one empty index each
    for kind in ("offer", "need"):
        behind = client.indices.get_alias(name=alias_name(kind)).body
        assert len(behind) == 1
        assert client.count(index=alias_name(kind))["count"] == 0
    assert search_ids("anything") == []
