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


# -- what follows a verb after ', and' is another clause ----------------------------------------


def test_a_clause_after_the_verb_of_a_relative_is_not_its_object() -> None:
    text = (
        LEAD + "The plan would amount to an amnesty for the crews, which the ministry now "
        "rejects, and strain the port's housing budget."
    )
    assert not [c for _, cue, c in found(text) if cue == "rejects"]
    summary = summarize_offline(text, input_name="t")
    assert all("strain" not in s.topic and s.stance == "unclear" for s in summary.stances)


def test_a_verb_that_states_a_stance_keeps_its_object() -> None:
    text = LEAD + "The ministry rejects the union's claims about the night shifts."
    summary = summarize_offline(text, input_name="t")
    assert [(s.stance, s.topic) for s in summary.stances] == [
        ("opposes", "the union's claims about the night shifts")
    ]


def test_a_stated_stance_ends_before_while() -> None:
    text = (
        LEAD + "On Tuesday the mayor, Nora Vance, defended the harbour budget whilst promising "
        "a review of the night shifts by the end of the month."
    )
    summary = summarize_offline(text, input_name="t")
    assert [(s.actor, s.stance, s.topic) for s in summary.stances] == [
        ("Nora Vance", "supports", "the harbour budget")
    ]


# -- a description is no name -------------------------------------------------------------------


def test_a_description_is_described_not_named() -> None:
    text = (
        LEAD + "The union said the talks had failed. Nora Vance said the crews would stay out. "
        "The researchers said the port would stay open. His family said he was safe."
    )
    roles = {s.actor: s.role for s in summarize_offline(text, input_name="t").stances}
    assert roles == {
        "The union": "organization",
        "Nora Vance": "named in the article",
        "The researchers": "described in the article",
        "His family": "described in the article",
    }


# -- an open question's figure -----------------------------------------------------------------


def test_a_figure_asked_about_has_no_trailing_comma() -> None:
    text = (
        "The new ferry goes on sale this spring. It will cost $52,000, not including the "
        "harbour fee, and seats 40 passengers."
    )
    asked = [q.question for q in summarize_offline(text, input_name="t").open_questions]
    assert asked == ["Where does the figure “$52,000” come from?"]


# -- a position is no fragment that opens with its verb -----------------------------------------


def test_a_content_opening_with_its_verb_is_not_the_position() -> None:
    text = (
        LEAD + "The new engine, which the Harbour Board claims is a fifth cheaper to run, will "
        "arrive in May. The Harbour Board said the ferries would be back in service by June."
    )
    positions = {s.actor: s.position for s in summarize_offline(text, input_name="t").stances}
    assert positions == {"Harbour Board": "the ferries would be back in service by June"}


# -- another person of a list is no role --------------------------------------------------------


def test_another_person_of_a_list_is_no_role() -> None:
    text = (
        LEAD + "The likes of skipper Nora Vance, deckhand Ivan Petrov, Omar Berg and Lena Holt "
        "all sailed. Nora Vance said the crews would not sail before the vote."
    )
    roles = {s.actor: s.role for s in summarize_offline(text, input_name="t").stances}
    assert roles["Nora Vance"] != "deckhand Ivan Petrov"
    assert roles["Nora Vance"] in ("skipper", "named in the article")


def test_an_appositive_role_with_an_organization_stays() -> None:
    text = (
        LEAD + "Nora Vance, director of Harbour Workers United, said the crews would not sail "
        "before the vote."
    )
    roles = {s.actor: s.role for s in summarize_offline(text, input_name="t").stances}
    assert roles == {"Nora Vance": "director of Harbour Workers United"}


# -- a position keeps its negation --------------------------------------------------------------


def test_a_position_from_the_verb_keeps_its_negation() -> None:
    text = (
        LEAD
        + "The harbour master's office didn't immediately respond to the Gazette's request for "
        "comment."
    )
    # (rules-15: an answer not given is no position at all)
    assert not summarize_offline(text, input_name="t").stances
    text = LEAD + "Nora Vance did not support the plan to close the harbour at night."
    positions = [s.position for s in summarize_offline(text, input_name="t").stances]
    assert positions == ["did not support the plan to close the harbour at night"]


# -- a demonstrative 'that' after a cue is part of what was said --------------------------------


def test_a_demonstrative_that_after_the_cue_is_the_contents_subject() -> None:
    got = found(LEAD + "Nora Vance said that was not what crews voted for.")
    assert [c for _, cue, c in got if cue == "said"] == ["that was not what crews voted for"]
    got = found(LEAD + "Nora Vance said that the crews had voted for the strike.")
    assert [c for _, cue, c in got if cue == "said"] == ["the crews had voted for the strike"]


def test_a_demonstrative_and_a_verb_alone_is_no_position() -> None:
    text = LEAD + "Few dock workers believe that is likely."
    assert not summarize_offline(text, input_name="t").stances


def test_that_before_a_time_is_a_determiner() -> None:
    got = found(LEAD + "Nora Vance wrote dozens of letters that winter and sent them to the board.")
    assert not [c for _, cue, c in got if c.startswith("winter")]
    got = found(LEAD + "Nora Vance wrote that winter had closed the port for a month.")
    assert [c for _, cue, c in got if cue == "wrote"] == ["winter had closed the port for a month"]


# -- what one finds that is no finding ----------------------------------------------------------


def test_finding_inspiration_or_a_job_is_no_finding() -> None:
    got = found(LEAD + "Nora Vance found inspiration for her songs in the harbour.")
    assert not [c for _, cue, c in got if cue == "found"]
    got = found(LEAD + "Ivan Petrov found a job at the port after the strike.")
    assert not [c for _, cue, c in got if cue == "found"]


def test_a_finding_stays() -> None:
    got = found(LEAD + "The audit found errors in the harbour accounts.")
    assert [c for _, cue, c in got if cue == "found"] == ["errors in the harbour accounts"]
    got = found(LEAD + "The survey found that work was scarce in the port.")
    assert [c for _, cue, c in got if cue == "found"] == ["work was scarce in the port"]
    got = found(LEAD + "The survey found work was scarce in the port.")
    assert [c for _, cue, c in got if cue == "found"] == ["work was scarce in the port"]
