"""A real ASGI server for tests that need one: `marketplace.asgi:application` served by uvicorn
(the production server of the Dockerfile) in a subprocess on a free port.

    with asgi_server({"DATABASE_URL": suite_database_url()}, workers=2) as base_url:
        urllib.request.urlopen(f"{base_url}/healthz")

The server runs the embedded defaults plus exactly what `env` says: the variables that switch a
production part or name the database (DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL, DEBUG, ...)
are dropped from the test's own environment, so a test states the mode it serves in. When
`env` switches production mode on, a throwaway SECRET_KEY and ALLOWED_HOSTS
(127.0.0.1, localhost, testserver) are supplied unless `env` names its own, as bin/test does.
Unless `env` names them: VNTX_VAR_DIR is a temporary folder removed afterwards (never the
developer's var/), SEARCH_INDEX_PREFIX is "vntxtest" (as in tests/conftest.py) and
LOG_LEVEL is WARNING.

The context manager waits until GET /healthz answers 200, yields the base URL
("http://127.0.0.1:PORT"), and on exit always ends the server's whole process group (uvicorn's
workers included), and the embedded search engine when the server started one. When the
server does not come up it raises with the tail of its log.
`server_environment(env)` is that environment, for other subprocesses of the same site;
`suite_database_url()` names the suite's test database, for a server that shares it
(PostgreSQL; the test must be transactional so that the server sees what it wrote).
"""

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]

# Variables of the test's own environment that the server must not inherit: each switches a
# production part, names a database or changes what the server serves.
MODE_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "EMAIL_URL",
    "CELERY_BROKER_URL",
    "CELERY_TASK_ALWAYS_EAGER",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "VNTX_VAR_DIR",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "SECURE_SSL_REDIRECT",
    "SEARCH_INDEX_PREFIX",
    "SEARCH_ENGINE_STATE_DIR",
    "CONN_MAX_AGE",
    "DATABASE_POOL_MIN_SIZE",
    "DATABASE_POOL_MAX_SIZE",
    "DATABASE_POOL_TIMEOUT",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "DJANGO_SETTINGS_MODULE",
)
PRODUCTION_SWITCHES = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL")
TEST_ALLOWED_HOSTS = "127.0.0.1,localhost,testserver"
START_TIMEOUT_SECONDS = 120  # importing Django and Wagtail on a busy 2-core machine
STOP_TIMEOUT_SECONDS = 10
PORT_ATTEMPTS = 3


@contextlib.contextmanager
def asgi_server(env: dict[str, str], *, workers: int = 1) -> Iterator[str]:
    """Serves the site in a subprocess with `env`; yields its base URL (see the module doc)."""
    with contextlib.ExitStack() as stack:
        if "VNTX_VAR_DIR" not in env:
            # Never the developer's var/ (the demo's database, media and search engine).
            var_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="vntx-asgi-var-"))
            env = {**env, "VNTX_VAR_DIR": var_dir}
        yield stack.enter_context(_serving(server_environment(env), workers))


@contextlib.contextmanager
def _serving(server_env: dict[str, str], workers: int) -> Iterator[str]:
    engine_record = _engine_record_path(server_env)
    engine_before = _recorded_engine_pid(engine_record)
    last_error: RuntimeError | None = None
    # The free port is found by binding port 0 and letting it go; another process may take it
    # in between, so a server that cannot bind is retried on a fresh port.
    for _attempt in range(PORT_ATTEMPTS):
        port = _free_port()
        with tempfile.TemporaryFile(mode="w+", prefix="vntx-asgi-") as log:
            process = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
                _server_command(port, workers),
                cwd=ROOT,
                env=server_env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, ended as a whole on exit
            )
            try:
                base_url = f"http://127.0.0.1:{port}"
                try:
                    _wait_until_healthy(process, port, server_env["ALLOWED_HOSTS"], log)
                except _AddressInUse as exc:
                    last_error = exc
                    continue
                yield base_url
                return
            finally:
                _stop(process)
                _stop_engine_started_since(engine_record, engine_before)
    raise last_error or RuntimeError("the ASGI server did not start")


class _AddressInUse(RuntimeError):
    pass


def suite_database_url() -> str:
    """The URL of the database the test suite runs on (pytest-django's test database, once it
    is set up), for a server that must see what a transactional test writes."""
    from django.db import connection

    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("the server shares the suite's database on PostgreSQL only")
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def server_environment(env: dict[str, str]) -> dict[str, str]:
    """The environment the server runs with for `env`; use it for a subprocess that must see
    the same site (a `manage.py migrate` before the server starts, a read-back afterwards)."""
    server_env = {key: value for key, value in os.environ.items() if key not in MODE_VARIABLES}
    server_env.update(env)
    server_env["DJANGO_SETTINGS_MODULE"] = env.get("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    server_env["PYTHONUNBUFFERED"] = "1"
    production = any(server_env.get(name, "").strip() for name in PRODUCTION_SWITCHES) or (
        server_env.get("DEBUG", "").strip().lower() in {"false", "0", "off", "no"}
    )
    if production:
        server_env.setdefault("SECRET_KEY", "live-asgi-" + secrets.token_urlsafe(48))
    server_env.setdefault("ALLOWED_HOSTS", TEST_ALLOWED_HOSTS)
    # As in tests/conftest.py: index writes go to test indices, never to "vntx-*".
    server_env.setdefault("SEARCH_INDEX_PREFIX", "vntxtest")
    # Warnings and errors only (no access log lines): the log is what a failed start shows.
    server_env.setdefault("LOG_LEVEL", "WARNING")
    return server_env


def _server_command(port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "marketplace.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--lifespan",
        "off",  # Django's ASGI handler does not speak the lifespan protocol
        "--no-access-log",
        "--log-level",
        "warning",
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(process: subprocess.Popen, port: int, allowed_hosts: str, log) -> None:
    # Asked as a proxy would: an allowed host name and HTTPS forwarded, so that neither
    # ALLOWED_HOSTS nor SECURE_SSL_REDIRECT turns the probe away.
    host = allowed_hosts.split(",")[0].strip().lstrip("*.") or "localhost"
    headers = {"Host": host, "X-Forwarded-Proto": "https"}
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    last_answer = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = _log_tail(log)
            if "address already in use" in tail.lower():
                raise _AddressInUse(f"port {port} was taken:\n{tail}")
            raise RuntimeError(
                f"the ASGI server exited with code {process.returncode} before /healthz "
                f"answered:\n{tail}"
            )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", "/healthz", headers=headers)
            response = connection.getresponse()
            body = response.read()
            if response.status == 200:
                return
            last_answer = f"{response.status} {body[:300]!r}"
        except OSError as exc:
            last_answer = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(
        f"/healthz did not answer 200 within {START_TIMEOUT_SECONDS} s (last: {last_answer}):\n"
        f"{_log_tail(log)}"
    )


def _stop(process: subprocess.Popen) -> None:
    """Ends the server's process group: SIGTERM, then SIGKILL when it lingers."""
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT_SECONDS), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # The parent is gone; its workers may not be: end whatever is left of the group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return


def _engine_record_path(server_env: dict[str, str]) -> Path:
    """Where the server records the embedded search engine it starts (search/engine.py)."""
    state_dir = server_env.get("SEARCH_ENGINE_STATE_DIR") or server_env.get(
        "VNTX_VAR_DIR", str(ROOT / "var")
    )
    return Path(state_dir) / "search-engine.json"


def _recorded_engine_pid(record: Path) -> int | None:
    try:
        return int(json.loads(record.read_text())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _stop_engine_started_since(record: Path, pid_before: int | None) -> None:
    """The embedded search engine outlives the server that started it, by design (the other
    processes of the machine share it). One that this server started, in a folder that the
    test will throw away, would run on for nothing: end it."""
    pid = _recorded_engine_pid(record)
    if pid is None or pid == pid_before:
        return
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return  # gone already
    if b"osmem" in command:  # the pid is still the engine's, not a recycled one
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    record.unlink(missing_ok=True)


def _log_tail(log, characters: int = 4000) -> str:
    log.flush()
    log.seek(0)
    return log.read()[-characters:]
