"""Paragraphs and sentences with character offsets, by rules tuned for news prose.

Hand-written rather than a library: it must keep exact offsets and run in well under a
millisecond per article (pysbd and similar take tens of milliseconds).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from summarizer.text import lexicon

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an uppercase letter, digit or opening quote; abbreviations are checked separately.
# '[.!?…][.!?…]*' rather than '[.!?…]+' (the same matches): an expression that opens with a
# character class lets the engine skip to the next such character; one that opens with a
# repeat is tried at every position (three times slower over an article)
# The lookahead's whitespace (group 1) is not a line break: within a paragraph, as when each
# paragraph was searched alone; it ends where the next sentence starts.
_BOUNDARY = re.compile(r"[.!?…][.!?…]*[”’\"')\]]*(?=([^\S\n]+)[“‘\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = lexicon.ABBREVIATIONS
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_NEXT_WORD = re.compile(r"\s+([“‘\"'(\[]?)([A-Za-z]*)")
_OPENERS = lexicon.SENTENCE_OPENERS


# a line from its first to its last non-space character (``\S`` is ``not str.isspace()``)
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line-separated paragraph, trimmed of whitespace."""
    return list(map(re.Match.span, _PARAGRAPH.finditer(text)))  # (spans read at C speed)


def _dotted(word: str) -> bool:
    """An abbreviation written with inner periods ("U.S", "L.A", "W.Va", "a.m"), not a web
    address ("standfor.co.nz") or a name ("will.i.am")."""
    parts = word.split(".")
    if not all(0 < len(part) <= 2 for part in parts):
        return False
    return all(part[0].isupper() for part in parts) or word.lower() in _ABBREVIATIONS


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    # the word before the dot: the run of letters and dots that ends there (from at most 12
    # characters back), from its first letter (as r"[A-Za-z][A-Za-z.]*(?=\.$)" would find it)
    lo = max(start, dot - 12)
    at = dot
    while at > lo and text[at - 1] in _WORD_CHARS:
        at -= 1
    while at < dot and text[at] == ".":
        at += 1
    if at == dot:
        return False
    written = text[at:dot]
    if "." in written and _dotted(written):  # "U.S.", "a.m.", initials ("Rep. G.K. Butterfield")
        after = _NEXT_WORD.match(text, dot + 1)
        return not (after and (after.group(1) or after.group(2).lower() in _OPENERS))
    word = written.lower()
    # a single capital letter ("John F. Kennedy") or a known abbreviation
    return (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS


def sentences(
    text: str,
    keep_together: Sequence[tuple[int, int]] = (),
    paras: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of each sentence; sentences never cross paragraph breaks.

    ``keep_together``: sorted (start, end) spans, such as quoted passages, never split.
    ``paras``: the text's :func:`paragraphs`, when the caller has them already.
    """
    starts = [s for s, _ in keep_together]
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text) if paras is None else paras:
        start = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            at, end = m.span()
            if end - at == 1 and text[at] == "." and _is_abbreviation(text, start, at):
                continue
            i = bisect_right(starts, at) - 1
            if i >= 0 and end < keep_together[i][1]:
                continue  # inside a quoted passage
            out.append((start, end))
            start = m.end(1)  # past the spaces, at the next sentence's first character
        if start < p_end:
            out.append((start, p_end))
    return out
