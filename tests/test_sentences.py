"""Sentence boundaries after abbreviations written with inner periods."""

from __future__ import annotations

import pytest

from summarizer.text.sentences import sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Crowds came to highlight L.A. Auto Show organizers said on Monday.",
        "He met U.N. Secretary General Antonio Guterres on Monday.",
        "The meeting starts at 9 a.m. Tuesday in the hall.",
        "Rep. G.K. Butterfield spoke first.",
        "She read Latin with J.R.R. Quillon at Maple College.",
        "The clay model was cast by the sculptor L.M. Farrow in the 1970s.",
    ],
)
def test_a_name_after_a_dotted_abbreviation_is_not_a_new_sentence(text: str) -> None:
    assert split(text) == [text]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("He lives in the U.S. The president said so.", "He lives in the U.S."),
        ("He moved to Washington, D.C. He said it was fine.", "He moved to Washington, D.C."),
        ("Ford sold cars in the U.S. Last year it sold more.", "Ford sold cars in the U.S."),
        ("It was 5 p.m. When he came, all had left.", "It was 5 p.m."),
        ("He left the U.S. “We will be back,” he said.", "He left the U.S."),
        ("See the site www.standfor.co.nz. Names are listed.", "See the site www.standfor.co.nz."),
        ("The fair booked will.i.am. Maple has no star like him.", "The fair booked will.i.am."),
    ],
)
def test_a_dotted_abbreviation_ends_a_sentence_before_a_sentence_opener(
    text: str, first: str
) -> None:
    assert split(text) == [first, text[len(first) + 1 :]]


def test_boundaries_are_where_the_expression_finds_them_in_random_text() -> None:
    """The boundary expression is tried only at end marks followed by what can follow one:
    the same matches as scanning each paragraph with it."""
    import random

    from summarizer.text.sentences import _BOUNDARY, _boundaries, _end_marks

    rnd = random.Random(7)
    pieces = [*"aZ9 .!?…”’\"')]“‘(\n", "\u00a0", "U.S.", " He", "...", "?!"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text))
        got = [m.span() for m in _boundaries(text, _end_marks(text), lo, hi)]
        assert got == [m.span() for m in _BOUNDARY.finditer(text, lo, hi)], (text, lo, hi)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a scraper lost the space after the period: still two sentences
        (
            "Tom Berg was last seen in December 2000.A search began on Saturday.",
            ["Tom Berg was last seen in December 2000.", "A search began on Saturday."],
        ),
        (
            "It was shortlisted in 1991.Berg, who won, said so.",
            ["It was shortlisted in 1991.", "Berg, who won, said so."],
        ),
        ("He left.I stayed.", ["He left.", "I stayed."]),
        # but not inside an abbreviation or a web address
        ("The U.S.Army came at 5 p.m.Friday.", ["The U.S.Army came at 5 p.m.Friday."]),
        ("He met Mr.Berg in St.Louis.", ["He met Mr.Berg in St.Louis."]),
        ("See Amazon.Com for details.", ["See Amazon.Com for details."]),
    ],
)
def test_a_sentence_glued_to_the_next_by_a_lost_space(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_chinese_and_japanese_sentences_end_at_their_full_stops() -> None:
    text = (
        "市长今天说：“我们会修好堤坝。”居民很高兴！大家都去了吗？\n\n雨は止んだ。The rain stopped."
    )
    assert [text[s:e] for s, e in sentences(text)] == [
        "市长今天说：“我们会修好堤坝。”",
        "居民很高兴！",
        "大家都去了吗？",
        "雨は止んだ。",
        "The rain stopped.",
    ]
