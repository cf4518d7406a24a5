"""The offline engine: each quoting construction on a short passage, then the seed end to end."""

from __future__ import annotations

import pytest

from summarizer import summarize
from summarizer.engines.offline.attribution import attribute_quotes
from summarizer.engines.offline.engine import summarize_offline

MARKS = "“”‘’«»‹›„\"'"


def quotes(text: str) -> list[tuple[str, str, str]]:
    found = attribute_quotes(text)
    for q in found:
        body = text[q.start : q.end]
        assert body == body.strip() and body[0] not in MARKS, "marks and spaces excluded"
        assert text[: q.start].rstrip()[-1] in MARKS, "the span starts right after a quote mark"
    return [(text[q.start : q.end], q.speaker, q.speaker_kind) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” Maria Lopez said.", [("We will win", "Maria Lopez", "named")]),
        ("“We will win,” said Maria Lopez.", [("We will win", "Maria Lopez", "named")]),
        (
            "Maria Lopez told reporters: “We will win this fight.”",
            [("We will win this fight.", "Maria Lopez", "named")],
        ),
        (
            "According to Maria Lopez, “the count is not over.”",
            [("the count is not over.", "Maria Lopez", "named")],
        ),
        ('"We will win," Maria Lopez said.', [("We will win", "Maria Lopez", "named")]),
        (
            "The minister said: ‘We won’t back down’.",
            [("We won’t back down", "The minister", "named")],
        ),
        ("« We will win, » said Maria Lopez.", [("We will win", "Maria Lopez", "named")]),
    ],
)
def test_cue_orders_and_marks(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a question closes the sentence before its cue
        (
            "“Who pays for the bridge?” Ana Ruiz asked. “Nobody knows.”",
            [
                ("Who pays for the bridge?", "Ana Ruiz", "named"),
                ("Nobody knows.", "Ana Ruiz", "named"),
            ],
        ),
        # according to, leading the sentence or trailing it
        (
            "According to union leader Tom Berg, the offer is “an insult” to workers.",
            [("an insult", "Tom Berg", "named")],
        ),
        (
            "The plant will close in “a matter of weeks,” according to two managers.",
            [("a matter of weeks", "two managers", "anonymous")],
        ),
        # what X called
        (
            "Mayor Lena Holt criticised what she called a “reckless” budget.",
            [("reckless", "Lena Holt", "named")],
        ),
        # the cue clause closes the previous sentence of the paragraph
        (
            "The talks had stalled, Ana Ruiz said. “We are not going back to the table.”",
            [("We are not going back to the table.", "Ana Ruiz", "named")],
        ),
        # a second cue whose subject is a clause: the first cue's subject speaks
        (
            "Ana Ruiz said on Monday that she expects a deal but said “the timing is hard.”",
            [("the timing is hard.", "Ana Ruiz", "named")],
        ),
        # an appositive between the subject and the verb; a name after its title
        (
            "Ana Ruiz, the union's lawyer, rejected the offer and said it was “a non-starter.”",
            [("a non-starter.", "Ana Ruiz", "named")],
        ),
        (
            "“The count is fair,” said Election Commissioner Ana Ruiz of Maple County.",
            [("The count is fair", "Ana Ruiz", "named")],
        ),
        ("“It is over,” said Rep. J.D. Marsh (R-Ohio).", [("It is over", "J.D. Marsh", "named")]),
    ],
)
def test_more_attribution_constructions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert quotes(text) == expected


def test_partial_quote_inside_reported_speech() -> None:
    text = (
        "Senator Ann Kerr spoke on Monday. She said the plan was “dead on arrival” in the Senate."
    )
    assert quotes(text) == [("dead on arrival", "Ann Kerr", "named")]


def test_surname_resolves_to_the_full_name() -> None:
    text = "Mayor Tom Reed opened the bridge. “It took ten years,” Reed said."
    assert quotes(text) == [("It took ten years", "Tom Reed", "named")]


def test_pronoun_resolves_to_the_previous_speaker() -> None:
    text = (
        "“The budget is balanced,” Governor Ellen Park said on Tuesday.\n"
        "“Nobody believed it could be done,” she added."
    )
    assert [s for _, s, _ in quotes(text)] == ["Ellen Park", "Ellen Park"]


def test_anonymous_source_kept_as_described() -> None:
    text = "“The talks have stalled,” a source familiar with the negotiations said."
    assert quotes(text) == [
        ("The talks have stalled", "a source familiar with the negotiations", "anonymous")
    ]


def test_organization_speaker() -> None:
    text = "“The claims are baseless,” the Kremlin said in a statement."
    assert quotes(text) == [("The claims are baseless", "Kremlin", "organization")]  # one name


def test_quote_over_several_paragraphs() -> None:
    text = (
        "Jo March said the fight was far from over:\n"
        "“We have only begun to organize, and every county will hear from us.\n"
        "“We will not stop until the law changes,” she said."
    )
    found = quotes(text)
    assert [s for _, s, _ in found] == ["Jo March", "Jo March"]
    assert found[0][0].startswith("We have only begun")


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = "The so-called “reform” passed. Jones told MSNBC's “Morning Joe” the vote was close."
    assert quotes(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "She starred in the film “Long Road Home” in 1998.",
        "She also parodied the band's hit “Rain,” to great acclaim.",
        "She lampooned “The Midnight Hour Show” for years.",
    ],
)
def test_the_title_of_a_work_is_not_a_quote(sentence: str) -> None:
    text = "Ana Ruiz sang for years. " + sentence
    assert quotes(text) == []
    # a nickname in title case stays the words of whoever gave it
    named = "Ana Ruiz sang for years. She mocked the senator as “Miss Piggy” again."
    assert [(q, s) for q, s, _ in quotes(named)] == [("Miss Piggy", "Ana Ruiz")]


@pytest.mark.parametrize(
    "lead",
    ["known as the", "known as", "dubbed", "dubbed the", "nicknamed", "named", "the so-called"],
)
def test_a_name_given_in_quote_marks_is_not_a_quote(lead: str) -> None:
    """'the bill, known as the “Justice for Families Act”': a name, nobody's words."""
    text = (
        "Ana Ruiz said on Friday that if she won, “I would sign it the same day.”\n\n"
        f"After an outcry, the bill, {lead} “Justice for Victims of Terrorism Act” passed easily."
    )
    assert [(q, s) for q, s, _ in quotes(text)] == [("I would sign it the same day.", "Ana Ruiz")]


def test_according_to_a_source_reporting_someone_who_said_it() -> None:
    """'According to X, Y said …, “…”': the quoted words are Y's (X reports them); the cue of
    'According to X, “…”' is the article's own words, capital and all."""
    said = (
        "Officials met on Monday.\n\nAccording to the Daily Ledger, city spokesman Tom Berg said "
        "Friday that if the plan were to pass in May, “the mayor would sign it the same day.”"
    )
    assert [(q.speaker, q.cue) for q in attribute_quotes(said)] == [("Tom Berg", "said")]
    reported = "Officials met on Monday.\n\nAccording to the Daily Ledger, the plan was “dead”."
    assert [(q.speaker, q.cue) for q in attribute_quotes(reported)] == [
        ("the Daily Ledger", "According to")
    ]


def test_seed_end_to_end(seed: str) -> None:
    result = summarize_offline(seed, input_name="seed")
    assert result.run.engine == "offline" and result.run.attempts == 0
    texts = [q.text for q in result.quotes]
    assert len(texts) == 6
    for q in result.quotes:
        assert seed[q.start : q.end] == q.text and q.found_by == "offline"
        assert q.cue in seed  # the article's own words, as written
    anonymous = [q for q in result.quotes if q.speaker_kind == "anonymous"]
    assert [q.text for q in anonymous] == ["very good"]
    assert anonymous[0].speaker.lower().startswith("a source familiar")
    assert all(q.speaker == "Donald Trump" for q in result.quotes if q not in anonymous)
    assert "Follow us on" not in result.model_dump_json()
    kinds = {oq.kind for oq in result.open_questions}
    assert {"unresolved", "unconfirmed"} <= kinds
    for oq in result.open_questions + [kp for kp in result.summary.key_points]:  # type: ignore[operator]
        for e in oq.evidence:
            assert seed[e.start : e.end] == e.text


def test_auto_without_key_uses_offline(seed: str, caplog: pytest.LogCaptureFixture) -> None:
    result = summarize(seed, input_name="seed")
    assert result.run.engine == "offline"
    assert any("OPENAI_API_KEY" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("lead", "speaker"),
    [("Tom Berg said:", "Tom Berg"), ("Berg stated,", "Berg"), ("Tom Berg reasoned:", "Tom Berg")],
)
def test_a_lead_in_that_ends_a_paragraph_after_another_sentence(lead: str, speaker: str) -> None:
    """'The hearing resumed. Tom Berg said:\n\n“…”': the speaker is the lead-in sentence's, not
    a phrase running from the paragraph's first word; a comma ends a lead-in right after its cue."""
    text = (
        f"The hearing resumed on Monday after a long delay. {lead}\n\n"
        "“Tom was taken to an office on the third floor where a lawyer questioned him.”\n\n"
        "The church denied it."
    )
    assert [s for _, s, _ in quotes(text)] == [speaker]


def test_a_comma_ending_a_paragraph_far_from_a_cue_is_no_lead_in() -> None:
    """'Tom Berg said he would come, and,' (a cue, then more words, then a comma) leads nothing."""
    text = (
        "The hearing resumed on Monday. Tom Berg said the court was closed for the day, and so,\n\n"
        "“Everyone will come back tomorrow at nine for the rest of the evidence.”\n\n"
        "The church denied it."
    )
    assert quotes(text) == []


def test_in_the_words_of_a_speaker() -> None:
    """'In the words of the prosecutor, “…”': the prosecutor's, with the article's own cue."""
    text = (
        "The trial continued on Monday. In the words of the prosecutor, “Ana spent the last "
        "months of her life crying.” The defence disagreed."
    )
    assert [(q.speaker, q.cue) for q in attribute_quotes(text)] == [
        ("the prosecutor", "In the words of")
    ]
