"""Locate text in the article. Code, not the model, decides what the article says.

Every quote and evidence string the model returns is looked up here, in three steps:

1. ``exact``: the string occurs verbatim;
2. ``normalized``: it occurs once typography is normalized on both sides (curly vs straight
   quotes and apostrophes, dashes, the ellipsis character, runs of whitespace); the span
   reported is the article's own text;
3. ``fuzzy``: a bounded word-level match (a word or two transcribed differently), repaired to
   the exact span of the article's words. Elisions ("A ... B" for a longer passage) do not pass.

Nothing is returned that is not a span of the article: ``article[start:end]`` is the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from typing import Literal

from summarizer.text import lexicon
from summarizer.text.quotemarks import QuotedSpan, find_quoted_spans

Match = Literal["exact", "normalized", "fuzzy"]

_TYPOGRAPHY = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "《": '"',
        "》": '"',
        "〈": '"',
        "〉": '"',
        "‹": "'",
        "›": "'",
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
        "\u00a0": " ",
        "\u3000": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u00ad": "",
    }
)
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"^(.*)'s$", re.MULTILINE)  # a word's stem, one word a line
WORD_EDGES = ".,;:!?\"'()[]{}“”‘’«»…*"  # marks around a word, none of them in any word
_EDGE_PUNCT = " \t\r\n\"'“”‘’„‚«»‹›「」『』《》〈〉\u3000"
_QUOTE_EDGES = _EDGE_PUNCT + ".,;:!?。，、！？：；"  # around a quotation's words

# Fuzzy matching bounds: the matched words must cover this share of both the model's string
# and the article's span, and the string must be long enough for the share to mean something.
FUZZY_MIN_WORDS = 5
FUZZY_MIN_COVERAGE = 0.85


@dataclass(frozen=True, slots=True)
class Located:
    """A span of the article: ``article[start:end]``, found by the named step."""

    start: int
    end: int
    match: Match


def normalize(text: str) -> str:
    """Typography-normalized text (no offsets kept): for comparing strings."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip()


def _normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalized text plus, for each of its characters, the index of the source character."""
    out: list[str] = []
    origin: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        rep = ch.translate(_TYPOGRAPHY)
        if ch.isspace() or rep == " ":
            if prev_space:
                continue
            rep, prev_space = " ", True
        else:
            prev_space = False
        for r in rep:
            out.append(r)
            origin.append(i)
    return "".join(out), origin


def _word_key(word: str) -> str:
    return word.lower().replace("’", "'")


def _joins(next_to: str, beyond: str) -> bool:
    """Whether the pattern's word goes on through ``next_to`` (the character beside a word, ""
    at the text's edge) and ``beyond`` (the one after it): a word character, or an apostrophe
    with a word character beyond it."""
    if not next_to:
        return False
    if next_to.isalnum() or next_to == "_":
        return True
    return next_to in "'’" and (beyond.isalnum() or beyond == "_")


def strip_marks(text: str) -> str:
    """The string without surrounding whitespace and quotation marks."""
    return text.strip(_EDGE_PUNCT)


class Article:
    """One article, with the views needed to locate many strings in it quickly.

    What was looked up is remembered (every answer about an article, re-asks included, asks
    for much the same strings): keep one ``Article`` per article, and let it go with it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._located: dict[tuple[str, bool], tuple[Located, ...]] = {}
        self._first: dict[tuple[str, bool], Located | None] = {}  # locate()'s, when found alone
        self._named: dict[str, bool] = {}
        self._words: dict[str, bool] = {}  # has_word's answers

    @cached_property
    def _normalized(self) -> tuple[str, list[int]]:
        return _normalize_with_offsets(self.text)

    @cached_property
    def words(self) -> list[tuple[str, int, int]]:
        """(lower-cased word, start, end) for every word of the article."""
        return [(_word_key(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(self.text)]

    @cached_property
    def tokens(self) -> frozenset[str]:
        """The article's distinct whitespace-separated tokens (no word spans whitespace)."""
        return frozenset(self.text.split())

    @cached_property
    def plain_tokens(self) -> tuple[list[str], list[str]]:
        """The distinct tokens that are one word of letters once the marks around them
        (:data:`WORD_EDGES`) are stripped, stripped; and the other tokens, stripped (numbers,
        hyphenated words, initialisms, O'Neill's). Most tokens are plain words: the
        vocabulary and the support index are built from this one pass over the tokens."""
        plain: list[str] = []
        rest: list[str] = []
        for token in self.tokens:
            if token.isalpha() or (token := token.strip(WORD_EDGES)).isalpha():
                plain.append(token)
            elif token:
                rest.append(token)
        return plain, rest

    @cached_property
    def vocabulary(self) -> set[str]:
        """Every word of the article, lower-cased, with and without a possessive 's."""
        # The words of each distinct token: a plain token is one word; the others are read by
        # the pattern, joined (a newline ends any word; the marks stripped are in no word).
        # The same set as the pattern over the whole text.
        plain, rest = self.plain_tokens
        distinct = set(plain)
        if rest:
            distinct.update(_WORD_RE.findall("\n".join(rest)))
        if not distinct:
            return set()
        # _word_key of each word, in one pass: words hold no newline, and lower-casing is the
        # same word by word or joined (final sigma looks no further than the word's end)
        joined = _word_key("\n".join(distinct))
        vocab = set(joined.split("\n"))
        vocab.update(_POSSESSIVE.findall(joined))
        return vocab

    @cached_property
    def quoted_spans(self) -> list[QuotedSpan]:
        return find_quoted_spans(self.text)

    @cached_property
    def _quoted_starts(self) -> list[int]:
        return [q.start for q in self.quoted_spans]

    # -- locating --------------------------------------------------------------------------

    def locate(self, needle: str, *, fuzzy: bool = True) -> Located | None:
        """The first span of the article that is ``needle`` (see the module docstring)."""
        key = (needle, fuzzy)
        found = self._located.get(key)
        if found is not None:
            return found[0] if found else None
        if key in self._first:
            return self._first[key]
        # verbatim, as most are: its first occurrence is the first span (no need for the rest)
        stripped = needle.strip()
        i = self.text.find(stripped) if stripped else -1
        first: Located | None
        if i >= 0:
            first = Located(i, i + len(stripped), "exact")
        else:
            found = self._located[key] = tuple(self._locate_all(stripped, fuzzy))
            first = found[0] if found else None
        self._first[key] = first
        return first

    def locate_all(self, needle: str, *, fuzzy: bool = True) -> list[Located]:
        """Every occurrence found by the first step that finds any (exact, then normalized...)."""
        key = (needle, fuzzy)
        found = self._located.get(key)
        if found is None:
            found = self._located[key] = tuple(self._locate_all(needle.strip(), fuzzy))
        return list(found)

    def _locate_all(self, needle: str, fuzzy: bool) -> list[Located]:
        if not needle:
            return []
        exact = self._find_all(self.text, needle)
        if exact:
            return [Located(i, i + len(needle), "exact") for i in exact]
        norm_text, origin = self._normalized
        norm_needle = normalize(needle)
        if norm_needle:
            hits = self._find_all(norm_text, norm_needle)
            if hits:
                return [
                    Located(origin[i], origin[i + len(norm_needle) - 1] + 1, "normalized")
                    for i in hits
                ]
        if fuzzy:
            found = self._fuzzy(needle)
            if found is not None:
                return [found]
        return []

    def locate_quote(self, needle: str) -> tuple[Located | None, str | None]:
        """Locate a quotation: it must be a span of the article inside quotation marks.

        Returns the span, or None and the reason it is not a quote of this article.
        """
        needle = strip_marks(needle)
        stripped = needle.strip()
        i = self.text.find(stripped) if stripped else -1
        if i >= 0 and self.inside_quote_marks(i, i + len(stripped)):
            return Located(i, i + len(stripped), "exact"), None  # the first span, as below
        spans = self.locate_all(needle)
        if not spans:
            return None, "not found in the article"
        for span in spans:
            if self.inside_quote_marks(span.start, span.end):
                return span, None
        return None, (
            "this text is in the article but not inside quotation marks: it is the reporter's "
            "wording, not a quote"
        )

    def inside_quote_marks(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies within one quoted passage (edges trimmed)."""
        passage = self.text[start:end]
        stripped = passage.strip(_QUOTE_EDGES)
        if not stripped:
            return False
        lead = passage.index(stripped[0])
        s, e = start + lead, start + lead + len(stripped)
        # the passages are in order and apart: only the last to start by ``s`` can hold it
        i = bisect_right(self._quoted_starts, s) - 1
        return i >= 0 and e <= self.quoted_spans[i].end

    def names_in_article(self, name: str) -> bool:
        """Whether every significant word of ``name`` is a word of the article."""
        named = self._named.get(name)
        if named is None:
            words = _WORD_RE.findall(name)
            # w.lower() for _word_key(w): a word with an apostrophe is no filler either way
            significant = [w for w in words if w.lower() not in _NAME_FILLER]
            named = self._named[name] = bool(significant) and (
                (len(words) > 1 and self._written(name))  # every word of it, in one search
                or all(self.has_word(w) for w in significant)
            )
        return named

    def contains_cue(self, cue: str) -> bool:
        """Whether a quote's cue is the article's: every word of it a word of the article; a
        cue of marks only (the dash of “…” — Name, a colon) found in the article, not inside
        a word (a hyphen), any dash for any other (marks normalized as for locating)."""
        if _WORD_RE.search(cue):
            return self.contains_words(cue)
        marks = normalize(cue)
        text = self._normalized[0]
        i = text.find(marks) if marks else -1
        while i >= 0:
            before, after = text[i - 1 : i], text[i + len(marks) : i + len(marks) + 1]
            if not (before.isalnum() and after.isalnum()):
                return True
            i = text.find(marks, i + 1)
        return False

    def contains_words(self, phrase: str) -> bool:
        """Whether every word of ``phrase`` is a word of the article (a quote's cue)."""
        words = _WORD_RE.findall(phrase)
        return bool(words) and all(self.has_word(w) for w in words)

    def has_word(self, word: str) -> bool:
        """Whether ``word`` (a word of the pattern) is a word of the article, lower-cased:
        ``_word_key(word) in vocabulary``. Found as written (or lower-case, or capitalised)
        where the pattern reads a whole word, by a search of the text: the vocabulary is read
        only when that fails (most names and cues are the article's, as it writes them)."""
        known = self._words.get(word)
        if known is None:
            known = self._words[word] = self._written(word) or self._has_key(word)
        return known

    def _has_key(self, word: str) -> bool:
        key = _word_key(word)
        for form in (word.lower(), word.capitalize()):
            if (
                form != word
                and _word_key(form) == key
                and _WORD_RE.fullmatch(form)  # one word still ("İ" lower-cased is two)
                and self._written(form)
            ):
                return True
        return key in self.vocabulary

    def _written(self, words: str) -> bool:
        """Whether ``words`` is in the text where the pattern reads the words it reads in
        ``words`` alone: found with no word character, nor an apostrophe joined to one, on
        either side. (Then each of its words is a word of the article.)"""
        text, n = self.text, len(words)
        i = text.find(words)
        while i >= 0:
            j = i + n
            if not (
                (i and _joins(text[i - 1], text[i - 2] if i > 1 else ""))
                or _joins(text[j : j + 1], text[j + 1 : j + 2])
            ):
                return True
            i = text.find(words, i + 1)
        return False

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _find_all(haystack: str, needle: str) -> list[int]:
        hits: list[int] = []
        i = haystack.find(needle)
        while i != -1:
            hits.append(i)
            i = haystack.find(needle, i + 1)
        return hits

    def _fuzzy(self, needle: str) -> Located | None:
        target = [_word_key(w) for w in _WORD_RE.findall(normalize(needle))]
        if len(target) < FUZZY_MIN_WORDS:
            return None
        words = self.words
        keys = [w for w, _, _ in words]
        matcher = SequenceMatcher(None, keys, target, autojunk=False)
        best: tuple[float, int, int] | None = None
        # Anchor a window on each substantial common run, then measure the window.
        for block in matcher.get_matching_blocks():
            if block.size < 2:
                continue
            lo = max(0, block.a - block.b)
            hi = min(len(keys), lo + len(target) + 3)
            window = SequenceMatcher(None, keys[lo:hi], target, autojunk=False)
            blocks = [b for b in window.get_matching_blocks() if b.size]
            if not blocks:
                continue
            first = lo + blocks[0].a
            last = lo + blocks[-1].a + blocks[-1].size - 1
            matched = sum(b.size for b in blocks)
            # A word swapped at either edge ("killing folks" for "killing people") still
            # belongs to the span: extend over the article's words it stands for.
            opcodes = window.get_opcodes()
            head, tail = opcodes[0], opcodes[-1]
            if head[0] == "replace":
                first = lo + head[2] - min(head[2] - head[1], head[4] - head[3])
            if tail[0] == "replace":
                last = lo + tail[1] + min(tail[2] - tail[1], tail[4] - tail[3]) - 1
            span_words = last - first + 1
            coverage = min(matched / len(target), matched / span_words)
            if coverage >= FUZZY_MIN_COVERAGE and (best is None or coverage > best[0]):
                best = (coverage, first, last)
        if best is None:
            return None
        _, first, last = best
        return Located(words[first][1], words[last][2], "fuzzy")


# Words that do not identify anyone: titles, articles and prepositions in a speaker's name.
_NAME_FILLER = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "for",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "who",
    "mr",
    "mrs",
    "ms",
    "dr",
    "'s",
    "s",
}

PRONOUNS = lexicon.PRONOUNS
