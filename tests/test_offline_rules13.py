"""Reported speech and speakers of the offline engine, rules-13: constructions of general news
prose found on news the rules were not developed on, each on a passage written for these tests,
with the readings each rule must keep."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.engine import summarize_offline
from summarizer.text.sentences import sentences
from tests.offline_found import found

LEAD = "The ferry strike entered its third week in Port Elm on Monday. "


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


# -- a description, then the name it describes, after 'according to' or 'in the words of' ------


def test_the_name_after_a_description_is_the_speaker_of_the_quotation() -> None:
    for lead in (
        "In the words of its lawyer, Mark Hale,",
        "In the words of its lawyer, Mark Hale, QC,",
    ):
        text = LEAD + f'The union blamed the port. {lead} "The crew had no rest for a week."'
        assert quotes(text) == [("Mark Hale", "The crew had no rest for a week.")]


def test_according_to_a_description_and_a_name_is_the_named_persons_statement() -> None:
    got = found(LEAD + "According to its lawyer, Mark Hale, the port ignored three warnings.")
    assert [(s, c) for _, s, _, c in got] == [("Mark Hale", "the port ignored three warnings")]
    # a body's report about someone named is the body's, the name part of what it reports
    got = found(LEAD + "According to the police, Ivan Petrov, 45, was arrested at the gate.")
    assert [(s, c) for _, s, _, c in got] == [
        ("the police", "Ivan Petrov, 45, was arrested at the gate")
    ]


def test_a_circumstance_after_a_name_is_not_its_role() -> None:
    text = (
        "Ferry strike enters third week\n\n"
        "Nora Vance, in her first interview since the vote, said the rota was unsafe.\n\n"
        "Ivan Petrov, of the dockers' union, said the strike would go on."
    )
    roles = {s.actor: s.role for s in summarize_offline(text, input_name="a").stances}
    assert roles == {"Nora Vance": "named in the article", "Ivan Petrov": "of the dockers' union"}


# -- a sentence may open with an accented capital ------------------------------------------------


def test_a_sentence_that_opens_with_an_accented_capital_is_a_sentence_of_its_own() -> None:
    text = "The strike is over. Özil Demir said the ferries would sail. Łukasz Nowak agreed."
    assert [text[s:e] for s, e in sentences(text)] == [
        "The strike is over.",
        "Özil Demir said the ferries would sail.",
        "Łukasz Nowak agreed.",
    ]
    got = found(LEAD + "Ángel Ruiz, the harbour master, said the ferries would sail on Monday.")
    assert [(s, c) for _, s, _, c in got] == [("Ángel Ruiz", "the ferries would sail on Monday")]


# -- a relative clause's antecedent, and a dash's aside --------------------------------------


def test_a_relative_after_a_verb_phrase_stands_for_the_noun_before_it() -> None:
    got = found(
        LEAD + "Nora Vance had read an article in the Harbour trade paper Dock Weekly, which "
        "attacked the ferry company for its rota."
    )
    assert [(s, c) for _, s, _, c in got] == [("Dock Weekly", "the ferry company for its rota")]


def test_an_aside_between_dashes_ends_at_its_closing_dash() -> None:
    for dash in ("–", "—"):
        text = LEAD + (
            f"Asked about the post {dash} created by the port's new director Tom Hale, who "
            f"confirmed the closure on Monday {dash} Ana Ruiz said: "
            '"I would take it if the terms were right."'
        )
        assert ("Ana Ruiz", "I would take it if the terms were right.") in quotes(text)
        got = found(text)
        assert ("Tom Hale", "the closure on Monday") in [(s, c) for _, s, _, c in got]


def test_a_speaker_after_an_en_dash_is_the_name_after_it() -> None:
    got = found(LEAD + "Asked about the rota – and the pay – Ivan Petrov said both were unfair.")
    assert [(s, c) for _, s, _, c in got] == [("Ivan Petrov", "both were unfair")]


# -- 'of' after a verb that takes no 'of': the noun before it is what 'of' goes with -----------


def test_of_after_a_verb_that_takes_none_is_no_statement() -> None:
    got = found(
        "Ivan Petrov said the rota was unfair. His account of an excuse he cited of being at a "
        "bakery in Carden with his nephew six years ago was hazy."
    )
    assert [c for *_, c in got] == ["the rota was unfair"]


def test_an_act_after_a_dash_is_no_act_of_the_sentence() -> None:
    got = found(
        "Ivan Petrov said the rota was unfair. His answers were vague – on the same night it "
        "is alleged he damaged a ferry at the dock."
    )
    assert [c for *_, c in got] == ["the rota was unfair"]


def test_according_to_before_a_cue_is_no_statement_of_the_cues_subject() -> None:
    got = found(
        LEAD + "According to a reporter at the rally, Nora Miles said the rota would change."
    )
    assert ("Nora Miles", "According to a reporter at the rally") not in [
        (s, c) for _, s, _, c in got
    ]
    assert ("a reporter at the rally", "Nora Miles said the rota would change") in [
        (s, c) for _, s, _, c in got
    ]


# -- a sentence opening with a quotation's marks ---------------------------------------------


def test_a_sentence_may_open_with_two_marks_or_a_mark_and_a_stray_space() -> None:
    for second in (
        "“‘Night shifts’ are the problem.”",
        "“ We will not go back.”",
        "' We will not go back.'",
    ):
        text = f"The rota is unsafe, Petrov said. {second}"
        assert [text[s:e] for s, e in sentences(text)][1] == second
    got = found(LEAD + '"The rota is unsafe," Ivan Petrov said. “ We will not go back.”')
    assert [(s, c) for _, s, _, c in got] == [("Ivan Petrov", "The rota is unsafe")]


def test_a_closing_mark_after_a_space_opens_no_sentence() -> None:
    # a straight double mark after a space closes as often as it opens: '… a "plain liar. " The'
    text = 'He called the mayor a "plain liar. " The mayor did not answer.'
    assert len(sentences(text)) == 1
    text = 'She said: "Is the ferry late?" \' Nora now admits that she was wrong.'
    assert len(sentences(text)) == 1  # the mark closes the quotation before it


def test_a_quotations_opening_mark_is_no_subject() -> None:
    text = (
        "Miliband spoke in Leeds. ' We won't let them hoard land. ' We'll say: use it or lose it."
    )
    assert not [s for _, s, _, _ in found(text) if "We" in s]


def test_when_something_was_said_is_not_what_was_said_however_long() -> None:
    got = found(
        LEAD + "After the vote, Ivan Petrov said while visiting the docks in Dover on a cold and "
        "windy Monday."
    )
    assert not got
    # a fronted clause of what was said stays ('said when …, the port …')
    got = found(LEAD + "Ivan Petrov said when he took office, the port was losing money weekly.")
    assert [c for *_, c in got] == ["when he took office, the port was losing money weekly"]


def test_and_right_after_a_cue_or_adding_to_something_is_no_statement() -> None:
    got = found(
        LEAD + "Port Elm Police Department responded and confirmed that the ferry was damaged."
    )
    assert not [c for *_, c in got if c.startswith("and")]
    got = found(LEAD + "Ivan Petrov added to his collection of union posts, winning the vote.")
    assert not got
    # but what was said before 'he said, and …' stays
    got = found(LEAD + "The rota was unsafe, Ivan Petrov said, and the crews agreed with him.")
    assert next(c for *_, c in got).startswith("The rota was unsafe")


# -- a name opening a sentence after a capitalized word that ends the one before -------------


def test_a_name_after_a_sentence_ending_in_a_capitalized_word_is_someone_introduced() -> None:
    text = (
        "The ferry strike entered its third week on Monday. Ivan Petrov spoke on Monday. "
        "He told the BBC: “I took the judgement call that this was serious.”"
    )
    assert quotes(text) == [("Ivan Petrov", "I took the judgement call that this was serious.")]
    text = (
        "The crews met in Dover. Ivan Petrov, the union's leader, spoke first. "
        "“We will not go back,” Petrov said."
    )
    assert quotes(text) == [("Ivan Petrov", "We will not go back")]


def test_a_place_of_birth_before_a_surname_is_no_part_of_the_name() -> None:
    text = (
        "The squad flew home on Monday. Dover-born Petrov scored twice. "
        "“It was a great night,” Petrov said."
    )
    assert quotes(text) == [("Petrov", "It was a great night")]


def test_a_description_after_a_cue_ends_before_when_it_was_said() -> None:
    text = LEAD + (
        "“We received an inquiry from the port and are cooperating,” said a ferry company "
        "spokesperson when contacted by the Herald."
    )
    assert quotes(text) == [
        ("a ferry company spokesperson", "We received an inquiry from the port and are cooperating")
    ]


def test_instead_between_a_subject_and_its_cue_leaves_the_subject() -> None:
    text = (
        "The crews met on Monday. Nora Vance spoke first. "
        "She instead told the BBC: “We were ready for a long strike.”"
    )
    assert quotes(text) == [("Nora Vance", "We were ready for a long strike.")]


def test_a_subject_after_a_lowercase_role_is_the_he_of_the_next_sentence() -> None:
    text = (
        "“The ferries will sail on Monday,” port director Tom Hale said at a briefing.\n\n"
        "The crews met in Dover on Tuesday.\n\n"
        "Union secretary Ivan Petrov has called for a new rota. He proposes ending the night "
        "shifts for every crew."
    )
    got = [(s, c) for _, s, _, c in found(text)]
    assert ("Ivan Petrov", "ending the night shifts for every crew") in got


def test_a_name_after_a_family_role_and_its_comma_is_the_next_pronouns_antecedent() -> None:
    text = (
        "“The port was careless,” Ana Ruiz said.\n\nThe crews met on Tuesday. Tom Berg's mother, "
        "Irene Pring, said the ferry was unsafe. She said: “We are sure the company knew.”"
    )
    assert quotes(text)[1] == ("Irene Pring", "We are sure the company knew.")


def test_a_plural_subject_calling_for_a_quotation_is_its_speaker() -> None:
    text = (
        "The dockers' report found the rota unsafe. Its authors call for "
        '"an urgent change to the night shifts across the port."'
    )
    assert quotes(text) == [
        ("Its authors", "an urgent change to the night shifts across the port.")
    ]
    # a call as a noun is no cue ('made a call for “…”')
    text = 'The union made a call for "an urgent change to the night shifts across the port."'
    assert quotes(text) == []


def test_a_think_tank_is_no_cue() -> None:
    got = found(
        LEAD + "Analysts at the Harbour Policy Institute think tank say the rota is unsafe."
    )
    assert [(cue, c) for _, _, cue, c in got] == [("say", "the rota is unsafe")]

    text = LEAD + (
        "“The rota is unsafe,” Nora Vance, a research analyst at the Council on Ports, Ferries "
        "and Docks think tank, told the Herald."
    )
    assert quotes(text) == [("Nora Vance", "The rota is unsafe")]
