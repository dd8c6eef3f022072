"""The spreadsheet upload of exchange staff: XLSX or CSV files whose columns are the fields of
the exchange format, previewed row by row before anything is saved.

Reading a file checks its real type by its first bytes (an XLSX workbook is a zip archive with
an `xl/` part; a CSV file must be UTF-8 text), its size and its number of rows. Each row becomes
an object of the exchange format and goes through `listings_import` (so through
`listing_data_from_dict`): a dry run for the preview, the real import on confirmation. Between
the two, the rows read from the file wait in a server-side file under
PRIVATE_MEDIA_ROOT/imports/ (never under the public MEDIA_ROOT), named by a random token and
bound to the uploader and the exchange; nothing the browser sends back is trusted, and the
confirmation validates every row again.

Cells are data, never formulas: workbooks are read with openpyxl without evaluating anything,
so a cell such as `=HYPERLINK(...)` is kept as that text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import secrets
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from marketplace.exchanges.models import Exchange, ExchangeStaff
from marketplace.exchanges.selectors import staff_may_act_on

from .importing import IMPORT_STATUSES, ImportReport, listings_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a workbook's parts once unzipped
MAX_ROWS = 5000
MAX_SCANNED_ROWS = 50_000  # rows read, blank ones included, before giving up
PENDING_TTL_SECONDS = 3600
SPREADSHEET_ROLES = (ExchangeStaff.Role.ADMIN, ExchangeStaff.Role.CURATOR)

COLUMNS = (
    "kind",
    "external_id",
    "exchange",
    "organisation.name",
    "organisation.kind",
    "organisation.tax_code",
    "organisation.province",
    "language",
    "title",
    "summary",
    "description",
    "sectors",
    "keywords",
    "trl",
    "ip_status",
    "ip_numbers",
    "cooperation",
    "price_min_vnd",
    "price_max_vnd",
    "provinces",
    "deadline",
)
REQUIRED_COLUMNS = (
    "kind",
    "external_id",
    "organisation.name",
    "organisation.kind",
    "organisation.province",
    "title",
    "summary",
    "description",
    "sectors",
    "trl",
)
LIST_COLUMNS = ("sectors", "keywords", "ip_numbers", "cooperation", "provinces")
TEXT_COLUMNS = (
    "kind",
    "external_id",
    "exchange",
    "language",
    "title",
    "summary",
    "description",
    "ip_status",
)
EXAMPLE_ROW = {
    "kind": "offer",
    "external_id": "hanoi-2026-0012",
    "exchange": "hanoi",
    "organisation.name": "Viện Công nghệ Vật liệu",
    "organisation.kind": "research_institute",
    "organisation.tax_code": "0101234567",
    "organisation.province": "ha-noi",
    "language": "vi",
    "title": "Quy trình sản xuất vật liệu nano bạc kháng khuẩn",
    "summary": "Lớp phủ nano bạc diệt khuẩn cho bề mặt thiết bị y tế.",
    "description": "Quy trình chế tạo dung dịch nano bạc ổn định; ưu điểm và ứng dụng.",
    "sectors": "205;210",
    "keywords": "nano bạc;kháng khuẩn",
    "trl": "6",
    "ip_status": "patent_granted",
    "ip_numbers": "1-0023456",
    "cooperation": "licence;technical_assistance",
    "price_min_vnd": "500000000",
    "price_max_vnd": "1200000000",
    "provinces": "ha-noi",
    "deadline": "",
}
# Field paths of the format shown under the spreadsheet's column names.
_PATH_TO_COLUMN = {
    "price_vnd": "price_min_vnd",
    "price_vnd.min": "price_min_vnd",
    "price_vnd.max": "price_max_vnd",
}
_GROUPED_NUMBER = re.compile(r"[0-9]{1,3}([., \u00a0][0-9]{3})+")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")

Cell = str | int | float | bool | None


@dataclass
class Sheet:
    """The rows of an uploaded file: `rows[i]` is spreadsheet row `i + 2` (row 1 is the
    header), None for a blank row; cells keyed by column name."""

    rows: list[dict[str, Cell] | None]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(1 for row in self.rows if row is not None)


@dataclass
class PreviewRow:
    number: int  # the spreadsheet's row number
    kind: str
    external_id: str
    title: str
    outcome: str  # created, updated, unchanged or rejected
    errors: list[tuple[str, str]]  # (column, message)


@dataclass
class SheetResult:
    """A preview (dry run) or the outcome of an import, row by row."""

    rows: list[PreviewRow]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    listing_ids: list[int] = field(default_factory=list)

    @property
    def importable(self) -> int:
        return self.created + self.updated


# ---- reading a file ----------------------------------------------------------------------


def _file_error(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_spreadsheet")


def spreadsheet_read(upload) -> Sheet:
    """Reads an uploaded XLSX or CSV file; raises ValidationError with a clear message for a
    file that is too large, of another type than its name says, not UTF-8, or too long."""
    name = (getattr(upload, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in ("xlsx", "csv"):
        raise _file_error(_("Upload an .xlsx workbook or a .csv file."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise _file_error(
            _("The file is larger than 10 MB (%(size)s bytes).") % {"size": f"{upload.size:,}"}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _file_error(
            _("This is an old Excel (.xls) or encrypted file: save it as .xlsx or as CSV UTF-8.")
        )
    is_zip = head.startswith(b"PK\x03\x04")
    if extension == "xlsx":
        if not is_zip:
            raise _file_error(_("The file's content is not an XLSX workbook."))
        return _read_xlsx(upload)
    if is_zip:
        raise _file_error(_("The file's content is not CSV text (it looks like a workbook)."))
    return _read_csv(upload.read())


def _read_xlsx(upload) -> Sheet:
    import openpyxl

    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _file_error(_("The file's content is not an XLSX workbook.")) from exc
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names and not any(n.startswith("xl/") for n in names):
        raise _file_error(_("The file's content is not an XLSX workbook."))
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise _file_error(_("The workbook is too large once unpacked (over 100 MB)."))
    upload.seek(0)
    try:
        workbook = openpyxl.load_workbook(upload, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise _file_error(_("The workbook could not be read; is it damaged?")) from exc
    try:
        if not workbook.worksheets:
            raise _file_error(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=len(COLUMNS) + 20)
        return _sheet_from_rows([_xlsx_cell(cell) for cell in row] for row in rows)
    except ValidationError:
        raise
    except Exception as exc:
        raise _file_error(_("The workbook could not be read; is it damaged?")) from exc
    finally:
        workbook.close()


def _xlsx_cell(value: Any) -> Cell:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**63 else value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_csv(raw: bytes) -> Sheet:
    if b"\x00" in raw:
        raise _file_error(_("The file is not CSV text: it contains binary data."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            _("The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _sheet_from_rows(reader)
    except csv.Error as exc:
        raise _file_error(
            _("The CSV file could not be read near line %(line)d: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _sheet_from_rows(rows) -> Sheet:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(_blank(cell) for cell in header):
        raise _file_error(_("The file is empty: the first row must name the columns."))
    names = [str(cell).strip().lower() if not _blank(cell) else "" for cell in header]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise _file_error(_("The column “%(name)s” appears twice.") % {"name": name})
        seen.add(name)
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        raise _file_error(
            _("Columns missing from the first row: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    positions = [(index, name) for index, name in enumerate(names) if name in COLUMNS]
    ignored = [name for name in names if name and name not in COLUMNS]
    result: list[dict[str, Cell] | None] = []
    count = 0
    for scanned, row in enumerate(iterator, start=1):
        if scanned > MAX_SCANNED_ROWS:
            raise _file_error(
                _("The file has more than %(count)s rows.") % {"count": f"{MAX_SCANNED_ROWS:,}"}
            )
        cells = {name: row[index] if index < len(row) else None for index, name in positions}
        if all(_blank(cell) for cell in cells.values()):
            result.append(None)
            continue
        count += 1
        if count > MAX_ROWS:
            raise _file_error(
                _(
                    "The file has more than %(count)s rows of listings. Split it into files of "
                    "at most %(count)s rows."
                )
                % {"count": f"{MAX_ROWS:,}"}
            )
        result.append(cells)
    while result and result[-1] is None:
        result.pop()
    if not count:
        raise _file_error(_("The file has no rows of listings under its header."))
    return Sheet(rows=result, ignored_columns=ignored)


# ---- rows to the exchange format ---------------------------------------------------------


def _text(cell: Cell) -> str | None:
    if _blank(cell):
        return None
    if isinstance(cell, float):
        return repr(cell)
    return str(cell).strip()


def _number(cell: Cell) -> Cell:
    """An integer from a cell, accepting "1.200.000.000"; anything else is passed on as it is
    for listing_data_from_dict to report."""
    if _blank(cell):
        return None
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float):
        return cell
    text = str(cell).strip().removesuffix("₫").removesuffix("đ").strip()
    if text.isdigit() and text.isascii():
        return int(text)
    if _GROUPED_NUMBER.fullmatch(text):
        return int(re.sub(r"[., \u00a0]", "", text))
    return str(cell)


def _list(cell: Cell) -> list[str]:
    if _blank(cell):
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
    lines: list[str] = []
    own_errors: dict[int, list[tuple[str, str]]] = {}
    objects: list[dict | None] = []
    for index, row in enumerate(sheet.rows):
        if row is None:
            lines.append("")
            objects.append(None)
            continue
        obj = row_to_format(row)
        objects.append(obj)
        if obj.get("exchange") not in (None, exchange.code):
            own_errors[index + 1] = [
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
        lines=lines, default_exchange=exchange.code, status=status, dry_run=dry_run
    )
    result = SheetResult(
        rows=[],
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected + len(own_errors),
        listing_ids=report.listing_ids,
    )
    for line_number, obj in enumerate(objects, start=1):
        if obj is None:
            continue
        if line_number in own_errors:
            outcome, errors = "rejected", own_errors[line_number]
        else:
            outcome = report.outcomes.get(line_number, "rejected")
            errors = [
                (_PATH_TO_COLUMN.get(path, path), message)
                for path, messages in report.error_fields.get(line_number, {}).items()
                for message in messages
            ]
        result.rows.append(
            PreviewRow(
                number=line_number + 1,
                kind=str(obj.get("kind") or ""),
                external_id=str(obj.get("external_id") or ""),
                title=str(obj.get("title") or ""),
                outcome=outcome,
                errors=errors,
            )
        )
    return result


def spreadsheet_may_import(*, user, exchange: Exchange) -> bool:
    return staff_may_act_on(user=user, obj=exchange, roles=SPREADSHEET_ROLES)


def _check(*, actor, exchange: Exchange, status: str) -> None:
    if not spreadsheet_may_import(user=actor, exchange=exchange):
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
    writer.writerow([EXAMPLE_ROW[column] for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()


# ---- the upload waiting between preview and confirmation -----------------------------------


def _pending_dir() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "imports"


def _pending_path(token: str) -> Path:
    if not _TOKEN.fullmatch(token or ""):
        raise ValidationError(_("This upload has expired or does not exist."), code="no_upload")
    return _pending_dir() / f"{token}.json"


def pending_save(*, user, exchange: Exchange, status: str, filename: str, sheet: Sheet) -> str:
    """Keeps a read sheet for its uploader until confirmation; returns its token."""
    directory = _pending_dir()
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
