"""Concurrent writers through a real ASGI server never get a 500, and every write is kept
(issue 9, item 1).

SQLite used to answer "database is locked" (500) to a good share of concurrent API writes:
a deferred transaction that reads first and then writes cannot wait for the lock, so SQLite
fails it at once. The settings now make SQLite take the write lock when a transaction starts
(and wait for it), in WAL mode so that readers go on beside the writer.

The suite's database decides the variant: on SQLite (no DATABASE_URL) the server serves a file
database of its own in a temporary folder, migrated first by `manage.py migrate`; on
PostgreSQL it serves the test database itself, with transactional tests so that what the test
creates is committed and visible to the server, and flushed afterwards.
"""

import http.client
import json
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.hardening import site_data
from tests.live_asgi import ROOT, asgi_server, server_environment, suite_database_url

THREADS = 4
WRITES_PER_THREAD = 10
EDITS_PER_THREAD = 5
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# On PostgreSQL the tests are transactional: what they create is committed, so the server sees
# it, and flushed afterwards. (The marker, not a fixture asked for at run time, is what makes
# pytest-django create the test database before the module's server starts.) On SQLite the
# suite's in-memory database is not used at all.
pytestmark = [pytest.mark.slow]
if ON_POSTGRESQL:
    pytestmark.append(pytest.mark.django_db(transaction=True))


@dataclass
class LiveSite:
    base_url: str
    # Calls a function of tests.hardening.site_data where the server's database is.
    run_in_site: Callable[..., object]


def _run_in_subprocess(env: dict[str, str]) -> Callable[..., object]:
    def run(function: str, **kwargs):
        code = (
            "import django, json, sys; django.setup(); "
            "from tests.hardening import site_data; "
            "print(json.dumps(getattr(site_data, sys.argv[1])(**json.loads(sys.argv[2]))))"
        )
        result = subprocess.run(  # noqa: S603 (this interpreter, this module's code)
            [sys.executable, "-c", code, function, json.dumps(kwargs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-4000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    return run


def _run_in_process(function: str, **kwargs):
    return json.loads(json.dumps(getattr(site_data, function)(**kwargs)))


@pytest.fixture(scope="module")
def live_site(request, tmp_path_factory) -> Iterator[LiveSite]:
    if ON_POSTGRESQL:
        request.getfixturevalue("django_db_setup")
        with asgi_server({"DATABASE_URL": suite_database_url()}) as base_url:
            yield LiveSite(base_url, _run_in_process)
        return

    env = {"VNTX_VAR_DIR": str(tmp_path_factory.mktemp("sqlite-site"))}
    site_env = server_environment(env)
    migrate = subprocess.run(  # noqa: S603 (this interpreter, the project's manage.py)
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=site_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrate.returncode == 0, migrate.stderr[-4000:]
    with asgi_server(env) as base_url:
        yield LiveSite(base_url, _run_in_subprocess(site_env))


@pytest.fixture
def site(request, live_site) -> LiveSite:
    if ON_POSTGRESQL:
        request.getfixturevalue("reference_data")  # the flush of the test before removed it
    return live_site


def _send(base_url: str, method: str, path: str, key: str, body: dict) -> tuple[int, bytes]:
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request(
            method,
            path,
            body=json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {key}",
                "Content-Type": "application/json",
                "Accept-Language": "en",
            },
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _in_threads(requests_per_thread: list[list[tuple[str, str, dict]]], site, key) -> list:
    """Sends each thread's requests in turn, all threads released together; returns
    (status, body) of every request."""
    start = threading.Barrier(len(requests_per_thread))

    def work(requests):
        start.wait()
        return [_send(site.base_url, method, path, key, body) for method, path, body in requests]

    with ThreadPoolExecutor(max_workers=len(requests_per_thread)) as pool:
        answers = list(pool.map(work, requests_per_thread))
    return [answer for thread_answers in answers for answer in thread_answers]


def _errors(answers) -> list[tuple[int, str]]:
    """(status, what went wrong) of every server error: the <title> of Django's debug page
    ("OperationalError at /api/v1/needs/") or the start of the body."""
    errors = []
    for status, body in answers:
        if status >= 500:
            text = body.decode(errors="replace")
            title = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
            errors.append((status, " ".join((title.group(1) if title else text[:200]).split())))
    return errors


def test_concurrent_creates_all_succeed_and_are_all_stored(site):
    writer = site.run_in_site("writer_create", tax_code="0109000001", offer_count=0)
    titles = [
        f"Nhu cầu sấy cà phê {thread}-{number}"
        for thread in range(THREADS)
        for number in range(WRITES_PER_THREAD)
    ]
    requests_per_thread = [
        [
            ("POST", "/api/v1/needs/", site_data.need_body(title))
            for title in titles[thread * WRITES_PER_THREAD : (thread + 1) * WRITES_PER_THREAD]
        ]
        for thread in range(THREADS)
    ]

    answers = _in_threads(requests_per_thread, site, writer["key"])

    assert _errors(answers) == []
    assert Counter(status for status, _body in answers) == {201: 40}
    stored = site.run_in_site("listing_titles", tax_code="0109000001", kind="need")
    assert sorted(stored.values()) == sorted(titles)
    assert sorted(int(json.loads(body)["id"]) for _status, body in answers) == sorted(
        int(pk) for pk in stored
    )


def test_concurrent_edits_all_succeed_and_are_all_stored(site):
    offer_count = THREADS * EDITS_PER_THREAD
    writer = site.run_in_site("writer_create", tax_code="0109000002", offer_count=offer_count)
    offer_ids = writer["offer_ids"]
    new_titles = {pk: f"Vật liệu nano bạc, bản sửa {pk}" for pk in offer_ids}
    requests_per_thread = [
        [
            ("PATCH", f"/api/v1/offers/{pk}/", {"title": new_titles[pk]})
            for pk in offer_ids[thread * EDITS_PER_THREAD : (thread + 1) * EDITS_PER_THREAD]
        ]
        for thread in range(THREADS)
    ]

    answers = _in_threads(requests_per_thread, site, writer["key"])

    assert _errors(answers) == []
    assert Counter(status for status, _body in answers) == {200: 20}
    stored = site.run_in_site("listing_titles", tax_code="0109000002", kind="offer")
    assert stored == {str(pk): title for pk, title in new_titles.items()}
