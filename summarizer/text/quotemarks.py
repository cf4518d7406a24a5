"""Find the passages of an article that stand inside quotation marks.

Used by grounding (a quote must lie inside marks: a paraphrase is never a quote) and by the
offline engine. Handles the marks of every script the news is written in: “…”, "…", ‘…’
(English, Chinese), „…“ and ‚…‘ (German, Central European), «…» and ‹…› (French, Russian,
Spanish...), »…« and ›…‹ (German, Danish), »…» (Swedish, Finnish), 「…」 and 『…』 (Japanese,
Chinese), 《…》 and 〈…〉 (Chinese, Korean), and quotes running over several paragraphs (an
opening mark with no closing mark at a paragraph's end, re-opened in the next paragraph).
Apostrophes (they’re, Putin’s, the ’90s) are not taken for closing single quotes. Within a
quote, other marks are nested quotes: only the outermost passage is returned.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain

from summarizer.text.wrapping import unwrap

# opening mark -> closing marks it accepts
_PAIRS: dict[str, str] = {
    "“": '”"',  # English; careless copy mixes curly and straight marks
    "„": "“”",  # German / Central European „…“ (some sources close with ”)
    "‚": "‘’",  # its single form ‚…‘
    "«": "»",
    "‹": "›",
    "»": "«»",  # German, Danish »…«; Swedish, Finnish »…»
    "›": "‹›",
    "「": "」",  # Japanese, Chinese (traditional)
    "『": "』",  # the nested form, also used on its own
    "《": "》",  # Chinese, Korean
    "〈": "〉",
    "‘": "’",
    '"': '"”',
    "”": '”"',  # some sites use ” for both marks
}
_CJK_OPENERS = "「『《〈"  # never apostrophes and written without spaces: open anywhere
_OPEN_PUNCT = set("([{—–-/:：，、（")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The text between one pair of marks: ``text[start:end]`` excludes the marks."""

    start: int
    end: int
    opener: str
    closed: bool  # False when the paragraph ended before a closing mark


def _is_opening_position(text: str, i: int) -> bool:
    """A mark opens when it follows the start, whitespace or opening punctuation."""
    if i == 0 or text[i] in _CJK_OPENERS:
        return True
    prev = text[i - 1]
    if prev in ".!?" and text[i] in '"“' and i >= 2 and text[i - 2].isalnum():
        # rules-15: a sentence ended with no space before the next one's quotation (a lost
        # space: 'in 2019."We have lost our way," Holt added.'), taken only when the
        # quotation closes with a comma in its paragraph, as one its speaker follows does (in
        # a text whose spaces were lost everywhere, '."' more often closes a quotation)
        if not (i + 1 < len(text) and text[i + 1].isupper()):
            return False
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        close = min(
            (at for at in (text.find('"', i + 1, end), text.find("”", i + 1, end)) if at >= 0),
            default=-1,
        )
        return close > 0 and text[close - 1] == ","
    return prev.isspace() or prev in _OPEN_PUNCT or prev in _PAIRS


def _is_apostrophe(text: str, i: int) -> bool:
    """An apostrophe rather than a single quote mark: ‘ after a letter, ’ before one."""
    if text[i] == "‘":
        return i > 0 and text[i - 1].isalnum()
    return i + 1 < len(text) and text[i + 1].isalnum()


# outside a quote only opening marks matter; inside one, only its closing marks and the end of
# the paragraph (apostrophes, line breaks and nested marks are not even visited)
_OPENERS = "".join(_PAIRS)
_CLOSERS = {opener: closers + "\n" for opener, closers in _PAIRS.items()}


def occurrences(text: str, mark: str) -> list[int]:
    """The positions of ``mark`` in ``text``, in order (overlapping ones too), found by
    ``str.find``: it skips to a character at C speed, where an expression's character class (of
    marks beyond Latin-1) is tested at every position, at about 40 instructions each."""
    places = []
    at = text.find(mark)
    while at >= 0:
        places.append(at)
        at = text.find(mark, at + 1)
    return places


class _Marks:
    """Where the next of a set of marks is (what searching ``text`` from a position for a
    character class of those marks finds). Each mark is looked for when a set holding it is
    first asked for (an apostrophe only when a single quotation mark opened a quote); a line
    break by ``str.find`` from the position, no further than the set's next other mark (the
    paragraphs' ends are many, and only the next one inside a quote matters)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, list[int]] = {}  # each mark's positions
        self._merged: dict[str, tuple[list[int], bool]] = {}  # a set's, and whether it has "\n"

    def _merge(self, marks: str) -> tuple[list[int], bool]:
        found, text = self._found, self._text
        lists = []
        for mark in marks:
            if mark != "\n":
                places = found.get(mark)
                if places is None:
                    places = found[mark] = occurrences(text, mark)
                if places:
                    lists.append(places)
        merged = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
        return merged, "\n" in marks

    def next(self, marks: str, at: int) -> int:
        """The first position at or after ``at`` of one of ``marks``; -1 when there is none."""
        entry = self._merged.get(marks)
        if entry is None:
            entry = self._merged[marks] = self._merge(marks)
        places, breaks = entry
        i = bisect_left(places, at)
        found = places[i] if i < len(places) else -1
        if breaks:
            line_break = self._text.find("\n", at, len(self._text) if found < 0 else found)
            if line_break >= 0:
                return line_break
        return found


def find_quoted_spans(text: str, *, unwrapped: bool = False) -> list[QuotedSpan]:
    """Every outermost quoted passage, paragraph by paragraph, in order of appearance (the line
    breaks of a hard-wrapped text end no paragraph: :func:`unwrap`; ``unwrapped``: ``text`` is
    what :func:`unwrap` gave already)."""
    if not unwrapped:
        text = unwrap(text)  # (the same length: the offsets hold for ``text`` as given)
    spans: list[QuotedSpan] = []
    n = len(text)
    opener: str | None = None
    content_start = 0
    at = 0
    marks = _Marks(text)
    while True:
        i = marks.next(_OPENERS if opener is None else _CLOSERS[opener], at)
        if i < 0:
            break
        at = i + 1
        ch = text[i]
        if opener is None:
            if (
                i + 1 < n
                and _is_opening_position(text, i)
                and not (ch == "‘" and _is_apostrophe(text, i))
                and not (ch == "‚" and text[i - 1 : i].isalnum())  # a low comma, not a mark
                # French typography puts a (narrow) space inside guillemets
                and (ch in "«‹" or not text[i + 1].isspace())
            ):
                opener = ch
                content_start = i + 1
        elif ch == "\n":
            # Paragraph ends inside a quote: close it here; a continuation re-opens later.
            if text[content_start:i].strip():
                spans.append(QuotedSpan(content_start, i, opener, closed=False))
            opener = None
        elif not (ch in "’'" and _is_apostrophe(text, i)):
            if text[content_start:i].strip():
                spans.append(QuotedSpan(content_start, i, opener, closed=True))
            opener = None
    if opener is not None and text[content_start:].strip():
        spans.append(QuotedSpan(content_start, n, opener, closed=False))
    return [_stray_cut(text, span) if not span.closed else span for span in spans]


# the end of a sentence inside a passage: a full stop, '!' or '?' before a space and a capital
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])")


def _stray_cut(text: str, span: QuotedSpan) -> QuotedSpan:
    """An opening mark never closed, whose paragraph is not continued by one that opens with a
    mark (a quotation running over paragraphs is), is a stray: how far the quotation runs is
    unknown, so it is taken to its first sentence's end only, never into the narration after
    it ('Lee said “we will win. The council then voted…')."""
    after = text[span.end : span.end + 200].lstrip()
    if after[:1] and after[0] in _OPENERS:
        return span  # the quotation goes on in the next paragraph
    end = _SENTENCE_END.search(text, span.start, span.end)
    if end is None:
        return span
    return QuotedSpan(span.start, end.end(), span.opener, closed=False)
