"""The shortcuts of the third speed round (helper sC), each compared with the full check it
stands for, on invented and random inputs."""

from __future__ import annotations

from summarizer.engines.offline import questions
from tests.randomtext import random_strings


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
