"""The Elasticsearch 8 path, checked without an Elasticsearch server (none can run here).

What Elasticsearch itself would decide is checked on what the client sends it:
- the size of the query (`leaf_clauses` counts the clauses of a search body as Elasticsearch
  8.18 counts them against its clause limit);
- index creation and the aliases, against `FakeCluster`, a small stand-in of an Elasticsearch
  8.18 node's index and alias APIs that records every request and answers as Elasticsearch's
  reference documents (status codes, error types, one write index per alias);
- the versions (client pins against the compose image) and the mapping.
Where osmem-server behaves as Elasticsearch does (aliases, the standard tokenizer), the same
code also runs against it.
"""

from __future__ import annotations

import json
import re
import threading
import tomllib
from collections import namedtuple
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import certifi
import elasticsearch
import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elasticsearch import Elasticsearch
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from listings.models import Listing
from search import bootstrap, engine, indexing
from search.documents import KINDS, alias_name
from search.parameters import SearchQuery
from search.request import (
    FUZZY_MAX_WORDS,
    MAX_QUERY_WORDS,
    build_request,
    query_words,
)
from tests.factories import ListingFactory

ROOT = Path(__file__).resolve().parents[2]

# --- Counting clauses -------------------------------------------------------------------------

_SHINGLE_SUFFIX = ".shingles"  # 2-3 syllable shingles without unigrams (search.analysis)


def _field_name(field: str) -> str:
    return field.split("^", 1)[0]


def _terms_in(field: str, text: str) -> int:
    """The terms the field's analyzer makes of `text` (search.request.query_words counts the
    standard tokenizer's tokens, never fewer than the engine makes)."""
    tokens = len(query_words(text))
    if _field_name(field).endswith(_SHINGLE_SUFFIX):
        tokens = max(0, tokens - 1) + max(0, tokens - 2)
    # No term at all: the field's query is a match-nothing query, itself one leaf.
    return max(1, tokens)


def leaf_clauses(query: dict) -> int:
    """The leaf clauses of one query (a search body's "query", or a filter) as Elasticsearch
    8.18 counts them against its clause limit, max(1024, heap MB x 64 / search threads).

    Elasticsearch (Lucene 9's IndexSearcher.rewrite) rewrites the query to primitive queries,
    then visits it and counts every leaf, failing the search past the limit. So:
    - match, and multi_match of any type (best_fields, cross_fields) over N fields: one term
      query per term per field, N x terms; with "fuzziness" every term may expand into up to
      "max_expansions" terms of the index, counted here as that many (the worst case: each
      word long enough to be fuzzy, with that many neighbours in the index);
    - terms are the analyzer's tokens (the standard tokenizer's, counted by
      search.request.query_words); a shingle sub-field has t-1 two-word and t-2 three-word
      shingles for t tokens; a field left without any term is one (match-nothing) leaf;
    - match_phrase: one per field (a phrase query hands all its terms over in one visit);
    - term, range, exists, match_all: one each;
    - bool and constant_score: the sum of their clauses.
    An unknown query type fails the count, so that a new one has to be taught here first.
    """
    (kind, body), *rest = query.items()
    assert not rest, query
    if kind == "bool":
        return sum(
            leaf_clauses(clause)
            for occur in ("must", "should", "filter", "must_not")
            for clause in body.get(occur, [])
        )
    if kind == "constant_score":
        return leaf_clauses(body["filter"])
    if kind in ("term", "range", "exists", "match_all"):
        return 1
    if kind == "match_phrase":
        return len(body)
    if kind == "match":
        ((field, options),) = body.items()
        text = options["query"] if isinstance(options, dict) else options
        expansions = options.get("max_expansions", 50) if "fuzziness" in options else 1
        return _terms_in(field, text) * expansions
    if kind == "multi_match":
        expansions = body.get("max_expansions", 50) if "fuzziness" in body else 1
        return sum(_terms_in(field, body["query"]) * expansions for field in body["fields"])
    raise AssertionError(f"leaf_clauses does not know {kind!r} queries")


ELASTICSEARCH_MINIMUM_CLAUSE_LIMIT = 1024


def test_the_clause_counter_counts_as_elasticsearch_does():
    three_words = "xử lý nước"
    query = {
        "bool": {
            "must": [
                {
                    "multi_match": {
                        "query": three_words,
                        "fields": ["title.folded^5", "summary.folded^2"],
                        "fuzziness": "AUTO",
                        "max_expansions": 20,
                    }
                },
                {"multi_match": {"query": three_words, "fields": ["title^5", "keywords^3"]}},
            ],
            "should": [
                {"multi_match": {"query": three_words, "fields": ["title.shingles^5"]}},
                {"multi_match": {"query": "nước", "fields": ["title.shingles^5"]}},
                {"match_phrase": {"title.folded": {"query": three_words}}},
                {"constant_score": {"filter": {"term": {"organisation_name.whole": "x"}}}},
            ],
            "filter": [{"range": {"trl": {"gte": 3}}}, {"exists": {"field": "trl"}}],
        }
    }
    # 2 fields x 3 words x 20 expansions, 2 x 3, 2 + 1 shingles, 1 (no shingle), phrase, term,
    # range, exists
    assert leaf_clauses(query) == 120 + 6 + 3 + 1 + 1 + 1 + 1 + 1
    with pytest.raises(AssertionError, match="does not know 'query_string'"):
        leaf_clauses({"query_string": {"query": "x"}})


PARAGRAPH = (
    "Công nghệ xử lý nước thải chăn nuôi bằng màng sinh học, kết hợp thu hồi khí sinh học "
    "để phát điện cho trang trại, giảm mùi và tái sử dụng nước sau xử lý cho tưới tiêu. "
)


@pytest.mark.parametrize(
    ("text", "words", "fuzzy", "clauses"),
    [
        # 500 characters of one-letter words: the most words that fit (250)
        pytest.param("a " * 250, MAX_QUERY_WORDS, False, 903, id="500 characters, 250 words"),
        pytest.param("a " * 2500, MAX_QUERY_WORDS, False, 903, id="5000 characters"),
        pytest.param(PARAGRAPH * 4, MAX_QUERY_WORDS, False, 903, id="a pasted paragraph"),
        # Han characters: one token each, no spaces needed
        pytest.param("技术转让" * 125, MAX_QUERY_WORDS, False, 903, id="500 Han characters"),
        pytest.param("🚀" * 500, MAX_QUERY_WORDS, False, 903, id="500 emoji"),
        pytest.param("aカ" * 250, MAX_QUERY_WORDS, False, 903, id="Latin and Katakana"),
        # The longest text that keeps typo tolerance: six words of four letters or more
        pytest.param(
            "nghiên cứu thiết bị chuyển giao",
            FUZZY_MAX_WORDS,
            True,
            903,
            id="six fuzzy words",
        ),
        pytest.param(
            "nghiên cứu thiết bị chuyển giao công", 7, False, 257, id="seven words: no fuzziness"
        ),
        pytest.param("nuoc thia", 2, True, 295, id="two words"),
    ],
)
def test_long_queries_stay_under_elasticsearchs_smallest_clause_limit(text, words, fuzzy, clauses):
    # Given a typed or pasted text, cut at 500 characters like every search
    query = SearchQuery(text=text)

    # When its engine request is built
    body = build_request(query)

    # Then only its first words reach the engine, with typo tolerance for short texts only,
    # and the query stays below the smallest clause limit of Elasticsearch
    recall = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert len(query_words(recall[0]["multi_match"]["query"])) == words
    assert ("fuzziness" in recall[0]["multi_match"]) is fuzzy
    assert leaf_clauses(body["query"]) == clauses
    assert clauses < ELASTICSEARCH_MINIMUM_CLAUSE_LIMIT


def test_the_worst_case_with_every_filter_stays_under_the_limit():
    query = SearchQuery(
        text="a " * 2500,
        price_min=1,
        price_max=2,
        ip_status="patent_granted",
        verified=True,
        exchange="hanoi",
        sector="203",
        province="ha-noi",
        cooperation="licence",
        trl_min=1,
        trl_max=9,
    )

    body = build_request(query)

    # 903 for the text, 5 for the price overlap, 1 each for the IP status and the badge
    assert leaf_clauses(body["query"]) == 910
    assert leaf_clauses(body["post_filter"]) == 5
    assert max(leaf_clauses(agg["filter"]) for agg in body["aggs"].values()) == 5


def test_only_the_first_words_reach_the_engine_and_the_whole_name_is_kept():
    words = [f"w{number}" for number in range(1, 31)]
    text = " ".join(words)

    query = build_request(SearchQuery(text=text))["query"]

    kept = " ".join(words[:MAX_QUERY_WORDS])
    recall = query["bool"]["must"][0]["bool"]["should"]
    boosts = query["bool"]["should"]
    assert [clause["multi_match"]["query"] for clause in recall] == [kept] * 3
    assert [clause["multi_match"]["query"] for clause in boosts[:3]] == [kept] * 3
    assert boosts[3] == {"match_phrase": {"title.folded": {"query": kept, "boost": 4.0}}}
    assert boosts[4] == {"match_phrase": {"summary.folded": {"query": kept, "boost": 2.0}}}
    # A whole organisation name is one term: it is compared whole, whatever its length
    assert boosts[5]["constant_score"]["filter"] == {"term": {"organisation_name.whole": text}}


def test_the_cut_keeps_the_text_up_to_its_last_kept_word():
    text = "GaN-based, 1.5kW sensors: " + "x " * 40
    query = build_request(SearchQuery(text=text))["query"]

    recall = query["bool"]["must"][0]["bool"]["should"]
    # GaN, based, 1, 5kW, sensors: five words by the conservative count, then 19 x
    assert recall[0]["multi_match"]["query"] == "GaN-based, 1.5kW sensors: " + "x " * 18 + "x"


@pytest.mark.parametrize(
    ("text", "words", "engine_tokens"),
    [
        ("xử lý nước thải", 4, 4),
        ("GaN-based 1.5kW don't a_b", 8, 5),
        ("中文字", 3, 3),
        ("ひらがな", 4, 4),
        ("aカaカaカ", 6, 6),
        ("aกbกc", 5, 5),
        ("ไทยภาษา abc", 2, 2),
        ("😀😀 ❤️ 🇻🇳 ©", 7, 5),
        ("한국어abc مرحبا123", 2, 2),
        ("a–b “c” …d", 8, 4),
        ("ab\u200bcd", 3, 2),
        ("x" * 300, 2, 2),  # the standard tokenizer cuts tokens at 255 characters
        ('title:(a OR b) AND "unbalanced', 6, 6),
    ],
)
def test_the_word_count_is_never_below_the_engines_token_count(text, words, engine_tokens):
    # osmem-server's standard tokenizer follows Unicode word boundaries as Lucene's does
    with bootstrap.bootstrap_suspended():
        tokens = engine.get_client().indices.analyze(tokenizer="standard", text=text)["tokens"]

    assert (len(query_words(text)), len(tokens)) == (words, engine_tokens)


# --- A stand-in Elasticsearch 8.18 node -------------------------------------------------------


class FakeCluster:
    """The index and alias APIs of one Elasticsearch 8.18 node, in memory, as its reference
    documents them: creating an index with aliases in one cluster-state update; an alias's name
    and an index's name never equal; one write index per alias at most (a second one is an
    illegal_state_exception, HTTP 500); `HEAD /<name>` true for an alias too. Every request is
    recorded in `requests` as (method, path, query parameters, JSON body).

    `before` maps (method, path) to a function that runs once before that request is
    answered: another worker acting at that moment."""

    VERSION = "8.18.8"

    def __init__(self):
        self.indices: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict, object]] = []
        self.before: dict[tuple[str, str], object] = {}
        self._lock = threading.Lock()

    # State ----------------------------------------------------------------------------------

    def aliased(self, alias: str) -> dict[str, dict]:
        """{index: alias properties} of the indices behind `alias`."""
        return {
            name: index["aliases"][alias]
            for name, index in self.indices.items()
            if alias in index["aliases"]
        }

    def create(self, name: str, body: dict | None = None) -> None:
        """Creates an index as another worker would (no request recorded)."""
        error = self._create(name, body or {})
        assert error is None, error

    def _write_indices(self, alias: str, indices: dict[str, dict]) -> list[str]:
        return sorted(
            name
            for name, index in indices.items()
            if index["aliases"].get(alias, {}).get("is_write_index")
        )

    def _validate(self, indices: dict[str, dict]) -> tuple[int, str, str] | None:
        aliases = {alias for index in indices.values() for alias in index["aliases"]}
        for alias in sorted(aliases):
            if alias in indices:
                return (
                    400,
                    "invalid_alias_name_exception",
                    f"Invalid alias name [{alias}]: an index or data stream exists with the "
                    "same name as the alias",
                )
            writers = self._write_indices(alias, indices)
            if len(writers) > 1:
                return (
                    500,
                    "illegal_state_exception",
                    f"alias [{alias}] has more than one write index [{','.join(writers)}]",
                )
        return None

    def _create(self, name: str, body: dict) -> tuple[int, str, str] | None:
        if name in self.indices:
            return 400, "resource_already_exists_exception", f"index [{name}/uuid] already exists"
        if self.aliased(name):
            return (
                400,
                "invalid_index_name_exception",
                f"Invalid index name [{name}], already exists as alias",
            )
        indices = dict(self.indices)
        indices[name] = {"aliases": dict(body.get("aliases", {})), "body": body, "docs": {}}
        error = self._validate(indices)
        if error is None:
            self.indices = indices
        return error

    def _update_aliases(self, actions: list[dict]) -> tuple[int, str, str] | None:
        indices = {
            name: {**index, "aliases": dict(index["aliases"])}
            for name, index in self.indices.items()
        }
        for action in actions:
            ((verb, spec),) = action.items()
            index = spec["index"]
            if index not in indices:
                return 404, "index_not_found_exception", f"no such index [{index}]"
            if verb == "remove_index":
                del indices[index]
            elif verb == "remove":
                if spec["alias"] not in indices[index]["aliases"]:
                    return 404, "aliases_not_found_exception", f"aliases [{spec['alias']}] missing"
                del indices[index]["aliases"][spec["alias"]]
            elif verb == "add":
                properties = {k: v for k, v in spec.items() if k not in ("index", "alias")}
                indices[index]["aliases"][spec["alias"]] = properties
            else:
                return 400, "illegal_argument_exception", f"unknown action [{verb}]"
        error = self._validate(indices)
        if error is None:
            self.indices = indices
        return error

    # HTTP ------------------------------------------------------------------------------------

    def answer(self, method: str, target: str, body: bytes | None) -> tuple[int, object]:
        parts = urlsplit(target)
        path = unquote(parts.path)
        params = dict(parse_qsl(parts.query))
        if body and path.endswith("/_bulk"):
            payload = [json.loads(line) for line in body.decode().splitlines() if line]
        else:
            payload = json.loads(body) if body else None
        with self._lock:
            self.requests.append((method, path, params, payload))
            hook = self.before.pop((method, path), None)
            if hook is not None:
                hook()
            return self._answer(method, path, params, payload)

    def _error(self, status: int, kind: str, reason: str) -> tuple[int, dict]:
        cause = {"type": kind, "reason": reason}
        return status, {"error": {"root_cause": [cause], **cause}, "status": status}

    def _answer(self, method, path, params, payload):
        segments = path.strip("/").split("/") if path.strip("/") else []
        if method == "GET" and not segments:
            return 200, {"version": {"number": self.VERSION, "build_flavor": "default"}}
        if segments[:1] == ["_alias"] and len(segments) == 2:
            found = self.aliased(segments[1])
            if not found:
                return 404, {"error": f"alias [{segments[1]}] missing", "status": 404}
            return 200, {name: {"aliases": {segments[1]: props}} for name, props in found.items()}
        if segments == ["_aliases"] and method == "POST":
            error = self._update_aliases(payload["actions"])
            return self._error(*error) if error else (200, {"acknowledged": True, "errors": False})
        if segments == ["_bulk"]:
            items = []
            for action, source in zip(payload[::2], payload[1::2], strict=True):
                ((op, meta),) = action.items()
                self.indices[meta["_index"]]["docs"][meta["_id"]] = source
                items.append({op: {"_index": meta["_index"], "_id": meta["_id"], "status": 201}})
            return 200, {"took": 1, "errors": False, "items": items}
        if len(segments) == 2 and segments[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if len(segments) == 1:
            name = segments[0]
            if method == "HEAD":
                return (200 if name in self.indices or self.aliased(name) else 404), None
            if method == "PUT":
                error = self._create(name, payload or {})
                if error:
                    return self._error(*error)
                return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
            if method == "DELETE":
                if name not in self.indices:
                    if params.get("ignore_unavailable") == "true":
                        return 200, {"acknowledged": True}
                    return self._error(404, "index_not_found_exception", f"no such index [{name}]")
                del self.indices[name]
                return 200, {"acknowledged": True}
        return self._error(400, "fake_cluster_exception", f"not served: {method} {path}")


_NodeResponse = namedtuple("_NodeResponse", "meta body")  # what a node's request returns


class FakeNode(BaseNode):
    """An HTTP node of the client that asks `cluster` instead of the network."""

    cluster: FakeCluster

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        status, answer = self.cluster.answer(method, target, body)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "content-type": "application/vnd.elasticsearch+json;compatible-with=8",
                    "x-elastic-product": "Elasticsearch",
                }
            ),
            duration=0.0,
            node=self.config,
        )
        return _NodeResponse(meta, json.dumps(answer).encode() if answer is not None else b"")


@pytest.fixture
def cluster(settings, monkeypatch):
    """A fresh stand-in Elasticsearch cluster that search.indexing talks to, as on the
    Elasticsearch path (ELASTICSEARCH_URL set)."""
    fake = FakeCluster()
    node_class = type("ClusterNode", (FakeNode,), {"cluster": fake})
    client = Elasticsearch("http://elasticsearch:9200", node_class=node_class, max_retries=0)
    settings.ELASTICSEARCH_URL = "http://elasticsearch:9200"
    monkeypatch.setattr(engine, "get_client", lambda: client)
    return fake


_STAMP = re.compile(r"-\d{8}-\d{6}(-\d+)?$")


def shapes(requests) -> list[tuple[str, str]]:
    """(method, path) of the requests, index timestamps shown as "-<time>"."""
    return [(method, _STAMP.sub("-<time>", path)) for method, path, _params, _body in requests]


# --- Index creation -----------------------------------------------------------------------


def test_ensure_indices_creates_each_index_with_its_write_alias_in_one_request(
    cluster, search_index_prefix
):
    # Given a fresh cluster, when a process makes the indices ready
    indexing.ensure_indices()

    # Then each index is created together with its alias, marked as the write index
    offers, needs = alias_name("offer"), alias_name("need")
    assert shapes(cluster.requests) == [
        ("HEAD", f"/_alias/{offers}"),
        ("HEAD", f"/{offers}"),
        ("HEAD", f"/{offers}-<time>"),
        ("PUT", f"/{offers}-<time>"),
        ("HEAD", f"/_alias/{needs}"),
        ("HEAD", f"/{needs}"),
        ("HEAD", f"/{needs}-<time>"),
        ("PUT", f"/{needs}-<time>"),
    ]
    create = cluster.requests[3][3]
    assert create["aliases"] == {offers: {"is_write_index": True}}
    assert sorted(create) == ["aliases", "mappings", "settings"]
    for alias in (offers, needs):
        ((_name, properties),) = cluster.aliased(alias).items()
        assert properties == {"is_write_index": True}

    # and a second call only looks
    cluster.requests.clear()
    indexing.ensure_indices()
    assert shapes(cluster.requests) == [("HEAD", f"/_alias/{offers}"), ("HEAD", f"/_alias/{needs}")]


def test_ensure_indices_accepts_that_another_worker_won_the_race(cluster, search_index_prefix):
    # Given another worker that creates the offers' index and alias just before this one does
    offers = alias_name("offer")
    theirs = f"{offers}-20250101-000000"

    def other_worker_wins():
        cluster.create(theirs, {"aliases": {offers: {"is_write_index": True}}})

    original_answer = cluster._answer

    def answer(method, path, params, payload):
        if method == "PUT" and path.startswith(f"/{offers}-") and path != f"/{theirs}":
            other_worker_wins()
        return original_answer(method, path, params, payload)

    cluster._answer = answer

    # When this worker makes the indices ready
    indexing.ensure_indices()

    # Then its creation was refused (a second write index), it takes the other one's alias,
    # deletes nothing of it and leaves no index of its own
    ours = [body for method, path, _p, body in cluster.requests if method == "PUT"]
    assert len(ours) == 2
    assert cluster.aliased(offers) == {theirs: {"is_write_index": True}}
    assert sorted(cluster.indices) == sorted([theirs, *cluster.aliased(alias_name("need"))])
    assert not [path for method, path, _p, _b in cluster.requests if method == "DELETE"]


def test_ensure_indices_accepts_another_worker_creating_the_same_index_name(
    cluster, search_index_prefix
):
    # Given another worker that creates the very index name this one chose, with its alias
    offers = alias_name("offer")
    original_answer = cluster._answer
    taken = []

    def answer(method, path, params, payload):
        if method == "PUT" and path.startswith(f"/{offers}-") and not taken:
            taken.append(path[1:])
            cluster.create(path[1:], {"aliases": {offers: {"is_write_index": True}}})
        return original_answer(method, path, params, payload)

    cluster._answer = answer

    # When this worker makes the indices ready
    indexing.ensure_indices()

    # Then it is told the index exists, and leaves it to its owner
    assert cluster.aliased(offers) == {taken[0]: {"is_write_index": True}}
    assert taken[0] in cluster.indices
    assert not [path for method, path, _p, _b in cluster.requests if method == "DELETE"]
    assert len(cluster.indices) == 2


def test_ensure_indices_replaces_a_squatting_index_and_removes_its_orphan_on_a_lost_race(
    cluster, search_index_prefix
):
    # Given a concrete index named like the needs' alias (a stray write auto-created it), and
    # another worker that replaces it while this one prepares its own index
    needs = alias_name("need")
    cluster.create(needs)
    theirs = f"{needs}-20250101-000000"

    def other_worker_replaces_the_squatter():
        cluster.create(theirs)
        cluster._update_aliases(
            [
                {"remove_index": {"index": needs}},
                {"add": {"index": theirs, "alias": needs, "is_write_index": True}},
            ]
        )

    cluster.before[("POST", "/_aliases")] = other_worker_replaces_the_squatter

    # When this worker makes the indices ready
    indexing.ensure_indices()

    # Then its own swap failed (the squatter was gone), it deleted the index it had created
    # for it, and the alias stands over the other worker's index alone
    (ours,) = [
        path[1:]
        for method, path, _p, _b in cluster.requests
        if method == "PUT" and path.startswith(f"/{needs}-")
    ]
    swap = [body for _method, path, _p, body in cluster.requests if path == "/_aliases"]
    assert swap == [
        {
            "actions": [
                {"remove_index": {"index": needs}},
                {"add": {"index": ours, "alias": needs, "is_write_index": True}},
            ]
        }
    ]
    assert ("DELETE", f"/{ours}") in [(m, p) for m, p, _params, _b in cluster.requests]
    assert ours not in cluster.indices
    assert cluster.aliased(needs) == {theirs: {"is_write_index": True}}


def test_two_workers_racing_ensure_indices_leave_one_index_behind_each_alias(
    search_index_prefix, monkeypatch
):
    # Given two workers on the embedded engine that both find the aliases missing before
    # either creates them
    with bootstrap.bootstrap_suspended():
        client = engine.get_client()
    monkeypatch.setattr(engine, "get_client", lambda: client)
    barriers = {alias_name(kind): threading.Barrier(2) for kind in KINDS}
    waited = set()
    exists_alias = client.indices.exists_alias

    def exists_alias_then_wait(*, name, **kwargs):
        found = exists_alias(name=name, **kwargs)
        key = (threading.get_ident(), name)
        if not found and key not in waited:
            waited.add(key)
            barriers[name].wait(timeout=10)
        return found

    monkeypatch.setattr(client.indices, "exists_alias", exists_alias_then_wait)
    errors = []

    def worker():
        try:
            indexing.ensure_indices()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # When they race
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Then neither fails, and each alias stands over one write index, with no orphan beside
    assert errors == []
    indices = client.indices.get(index=f"{search_index_prefix}-*").body
    assert len(indices) == 2
    for kind in KINDS:
        behind = client.indices.get_alias(name=alias_name(kind)).body
        assert len(behind) == 1
        assert next(iter(behind.values())) == {
            "aliases": {alias_name(kind): {"is_write_index": True}}
        }


@pytest.mark.django_db
def test_rebuilding_one_kind_on_a_fresh_cluster_leaves_both_aliases(cluster, search_index_prefix):
    # Given published offers and needs, and a cluster without any index
    offers = [ListingFactory() for _ in range(2)]
    ListingFactory(kind="need")

    # When only the offers are rebuilt (`search_index --rebuild --kind offer`)
    result = indexing.index_rebuild("offer")

    # Then the needs' alias exists too (search answers), over an empty index until the needs
    # are indexed, and the offers' alias moved to the rebuilt index in one atomic step
    offers_alias, needs_alias = alias_name("offer"), alias_name("need")
    ((rebuilt, properties),) = cluster.aliased(offers_alias).items()
    assert properties == {"is_write_index": True}
    assert sorted(cluster.indices[rebuilt]["docs"]) == sorted(str(o.pk) for o in offers)
    ((needs_index, _),) = cluster.aliased(needs_alias).items()
    assert cluster.indices[needs_index]["docs"] == {}
    (empty,) = result["offer"]["removed"]
    assert result == {"offer": {"indexed": 2, "index": rebuilt, "removed": [empty]}}
    swap = [body for _method, path, _p, body in cluster.requests if path == "/_aliases"]
    assert swap == [
        {
            "actions": [
                {"remove": {"index": empty, "alias": offers_alias, "must_exist": True}},
                {"add": {"index": rebuilt, "alias": offers_alias, "is_write_index": True}},
            ]
        }
    ]
    assert empty not in cluster.indices
    assert len(cluster.indices) == 2


# --- Mapping, versions and settings ---------------------------------------------------------


def test_the_completion_field_keeps_whole_titles(search_index_prefix):
    title_length = Listing._meta.get_field("title").max_length

    mapping = indexing._index_body()["mappings"]["properties"]["suggest"]

    assert title_length == 200
    assert mapping == {"type": "completion", "analyzer": "vi_folded", "max_input_length": 200}
    # and the engine keeps it
    with bootstrap.bootstrap_suspended():
        client = engine.get_client()
        client.indices.create(index=f"{search_index_prefix}-mapping", **indexing._index_body())
        stored = client.indices.get_mapping(index=f"{search_index_prefix}-mapping").body
    suggest = stored[f"{search_index_prefix}-mapping"]["mappings"]["properties"]["suggest"]
    assert suggest["max_input_length"] == 200


def _compose_elasticsearch_version() -> tuple[int, int, int]:
    compose = (ROOT / "docker-compose.yml").read_text()
    (version,) = re.findall(
        r"image:\s*docker\.elastic\.co/elasticsearch/elasticsearch:(\S+)", compose
    )
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def _pins() -> dict[str, SpecifierSet]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return {r.name: r.specifier for r in requirements if r.name.startswith("elasticsearch")}


def test_the_client_is_pinned_to_the_minor_of_the_compose_elasticsearch():
    # Elastic promises forward compatibility only: a client must not be newer than its server
    major, minor, _patch = _compose_elasticsearch_version()
    pins = _pins()

    assert sorted(pins) == ["elasticsearch", "elasticsearch-dsl"]
    for name, specifier in pins.items():
        admitted = {
            version: specifier.contains(version)
            for version in (
                f"{major}.{minor}.0",
                f"{major}.{minor}.99",
                f"{major}.{minor + 1}.0",
                f"{major}.{minor - 1}.99",
                f"{major + 1}.0.0",
            )
        }
        assert admitted == {
            f"{major}.{minor}.0": True,
            f"{major}.{minor}.99": True,
            f"{major}.{minor + 1}.0": False,
            f"{major}.{minor - 1}.99": False,
            f"{major + 1}.0.0": False,
        }, name
    # and the installed client obeys the pin
    assert elasticsearch.__versionstr__.split(".")[:2] == [str(major), str(minor)]


def test_a_secured_elasticsearch_gets_the_ca_certificate_and_the_api_key(settings):
    # Given a secured Elasticsearch 8 (its default: TLS with its own CA, and an API key)
    settings.ELASTICSEARCH_URL = "https://127.0.0.1:9"
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    settings.ELASTICSEARCH_API_KEY = "a2V5LWlkOmtleQ=="
    engine.reset_client()

    # When the client is built
    with bootstrap.bootstrap_suspended():
        client = engine.get_client()

    # Then it trusts that CA and sends the key
    (node,) = client.transport.node_pool.all()
    assert node.config.ca_certs == certifi.where()
    assert client._headers["authorization"] == "ApiKey a2V5LWlkOmtleQ=="


def test_the_settings_default_to_an_unsecured_cluster():
    from django.conf import settings

    assert (settings.ELASTICSEARCH_CA_CERTS, settings.ELASTICSEARCH_API_KEY) == ("", "")
    example = (ROOT / ".env.example").read_text()
    assert "# ELASTICSEARCH_CA_CERTS=" in example
    assert "# ELASTICSEARCH_API_KEY=" in example
