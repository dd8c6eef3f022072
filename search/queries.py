"""Running searches: `search_listings(query)` answers a `SearchQuery` with hits, highlights,
the total and the facets; `suggest(text)` serves the header's autocomplete.

The query and its parameters are search.parameters', the engine request search.request's and
the answer search.results'. The engine being unreachable (or refusing the request) raises
`SearchUnavailable`, which the pages and the API turn into a plain "temporarily unavailable"
(503).
"""

from __future__ import annotations

import logging
import re
import time

from elasticsearch import ApiError, NotFoundError, TransportError

from . import engine
from .analysis import normalise_text
from .documents import KINDS, alias_name
from .parameters import SearchQuery
from .request import build_request
from .results import SearchResult, listing_url_templates, read_response

logger = logging.getLogger(__name__)

MAX_SUGGEST_LENGTH = 100
SUGGEST_SIZE = 10
_WORD = re.compile(r"[^\W_]")  # a letter or digit


class SearchUnavailable(RuntimeError):
    """The search engine cannot be reached (or refused the request): search is temporarily
    unavailable; the rest of the site works."""


def _indices(kind: str | None = None) -> str:
    return ",".join(alias_name(one) for one in ((kind,) if kind else KINDS))


def _engine_call(function, **kwargs):
    """Calls the engine; anything that means "no usable engine" becomes SearchUnavailable."""
    try:
        return function(**kwargs)
    except NotFoundError as exc:
        logger.error("search index missing: run `manage.py search_index --rebuild` (%s)", exc)
        raise SearchUnavailable(str(exc)) from exc
    except ApiError as exc:
        logger.error("search engine refused a request: %s", exc)
        raise SearchUnavailable(str(exc)) from exc
    except TransportError as exc:
        logger.warning("search engine unreachable: %s", exc)
        raise SearchUnavailable(str(exc)) from exc


def _client():
    try:
        return engine.get_client()
    except Exception as exc:  # noqa: BLE001 - e.g. the embedded engine failed to start
        logger.warning("search engine client unavailable: %s", exc)
        raise SearchUnavailable(str(exc)) from exc


def search_listings(query: SearchQuery) -> SearchResult:
    """Runs `query` (validated here if it was built by hand) against both kinds' indices."""
    started = time.perf_counter()
    query.validate()
    client = _client()
    response = _engine_call(client.search, index=_indices(), body=build_request(query)).body
    return read_response(query, response, started=started)


# --- Suggestions ----------------------------------------------------------------------------


def suggest(text: str) -> list[dict]:
    """Up to 10 listings for the autocomplete: {"text" (the title), "kind", "id", "url"}.

    Completion suggestions (titles and keywords that start with the text) first, then
    listings with title words starting with the typed words."""
    prefix = normalise_text((text or "")[: 4 * MAX_SUGGEST_LENGTH])[:MAX_SUGGEST_LENGTH].strip()
    if not _WORD.search(prefix):
        # Nothing the analyzers keep (emoji, punctuation): an empty prefix would complete
        # every title.
        return []
    client = _client()
    found: list[dict] = []
    seen: set[tuple[str, int]] = set()
    urls = listing_url_templates()

    def add(hit_id, source: dict) -> None:
        kind = source.get("kind")
        if kind not in KINDS or len(found) >= SUGGEST_SIZE:
            return
        key = (kind, int(hit_id))
        if key in seen:
            return
        seen.add(key)
        found.append(
            {
                "text": source.get("title") or "",
                "kind": kind,
                "id": key[1],
                "url": urls[kind].format(key[1]),
            }
        )

    response = _engine_call(
        client.search,
        index=_indices(),
        body={
            "size": 0,
            "_source": ["title", "kind"],
            "suggest": {
                "listing": {
                    "prefix": prefix,
                    "completion": {
                        "field": "suggest",
                        "size": SUGGEST_SIZE,
                        "skip_duplicates": True,
                    },
                }
            },
        },
    ).body
    options = [
        option
        for entry in response.get("suggest", {}).get("listing", [])
        for option in entry.get("options", [])
    ]
    options.sort(key=lambda option: -(option.get("_score") or 0))
    for option in options:
        add(option["_id"], option.get("_source") or {})
    if len(found) < SUGGEST_SIZE:
        response = _engine_call(
            client.search,
            index=_indices(),
            body={
                "size": SUGGEST_SIZE,
                "_source": ["title", "kind"],
                "query": {"match": {"title.ac": {"query": prefix, "operator": "and"}}},
                "sort": ["_score", {"published_at": {"order": "desc"}}],
            },
        ).body
        for hit in response["hits"]["hits"]:
            add(hit["_id"], hit.get("_source") or {})
    return found
