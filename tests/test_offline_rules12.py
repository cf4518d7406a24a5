"""Reported speech of the offline engine, rules-12: constructions of general news prose, each on a
passage written for these tests, with the readings each rule must keep."""

from __future__ import annotations

import pytest

from summarizer.engines.offline.attribution import Attributor
from tests.offline_found import found

LEAD = "The levee vote was held in Maple County on Monday. "


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


# -- a verb of going on before the cue's infinitive --------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The mayor continues to insist that the levee is safe.",
            "The mayor",
            "the levee is safe",
        ),
        (
            "Tom Berg went on to explain that the pumps had never been tested.",
            "Tom Berg",
            "the pumps had never been tested",
        ),
        (
            "Ada Quill began to argue that the levee was a waste of money.",
            "Ada Quill",
            "the levee was a waste of money",
        ),
    ],
)
def test_a_cue_after_a_verb_of_going_on_is_the_subjects(
    text: str, speaker: str, content: str
) -> None:
    got = found(LEAD + text)
    assert [(s, c) for _, s, _, c in got] == [(speaker, content)]


def test_an_infinitive_after_to_is_still_no_cue_without_a_verb_of_going_on() -> None:
    # 'to' before a cue word still makes it no cue of its own ('a plan to claim the land')
    got = found(LEAD + "Tom Berg has a plan to claim that the levee is his.")
    assert not [c for _, _, cue, c in got if cue == "claim"]


# -- a description between dashes after the subject ---------------------------------------------


def test_a_description_between_dashes_leaves_the_subject_before_it() -> None:
    text = (
        LEAD + "Berg -- co-author of The Long Levee, a book about the county -- said the plan "
        "would fail within a decade."
    )
    got = found(text)
    assert [(s, c) for _, s, _, c in got] == [("Berg", "the plan would fail within a decade")]
    text = (
        LEAD
        + "Maple Media — the company that owns the county paper — told the board it would sell."
    )
    assert [(s, cue, c) for _, s, cue, c in found(text)] == [
        ("Maple Media", "told the board", "it would sell")
    ]


# -- a verb inside a quotation in double apostrophes ---------------------------------------------


def test_a_content_that_closes_a_quotation_in_double_apostrophes_is_inside_it() -> None:
    from summarizer.engines.offline.reported import _inside_quotation

    text = "''For the farmers it was a long wait. It's a levee they never thought they'd see.'' Ada"
    start = text.index("they'd")
    assert _inside_quotation(text, start, text.index(" Ada"))  # the closing marks inside it
    # a quotation in single marks whose last closes on a double one is no such content
    text = "Ruiz said the county was 'close to the end' and called the pumps 'useless.'' The"
    start = text.index("the county")
    assert not _inside_quotation(text, start, text.index(" The"))


# -- a surname after a description: the person so named -----------------------------------------


def test_a_described_surname_is_the_person_the_article_names() -> None:
    text = (
        "Ada Quill beat Tom Berg 6-2, 6-3 in the final on Sunday. “I served better today than "
        "in any match this year,” the 14th-ranked Quill said. “It was hard,” the veteran Berg said."
    )
    speakers = [q.speaker for q in Attributor(text).quotes()]
    assert speakers == ["Ada Quill", "Tom Berg"]
    # a description without a name the article gives stays as written
    text = "“It was hard,” the veteran Lutz said after the final on Sunday."
    assert [q.speaker for q in Attributor(text).quotes()] == ["the veteran Lutz"]


# -- 'by saying …': how the subject did what it did ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            "Tom Berg ended the debate by saying the levee would hold for a decade.",
            "Tom Berg",
            "saying",
            "the levee would hold for a decade",
        ),
        (
            "Ada Quill courted farmers by telling them that the levee would save their land.",
            "Ada Quill",
            "telling",
            "the levee would save their land",
        ),
    ],
)
def test_a_participle_after_by_says_what_the_subject_said(
    text: str, speaker: str, cue: str, content: str
) -> None:
    assert [(s, c, t) for _, s, c, t in found(LEAD + text)] == [(speaker, cue, content)]


def test_a_participle_after_by_that_is_no_saying_is_no_cue() -> None:
    assert not found(LEAD + "The plan was passed by voting on it twice in one night.")


# -- a subject after an adverb and a subordinator ------------------------------------------------


def test_the_subject_of_a_clause_after_shortly_after_is_the_speaker() -> None:
    text = (
        LEAD + "The county board met on Friday afternoon, shortly after the mayor said he would "
        "sign the levee contract."
    )
    assert [(s, c) for _, s, _, c in found(text)] == [
        ("the mayor", "he would sign the levee contract")
    ]


# -- a share of those polled as a subject --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Another 23 percent said they had no view on either plan.",
            "Another 23 percent",
            "they had no view on either plan",
        ),
        (
            "About 40 percent of farmers said the levee was too expensive.",
            "About 40 percent of farmers",
            "the levee was too expensive",
        ),
    ],
)
def test_a_share_of_those_polled_says_what_follows(text: str, speaker: str, content: str) -> None:
    assert [(s, c) for _, s, _, c in found(LEAD + text)] == [(speaker, content)]


def test_a_number_before_a_verb_of_saying_is_still_no_speaker() -> None:
    assert not found(LEAD + "In the five states said to be at risk, the levee is old.")


# -- where a closing cue was said, then another clause ---------------------------------------------


def test_where_it_was_said_then_another_clause_is_no_content() -> None:
    text = (
        LEAD + "The upper third paid 7.4 percent, the agency said in a March memo, and the "
        "lowest third paid 1.1 percent."
    )
    assert [(r, c) for r, _, _, c in found(text)] == [
        ("clause_then_cue", "The upper third paid 7.4 percent")
    ]
    # (a 'that' after the times still opens what was said)
    text = LEAD + "Tom Berg said on Monday, and again on Friday, that the levee would hold."
    assert [c for *_, c in found(text)] == [
        "on Monday, and again on Friday, that the levee would hold"
    ]
