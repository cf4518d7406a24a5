"""Paragraphs and sentences with character offsets, by rules tuned for news prose.

Hand-written rather than a library: it must keep exact offsets and run in well under a
millisecond per article (pysbd and similar take tens of milliseconds).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from summarizer.text import lexicon

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an uppercase letter (also an accented one: 'Özil', 'Łukasz') or a digit, after an
# opening quote or two ('“‘Glasgow’ is …'), or right after the end mark and a space one and a
# stray space ('… said. “ I love …', ". ' I …"; not '" ', often a closing mark after a space:
# '… a "guerilla satirist. " The …'; nor after a closing mark: '…?" \' Lizzi now …');
# abbreviations are checked separately.
# '[.!?…][.!?…]*' rather than '[.!?…]+' (the same matches): an expression that opens with a
# character class lets the engine skip to the next such character; one that opens with a
# repeat is tried at every position (three times slower over an article)
# The lookahead's whitespace (group 1) is not a line break: within a paragraph, as when each
# paragraph was searched alone; it ends where the next sentence starts.
# A second kind of boundary: an end mark glued to the next sentence by a scraper that lost the
# space ('in December 2000.A search of …', '1991.Simpson, who …'): a lowercase letter or a digit
# before the mark, a capital and a lowercase letter after it, or 'A'/'I' alone (not 'U.S.Army',
# 'p.m.', a web address's 'Amazon.Com').
_BOUNDARY = re.compile(
    r"[.!?…][.!?…]*[”’\"')\]]*(?=([^\S\n]+)(?:[“‘\"'(\[]{1,2}|(?<=[.!?…][^\S\n])[“‘'][^\S\n])?[A-Z0-9À-ÖØ-ÞĀ-žА-ЯЁΑ-Ω]"
    r"|(?<=[a-z0-9][.!?])(?!(?:Com|Net|Org|Gov|Co)\b)(?:[A-Z][a-z]|[AI]\s))"
    r"|[。！？][。！？]*[」』”’\"）)]*"  # Chinese and Japanese: no space, no capital after
)
_ABBREVIATIONS = lexicon.ABBREVIATIONS
_WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."
_NEXT_WORD = re.compile(r"\s+([“‘\"'(\[]?)([A-Za-z]*)")
_OPENERS = lexicon.SENTENCE_OPENERS
#: a news agency's dateline before the lead: '(CNN)', 'LONDON (Reuters) -', 'PARIS (AP) —',
#: and a place in capitals with its region or date before a dash: 'WASHINGTON — ', 'KYIV,
#: Ukraine (AP) — ', 'LOS ANGELES, Sept. 28 (UPI) — ', 'NEW YORK, Jan 5 (Reuters) - '
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.,' -]*\s\([A-Z][\w .&-]{1,24}\)\s*(?:[-—–]+\s*)?"
    r"|\([A-Z][\w .&-]{1,24}\)(?:(?=[A-Z])|\s*[-—–]+\s*)"
    r"|[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,3}(?:,\s[A-Z][\w.]*(?:\s[\w.]+){0,2})?"
    r"(?:\s\([A-Z][\w .&-]{1,24}\))?\s+(?:--|[—–-])\s+)"
)


# a line from its first to its last non-space character (``\S`` is ``not str.isspace()``)
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
_END_MARKS = ".!?…。！？"
_CJK_END_MARKS = frozenset("。！？")
_AFTER_END = frozenset(".!?…”’\"')]")  # what follows an end mark within a boundary


def _end_marks(text: str) -> list[int]:
    """Where each end mark (. ! ? …) is, in order: found by ``str.find``, which skips to a
    character at C speed, where the expression's first character class is tested at every
    position (about 40 instructions each, for a class holding '…')."""
    found = []
    for mark in _END_MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _boundaries(text: str, ends: list[int], lo: int, hi: int) -> list[re.Match[str]]:
    """What ``_BOUNDARY.finditer(text, lo, hi)`` finds (``ends``: :func:`_end_marks`), the
    expression tried only where a boundary can start: at an end mark followed by more end marks
    or closing marks, or by whitespace (a plain loop: a generator for each paragraph cost more
    than the tests)."""
    out = []
    free = lo  # where the next boundary may start: after the last one
    for at in ends[bisect_left(ends, lo) : bisect_left(ends, hi)]:
        if at < free or at + 1 >= hi:
            continue
        after = text[at + 1]
        if (
            after in _AFTER_END or after.isspace() or after.isupper() or text[at] in _CJK_END_MARKS
        ) and (m := _BOUNDARY.match(text, at, hi)) is not None:
            out.append(m)
            free = m.end()
    return out


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
    # (by C-speed strips rather than a loop a character: the run is what ``rstrip`` leaves
    # out of the 12 characters, without its leading periods)
    before = text[max(start, dot - 12) : dot]
    written = before[len(before.rstrip(_WORD_CHARS)) :].lstrip(".")
    if not written:
        return False
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
    ends = _end_marks(text)
    for p_start, p_end in paragraphs(text) if paras is None else paras:
        start = p_start
        for m in _boundaries(text, ends, p_start, p_end):
            at, end = m.span()
            if end - at == 1 and text[at] == "." and _is_abbreviation(text, start, at):
                continue
            i = bisect_right(starts, at) - 1
            if i >= 0 and end < keep_together[i][1]:
                continue  # inside a quoted passage
            out.append((start, end))
            start = m.end(1) if m.start(1) >= 0 else end  # past the spaces (if any), at the
            # next sentence's first character
        if start < p_end:
            out.append((start, p_end))
    return out
