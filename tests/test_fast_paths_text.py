"""The fast paths of the context and the text helpers give what the plainer code they replace
gives."""

from __future__ import annotations

from collections import Counter
from itertools import repeat

from summarizer.engines.offline.attribution import _OFFICE_BEFORE, _OFFICE_ENDS
from summarizer.text import language
from summarizer.text.language import _TOKEN, _latin_words, detect_language
from summarizer.text.wrapping import unwrap
from tests.randomtext import random_strings

_LATIN = ["café", "Ñandú", "Straße", "ÀÉÎ", "x²", "½", "µ", "ª", " ", "\u00a0", "—", "’", "é\u0301"]
_LATIN += ["a", "B", "12", "_", "-", "Ÿ", "İ", "ő", "©", "\u0303", "\u200b", "“", "Señor", "dijo"]


def test_latin_words_are_the_lowercased_letter_runs() -> None:
    for text in random_strings(_LATIN, 5000, 3):
        found = _latin_words(text)
        if found is not None:
            assert found == [w.lower() for w in _TOKEN.findall(text)], text
    assert _latin_words("Un café à Paris") == ["un", "café", "à", "paris"]
    assert _latin_words("naïve résumé, x²") == ["naïve", "résumé", "x²"]
    assert _latin_words("Łódź") is None  # a letter beyond Latin-1
    assert _latin_words("Привет") is None


def _plain_language(text: str) -> str:
    """:func:`detect_language` by the expressions alone (the path before the fast ones)."""
    sample = text[:3000]
    tokens = _TOKEN.findall(sample)
    letters = sum(map(len, tokens)) or 1
    if language._BEYOND_LATIN.search(sample):
        for pattern, tag in language._scripts():
            if len(pattern.findall(sample)) / letters > 0.2:
                return tag
    lowered = [t.lower() for t in tokens]
    if not lowered:
        return "und"
    counts = Counter(w for w in lowered if w in language._ANY_STOPWORD)
    scores = {
        lang: sum(map(counts.get, words, repeat(0))) for lang, words in language._WORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] / len(lowered) >= 0.08 else "und"


def test_language_as_by_the_expressions() -> None:
    pieces = [*_LATIN, "the ", "said ", "el ", "la ", "der ", "und ", "мир ", "日本", "ἀ", "ا"]
    texts = random_strings(pieces, 3000, 5)
    texts += ["El señor dijo que la ciudad no está lista para el plan de la semana. " * 4]
    texts += ["Le café a été fermé par la ville et les élus ne sont pas d'accord. " * 4]
    for text in texts:
        assert detect_language(text) == _plain_language(text), text
    assert detect_language(texts[-2]) == "es"
    assert detect_language(texts[-1]) == "fr"


def test_unwrapping_twice_gives_the_same_text() -> None:
    line = "The council said on Monday that the levee would hold through the storm and"
    wrapped = "\n".join([line] * 8) + " it did."
    once = unwrap(wrapped)
    assert once != wrapped
    assert unwrap(wrapped) == once  # (not the text kept as it was before)
    plain = "One paragraph.\n\nAnother one.\n\nA third.\n\nA fourth."
    assert unwrap(plain) is plain
    assert unwrap(plain) is plain


def test_office_before_a_name_ends_as_the_precheck_expects() -> None:
    pieces = ["Ambassador", " to", " of", " for", " the", " ", "U.N.", "x", "\n", "Governor"]
    for text in random_strings(pieces, 3000, 9):
        text += " "
        for start in range(1, len(text) + 1):
            if text[start - 1] != " ":
                continue
            found = _OFFICE_BEFORE.search(text, max(0, start - 40), start)
            if found is not None:
                assert text.endswith(_OFFICE_ENDS, max(0, start - 40), start), (text, start)


def test_words_counted_to_a_bound_as_when_all_are_split() -> None:
    # (what the passage tests count: more than three words, six or more)
    for text in random_strings(["Ana", " ", "  ", "\n", "\u00a0", "x", "’", "\t"], 3000, 13):
        assert (len(text.split(None, 3)) > 3) == (len(text.split()) > 3), repr(text)
        assert (len(text.split(None, 5)) >= 6) == (len(text.split()) >= 6), repr(text)
