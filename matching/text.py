"""The two texts the engine reads from a listing, and the lexical terms of a text.

The encoder reads a short text (title, summary, keywords): the model's cost grows with the
square of the length and the opening of a listing says what it is. The lexical side reads
more (the description and applications too), because rare technical words deep in a
description are exactly what a TF-IDF match is good at.

Lexical terms are Vietnamese syllables, NFC-normalised and diacritic-folded so that a listing
typed without marks meets one typed with them, plus each pair of neighbouring syllables:
Vietnamese words are mostly two syllables ("nước thải", "bán dẫn"), so the bigram is the word
and the unigram is the fallback.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from marketplace.core.text import fold_diacritics

ENCODER_TEXT_MAX_CHARS = 600
LEXICAL_TEXT_MAX_CHARS = 4000

_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)
# Function words of both languages carry no topic; IDF would weigh them down anyway, but
# dropping them keeps bigrams such as "của hệ" from looking like content. They are matched
# before folding: folded, "có" would also drop "cơ" (as in "cơ khí") and "để" "đế".
_STOP_WORDS = (
    "và của cho các những một là có được trong với từ để khi đã sẽ này đó tại theo về ra "
    "vào hay hoặc như thì mà bị bởi trên dưới sau trước giữa mỗi nhiều rất cũng "
    "the and of for to in on with a an is are be by from or as at that this these those "
    "it its we our us can will into than which not"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


# A corpus has a few tens of thousands of distinct syllables: each is folded once.
fold_word = lru_cache(maxsize=200_000)(fold_diacritics)


def lexical_terms(text: str) -> list[str]:
    """Folded syllables and syllable bigrams of `text` ("Xử lý nước thải" -> "xu", "ly",
    "nuoc", "thai", "xu ly", "ly nuoc", "nuoc thai"); digits count as syllables."""
    words = _SYLLABLE.findall(unicodedata.normalize("NFC", text).lower())
    syllables = [fold_word(w) for w in words if w not in _STOP]
    return syllables + [f"{a} {b}" for a, b in zip(syllables, syllables[1:], strict=False)]


def _joined(*parts: str) -> str:
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


# Fewer words than this say too little for a sentence vector: two one-letter titles would
# look alike. Such a listing gets no vector (it is matched on its words and facts alone).
ENCODER_MIN_WORDS = 3


def encoder_text(*, title: str, summary: str, keywords: list[str] | None = None) -> str:
    text = _joined(title, summary, ", ".join(keywords or []))
    if len(_SYLLABLE.findall(text)) < ENCODER_MIN_WORDS:
        return ""
    return text[:ENCODER_TEXT_MAX_CHARS]


def lexical_text(
    *,
    title: str,
    summary: str,
    keywords: list[str] | None = None,
    description: str = "",
    applications: str = "",
) -> str:
    # The title counts twice: it is the listing's own name for what it is.
    text = _joined(title, title, summary, " ".join(keywords or []), applications, description)
    return text[:LEXICAL_TEXT_MAX_CHARS]
