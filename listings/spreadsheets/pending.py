"""An upload waiting between its preview and its confirmation: the rows read from the file, in
a server-side file under PRIVATE_MEDIA_ROOT/imports/ (never under the public MEDIA_ROOT), named
by a random token and bound to the uploader and the exchange. Nothing the browser sends back is
trusted, and the confirmation validates every row again."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.exchanges.models import Exchange

from .sheets import PENDING_TTL_SECONDS, TOKEN_PATTERN, Sheet

# ---- the upload waiting between preview and confirmation -----------------------------------


def pending_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "imports"


def _pending_path(token: str) -> Path:
    if not TOKEN_PATTERN.fullmatch(token or ""):
        raise ValidationError(_("This upload has expired or does not exist."), code="no_upload")
    return pending_dir() / f"{token}.json"


def pending_save(*, user, exchange: Exchange, status: str, filename: str, sheet: Sheet) -> str:
    """Keeps a read sheet for its uploader until confirmation; returns its token."""
    directory = pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _pending_cleanup(directory)
    token = secrets.token_urlsafe(24)  # 32 characters
    payload = {
        "user": user.pk,
        "exchange": exchange.code,
        "status": status,
        "filename": filename[:200],
        "created": time.time(),
        "ignored_columns": sheet.ignored_columns,
        "rows": sheet.rows,
    }
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(payload, stream, ensure_ascii=False)
        os.replace(temporary, _pending_path(token))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return token


@dataclass
class PendingUpload:
    token: str
    exchange: Exchange
    status: str
    filename: str
    sheet: Sheet


def pending_load(*, user, token: str) -> PendingUpload:
    """The upload of `token` if it belongs to `user` and has not expired; otherwise
    ValidationError (the same answer whether it never existed or is someone else's)."""
    gone = ValidationError(_("This upload has expired or does not exist."), code="no_upload")
    path = _pending_path(token)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise gone from exc
    if payload.get("user") != user.pk:
        raise gone
    if time.time() - payload.get("created", 0) > PENDING_TTL_SECONDS:
        path.unlink(missing_ok=True)
        raise gone
    try:
        exchange = Exchange.objects.get(code=payload["exchange"])
    except Exchange.DoesNotExist as exc:
        raise gone from exc
    return PendingUpload(
        token=token,
        exchange=exchange,
        status=payload["status"],
        filename=payload.get("filename", ""),
        sheet=Sheet(rows=payload["rows"], ignored_columns=payload.get("ignored_columns", [])),
    )


def pending_delete(*, token: str) -> None:
    _pending_path(token).unlink(missing_ok=True)


def _pending_cleanup(directory: Path) -> None:
    """Removes uploads nobody confirmed (and temporary files) older than the time limit."""
    limit = time.time() - PENDING_TTL_SECONDS
    for path in directory.iterdir():
        try:
            if path.suffix in (".json", ".tmp") and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue
