"""Writing listings into the search indices.

One index per kind ("<prefix>-offers", "<prefix>-needs"): each name is an alias over a
versioned concrete index ("<alias>-<UTC yyyymmdd-hhmmss>"). Single documents go through the alias;
`index_rebuild` fills a new concrete index in bulk and moves the alias in one atomic
`update_aliases` call, so searches keep answering during a rebuild. Only published listings
are indexed. Checking the index against the database is `search.repair`; filling the embedded
engine when it starts is `search.bootstrap`.

Every request goes through `search.engine.get_client()`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from django.db.models import Prefetch, QuerySet
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import Index
from elasticsearch.helpers import bulk, streaming_bulk

from . import engine
from .analysis import normalise_text
from .documents import KINDS, ListingDocument, alias_name

logger = logging.getLogger(__name__)

_BULK_TIMEOUT = 120
BULK_RETRY = {"max_retries": 3, "initial_backoff": 2}


# Documents per bulk request. osmem-server re-indexes segments of fewer than 1,000 documents to
# merge them, so smaller requests get analysed twice (1,000 was 49 % faster than 500 in
# benchmarks/RESULTS.md); 1,000 documents are ~1.5 MB, well within Elasticsearch's advice.
BULK_CHUNK_SIZE = 1000


def bulk_client():
    return engine.get_client().options(request_timeout=_BULK_TIMEOUT)


# --- Documents ------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _texts(values: Iterable[str]) -> list[str]:
    return [text for text in (normalise_text(str(v)) for v in values or []) if text]


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
        "suggest": {"input": list(dict.fromkeys([title, *keywords]))},
    }


def published_listings(kind: str | None = None) -> QuerySet:
    from listings.models import Listing

    queryset = Listing.objects.filter(status=Listing.Status.PUBLISHED)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def for_documents(queryset: QuerySet) -> QuerySet:
    from marketplace.reference.models import Sector

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


def kinds_of(kind: str | None) -> tuple[str, ...]:
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


def _create_index(alias: str, *, write_alias: bool = False) -> str:
    """Creates a new empty concrete index for `alias` and returns its name. With
    `write_alias`, the alias is created in the same request, as the index's write index."""
    body = _index_body()
    if write_alias:
        body["aliases"] = {alias: {"is_write_index": True}}
    name = _new_index_name(alias)
    engine.get_client().indices.create(index=name, **body)
    return name


# Another worker may be half-way through creating an alias (replacing a squatting index): a
# few short tries, then the error.
_ENSURE_ATTEMPTS = 5
_ENSURE_RETRY_SECONDS = 0.05


def ensure_indices() -> None:
    """Creates each kind's alias, over a new empty index, where it is missing. Idempotent.

    Safe when several processes start at once (each calls this on its first use of
    Elasticsearch): an alias is created only together with its index, in one request that
    marks it as the write index, and the engines refuse a second write index behind an alias
    (Elasticsearch and osmem-server alike). Of two workers racing, one creates the alias; the
    other is refused, finds the alias, and deletes any index it made meanwhile. So an alias
    never ends up over two indices."""
    for kind in KINDS:
        _ensure_alias(alias_name(kind))


def _ensure_alias(alias: str) -> None:
    client = engine.get_client()
    for attempt in range(1, _ENSURE_ATTEMPTS + 1):
        if client.indices.exists_alias(name=alias):
            return
        created = None
        try:
            if client.indices.exists(index=alias):
                # A concrete index squats the alias's name (a write auto-created it before any
                # alias existed): a new index takes its place in one atomic step.
                created = _create_index(alias)
                client.indices.update_aliases(
                    actions=[
                        {"remove_index": {"index": alias}},
                        {"add": {"index": created, "alias": alias, "is_write_index": True}},
                    ]
                )
            else:
                created = _create_index(alias, write_alias=True)
        except ApiError as exc:
            # Refused: another worker created the alias first (a second write index), took the
            # index name chosen here (that index is the other worker's), or replaced the
            # squatter first. Only an index created here, left without the alias, is deleted.
            if created is not None:
                client.indices.delete(index=created, ignore_unavailable=True)
            if client.indices.exists_alias(name=alias):
                logger.info("search index created by another worker", extra={"alias": alias})
                return
            if attempt == _ENSURE_ATTEMPTS:
                raise
            logger.info("search index creation refused, trying again: %s", exc)
            time.sleep(_ENSURE_RETRY_SECONDS * attempt)
            continue
        logger.info("created search index", extra={"index": created, "alias": alias})
        return


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
    listing = for_documents(published_listings()).filter(pk=listing_id).first()
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
            listing.pk: listing
            for listing in for_documents(published_listings()).filter(pk__in=chunk)
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
            bulk_client(),
            actions,
            raise_on_error=False,
            chunk_size=chunk_size * 2,
            # As listing_upsert: a write never auto-creates an index named like the alias.
            require_alias=True,
            **BULK_RETRY,
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


def send_bulk(client, actions: list[dict]) -> int:
    indexed, _errors = bulk(
        client, actions, chunk_size=len(actions), stats_only=True, **BULK_RETRY
    )  # raises BulkIndexError when a document is refused
    return indexed


def _fill(index: str, queryset: QuerySet, chunk_size: int, on_chunk) -> int:
    """Fills `index` in bulk. The database and document building stay in this thread (Django
    connections are per thread); one worker thread sends the previous chunk meanwhile, so the
    engine's work and ours overlap. The client is fetched here: the worker thread must not
    call get_client() while this thread may hold the embedded start-up fill's lock."""
    client = bulk_client()
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk") as pool:
        pending = None
        for chunk in _chunks(index, queryset, chunk_size):
            if pending is not None:
                done += pending.result()
                on_chunk(done)
            pending = pool.submit(send_bulk, client, chunk)
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
    if not engine.uses_embedded_engine():
        # On Elasticsearch every kind's alias exists before any swap: searching both kinds
        # answers while one kind is rebuilt on a fresh cluster (`--rebuild --kind offer`), and
        # the swap below replaces an index instead of racing a worker's ensure_indices to
        # create the alias. (The embedded engine's start-up fill creates each alias only over
        # a full index, search.bootstrap.)
        ensure_indices()
    result = {}
    for one in kinds_of(kind):
        alias = alias_name(one)
        name = _create_index(alias)
        done = 0
        try:
            done = _fill(
                name,
                for_documents(published_listings(one)),
                chunk_size,
                lambda count, one=one: progress and progress(one, count),
            )
            client.indices.refresh(index=name)
            old = _indices_behind(alias)
            # must_exist and is_write_index: a concurrent swap or ensure_indices makes this one
            # fail whole, rather than leave the alias over two indices.
            actions = [
                {"remove": {"index": index, "alias": alias, "must_exist": True}} for index in old
            ]
            if not old and client.indices.exists(index=alias):
                actions.append({"remove_index": {"index": alias}})
            actions.append({"add": {"index": name, "alias": alias, "is_write_index": True}})
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
