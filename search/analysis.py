"""Vietnamese text preparation and the index analyzers.

Text is normalised in Python, before indexing and before querying, because the engines'
asciifolding does nothing to decomposed (NFD) input and Vietnamese has two tone-mark
placements in use ("hoà" / "hòa", "thuý" / "thúy"). `normalise_text` makes both sides NFC with
the modern placement, so the exact sub-field compares like with like.

The analyzers use only what the official Elasticsearch image ships (no plugins), and what
osmem-server serves, so one mapping works on both engines.
"""

import re
import unicodedata

from elasticsearch.dsl import analyzer, token_filter

# Old-style placement puts the tone on the second vowel of "oa", "oe", "uy" when the syllable
# has no final consonant ("hoà", "khoẻ", "thuý"); the modern style puts it on the first
# ("hòa", "khỏe", "thúy").
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave acute tilde hook dot
_OLD_STYLE = re.compile(r"(?i)\b(\w*?)([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?!\w)")


def _move_tone(match: re.Match) -> str:
    head, first, second, tone = match.groups()
    if first.lower() == "u" and second.lower() != "y":
        return match.group(0)
    if first.lower() == "o" and second.lower() not in "ae":
        return match.group(0)
    # "qu" + "y" keeps the tone on "y" (quý): "u" is part of the consonant there.
    if first.lower() == "u" and head.lower().endswith("q"):
        return match.group(0)
    return f"{head}{first}{tone}{second}"


def normalise_text(text: str) -> str:
    """NFC, modern tone placement, collapsed whitespace."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OLD_STYLE.sub(_move_tone, decomposed)
    return " ".join(unicodedata.normalize("NFC", decomposed).split())


vi_shingle = token_filter(
    "vi_shingle", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=False
)
english_stemmer = token_filter("english_stemmer", "stemmer", language="english")
autocomplete_edge = token_filter("autocomplete_edge", "edge_ngram", min_gram=1, max_gram=20)

# exact: diacritics kept, so "bán" ranks above "bàn" for a query typed with marks.
exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
# folded: "ban dan" finds "bán dẫn", "doi moi" finds "đổi mới".
folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
# shingles: 2-3 syllable runs, so a multi-syllable word outranks scattered syllables.
shingles = analyzer(
    "vi_shingles", tokenizer="standard", filter=["lowercase", "asciifolding", vi_shingle]
)
english = analyzer("en_text", tokenizer="standard", filter=["lowercase", english_stemmer])
autocomplete = analyzer(
    "autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", autocomplete_edge]
)
