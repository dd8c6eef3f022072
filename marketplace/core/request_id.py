"""The id of the request being served, so that an answer and its log lines can be matched.

`RequestIdMiddleware` (marketplace.core.middleware) sets it for each request: the caller's
`X-Request-ID` when it is sane (a load balancer's or a client's trace id), a new one otherwise.
`RequestIdFilter` puts it on every log record as `request_id` ("-" outside requests), so that
both log formats of settings.LOGGING show it.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
NO_REQUEST = "-"

# Letters, digits and a few separators, as trace ids (UUIDs, ULIDs, hex, "lb-1.2:3") are made:
# nothing that could forge or break a log line (spaces, quotes, line ends), at most 128.
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

# A context variable rather than a thread-local: it follows the request into the thread
# (or task) that serves it under ASGI as well as WSGI.
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def accept_or_make(incoming: str | None) -> str:
    """The caller's id when it is sane, else a new random one (32 hex digits)."""
    if incoming and _SANE.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def current() -> str | None:
    """The id of the request being served in this context, None outside requests."""
    return _current.get()


def begin(request_id: str):
    """Makes `request_id` current; returns the token that `end` needs."""
    return _current.set(request_id)


def end(token) -> None:
    _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record: that of the record's own request (Django's request
    log lines carry it), else that of the request being served, else "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current() or NO_REQUEST
        return True
