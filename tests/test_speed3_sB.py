"""Shortcuts of the third speed round in reported speech, each compared with the full check it
stands for, on invented and random inputs."""

from __future__ import annotations

import random

from summarizer.engines.offline import reported
from summarizer.text.words import Words
from tests.randomtext import random_strings

# pieces of sentences that end with a closing cue, and their near misses: a comma inside a
# closing quote mark ('“…,” Lee said'), apostrophes, spaces of every kind after a comma
_PIECES = ["The levee will hold", "It rained", " ", ",", ", ", ",” ", ',"', ",'' ", ",’’ "]
_PIECES += [",’’", ",''", ",\u00a0", ",\x1c", ",\u2009", ",'", "''", "’’", "”", "“", "\n", "x"]
_PIECES += ["said", "says", "told Reuters", "Lee", "the mayor", "Ana Ruiz, a lawyer,", "found"]
_PIECES += ["has ", " said", " the mayor said", " said Lee", ".", "saidx", " on Monday"]


def _closing_cue_matches(text: str, s: int, e: int) -> bool:
    sentence = text[s:e].rstrip()
    return bool(
        reported._CLOSING_CUE.search(sentence) or reported._CLOSING_CUE_INVERTED.search(sentence)
    )


def test_a_closing_cue_matches_only_after_a_comma_then_a_space() -> None:
    rng = random.Random(31)
    texts = random_strings(_PIECES, 4000, 31)
    texts += [
        "“It will hold,” Lee said.",
        "“It will hold,” Lee said, “and more.”",
        "''It will hold,'' Lee said.",
        "It will hold,’’ the mayor said.",
        "It will hold,\u00a0the mayor said.",
    ]
    matched = skipped = 0
    for text in texts:
        closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
        spans = [(0, len(text))]
        for _ in range(6):
            s = rng.randint(0, len(text))
            spans.append((s, rng.randint(s, len(text))))
        for s, e in spans:
            if _closing_cue_matches(text, s, e):
                matched += 1
                assert closing.after_comma(s, e), (text, s, e)
            elif closing.between(s, e) and text.find(",", s, e) >= 0:
                skipped += not closing.after_comma(s, e)
    assert matched > 300 and skipped > 300  # (closing cues, and commas that open none)


def test_a_comma_inside_a_closing_quote_mark_opens_no_closing_cue() -> None:
    text = "“It will hold,” Lee said. It will hold, Lee said."
    closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
    first = text.index(" It")
    assert closing.between(0, first) and not closing.after_comma(0, first)
    assert closing.after_comma(first, len(text))
