"""The search engine connection: the one place that knows which engine answers.

With ELASTICSEARCH_URL set, the client talks to Elasticsearch 8 as usual. Without it, the
embedded engine answers: an osmem-server process (an in-memory OpenSearch-compatible engine
shipped as a wheel), one per machine, shared by every process of the site:

- The first process that needs it starts it, detached (it outlives that process, so a CLI
  import started first leaves it to the web server), and records its address, pid and
  version in `SEARCH_ENGINE_STATE_DIR/search-engine.json` under a file lock. The others read
  the record and use the same engine, so the web server, a management command and a worker
  see one index, and `search_index --check` checks the index the site searches.
- A record whose process is gone, or whose address answers no engine (after a reboot the pid
  may belong to anyone), is stale: the next use starts a new engine over it.
- The engine is supervised: every use checks (one system call) that its process still runs;
  a dead engine is restarted on that use, and `search.bootstrap` refills it from the
  database, so what changed during the outage is in it afterwards.

Elasticsearch 8 clients send a compatibility media type that OpenSearch-dialect engines refuse
with 406, so for osmem the client uses `PlainJsonNode`, which sends plain `application/json`;
that switch lives here and nowhere else.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch
from elasticsearch.serializer import OrjsonSerializer

logger = logging.getLogger(__name__)

_COMPAT_PREFIX = "application/vnd.elasticsearch+"
_STARTUP_TIMEOUT = 30.0
_lock = threading.RLock()
_client: Elasticsearch | None = None
_client_target: str | None = None
_known_engine: EmbeddedEngine | None = None
# Engines this process started: polling their Popen reaps them once they die, where a bare
# pid check would see a zombie as alive.
_children: dict[int, subprocess.Popen] = {}


class EngineStartError(RuntimeError):
    """The embedded engine could not be started."""


class PlainJsonNode(Urllib3HttpNode):
    """An HTTP node that rewrites Elasticsearch's compatibility media types to plain ones."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                value = headers.get(name)
                if value and value.startswith(_COMPAT_PREFIX):
                    headers[name] = "application/" + value[len(_COMPAT_PREFIX) :].split(";")[0]
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


# orjson encodes and decodes the search requests and answers (20-30 KiB of JSON a search) in
# C, faster than the standard library; the client takes it as a drop-in serializer.
_SERIALIZERS = {"application/json": OrjsonSerializer()}


def uses_embedded_engine() -> bool:
    return not settings.ELASTICSEARCH_URL


# --- The embedded engine, shared by the processes of one machine ---------------------------


@dataclass(frozen=True)
class EmbeddedEngine:
    url: str
    pid: int
    version: str  # osmem-server's own version
    api_version: str = ""  # the OpenSearch version whose API it speaks (and claims to be)

    @property
    def key(self) -> str:
        """Identifies this run of the engine: a restarted engine is another one (empty)."""
        return f"{self.pid}@{self.url}"

    @property
    def description(self) -> str:
        api = f" (OpenSearch API {self.api_version})" if self.api_version else ""
        return f"osmem-server {self.version}{api}"


def _state_dir() -> Path:
    return Path(settings.SEARCH_ENGINE_STATE_DIR)


def _record_path() -> Path:
    return _state_dir() / "search-engine.json"


@contextmanager
def machine_lock(name: str) -> Iterator[None]:
    """A lock held across the processes of this machine (those sharing the state folder)."""
    directory = _state_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{name}.lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _process_alive(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive, though probably not ours (see _answers)
    try:
        # "pid (name) S ...": a zombie (Z) or dead (X) process is not running.
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc: the signal check is all there is
    return state not in ("Z", "X")


def _answers(url: str) -> bool:
    """Whether an engine answers at `url` (checked once when a record is adopted)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own URL
            return response.status == 200
    except OSError:
        return False


def _read_record() -> EmbeddedEngine | None:
    try:
        data = json.loads(_record_path().read_text())
        return EmbeddedEngine(
            url=str(data["url"]),
            pid=int(data["pid"]),
            version=str(data["version"]),
            api_version=str(data.get("api_version", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_record(engine: EmbeddedEngine) -> None:
    path = _record_path()
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(asdict(engine)))
    os.replace(temporary, path)  # readers never see half a record


def _start_engine() -> EmbeddedEngine:
    """Starts a detached osmem-server and waits until it says where it listens."""
    from osmem_server import __version__, resolve_binary

    log_path = _state_dir() / "search-engine.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 - the binary shipped in osmem-server's wheel
            [resolve_binary(), "--no-ja", "--no-stdin-watch", "--addr", "127.0.0.1:0"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: Ctrl+C on the server that started it does not stop the engine
            # that the other processes use.
            start_new_session=True,
        )
    _children[process.pid] = process
    deadline = time.monotonic() + _STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        for line in log_path.read_text(errors="replace").splitlines():
            try:
                ready = json.loads(line)
            except ValueError:
                continue
            if isinstance(ready, dict) and "url" in ready:
                return EmbeddedEngine(
                    url=ready["url"],
                    pid=process.pid,
                    version=__version__,
                    api_version=str(ready.get("version", "")),
                )
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise EngineStartError(f"osmem-server did not start; see {log_path}")


def running_embedded_engine() -> EmbeddedEngine | None:
    """The machine's embedded engine if one runs; never starts one."""
    known = _known_engine
    if known is not None and _process_alive(known.pid):
        return known
    record = _read_record()
    if record is not None and _process_alive(record.pid):
        return record
    return None


def embedded_engine() -> EmbeddedEngine:
    """The machine's embedded engine: the running one, or a new one when none runs or the
    recorded one died (a restart)."""
    global _known_engine
    known = _known_engine
    if known is not None and _process_alive(known.pid):
        return known
    with _lock, machine_lock("search-engine"):
        record = _read_record()
        if record is not None and _process_alive(record.pid) and _answers(record.url):
            _known_engine = record
            return record
        engine = _start_engine()
        _write_record(engine)
        _known_engine = engine
        if record is not None:
            logger.warning(
                "restarted the embedded search engine",
                extra={"url": engine.url, "previous_url": record.url},
            )
        else:
            logger.info("started the embedded search engine", extra={"url": engine.url})
        return engine


def embedded_engine_stop() -> bool:
    """Stops the machine's embedded engine (tests, `search_index --stop-engine`); True when
    one was running."""
    global _known_engine
    with _lock, machine_lock("search-engine"):
        record = _read_record()
        _record_path().unlink(missing_ok=True)
        _known_engine = None
        if record is None or not _process_alive(record.pid):
            return False
        os.kill(record.pid, 9)
        child = _children.pop(record.pid, None)
        if child is not None:
            child.wait(timeout=10)
        return True


# --- The client --------------------------------------------------------------------------


def _external_client() -> Elasticsearch:
    options = {}
    if settings.ELASTICSEARCH_CA_CERTS:
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if settings.ELASTICSEARCH_API_KEY:
        options["api_key"] = settings.ELASTICSEARCH_API_KEY
    return Elasticsearch(
        settings.ELASTICSEARCH_URL, request_timeout=10, serializers=_SERIALIZERS, **options
    )


def get_client() -> Elasticsearch:
    """The client of the engine that answers now. On the embedded engine this restarts a dead
    engine; on first use of an engine (and index prefix) `search.bootstrap` makes the indices
    ready: the embedded engine is filled from the database, Elasticsearch gets its aliases."""
    global _client, _client_target
    if uses_embedded_engine():
        engine = embedded_engine()
        target = engine.key
    else:
        target = settings.ELASTICSEARCH_URL
    with _lock:
        if _client is None or _client_target != target:
            if uses_embedded_engine():
                _client = Elasticsearch(
                    engine.url,
                    node_class=PlainJsonNode,
                    request_timeout=10,
                    serializers=_SERIALIZERS,
                )
            else:
                _client = _external_client()
            _client_target = target
        client = _client
    from .bootstrap import indices_ready

    indices_ready(target)
    return client


def reset_client() -> None:
    """Forgets the cached client (tests that point settings at another engine call this)."""
    global _client, _client_target
    with _lock:
        _client = None
        _client_target = None


def engine_ping() -> tuple[bool, str]:
    """(reachable, detail) for health checks, naming the engine by its own name and version;
    never raises."""
    try:
        info = get_client().info()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return False, f"{type(exc).__name__}: {exc}"[:200]
    if uses_embedded_engine() and _known_engine is not None:
        # osmem-server introduces itself as the OpenSearch version it imitates.
        return True, _known_engine.description
    version = info.get("version", {})
    return True, f"{version.get('distribution', 'elasticsearch')} {version.get('number', '?')}"
