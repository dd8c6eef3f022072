"""Reading an uploaded spreadsheet: its real type by its first bytes (an XLSX workbook is a zip
archive with an `xl/` part; a CSV file must be UTF-8 text), its size and its number of rows;
cells are data, never formulas (openpyxl evaluates nothing, so `=HYPERLINK(...)` stays text).

Memory stays bounded whatever the file holds: a workbook is refused before openpyxl parses it
when its parts are too large once unpacked (the sizes its zip directory declares; zipfile never
unpacks more than declared), rows are streamed (openpyxl's read-only mode; the csv reader over
the decoded upload, line by line), and a cell longer than any field of the format, or a sheet
holding too much text in all, is refused as soon as it is read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..formats import LIMITS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A workbook's parts once unzipped. openpyxl holds the whole shared-string table in memory (a
# few times its size as Python objects), so the limit keeps a small upload from costing
# hundreds of megabytes; 5,000 rows of ordinary listings take a few megabytes.
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_CELL_CHARACTERS = LIMITS["description"]  # the longest field of the format: 20,000
# The text of all the cells read: one long shared string can fill every cell of a workbook,
# and the rows wait in a pending file until confirmation. A CSV file within MAX_UPLOAD_BYTES
# holds at most as much.
MAX_TEXT_CHARACTERS = 10_000_000
CSV_HEAD_BYTES = 8192  # read for binary content before decoding
MAX_ROWS = 5000
MAX_SCANNED_ROWS = 50_000  # rows read, blank ones included, before giving up
PENDING_TTL_SECONDS = 3600

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
PATH_TO_COLUMN = {
    "price_vnd": "price_min_vnd",
    "price_vnd.min": "price_min_vnd",
    "price_vnd.max": "price_max_vnd",
}
# What makes a spreadsheet program read a text cell as a formula (OWASP, "CSV injection"): a cell
# the site writes that starts with one of these gets a leading "'", which shows it as text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
GROUPED_NUMBER = re.compile(r"[0-9]{1,3}([., \u00a0][0-9]{3})+")
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")

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

    @property
    def importable(self) -> int:
        return self.created + self.updated


def spreadsheet_safe_cell(value: str) -> str:
    """A text cell for a CSV or XLSX file the site writes, neutralised against formula
    injection: every text cell goes through here, whatever its column."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


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
    return _read_csv(upload)


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
        raise _file_error(
            _(
                "The workbook is too large once unpacked (over %(size)s MB). Split it into "
                "smaller files."
            )
            % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
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


def _read_csv(upload) -> Sheet:
    upload.seek(0)
    if b"\x00" in upload.read(CSV_HEAD_BYTES):
        raise _file_error(_("The file is not CSV text: it contains binary data."))
    upload.seek(0)
    # Decoded and parsed line by line: the csv reader never sees the whole file at once.
    text = io.TextIOWrapper(getattr(upload, "file", upload), encoding="utf-8-sig", newline="")
    try:
        first_line = text.readline()
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.reader(_csv_lines(itertools.chain([first_line], text)), delimiter=delimiter)
        try:
            return _sheet_from_rows(reader)
        except csv.Error as exc:
            raise _csv_error(exc, reader.line_num) from exc
    except UnicodeDecodeError as exc:
        raise _file_error(
            _("The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
        ) from exc
    finally:
        text.detach()  # the upload stays open for its owner


def _csv_lines(lines):
    for line in lines:
        if "\x00" in line:
            raise _file_error(_("The file is not CSV text: it contains binary data."))
        yield line


def _csv_error(error: csv.Error, line: int) -> ValidationError:
    """The csv module's error (English) as a whole translated sentence."""
    if "field limit" in str(error):  # a cell beyond csv.field_size_limit(), 131,072 characters
        return _file_error(
            _(
                "Line %(line)d of the CSV file has a cell longer than %(limit)s characters, the "
                "most a cell may hold."
            )
            % {"line": line, "limit": f"{MAX_CELL_CHARACTERS:,}"}
        )
    return _file_error(
        _("The CSV file could not be read near line %(line)d. Check its quotation marks.")
        % {"line": line}
    )


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _check_cells(cells: dict[str, Cell], *, row_number: int) -> int:
    """Refuses a cell longer than any field may be; returns the row's length of text."""
    total = 0
    for column, cell in cells.items():
        if not isinstance(cell, str):
            continue
        # Counted as the format counts it: a "\r\n" line end is one character.
        length = len(cell) - cell.count("\r\n")
        if length > MAX_CELL_CHARACTERS:
            raise _file_error(
                _(
                    "Row %(row)d, column “%(column)s”: a cell holds at most %(limit)s characters "
                    "(this one has %(count)s)."
                )
                % {
                    "row": row_number,
                    "column": column,
                    "limit": f"{MAX_CELL_CHARACTERS:,}",
                    "count": f"{length:,}",
                }
            )
        total += length
    return total


def _sheet_from_rows(rows) -> Sheet:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(is_blank(cell) for cell in header):
        raise _file_error(_("The file is empty: the first row must name the columns."))
    names = [str(cell).strip().lower() if not is_blank(cell) else "" for cell in header]
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
    text_length = 0
    for scanned, row in enumerate(iterator, start=1):
        if scanned > MAX_SCANNED_ROWS:
            raise _file_error(
                _("The file has more than %(count)s rows.") % {"count": f"{MAX_SCANNED_ROWS:,}"}
            )
        cells = {name: row[index] if index < len(row) else None for index, name in positions}
        text_length += _check_cells(cells, row_number=scanned + 1)
        if text_length > MAX_TEXT_CHARACTERS:
            raise _file_error(
                _(
                    "The file holds more than %(count)s characters of text. Split it into "
                    "smaller files."
                )
                % {"count": f"{MAX_TEXT_CHARACTERS:,}"}
            )
        if all(is_blank(cell) for cell in cells.values()):
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
