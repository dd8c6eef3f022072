"""Upload checks: size, and content that matches the file's extension (magic bytes), so a
renamed executable or an HTML page cannot pass as a picture or a PDF."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]
    content_type: str
    kind: str  # "image" or "document"


JPEG = FileType(("jpg", "jpeg"), "image/jpeg", "image")
PNG = FileType(("png",), "image/png", "image")
WEBP = FileType(("webp",), "image/webp", "image")
GIF = FileType(("gif",), "image/gif", "image")
PDF = FileType(("pdf",), "application/pdf", "document")
DOCX = FileType(
    ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document"
)
XLSX = FileType(
    ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document"
)
PPTX = FileType(
    ("pptx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "document",
)
ALLOWED = (JPEG, PNG, WEBP, GIF, PDF, DOCX, XLSX, PPTX)
_OOXML_MARKER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def _sniff(head: bytes) -> set[str]:
    """Extensions whose signature the first bytes carry."""
    if head.startswith(b"\xff\xd8\xff"):
        return {"jpg", "jpeg"}
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return {"png"}
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return {"webp"}
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return {"gif"}
    if head.startswith(b"%PDF-"):
        return {"pdf"}
    if head.startswith(b"PK\x03\x04"):
        return {"docx", "xlsx", "pptx"}
    return set()


def sniff_upload(upload, *, allowed_kinds: tuple[str, ...] = ("image", "document")) -> FileType:
    """Returns the checked file type of an uploaded file or raises ValidationError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than 10 MB (%(size).1f MB).")
            % {"size": upload.size / 1024 / 1024},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    file_type = next(
        (t for t in ALLOWED if extension in t.extensions and t.kind in allowed_kinds), None
    )
    if file_type is None:
        names = ", ".join(ext for t in ALLOWED if t.kind in allowed_kinds for ext in t.extensions)
        raise ValidationError(
            _("Files of this type are not accepted. Accepted: %(types)s.") % {"types": names},
            code="bad_extension",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension not in _sniff(head):
        raise ValidationError(
            _("The file's content does not match its “.%(ext)s” extension.") % {"ext": extension},
            code="content_mismatch",
        )
    if extension in _OOXML_MARKER:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile as exc:
            raise ValidationError(_("The file is damaged."), code="damaged") from exc
        finally:
            upload.seek(0)
        if not any(name.startswith(_OOXML_MARKER[extension]) for name in names):
            raise ValidationError(
                _("The file's content does not match its “.%(ext)s” extension.")
                % {"ext": extension},
                code="content_mismatch",
            )
    return file_type
