import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# [0-9], not \d: \d also matches fullwidth and other Unicode digits ("０１０１２３４５６７").
TAX_CODE_RE = re.compile(r"[0-9]{10}(-[0-9]{3})?")
# The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible,
# they reorder the characters around them, so "gnp.exe" can read as "exe.png" in a title or a
# name shown out of context.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_CONTROLS_MESSAGE = _(
    "Must not contain invisible characters that change the direction of text "
    "(Unicode bidirectional controls)."
)


def validate_no_bidi_controls(value: str) -> None:
    """Refuses the invisible characters that reorder text (titles and names)."""
    if BIDI_CONTROLS.search(value or ""):
        raise ValidationError(BIDI_CONTROLS_MESSAGE, code="bidi_control")


def validate_tax_code(value: str) -> None:
    """A Vietnamese tax code: 10 digits, or 10 digits, a hyphen and 3 digits for a branch."""
    if not TAX_CODE_RE.fullmatch(value or ""):
        raise ValidationError(
            _(
                "Enter a tax code of 10 digits, or 10 digits followed by “-” and 3 digits "
                "for a branch (for example 0101234567 or 0101234567-001)."
            ),
            code="invalid_tax_code",
        )


def normalise_tax_code(value: str) -> str:
    """Strip spaces and dots people paste from documents ("0101 234 567" -> "0101234567")."""
    return re.sub(r"[\s.]", "", value or "")
