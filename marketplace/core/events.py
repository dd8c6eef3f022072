"""Change events: how a write path tells the rest of the site that rows changed.

A write path (a service) calls its event with the ids it changed and a reason, inside its
transaction. Once the transaction commits, every handler named in the event's setting is
called in order with `(ids, reason=...)`; nothing is called when it rolls back. Handlers only
queue their own work (a Celery task, a cache bump), so a slow or failing consumer never
delays or fails the write: a handler that raises is logged and the next one still runs.

The settings (LISTINGS_CHANGED_HANDLERS, ORGANISATIONS_CHANGED_HANDLERS) are the one place
that says who reacts to what, and they keep the arrows pointing down: listings and accounts
never import the packages (search, matching, the portal) that react to them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

Handler = Callable[..., None]


class ChangeEvent:
    """One kind of change, e.g. "listings_changed", announced through `event(ids, reason=)`."""

    def __init__(self, name: str, *, setting: str) -> None:
        self.name = name
        self.setting = setting
        self._resolved: tuple[tuple[str, ...], list[Handler]] = ((), [])
        self._local = threading.local()

    def handlers(self) -> list[Handler]:
        """The handlers the setting names, imported once (again when the setting changes)."""
        paths = tuple(getattr(settings, self.setting, ()))
        if self._resolved[0] != paths:
            self._resolved = (paths, [import_string(path) for path in paths])
        return self._resolved[1]

    def __call__(self, ids: Iterable[int], *, reason: str) -> None:
        """Announces, after the current transaction commits, that the rows `ids` changed."""
        changed = list(dict.fromkeys(int(pk) for pk in ids))
        if not changed:
            return
        batches = getattr(self._local, "batches", None)
        if batches:
            # Gathered on commit, like an announcement: what a rolled-back savepoint wrote
            # is dropped with it.
            batch = batches[-1]
            transaction.on_commit(
                lambda: batch.setdefault(reason, {}).update(dict.fromkeys(changed)), robust=True
            )
            return
        transaction.on_commit(lambda: self.dispatch(changed, reason=reason), robust=True)

    @contextmanager
    def batched(self) -> Iterator[None]:
        """Gathers the announcements made inside the block and makes them once per reason, on
        commit: for a writer that changes many rows through many service calls (the demo
        loader), so that consumers queue one task for all of them instead of one per call.
        The gathering runs on commit, in order, before the announcement (registered last), so
        a rolled-back savepoint or transaction takes its part with it."""
        batches = self._local.__dict__.setdefault("batches", [])
        batch: dict[str, dict[int, None]] = {}
        batches.append(batch)
        try:
            yield
        finally:
            batches.pop()
            transaction.on_commit(lambda: self._announce(batch), robust=True)

    def _announce(self, batch: dict[str, dict[int, None]]) -> None:
        for reason, ids in batch.items():
            self.dispatch(list(ids), reason=reason)

    def dispatch(self, ids: list[int], *, reason: str) -> None:
        try:
            handlers = self.handlers()
        except ImportError:
            logger.exception("change event handlers cannot be imported", extra={"event": self.name})
            return
        for handler in handlers:
            try:
                handler(ids, reason=reason)
            except Exception:  # noqa: BLE001 - one consumer's failure must not stop the others
                logger.exception(
                    "change event handler failed",
                    extra={"event": self.name, "handler": handler.__qualname__, "ids": ids[:20]},
                )
