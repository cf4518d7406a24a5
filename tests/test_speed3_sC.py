"""The shortcuts of the third speed round (helper sC), each compared with the full check it
stands for, on invented and random inputs."""

from __future__ import annotations

from summarizer.engines.offline import questions
from summarizer.text import language
from summarizer.text.language import detect_language
from tests.randomtext import random_strings
from tests.test_fast_paths_text import _plain_language


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


_FIGURE_PIECES = (
    *("$", "$ ", "1", "24", "3.5", "1,200", "0.", ",", ".", " ", "  ", "\n", "\u00a0", "\x1c"),
    *("percent", "percentage", "%", "million", "billion", "trillion", "illion", "m", "bn"),
    *("tn", "illions", "a", "x1", "_", "-", "’", "é", "²", "(", "of", "voters", "tr", "mill"),
    *("٣", "３", "\u2009", "٫"),  # digits beyond ASCII (Arabic-Indic, fullwidth), a thin space
)
# fewer pieces: a number and a unit side by side more often
_NUMBER_PIECES = ("$", "1", "2", ",", ".", " ", "%", "percent", "million", "trillion", "a", "٣")


def test_figures_are_the_expressions_matches() -> None:
    invented = [
        "Sales rose 24 percent to $4 million, or 12% of 3.5 billion; 1,200.5 trillion.",
        "In 2019, 3,4 percent and 5.5.5 % and x5 percent and .5 million and _7 billion.",
        "$ 5bn, $9.99m, $1 tn, 40\u00a0percent, 7\n%, 8  million, 9 millions, 10 trillions",
        "percent 5 % 1 illion 2 tr illion 3 b illion a1 percent 2² percent 2percent",
        "",
        "5",
        "%",
        "illion",
        "1 million",
        "٣ percent, ３٣ million, x٣ percent, ２.５% and $٣ billion",
    ]
    randoms = random_strings(_FIGURE_PIECES, 3000, seed=31)
    randoms += random_strings(_NUMBER_PIECES, 3000, seed=32)
    for text in invented + randoms:
        assert _spans(questions._figures(text)) == _spans(questions._FIGURE.finditer(text)), text


def test_language_scores_packed_as_counted_one_by_one() -> None:
    """The languages' scores, packed in one integer, as counted one by one (by
    ``_plain_language``, which also takes the expressions' path)."""
    stopwords = sorted(language._ANY_STOPWORD)
    pieces = [*(f"{w} " for w in stopwords), "news ", "Zeit ", "casa ", "a ", "de ", ". ", "x"]
    texts = random_strings(pieces, 3000, seed=41)
    texts += random_strings([*stopwords, " ", " ", "  ", "plan"], 2000, seed=42)
    texts += ["a " * 1500, "de " * 1600, "the " * 750 + "la " * 750, "", "   ", "é"]
    texts += ["le la " * 300, "de la " * 300, "de het " * 300, "die der das " * 200]
    for text in texts:
        assert detect_language(text) == _plain_language(text), text
    assert detect_language("a " * 1500) in ("fr", "it", "pt")
