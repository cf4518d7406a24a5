"""Reported attitudes and speakers of the offline engine, one construction each, on passages
written for these tests."""

from __future__ import annotations

import pytest

from summarizer.engines.offline.attribution import (
    Attributor,
    attribute_quotes,
    clean_speaker,
    looks_like_speaker,
    np_after_cue,
)
from summarizer.engines.offline.reported import attributions
from summarizer.engines.offline.stances import main_topic
from summarizer.text.lexicon import TOPIC_FUNCTION_WORDS


def found(text: str) -> list[tuple[str, str, str]]:
    """(speaker, cue, content) of every attribution, offsets checked."""
    out = []
    for a in attributions(Attributor(text)):
        assert a.source is not None
        out.append((a.speaker, text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]]))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The appeals court ruled that the county had purged voters without notice.",
            ("The appeals court", "ruled", "the county had purged voters without notice"),
        ),
        (
            "Senator Ada Quill has steadfastly refused to release her medical records.",
            ("Ada Quill", "refused", "to release her medical records"),
        ),
        (
            "Local farmers are urging the province to delay the new water rules.",
            ("Local farmers", "urging", "the province to delay the new water rules"),
        ),
        (
            "After council aides insisted in April that the fair would go ahead, it was cancelled.",
            ("council aides", "insisted", "the fair would go ahead"),
        ),
        (
            "The port authority, which has denied any wrongdoing, will appeal the fine.",
            ("The port authority", "denied", "any wrongdoing"),
        ),
        # subjects with a time, a party or a description
        (
            "The feud may end now that Ada Quill has endorsed the governor.",
            ("Ada Quill", "endorsed", "the governor"),
        ),
        (
            "A number of other council members echo her concerns about the budget.",
            ("A number of other council members", "echo", "her concerns about the budget"),
        ),
        (
            "Independent analyses agree the richest families would gain the most.",
            ("Independent analyses", "agree", "the richest families would gain the most"),
        ),
        (
            "The port authority and the union did not respond to requests for comment.",
            ("The port authority and the union", "respond", "to requests for comment"),
        ),
        (
            "Coal prices fell, and Senator Ada Quill is promising to retrain miners.",
            ("Ada Quill", "promising", "to retrain miners"),
        ),
        (
            "But environmentalists worry that the new mine will poison the river.",
            ("environmentalists", "worry", "the new mine will poison the river"),
        ),
        (
            "Sen. Ada Quill (D-Ore.) is endorsing the governor's reelection campaign.",
            ("Ada Quill", "endorsing", "the governor's reelection campaign"),
        ),
        (
            "Omar Diallo on Wednesday called on the minister to resign over the delays.",
            ("Omar Diallo", "called on", "the minister to resign over the delays"),
        ),
        (
            "Union leader Tom Vance asked the board to publish the safety audit.",
            ("Tom Vance", "asked", "the board to publish the safety audit"),
        ),
    ],
)
def test_subject_and_a_verb_of_saying_judging_or_wanting(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in found(text)


def test_a_verb_joined_by_and_shares_the_subject_and_ends_the_first_content() -> None:
    text = "Mayor Rita Oyelaran welcomed the new budget and criticized the delays at the port."
    assert found(text) == [
        ("Rita Oyelaran", "welcomed", "the new budget"),
        ("Rita Oyelaran", "criticized", "the delays at the port"),
    ]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # passive: the subject is what was criticized, not who criticized
        ("The ferry timetable was criticized by commuters for months.", "criticized"),
        # where and when it was said, not what: the words are elsewhere
        ("Ada Quill said in an interview on Monday.", "said"),
        # a subject that cannot speak
        ("The section of the report on roads criticized the budget for years.", "criticized"),
        # a verb inside a quotation belongs to the speaker's words
        ("“Nobody expected the river to rise so fast,” said Tom Vance.", "expected"),
    ],
)
def test_no_attitude_without_a_speaking_subject(text: str, verb: str) -> None:
    assert not [f for f in found(text) if f[1] == verb]


def test_a_participle_after_a_comma_shares_the_subject_and_cuts_the_first_content() -> None:
    text = "Councillor Ines Barros attacked the parking plan, saying that it would empty the shops."
    assert found(text) == [
        ("Ines Barros", "attacked", "the parking plan"),
        ("Ines Barros", "saying", "it would empty the shops"),
    ]


def test_a_second_speaker_after_and_ends_the_first_content() -> None:
    text = (
        "Mayor Rita Oyelaran backed the tram line, and the opposition leader Omar Diallo said "
        "the city could not afford it."
    )
    got = found(text)
    assert ("Rita Oyelaran", "backed", "the tram line") in got
    assert ("Omar Diallo", "said", "the city could not afford it") in got


def test_a_quotation_in_double_apostrophes_closed_by_its_cue() -> None:
    text = "''The levee will not hold another storm like that one,'' Ines Barros said."
    assert [(sp, cue) for sp, cue, _ in found(text)] == [("Ines Barros", "said")]
    assert found(text)[0][2].strip("'") == "The levee will not hold another storm like that one"


def test_said_to_an_audience_is_not_a_content() -> None:
    assert not found("Ada Quill said to the crowd on Friday.")


# -- speakers that are people or bodies ------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Fifty-one percent",  # a quantity
        "52 percent of registered voters",
        "Nearly eight",
        "His repeated",  # a possessive determiner before no one
        "Ana Ruiz's recent",  # a possessive before an adjective ('brief' is a filing)
        "the agency released two highly critical",  # a clause with its verb
        "Mayor Holt scrutinized",
        "a minimal shift in the polls",  # a description whose head is no one
        "a Donald Duck",
        "Several",
        "Tuesday",
        "''Mayor Holt",  # a quotation's marks
    ],
)
def test_junk_is_not_a_speaker(phrase: str) -> None:
    assert not looks_like_speaker(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "His aides",
        "two aides",
        "Ana Ruiz's lawyer",
        "a spokesman for the ministry",
        "a report released last year",
        "the ad's narrator",
        "The state",
        "NBC's Dana Lee",
    ],
)
def test_people_bodies_and_documents_are_speakers(phrase: str) -> None:
    assert looks_like_speaker(phrase)


@pytest.mark.parametrize(
    ("tail", "speaker"),
    [
        ("a spokesman for the ministry on Tuesday.", "a spokesman for the ministry"),
        ("a spokesman for the ministry in a statement.", "a spokesman for the ministry"),
        ("an aide to the governor who asked not to be named.", "an aide to the governor"),
        ("a senior official at the agency last week.", "a senior official at the agency"),
        ("the ruling.", "the ruling"),
    ],
)
def test_a_description_after_its_cue_stops_where_the_sentence_goes_on(
    tail: str, speaker: str
) -> None:
    assert np_after_cue(tail) == speaker
    quotes = attribute_quotes(f"“The bridge will reopen in May,” said {tail}")
    assert [q.speaker for q in quotes] == [speaker]


def test_a_quotation_in_double_apostrophes_does_not_stick_to_the_speaker() -> None:
    text = "The board met on Monday. ''We will not sell the land,'' Mr. Holt said at the meeting."
    assert [sp for sp, _, _ in found(text)] == ["Mr. Holt"]


# -- stance topics ----------------------------------------------------------------------------


def test_a_topic_never_starts_or_ends_on_a_function_word() -> None:
    text = (
        "Negotiators agreed on a fishing deal between the two countries on Monday.\n\n"
        "The fishing deal sets quotas between the fleets. Under the deal, boats must report "
        "their catch between ports, and the fishing deal lasts between five and ten years."
    )
    topic = main_topic(text, (0, text.index("\n")), set())
    words = topic.split()
    assert words and words[0] not in TOPIC_FUNCTION_WORDS
    assert words[-1] not in TOPIC_FUNCTION_WORDS
    assert "deal" in words


def test_a_topic_counts_whole_words() -> None:
    # 'port' is written inside 'report' and 'ports' many times, but as a word only once
    text = (
        "The port board approved a new dredging plan on Tuesday.\n\n"
        "The dredging plan will cost more. Reports and reports of delays reached the airports. "
        "Critics of the dredging plan report that sports and ports suffer."
    )
    assert main_topic(text, (0, text.index("\n")), set()) == "dredging plan"


def test_a_topic_is_never_an_adverb_the_article_repeats() -> None:
    # 'never' is in the lead and written five times; the subject is the slogan campaign
    text = (
        "Towns never agree on a slogan, and the new slogan campaign never pleased anyone.\n\n"
        "Officials said they would never drop the slogan campaign. Critics never tire of it, "
        "and the governor said the slogan campaign would never change."
    )
    topic = main_topic(text, (0, text.index("\n")), set())
    assert "never" not in topic.split()
    assert "slogan" in topic.split()


def test_a_speaker_and_a_colon_opening_a_paragraph() -> None:
    text = (
        "The council met on the flood plan.\n\n"
        "HOLT: We will rebuild the levee before the winter.\n\n"
        "UPDATE: The meeting ended at noon after a long debate."
    )
    assert found(text) == [("Holt", ":", "We will rebuild the levee before the winter")]


def test_a_name_and_a_colon_inside_someone_s_quotation_is_not_a_speaker() -> None:
    text = (
        "The campaign drew jokes online.\n\n"
        "“Maple County: if the hills got any steeper, we’d need ropes,” one user quipped."
    )
    assert found(text) == [
        ("one user", "quipped", "Maple County: if the hills got any steeper, we’d need ropes")
    ]


def test_quotations_in_double_apostrophes_continue_one_statement() -> None:
    text = "The dam broke. ''The levee will hold,'' Ana Ruiz said. ''We have sandbags.''"
    got = found(text)
    assert [(sp, cue) for sp, cue, _ in got] == [("Ana Ruiz", "said")]
    assert got[0][2].startswith("The levee will hold") and got[0][2].endswith("sandbags")


def test_a_name_before_two_appositives_speaks() -> None:
    text = (
        "The council met on Monday.\n\n"
        "Ana Ruiz, the mayor of Maple Falls, a member of the river board, said the levee "
        "“cannot hold another storm.”"
    )
    assert [q.speaker for q in attribute_quotes(text)] == ["Ana Ruiz"]


def test_he_is_the_person_who_just_spoke_not_the_speaker_quoted_before() -> None:
    text = (
        "“The plan is sound,” said Mayor Tom Vance.\n\n"
        "Omar Diallo, the chief of the fire service, said the roads would close.\n\n"
        "“We will keep everyone safe,” he said."
    )
    assert [q.speaker for q in attribute_quotes(text)] == ["Tom Vance", "Omar Diallo"]


def test_he_is_still_the_speaker_when_someone_is_only_mentioned() -> None:
    text = (
        "“The plan is sound,” Mayor Tom Vance said of the proposal by Omar Diallo.\n\n"
        "“We will build it this year,” he said."
    )
    assert [q.speaker for q in attribute_quotes(text)] == ["Tom Vance", "Tom Vance"]


def test_a_quote_after_someone_else_reported_speaking_is_theirs() -> None:
    text = (
        "“The plan is sound,” said Mayor Tom Vance.\n\n"
        "His rival on the council, Omar Diallo, called the plan a trap. “We will not sign it "
        "and we will take it to court.”"
    )
    assert [(q.speaker, q.rule) for q in attribute_quotes(text)] == [
        ("Tom Vance", "cue_then_speaker_after"),
        ("Omar Diallo", "reported_then_quote"),
    ]


@pytest.mark.parametrize(
    ("speaker", "shown"),
    [
        ("federal prosecutors in April", "federal prosecutors"),
        ("The Times on Saturday", "The Times"),
        ("Ana Ruiz.''", "Ana Ruiz"),
        ("John G. Roberts Jr.", "John G. Roberts Jr."),
        ("a report released last year", "a report released last year"),
        ("Sally Quill", "Sally Quill"),  # a first name ending in -ly is no adverb
        ("she", ""),  # a pronoun nobody was found for
        ("from Texas", ""),
        ("That's Mexico", ""),
        ("The Latest", ""),
        ("Sanders on", ""),
        ("the Tribune–which keeps a tally–and", ""),
    ],
)
def test_a_speaker_as_shown_or_nobody(speaker: str, shown: str) -> None:
    assert clean_speaker(speaker) == shown


@pytest.mark.parametrize(
    "speaker",
    ["crass behavior by the mayor behind the scenes", "voters to reject the plan after the vote"],
)
def test_a_lowercase_phrase_whose_head_is_no_one_is_nobody(speaker: str) -> None:
    assert clean_speaker(speaker) == ""


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The port reopened. Minister of Transport Ada Quill said: “The port is safe again.”",
            "Ada Quill",
        ),
        (
            "The port reopened. A leaked internal letter seen by the Gazette said: “Costs will "
            "rise again.”",
            "A leaked internal letter seen by the Gazette",
        ),
        ("The forum was busy. One poster wrote: “I have read the whole report.”", "One poster"),
    ],
)
def test_an_office_before_a_name_a_document_and_a_person_by_what_they_do(
    text: str, speaker: str
) -> None:
    assert [q.speaker for q in attribute_quotes(text)] == [speaker]


def test_a_verb_after_yet_shares_the_subject() -> None:
    text = "Mayor Tom Vance praises open books, yet refuses to release the audit."
    assert ("Tom Vance", "refuses", "to release the audit") in found(text)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The officer was not wearing a camera during the stop, police said.", "police"),
        (
            "The meeting fell apart after an hour, said one council source in the room.",
            "one council source in the room",
        ),
    ],
)
def test_a_closing_cue_with_a_lowercase_speaker(text: str, speaker: str) -> None:
    assert [sp for sp, _, _ in found(text)] == [speaker]


def test_a_position_stated_with_be_and_an_adjective() -> None:
    text = "Councillor Ines Barros has long been critical of the harbour plan."
    assert ("Ines Barros", "critical of", "the harbour plan") in found(text)
    assert not found("The report was full of critical of remarks about the harbour plan.")


def test_a_relative_clause_with_its_own_speaker_ends_the_first_content() -> None:
    text = "The mayor praised the harbour board, which says the dredging will start in May."
    assert found(text) == [
        ("The mayor", "praised", "the harbour board"),
        ("the harbour board", "says", "the dredging will start in May"),
    ]


@pytest.mark.parametrize(
    ("speaker", "shown"),
    [
        (">Ana Ruiz", "Ana Ruiz"),
        ("council members and residents almost", "council members and residents"),
        ("Hold Ana Ruiz", ""),  # a headline's verb before a name
        ("Everything Ana Ruiz", ""),
        ("of white", ""),
        ("Hope Hicks", "Hope Hicks"),  # a first name, not the verb
        ("Judge Ana Ruiz", "Judge Ana Ruiz"),
    ],
)
def test_a_speaker_without_a_headline_verb_or_a_stray_mark(speaker: str, shown: str) -> None:
    assert clean_speaker(speaker) == shown


@pytest.mark.parametrize(
    ("speaker", "shown"),
    [
        # a sentence break the page lost: the speaker is after it
        ("the Harbour Cup in 2019.Skipper Ana Ruiz", "Skipper Ana Ruiz"),
        ("Lisbon The engineers", "The engineers"),
        ("HarbourNews But Quill", "Quill"),
        ("Scroll down for video Ana Ruiz", "Ana Ruiz"),
        ("newsThe harbour board", "The harbour board"),
        # a sentence adverb before a name; a first name in -ly is kept
        ("Certainly Quill", "Quill"),
        ("Luckily I", ""),
        ("Reilly Quill", "Reilly Quill"),
        # a clause or a shouted heading is nobody
        ("Skipper Here", ""),
        ("Harbour Days They Are Over", ""),
        ("SAILORS SHE TRUSTS", ""),
        ("BBC", "BBC"),
        ("NYPD", "NYPD"),
        # a place after a full name; a body's own name keeps its preposition
        ("Ana Ruiz in the new drama", "Ana Ruiz"),
        ("The Institute on Harbour Safety", "The Institute on Harbour Safety"),
        # a clause (a verb and its object) is nobody; a quotation mark before a name goes
        ("The sailors kept both boats afloat", ""),
        ("Ana Ruiz and her crew", "Ana Ruiz and her crew"),
        ("officials at the port", "officials at the port"),
        ("officials including the mayor", "officials including the mayor"),
        ("Sailors marching through the town", "Sailors marching through the town"),
        ("observers in Lisbon and around the coast", "observers in Lisbon and around the coast"),
        ("' Ana Ruiz", "Ana Ruiz"),
        ("O'Hara", "O'Hara"),
    ],
)
def test_a_speaker_glued_to_what_a_page_lost_around_it(speaker: str, shown: str) -> None:
    assert clean_speaker(speaker) == shown


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Radio presenter Ana Ruiz said: “The harbour is open.”", "Ana Ruiz"),
        ("Team captain Owen Marsh said: “We will appeal.”", "Owen Marsh"),
    ],
)
def test_an_occupation_before_a_name_is_not_a_body(text: str, speaker: str) -> None:
    assert [(q.speaker, q.speaker_kind) for q in attribute_quotes(text)] == [(speaker, "named")]


def test_a_topic_holds_no_verb() -> None:
    """'Tom Berg, 23, was last seen walking along …': the topic is no verb run ('last seen
    walking', 'committed'), but the noun phrase the article repeats."""
    text = (
        "Tom Berg, 23, was last seen walking along the quay after a harbour party in 2000, and the "
        "search committed divers to the harbour.\n\n"
        "The search of the harbour began on Monday. Divers said the search would take weeks."
    )
    topic = main_topic(text, (0, text.index("\n")), {"Tom Berg"})
    assert topic in ("search", "harbour", "harbour party")
    for verb in ("seen", "walking", "committed"):
        assert verb not in topic.split()


def test_a_topic_is_no_role_or_verb_before_a_name() -> None:
    text = (
        "The council spent Monday defending the levee after the flood cost harbour pilot "
        "Reuben Quillon his boat.\nThe flood cost pilot Reuben Quillon his boat. Quillon blamed "
        "the council. The pilot said the levee failed, and Quillon says it was never inspected.\n"
    )
    topic = main_topic(text, (0, text.index("\n")), set())
    assert topic and not topic.startswith(("pilot ", "harbour pilot")), topic


def test_a_topic_is_never_the_agency_of_the_dateline() -> None:
    text = (
        "MAPLE CITY (Reuters) - The board is investigating the pumps.\nReuters reported that "
        "the pumps failed, Reuters said. Reuters and Reuters TV asked the board.\n"
    )
    topic = main_topic(text, (0, text.index("\n")), set())
    assert topic and "Reuters" not in topic, topic
