"""Import of listings in the exchange format (spec/listing-format.md): reading JSON Lines.

`listings_import` reads one listing a line, keyed by (exchange, external_id), so that importing
the same file twice changes nothing and a changed line updates its listing; a key given again
later in the same file is refused on that later line. A bad line is
reported with its number and the reason and never stops or rolls back the good ones: lines are
validated one by one through `listing_data_from_dict` (the one codec of the format), then
written in batches by `listings.services.listings_bulk_upsert`, each batch in its own
savepoint; when a batch fails in the database, its lines are retried one by one.

The management command `import_listings`, the spreadsheet upload of the staff pages and the
demo loader all call this function.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.exchanges.models import Exchange

from .formats import (
    ListingData,
    ListingFormatError,
    Vocabularies,
    json_loads,
    listing_data_from_dict,
)
from .services import BULK_STATUSES, UpsertOutcome, listings_bulk_upsert

MAX_LINE_BYTES = 1024 * 1024
BATCH_SIZE = 500
IMPORT_STATUSES = BULK_STATUSES


@dataclass
class ImportReport:
    """What an import did. `errors` holds (line number, reason) in line order; `error_fields`
    the same problems keyed by field path, for callers that show them field by field;
    `outcomes` maps each non-blank line to created/updated/unchanged/rejected."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_fields: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    outcomes: dict[int, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The summary line of the spec; a machine-read contract, so never translated."""
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}"
        )


class _DryRun(Exception):
    """Raised to roll back a dry run once its report is complete."""


@dataclass
class _Line:
    number: int
    data: ListingData


def format_reason(fields: dict[str, list[str]]) -> str:
    """ "title: At most 200 characters (this has 10240).; trl: ..." for one line."""
    return "; ".join(
        f"{path}: {' '.join(messages)}" if path else " ".join(messages)
        for path, messages in fields.items()
    )


def read_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of a binary stream with bounded memory: a line longer than MAX_LINE_BYTES is
    cut to MAX_LINE_BYTES + 1 bytes (enough for the importer to reject it) and the rest of it
    skipped, so a huge line never sits in memory whole."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                rest = stream.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


class _Importer:
    def __init__(self, *, default_exchange: str | None, status: str, sheet_rows: bool = False):
        if status not in IMPORT_STATUSES:
            raise ValidationError(_("Imported listings are published or submitted."))
        self.exchanges = {e.code: e for e in Exchange.objects.all()}
        if default_exchange is not None and default_exchange not in self.exchanges:
            raise ValidationError(
                _("Unknown exchange code “%(code)s”.") % {"code": default_exchange}
            )
        self.default_exchange = default_exchange
        self.status = status
        self.vocab = Vocabularies()
        self.today = timezone.localdate()
        self.report = ImportReport()
        self.sheet_rows = sheet_rows
        self.first_number = 2 if sheet_rows else 1  # a sheet's row 1 is its header
        # The line that gave each key first: a later line with the same key is refused.
        self.first_line_of_key: dict[tuple[str, str], int] = {}

    # ---- reading and validating one line (no database writes) ----

    def _reject(self, number: int, fields: dict[str, list[str]]) -> None:
        report = self.report
        report.rejected += 1
        report.errors.append((number, format_reason(fields)))
        report.error_fields[number] = fields
        report.outcomes[number] = "rejected"

    def parse(self, number: int, raw: str | bytes) -> _Line | None:
        """A validated line, or None for a blank or rejected one (rejections are recorded)."""
        if isinstance(raw, bytes):
            if len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES:
                return self._too_long(number)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._reject(
                    number,
                    {"": [_("Not valid UTF-8 (at byte %(position)d).") % {"position": exc.start}]},
                )
                return None
        else:
            text = raw
            if len(text) > MAX_LINE_BYTES // 4 and (
                len(text.rstrip("\r\n").encode("utf-8", "surrogatepass")) > MAX_LINE_BYTES
            ):
                return self._too_long(number)
        if number == self.first_number:
            text = text.removeprefix("\ufeff")
        indent = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            return None
        try:
            obj = json_loads(text, indent=indent)
        except ListingFormatError as exc:
            self._reject(number, exc.fields)
            return None
        if "\\ud" in text.lower() and _has_lone_surrogate(obj):
            self._reject(number, {"": [_("The line contains an invalid Unicode character.")]})
            return None
        return self.validate(number, obj)

    def _too_long(self, number: int) -> None:
        self._reject(
            number,
            {
                "": [
                    _("The line is longer than %(limit)s bytes.") % {"limit": f"{MAX_LINE_BYTES:,}"}
                ]
            },
        )

    def validate(self, number: int, obj: Any) -> _Line | None:
        errors: dict[str, list[str]] = {}
        data = None
        if isinstance(obj, dict) and obj.get("exchange") is None:
            if self.default_exchange:
                obj = {**obj, "exchange": self.default_exchange}
            else:
                errors["exchange"] = [
                    _("This field is required: give it on the line or with --exchange.")
                ]
        try:
            data = listing_data_from_dict(obj, vocab=self.vocab, today=self.today)
        except ListingFormatError as exc:
            errors = {**exc.fields, **errors}
        if isinstance(obj, dict):
            for key in ("external_id", "organisation"):
                if obj.get(key) is None:
                    errors.setdefault(key, []).append(_("This field is required for import."))
        if errors or data is None:
            self._reject(number, errors or {"": [_("Invalid listing.")]})
            return None
        return _Line(number=number, data=data)

    # ---- saving a batch ----

    def flush(self, batch: list[_Line]) -> None:
        """Writes the batch in one savepoint; if the database refuses it, line by line."""
        if not batch:
            return
        try:
            with transaction.atomic():
                outcomes = self._save(batch)
        except (DatabaseError, ValidationError, ValueError):
            outcomes = []
            for line in batch:
                try:
                    with transaction.atomic():
                        outcomes += self._save([line])
                except (DatabaseError, ValidationError, ValueError) as exc:
                    message = _("The listing could not be saved: %(error)s") % {
                        "error": _error_text(exc)
                    }
                    outcomes.append(UpsertOutcome("rejected", errors={"": [message]}))
        report = self.report
        for line, outcome in zip(batch, outcomes, strict=True):
            if outcome.outcome == "rejected":
                self._reject(line.number, outcome.errors or {})
                continue
            report.outcomes[line.number] = outcome.outcome
            setattr(report, outcome.outcome, getattr(report, outcome.outcome) + 1)

    def _save(self, batch: list[_Line]) -> list[UpsertOutcome]:
        return listings_bulk_upsert(
            items=[line.data for line in batch], status=self.status, exchanges=self.exchanges
        )

    def run(self, lines: Iterable[str | bytes], batch_size: int) -> ImportReport:
        batch: list[_Line] = []
        for number, raw in enumerate(lines, start=self.first_number):
            line = self.parse(number, raw)
            if line is None or self._repeats_a_key(line):
                continue
            if len(batch) >= batch_size:
                self.flush(batch)
                batch = []
            batch.append(line)
        self.flush(batch)
        self.report.errors.sort()
        return self.report

    def _repeats_a_key(self, line: _Line) -> bool:
        """Refuses a line whose key an earlier valid line of the file already gave: which of
        the two should win is the author's decision, not the importer's. (A key whose earlier
        line was rejected is free: that line saved nothing.)"""
        key = (line.data.exchange, line.data.external_id)
        earlier = self.first_line_of_key.setdefault(key, line.number)
        if earlier == line.number:
            return False
        values = {"id": line.data.external_id, "line": earlier}
        if self.sheet_rows:
            message = _(
                "The external id “%(id)s” is already used in row %(line)d of this file; each "
                "listing may appear only once."
            )
        else:
            message = _(
                "The external id “%(id)s” is already used on line %(line)d of this file; each "
                "listing may appear only once."
            )
        self._reject(line.number, {"external_id": [message % values]})
        return True


def _has_lone_surrogate(obj: Any) -> bool:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def listings_import(
    *,
    lines: Iterable[str | bytes],
    default_exchange: str | None,
    status: str = "published",
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    sheet_rows: bool = False,
) -> ImportReport:
    """Imports listings in the exchange format, one JSON object a line (str, or bytes that
    must be UTF-8). A line's exchange defaults to `default_exchange`. `status` is "published"
    or "submitted" (to the moderation queue) for new and changed listings. `dry_run` reports
    what would happen and saves nothing. `sheet_rows` numbers the lines as the rows of a
    spreadsheet under its header (the first line is row 2) and says "row" in messages. Raises
    ValidationError for an unknown `default_exchange` or status; bad lines never raise, they
    are reported."""
    importer = _Importer(default_exchange=default_exchange, status=status, sheet_rows=sheet_rows)
    if not dry_run:
        return importer.run(lines, batch_size)
    try:
        with transaction.atomic():
            importer.run(lines, batch_size)
            raise _DryRun
    except _DryRun:
        pass
    return importer.report
