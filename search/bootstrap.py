"""Making an engine's indices ready on their first use by a process.

- The embedded engine is in memory: it starts empty, and empty again after a restart. The
  first process to use a new run of it (for an index prefix) fills it from the database; the
  others find the aliases there (an alias appears only once its index is full, see
  `indexing.index_rebuild`) and use them. A file lock keeps two processes from filling the
  same engine at once.
- On Elasticsearch the indices outlive the processes: the first use by each process creates
  the aliases that are missing (a fresh cluster), so search answers before anything writes.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings

from .documents import KINDS, alias_name
from .indexing import ensure_indices, index_rebuild

logger = logging.getLogger(__name__)

# After a failed attempt on Elasticsearch (cluster down), wait this long before trying again
# rather than slowing every request of the outage with another attempt.
_RETRY_AFTER_SECONDS = 30.0

_ready_lock = threading.RLock()
_ready: set[tuple[str, str]] = set()
_failed_at: dict[tuple[str, str], float] = {}
_busy = threading.local()


def indices_ready(target: str) -> None:
    """Called by `search.engine.get_client()` on every use; does its work once per (engine,
    index prefix) and process. Never raises: the site works without search.

    Other threads wait for the fill rather than query a half-built index; the thread doing
    it uses the client meanwhile (the thread-local flag stops the recursion)."""
    key = (target, settings.SEARCH_INDEX_PREFIX)
    if key in _ready or getattr(_busy, "active", False):
        return
    if time.monotonic() - _failed_at.get(key, -_RETRY_AFTER_SECONDS) < _RETRY_AFTER_SECONDS:
        return
    from . import engine

    with _ready_lock:
        if key in _ready:
            return
        _busy.active = True
        try:
            if engine.uses_embedded_engine():
                # Starting the engine takes its own lock; filling it takes this one.
                with engine.machine_lock("search-engine-fill"):
                    _fill_embedded()
            else:
                ensure_indices()
            _ready.add(key)
            _failed_at.pop(key, None)
        except Exception:  # noqa: BLE001 - the site must work without search
            _failed_at[key] = time.monotonic()
            logger.warning("could not make the search indices ready", exc_info=True)
        finally:
            _busy.active = False


def _missing_kinds() -> list[str]:
    from . import engine

    client = engine.get_client()
    return [kind for kind in KINDS if not client.indices.exists_alias(name=alias_name(kind))]


def _fill_embedded() -> None:
    missing = _missing_kinds()
    if not missing:
        return  # another process filled this run of the engine
    if not _database_ready():
        ensure_indices()
        return
    for kind in missing:
        counts = index_rebuild(kind)
        logger.info(
            "filled the embedded search engine from the database",
            extra={"kind": kind, "indexed": counts[kind]["indexed"]},
        )


def _database_ready() -> bool:
    from django.db import DatabaseError, connection

    from listings.models import Listing

    try:
        return Listing._meta.db_table in connection.introspection.table_names()
    except (DatabaseError, RuntimeError):  # RuntimeError: pytest-django blocks access
        return False


@contextmanager
def bootstrap_suspended():
    """Uses the engine without making the indices ready (test clean-up)."""
    previous = getattr(_busy, "active", False)
    _busy.active = True
    try:
        yield
    finally:
        _busy.active = previous


def reset_state() -> None:
    """Forgets which (engine, prefix) pairs are ready (tests)."""
    with _ready_lock:
        _ready.clear()
        _failed_at.clear()
