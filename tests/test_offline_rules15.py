"""Rules-15: each rule on a passage of our own (written for a construction, never for an eval
article); each test fails on the rules before it."""

from __future__ import annotations

import pytest

from summarizer import summarize

from .offline_found import found


@pytest.mark.parametrize(
    ("between", "place"),
    [
        ("The senator argued that New York's courts have sealed such files.", "New York"),
        ("The company said North Carolina had approved the permit in March.", "North Carolina"),
        ("She has called the treatment of African Americans a disgrace.", "African Americans"),
    ],
)
def test_she_is_never_a_place_or_a_people(between: str, place: str) -> None:
    """'she' is a person the article names, never a place ('New York') nor a people ('African
    Americans') named between her and the pronoun."""
    text = (
        "Lawyers for Ilse Okafor filed papers with the court on Monday.\n\n"
        f"{between}\n\n"
        "In a statement to the court, she noted that she had warned the board twice."
    )
    speakers = {speaker for _, speaker, cue, _ in found(text) if cue == "noted"}
    assert speakers == {"Ilse Okafor"}


@pytest.mark.parametrize(
    "refusal",
    [
        "declined to comment",
        "refused to answer questions outside the court",
        "declined to discuss it",
        "did not immediately respond to a request for comment",
        "did not respond to our questions",
        "has been responding to the complaints",
    ],
)
def test_a_refusal_to_speak_is_no_stance(refusal: str) -> None:
    """'A spokesperson declined to comment' records that someone would not speak, 'did not
    respond' that someone has not: a stance needs a position, and neither is one."""
    text = (
        "The city council approved the bridge budget on Tuesday after a long debate.\n\n"
        '"This is the plan residents have waited for," said Mayor Ana Ruiz.\n\n'
        f"A spokesperson for the contractor, Brayton Steel, {refusal}."
    )
    result = summarize(text, engine="offline")
    assert [a.content.text for a in result.attributions if a.cue.text in refusal]  # (found)
    positions = {s.actor: s.position for s in result.stances}
    assert positions["Ana Ruiz"] == "This is the plan residents have waited for"
    assert not [p for p in positions.values() if p in refusal or "comment" in p]


@pytest.mark.parametrize(
    ("sentence", "position"),
    [
        ("Nora Vance did not support the plan.", "did not support the plan"),
        ("Nora Vance never opposed the plan.", "never opposed the plan"),
        ("Nora Vance hasn't publicly criticized the plan.", "hasn't publicly criticized the plan"),
    ],
)
def test_a_negated_verb_of_stance_states_no_stance(sentence: str, position: str) -> None:
    """'did not support the plan' is not support (nor, said so, opposition): the label stays
    unclear, and the position keeps the negated verb ('the plan' alone would say the
    opposite)."""
    text = "The ferry strike entered its third week in Port Elm on Monday. " + sentence
    (stance,) = summarize(text, engine="offline").stances
    assert stance.actor == "Nora Vance"
    assert (stance.stance, stance.position) == ("unclear", position)


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "Lord Haldane, the duke's younger brother, has told colleagues and neighbours "
            "that the ceremony was a triumph.",
            "the ceremony was a triumph",
        ),
        (
            "Mayor Ana Ruiz told colleagues on the council that the bridge would reopen in May.",
            "the bridge would reopen in May",
        ),
    ],
)
def test_the_people_told_are_not_what_was_said(sentence: str, content: str) -> None:
    """'told colleagues and neighbours that …': whom one tells is part of the cue, not of
    the statement."""
    got = [(cue, said) for _, _, cue, said in found(sentence) if cue.startswith("told")]
    assert [said for _, said in got] == [content]


def test_you_told_is_not_what_was_said() -> None:
    got = found("Most commuters will tell you the buses have got slower since May.")
    assert [said for _, _, cue, said in got if cue == "tell"] == [
        "the buses have got slower since May"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        'Residents "wanted a new bridge," Ruiz told Berg, which in the end meant a second vote.',
        "At the forum, Ruiz told a young woman who asked about the fares to vote.",
    ],
)
def test_a_relative_clause_on_the_person_told_is_not_what_was_told(sentence: str) -> None:
    told = [said for _, _, cue, said in found(sentence) if cue.startswith("told")]
    assert not [said for said in told if said.startswith(("which", "who"))]


@pytest.mark.parametrize(
    "sentence",
    [
        "Back in Port Elm, Holt said the ferry would run again.",
        "After hearing the complaints, Ruiz decided to delay the vote, the Gazette reports.",
        "Responding to the new timetable, drivers said they were hopeful.",
    ],
)
def test_an_opening_phrase_is_not_a_statement(sentence: str) -> None:
    """A phrase of time, place or manner before the subject ('Back in Port Elm', 'After
    hearing the complaints') says when or where, not what was said."""
    opener = sentence.split(",")[0]
    assert opener not in [said for _, _, _, said in found(sentence)]


def test_a_short_clause_before_a_closing_cue_is_still_a_statement() -> None:
    got = found("In 2014 the plan failed, Ruiz said.")
    assert [said for _, _, _, said in got] == ["In 2014 the plan failed"]


@pytest.mark.parametrize("mark", ["'", "’", "''"])
def test_a_quotation_in_single_marks_is_no_key_point(mark: str) -> None:
    """A key point states what happened; a quotation opening a sentence is someone's words,
    whatever its marks (double, single, two apostrophes)."""
    close = "’" if mark == "’" else mark
    text = (
        "Two tourists stopped an assault on a crowded train in Port Elm on Monday night.\n\n"
        f"{mark}We came here on holiday and we just did what anyone would do,{close} one said.\n\n"
        "The attacker was held until police arrived at the next station ten minutes later.\n\n"
        "Police said the victim was treated in hospital for cuts and bruises and went home."
    )
    points = [k.point for k in summarize(text, engine="offline").summary.key_points]
    assert points and not [p for p in points if "holiday" in p]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The race ended in a sprint in Carden.\n\n"
            '"I felt strong all day," said Carden-born Lindqvist after the finish.',
            "Lindqvist",
        ),
        ("Mother-of-two Ana Ruiz said the school had ignored her complaints.", "Ana Ruiz"),
        ("London-based Carden Analytics said the index would fall in May.", "Carden Analytics"),
    ],
)
def test_a_description_glued_before_a_name_is_not_the_speaker(text: str, speaker: str) -> None:
    result = summarize(text, engine="offline")
    assert {a.speaker for a in result.attributions} == {speaker}


def test_a_question_in_the_article_is_no_hedged_claim() -> None:
    """'So why would Lee even bring up the old case?' asks; there is no claim to ask about."""
    text = (
        "The council met in Port Elm on Monday to vote on the bridge.\n\n"
        "So why would the mayor bring up the old contract again, which the council cancelled "
        "in 2019, at a meeting about the bridge."
    )
    questions = [q.question for q in summarize(text, engine="offline").open_questions]
    assert not [q for q in questions if "why" in q.lower()]


def test_two_parties_that_did_not_respond_are_asked_in_the_plural() -> None:
    text = (
        "The bus company cut three routes in Port Elm on Monday, the Gazette reported.\n\n"
        "The council and the bus company did not respond to requests for comment."
    )
    questions = [q.question for q in summarize(text, engine="offline").open_questions]
    assert "What do the council and the bus company say about what is reported?" in questions


def test_a_position_over_two_quotations_leaves_out_a_long_attribution_between() -> None:
    text = (
        "The council voted on the bridge plan on Monday.\n\n"
        '"The repairs are overdue and the money is there," said Hannah Okafor, a senior '
        "engineer at the city's transport authority who has worked on the bridge for a decade. "
        '"We should start before the winter."'
    )
    (stance,) = [s for s in summarize(text, engine="offline").stances if s.actor == "Hannah Okafor"]
    assert "said" not in stance.position and "engineer" not in stance.position
    assert stance.position.startswith("The repairs are overdue")
    assert "We should start before the winter" in stance.position


def test_a_speaker_described_but_not_named_is_anonymous() -> None:
    text = (
        "A girl was found safe in Port Elm on Monday after a search of two days.\n\n"
        '"She is brave and strong," the girl\'s mother said outside the court.\n\n'
        '"We are relieved," said Mayor Ana Ruiz.'
    )
    result = summarize(text, engine="offline")
    kinds = {q.speaker: q.speaker_kind for q in result.quotes}
    assert kinds == {"the girl's mother": "anonymous", "Ana Ruiz": "named"}
    assert {a.speaker_kind for a in result.attributions if a.speaker == "the girl's mother"} == {
        "anonymous"
    }


def test_a_headline_is_never_an_opening_phrase_alone() -> None:
    """'With the new film released this week' says nothing of what happened; when the lead
    has no other place to cut, the headline is its main clause."""
    lead = (
        "With the new superhero film released in cinemas this week, Tom Berg showed off his "
        "own costume in a serious-looking post on his page."
    )
    text = lead + "\n\nThe post was shared thousands of times by Monday evening, his club said."
    headline = summarize(text, engine="offline").summary.headline
    assert headline == "Tom Berg showed off his own costume in a serious-looking post on his page"


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        ("The new van will start at $31,900 when it goes on sale in May.", False),
        ("The modelled region is some 40 million light-years across.", False),
        ("Keeping the new bridge open will cost $90,000 a year by 2035.", True),
    ],
)
def test_a_price_or_a_measure_is_no_figure_to_source(sentence: str, asked: bool) -> None:
    """'Where does the figure come from?' asks about a claim; a product's price or a
    measure says what a thing is."""
    text = "Carden Motors showed its new electric van in Port Elm on Monday.\n\n" + sentence
    questions = [q.question for q in summarize(text, engine="offline").open_questions]
    assert any(q.startswith("Where does the figure") for q in questions) is asked


@pytest.mark.parametrize(
    "sentence",
    [
        "To some visitors, the old harbour may seem a little too quiet at night.",
        "The ferry could just as easily be run by the council next year.",
    ],
)
def test_an_impression_or_a_mere_possibility_is_no_open_question(sentence: str) -> None:
    text = "Carden Motors showed its new electric van in Port Elm on Monday.\n\n" + sentence
    questions = [q.question for q in summarize(text, engine="offline").open_questions]
    assert not [q for q in questions if q.startswith("Will")]


@pytest.mark.parametrize("comma", ["", ","])
def test_the_speaker_after_a_quotation_is_the_name_a_long_description_follows(comma: str) -> None:
    """'“…,” Ana Ruiz, a research analyst at the Lindenport-based Council on Energy, Water and
    Transport think tank[,] told reporters': the name, not the end of its description, and
    with or without the comma that should close it."""
    text = (
        "The air over Lindenport improved slightly on Monday.\n\n"
        "“The river fell because the dam was opened,” Anand Krishnamurthy, a senior research "
        "analyst at the Lindenport-based Institute for Rivers, Harbours and Canals think tank"
        f"{comma} told reporters."
    )
    assert [q.speaker for q in summarize(text, engine="offline").quotes] == ["Anand Krishnamurthy"]


@pytest.mark.parametrize(
    "text",
    [
        # a full stop where the comma belongs
        'The club signed two players.\n\n"Tomas is the captain I wanted." Okafor told us.',
        "The club signed two players.\n\n“Tomas is the captain I wanted.” Okafor said.",
        # a lost space between a sentence and the next one's quotation
        'The club has changed since Marsh left in 2019."We have lost our way," Holt added.',
    ],
)
def test_a_quotation_after_a_lost_space_or_before_a_full_stop_keeps_its_speaker(text: str) -> None:
    speakers = [q.speaker for q in summarize(text, engine="offline").quotes]
    assert speakers in (["Okafor"], ["Holt"])


def test_a_glued_mark_that_closes_a_sentence_opens_no_quotation() -> None:
    """'."Next' closes a quotation as often as it opens one: opened only when the quotation
    closes with a comma, as one its speaker follows does."""
    text = (
        'The mayor called the plan "the best we have."The council voted on Monday and the '
        "plan passed by seven votes to two after a long debate."
    )
    quotes = [q.text for q in summarize(text, engine="offline").quotes]
    assert not [q for q in quotes if q.startswith("The council voted")]


def test_she_is_not_the_man_who_shares_her_surname() -> None:
    """'Daniel Ruiz Berg' named first and 'his wife, Ilse Berg': 'she' is not Daniel because
    a full name with another first name is someone else, not his name again."""
    text = (
        "Police stopped Daniel Ruiz Berg in Carden on Tuesday.\n\n"
        "Video recorded by his wife, Ilse Berg, shows the encounter.\n\n"
        '"Don\'t shoot him," she says in the video.'
    )
    assert [q.speaker for q in summarize(text, engine="offline").quotes] == ["Ilse Berg"]


def test_according_to_a_role_and_a_name_gives_the_name() -> None:
    text = (
        "Chief executive Tom Keane said the programme will help pupils.\n\n"
        'The need to "build calm in young people" is the main task, according to the chief '
        "inspector of schools, Ilse Okafor."
    )
    assert [q.speaker for q in summarize(text, engine="offline").quotes] == ["Ilse Okafor"]


@pytest.mark.parametrize(
    ("sentence", "position"),
    [
        (
            "Port Elm police denied reports that the pair had withdrawn their confessions.",
            "denied reports that the pair had withdrawn their confessions",
        ),
        ("Nora Vance denies a charge of gross negligence.", "denies a charge of gross negligence"),
        (
            "Harbour officials have not said why the ferry was held in port.",
            "have not said why the ferry was held in port",
        ),
    ],
)
def test_a_position_keeps_a_denial_or_a_negation_of_its_verb(sentence: str, position: str) -> None:
    """What someone denies, or has not said, is not what they say: 'the pair had withdrawn
    their confessions' alone would state the opposite."""
    text = "The ferry strike entered its third week in Port Elm on Monday. " + sentence
    assert [s.position for s in summarize(text, engine="offline").stances] == [position]


def test_page_furniture_glued_to_a_sentence_is_no_part_of_a_key_point() -> None:
    text = (
        "Okafor beat Lindqvist in Carden on Sunday to win the title.\n\n"
        "Media playback is not supported on this deviceOkafor said she was thrilled to win a "
        "first title of the year at the event.\n\n"
        "Find all the latest tennis news on our dedicated page."
    )
    points = [k.point for k in summarize(text, engine="offline").summary.key_points]
    assert points == [
        "Okafor beat Lindqvist in Carden on Sunday to win the title.",
        "Okafor said she was thrilled to win a first title of the year at the event.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "A Harbourline spokesperson declined to comment on the timing.",
        "A spokesperson for Harbourline did not respond to requests for comment.",
    ],
)
def test_who_speaks_for_a_party_that_did_not_respond_is_asked_as_the_party(sentence: str) -> None:
    text = "Harbourline is set to raise up to $2bn in a share listing, sources said.\n\n" + sentence
    questions = [q.question for q in summarize(text, engine="offline").open_questions]
    assert "What does Harbourline say about what is reported?" in questions


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Governor Nora Vance is defending the campaign against its critics.", "supports"),
        ("Nora Vance told the council the fees were too high, criticizing the board.", "opposes"),
    ],
)
def test_a_verb_of_stance_in_the_progressive_states_the_stance(sentence: str, label: str) -> None:
    text = "The ferry strike entered its third week in Port Elm on Monday. " + sentence
    assert [s.stance for s in summarize(text, engine="offline").stances] == [label]


def test_the_agency_is_the_agency_the_article_named_with_a_longer_description() -> None:
    """'the state-run Harbour News Agency said' is a speaker (adjectives before a name), and
    'the news agency' later is that agency, not a second actor."""
    text = (
        "Health officials in Carden confirmed a case of plague on Tuesday, a rare event.\n\n"
        "A farmer in Carden has caught the plague, the state-run Harbour News Agency said "
        "on Tuesday.\n\nThe patient was treated in hospital, the news agency said."
    )
    actors = [s.actor for s in summarize(text, engine="offline").stances]
    assert actors == ["Health officials in Carden", "the state-run Harbour News Agency"]
