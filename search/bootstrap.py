"""Filling the embedded in-memory engine from the database the first time it is used: it
starts empty with every process that starts it."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.conf import settings

from .indexing import ensure_indices, index_rebuild

logger = logging.getLogger(__name__)

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
