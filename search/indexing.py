"""Writing listings into the search indices.

One index per kind ("<prefix>-offers", "<prefix>-needs"): each name is an alias over a
versioned concrete index ("<alias>-<UTC yyyymmdd-hhmmss>"). Single documents go through the alias;
`index_rebuild` fills a new concrete index in bulk and moves the alias in one atomic
`update_aliases` call, so searches keep answering during a rebuild. Only published listings
are indexed. `index_check` compares the database with the index (ids, update times and the
organisation fields that the document copies) and `index_repair` fixes exactly what it found.

Every request goes through `search.engine.get_client()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from elasticsearch import NotFoundError
from elasticsearch.dsl import Index
from elasticsearch.helpers import bulk, streaming_bulk

from . import engine
from .analysis import normalise_text
from .documents import KINDS, ListingDocument, alias_name

logger = logging.getLogger(__name__)

# Fields of the document that `index_check` compares with the database.
_CHECK_FIELDS = ["updated_at", "organisation_name", "organisation_verified"]


# Bulk requests carry hundreds of documents: allow them more time than single requests, and
# let the helper retry documents the engine rejects as "too many requests" (429).
_BULK_TIMEOUT = 120
_BULK_RETRY = {"max_retries": 3, "initial_backoff": 2}


# Documents per bulk request. osmem-server re-indexes segments of fewer than 1,000 documents to
# merge them, so smaller requests get analysed twice (1,000 was 49 % faster than 500 in
# benchmarks/RESULTS.md); 1,000 documents are ~1.5 MB, well within Elasticsearch's advice.
BULK_CHUNK_SIZE = 1000


def _bulk_client():
    return engine.get_client().options(request_timeout=_BULK_TIMEOUT)


# --- Documents ------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _texts(values: Iterable[str]) -> list[str]:
    return [text for text in (normalise_text(str(v)) for v in values or []) if text]


def _url(listing) -> str:
    """The page in the default language (no language prefix), whichever language the request
    that queued the indexing used; pages show it in the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return listing.get_absolute_url()


def document_for(listing) -> dict:
    """The document body of a listing (normalised text, codes for every facet).

    Expects `organisation`, `exchange__parent`, `sectors` and `provinces` loaded (the
    querysets here do that); works without, at the cost of queries.
    """
    exchange = listing.exchange
    exchanges = [exchange.code]
    if exchange.parent_id:
        exchanges.append(exchange.parent.code)
    sectors: set[str] = set()
    fields: set[str] = set()
    for sector in listing.sectors.all():
        if sector.parent_id:
            sectors.add(sector.code)
            fields.add(sector.parent_id)
        else:
            fields.add(sector.code)
    title = normalise_text(listing.title)
    keywords = _texts(listing.keywords)
    organisation = listing.organisation
    return {
        "kind": listing.kind,
        "title": title,
        "keywords": keywords,
        "summary": normalise_text(listing.summary),
        "description": normalise_text(listing.description),
        "applications": normalise_text(listing.applications),
        "organisation_name": normalise_text(organisation.name),
        "organisation_id": str(organisation.pk),
        "organisation_kind": organisation.kind,
        "organisation_verified": organisation.verified_at is not None,
        "exchange": exchange.code,
        "exchanges": exchanges,
        "sectors": sorted(sectors),
        "sector_fields": sorted(fields),
        "provinces": sorted(province.slug for province in listing.provinces.all()),
        "cooperation": sorted(str(c) for c in listing.cooperation or []),
        "ip_status": listing.ip_status or None,
        "trl": listing.trl,
        "price_min_vnd": listing.price_min_vnd,
        "price_max_vnd": listing.price_max_vnd,
        "negotiable": listing.price_min_vnd is None and listing.price_max_vnd is None,
        "language": listing.language,
        "published_at": _iso(listing.published_at),
        "updated_at": _iso(listing.updated_at),
        "url": _url(listing),
        "suggest": {"input": list(dict.fromkeys([title, *keywords]))},
    }


def _published(kind: str | None = None) -> QuerySet:
    from listings.models import Listing

    queryset = Listing.objects.filter(status=Listing.Status.PUBLISHED)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def _for_documents(queryset: QuerySet) -> QuerySet:
    from listings.models import Sector

    return queryset.select_related("organisation", "exchange__parent").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.only("code", "parent_id")),
        "provinces",
    )


# --- Indices --------------------------------------------------------------------------------


def _index_body() -> dict:
    index = Index("_template")
    index.document(ListingDocument)
    index.settings(**ListingDocument.Index.settings)
    return index.to_dict()


def _kinds(kind: str | None) -> tuple[str, ...]:
    if kind is None:
        return KINDS
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return (kind,)


def _indices_behind(alias: str) -> list[str]:
    """The concrete indices that `alias` points at (none when the alias is missing)."""
    client = engine.get_client()
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except NotFoundError:
        return []


def _new_index_name(alias: str) -> str:
    client = engine.get_client()
    base = f"{alias}-{datetime.now(UTC):%Y%m%d-%H%M%S}"  # names are lowercase
    name, counter = base, 1
    while client.indices.exists(index=name):
        counter += 1
        name = f"{base}-{counter}"
    return name


def _create_index(alias: str) -> str:
    name = _new_index_name(alias)
    engine.get_client().indices.create(index=name, **_index_body())
    return name


def ensure_indices() -> None:
    """Creates each kind's alias and concrete index if missing. Idempotent."""
    client = engine.get_client()
    for kind in KINDS:
        alias = alias_name(kind)
        if client.indices.exists_alias(name=alias):
            continue
        actions = []
        if client.indices.exists(index=alias):
            # A concrete index squatting the alias name (auto-created by a stray write).
            actions.append({"remove_index": {"index": alias}})
        name = _create_index(alias)
        actions.append({"add": {"index": name, "alias": alias}})
        client.indices.update_aliases(actions=actions)
        logger.info("created search index", extra={"index": name, "alias": alias})


def refresh() -> None:
    """Makes recent writes searchable (tests and the end of a rebuild)."""
    client = engine.get_client()
    for kind in KINDS:
        alias = alias_name(kind)
        if client.indices.exists_alias(name=alias):
            client.indices.refresh(index=alias)


# --- Single documents -----------------------------------------------------------------------


def _delete_everywhere(listing_id: int) -> bool:
    client = engine.get_client()
    deleted = False
    for kind in KINDS:
        try:
            client.delete(index=alias_name(kind), id=str(listing_id))
            deleted = True
        except NotFoundError:
            pass
    return deleted


def listing_upsert(listing_id: int) -> str:
    """Indexes the listing if it is published, deletes its document otherwise.

    Returns "indexed", "deleted" (not published, or gone from the database: any document
    removed) or "missing" (not published and no document to remove). Idempotent.
    """
    listing = _for_documents(_published()).filter(pk=listing_id).first()
    if listing is None:
        return "deleted" if _delete_everywhere(listing_id) else "missing"
    write = {
        "index": alias_name(listing.kind),
        "id": str(listing.pk),
        "document": document_for(listing),
        # Never let a write auto-create a concrete index named like the alias.
        "require_alias": True,
    }
    client = engine.get_client()
    try:
        client.index(**write)
    except NotFoundError:
        ensure_indices()
        client.index(**write)
    return "indexed"


def listings_upsert(
    listing_ids: Iterable[int], *, chunk_size: int = BULK_CHUNK_SIZE
) -> dict[str, int]:
    """Bulk version of `listing_upsert` (imports): {"indexed": n, "deleted": n}."""
    ids = sorted({int(i) for i in listing_ids})
    counts = {"indexed": 0, "deleted": 0}
    if not ids:
        return counts
    ensure_indices()
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        listings = {
            listing.pk: listing for listing in _for_documents(_published()).filter(pk__in=chunk)
        }
        actions = []
        for listing_id in chunk:
            listing = listings.get(listing_id)
            if listing is not None:
                actions.append(
                    {
                        "_op_type": "index",
                        "_index": alias_name(listing.kind),
                        "_id": str(listing_id),
                        "_source": document_for(listing),
                    }
                )
                continue
            actions += [
                {"_op_type": "delete", "_index": alias_name(kind), "_id": str(listing_id)}
                for kind in KINDS
            ]
        for ok, item in streaming_bulk(
            _bulk_client(), actions, raise_on_error=False, chunk_size=chunk_size * 2, **_BULK_RETRY
        ):
            op, result = next(iter(item.items()))
            if op == "index":
                if not ok:
                    raise RuntimeError(f"indexing failed: {result}")
                counts["indexed"] += 1
            elif ok:
                counts["deleted"] += 1
            elif result.get("status") != 404:
                raise RuntimeError(f"deleting failed: {result}")
    return counts


def organisation_listing_ids(organisation_id: int) -> list[int]:
    from listings.models import Listing

    return list(
        Listing.objects.filter(organisation_id=organisation_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- Rebuild --------------------------------------------------------------------------------


def _chunks(index: str, queryset: QuerySet, chunk_size: int) -> Iterator[list[dict]]:
    """Bulk actions, `chunk_size` at a time, streaming from the database (each chunk's
    relations prefetched in one query per relation)."""
    chunk = []
    for listing in queryset.order_by("pk").iterator(chunk_size=chunk_size):
        chunk.append({"_index": index, "_id": str(listing.pk), "_source": document_for(listing)})
        if len(chunk) == chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _send(client, actions: list[dict]) -> int:
    indexed, _errors = bulk(
        client, actions, chunk_size=len(actions), stats_only=True, **_BULK_RETRY
    )  # raises BulkIndexError when a document is refused
    return indexed


def _fill(index: str, queryset: QuerySet, chunk_size: int, on_chunk) -> int:
    """Fills `index` in bulk. The database and document building stay in this thread (Django
    connections are per thread); one worker thread sends the previous chunk meanwhile, so the
    engine's work and ours overlap. The client is fetched here: the worker thread must not
    call get_client() while this thread may hold the embedded start-up fill's lock."""
    client = _bulk_client()
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk") as pool:
        pending = None
        for chunk in _chunks(index, queryset, chunk_size):
            if pending is not None:
                done += pending.result()
                on_chunk(done)
            pending = pool.submit(_send, client, chunk)
        if pending is not None:
            done += pending.result()
            on_chunk(done)
    return done


def index_rebuild(
    kind: str | None = None, chunk_size: int = BULK_CHUNK_SIZE, progress=None
) -> dict:
    """Rebuilds the indices of `kind` (both when None) from the database with zero downtime.

    For each kind: a new concrete index is filled in bulk, refreshed, then one atomic
    `update_aliases` moves the alias from the old indices to it, and the old indices are
    deleted. Returns {kind: {"indexed": n, "index": name, "removed": [old names]}}.
    `progress(kind, done)` is called after each chunk when given (while the alias still
    points at the old index).
    """
    client = engine.get_client()
    result = {}
    for one in _kinds(kind):
        alias = alias_name(one)
        name = _create_index(alias)
        done = 0
        try:
            done = _fill(
                name,
                _for_documents(_published(one)),
                chunk_size,
                lambda count, one=one: progress and progress(one, count),
            )
            client.indices.refresh(index=name)
            old = _indices_behind(alias)
            actions = [{"remove": {"index": index, "alias": alias}} for index in old]
            if not old and client.indices.exists(index=alias):
                actions.append({"remove_index": {"index": alias}})
            actions.append({"add": {"index": name, "alias": alias}})
            client.indices.update_aliases(actions=actions)
        except BaseException:
            try:
                client.indices.delete(index=name, ignore_unavailable=True)
            except Exception:  # noqa: BLE001 - keep the original error
                logger.warning("could not delete half-built index %s", name, exc_info=True)
            raise
        for index in old:
            client.indices.delete(index=index, ignore_unavailable=True)
        logger.info("rebuilt search index", extra={"index": name, "alias": alias, "indexed": done})
        result[one] = {"indexed": done, "index": name, "removed": old}
    return result


# --- Check and repair -----------------------------------------------------------------------


@dataclass
class CheckReport:
    """Differences between the database's published listings and the index.

    missing: published, not in the index. stale: indexed with another update time or
    organisation name/verification. extra: in the index, not published (ids as ints).
    """

    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    database: int = 0  # published listings compared
    indexed: int = 0  # documents compared
    # {kind: {"missing": [...], "stale": [...], "extra": [...], "database": n, "indexed": n}}
    by_kind: dict[str, dict] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)

    def add(self, kind: str, missing, stale, extra, database: int, indexed: int) -> None:
        self.by_kind[kind] = {
            "missing": missing,
            "stale": stale,
            "extra": extra,
            "database": database,
            "indexed": indexed,
        }
        self.missing = sorted(self.missing + missing)
        self.stale = sorted(self.stale + stale)
        self.extra = sorted(self.extra + extra, key=_id_order)
        self.database += database
        self.indexed += indexed


def _indexed_state(alias: str, page_size: int = 1000) -> dict[int, tuple]:
    """{listing id: (updated_at, organisation_name, organisation_verified)} of the index."""
    client = engine.get_client()
    state: dict[int, tuple] = {}
    response = client.search(
        index=alias,
        scroll="2m",
        size=page_size,
        query={"match_all": {}},
        source_includes=_CHECK_FIELDS,
        sort=["_doc"],
    )
    scroll_id = response.get("_scroll_id")
    try:
        while True:
            hits = response["hits"]["hits"]
            if not hits:
                break
            for hit in hits:
                source = hit.get("_source") or {}
                state[_doc_id(hit["_id"])] = (
                    _parse_time(source.get("updated_at")),
                    source.get("organisation_name"),
                    source.get("organisation_verified"),
                )
            if not scroll_id:
                break
            response = client.scroll(scroll_id=scroll_id, scroll="2m")
            scroll_id = response.get("_scroll_id") or scroll_id
    finally:
        if scroll_id:
            try:
                client.clear_scroll(scroll_id=scroll_id)
            except Exception:  # noqa: BLE001 - scrolls expire anyway
                logger.debug("clear_scroll failed", exc_info=True)
    return state


def _id_order(value) -> tuple:
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def _doc_id(value: str):
    return int(value) if str(value).isdigit() else value


def _parse_time(value) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _database_state(kind: str) -> dict[int, tuple]:
    rows = _published(kind).values_list(
        "pk", "updated_at", "organisation__name", "organisation__verified_at"
    )
    return {
        pk: (updated_at.astimezone(UTC), normalise_text(name), verified_at is not None)
        for pk, updated_at, name, verified_at in rows.iterator(chunk_size=2000)
    }


def _check_kind(kind: str) -> tuple[list, list, list, int, int]:
    database = _database_state(kind)
    indexed = _indexed_state(alias_name(kind))
    missing = sorted(pk for pk in database if pk not in indexed)
    stale = sorted(pk for pk, state in database.items() if pk in indexed and indexed[pk] != state)
    extra = sorted((pk for pk in indexed if pk not in database), key=_id_order)
    return missing, stale, extra, len(database), len(indexed)


def index_check(kind: str | None = None) -> CheckReport:
    """Compares the database's published listings with the index; changes nothing."""
    ensure_indices()
    report = CheckReport()
    for one in _kinds(kind):
        report.add(one, *_check_kind(one))
    return report


def index_repair(kind: str | None = None, chunk_size: int = BULK_CHUNK_SIZE) -> CheckReport:
    """Fixes what `index_check` finds (indexes missing and stale documents, deletes extra
    ones) and returns the report of what it found and fixed."""
    ensure_indices()
    report = CheckReport()
    client = engine.get_client()
    for one in _kinds(kind):
        missing, stale, extra, database, indexed = _check_kind(one)
        report.add(one, missing, stale, extra, database, indexed)
        alias = alias_name(one)
        to_index = sorted(missing + stale)
        actions: list[dict] = [
            {"_op_type": "delete", "_index": alias, "_id": str(pk)} for pk in extra
        ]
        for start in range(0, len(to_index), chunk_size):
            chunk = to_index[start : start + chunk_size]
            for listing in _for_documents(_published(one)).filter(pk__in=chunk).order_by("pk"):
                actions.append(
                    {"_index": alias, "_id": str(listing.pk), "_source": document_for(listing)}
                )
        for ok, item in streaming_bulk(
            _bulk_client(), actions, raise_on_error=False, chunk_size=chunk_size, **_BULK_RETRY
        ):
            op, result = next(iter(item.items()))
            if not ok and not (op == "delete" and result.get("status") == 404):
                raise RuntimeError(f"repair failed: {result}")
        if actions:
            client.indices.refresh(index=alias)
            logger.info(
                "repaired search index",
                extra={"alias": alias, "missing": missing, "stale": stale, "extra": extra},
            )
    return report


# --- Embedded engine start-up ---------------------------------------------------------------

_bootstrap_lock = threading.RLock()
_bootstrapped: set[tuple[int, str]] = set()
_bootstrapping = threading.local()


def bootstrap_embedded(server_key: int) -> None:
    """Called by `search.engine.get_client()` when it uses the embedded in-memory engine: the
    first use of each (server, index prefix) fills the indices from the database. Skips
    cleanly when the database is not usable (not migrated, no access); never raises.

    Other threads wait for the fill rather than query a half-built index; the thread doing
    it uses the client meanwhile (the thread-local flag stops the recursion)."""
    key = (server_key, settings.SEARCH_INDEX_PREFIX)
    if getattr(_bootstrapping, "active", False) or key in _bootstrapped:
        return
    with _bootstrap_lock:
        if key in _bootstrapped:
            return
        _bootstrapping.active = True
        try:
            if not _database_ready():
                ensure_indices()
                return
            counts = index_rebuild()
            logger.info(
                "filled embedded search engine from the database",
                extra={kind: c["indexed"] for kind, c in counts.items()},
            )
        except Exception:  # noqa: BLE001 - the site must work without search
            logger.warning("could not fill the embedded search engine", exc_info=True)
        finally:
            _bootstrapped.add(key)
            _bootstrapping.active = False


def _database_ready() -> bool:
    from django.db import DatabaseError, connection

    from listings.models import Listing

    try:
        return Listing._meta.db_table in connection.introspection.table_names()
    except (DatabaseError, RuntimeError):  # RuntimeError: pytest-django blocks access
        return False


@contextmanager
def bootstrap_suspended():
    """Uses the engine without the start-up fill (test clean-up)."""
    previous = getattr(_bootstrapping, "active", False)
    _bootstrapping.active = True
    try:
        yield
    finally:
        _bootstrapping.active = previous


def reset_state() -> None:
    """Forgets which (server, prefix) pairs were filled (tests)."""
    with _bootstrap_lock:
        _bootstrapped.clear()
