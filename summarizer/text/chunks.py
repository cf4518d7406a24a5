"""Splitting a long article into pieces that fit a model's context window.

:func:`plan_chunks` cuts at paragraph boundaries (at sentence boundaries inside a paragraph too
long for one piece, never inside a quoted passage when it can be helped, at a space as a last
resort). The pieces tile the article: each one's ``start`` is the previous one's ``end``, so
offsets found in a piece shift to the whole article by adding ``start``. Each piece also has a
little preceding context (``context_start``), whole paragraphs where they fit, so that "he said"
at the top of a piece can be resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.text.quotemarks import find_quoted_spans
from summarizer.text.sentences import paragraphs, sentences


@dataclass(frozen=True)
class Chunk:
    """``text[start:end]`` is the piece; ``text[context_start:start]`` the context before it."""

    start: int
    end: int
    context_start: int

    @property
    def size(self) -> int:
        """Characters sent for this piece, context included."""
        return self.end - self.context_start


def _units(text: str, limit: int) -> list[tuple[int, int]]:
    """Paragraphs, with any longer than ``limit`` cut into sentences, and those into words."""
    quoted = [(s.start, s.end) for s in find_quoted_spans(text)]
    units: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        if p_end - p_start <= limit:
            units.append((p_start, p_end))
            continue
        inside = [q for q in quoted if p_start <= q[0] and q[1] <= p_end]
        for s_start, s_end in sentences(text, keep_together=inside, paras=[(p_start, p_end)]):
            units += _words(text, s_start, s_end, limit)
    return units


def _words(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``limit`` characters, cut at spaces."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        cut = text.rfind(" ", start + 1, start + limit)
        if cut <= start:
            cut = start + limit  # one "word" longer than the limit: cut it anyway
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def plan_chunks(text: str, max_chars: int, context_chars: int = 0) -> list[Chunk]:
    """Pieces of ``text`` of at most ``max_chars`` characters each, preceding context included
    (at most ``context_chars`` of it; blank space between paragraphs may add a few more). One
    piece when the whole text fits."""
    if max_chars <= 0:
        raise ValueError("max_chars must be positive")
    if len(text) <= max_chars:
        return [Chunk(0, len(text), 0)]
    context_chars = min(context_chars, max_chars // 4)
    units = _units(text, max_chars - context_chars)
    if not units:
        return [Chunk(0, len(text), 0)]
    starts = [0]  # the first unit of each piece
    for i in range(1, len(units)):
        piece_start = 0 if len(starts) == 1 else units[starts[-1]][0]
        piece_end = units[i + 1][0] if i + 1 < len(units) else len(text)  # if unit i joins
        room = max_chars - (context_chars if len(starts) > 1 else 0)
        if piece_end - piece_start > room:
            starts.append(i)
    chunks: list[Chunk] = []
    for n, first in enumerate(starts):
        start = 0 if n == 0 else units[first][0]
        end = len(text) if n + 1 == len(starts) else units[starts[n + 1]][0]
        chunks.append(Chunk(start, end, _context_start(text, units[:first], start, context_chars)))
    return chunks


def _context_start(text: str, before: list[tuple[int, int]], start: int, context_chars: int) -> int:
    """Where the context of a piece beginning at ``start`` begins: whole units when they fit,
    else the words that do."""
    if not before or context_chars <= 0:
        return start
    context = start
    for unit_start, _ in reversed(before):
        if start - unit_start > context_chars:
            break
        context = unit_start
    if context == start:  # the last unit alone is too long: its last words
        space = text.find(" ", start - context_chars, start)
        context = space + 1 if space != -1 else start
    return context
