"""The engine request of a search: the scored text query, the filters, the facets'
aggregations and the sort, as one search body (`build_request`).

Text matching (tuned on tests/search/test_relevance.py):
- recall: the words must match (all of them up to three words, 80 % above) in one field's
  folded form with typo tolerance, or across the fields' folded forms, or in their English
  stemmed form;
- ranking boosts: the exact form with diacritics ("bán dẫn" before "bàn dẫn"), shingles
  (syllables side by side: "xử lý nước thải" before the same syllables scattered; title,
  keywords, summary and organisation name: the long texts have none, their shingles cost a
  quarter of the indexing time), the phrase in the title or summary, and the text being
  exactly an organisation's name (that organisation's listings first);
- field weights: title 5 > keywords 3 > summary 2 = organisation name 2 > description 1
  (applications 1): users find an institute's listings by its name ("Viện Công nghệ Sinh
  học", "vien cong nghe sinh hoc") without a name outweighing what a listing is about.
User text only ever goes into match/multi_match/match_phrase queries and a term query on a
keyword, never into query_string, so Lucene syntax in it is plain text. Matched words are marked by
search.highlighting, in Python, from the returned text (the reason is there).

Size (Elasticsearch's clause limit): Elasticsearch fails a search whose rewritten query has
more leaf clauses than max(1024, heap MB x 64 / search threads), about 2,600 on the compose
file's 1 GB node of 16 cores. Every word costs a clause per field and sub-field searched, and a
fuzzy word up to FUZZY_MAX_EXPANSIONS of them, so a pasted 500-character paragraph made about
17,000 (4,300 without counting typo expansions). Only the first MAX_QUERY_WORDS words are
searched (a pasted text is still found by them), and only a text of at most FUZZY_MAX_WORDS
words is typo tolerant (a longer one forgives a misspelt word through the 80 % rule): at most
903 text clauses either way (tests/search/test_elasticsearch_path.py counts them), under 1,024
whatever the node.

Facets follow the classic pattern: the active facet filters go in `post_filter`, and each
facet's aggregation is filtered by every other active filter, so a facet's counts show what
else one could pick. Filters without a facet (price, IP status, verification) filter the
query itself.
"""

from __future__ import annotations

import re
from datetime import UTC

from .parameters import SearchQuery

# --- Weights (see the module docstring) -----------------------------------------------------

FIELD_WEIGHTS = {
    "title": 5,
    "keywords": 3,
    "summary": 2,
    "organisation_name": 2,
    "description": 1,
    "applications": 1,
}
SHINGLED_FIELDS = ("title", "keywords", "summary", "organisation_name")  # not the long texts
RECALL_MINIMUM_SHOULD_MATCH = "3<80%"  # up to 3 words: all; more: 80 % of them
FUZZINESS = "AUTO:4,7"  # 1-3 letters exact, 4-6 one edit, 7+ two (Vietnamese syllables: short)
FUZZY_PREFIX_LENGTH = 1
FUZZY_MAX_EXPANSIONS = 20
# The clause budget (module docstring). A word costs 38 clauses: 6 fields in each of 5
# multi_matches, and 2 shingles in each of 4 shingled fields; a fuzzy word 19 x 6 more. Less
# 12 for the shingles a text's ends lack, plus the 2 phrases and the name: 24 words x 38 - 9 or
# 6 fuzzy words x 152 - 9, both 903.
MAX_QUERY_WORDS = 24
FUZZY_MAX_WORDS = 6
BOOST_FOLDED = 1.0  # the words as typed, without typo expansion
BOOST_EXACT = 2.0  # diacritics kept
BOOST_SHINGLES = 3.0  # syllables side by side
BOOST_PHRASE_TITLE = 4.0
BOOST_PHRASE_SUMMARY = 2.0
# The text is exactly an organisation's name (any case, with or without diacritics): a flat
# score well above what text matches reach (a few hundred), so its listings come first.
BOOST_WHOLE_ORGANISATION_NAME = 1000.0
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


# --- Building the engine request ------------------------------------------------------------


def _fields(suffix: str, names=None) -> list[str]:
    names = names or FIELD_WEIGHTS
    dot = f".{suffix}" if suffix else ""
    return [f"{name}{dot}^{FIELD_WEIGHTS[name]}" for name in names]


# The words of a text as the engines' standard tokenizer (Unicode word boundaries, tokens of
# at most 255 characters) makes them, never fewer: Han characters and hiragana are a word each,
# katakana and South-East Asian scripts split from the letters around them, and any other sign
# outside ASCII (emoji, "…", "“") counts as a word, where the engine makes one token of several
# such signs, or none. Finer than the engine elsewhere ("1.5kW", "don't", "a_b" are two words
# here); tests/search/test_elasticsearch_path.py compares it with the engine's tokenizer.
_HAN_AND_HIRAGANA = "\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_KATAKANA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_SOUTH_EAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1950-\u19df"
_QUERY_WORD = re.compile(
    f"[{_HAN_AND_HIRAGANA}]"
    f"|[{_KATAKANA}]{{1,255}}"
    f"|[{_SOUTH_EAST_ASIAN}]{{1,255}}"
    f"|[^\\W_{_HAN_AND_HIRAGANA}{_KATAKANA}{_SOUTH_EAST_ASIAN}]{{1,255}}"
    "|[^\\w\\s!-/:-@\\[-`{-~]"
)


def query_words(text: str) -> list[str]:
    """The words of `text`, counted as the engine would make tokens of it or more."""
    return _QUERY_WORD.findall(text)


def searched_text(text: str) -> str:
    """`text` up to the end of its MAX_QUERY_WORDS-th word: what the engine searches for."""
    for number, word in enumerate(_QUERY_WORD.finditer(text), start=1):
        if number == MAX_QUERY_WORDS:
            return text[: word.end()]
    return text


def text_query(text: str) -> dict:
    """The scored part of a text search (`text` already normalised)."""
    whole = text
    text = searched_text(text)
    typo_tolerance = (
        {
            "fuzziness": FUZZINESS,
            "prefix_length": FUZZY_PREFIX_LENGTH,
            "max_expansions": FUZZY_MAX_EXPANSIONS,
        }
        if len(query_words(text)) <= FUZZY_MAX_WORDS
        else {}
    )
    recall = [
        {
            "multi_match": {
                "query": text,
                "type": "best_fields",
                "fields": _fields("folded"),
                **typo_tolerance,
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
        {
            "constant_score": {
                # One term, compared whole: a name is never cut.
                "filter": {"term": {"organisation_name.whole": whole}},
                "boost": BOOST_WHOLE_ORGANISATION_NAME,
            }
        },
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
