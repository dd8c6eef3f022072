"""Rows of a sheet as objects of the exchange format, and the import of them: a dry run for
the preview, the real import on confirmation, both through `listings_import`."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange

from ..importing import IMPORT_STATUSES, ImportReport, listings_import
from .sheets import (
    COLUMNS,
    EXAMPLE_ROW,
    GROUPED_NUMBER,
    LIST_COLUMNS,
    PATH_TO_COLUMN,
    TEXT_COLUMNS,
    Cell,
    PreviewRow,
    Sheet,
    SheetResult,
    is_blank,
    spreadsheet_safe_cell,
)

MAX_NUMBER_CHARACTERS = 100

# ---- rows to the exchange format ---------------------------------------------------------


def _text(cell: Cell) -> str | None:
    if is_blank(cell):
        return None
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


def _number(cell: Cell) -> Cell:
    """An integer from a cell, accepting "1.200.000.000"; anything else is passed on as it is
    for listing_data_from_dict to report."""
    if is_blank(cell):
        return None
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float):
        return cell
    text = str(cell).strip().removesuffix("₫").removesuffix("đ").strip()
    if len(text) > MAX_NUMBER_CHARACTERS:
        # No field holds such a number; as text, the field's own check reports it (and
        # Python's limit on converting long digit strings is never reached).
        return str(cell)
    if text.isdigit() and text.isascii():
        return int(text)
    if GROUPED_NUMBER.fullmatch(text):
        return int(re.sub(r"[., \u00a0]", "", text))
    return str(cell)


def _list(cell: Cell) -> list[str]:
    if is_blank(cell):
        return []
    text = str(cell)
    separator = ";" if ";" in text else ","
    return [item.strip() for item in text.split(separator) if item.strip()]


def _tax_code(cell: Cell) -> str | None:
    if isinstance(cell, int) and not isinstance(cell, bool) and 0 < cell < 10**10:
        return f"{cell:010d}"  # a spreadsheet dropped the leading zero of "0101234567"
    return _text(cell)


def row_to_format(row: dict[str, Cell]) -> dict[str, Any]:
    """One spreadsheet row as an object of the exchange format (not yet validated)."""
    obj: dict[str, Any] = {}
    for column in TEXT_COLUMNS:
        value = _text(row.get(column))
        if value is not None:
            obj[column] = value
    obj["organisation"] = {
        "name": _text(row.get("organisation.name")),
        "kind": _text(row.get("organisation.kind")),
        "tax_code": _tax_code(row.get("organisation.tax_code")),
        "province": _text(row.get("organisation.province")),
    }
    for column in LIST_COLUMNS:
        obj[column] = _list(row.get(column))
    trl = _number(row.get("trl"))
    if trl is not None:
        obj["trl"] = trl
    low, high = _number(row.get("price_min_vnd")), _number(row.get("price_max_vnd"))
    obj["price_vnd"] = None if low is None and high is None else {"min": low, "max": high}
    deadline = _text(row.get("deadline"))
    if deadline is not None:
        obj["deadline"] = deadline
    return obj


# ---- preview and import ------------------------------------------------------------------


def _run(*, sheet: Sheet, exchange: Exchange, status: str, dry_run: bool) -> SheetResult:
    """Imports the sheet's rows as lines of the exchange format; the import numbers them as
    the sheet's rows (`sheet_rows`), so its messages and outcomes are keyed by row."""
    lines: list[str] = []
    own_errors: dict[int, list[tuple[str, str]]] = {}
    objects: list[dict | None] = []
    for row_number, row in enumerate(sheet.rows, start=2):
        if row is None:
            lines.append("")
            objects.append(None)
            continue
        obj = row_to_format(row)
        objects.append(obj)
        if obj.get("exchange") not in (None, exchange.code):
            own_errors[row_number] = [
                (
                    "exchange",
                    _(
                        "This row belongs to the exchange “%(row)s”; you are importing into "
                        "“%(target)s”. Leave the column empty or upload the row there."
                    )
                    % {"row": obj["exchange"], "target": exchange.code},
                )
            ]
            lines.append("")
            continue
        lines.append(json.dumps(obj, ensure_ascii=False))
    report: ImportReport = listings_import(
        lines=lines,
        default_exchange=exchange.code,
        status=status,
        dry_run=dry_run,
        sheet_rows=True,
    )
    result = SheetResult(
        rows=[],
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected + len(own_errors),
    )
    for row_number, obj in enumerate(objects, start=2):
        if obj is None:
            continue
        if row_number in own_errors:
            outcome, errors = "rejected", own_errors[row_number]
        else:
            outcome = report.outcomes.get(row_number, "rejected")
            errors = [
                (PATH_TO_COLUMN.get(path, path), message)
                for path, messages in report.error_fields.get(row_number, {}).items()
                for message in messages
            ]
        result.rows.append(
            PreviewRow(
                number=row_number,
                kind=str(obj.get("kind") or ""),
                external_id=str(obj.get("external_id") or ""),
                title=str(obj.get("title") or ""),
                outcome=outcome,
                errors=errors,
            )
        )
    return result


def _check(*, actor, exchange: Exchange, status: str) -> None:
    if not permissions.may_import(user=actor, exchange=exchange):
        raise PermissionDenied(_("Only curators and administrators of this exchange may import."))
    if status not in IMPORT_STATUSES:
        raise ValidationError(_("Imported listings are published or submitted."))


def spreadsheet_preview(*, actor, sheet: Sheet, exchange: Exchange, status: str) -> SheetResult:
    """What importing the sheet would do, row by row; saves nothing."""
    _check(actor=actor, exchange=exchange, status=status)
    return _run(sheet=sheet, exchange=exchange, status=status, dry_run=True)


def spreadsheet_import(*, actor, sheet: Sheet, exchange: Exchange, status: str) -> SheetResult:
    """Imports the valid rows of the sheet (every row validated again)."""
    _check(actor=actor, exchange=exchange, status=status)
    return _run(sheet=sheet, exchange=exchange, status=status, dry_run=False)


def spreadsheet_template_csv() -> str:
    """A CSV template: the header row and one example row (with a byte-order mark, so that
    Excel opens it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([spreadsheet_safe_cell(EXAMPLE_ROW[column]) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
