"""Vietnamese text helpers shared by every package."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str) -> str:
    """Lower-case text with Vietnamese tone and vowel marks removed ("Đổi mới" -> "doi moi").

    Used for diacritic-insensitive matching in the database; "đ" is not a combining mark in
    Unicode, so it is mapped explicitly.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).lower().split())
