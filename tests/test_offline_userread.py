"""Reported speech of the offline engine: constructions found by reading its output on real web
pages as a user does (a relative clause's closing comma, 'via' a relay, a reply that says
nothing), each on a passage written for these tests, with what the rule must keep."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor, _after_glued_word
from summarizer.engines.offline.reported import attributions

LEAD = "The levee vote was held in Maple County on Monday.\n\n"


def contents(text: str) -> dict[str, tuple[str, str]]:
    """content -> (speaker, cue) of every attribution, offsets checked."""
    out = {}
    for a in attributions(Attributor(text)):
        assert 0 <= a.content[0] < a.content[1] <= len(text)
        out[text[a.content[0] : a.content[1]]] = (a.speaker, text[a.cue[0] : a.cue[1]])
    return out


def test_a_relative_clause_ends_at_the_comma_before_its_main_verb() -> None:
    got = contents(
        LEAD + "Dana Whitfield, who lobbied for the county to close the levee road last week, "
        "did not attend the vote."
    )
    assert got == {
        "for the county to close the levee road last week": ("Dana Whitfield", "lobbied")
    }
    # the same with 'said' as the main verb: the relative clause ends there too
    got = contents(
        LEAD + "Dana Whitfield, who opposed the plan from the start, said the pumps were too old."
    )
    assert got["the plan from the start"] == ("Dana Whitfield", "opposed")
    assert got["the pumps were too old"] == ("Dana Whitfield", "said")
    # a comma inside the clause that no finite verb follows does not end it
    got = contents(
        LEAD + "Dana Whitfield, who argued that the road, the bridge and the pumps needed "
        "repairs, did not attend the vote."
    )
    assert "the road, the bridge and the pumps needed repairs" in got


def test_via_names_a_relay_not_what_was_said() -> None:
    got = contents(
        LEAD + '"We have to do better," Whitfield said, via a reporter of the Maple Ledger. '
        '"That is the whole story."'
    )
    assert all(not content.startswith("via") for content in got)
    assert [speaker for speaker, _ in got.values()] == ["Whitfield"]


def test_a_reply_that_was_not_given_is_no_claim() -> None:
    for reply in ("did not offer a response", "offered no comment", "gave no explanation"):
        got = contents(LEAD + f"Dana Whitfield {reply} when asked about the road closure.")
        assert got == {}, reply
    # an offer of something else is still a position
    got = contents(LEAD + "Dana Whitfield offered a plan to reopen the levee road by June.")
    assert got == {"a plan to reopen the levee road by June": ("Dana Whitfield", "offered")}


def test_a_relative_clause_without_that_describes_the_subject_and_says_nothing() -> None:
    # 'The answers Ruiz gave … were …': the sentence's verb follows, not what Ruiz said
    spoken = '"The road is safe," Dana Whitfield said on Monday. '
    for sentence in (
        "The answers Dana Whitfield gave to the county board were full of contradictions.",
        "The report Dana Whitfield published found that the pumps had failed.",
        "A company Dana Whitfield controlled also sold the county its pumps.",
        "The reason she resigned has been attributed to the flood.",
    ):
        got = contents(LEAD + spoken + sentence)
        assert [content for content in got if content in sentence] == [], sentence
    # a title or an occupation before a name is the name's, and what follows is what was said
    for sentence in (
        "The plumber Ana Ruiz said the road was closed.",
        "The mayor Ana Ruiz said the road was closed.",
        "In the letter Ana Ruiz said the road was closed.",
    ):
        got = contents(LEAD + sentence)
        assert got["the road was closed"] == ("Ana Ruiz", "said"), sentence
    # … and so is an infinitive, or an adjective
    for sentence, content in (
        ("The plumber Ana Ruiz wants to close the road.", "to close the road"),
        ("The plumber Ana Ruiz wants increased funding.", "increased funding"),
    ):
        assert contents(LEAD + sentence).get(content, ("", ""))[0] == "Ana Ruiz", sentence


def test_a_word_glued_to_a_lost_line_is_not_part_of_the_speaker() -> None:
    # a page's text with a line break lost: 'Read more in other news' + 'She said …'
    text = (
        LEAD + "The coroner, Dr Ana Ruiz, heard the case on Monday.\n\n"
        "Read more in other newsShe said the car had stolen plates and did not brake."
    )
    speakers = {speaker for speaker, _ in contents(text).values()}
    assert speakers == {"Ana Ruiz"}
    glued = ["linkA", "review", "for", "the", "board"]
    assert _after_glued_word(glued) == ["A", *glued[1:]]
    # a name written with a lower-case particle, or a brand, is left whole
    assert _after_glued_word(["deGrom"]) == ["deGrom"]
    assert _after_glued_word(["Jacob", "deGrom"]) == ["Jacob", "deGrom"]
    assert _after_glued_word(["iPhone", "users"]) == ["iPhone", "users"]


def test_someones_aides_are_people_the_article_does_not_name() -> None:
    text = LEAD + "Ana Ruiz lost the vote. Ruiz's supporters said the count was wrong."
    attributor = Attributor(text)
    at = text.index("Ruiz's supporters")
    assert attributor.resolve("Ruiz's supporters", at) == ("Ruiz's supporters", "anonymous")
    # a body of someone's is still a body, and a description of one person still names them
    assert attributor.resolve("Ruiz's campaign", at)[1] == "organization"
    assert attributor.resolve("Ruiz's former campaign manager", at)[1] == "named"
