"""One look at an article's words, shared by the passes that look up the words of a lexicon.

Python's regular-expression engine costs about 40 ns a character whatever the pattern, so a pass
that scans the whole article for the words of a lexicon (a trie-shaped expression of a few hundred
reporting verbs, say) costs as much as any other. Here the article is read once, with C-speed
string operations (:class:`Words`): every character that is not an ASCII letter becomes a space,
the result is split at the spaces, and the runs of letters that belong to a vocabulary (the
words of all the lexicons of the passes) are kept with their offsets, in order. A pass then
tries its own expression only where one of its words starts (:meth:`Lexicon.finditer`): the same
matches as scanning the text with the expression, for the cost of a few anchored matches.

Words are what the lexicon expressions of the offline engine take them to be: runs of letters,
digits, underscores, apostrophes and hyphens (``[\\w’'-]``); the lexicons themselves are of ASCII
letters and spaces, so each of their words is a whole run of ASCII letters wherever it occurs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

_PHRASE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
# bytes that are ASCII letters stay, every other byte becomes a space
_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """``text.lower()``, remembered for the last few texts: the passes that read an article in
    lower case share one copy.

    Lowering text beyond ASCII (curly quotes and dashes make most news so) looks every character
    up in the Unicode tables, about 45 instructions a character. When lowering leaves every
    character beyond ASCII as it is (as it does punctuation), the result is the text with its
    ASCII letters lowered, which bytes do at C speed: in UTF-8 every byte of a character beyond
    ASCII is above 127, so ``bytes.lower`` leaves those characters alone."""
    if text.isascii():
        return text.lower()
    beyond = beyond_ascii(text)
    if beyond.lower() != beyond:
        return text.lower()  # ('É', 'Σ': the Unicode tables are needed)
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


_ASCII = bytes(range(128))


def beyond_ascii(text: str) -> str:
    """The characters of ``text`` beyond ASCII, in order, at C speed: UTF-8 writes each of them
    with bytes above 127 only, so deleting the bytes below 128 leaves them whole."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(None, _ASCII).decode("utf-8", "surrogatepass")


def is_word_char(ch: str) -> bool:
    """Whether ``ch`` belongs to a word (``[\\w’'-]``): a letter, a digit, '_', an apostrophe or
    a hyphen. (``str.isalnum`` is what the expression engine's ``\\w`` tests, with '_'.)"""
    return ch.isalnum() or ch in "_’'-"


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, 0, endpos)`` finds when its matches can only start at
    ``starts`` (in order) and are never empty: each tried with ``match``, which sees the text
    before it (a leading look-behind or ``\\b`` still holds), none inside the match before."""
    end = len(text) if endpos is None else endpos
    free = 0  # where the next match may start: after the last one
    for at in starts:
        if at >= free and (m := pattern.match(text, at, end)) is not None:
            free = m.end()
            yield m


def vocabulary(phrases: Iterable[str]) -> frozenset[bytes]:
    """The words of ``phrases`` as :class:`Words` looks them up (ASCII bytes)."""
    return frozenset(word.encode() for phrase in phrases for word in phrase.split())


class Words:
    """The words of one text that belong to ``vocabulary`` (a set of runs of ASCII letters, as
    bytes), found in one pass: ``found`` holds (offset, run) of each occurrence, in order.

    The pass works on a copy of the text with one byte a character (a character outside ASCII is
    a '?'), where every byte that is not a letter is a space: a run is found whole as
    ``b" said "``, at C speed, and has the same offset as in the text."""

    def __init__(self, text: str, vocabulary: frozenset[bytes]) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self._spaced = b" " + text.encode("ascii", "replace").translate(_LETTERS_ONLY) + b" "
        runs = self._spaced.split()  # (the runs alone: the bytes are letters and spaces)
        # (``filter`` keeps the runs in the vocabulary: one pass, where ``compress`` over a
        # ``map`` of the same test took two iterators and a flag a run, about 15% more)
        self.found = self._locate(filter(vocabulary.__contains__, runs))

    def _locate(self, runs: Iterable[bytes]) -> list[tuple[int, bytes]]:
        """(offset, run) of ``runs``, which occur in this order: each is looked for after the
        one before (the text is read once, not once a run)."""
        spaced, out, at = self._spaced, [], 0
        for run in runs:
            at = spaced.find(b" " + run + b" ", at)
            out.append((at, run))  # (the space before the run has the run's offset in the text)
            at += 1
        return out

    def ending_in(self, suffix: bytes) -> list[int]:
        """Where each run of letters that ends in ``suffix`` starts ('voted' for b"ed")."""
        needle, spaced, out = suffix + b" ", self._spaced, []
        at = spaced.find(needle)
        while at >= 0:
            out.append(spaced.rfind(b" ", 0, at))
            at = spaced.find(needle, at + 1)
        return out

    def cut_at(self, lo: int, hi: int) -> tuple[int, bytes] | None:
        """The letters before ``hi`` (from at most ``lo``) of a run that goes on after it: a word
        that ``text[lo:hi]`` ends in the middle of, and that is whole to an expression stopping
        at ``hi`` ('sent' of 'sentence'); None when ``hi`` does not cut a run."""
        spaced = self._spaced
        if not (lo < hi < len(self.text) and spaced[hi] != 32 and spaced[hi + 1] != 32):
            return None
        start = max(lo, spaced.rfind(b" ", 0, hi))
        return start, spaced[start + 1 : hi + 1]


class Lexicon:
    r"""The words and phrases of a lexicon, found in a text by ``pattern``, an expression that
    matches where one of them starts (``(?<![\w’'-])(?:said|told|…)…``): at the places where a
    word of a phrase occurs, not at every character of the text.

    Each phrase is looked up by its longest word (its key: 'favor' for 'in favor of', never
    'in'); a phrase starts at a key's occurrence less the key's offset in the phrase. The keys
    must be in the vocabulary of the :class:`Words` searched (:attr:`keys`).
    """

    def __init__(self, phrases: Iterable[str], pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        offsets: dict[bytes, set[int]] = {}
        for phrase in phrases:
            if not _PHRASE.fullmatch(phrase):
                raise ValueError(f"not ASCII words separated by spaces: {phrase!r}")
            key = max(phrase.split(" "), key=len)  # (the first of the longest)
            offsets.setdefault(key.encode(), set()).add(phrase.index(key))
            # ('index' finds the key where it starts a word: a shorter word before it cannot
            # hold it, being shorter)
        self._offsets = {key: tuple(sorted(at)) for key, at in offsets.items()}
        self.keys = frozenset(self._offsets)
        self._checked: frozenset[bytes] | None = None  # the last vocabulary found to hold the keys

    def finditer(self, words: Words, spans: Iterable[tuple[int, int]]) -> list[re.Match[str]]:
        """The matches of ``pattern`` in each span (lo, hi) of ``words.text``, in order, as
        ``pattern.finditer(text, lo, hi)`` gives them span after span (none overlapping the
        one before), provided ``pattern`` matches only where a phrase of the lexicon starts."""
        if words.vocabulary is not self._checked:
            if not self.keys <= words.vocabulary:
                raise ValueError("the words were not looked up for this lexicon's keys")
            self._checked = words.vocabulary
        text, offsets, match = words.text, self._offsets, self.pattern.match
        starts = sorted(at - k for at, run in words.found if run in offsets for k in offsets[run])
        out: list[re.Match[str]] = []
        # (``matches_at`` written out: a span holds a start or two, and most spans none)
        for lo, hi in spans:
            i = bisect_left(starts, lo)
            j = bisect_left(starts, hi, i)
            cut = words.cut_at(lo, hi)
            if cut is not None and cut[1] in offsets:  # a key whole to the expression at ``hi``
                here = sorted(starts[i:j] + [cut[0] - offset for offset in offsets[cut[1]]])
            elif i == j:
                continue
            else:
                here = starts[i:j]
            free = lo  # where the next match may start: after the last one (and in the span)
            for at in here:
                if at >= free and (m := match(text, at, hi)) is not None:
                    free = m.end()
                    out.append(m)
        return out
