"""Reported speech on constructions the rules missed (hB's round): each on a passage written for
these tests, with the false alarms each rule must not raise."""

from __future__ import annotations

import pytest

from tests.offline_found import found

LEAD = "The levee vote was held in Maple County on Monday. "


def by_rule(text: str, rule: str) -> list[tuple[str, str, str]]:
    """(speaker, cue, content) of the attributions ``rule`` finds."""
    return [(speaker, cue, content) for r, speaker, cue, content in found(LEAD + text) if r == rule]


# the passive of a verb of saying or judging: the subject is what the agent said or judged
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The levee plan was endorsed by the Maple Farmers Union on Tuesday.",
            "Maple Farmers Union",
            "The levee plan",
        ),
        (
            "The flooding of the north road was first reported by The Maple Ledger.",
            "Maple Ledger",
            "The flooding of the north road",
        ),
        (
            "For instance, calls to delay the vote were rejected by the county board.",
            "county board",
            "calls to delay the vote",
        ),
        (
            "A second levee, proposed by engineers in 2019, has been praised by Ada Quill.",
            "Ada Quill",
            "A second levee, proposed by engineers in 2019",
        ),
    ],
)
def test_passive_by(text: str, speaker: str, content: str) -> None:
    got = by_rule(text, "passive_by")
    assert len(got) == 1
    assert got[0][0].endswith(speaker)
    assert got[0][2] == content


@pytest.mark.parametrize(
    "text",
    [
        "He was praised by Ada Quill for his work.",  # a pronoun: no content to show
        "The levee was hit by a storm on Tuesday.",  # no verb of saying
        "The study was supported by the Maple Science Fund.",  # paid for, not backed
        "“Levee Blues” was written by Ada Quill in 2019.",  # a title
        "The board said the plan, which was backed by Ada Quill, would pass.",
    ],
)
def test_no_passive_by(text: str) -> None:
    assert by_rule(text, "passive_by") == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("But the toll was opposed by the Maple Farmers Union.", "the toll"),
        ("Last year, the toll was opposed by the Maple Farmers Union.", "the toll"),
        ("When the vote was called, the toll was opposed by the Maple Farmers Union.", "the toll"),
    ],
)
def test_passive_by_after_opener(text: str, content: str) -> None:
    assert [c for _, _, c in by_rule(text, "passive_by")] == [content]


def test_passive_by_in_subordinate_clause() -> None:
    text = "The board met again because the toll was opposed by the Maple Farmers Union."
    assert [c for _, _, c in by_rule(text, "passive_by")] == ["the toll"]


# a share of those polled, in figures or in words, with a verb of saying, agreeing or believing
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Twelve percent indicated that they were not sure.",
            "Twelve percent",
            "they were not sure",
        ),
        (
            "Only 40 percent of farmers agreed that the toll was fair.",
            "40 percent of farmers",
            "the toll was fair",
        ),
        (
            "Thirty-five percent believe the levee is too low.",
            "Thirty-five percent",
            "the levee is too low",
        ),
    ],
)
def test_share_of_those_polled(text: str, speaker: str, content: str) -> None:
    assert by_rule(text, "subject_cue_clause") == [
        (speaker, by_rule(text, "subject_cue_clause")[0][1], content)
    ]


def test_share_that_is_no_answer() -> None:
    assert (
        by_rule("About 12 percent showed signs of fatigue after the vote.", "subject_cue_clause")
        == []
    )


# a second subject and its cue after a joint: two statements, the first cut at the joint
@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Only 52 percent agreed that Ms. Dunmore is “fit to serve,” while 73 percent said"
            " the same of Mr. Holt.",
            "Ms. Dunmore is “fit to serve,”",
            "the same of Mr. Holt",
        ),
        (
            "Ana Ruiz said the levee would hold, but the county engineer said it would fail.",
            "the levee would hold",
            "it would fail",
        ),
    ],
)
def test_second_subject_after_joint(text: str, first: str, second: str) -> None:
    assert [c for _, _, c in by_rule(text, "subject_cue_clause")] == [first, second]


# a participle after a cue and its circumstance: 'said in a statement, adding that …'
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "“It was a mistake,” Ana Ruiz said in a statement, adding that the toll was unfair.",
            "the toll was unfair",
        ),
        (
            "“The levee held,” Tom Berg said in June 2019, citing the new pumps on the north wall.",
            "the new pumps on the north wall",
        ),
        ("“It held,” Tom Berg said Tuesday, noting that the pumps were new.", "the pumps were new"),
    ],
)
def test_participle_after_cue_and_circumstance(text: str, content: str) -> None:
    assert [c for _, _, c in by_rule(text, "coordinated_cue")] == [content]


def test_cue_cut_to_when_is_no_statement() -> None:
    got = found(LEAD + "Ana Ruiz said on Monday, adding that the toll would end soon.")
    assert [(r, c) for r, _, _, c in got] == [("coordinated_cue", "the toll would end soon")]


# a participle of saying after an act in an irregular past: the act's subject says it
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Tom Berg spoke at the county fair, saying the levee would hold.", "the levee would hold"),
        ("Ana Ruiz went on the radio, arguing that the toll was unfair.", "the toll was unfair"),
    ],
)
def test_participle_after_irregular_past(text: str, content: str) -> None:
    assert [c for _, _, c in by_rule(text, "participle_clause")] == [content]


def test_told_then_participle_is_the_participles_statement() -> None:
    text = "“I am hooked,” Tom Berg, 27, told the Gazette, adding that he had been there twice."
    got = [(cue, c) for r, _, cue, c in found(LEAD + text) if r == "subject_attitude_verb"]
    assert got == [("adding", "he had been there twice")]


def test_object_relative_content_ends_with_its_clause() -> None:
    text = "The levee, which the engineers claimed would hold for decades, failed on Monday."
    assert [c for _, _, c in by_rule(text, "subject_cue_clause")] == ["would hold for decades"]


# a cue in a clause that opens the sentence: what it says ends where the main clause begins
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("After the mayor said the levee would hold, the river rose.", "the levee would hold"),
        (
            "Although aides insisted that Holt would not quit, the campaign has sent him home.",
            "Holt would not quit",
        ),
        ("While Ana Ruiz says the levee is “safe,” engineers disagree.", "the levee is “safe,”"),
        (
            "When Ana Ruiz said that her son, Wil, had won, the crowd cheered.",
            "her son, Wil, had won",
        ),
    ],
)
def test_content_of_opening_clause(text: str, content: str) -> None:
    assert [c for _, _, _, c in found(LEAD + text)] == [content]


def test_showed_up_is_no_finding() -> None:
    assert found(LEAD + "The real Tom Berg showed up at the county fair.") == []
