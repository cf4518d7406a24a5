"""Reported speech of the offline engine, rules-11: constructions of general news prose, each on a
passage written for these tests, with the false alarms each rule must not raise."""

from __future__ import annotations

import pytest

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.reported import attributions

LEAD = "The levee vote was held in Maple County on Monday. "


def found(text: str) -> list[tuple[str, str, str, str, str]]:
    """(rule, speaker, source, cue, content) of every attribution, offsets checked."""
    out = []
    for a in attributions(Attributor(text)):
        assert a.content[0] < a.content[1] <= len(text)
        source = text[a.source[0] : a.source[1]] if a.source else ""
        cue, content = text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]]
        out.append((a.rule or "", a.speaker, source, cue, content))
    return out


def contents(text: str) -> dict[str, tuple[str, str]]:
    """content -> (speaker, cue)."""
    return {content: (speaker, cue) for _, speaker, _, cue, content in found(text)}


# -- a time between a subject and its cue ------------------------------------------------------


def test_a_participle_keeps_its_time_and_a_number_stays_a_quantity() -> None:
    # the time of 'published' is the report's description, not a time before the cue
    got = found(LEAD + "A report published in June found that most of the pumps had failed.")
    assert [source for _, _, source, cue, _ in got if cue == "found"] == [
        "A report published in June"
    ]
    # a number before a cue word that is no year after 'in' still makes it a noun
    assert not found(LEAD + "In all, 27 reports said little about the pumps of the levee.")


def test_finding_oneself_somewhere_is_no_finding() -> None:
    text = LEAD + "Ada Quill found herself in the news after a video of the vote spread online."
    assert not [c for _, _, _, cue, c in found(text) if cue == "found"]
    text = LEAD + "Ada Quill found that the levee had been built on sand."
    assert contents(text).get("the levee had been built on sand") == ("Ada Quill", "found")


# -- 'encouraged' as a cue, and a second cue after an auxiliary --------------------------------


def test_the_first_content_ends_before_the_joint_and_its_auxiliary() -> None:
    text = LEAD + "Ada Quill has praised the levee plan but has said she will vote against it."
    got = contents(text)
    assert got.get("the levee plan") == ("Ada Quill", "praised"), got
    text = LEAD + "Tom Berg said the levee was “a disgrace” and encouraged voters to reject it."
    assert contents(text).get("the levee was “a disgrace”") == ("Tom Berg", "said")


# -- people close to someone, unnamed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Sources close to the mayor said she would not sign the levee contract.",
            "Sources close to the mayor",
            "she would not sign the levee contract",
        ),
        (
            "Those close to him say that, besides Berg, he would put Ada Quill on the board.",
            "Those close to him",
            "besides Berg, he would put Ada Quill on the board",
        ),
        (
            "Those familiar with the talks said the county would raise the levee by a metre.",
            "Those familiar with the talks",
            "the county would raise the levee by a metre",
        ),
    ],
)
def test_people_close_to_someone_speak_unnamed(text: str, source: str, content: str) -> None:
    summary = [a for a in attributions(Attributor(LEAD + text)) if a.speaker == source]
    assert summary and summary[0].speaker_kind == "anonymous"
    assert (LEAD + text)[summary[0].content[0] : summary[0].content[1]] == content


def test_a_thing_close_to_something_said_to_be_is_nobody() -> None:
    text = LEAD + "A farm close to the levee said to be worth millions was sold on Friday."
    assert not found(text)


# -- a cue after ', and' whose first verb was none ----------------------------------------------


def test_a_subject_of_several_names_is_no_joint() -> None:
    got = found(LEAD + "Tom Berg, the mayor, and Ada Quill criticized the plan on Monday.")
    assert [rule for rule, *_ in got] == ["subject_attitude_verb"]


# -- he and she: a subject after an opening phrase, a name's honour ------------------------------


def _quote_speakers(text: str) -> dict[str, str]:
    return {text[q.start : q.end]: q.speaker for q in Attributor(text).quotes()}


def test_she_is_the_subject_after_an_opening_phrase() -> None:
    text = (
        "The county board met on Monday.\n\n"
        "Sens. Orrin Vale and Kit Moss said the levee plan was a fraud.\n\n"
        "“We will not pay for it,” Vale said. “The levee is not ours.”\n\n"
        "In a statement issued on Tuesday, council candidate Sasha Ruiz was more careful than "
        "the senators. Though she called the delay “outrageous” and asked for the money to be "
        "“paid back”, Ruiz kept her comments to the future.\n\n"
        "“If the levee cannot be repaired, it should be rebuilt.”"
    )
    got = _quote_speakers(text)
    assert got["We will not pay for it"] == "Vale"
    assert got["outrageous"] == "Sasha Ruiz", got
    assert got["If the levee cannot be repaired, it should be rebuilt."] == "Sasha Ruiz"


def test_a_list_of_names_opens_no_clause() -> None:
    text = (
        "The county board met on Monday.\n\n"
        "“We will not pay for it,” Orrin Vale said.\n\n"
        "The report cited Kit Moss, Sasha Ruiz and two others. “It is not ours,” he added."
    )
    assert _quote_speakers(text)["It is not ours"] == "Orrin Vale"


def test_a_dame_is_no_he() -> None:
    text = (
        "The choir sang in Maple Hall on Monday.\n\n"
        "“The choir was superb,” Orrin Vale said.\n\n"
        "Dame Kit Moss attended the concert. “It was a lovely night,” he added."
    )
    assert _quote_speakers(text)["It was a lovely night"] == "Orrin Vale"


# -- an inverted closing cue with a long description after it ------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "''This is not a levee plan,'' said Tom Berg, an engineer who served as director of "
            "the Maple Water Board and is now president of the River Forum, a farmers' group. "
            "''It is a wish list.''",
            "Tom Berg",
            "This is not a levee plan",
        ),
        (
            "Repairs to the pumps led to their closure for all but one week of the spring, said "
            "Ada Quill, a senior official with the water board that oversees them and a former "
            "engineer.",
            "Ada Quill",
            "Repairs to the pumps led to their closure for all but one week of the spring",
        ),
    ],
)
def test_an_inverted_cue_before_a_long_description(text: str, speaker: str, content: str) -> None:
    got = contents(LEAD + text)
    assert got.get(content) == (speaker, "said"), got


def test_a_cue_far_from_the_end_with_a_clause_after_it_is_no_closing_cue() -> None:
    text = (
        LEAD + "Tom Berg's mother, Ada Berg, said Ms Quill claimed to be a nurse when the pair "
        "of them first met at the levee, but she was in fact a singer in a band."
    )
    assert all(speaker != "Ms Quill" for _, speaker, *_ in found(text)), found(text)


# -- a closing cue after a name and its description ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "After the vote, Tom Berg, the county engineer, said, ''We will start again.''",
        "Speaking for the farmers, Tom Berg, the county engineer, said that, as the pumps failed, "
        "the fields flooded.",
        "''The floods are getting worse,'' a researcher at the institute in Maple, Ohio, and "
        "co-author of the study, said in a statement.",
    ],
)
def test_no_closing_cue_after_an_opening_phrase_or_a_place(text: str) -> None:
    got = found(LEAD + text)
    assert not any(
        content.startswith(("After the vote", "Speaking for")) or speaker == "Ohio"
        for _, speaker, _, _, content in got
    ), got


# -- a cue before a quotation: what comes before it is no statement ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "When the vote was over, the mayor said, “We will build it again.”",
        'Asked to describe the pumps that failed, Tom Berg said, "Not getting into that."',
        "Ada Quill drew cheers from the hall when, at the close of her song ''A Levee Too Far,'' "
        "she added the words, ''Vote Berg.''",
    ],
)
def test_the_narration_before_a_cue_that_opens_a_quotation_is_no_statement(text: str) -> None:
    got = found(LEAD + text)
    assert all(not content.startswith(("When", "Asked", "Ada")) for *_, content in got), got
    if "Ada" not in text:  # and the quotation is the speaker's
        said = [speaker for _, speaker, _, cue, _ in got if cue == "said"]
        assert said in (["the mayor"], ["Tom Berg"]), got


def test_a_content_ends_before_another_speaker_s_cue_and_quotation() -> None:
    text = (
        LEAD + "So when the county signaled that it would sell the mill, Tom Berg said, “we were "
        "floored.”"
    )
    got = contents(text)
    assert got.get("it would sell the mill") == ("the county", "signaled"), got
    assert got.get("we were floored.") == ("Tom Berg", "said"), got


def test_a_quotation_split_by_its_cue_is_still_one_statement() -> None:
    text = LEAD + "''We will walk away stronger,'' he said, ''and the levee will be rebuilt.''"
    text = "Tom Berg spoke on Monday. " + text
    got = [content for *_, content in found(text)]
    assert any("We will walk away stronger" in c and "rebuilt" in c for c in got), got


def test_a_byline_reported_from_a_place_is_no_statement() -> None:
    text = LEAD + "Ada Quill reported from Maple County, and Tom Berg from the levee at Dunmore."
    assert not found(text)
    text = LEAD + "Ada Quill reported that the levee had been breached in two places."
    assert contents(text).get("the levee had been breached in two places") == (
        "Ada Quill",
        "reported",
    )


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "In August, several environmental groups granted Tom Berg an extension on the levee "
            "order, saying his money was “less than expected.”",
            "several environmental groups",
            "his money was “less than expected.”",
        ),
        (
            "Many local farmers objected to the plan, arguing that the levee would flood their "
            "fields.",
            "Many local farmers",
            "the levee would flood their fields",
        ),
    ],
)
def test_a_group_opening_the_sentence_says_what_its_participle_says(
    text: str, speaker: str, content: str
) -> None:
    got = contents(LEAD + text)
    assert got.get(content, ("", ""))[0] == speaker, got


def test_things_opening_the_sentence_say_nothing() -> None:
    text = LEAD + "In May, several new pumps arrived at the levee, adding to the noise at night."
    assert not found(text)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Tom Berg said Monday he will not run for the board again.",
            "he will not run for the board again",
        ),
        (
            "Ada Quill said Tuesday night the levee would be rebuilt by spring.",
            "the levee would be rebuilt by spring",
        ),
        (
            "The county announced on Friday the closure of the levee road.",
            "the closure of the levee road",
        ),
    ],
)
def test_a_day_after_the_cue_is_when_not_what(text: str, content: str) -> None:
    assert content in contents(LEAD + text), found(LEAD + text)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Tom Berg reminded residents that the levee was older than the town.",
            "reminded",
            "the levee was older than the town",
        ),
        (
            "Ada Quill informed the county board that the pumps had failed.",
            "informed",
            "the pumps had failed",
        ),
        (
            "The county notified farmers that the levee road would close.",
            "notified",
            "the levee road would close",
        ),
    ],
)
def test_the_person_told_is_not_what_was_said(text: str, cue: str, content: str) -> None:
    got = contents(LEAD + text)
    assert got.get(content, ("", ""))[1] == cue, got


def test_so_that_opens_no_reported_clause() -> None:
    text = LEAD + "Tom Berg warned the levee would fail so that everyone could leave in time."
    assert "everyone could leave in time" not in contents(text)


def test_making_clear_is_a_cue() -> None:
    got = contents(LEAD + "Tom Berg has made it clear that he will not run for the board again.")
    assert got.get("he will not run for the board again") == ("Tom Berg", "made it clear"), got
    assert not found(LEAD + "The new pumps made clear water flow into the old canal again.")


def test_a_title_s_subject_after_an_opening_phrase() -> None:
    text = (
        "Railing Against The County, Berg Vows To Rebuild The Levee By Spring\n\n"
        "The mill closed in May. Berg said the levee would hold."
    )
    got = found(text)
    assert ("headline", "Berg", "Berg", "Vows", "To Rebuild The Levee By Spring") in got, got


def test_according_to_in_parentheses_after_the_subject() -> None:
    text = LEAD + "The levee, according to Tom Berg, will cost four million dollars."
    got = contents(text)
    statement = "The levee, according to Tom Berg, will cost four million dollars"
    assert got.get(statement) == ("Tom Berg", "according to"), got
    # after a clause, what comes before it is the statement, as before
    text = LEAD + "The county will pay for the levee, according to Tom Berg, but only in May."
    assert contents(text).get("The county will pay for the levee") == ("Tom Berg", "according to")


def test_writing_in_a_letter_is_where_not_what() -> None:
    text = LEAD + "Tom Berg wrote in a letter to residents of the valley on Monday."
    assert not found(text)
    text = LEAD + "Tom Berg wrote in a letter to residents that the county would pay for it."
    assert contents(text).get("the county would pay for it") == ("Tom Berg", "wrote in")


def test_a_relative_clause_after_according_to_describes_the_source() -> None:
    text = (
        LEAD + "According to the Maple Gazette, which first reported the plan, the county will pay."
    )
    assert contents(text).get("the county will pay") == ("the Maple Gazette", "According to")
