"""Which language an article is in, roughly: by script, then by common function words.

Enough to label a summary (BCP-47: ``en``, ``de``, ``und-Cyrl``...) and to warn that the
offline engine's rules are written for English. Not a general language identifier.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

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
    tokens = _TOKEN.findall(sample)
    letters = sum(map(len, tokens)) or 1
    if _BEYOND_LATIN.search(sample):
        for pattern, tag in _scripts():
            if len(pattern.findall(sample)) / letters > 0.2:
                return tag
    if not tokens:
        return "und"
    counts = Counter(filter(_ANY_STOPWORD.__contains__, map(str.lower, tokens)))
    scores = {lang: sum(map(counts.__getitem__, words)) for lang, words in _WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] / len(tokens) >= 0.08 else "und"


@functools.cache
def _scripts() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled when first needed: a character class spanning thousands of code points takes
    milliseconds to compile, at every start-up."""
    return tuple((re.compile(f"[{chars}]"), tag) for chars, tag in _SCRIPT_RANGES)
