"""Checking the search index against the database and repairing exactly what differs.

`index_check` compares the database with the index (ids, update times and the organisation
fields that the document copies) and `index_repair` fixes exactly what it found: the daily
`repair_search_index` task catches up whatever an indexing task missed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from elasticsearch.helpers import streaming_bulk

from . import engine
from .analysis import normalise_text
from .documents import alias_name
from .indexing import (
    BULK_CHUNK_SIZE,
    BULK_RETRY,
    bulk_client,
    document_for,
    ensure_indices,
    for_documents,
    kinds_of,
    published_listings,
)

logger = logging.getLogger(__name__)

# Fields of the document that `index_check` compares with the database.
_CHECK_FIELDS = ["updated_at", "organisation_name", "organisation_verified"]


# Bulk requests carry hundreds of documents: allow them more time than single requests, and
# let the helper retry documents the engine rejects as "too many requests" (429).

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
    rows = published_listings(kind).values_list(
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
    for one in kinds_of(kind):
        report.add(one, *_check_kind(one))
    return report


def index_repair(kind: str | None = None, chunk_size: int = BULK_CHUNK_SIZE) -> CheckReport:
    """Fixes what `index_check` finds (indexes missing and stale documents, deletes extra
    ones) and returns the report of what it found and fixed."""
    ensure_indices()
    report = CheckReport()
    client = engine.get_client()
    for one in kinds_of(kind):
        missing, stale, extra, database, indexed = _check_kind(one)
        report.add(one, missing, stale, extra, database, indexed)
        alias = alias_name(one)
        to_index = sorted(missing + stale)
        actions: list[dict] = [
            {"_op_type": "delete", "_index": alias, "_id": str(pk)} for pk in extra
        ]
        for start in range(0, len(to_index), chunk_size):
            chunk = to_index[start : start + chunk_size]
            for listing in (
                for_documents(published_listings(one)).filter(pk__in=chunk).order_by("pk")
            ):
                actions.append(
                    {"_index": alias, "_id": str(listing.pk), "_source": document_for(listing)}
                )
        for ok, item in streaming_bulk(
            bulk_client(), actions, raise_on_error=False, chunk_size=chunk_size, **BULK_RETRY
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
