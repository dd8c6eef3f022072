"""Marking the searched words in results, in Python, from the text the engine returns.

Why not the engine's highlighter: osmem-server (the embedded engine) highlights after it has
measured `took`, re-analysing every highlighted field of every hit, and that cost 10-20 ms a
search, more than the project's whole overhead budget (benchmarks/RESULTS.md). Marking here
costs well under a millisecond for a page of 20 hits, and behaves the same on every engine.

What is marked mirrors the index's sub-fields, without the typo tolerance (a fuzzy "thai"
would mark "than" and "thấp" too):
- folded: a word whose lower-case, diacritic-free form equals a searched word's ("ban dan"
  marks "bán dẫn"; "sấy" marks "Sấy");
- English: a word with the same Porter stem as a searched word, compared without folding as the
  `.en` sub-field does ("system" marks "systems").

Output is escaped HTML in which only our <mark> elements are markup, so listing text such as
"<script>" shows as text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

from marketplace.core.text import fold_diacritics

_WORD = re.compile(r"\w+")
# Where a description snippet may start or end: after a sentence's closing punctuation.
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+")

SNIPPET_SIZE = 160  # characters, about two lines of the result card
SNIPPET_COUNT = 2


class _FoldTable(dict):
    """`str.translate` table: a character to its lower-case form without diacritics, when that
    is one character ("Ấ" -> "a", "đ" -> "d"), else to itself. Folding one character to one
    keeps every offset, so a match in the folded text is a match at the same place in the
    original. Filled on demand: only the characters that occur are ever computed."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_diacritics(char)
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_FOLD = _FoldTable()
_stemmer = snowballstemmer.stemmer("porter")  # Lucene's English "stemmer" filter is Porter's


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _fold(text: str) -> str:
    return text.translate(_FOLD)


class Highlighter:
    """Marks the words of one search text; build it once per search, use it for every hit.

    The words are found with two compiled patterns rather than a loop over every word of the
    text: the folded words themselves, and candidates for the English stems (words starting
    like a stem, confirmed by stemming them)."""

    def __init__(self, text: str):
        words = set(_WORD.findall(_fold(text)))
        self.stems = frozenset(
            _stem(word) for word in _WORD.findall(text.lower()) if word.isascii()
        )
        self._folded = _alternation(words, r"\b(?:{})\b")
        # Porter's stemmer changes endings only ("y" -> "i" included): a word with a given stem
        # starts with the stem's first three letters, the third one "i" or "y" when "i".
        prefixes = {re.escape(stem[:3]) for stem in self.stems}
        prefixes = {p[:-1] + "[iy]" if len(p) == 3 and p.endswith("i") else p for p in prefixes}
        self._stem_candidates = (
            re.compile(r"(?i)\b(?:{})\w*".format("|".join(sorted(prefixes)))) if prefixes else None
        )
        self._any = bool(words)

    def __bool__(self) -> bool:
        return self._any

    def _spans(self, text: str) -> list[tuple[int, int]]:
        if not self._any or not text:
            return []
        spans = {match.span() for match in self._folded.finditer(_fold(text))}
        if self._stem_candidates is not None:
            for match in self._stem_candidates.finditer(text):
                word = match.group().lower()
                if len(word) > 2 and word.isascii() and _stem(word) in self.stems:
                    spans.add(match.span())
        return sorted(spans)

    def whole(self, text: str) -> list[SafeString]:
        """The whole text with its matches marked, in a one-item list; empty without a match."""
        spans = self._spans(text or "")
        return [_render(text, spans, 0, len(text))] if spans else []

    def snippets(
        self, text: str, *, size: int = SNIPPET_SIZE, count: int = SNIPPET_COUNT
    ) -> list[SafeString]:
        """Up to `count` passages of about `size` characters with the most matches, in the
        order of the text; empty without a match."""
        text = text or ""
        spans = self._spans(text)
        if not spans:
            return []
        passages = []  # (matches, start, end)
        start = 0
        for boundary in (*_SENTENCE_END.finditer(text), None):
            end = boundary.start() if boundary else len(text)
            inside = [span for span in spans if start <= span[0] and span[1] <= end]
            if inside:
                passages.append((len(inside), *_window(text, start, end, inside, size)))
            if boundary:
                start = boundary.end()
        best = sorted(passages, key=lambda passage: (-passage[0], passage[1]))[:count]
        in_text_order = sorted(best, key=lambda passage: passage[1])
        return [_render(text, spans, start, end) for _matches, start, end in in_text_order]


def _alternation(words: set[str], template: str) -> re.Pattern:
    # Longest first, so that "nuoc" is not taken for the start of "nuocmam".
    ordered = sorted(words, key=lambda word: (-len(word), word))
    return re.compile(template.format("|".join(re.escape(word) for word in ordered) or "(?!)"))


def _window(
    text: str, start: int, end: int, inside: list[tuple[int, int]], size: int
) -> tuple[int, int]:
    """A sentence longer than `size` is cut to `size` characters on word boundaries, from a
    little before its first match."""
    if end - start <= size:
        return start, end
    first, first_end = inside[0]
    lead = start
    if first - start > size // 4:  # begin at a word a little before the first match
        space = text.find(" ", first - size // 4, first)
        lead = space + 1 if space != -1 else first
    tail = min(end, lead + size)
    if tail < end:  # end after a whole word (normalised text has single spaces)
        space = text.rfind(" ", first_end, tail + 1)
        if space != -1:
            tail = space
    return lead, max(tail, first_end)


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    parts = []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # noqa: S308 - escaped above; only our <mark> is markup
