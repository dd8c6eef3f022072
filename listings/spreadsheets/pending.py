"""An upload waiting between its preview and its confirmation: the rows read from the file, in
a server-side file under PRIVATE_MEDIA_ROOT/imports/ (never under the public MEDIA_ROOT), named
by a random token and bound to the uploader and the exchange. Nothing the browser sends back is
trusted, and the confirmation validates every row again.

A pending file lives only as long as its preview: the confirmation claims (deletes) it before
importing, "Cancel" deletes it, and a new upload abandons the uploader's earlier ones (each
token starts with a tag derived from its uploader, so they are found by name without reading
any file). Whatever is left, a browser closed on a preview, is swept once it is older than
PENDING_TTL_SECONDS: at each upload and by the periodic task `sweep_pending_imports`."""

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
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from marketplace.exchanges.models import Exchange

from .sheets import PENDING_TTL_SECONDS, TOKEN_PATTERN, Sheet

OWNER_TAG_LENGTH = 10

# ---- the upload waiting between preview and confirmation -----------------------------------


def pending_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "imports"


def _pending_path(token: str) -> Path:
    if not TOKEN_PATTERN.fullmatch(token or ""):
        raise ValidationError(_("This upload has expired or does not exist."), code="no_upload")
    return pending_dir() / f"{token}.json"


def _owner_tag(user) -> str:
    """The first characters of each token of `user`'s uploads: a keyed hash of the user id
    (not the id itself, which would show in the address bar)."""
    return salted_hmac("listings.spreadsheets.pending", str(user.pk)).hexdigest()[:OWNER_TAG_LENGTH]


def pending_save(*, user, exchange: Exchange, status: str, filename: str, sheet: Sheet) -> str:
    """Keeps a read sheet for its uploader until confirmation; returns its token. The
    uploader's earlier pending uploads are abandoned: their previews no longer import."""
    directory = pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    pending_sweep()
    tag = _owner_tag(user)
    for earlier in directory.glob(f"{tag}*.json"):
        earlier.unlink(missing_ok=True)
    token = tag + secrets.token_urlsafe(16)  # 10 + 22 characters: 128 random bits
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


def pending_discard(*, user, token: str) -> None:
    """Deletes `user`'s pending upload `token` (a cancelled preview); raises ValidationError,
    as pending_load does, for a token that is not theirs or no longer exists."""
    path = _pending_path(token)
    if not token.startswith(_owner_tag(user)) or not path.exists():
        raise ValidationError(_("This upload has expired or does not exist."), code="no_upload")
    path.unlink(missing_ok=True)


def pending_sweep() -> int:
    """Removes uploads nobody confirmed (and temporary files left by an interrupted save) once
    older than the time limit; returns how many files it removed."""
    directory = pending_dir()
    if not directory.is_dir():
        return 0
    limit = time.time() - PENDING_TTL_SECONDS
    removed = 0
    for path in directory.iterdir():
        try:
            if path.suffix in (".json", ".tmp") and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:  # removed meanwhile by another process
            continue
    return removed
