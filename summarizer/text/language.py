"""Which language an article is in, roughly: by script, then by common function words.

Enough to label a summary (BCP-47: ``en``, ``de``, ``und-Cyrl``...) and to warn that the
offline engine's rules are written for English. Not a general language identifier.
"""

from __future__ import annotations

import functools
import re

from summarizer.text.words import beyond_ascii

_STOPWORDS = {
    "en": "the of and to in is that for on with was said as by at from it his her have are",
    "de": "der die und den das nicht ist mit sich des auf für ein eine dem im sagte auch",
    "fr": "le la les des et est une dans que pour qui pas sur au du avec il a été elle",
    "es": "el la los las de que y en un una por con para del se al fue dijo como más",
    "it": "il la che di e è un una per non con del della sono nel alla gli ha detto",
    "pt": "o a os as de que e do da em um uma para com não no na foi disse se",
    "nl": "de het een en van is dat op te in niet met zijn voor er ook die zei",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_ANY_STOPWORD = set().union(*_WORDS.values())
# each stopword as the languages it is a stopword of, one count a language packed in one integer
# (_FIELD bits each, in the order of _WORDS): summed over a sample's stopwords, the integer holds
# every language's score at once, where a Counter of the words and then a sum for each language
# cost a dictionary update a word and a lookup a stopword a language (a sample of 3,000
# characters has at most 1,500 words, fewer than 2 ** _FIELD)
_FIELD = 16
_PACKED = {
    word: sum(1 << (_FIELD * i) for i, words in enumerate(_WORDS.values()) if word in words)
    for word in _ANY_STOPWORD
}
_SCRIPT_RANGES = (
    ("\u3040-\u30ff", "ja"),
    ("\uac00-\ud7af", "ko"),
    ("\u4e00-\u9fff", "zh"),
    ("\u0400-\u04ff", "und-Cyrl"),
    ("\u0600-\u06ff", "ar"),
    ("\u0590-\u05ff", "he"),
    ("\u0370-\u03ff", "el"),
    ("\u0900-\u097f", "hi"),
)
# anything beyond Latin and general punctuation (“ ” — …): only then are the scripts counted
_BEYOND_LATIN = re.compile(r"[^\x00-\u036f\u2000-\u206f]")
_TOKEN = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """A BCP-47 tag for ``text``'s language; ``und`` when it cannot tell."""
    sample = text[:3000]
    lowered = _ascii_words(sample)
    if lowered is None:
        lowered = _latin_words(sample)
    if lowered is None:
        tokens = _TOKEN.findall(sample)
        letters = sum(map(len, tokens)) or 1
        # (the characters of a script are all beyond ASCII: counted among those alone, a few
        # dozen in a Latin text, rather than by searching the sample once a script)
        others = beyond_ascii(sample)
        if _BEYOND_LATIN.search(others):
            for pattern, tag in _scripts():
                if len(pattern.findall(others)) / letters > 0.2:
                    return tag
        lowered = list(map(str.lower, tokens))
    if not lowered:
        return "und"
    packed = sum(map(_PACKED.__getitem__, filter(_PACKED.__contains__, lowered)))
    best, score, mask = "", -1, (1 << _FIELD) - 1
    for i, lang in enumerate(_WORDS):  # (the first of the best, as ``max`` gives it)
        n = (packed >> (_FIELD * i)) & mask
        if n > score:
            best, score = lang, n
    return best if score / len(lowered) >= 0.08 else "und"


# punctuation beyond ASCII that news text is full of (none of it letters)
_PUNCTUATION = ("“", "”", "‘", "’", "—", "–", "―", "…", "\u00a0")
# ASCII bytes -> a lowercase letter, else a space
_LETTERS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def _ascii_words(sample: str) -> list[str] | None:
    """The lowercase letter runs of ``sample`` (what ``_TOKEN`` finds, lowercased) when it is
    ASCII but for common punctuation, by a byte table rather than a regular expression (ten
    times faster); None for any other text.

    Other characters beyond ASCII that no letter run holds and that are no script's (a
    no-break or zero-width space, '©', '§', a combining mark: :func:`_separates`) are spaces
    too: a scraped article often has one, which would send it down the expressions' path
    (twenty times the cost of this one)."""
    for mark in _PUNCTUATION:
        if mark in sample:
            sample = sample.replace(mark, " ")
    if not sample.isascii():
        others = set(beyond_ascii(sample))
        if not all(map(_separates, others)):
            return None
        for other in others:
            sample = sample.replace(other, " ")
    return sample.encode("ascii").translate(_LETTERS).decode("ascii").split()


# the letters of Latin-1 beyond ASCII that a letter run holds ('é', 'ñ', 'ß'), each lowercased
# to one letter of Latin-1 (all of them are)
_LATIN_LETTERS = frozenset(
    ch
    for ch in map(chr, range(128, 256))
    if _TOKEN.fullmatch(ch) and len(ch.lower()) == 1 and ord(ch.lower()) < 256
)
# Latin-1 bytes -> a lowercase letter, else a space
_LATIN_LOWER = bytes(
    _LETTERS[c] if c < 128 else ord(chr(c).lower()) if chr(c) in _LATIN_LETTERS else 32
    for c in range(256)
)


def _latin_words(sample: str) -> list[str] | None:
    """What :func:`_ascii_words` gives, for a sample whose other characters beyond ASCII are
    letters of Latin-1 ('café', 'señor'): they stay in their letter runs, lowercased by a byte
    table too, where the expressions' path (``_TOKEN.findall``) costs about 400 instructions a
    character of the sample. None for any other text (a letter beyond Latin-1, a script's)."""
    for mark in _PUNCTUATION:
        if mark in sample:
            sample = sample.replace(mark, " ")
    others = set(beyond_ascii(sample))
    if not all(ch in _LATIN_LETTERS or _separates(ch) for ch in others):
        return None
    for other in others:
        if other not in _LATIN_LETTERS:
            sample = sample.replace(other, " ")
    return sample.encode("latin-1").translate(_LATIN_LOWER).decode("latin-1").split()


def _separates(ch: str) -> bool:
    """Whether ``ch`` is neither in a letter run (``_TOKEN``: not ``\\w``, which is what
    ``str.isalnum`` or '_' is) nor something ``_BEYOND_LATIN`` finds (a script's character,
    which :func:`detect_language` then counts): in Latin or in general punctuation."""
    return not ch.isalnum() and (ch <= "\u036f" or "\u2000" <= ch <= "\u206f")


@functools.cache
def _scripts() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled when first needed: a character class spanning thousands of code points takes
    milliseconds to compile, at every start-up."""
    return tuple((re.compile(f"[{chars}]"), tag) for chars, tag in _SCRIPT_RANGES)
