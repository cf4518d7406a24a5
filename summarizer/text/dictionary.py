"""The common English words of :mod:`summarizer.text.english_words`, as a set built once per
process (about 29,000 words, a few milliseconds)."""

from __future__ import annotations

from functools import cache


@cache
def english_words() -> frozenset[str]:
    """Every lower-case entry of the word list (not the inflected forms it leaves out)."""
    from summarizer.text.english_words import WORDS

    return frozenset(WORDS.split())
