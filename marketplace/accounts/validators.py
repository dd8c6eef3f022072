import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# [0-9], not \d: \d also matches fullwidth and other Unicode digits ("０１０１２３４５６７").
TAX_CODE_RE = re.compile(r"[0-9]{10}(-[0-9]{3})?")


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
