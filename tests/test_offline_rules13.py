"""Reported speech and speakers of the offline engine, rules-13: constructions of general news
prose found on news the rules were not developed on, each on a passage written for these tests,
with the readings each rule must keep."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.reported import attributions

LEAD = "The ferry strike entered its third week in Port Elm on Monday. "


def found(text: str) -> list[tuple[str, str, str, str]]:
    """(rule, speaker, cue, content) of every attribution, offsets checked."""
    out = []
    for a in attributions(Attributor(text)):
        assert a.content[0] < a.content[1] <= len(text)
        cue, content = text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]]
        out.append((a.rule or "", a.speaker, cue, content))
    return out


def quotes(text: str) -> list[tuple[str, str]]:
    """(speaker, quoted words) of every quote."""
    return [(q.speaker, text[q.start : q.end]) for q in Attributor(text).quotes()]


# -- whom someone spoke to is not what they said ------------------------------------------------


def test_speaking_to_or_with_someone_is_no_statement() -> None:
    got = found(
        LEAD + "The last time Nora Vance spoke with her brother, the ferry was still running. "
        "The next time she spoke with him, the port had closed."
    )
    assert not [c for _, _, cue, c in got if cue == "spoke"]
    got = found(LEAD + "Ivan Petrov spoke to dock workers at the gate on Tuesday.")
    assert not [c for _, _, cue, c in got if cue == "spoke"]


def test_speaking_of_or_out_against_something_stays() -> None:
    got = found(LEAD + "Ivan Petrov spoke out against the new shift rota at the meeting.")
    assert [(s, c) for _, s, cue, c in got if cue == "spoke"] == [
        ("Ivan Petrov", "out against the new shift rota at the meeting")
    ]


def test_a_participle_after_speaking_to_someone_is_the_speakers() -> None:
    got = found(
        LEAD + "On Friday, however, Ivan Petrov spoke to a crowd of dock workers, promising to "
        "restore the night shifts."
    )
    assert [(s, c) for _, s, _, c in got] == [("Ivan Petrov", "to restore the night shifts")]
