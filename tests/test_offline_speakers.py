"""Speakers of the offline engine: which mention attributes a quote, and how it resolves."""

from __future__ import annotations

from summarizer.engines.offline.attribution import attribute_quotes
from summarizer.evaluation.attributions import head_word


def speakers(text: str) -> list[tuple[str, str]]:
    return [(text[q.start : q.end], q.speaker) for q in attribute_quotes(text)]


def test_cue_after_and_opens_a_new_clause() -> None:
    """'X said they would take “…” in response, and he urged …': the quote is X's, not that of
    whoever 'he' would resolve to."""
    text = (
        "Mayor Tom Hale condemned the vote. “It is a disgrace,” he said.\n\n"
        "Secretary of State Sam Ortiz said the state would take “firm steps” in response, and he "
        "urged the council to act.\n\n“We remain open to talks,” he said."
    )
    assert speakers(text) == [
        ("It is a disgrace", "Tom Hale"),
        ("firm steps", "Sam Ortiz"),
        ("We remain open to talks", "Sam Ortiz"),
    ]


def test_cue_after_the_quote_still_attributes_it_without_a_cue_before() -> None:
    text = "Officials were upbeat. “We are ready,” Ana Ruiz said, and she left."
    assert speakers(text) == [("We are ready", "Ana Ruiz")]


def test_head_word_of_a_title_of_an_office_and_a_name() -> None:
    assert head_word("Secretary of State John F. Kerry") == "kerry"
    assert head_word("Director of National Intelligence James R. Clapper, who spoke") == "clapper"
    assert head_word("Secretary of Homeland Security") == "secretary"
    assert head_word("the president of the United States") == "president"
