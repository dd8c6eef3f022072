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

from .pending import PendingUpload, pending_delete, pending_load, pending_save
from .rows import (
    row_to_format,
    spreadsheet_import,
    spreadsheet_preview,
    spreadsheet_template_csv,
)
from .sheets import (
    COLUMNS,
    EXAMPLE_ROW,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    PENDING_TTL_SECONDS,
    PreviewRow,
    Sheet,
    SheetResult,
    spreadsheet_read,
)

__all__ = [
    "COLUMNS",
    "EXAMPLE_ROW",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "PENDING_TTL_SECONDS",
    "PendingUpload",
    "PreviewRow",
    "Sheet",
    "SheetResult",
    "pending_delete",
    "pending_load",
    "pending_save",
    "row_to_format",
    "spreadsheet_import",
    "spreadsheet_preview",
    "spreadsheet_read",
    "spreadsheet_template_csv",
]
