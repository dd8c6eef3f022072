"""Searching listings: a typed query, the engine request built from it, and the result.

`SearchQuery.from_params(request.GET)` parses and validates a query (unknown codes and bad
numbers raise `SearchQueryError` naming the field); `search_listings(query)` answers with hits,
highlights, the total and the facets; `suggest(text)` serves the header's autocomplete. The
engine being unreachable raises `SearchUnavailable`, which the pages and the API turn into a
plain "temporarily unavailable" (503).

Text matching (tuned on tests/search/test_relevance.py):
- recall: the words must match (all of them up to three words, 80 % above) in one field's
  folded form with typo tolerance, or across the fields' folded forms, or in their English
  stemmed form;
- ranking boosts: the exact form with diacritics ("bán dẫn" before "bàn dẫn"), shingles
  (syllables side by side: "xử lý nước thải" before the same syllables scattered; title,
  keywords and summary: the long texts have none, their shingles cost a quarter of the
  indexing time) and the phrase in the title or summary;
- field weights: title 5 > keywords 3 > summary 2 > description 1 (applications 1).
User text only ever goes into match/multi_match/match_phrase queries, never into
query_string, so Lucene syntax in it is plain text. Matched words are marked by
search.highlighting, in Python, from the returned text (the reason is there).

Facets follow the classic pattern: the active facet filters go in `post_filter`, and each
facet's aggregation is filtered by every other active filter, so a facet's counts show what
else one could pick. Filters without a facet (price, IP status, verification) filter the
query itself.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from elasticsearch import ApiError, NotFoundError, TransportError

from . import engine
from .analysis import normalise_text
from .documents import KINDS, alias_name
from .highlighting import Highlighter

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 500  # longer text is cut, not refused: a pasted paragraph still answers
MAX_SUGGEST_LENGTH = 100
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_RESULT_WINDOW = 10_000  # the engines' index.max_result_window
MAX_PRICE_VND = 10**15
SORTS = ("relevance", "newest", "trl")
FACETS = ("sector", "exchange", "province", "cooperation", "trl")
SUGGEST_SIZE = 10
_WORD = re.compile(r"[^\W_]")  # a letter or digit

# --- Weights (see the module docstring; reported in the search issue) ------------------------

FIELD_WEIGHTS = {"title": 5, "keywords": 3, "summary": 2, "description": 1, "applications": 1}
SHINGLED_FIELDS = ("title", "keywords", "summary")  # search.documents: the long texts have none
RECALL_MINIMUM_SHOULD_MATCH = "3<80%"  # up to 3 words: all; more: 80 % of them
FUZZINESS = "AUTO:4,7"  # 1-3 letters exact, 4-6 one edit, 7+ two (Vietnamese syllables: short)
FUZZY_PREFIX_LENGTH = 1
FUZZY_MAX_EXPANSIONS = 20
BOOST_FOLDED = 1.0  # the words as typed, without typo expansion
BOOST_EXACT = 2.0  # diacritics kept
BOOST_SHINGLES = 3.0  # syllables side by side
BOOST_PHRASE_TITLE = 4.0
BOOST_PHRASE_SUMMARY = 2.0
BOOST_ENGLISH = 1.0
TIE_BREAKER = 0.3

_SOURCE_FIELDS = [
    "kind",
    "title",
    "summary",
    "description",  # for the highlighted snippets (search.highlighting)
    "organisation_name",
    "organisation_verified",
    "exchange",
    "sectors",
    "provinces",
    "trl",
    "price_min_vnd",
    "price_max_vnd",
    "negotiable",
    "published_at",
]


class SearchQueryError(ValueError):
    """Invalid search parameters: `fields` maps each parameter to its messages."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        first = next(iter(fields.values()))[0] if fields else ""
        super().__init__(first)

    @property
    def message(self) -> str:
        return str(self)


class SearchUnavailable(RuntimeError):
    """The search engine cannot be reached (or refused the request): search is temporarily
    unavailable; the rest of the site works."""


# --- Reference labels ---------------------------------------------------------------------


_LABELS_TTL = 300.0
_labels_cache: dict[str, tuple[float, dict[str, tuple]]] = {}


def _load_labels(name: str) -> dict[str, tuple]:
    """{code: (Vietnamese name, English name, extra)} for sectors (extra: the parent field),
    exchanges (their kind) or provinces."""
    from listings.models import Sector
    from marketplace.exchanges.models import Exchange, Province

    if name == "sector":
        rows = Sector.objects.values_list("code", "name_vi", "name_en", "parent_id")
        return {code: (vi, en, parent) for code, vi, en, parent in rows}
    if name == "exchange":
        rows = Exchange.objects.values_list("code", "name_vi", "name_en", "kind")
        return {code: (vi, en, kind) for code, vi, en, kind in rows}
    rows = Province.objects.values_list("slug", "name_vi", "name_en")
    return {slug: (vi, en, None) for slug, vi, en in rows}


def _labels(name: str, *, missing: str | None = None) -> dict[str, tuple]:
    """Reference data changes rarely: kept for a few minutes, reloaded at once when a code
    is asked for that the kept copy lacks."""
    now = time.monotonic()
    cached = _labels_cache.get(name)
    if cached is None or now - cached[0] > _LABELS_TTL or (missing and missing not in cached[1]):
        cached = (now, _load_labels(name))
        _labels_cache[name] = cached
    return cached[1]


def clear_label_cache() -> None:
    _labels_cache.clear()
    _label_maps.clear()


def _localised(names: tuple) -> str:
    return names[1] if get_language() == "en" else names[0]


def _cooperation_labels() -> dict[str, str]:
    from listings.models import Vocabulary

    return {value: str(label) for value, label in Vocabulary.Cooperation.choices}


def _ip_status_codes() -> set[str]:
    from listings.models import Vocabulary

    return set(Vocabulary.IpStatus.values)


def facet_label(facet: str, key) -> str:
    """The label of a facet value (or of an active filter) in the current language."""
    if facet == "trl":
        return _("TRL %(level)s") % {"level": key}
    if facet == "cooperation":
        return _cooperation_labels().get(key, str(key))
    if facet == "kind":
        return {"offer": _("Technology offers"), "need": _("Technology needs")}.get(key, key)
    if facet in ("sector", "exchange", "province"):
        names = _labels(facet).get(str(key))
        return _localised(names) if names else str(key)
    return str(key)


# {(facet, language): (the reference rows they were made from, {key: label})}
_label_maps: dict[tuple[str, str], tuple[object, dict]] = {}


def _label_map(facet: str) -> dict:
    """{key: label} of a facet in the current language. A search labels a few hundred facet
    values: this keeps one dictionary per language, rebuilt when the reference data is."""
    rows = _labels(facet) if facet in ("sector", "exchange", "province") else None
    key = (facet, get_language() or "")
    cached = _label_maps.get(key)
    if cached is None or cached[0] is not rows:
        if rows is not None:
            labels = {code: _localised(names) for code, names in rows.items()}
        elif facet == "trl":
            labels = {level: facet_label("trl", level) for level in range(1, 10)}
        elif facet == "cooperation":
            labels = _cooperation_labels()
        else:
            labels = {value: facet_label(facet, value) for value in KINDS}
        cached = (rows, labels)
        _label_maps[key] = cached
    return cached[1]


# --- The query ----------------------------------------------------------------------------


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
PARAMETERS = (
    "q",
    "kind",
    "exchange",
    "sector",
    "province",
    "cooperation",
    "trl_min",
    "trl_max",
    "price_min",
    "price_max",
    "ip_status",
    "verified",
    "sort",
    "page",
    "page_size",
)


@dataclass(frozen=True)
class SearchQuery:
    """What a user searches for. Codes are the exchange format's (spec/listing-format.md)."""

    text: str = ""
    kind: str | None = None  # "offer", "need" or None for both
    exchange: str = ""  # a national exchange includes its local centres
    sector: str = ""  # a field (1 digit) or a sector (3 digits)
    province: str = ""
    cooperation: str = ""
    trl_min: int | None = None
    trl_max: int | None = None
    price_min: int | None = None  # a budget: listings whose price range overlaps it match
    price_max: int | None = None
    ip_status: str = ""
    verified: bool | None = None  # the organisation is verified by its exchange
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Not URL parameters: set by code (the saved-search digest) to list the listings published
    # in a period (published_after < published_at <= published_before).
    published_after: datetime | None = None
    published_before: datetime | None = None

    def __post_init__(self):
        # Cut before normalising too: a 10 KB paste costs nothing more than 500 characters.
        raw = str(self.text or "")[: 4 * MAX_TEXT_LENGTH]
        text = normalise_text(raw)[:MAX_TEXT_LENGTH].strip()
        object.__setattr__(self, "text", text)

    # Parsing ------------------------------------------------------------------------------

    @classmethod
    def from_params(cls, params: Mapping[str, str], *, page_size: int | None = None):
        """Parses query parameters (a QueryDict or a dict of strings) and validates them;
        raises SearchQueryError naming each invalid field. Empty values mean "not given"."""
        errors: dict[str, list[str]] = {}

        def get(name: str) -> str:
            value = params.get(name)
            if isinstance(value, list | tuple):
                value = value[-1] if value else ""
            return "" if value is None else str(value).strip()

        def integer(name: str, low: int, high: int, message: str) -> int | None:
            raw = get(name)
            if not raw:
                return None
            if not re.fullmatch(r"\d{1,20}", raw) or not low <= int(raw) <= high:
                errors.setdefault(name, []).append(message)
                return None
            return int(raw)

        kind = get("kind") or None
        if kind == "all":
            kind = None
        if kind is not None and kind not in KINDS:
            errors["kind"] = [_("Choose offers (offer), needs (need) or both (leave empty).")]
            kind = None
        verified_raw = get("verified").lower()
        verified = None
        if verified_raw in _TRUE:
            verified = True
        elif verified_raw in _FALSE:
            verified = False
        elif verified_raw:
            errors["verified"] = [_("Use true or false.")]
        sort = get("sort") or "relevance"
        if sort not in SORTS:
            errors["sort"] = [_("Sort by relevance, newest or trl.")]
            sort = "relevance"
        trl_message = _("A TRL is a whole number from 1 to 9.")
        price_message = _("A price is a whole number of đồng, from 0 to 10^15.")
        values = {
            "text": get("q"),
            "kind": kind,
            "exchange": get("exchange"),
            "sector": get("sector"),
            "province": get("province"),
            "cooperation": get("cooperation"),
            "trl_min": integer("trl_min", 1, 9, trl_message),
            "trl_max": integer("trl_max", 1, 9, trl_message),
            "price_min": integer("price_min", 0, MAX_PRICE_VND, price_message),
            "price_max": integer("price_max", 0, MAX_PRICE_VND, price_message),
            "ip_status": get("ip_status"),
            "verified": verified,
            "sort": sort,
            "page": integer("page", 1, 10**9, _("A page is a whole number from 1.")) or 1,
            "page_size": (
                integer(
                    "page_size",
                    1,
                    MAX_PAGE_SIZE,
                    _("A page holds 1 to %(max)s results.") % {"max": MAX_PAGE_SIZE},
                )
                or page_size
                or DEFAULT_PAGE_SIZE
            ),
        }
        query = cls(**values)
        errors.update(query._check(skip=set(errors)))
        if errors:
            raise SearchQueryError(errors)
        return query

    def _check(self, skip: set[str] = frozenset()) -> dict[str, list[str]]:
        """Codes against the database, ranges and the result window."""
        errors: dict[str, list[str]] = {}
        if self.kind is not None and self.kind not in KINDS:
            errors["kind"] = [_("Choose offers (offer), needs (need) or both (leave empty).")]
        if self.exchange and self.exchange not in _labels("exchange", missing=self.exchange):
            errors["exchange"] = [_("Unknown exchange code.")]
        if self.sector and self.sector not in _labels("sector", missing=self.sector):
            errors["sector"] = [_("Unknown sector code.")]
        if self.province and self.province not in _labels("province", missing=self.province):
            errors["province"] = [_("Unknown province code.")]
        if self.cooperation and self.cooperation not in _cooperation_labels():
            errors["cooperation"] = [_("Unknown cooperation type.")]
        if self.ip_status and self.ip_status not in _ip_status_codes():
            errors["ip_status"] = [_("Unknown IP status.")]
        if self.sort not in SORTS:
            errors["sort"] = [_("Sort by relevance, newest or trl.")]
        for name in ("trl_min", "trl_max"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 9:
                errors[name] = [_("A TRL is a whole number from 1 to 9.")]
        if self.trl_min is not None and self.trl_max is not None and self.trl_min > self.trl_max:
            errors["trl_max"] = [_("The highest TRL must not be below the lowest.")]
        if (
            self.price_min is not None
            and self.price_max is not None
            and self.price_min > self.price_max
        ):
            errors["price_max"] = [_("The highest price must not be below the lowest.")]
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            errors["page_size"] = [_("A page holds 1 to %(max)s results.") % {"max": MAX_PAGE_SIZE}]
        elif self.page < 1:
            errors["page"] = [_("A page is a whole number from 1.")]
        elif self.page * self.page_size > MAX_RESULT_WINDOW:
            errors["page"] = [
                _(
                    "Results beyond the first %(max)s cannot be shown: refine your search "
                    "(more words, a filter) instead of going this deep."
                )
                % {"max": f"{MAX_RESULT_WINDOW:,}".replace(",", ".")}
            ]
        return {name: messages for name, messages in errors.items() if name not in skip}

    def validate(self) -> SearchQuery:
        errors = self._check()
        if errors:
            raise SearchQueryError(errors)
        return self

    # Helpers for pages ----------------------------------------------------------------------

    @property
    def sector_level(self) -> int | None:
        if not self.sector:
            return None
        return 1 if len(self.sector) == 1 else 2

    def active_filters(self) -> list[tuple[str, str]]:
        """(parameter, value) of every active filter, in a stable order (chips)."""
        active = []
        for name in (
            "exchange",
            "sector",
            "province",
            "cooperation",
            "trl_min",
            "trl_max",
            "price_min",
            "price_max",
            "ip_status",
        ):
            value = getattr(self, name)
            if value not in ("", None):
                active.append((name, str(value)))
        if self.verified is not None:
            active.append(("verified", "true" if self.verified else "false"))
        return active

    @property
    def has_filters(self) -> bool:
        return bool(self.active_filters())

    def to_params(self, **changes) -> dict[str, str]:
        """The query as URL parameters (defaults left out), with `changes` applied: a value
        of None or "" removes a parameter. The page goes back to 1 unless given."""
        changes.setdefault("page", 1)
        query = replace(
            self, **{k: (_empty(k) if v in (None, "") else v) for k, v in changes.items()}
        )
        params = {"q": query.text}
        for name in PARAMETERS[1:]:
            value = getattr(query, name, None)
            if name == "kind":
                value = query.kind or ""
            elif name == "verified":
                value = "" if query.verified is None else ("true" if query.verified else "false")
            elif name == "sort":
                value = "" if query.sort == "relevance" else query.sort
            elif name == "page":
                value = "" if query.page == 1 else query.page
            elif name == "page_size":
                value = "" if query.page_size == DEFAULT_PAGE_SIZE else query.page_size
            params[name] = "" if value is None else str(value)
        return {name: value for name, value in params.items() if value != ""}


def _empty(name: str):
    defaults = {
        "kind": None,
        "trl_min": None,
        "trl_max": None,
        "price_min": None,
        "price_max": None,
        "verified": None,
        "sort": "relevance",
        "page": 1,
        "page_size": DEFAULT_PAGE_SIZE,
    }
    return defaults.get(name, "")


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


# --- Building the engine request ------------------------------------------------------------


def _fields(suffix: str, names=None) -> list[str]:
    names = names or FIELD_WEIGHTS
    dot = f".{suffix}" if suffix else ""
    return [f"{name}{dot}^{FIELD_WEIGHTS[name]}" for name in names]


def text_query(text: str) -> dict:
    """The scored part of a text search (`text` already normalised)."""
    recall = [
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": _fields("folded"),
                "fuzziness": FUZZINESS,
                "prefix_length": FUZZY_PREFIX_LENGTH,
                "max_expansions": FUZZY_MAX_EXPANSIONS,
                "minimum_should_match": RECALL_MINIMUM_SHOULD_MATCH,
                "tie_breaker": TIE_BREAKER,
            }
        },
        {
            "multi_match": {
                "query": text,
                "type": "cross_fields",
                "fields": _fields("folded"),
                "minimum_should_match": RECALL_MINIMUM_SHOULD_MATCH,
                "tie_breaker": TIE_BREAKER,
            }
        },
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": _fields("en"),
                "minimum_should_match": RECALL_MINIMUM_SHOULD_MATCH,
                "tie_breaker": TIE_BREAKER,
                "boost": BOOST_ENGLISH,
            }
        },
    ]
    boosts = [
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": _fields("folded"),
                "tie_breaker": TIE_BREAKER,
                "boost": BOOST_FOLDED,
            }
        },
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": _fields(""),
                "tie_breaker": TIE_BREAKER,
                "boost": BOOST_EXACT,
            }
        },
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": _fields("shingles", SHINGLED_FIELDS),
                "tie_breaker": TIE_BREAKER,
                "boost": BOOST_SHINGLES,
            }
        },
        {"match_phrase": {"title.folded": {"query": text, "boost": BOOST_PHRASE_TITLE}}},
        {"match_phrase": {"summary.folded": {"query": text, "boost": BOOST_PHRASE_SUMMARY}}},
    ]
    return {
        "bool": {
            "must": [{"bool": {"should": recall, "minimum_should_match": 1}}],
            "should": boosts,
        }
    }


def _facet_filters(query: SearchQuery) -> dict[str, dict]:
    """The active filters that have a facet (or the kind tabs), by facet name."""
    filters: dict[str, dict] = {}
    if query.kind:
        filters["kind"] = {"term": {"kind": query.kind}}
    if query.exchange:
        filters["exchange"] = {"term": {"exchanges": query.exchange}}
    if query.sector:
        name = "sector_fields" if query.sector_level == 1 else "sectors"
        filters["sector"] = {"term": {name: query.sector}}
    if query.province:
        filters["province"] = {"term": {"provinces": query.province}}
    if query.cooperation:
        filters["cooperation"] = {"term": {"cooperation": query.cooperation}}
    if query.trl_min is not None or query.trl_max is not None:
        bounds = {}
        if query.trl_min is not None:
            bounds["gte"] = query.trl_min
        if query.trl_max is not None:
            bounds["lte"] = query.trl_max
        filters["trl"] = {"range": {"trl": bounds}}
    return filters


def _plain_filters(query: SearchQuery) -> list[dict]:
    """Filters without a facet: they narrow the query itself."""
    filters = []
    if query.price_min is not None or query.price_max is not None:
        # A listing's range [min, max] (either end open when missing) overlaps the budget.
        overlap = []
        if query.price_max is not None:
            overlap.append(_open_or("price_min_vnd", {"lte": query.price_max}))
        if query.price_min is not None:
            overlap.append(_open_or("price_max_vnd", {"gte": query.price_min}))
        filters.append(
            {
                "bool": {
                    "should": [{"term": {"negotiable": True}}, {"bool": {"filter": overlap}}],
                    "minimum_should_match": 1,
                }
            }
        )
    if query.ip_status:
        filters.append({"term": {"ip_status": query.ip_status}})
    if query.verified is not None:
        filters.append({"term": {"organisation_verified": query.verified}})
    if query.published_after is not None or query.published_before is not None:
        bounds = {}
        if query.published_after is not None:
            bounds["gt"] = query.published_after.astimezone(UTC).isoformat()
        if query.published_before is not None:
            bounds["lte"] = query.published_before.astimezone(UTC).isoformat()
        filters.append({"range": {"published_at": bounds}})
    return filters


def _open_or(name: str, bounds: dict) -> dict:
    return {
        "bool": {
            "should": [
                {"range": {name: bounds}},
                {"bool": {"must_not": [{"exists": {"field": name}}]}},
            ],
            "minimum_should_match": 1,
        }
    }


_FACET_FIELDS = {
    "sector": ("sectors", 200),
    "exchange": ("exchanges", 100),
    "province": ("provinces", 100),
    "cooperation": ("cooperation", 20),
    "trl": ("trl", 9),
    "kind": ("kind", 2),
}


def _sort(query: SearchQuery) -> list:
    newest = {"published_at": {"order": "desc"}}
    if query.sort == "newest" or (query.sort == "relevance" and not query.text):
        return [newest]
    if query.sort == "trl":
        return [{"trl": {"order": "desc"}}, "_score", newest]
    return ["_score", newest]


def build_request(query: SearchQuery) -> dict:
    """The search body for `query` (public for tests and the benchmark)."""
    facet_filters = _facet_filters(query)
    scored = text_query(query.text) if query.text else {"match_all": {}}
    plain = _plain_filters(query)
    main = {"bool": {"must": [scored], "filter": plain}} if plain else scored
    aggs = {}
    for facet, (name, size) in _FACET_FIELDS.items():
        others = [clause for other, clause in facet_filters.items() if other != facet]
        aggs[facet] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {"field": name, "size": size}}},
        }
    body = {
        "query": main,
        "aggs": aggs,
        "sort": _sort(query),
        "track_scores": True,
        "track_total_hits": True,
        "from": (query.page - 1) * query.page_size,
        "size": query.page_size,
        "_source": _SOURCE_FIELDS,
    }
    if facet_filters:
        body["post_filter"] = {"bool": {"filter": list(facet_filters.values())}}
    return body


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


def _listing_urls() -> dict[str, str]:
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
    labels = _label_map(facet)
    buckets = []
    for bucket in values:
        key = bucket["key"]
        if facet == "trl":
            key = int(key)
        label = labels.get(key) or facet_label(facet, key)
        buckets.append(FacetBucket(key=key, label=label, count=bucket["doc_count"]))
    buckets.sort(key=lambda b: (-b.count, str(b.key)) if facet != "trl" else (b.key,))
    return buckets


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
    highlighter = Highlighter(query.text) if query.text else None
    urls = _listing_urls()
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
    urls = _listing_urls()

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
