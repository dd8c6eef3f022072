"""The answer of a search: hits with their highlights and page URLs, facet buckets with
labels, the total and the timings, read from the engine's response (`read_response`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .documents import KINDS
from .highlighting import Highlighter
from .parameters import FACETS, MAX_RESULT_WINDOW, SearchQuery, facet_label, facet_labels

# --- The result ---------------------------------------------------------------------------


@dataclass
class FacetBucket:
    key: str | int
    label: str
    count: int


@dataclass
class SearchHit:
    id: int
    kind: str
    title: str
    summary: str
    url: str
    score: float | None
    highlight: dict[str, list[SafeString]] = field(default_factory=dict)
    source: dict = field(default_factory=dict)

    @property
    def title_html(self) -> SafeString:
        fragments = self.highlight.get("title")
        return fragments[0] if fragments else mark_safe(escape(self.title))  # noqa: S308

    @property
    def summary_html(self) -> SafeString:
        fragments = self.highlight.get("summary")
        return fragments[0] if fragments else mark_safe(escape(self.summary))  # noqa: S308

    @property
    def description_snippets(self) -> list[SafeString]:
        """Highlighted fragments of the description (empty when it did not match)."""
        return self.highlight.get("description") or []

    # What the result card shows, from the indexed document (no database query).

    @property
    def trl(self) -> int | None:
        return self.source.get("trl")

    @property
    def price_min_vnd(self) -> int | None:
        return self.source.get("price_min_vnd")

    @property
    def price_max_vnd(self) -> int | None:
        return self.source.get("price_max_vnd")

    @property
    def organisation_name(self) -> str:
        return self.source.get("organisation_name") or ""

    @property
    def organisation_verified(self) -> bool:
        return bool(self.source.get("organisation_verified"))

    @property
    def exchange_name(self) -> str:
        code = self.source.get("exchange")
        return facet_label("exchange", code) if code else ""


@dataclass
class SearchResult:
    query: SearchQuery
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]]
    took_ms: int
    total_ms: float

    @property
    def page_count(self) -> int:
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, -(-reachable // self.query.page_size))


# --- Reading the engine's answer ------------------------------------------------------------


def _highlights(highlighter: Highlighter | None, source: dict) -> dict[str, list[SafeString]]:
    """Title and summary whole, description as snippets; only the fields that matched."""
    if not highlighter:
        return {}
    marked = {
        "title": highlighter.whole(source.get("title") or ""),
        "summary": highlighter.whole(source.get("summary") or ""),
        "description": highlighter.snippets(source.get("description") or ""),
    }
    return {name: fragments for name, fragments in marked.items() if fragments}


_URL_PLACEHOLDER = 987654321


def listing_url_templates() -> dict[str, str]:
    """{kind: the listing page's path with "{}" for the id}, reversed once per search rather
    than once per hit (the language prefix depends on the request)."""
    return {
        kind: reverse(f"listings:{kind}_detail", args=[_URL_PLACEHOLDER]).replace(
            str(_URL_PLACEHOLDER), "{}"
        )
        for kind in KINDS
    }


def _buckets(facet: str, aggregation: dict) -> list[FacetBucket]:
    values = aggregation.get("values", {}).get("buckets", [])
    labels = facet_labels(facet)
    buckets = []
    for bucket in values:
        key = bucket["key"]
        if facet == "trl":
            key = int(key)
        label = labels.get(key) or facet_label(facet, key)
        buckets.append(FacetBucket(key=key, label=label, count=bucket["doc_count"]))
    buckets.sort(key=lambda b: (-b.count, str(b.key)) if facet != "trl" else (b.key,))
    return buckets


def read_response(query: SearchQuery, response: dict, *, started: float) -> SearchResult:
    """The result of `query` from the engine's answer to its request; `started` is the
    `time.perf_counter()` at which the search began (for `total_ms`)."""
    highlighter = Highlighter(query.text) if query.text else None
    urls = listing_url_templates()
    hits = []
    for raw in response["hits"]["hits"]:
        source = raw.get("_source") or {}
        kind = source.get("kind") or ""
        if kind not in KINDS:
            continue
        pk = int(raw["_id"])
        hits.append(
            SearchHit(
                id=pk,
                kind=kind,
                title=source.get("title") or "",
                summary=source.get("summary") or "",
                url=urls[kind].format(pk),
                score=raw.get("_score"),
                highlight=_highlights(highlighter, source),
                source=source,
            )
        )
    aggregations = response.get("aggregations", {})
    facets = {facet: _buckets(facet, aggregations.get(facet, {})) for facet in (*FACETS, "kind")}
    total = response["hits"]["total"]
    return SearchResult(
        query=query,
        total=total["value"] if isinstance(total, dict) else int(total),
        hits=hits,
        facets=facets,
        took_ms=int(response.get("took", 0)),
        total_ms=round((time.perf_counter() - started) * 1000, 2),
    )
