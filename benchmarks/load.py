"""Load check: concurrent clients against a production-mode server (issue 9, item 11).

N clients (default 16), each on its own keep-alive connection, request in turn the home page
`/`, a listing page, the API list `/api/v1/offers/` and `/healthz` for a fixed time, after one
warm-up pass. Every answer that is not 2xx or 3xx, and every failed request, is an error; the
command exits with status 1 when there was any. It prints requests/s, p50/p95 latency per URL,
the errors by kind and, on PostgreSQL, the most connections the site's database had open at
once (sampled every 0.25 s from pg_stat_activity).

Unless --url names a running server, the command starts one itself with tests/live_asgi.py
(uvicorn, --workers from WEB_CONCURRENCY, default 2) in production mode: DEBUG=false and
SECURE_SSL_REDIRECT=false (so that plain HTTP is answered, not redirected to https), with the
rest of its environment (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, STATIC_ROOT, REDIS_URL,
DATABASE_POOL_MAX_SIZE, ...) as given. The database must be migrated, hold at least one
published offer, and DEBUG=false needs the collected static files (`manage.py collectstatic`).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vntx_load SECRET_KEY=load-check \\
        ALLOWED_HOSTS=localhost,127.0.0.1 STATIC_ROOT=/tmp/vntx-load-static
    createdb -h 127.0.0.1 -U postgres vntx_load
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --quiet
    DEBUG=false .venv/bin/python manage.py collectstatic --noinput
    .venv/bin/python benchmarks/load.py --short     # CI: 16 clients for 5 s
    .venv/bin/python benchmarks/load.py             # full form: 16 clients for 60 s

Options: --clients, --seconds, --workers, --url (a running server: nothing is started),
--host (the Host header, default the first of ALLOWED_HOSTS or localhost).
Results are recorded by hand in benchmarks/RESULTS.md with the machine's description.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import sys
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live_asgi import asgi_server  # noqa: E402 (after the path is set)

SHORT_SECONDS = 5
FULL_SECONDS = 60
REQUEST_TIMEOUT_SECONDS = 30
SAMPLE_EVERY_SECONDS = 0.25


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, answered requests
    errors: Counter = field(default_factory=Counter)  # kind of error -> count


def main() -> int:
    options = _parse_arguments()
    seconds = options.seconds or (SHORT_SECONDS if options.short else FULL_SECONDS)
    workers = options.workers or int(os.environ.get("WEB_CONCURRENCY", "2"))
    host = options.host or (
        os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip("*.")
        or "localhost"
    )
    with ExitStack() as stack:
        if options.url:
            base_url = options.url.rstrip("/")
            server = f"running server at {base_url}"
        else:
            # The environment as given, in production mode, answering plain HTTP.
            env = {
                # The settings' defaults, as manage.py has them (not the test server's).
                "VNTX_VAR_DIR": str(ROOT / "var"),
                "SEARCH_INDEX_PREFIX": "vntx",
                **os.environ,
                "DEBUG": "false",
                "SECURE_SSL_REDIRECT": "false",
            }
            base_url = stack.enter_context(asgi_server(env, workers=workers))
            server = f"uvicorn, {workers} worker process(es), started by this command"
        listing_path = _a_listing_path(base_url, host)
        paths = ["/", listing_path, "/api/v1/offers/", "/healthz"]
        print(f"Load check: {options.clients} clients for {seconds} s against {server}")
        print(f"URLs: {', '.join(paths)} (Host: {host})")
        sampler = _ConnectionSampler(os.environ.get("DATABASE_URL", ""))
        warm_up = _warm_up(base_url, host, paths)
        sampler.start()
        started = time.monotonic()
        tallies = _run_clients(base_url, host, paths, options.clients, seconds)
        elapsed = time.monotonic() - started
        sampler.stop()
    errors = _report(tallies, warm_up, elapsed, sampler.peak)
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}")
    return 1 if errors else 0


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="the CI form: 5 s")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, help="default 60, or 5 with --short")
    parser.add_argument("--workers", type=int, help="server processes (default WEB_CONCURRENCY)")
    parser.add_argument("--url", help="a running server's base URL: start none")
    parser.add_argument("--host", help="the Host header to send")
    return parser.parse_args()


def _request(connection: http.client.HTTPConnection, path: str, host: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Host": host, "Accept-Language": "vi"})
    response = connection.getresponse()
    return response.status, response.read()


def _a_listing_path(base_url: str, host: str) -> str:
    """The page of the newest published offer, found through the API."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        status, body = _request(connection, "/api/v1/offers/?page_size=1", host)
    finally:
        connection.close()
    if status != 200:
        raise SystemExit(f"GET /api/v1/offers/ answered {status}: {body[:300]!r}")
    results = json.loads(body)["results"]
    if not results:
        raise SystemExit("No published offer: load data first (manage.py seed_demo).")
    return urlsplit(results[0]["url"]).path


def _warm_up(base_url: str, host: str, paths: list[str]) -> Tally:
    """One request per URL before the clock starts (first renders fill the caches)."""
    tally = Tally()
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(
        address.hostname, address.port, timeout=REQUEST_TIMEOUT_SECONDS
    )
    try:
        for path in paths:
            status, body = _request(connection, path, host)
            if not 200 <= status < 400:
                tally.errors[f"warm-up {path}: {status} {body[:200]!r}"] += 1
    finally:
        connection.close()
    return tally


def _run_clients(
    base_url: str, host: str, paths: list[str], clients: int, seconds: float
) -> dict[str, Tally]:
    tallies = {path: Tally() for path in paths}
    lock = threading.Lock()
    start = threading.Barrier(clients)
    address = urlsplit(base_url)

    def client(number: int) -> None:
        mine = {path: Tally() for path in paths}
        connection = None
        start.wait()
        deadline = time.monotonic() + seconds
        turn = number  # clients start on different URLs, so the mix is even at every moment
        while time.monotonic() < deadline:
            path = paths[turn % len(paths)]
            turn += 1
            if connection is None:
                connection = http.client.HTTPConnection(
                    address.hostname, address.port, timeout=REQUEST_TIMEOUT_SECONDS
                )
            sent = time.monotonic()
            try:
                status, _body = _request(connection, path, host)
            except (OSError, http.client.HTTPException) as exc:
                mine[path].errors[type(exc).__name__] += 1
                connection.close()
                connection = None
                continue
            mine[path].latencies.append(time.monotonic() - sent)
            if not 200 <= status < 400:
                mine[path].errors[f"HTTP {status}"] += 1
        if connection is not None:
            connection.close()
        with lock:
            for path, tally in mine.items():
                tallies[path].latencies.extend(tally.latencies)
                tallies[path].errors.update(tally.errors)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tallies


class _ConnectionSampler:
    """The most connections the site's PostgreSQL database had open at once during the run
    (None on another database)."""

    def __init__(self, database_url: str):
        self.peak: int | None = None
        self._url = database_url
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if not self._url.startswith(("postgres://", "postgresql://")):
            return
        import psycopg

        url = self._url.replace("postgres://", "postgresql://", 1)
        database = urlsplit(url).path.lstrip("/")
        self._connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        self.peak = 0

        def sample() -> None:
            while not self._stop.is_set():
                count = self._connection.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [database],
                ).fetchone()[0]
                self.peak = max(self.peak, count)
                self._stop.wait(SAMPLE_EVERY_SECONDS)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._connection.close()


def _milliseconds(latencies: list[float], quantile: int) -> str:
    if len(latencies) < 2:
        return f"{latencies[0] * 1000:.0f}" if latencies else "-"
    return f"{statistics.quantiles(latencies, n=100)[quantile - 1] * 1000:.0f}"


def _report(tallies: dict[str, Tally], warm_up: Tally, elapsed: float, peak) -> int:
    print()
    print("| URL | requests | errors | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    everything = Tally(errors=Counter(warm_up.errors))
    for path, tally in tallies.items():
        errors = sum(tally.errors.values())
        answered = len(tally.latencies)
        print(
            f"| {path} | {answered + errors - _answered_errors(tally)} | {errors} | "
            f"{_milliseconds(tally.latencies, 50)} | {_milliseconds(tally.latencies, 95)} |"
        )
        everything.latencies.extend(tally.latencies)
        everything.errors.update({f"{path}: {kind}": n for kind, n in tally.errors.items()})
    requests = sum(
        len(tally.latencies) + sum(tally.errors.values()) - _answered_errors(tally)
        for tally in tallies.values()
    )
    errors = sum(everything.errors.values())
    print(
        f"| all | {requests} | {errors} | {_milliseconds(everything.latencies, 50)} | "
        f"{_milliseconds(everything.latencies, 95)} |"
    )
    print()
    print(f"{requests / elapsed:.1f} requests/s over {elapsed:.1f} s; {errors} errors")
    if peak is not None:
        print(f"most connections to the database at once: {peak}")
    for kind, count in everything.errors.most_common():
        print(f"  error: {kind} x {count}")
    return errors


def _answered_errors(tally: Tally) -> int:
    """Errors that were answers (HTTP 4xx/5xx): they are in the latencies too."""
    return sum(n for kind, n in tally.errors.items() if kind.startswith("HTTP "))


if __name__ == "__main__":
    raise SystemExit(main())
