"""Rules-16: each rule on a passage of our own (written for a construction, never for an eval
article); each test fails on the rules before it."""

from __future__ import annotations

import pytest

from .offline_found import found


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ("Ferry fares rose by a fifth last winter, a Gazette analysis of harbor records shows.",
         "a Gazette analysis of harbor records", "shows"),
        ("Ferry fares rose by a fifth last winter, two surveys have shown.",
         "two surveys", "shown"),
        ("Ferry fares rose by a fifth last winter, the audit found.", "the audit", "found"),
        ("Ferry fares rose by a fifth last winter, the audit found last month.", "the audit",
         "found"),
        ("Ferry fares rose by a fifth last winter, the port authority announced on Friday.",
         "the port authority", "announced"),
        ("Ferry fares rose by a fifth last winter, the company conceded.", "the company",
         "conceded"),
        ("Ferry fares rose by a fifth last winter, the company’s chairman maintains.",
         "the company’s chairman", "maintains"),
    ],
)  # fmt: skip
def test_a_finding_closed_by_its_source(sentence: str, speaker: str, cue: str) -> None:
    """A cue that closes a statement is also what a study found or showed, what a body announced
    or estimated, what someone conceded or maintains: the clause before it is what they said."""
    assert ("clause_then_cue", speaker, cue, "Ferry fares rose by a fifth last winter") in found(
        sentence
    )


def test_a_closing_verb_with_an_object_closes_nothing() -> None:
    """A verb of a finding closes what precedes it only when no object follows it: 'found
    cracks in the pier' is the inspectors' act, and 'After the storm' nothing they said."""
    text = (
        "After the storm, the inspectors found cracks in the pier. "
        "The pier needs new piles, the inspectors concluded on Monday."
    )
    closing = [(speaker, cue, content) for rule, speaker, cue, content in found(text)
               if rule == "clause_then_cue"]  # fmt: skip
    assert closing == [("the inspectors", "concluded", "The pier needs new piles")]


def test_the_owners_role_is_not_the_owner() -> None:
    """'the senator’s former doctor' is not the senator, named near the word 'doctor'."""
    text = (
        "Senator Ruth Abara, a doctor before she ran for office, spoke in Dayton on Monday.\n\n"
        "The senator’s health is sound, the senator’s former doctor said on Tuesday."
    )
    speakers = [speaker for _, speaker, cue, _ in found(text) if cue == "said"]
    assert speakers == ["the senator’s former doctor"]


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue", "content"),
    [
        ("Citing rising insurance costs, the city council canceled the river festival.",
         "the city council", "Citing", "rising insurance costs"),
        ("Arguing that the levy would hurt small farms, Senator Ines Marr voted against it.",
         "Ines Marr", "Arguing", "the levy would hurt small farms"),
        ("Citing a new flood survey, Ines Marr said the bridge must close.", "Ines Marr",
         "Citing", "a new flood survey"),
    ],
)  # fmt: skip
def test_a_participle_of_saying_that_opens_the_sentence(
    sentence: str, speaker: str, cue: str, content: str
) -> None:
    """A participle of saying opens the sentence: the subject after its comma cites, argues or
    praises what the participle's phrase holds (and that phrase is no statement a closing
    'said' ends)."""
    hits = found(sentence)
    assert ("participle_clause", speaker, cue, content) in hits
    assert not [h for h in hits if h[0] == "clause_then_cue"]


def test_a_finding_does_not_close_what_someone_said() -> None:
    """'Lee said …, the report found': the clause before the closing verb is Lee's statement
    (Lee's attribution), not what the report found."""
    text = "Ivo Lee said the gate was open when the van left, the report found."
    assert [(rule, speaker, cue) for rule, speaker, cue, _ in found(text)] == [
        ("subject_cue_clause", "Ivo Lee", "said")
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Courier’s weekly average shows the mayor ahead by three points.",
         "The Courier’s weekly average"),
        ("A recording of the call shows that the mayor knew about the leak.",
         "A recording of the call"),
    ],
)  # fmt: skip
def test_what_measures_or_records_shows(sentence: str, speaker: str) -> None:
    """An average, a tally, footage or a recording shows what follows, as a poll or a report
    does (the recording's, not the mayor's 'knew about the leak')."""
    assert [(rule, who, cue) for rule, who, cue, _ in found(sentence)] == [
        ("subject_cue_clause", speaker, "shows")
    ]
