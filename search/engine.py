"""The search engine connection: the one place that knows which engine answers.

With ELASTICSEARCH_URL set, the client talks to Elasticsearch 8 as usual. Without it, an
osmem-server process (an in-memory OpenSearch-compatible engine shipped as a wheel) is started
on first use. Elasticsearch 8 clients send a compatibility media type that OpenSearch-dialect
engines refuse with 406, so for osmem the client uses `PlainJsonNode`, which sends plain
`application/json`; that switch lives here and nowhere else.
"""

import logging
import threading

from django.conf import settings
from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch
from elasticsearch.serializer import OrjsonSerializer

logger = logging.getLogger(__name__)

_COMPAT_PREFIX = "application/vnd.elasticsearch+"
_lock = threading.Lock()
_embedded_server = None
_client: Elasticsearch | None = None


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


def embedded_server_url() -> str:
    """Starts osmem-server once per process (it stops with the process) and returns its URL."""
    global _embedded_server
    with _lock:
        if _embedded_server is None or _embedded_server.process.poll() is not None:
            from osmem_server import OsmemServer

            _embedded_server = OsmemServer.start(japanese=False)
            logger.info("started embedded search engine", extra={"url": _embedded_server.url})
        return _embedded_server.url


def embedded_engine_started() -> bool:
    """Whether this process has started its embedded engine and the engine still runs."""
    server = _embedded_server
    return server is not None and server.process.poll() is None


def get_client() -> Elasticsearch:
    global _client
    if _client is None:
        if uses_embedded_engine():
            _client = Elasticsearch(
                embedded_server_url(),
                node_class=PlainJsonNode,
                request_timeout=10,
                serializers=_SERIALIZERS,
            )
        else:
            _client = Elasticsearch(
                settings.ELASTICSEARCH_URL, request_timeout=10, serializers=_SERIALIZERS
            )
    if _embedded_server is not None and uses_embedded_engine():
        # The in-memory engine starts empty: the first use of each (server, index prefix)
        # fills it from the database (search.bootstrap.bootstrap_embedded; runs once).
        from .bootstrap import bootstrap_embedded

        bootstrap_embedded(id(_embedded_server))
    return _client


def reset_client() -> None:
    """Forgets the cached client (tests that point settings at another engine call this)."""
    global _client
    _client = None


def engine_ping() -> tuple[bool, str]:
    """(reachable, detail) for health checks; never raises."""
    try:
        info = get_client().info()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return False, f"{type(exc).__name__}: {exc}"[:200]
    version = info.get("version", {})
    return True, f"{version.get('distribution', 'elasticsearch')} {version.get('number', '?')}"
