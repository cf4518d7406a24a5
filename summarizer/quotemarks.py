"""Find the passages of an article that stand inside quotation marks.

Used by grounding (a quote must lie inside marks: a paraphrase is never a quote) and by the
offline engine. Handles “…”, "…", ‘…’, « », ‹ ›, „“ and quotes running over several paragraphs
(an opening mark with no closing mark at a paragraph's end, re-opened in the next paragraph).
Apostrophes (they’re, Putin’s, the ’90s) are not taken for closing single quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark -> closing marks it accepts
_PAIRS: dict[str, str] = {
    "“": "”",  # English
    "„": "“”",  # German / Central European „…“ (some sources close with ”)
    "«": "»",
    "‹": "›",
    "‘": "’",
    '"': '"',
}
_DOUBLE_OPENERS = {"“", "„", "«", '"'}
_OPEN_PUNCT = set("([{—–-/:")


@dataclass(frozen=True)
class QuotedSpan:
    """The text between one pair of marks: ``text[start:end]`` excludes the marks."""

    start: int
    end: int
    opener: str
    closed: bool  # False when the paragraph ended before a closing mark


def _is_opening_position(text: str, i: int) -> bool:
    """A mark opens when it follows the start, whitespace or opening punctuation."""
    if i == 0:
        return True
    prev = text[i - 1]
    return prev.isspace() or prev in _OPEN_PUNCT or prev in _PAIRS


def _is_apostrophe(text: str, i: int) -> bool:
    """An apostrophe rather than a single quote mark: ‘ after a letter, ’ before one."""
    if text[i] == "‘":
        return i > 0 and text[i - 1].isalnum()
    return i + 1 < len(text) and text[i + 1].isalnum()


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every outermost quoted passage, paragraph by paragraph, in order of appearance."""
    spans: list[QuotedSpan] = []
    i, n = 0, len(text)
    opener: str | None = None
    content_start = 0
    while i < n:
        ch = text[i]
        if ch == "\n" and opener is not None:
            # Paragraph ends inside a quote: close it here; a continuation re-opens below.
            end = i
            if text[content_start:end].strip():
                spans.append(QuotedSpan(content_start, end, opener, closed=False))
            opener = None
        elif opener is None:
            if ch in _PAIRS and _is_opening_position(text, i) and i + 1 < n:
                if ch == "‘" and _is_apostrophe(text, i):
                    i += 1
                    continue
                # French typography puts a (narrow) space inside guillemets
                if ch in "«‹" or not text[i + 1].isspace():
                    opener = ch
                    content_start = i + 1
        else:
            closers = _PAIRS[opener]
            if ch in closers and not (ch in "’'" and _is_apostrophe(text, i)):
                # straight quotes: a closing mark follows non-space text
                if text[content_start:i].strip():
                    spans.append(QuotedSpan(content_start, i, opener, closed=True))
                opener = None
        i += 1
    if opener is not None and text[content_start:].strip():
        spans.append(QuotedSpan(content_start, n, opener, closed=False))
    return spans


def is_double(span: QuotedSpan) -> bool:
    return span.opener in _DOUBLE_OPENERS
