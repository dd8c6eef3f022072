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
so a cell such as `=HYPERLINK(...)` is kept as that text; and every text cell of a CSV or
XLSX file the site writes goes through `spreadsheet_safe_cell`, so that no spreadsheet program
runs it as a formula.

Limits that keep a small file from costing much memory or disk: 10 MB uploaded, 30 MB once a
workbook is unpacked (checked before parsing), 20,000 characters a cell, 10 million characters
in all; the pending file is deleted on confirmation, on "Cancel", on the uploader's next upload,
and swept after an hour.
"""

from .pending import (
    PendingUpload,
    pending_delete,
    pending_discard,
    pending_load,
    pending_save,
    pending_sweep,
)
from .rows import (
    row_to_format,
    spreadsheet_import,
    spreadsheet_preview,
    spreadsheet_template_csv,
)
from .sheets import (
    COLUMNS,
    EXAMPLE_ROW,
    MAX_CELL_CHARACTERS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    PENDING_TTL_SECONDS,
    PreviewRow,
    Sheet,
    SheetResult,
    spreadsheet_read,
    spreadsheet_safe_cell,
)

__all__ = [
    "COLUMNS",
    "EXAMPLE_ROW",
    "MAX_CELL_CHARACTERS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "MAX_UPLOAD_BYTES",
    "PENDING_TTL_SECONDS",
    "PendingUpload",
    "PreviewRow",
    "Sheet",
    "SheetResult",
    "pending_delete",
    "pending_discard",
    "pending_load",
    "pending_save",
    "pending_sweep",
    "row_to_format",
    "spreadsheet_import",
    "spreadsheet_preview",
    "spreadsheet_read",
    "spreadsheet_safe_cell",
    "spreadsheet_template_csv",
]
