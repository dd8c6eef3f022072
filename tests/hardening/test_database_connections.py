"""Under load, an ASGI server keeps its PostgreSQL connections within its pool (issue 9,
item 11).

Django's ASGI handler runs each request's synchronous code in a thread of its own, and
Django's connections belong to threads: with CONN_MAX_AGE > 0 every request opened a new
connection and left the previous one open until garbage collection, so 16 concurrent clients
exhausted PostgreSQL's max_connections ("too many clients": 500s and 503s from /healthz).
Connections now come from a psycopg pool per process (DATABASE_POOL_MAX_SIZE).
"""

import http.client
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

from tests.live_asgi import asgi_server, suite_database_url

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRESQL, reason="PostgreSQL only: set DATABASE_URL (CI runs it so)"
    ),
]

CLIENTS = 16
REQUESTS_PER_CLIENT = 12
POOL_SIZE = 4
# libpq reads PGAPPNAME: the server's connections are told apart from the test's own by it.
SERVER_APPLICATION_NAME = "vntx-hardening-pool-test"


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [SERVER_APPLICATION_NAME],
        )
        return cursor.fetchone()[0]


def test_sixteen_concurrent_clients_are_served_within_the_pool(reference_data):
    env = {
        "DATABASE_URL": suite_database_url(),
        "DATABASE_POOL_MIN_SIZE": str(POOL_SIZE),
        "DATABASE_POOL_MAX_SIZE": str(POOL_SIZE),
        "PGAPPNAME": SERVER_APPLICATION_NAME,
    }
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        try:
            while not done.is_set():
                peak = max(peak, _server_connections())
                done.wait(0.1)
        finally:
            # This thread's connection goes back to the test process's own pool: one left
            # checked out would keep the test database from being dropped at the end.
            connection.close()

    with asgi_server(env) as base_url:
        address = urlsplit(base_url)

        def client(number: int) -> list[int]:
            statuses = []
            session = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
            for turn in range(REQUESTS_PER_CLIENT):
                path = ("/healthz", "/api/v1/offers/")[(number + turn) % 2]
                session.request("GET", path, headers={"Host": "localhost"})
                response = session.getresponse()
                response.read()
                statuses.append(response.status)
            session.close()
            return statuses

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
                statuses = [
                    status for answers in pool.map(client, range(CLIENTS)) for status in answers
                ]
        finally:
            done.set()
            sampler.join()
        after = _server_connections()

    assert Counter(statuses) == {200: CLIENTS * REQUESTS_PER_CLIENT}
    assert peak <= POOL_SIZE
    assert after == POOL_SIZE  # the pool keeps its connections open for the next requests
