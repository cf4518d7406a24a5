"""Reported speech of the offline engine, rules-12: constructions of general news prose, each on a
passage written for these tests, with the readings each rule must keep."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.reported import attributions

LEAD = "The levee vote was held in Maple County on Monday. "


def found(text: str) -> list[tuple[str, str, str, str]]:
    """(rule, speaker, cue, content) of every attribution, offsets checked."""
    out = []
    for a in attributions(Attributor(text)):
        assert a.content[0] < a.content[1] <= len(text)
        cue, content = text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]]
        out.append((a.rule or "", a.speaker, cue, content))
    return out


# -- where or when before the subject, the verb's object after it -------------------------------


def test_an_opening_phrase_before_a_verb_and_its_object_is_no_statement() -> None:
    got = found(
        LEAD + "In an essay for the county paper last week, Ada Quill acknowledged the flood risk."
    )
    assert [content for *_, content in got] == ["the flood risk"]
    got = found(LEAD + "In his 2019 memoir, The Long Levee, Tom Berg noted its cracks.")
    assert [content for *_, content in got] == ["its cracks"]


def test_a_statement_before_a_closing_cue_and_where_it_was_said_stays() -> None:
    got = found(LEAD + "In May, the levee failed twice, Ada Quill said in a statement.")
    assert ("clause_then_cue", "Ada Quill", "said", "In May, the levee failed twice") in got
    got = found(LEAD + "The levee failed twice in May, Ada Quill told the county board.")
    assert [(rule, content) for rule, _, _, content in got] == [
        ("clause_then_cue", "The levee failed twice in May")
    ]
