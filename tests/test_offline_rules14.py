"""The offline engine's stances and reported speech, rules-14: constructions found reading the
stances of news the rules were not developed on, each on a passage written for these tests,
with the readings each rule must keep."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.engine import summarize_offline
from summarizer.engines.offline.reported import attributions

LEAD = "The ferry strike entered its third week in Port Elm on Monday. "


def found(text: str) -> list[tuple[str, str, str]]:
    """(speaker, cue, content) of every attribution."""
    return [
        (a.speaker, text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]])
        for a in attributions(Attributor(text))
    ]


# -- 'maintains' keeps a thing; a view is 'maintains that …' or a clause -------------------------


def test_maintaining_a_thing_is_no_statement() -> None:
    got = found(LEAD + "The ministry maintains existing quotas on imported fuel for later talks.")
    assert not [c for _, cue, c in got if cue == "maintains"]
    got = found(LEAD + "Ivan Petrov maintained close ties with the harbour board for years.")
    assert not [c for _, cue, c in got if cue == "maintained"]


def test_maintaining_a_view_stays() -> None:
    got = found(LEAD + "The ministry maintains that the quotas on imported fuel are fair.")
    assert [(s, c) for s, cue, c in got if cue == "maintains"] == [
        ("The ministry", "the quotas on imported fuel are fair")
    ]
    got = found(LEAD + "Ivan Petrov maintains the quotas on imported fuel are unfair.")
    assert [(s, c) for s, cue, c in got if cue == "maintains"] == [
        ("Ivan Petrov", "the quotas on imported fuel are unfair")
    ]
    got = found(LEAD + "Ivan Petrov has always maintained his innocence in the fraud case.")
    assert [c for _, cue, c in got if cue == "maintained"] == ["his innocence in the fraud case"]


# -- a relative 'that' on the cue's object is not what was said ---------------------------------


def test_a_relative_clause_on_the_object_is_not_the_content() -> None:
    got = found(
        LEAD + "The Harbour Gazette reported details of the new timetable that starts in March."
    )
    assert [(s, c) for s, cue, c in got if cue == "reported"] == [
        ("The Harbour Gazette", "details of the new timetable that starts in March")
    ]
    got = found(
        LEAD + "Nora Vance said in a statement that was posted online the strike would end soon."
    )
    assert not [c for _, cue, c in got if cue == "said" and c.startswith("was posted")]


def test_a_that_clause_after_a_circumstance_stays() -> None:
    got = found(LEAD + "Nora Vance said in a statement on Monday that the strike would end soon.")
    assert [(s, c) for s, cue, c in got if cue == "said"] == [
        ("Nora Vance", "the strike would end soon")
    ]
    got = found(LEAD + "The Harbour Gazette reported on its website that crews return Monday.")
    assert [c for _, cue, c in got if cue == "reported"] == ["crews return Monday"]


# -- a stance's topic is no verb after an auxiliary ---------------------------------------------


def test_a_verb_after_an_auxiliary_is_no_topic() -> None:
    text = (
        "Dock workers did settle on Friday, and the owners will settle too. "
        "The decision to settle came late. Nobody wanted to settle before the vote, and the "
        "ferry owners waited. "
        "Nora Vance, a union steward, said the deal was fair to the ferry crews."
    )
    summary = summarize_offline(text, input_name="t")
    assert summary.stances
    assert all(s.topic != "settle" for s in summary.stances)
