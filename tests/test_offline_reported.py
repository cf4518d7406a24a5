"""The offline engine beyond quotes: reported speech, speakers, stances, open questions, headline,
and the evaluation that scores them. Every passage is our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.engines.offline.attribution import RULE_NAMES, attribute_quotes, tidy_name
from summarizer.engines.offline.engine import build_offline, shorten_at_clause, summarize_offline
from summarizer.engines.offline.reported import attributions
from summarizer.evaluation.attributions import head_word, speaker_matches_strict
from summarizer.evaluation.quotes import _strict_target, evaluate, offline_extract
from summarizer.schema import ArticleSummary


def reported(text: str) -> list[tuple[str, str, str, str, str]]:
    """(kind, speaker, cue, content, rule) of every attribution, offsets checked."""
    summary, attributor = build_offline(text, input_name="t")
    out = []
    for a in summary.attributions:
        for span in (a.cue, a.content, a.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
        out.append((a.kind, a.speaker, a.cue.text, a.content.text, a.rule or ""))
    assert len(attributions(attributor)) == len(out)
    return out


# -- reported speech, one construction each --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mayor Lena Holt said on Monday that the bridge would reopen in May.",
            (
                "indirect",
                "Lena Holt",
                "said",
                "the bridge would reopen in May",
                "subject_cue_clause",
            ),
        ),
        (
            "Lena Holt told reporters the bridge would reopen in May.",
            (
                "indirect",
                "Lena Holt",
                "told reporters",
                "the bridge would reopen in May",
                "subject_cue_clause",
            ),
        ),
        (
            "Tom Berg, a spokesman for the port authority, said the cranes were safe to use.",
            ("indirect", "Tom Berg", "said", "the cranes were safe to use", "subject_cue_clause"),
        ),
        (
            "The cranes were never safe to use, Tom Berg said.",
            (
                "indirect",
                "Tom Berg",
                "said",
                "The cranes were never safe to use",
                "clause_then_cue",
            ),
        ),
        (
            "According to two engineers, the cranes were never inspected.",
            (
                "indirect",
                "two engineers",
                "According to",
                "the cranes were never inspected",
                "according_to",
            ),
        ),
        (
            "The cranes were never inspected, according to the port authority.",
            (
                "indirect",
                "the port authority",
                "according to",
                "The cranes were never inspected",
                "according_to",
            ),
        ),
        (
            "Ana Ruiz, a lawyer for the union, which represents dockers, said the deal was void.",
            ("indirect", "Ana Ruiz", "said", "the deal was void", "subject_cue_clause"),
        ),
        (
            "Sen. Omar Duarte (D-Ohio) said the port needed more inspectors.",
            (
                "indirect",
                "Omar Duarte",
                "said",
                "the port needed more inspectors",
                "subject_cue_clause",
            ),
        ),
        (
            "The port needs more inspectors, said Omar Duarte, a senator from the coast.",
            (
                "indirect",
                "Omar Duarte",
                "said",
                "The port needs more inspectors",
                "clause_then_cue",
            ),
        ),
        (
            "Lena Holt attacked the plan on Monday, saying that it would cost hundreds of jobs.",
            (
                "indirect",
                "Lena Holt",
                "saying",
                "it would cost hundreds of jobs",
                "participle_clause",
            ),
        ),
        (
            "Republicans said the plan would raise taxes on every family in the county.",
            (
                "indirect",
                "Republicans",
                "said",
                "the plan would raise taxes on every family in the county",
                "subject_cue_clause",
            ),
        ),
        (
            "Priya Okafor wants to double the number of inspectors at the port.",
            (
                "indirect",
                "Priya Okafor",
                "wants",
                "to double the number of inspectors at the port",
                "subject_attitude_verb",
            ),
        ),
    ],
)
def test_reported_speech_constructions(text: str, expected: tuple[str, str, str, str, str]) -> None:
    got = reported(text)
    # a sentence may hold more than one attribution ('attacked the plan, saying …': two)
    assert expected in got and len(got) <= 2


def test_reported_speech_holding_a_quote_is_mixed_and_a_quote_alone_is_direct() -> None:
    text = (
        "Lena Holt said the budget was “a fantasy” and would not pass.\n\n"
        "“We will vote against it,” Tom Berg said."
    )
    got = reported(text)
    assert [(k, s) for k, s, _, _, _ in got] == [("mixed", "Lena Holt"), ("direct", "Tom Berg")]
    assert got[0][3] == "the budget was “a fantasy” and would not pass"
    assert got[1][2] == "said" and got[1][3] == "We will vote against it"


def test_a_statement_over_several_paragraphs_is_one_attribution() -> None:
    text = (
        "“We have waited ten years for this bridge,” Mayor Lena Holt said.\n\n"
        "“Every family in the county will use it, and every business will feel it.”"
    )
    got = reported(text)
    assert len(got) == 1 and got[0][3].startswith("We have waited") and got[0][3].endswith("it.")


def test_a_quote_split_by_its_cue_is_one_attribution() -> None:
    text = "“We have waited ten years,” Mayor Lena Holt said, “and we will wait no longer.”"
    got = reported(text)
    assert len(got) == 1 and got[0][3].startswith("We have waited") and got[0][0] == "direct"


def test_no_attribution_without_a_speaker() -> None:
    assert reported("The bridge reopened in May after repairs that lasted two years.") == []


# -- speakers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "“The vote is rigged,” Even said.",  # an adverb
        "For the union, “the vote is rigged,” said nobody.",  # a phrase
        "“The vote is rigged,” Securities said.",  # a lone common noun
    ],
)
def test_speakers_that_name_nobody_are_dropped(text: str) -> None:
    assert attribute_quotes(text) == []


@pytest.mark.parametrize(
    "speaker", ["a woman", "one man", "a pupil", "a passenger", "fans", "one pensioner"]
)
def test_an_unnamed_person_described_by_a_common_noun_is_a_speaker(speaker: str) -> None:
    text = f"The ferry was late again. “We waited two hours in the rain,” {speaker} said."
    assert [(q.speaker, q.speaker_kind) for q in attribute_quotes(text)] == [(speaker, "anonymous")]


def test_anyone_at_all_is_no_speaker() -> None:
    text = (
        "Ask yourself: would you vote for a Catholic or Baptist, man or woman, who said and did "
        "the same things as Smith."
    )
    assert reported(text) == []


def test_courtesy_title_resolves_by_gender_and_surname() -> None:
    text = (
        "Donald Reed and Melania Reed arrived at the gala.\n\n"
        "“We are thrilled,” Mrs. Reed said.\n\n“So am I,” Mr. Reed said."
    )
    assert [q.speaker for q in attribute_quotes(text)] == ["Melania Reed", "Donald Reed"]


def test_courtesy_title_never_resolves_to_the_other_gender() -> None:
    text = "Donald Reed spoke first.\n\n“We are thrilled,” Mrs. Reed said."
    assert [q.speaker for q in attribute_quotes(text)] == ["Mrs. Reed"]


def test_a_participle_after_a_joined_clause_is_that_clause_subjects() -> None:
    text = (
        "Norway says the ship was seized in open waters and Prime Minister Ola Berg voiced his "
        "anger at the Danish government on Monday, accusing it of reckless piracy at sea."
    )
    got = {(speaker, cue) for _, speaker, cue, _, _ in reported(text)}
    assert ("Norway", "says") in got and ("Ola Berg", "accusing") in got
    assert ("Norway", "accusing") not in got


@pytest.mark.parametrize("body", ["Coastal Smuggling Task Force", "Harbor Art Project"])
def test_he_or_she_is_never_a_body_whose_name_ends_in_a_body_word(body: str) -> None:
    text = (
        f"The boat was seized last month by officers of the {body}. "
        "She said the boat had been rented by a friend for the weekend."
    )
    assert [speaker for _, speaker, *_ in reported(text)] == []
    named = "Kaveri Ozturk is a sailor. " + text  # (a name that gives no sex)
    assert [speaker for _, speaker, *_ in reported(named)] == ["Kaveri Ozturk"]


def test_a_prince_is_he_not_she() -> None:
    text = (
        "Kaveri Ozturk sat beside Prince Tomas at the dinner. She said the evening had raised "
        "money for the hospital."
    )
    assert [speaker for _, speaker, *_ in reported(text)] == ["Kaveri Ozturk"]


@pytest.mark.parametrize("title", ["Dr", "Dr.", "Prof", "Prof."])
def test_a_title_and_a_surname_alone_are_a_person_with_or_without_the_period(title: str) -> None:
    # (British style drops the period: 'Dr Halvorsen' is a person, as 'Dr. Halvorsen' is, and
    # 'he' after 'at Kon Tum' is that person, not the place)
    text = (
        f"Born in 1950, {title} Halvorsen did not do well at school. Later he was sent to the war. "
        "As a medic in the field hospital at Kon Tum, he treated hundreds of soldiers. "
        "“Life was so cheap there,” he said."
    )
    assert [q.speaker for q in attribute_quotes(text)] == ["Halvorsen"]


def test_a_role_before_a_name_is_part_of_the_speaker() -> None:
    text = "“The vote was close,” said Westbrook Radio host Nadia Keane."
    assert [q.speaker for q in attribute_quotes(text)] == ["Nadia Keane"]


def test_a_role_noun_resolves_to_the_person_with_that_title() -> None:
    text = (
        "Governor Tom Marsh met Claire Sato in New Hollis, near the governor's office.\n\n"
        "“We have a deal,” the governor said."
    )
    assert [q.speaker for q in attribute_quotes(text)] == ["Tom Marsh"]


def test_organization_only_for_bodies() -> None:
    text = (
        "“We will appeal,” port authority spokesman Tom Berg said.\n\n"
        "“The ruling stands,” the Justice Department said."
    )
    got = [(q.speaker, q.speaker_kind) for q in attribute_quotes(text)]
    assert got == [("Tom Berg", "named"), ("Justice Department", "organization")]


@pytest.mark.parametrize(
    ("run", "name"),
    [
        ("Charlotte Mayor Jennifer Roberts", "Jennifer Roberts"),
        ("Chris Christie Calls Hillary Clinton", "Chris Christie"),
        ("Netflix Friday", "Netflix"),
        ("Jo March", "Jo March"),
    ],
)
def test_names_are_tidied(run: str, name: str) -> None:
    assert tidy_name(run) == name


def test_each_quote_records_its_rule() -> None:
    text = "“We will win,” Maria Lopez said. “And we will build.”"
    rules = [q.rule for q in attribute_quotes(text)]
    assert rules == ["speaker_then_cue_after", "resumed_after_cue"]
    assert set(rules) <= set(RULE_NAMES)


# -- stances -----------------------------------------------------------------------------

ARTICLE = (
    "Maple Falls approves plan to repair bridges\n\n"
    "Maple Falls Mayor Lena Holt said on Monday that the city would repair six bridges this year, "
    "after a long dispute over the bridge repair budget.\n\n"
    "Tom Berg, a council member, criticized the bridge repair plan as too slow.\n\n"
    "“We cannot wait another winter,” Berg said.\n\n"
    "A source familiar with the budget said the repairs could cost more than planned.\n\n"
    "The repairs will cost $40 million.\n\n"
    "The state transport agency did not respond to a request for comment."
)


def test_stances_from_what_actors_said() -> None:
    result = summarize_offline(ARTICLE, input_name="a")
    by_actor = {s.actor: s for s in result.stances}
    holt = by_actor["Lena Holt"]
    assert holt.position.startswith("the city would repair six bridges this year")
    assert holt.role == "Maple Falls Mayor"
    assert holt.stance == "unclear"  # the article does not say she supports anything
    assert "bridge" in holt.topic and len(holt.topic.split()) <= 4
    berg = by_actor["Tom Berg"]
    assert berg.role == "a council member"
    assert berg.stance == "opposes" and berg.topic == "the bridge repair plan"
    assert by_actor["A source familiar with the budget"].role == "unnamed source"
    for stance in result.stances:
        for e in stance.evidence:
            assert ARTICLE[e.start : e.end] == e.text


PLAYERS = (
    "Rovers fined after a brawl in the derby\n\n"
    "Ada Quist, a Rovers defender, decided on Monday to weigh in on the brawl, saying that the "
    "referee should be disciplined for his role in the fight.\n\n"
    "Owen Marsh, who joked about the referee's eyesight, said the players would "
    "appeal the fines.\n\n"
    "A spokesperson for the league declined to comment."
)


def test_a_stance_says_what_the_actor_said_and_a_clause_is_not_a_role() -> None:
    by_actor = {s.actor: s for s in summarize_offline(PLAYERS, input_name="a").stances}
    # 'decided to weigh in' is what she did; what she said comes after 'saying'
    assert by_actor["Ada Quist"].position.startswith("the referee should be disciplined")
    marsh = by_actor["Owen Marsh"]
    assert marsh.position.startswith("the players would appeal the fines")
    assert "joked" not in marsh.role  # ', who joked about …,' is a clause, not a role
    # a refusal to speak is no position (rules-15; it stays an attribution)
    assert "A spokesperson for the league" not in by_actor


def test_a_position_keeps_the_verb_of_its_object_pronoun_and_drops_when_it_was_said() -> None:
    text = (
        "Harbour Trust raises mooring fees\n\n"
        "Mayor Lena Holt said the fees were unfair to the families of the harbour, following "
        "a meeting on Friday with the Harbour Trust.\n\n"
        "Boat owners have described them as a tax on the families who live on the water."
    )
    by_actor = {s.actor: s for s in summarize_offline(text, input_name="a").stances}
    assert by_actor["Lena Holt"].position == "the fees were unfair to the families of the harbour"
    assert by_actor["Boat owners"].position.startswith("described them as a tax")


def test_a_topic_is_a_phrase_the_article_repeats_not_one_with_the_next_verb() -> None:
    text = (
        "Lena Holt Hammers Harbour Trust Over Mooring Fees\n\n"
        "The Harbour Trust raised its mooring fees twice this year, and boat owners now pay "
        "double. Holt said the fees charged by the Harbour Trust were unfair to families.\n\n"
        "Fees at the Harbour Trust marina are the highest on the coast."
    )
    topics = {s.topic for s in summarize_offline(text, input_name="a").stances}
    assert topics == {"Harbour Trust"}  # not 'Harbour Trust raised'


# -- open questions ----------------------------------------------------------------------


def test_open_questions_a_reader_needs() -> None:
    result = summarize_offline(ARTICLE, input_name="a")
    kinds = [q.kind for q in result.open_questions]
    questions = " ".join(q.question for q in result.open_questions)
    assert len(kinds) <= 5
    assert kinds[0] == "unconfirmed" and "source familiar with the budget" in questions
    assert "“$40 million”" in questions  # a figure with no source
    assert "state transport agency" in questions  # no response from the party concerned
    for q in result.open_questions:
        for e in q.evidence:
            assert ARTICLE[e.start : e.end] == e.text


def test_an_administration_other_than_the_presidents_is_questioned() -> None:
    text = (
        "President Ana Ruiz met the governors on Friday.\n\n"
        "The Marsh administration's freeze on road funds earlier this week angered them."
    )
    result = summarize_offline(text, input_name="a")
    assert result.open_questions[0].kind == "inconsistency"
    assert "Marsh administration" in result.open_questions[0].question
    assert "freeze on road funds" in result.open_questions[0].question


def test_numbers_that_disagree_are_questioned() -> None:
    text = (
        "The survey found 24 percent of voters undecided.\n\n"
        "Later the paper said 31 percent of voters were undecided."
    )
    result = summarize_offline(text, input_name="a")
    assert any(
        q.kind == "inconsistency" and "24 percent" in q.question and "31 percent" in q.question
        for q in result.open_questions
    )


@pytest.mark.parametrize(
    "body",
    [
        # two values in one sentence are two parts of a whole
        "Farms (covering 65 percent of the county) and forests (covering 17 percent of the "
        "county) dominate the map.",
        # two values said of different things
        "Farms cover 65 percent of the county.\n\nHills and old quarries represent 14 percent "
        "of the county.",
        # 'percent of its …': the whole is further on
        "Sales fell 13 percent of its total in May.\n\nCosts rose to 40 percent of its budget.",
    ],
)
def test_two_parts_of_a_whole_do_not_disagree(body: str) -> None:
    text = "The survey of the county is out.\n\n" + body
    result = summarize_offline(text, input_name="a")
    assert [q for q in result.open_questions if q.kind == "inconsistency"] == []


def test_hedges_only_on_full_clauses() -> None:
    text = (
        "The council may approve the plan next month.\n\n"
        "Residents fear the so-called possible closure of the old bridge."
    )
    result = summarize_offline(text, input_name="a")
    hedges = [q.question for q in result.open_questions if q.kind == "unresolved"]
    assert hedges == ["Will the council approve the plan next month?"]


@pytest.mark.parametrize(
    ("clause", "hedge", "question"),
    [
        # the hedge's subject and what follows it, asked in the article's words
        (
            "the repairs could cost more than planned",
            "could",
            "Will the repairs cost more than planned?",
        ),
        (
            "the pupils of the harbour school are likely to do better in exams",
            "likely to",
            "Will the pupils of the harbour school do better in exams?",
        ),
        ("Ana Ruiz plans to rebuild the levee", "plans to", "Will Ana Ruiz rebuild the levee?"),
        ("His plan could cost more than planned", "could", "Will his plan cost more than planned?"),
        (
            "But one man's catchy song could prove to be another's burden",
            "could",
            "Will one man's catchy song prove to be another's burden?",
        ),
        # the question ends where another clause begins
        (
            "a draw would lift the Rovers above the bottom three but they will sink below it if "
            "Maple wins",
            "would",
            "Will a draw lift the Rovers above the bottom three?",
        ),
        (
            "the fish could swim in and out and he could scoop them up",
            "could",
            "Will the fish swim in and out?",
        ),
        (
            "Tom Berg would be suspended for a week",
            "would",
            "Will Tom Berg be suspended for a week?",
        ),
        # what a subject said is the question's own claim
        (
            "Critics say the levee bill could lead to the sale of the old ferry pier",
            "could",
            "Will the levee bill lead to the sale of the old ferry pier?",
        ),
        (
            "a foal could be called Rory - after the ferryman",
            "could",
            "Will a foal be called Rory?",
        ),
        # 'X said it …': X
        (
            "Carden has since said it is in discussions to buy more pumps",
            "in discussions",
            "Will Carden buy more pumps?",
        ),
        (
            "The Maple Trust said it may be stripped of its control of the ferries",
            "may",
            "Will the Maple Trust be stripped of its control of the ferries?",
        ),
        ("Carden is in talks with the council", "in talks", ""),
        # a clause cut at 25 words is asked when the question ends sooner
        (
            "Ana Ruiz could face a long suspension after a phone clip surfaced that seemed to show "
            "her shoving a linesman at the…",
            "could",
            "Will Ana Ruiz face a long suspension?",
        ),
        ("the council could approve the plan at its meeting on the…", "could", ""),
        # hearsay: is it confirmed, without the hedge
        (
            "Tom Berg reportedly met the envoy in May",
            "reportedly",
            "Is it confirmed that Tom Berg met the envoy in May?",
        ),
        # hearsay cut where another clause begins; 'has plans to' is a plan
        (
            "Tom Berg allegedly broke the levee gate with one kick after he was refused entry and…",
            "allegedly",
            "Is it confirmed that Tom Berg broke the levee gate with one kick?",
        ),
        (
            "Maple Farms has plans to sue the county on Monday",
            "plans to",
            "Will Maple Farms sue the county on Monday?",
        ),
        # 'X is reportedly being …': the auxiliary stays with the claim
        (
            "Maple Farms is reportedly being investigated by the state",
            "reportedly",
            "Is it confirmed that Maple Farms is being investigated by the state?",
        ),
        # a verb of thinking or showing in the subject: what follows is the claim's subject
        (
            "Ana Ruiz thought voters would reject the levee tax",
            "would",
            "Will voters reject the levee tax?",
        ),
        (
            "a presentation to bondholders indicated jobs would be cut",
            "would",
            "Will jobs be cut?",
        ),
        ("The estimates could be wrong", "could", "Will the estimates be wrong?"),
        # no plain subject, or no verb after the hedge: asked as they are ('')
        ("the plan could not pass", "could", ""),
        ("the mayor may have broken the rules", "may", ""),
        ("Asked whether the port would reopen", "would", ""),
        ("The star backed Labour's plans to ban the contracts", "plans to", ""),
        ("the Rovers have won all five and knowing victory would secure it", "would", ""),
        ("the plan, which could cost more", "could", ""),
        ("Dame Ana announced her bakery would be sold off", "would", ""),
        # a common word opening the sentence is lowercased; a country or a name of two
        # capitals is not
        (
            "Data from the box could help settle the dispute",
            "could",
            "Will data from the box help settle the dispute?",
        ),
        ("Germany could buy more pumps", "could", "Will Germany buy more pumps?"),
        ("Mark Carney could cut the rates", "could", "Will Mark Carney cut the rates?"),
    ],
)
def test_a_hedged_clause_asked_in_its_own_words(clause: str, hedge: str, question: str) -> None:
    from summarizer.engines.offline.questions import as_question

    assert as_question(clause, hedge, "") == question


@pytest.mark.parametrize(
    "sentence",
    [
        "Skipper Ana Ruiz told the Gazette: 'The boat is fine. I could not be happier with it.'",
        "But while the port could reopen soon, the harbour board has given no date.",
        "Or because the tide might turn?",
        "The board was clear. ' Unfortunately the port may stay closed,' the skipper wrote.",
        # a name or a month, not the verb: 'Jonny May', 'in May'
        "But late tries from Jonny May and Ana Ruiz sealed the harbour team's win.",
        "The harbour board reopened the port in May after the repairs were finished.",
        # a past that did not happen, a habit, a concession: no open possibility
        "The harbour master would have been replaced by now without the storm.",
        "In the old days the fishermen would often sleep on their boats.",
        "The harbour may only be small, but the port is busy.",
        "Even if the fishermen would prefer to stay, the harbour will close in June.",
        "The harbour master would not discuss whether the port will reopen in June.",
        "The fishermen would typically leave the harbour before dawn.",
        "From the quay the fishermen could see the storm coming in from the west.",
        # a hedge that asks nothing in its own words (a pronoun subject, a negation)
        "That would mean more than 46,000 boats in the harbour this summer.",
        "The new owners would not keep up the harbour's old ferry timetable.",
        # a wish, and a byline's address
        "The harbour board would like to see the port reopen before the summer.",
        "Ana Ruiz may be reached at aruiz@example.com or on the harbour desk.",
    ],
)
def test_no_hedge_question_on_someones_words_half_a_sentence_or_a_question(
    sentence: str,
) -> None:
    text = "The harbour closed on Monday after a storm.\n\n" + sentence
    result = summarize_offline(text, input_name="a")
    assert [q.question for q in result.open_questions if q.kind == "unresolved"] == []


# -- headline ----------------------------------------------------------------------------


def test_headline_is_the_page_title_when_given() -> None:
    result = summarize_offline(ARTICLE, input_name="a", title="  Bridges: the  plan ")
    assert result.summary.headline == "Bridges: the plan"


def test_headline_is_the_lead_cut_at_a_clause_boundary() -> None:
    lead = (
        "The city council of Maple Falls voted on Monday to repair six of its oldest bridges "
        "this year, following a dispute over the budget that lasted for most of the spring"
    )
    assert shorten_at_clause(lead) == (
        "The city council of Maple Falls voted on Monday to repair six of its oldest bridges "
        "this year"
    )
    long_phrase = " ".join(["word"] * 30)
    assert shorten_at_clause(long_phrase) == long_phrase  # never cut mid-phrase
    spaced = " as " + long_phrase  # (a boundary word with nothing before it)
    assert shorten_at_clause(spaced) == spaced


def test_headline_never_ends_on_a_conjunction_nor_starts_with_a_dateline() -> None:
    lead = (
        "The harbour board turned the plan to dredge the old channel into a race against the "
        "tide and, with help from three towns along the coast, finished the work in a single week"
    )
    assert shorten_at_clause(lead) == (
        "The harbour board turned the plan to dredge the old channel into a race against the tide"
    )
    body = "The harbour reopened on Monday after a week of dredging, the port said.\n\nMore."
    for dateline in ("(HNN)", "LISBON (Harbour News) - ", "PORTO (HN) — ", "(HNN) --\n\n"):
        headline = summarize_offline(dateline + body, input_name="a").summary.headline
        assert headline.startswith("The harbour reopened on Monday"), headline


# -- the seed ----------------------------------------------------------------------------


def test_seed_zelensky_stance_and_the_administration_question(seed: str) -> None:
    result = summarize_offline(seed, input_name="seed")
    zelensky = next(s for s in result.stances if s.actor == "Volodymyr Zelensky")
    assert zelensky.role == "Ukrainian President"
    assert zelensky.position.startswith("he and Trump had agreed to strengthen")
    assert any(
        q.kind == "inconsistency" and "Biden administration" in q.question
        for q in result.open_questions
    )
    assert "Patriot" in zelensky.topic
    ArticleSummary.model_validate(result.model_dump())  # the attributions validate


# -- evaluation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("np", "head"),
    [
        ("White House spokesman Josh Earnest", "earnest"),
        ("a source familiar with the call", "source"),
        ("The New York Times", "times"),
        ("Sen. Ted Cruz (R-Texas)", "cruz"),
        ("Clinton’s", "clinton"),
    ],
)
def test_head_word(np: str, head: str) -> None:
    assert head_word(np) == head


def test_strict_speaker_match() -> None:
    assert speaker_matches_strict("Mrs. Reed", "Melania Reed")
    assert not speaker_matches_strict("the port authority", "Tom Berg")


def gold_doc() -> dict[str, object]:
    text = (
        "Lena Holt said the bridge would reopen in May.\n\n"
        "“It is safe,” Tom Berg said.\n\n"
        "The river rose two feet overnight."
    )
    content = text.index("the bridge")
    quote = text.index("It is")
    return {
        "doc_id": "own-1",
        "text": text,
        "attributions": [
            {
                "source": {"ranges": [[0, 9]], "text": "Lena Holt"},
                "cue": {"text": "said"},
                "content": {"ranges": [[content, content + 30]], "text": ""},
                "has_quote_marks": False,
                "source_is_pronoun": False,
            },
            {
                "source": {"ranges": [[0, 0]], "text": "Tom Berg"},
                "cue": {"text": "said"},
                "content": {"ranges": [[quote - 1, quote + 12]], "text": ""},
                "has_quote_marks": True,
                "source_is_pronoun": False,
            },
            {
                "source": {"ranges": [[0, 0]], "text": "the river gauge"},
                "cue": {"text": "shows"},
                "content": {"ranges": [[text.index("The river"), len(text)]], "text": ""},
                "has_quote_marks": False,
                "source_is_pronoun": False,
            },
        ],
    }


def test_evaluation_scores_attributions_and_rules() -> None:
    score = evaluate([gold_doc()], offline_extract)
    r = score.as_dict()
    assert r["quote_f1"] == 1.0 and r["speaker_accuracy_strict"] == 1.0
    assert r["attribution_precision"] == 1.0 and r["attribution_recall"] == round(2 / 3, 3)
    assert r["attribution_f1_unquoted"] == round(2 * 1 * 0.5 / 1.5, 3)
    rules = score.rules_dict()
    assert rules["attributions"]["subject_cue_clause"]["tp"] == 1
    assert rules["quotes"]["speaker_then_cue_after"]["tp"] == 1
    # every speaker produced: of quotes and of reported speech
    assert score.speakers == {"Tom Berg": 1, "Lena Holt": 1}


def test_eval_command_json_and_speakers(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_doc()) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    for key in (
        "quote_f1",
        "speaker_accuracy",
        "speaker_accuracy_strict",
        "attribution_f1",
        "attribution_f1_unquoted",
        "articles_per_s",
    ):
        assert key in figures
    listing = runner.invoke(app, ["eval", str(gold), "--speakers"])
    assert listing.exit_code == 0
    assert listing.stdout.split() == ["1", "Lena", "Holt", "1", "Tom", "Berg"]


def test_a_cue_in_the_middle_of_a_statement_gives_one_attribution() -> None:
    text = (
        "The levee will hold through the spring, Mayor Ana Ruiz said, until the river crests "
        "in May.\n\nThe council met on Monday."
    )
    found = [a for a in reported(text) if a[0] == "indirect"]
    assert len(found) == 1
    _, speaker, cue, content, _ = found[0]
    assert (speaker, cue) == ("Ana Ruiz", "said")
    assert content.startswith("The levee will hold") and content.endswith("crests in May")


def test_a_participle_after_a_cue_stays_a_second_statement() -> None:
    text = (
        "“We need the dam,” the mayor said, adding that the council would vote on the plan "
        "in June.\n\nThe council met on Monday."
    )
    contents = [a[3] for a in reported(text)]
    assert any("council would vote" in c for c in contents)
    assert not any(c.startswith("We need the dam") and "council would vote" in c for c in contents)


def test_according_to_a_report_by_someone_names_its_author() -> None:
    text = (
        "Most renters would pay more under the plan, according to an analysis by Ana Ruiz.\n\n"
        "The council met on Monday."
    )
    found = [a for a in reported(text) if a[4] == "according_to"]
    assert found and found[0][1] == "Ana Ruiz"
    assert found[0][3] == "Most renters would pay more under the plan"


@pytest.mark.parametrize("dateline", ["(Reuters) — ", "MAPLE CITY (AP) - ", "(CNN)"])
def test_a_dateline_is_not_part_of_what_was_said(dateline: str) -> None:
    text = (
        "Levee inquiry opens\n\n" + dateline + "The county is investigating the levee board, "
        "according to two people close to the inquiry."
    )
    assert [(a[1], a[3]) for a in reported(text)] == [
        ("two people close to the inquiry", "The county is investigating the levee board")
    ]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # the source is followed by more of the sentence, not by its end
        (
            "Tolls would rise by 9 percent, according to the harbour board, twice what it had "
            "projected for the ferries.",
            "the harbour board",
        ),
        (
            "Most levees would hold, according to Ana Ruiz, head of the county survey office, "
            "and two other engineers.",
            "Ana Ruiz",
        ),
        # statistics and a census are documents that say something
        (
            "About 9,000 families live on the coast, according to federal statistics.",
            "federal statistics",
        ),
    ],
)
def test_according_to_with_more_after_its_source(sentence: str, source: str) -> None:
    text = "The levee vote was held on Monday.\n\n" + sentence
    found = [a for a in reported(text) if a[4] == "according_to"]
    assert [(a[1], a[3]) for a in found] == [(source, sentence.partition(", according")[0])]


@pytest.mark.parametrize(
    ("title", "speaker", "cue", "content"),
    [
        (
            "Ana Ruiz Vows To Rebuild The Harbour Levee.",
            "Ana Ruiz",
            "Vows",
            "To Rebuild The Harbour Levee",
        ),
        ("Ana Ruiz Blames Council For The Flood.", "Ana Ruiz", "Blames", "Council For The Flood"),
    ],
)
def test_a_title_whose_subject_acts_or_speaks(
    title: str, speaker: str, cue: str, content: str
) -> None:
    text = f"{title}\n\nAna Ruiz, the mayor, said on Monday that the work would start soon."
    found = [a for a in reported(text) if a[4] == "headline"]
    assert [a[1:4] for a in found] == [(speaker, cue, content)]


@pytest.mark.parametrize(
    "title",
    [
        "Small Steps Toward A Safer Harbour.",  # a plural noun, no verb
        "Harbour Levee Plans For The Spring.",  # a subject the article never names again
    ],
)
def test_a_title_without_an_actor_gives_no_attribution(title: str) -> None:
    text = f"{title}\n\nAna Ruiz, the mayor, spoke on Monday. The council met after the storm."
    assert not [a for a in reported(text) if a[4] == "headline"]


def test_an_act_is_an_attribution_but_not_a_stance() -> None:
    text = (
        "Mayor Ana Ruiz vetoed the harbour budget on Monday.\n\n"
        "Council member Tom Berg said the veto would delay the levee by a year. Ruiz told "
        "reporters the budget was too high."
    )
    found = reported(text)
    acts = [a for a in found if a[4] == "subject_act"]
    assert [(a[1], a[2], a[3]) for a in acts] == [
        ("Ana Ruiz", "vetoed", "the harbour budget on Monday")
    ]
    summary, _ = build_offline(text, input_name="t")
    ruiz = [s for s in summary.stances if s.actor == "Ana Ruiz"]
    assert len(ruiz) == 1 and ruiz[0].position.startswith("the budget was too high")


def test_a_document_says_something_but_holds_no_stance() -> None:
    text = (
        "The harbour levee will be rebuilt next year.\n\n"
        "A new county poll shows that most residents back the levee. Tolls would rise by 9 "
        "percent, according to federal statistics. Mayor Ana Ruiz said the levee would hold. "
        "The Record said the council had waited too long."
    )
    speakers = {a[1] for a in reported(text)}
    assert {"A new county poll", "federal statistics", "Ana Ruiz", "The Record"} <= speakers
    summary, _ = build_offline(text, input_name="t")
    assert [s.actor for s in summary.stances] == ["Ana Ruiz", "The Record"]


def test_an_attribution_with_no_claim_holds_no_stance() -> None:
    text = (
        "The harbour levee will be rebuilt next year.\n\n"
        "Harbour police questioned the student. Mayor Ana Ruiz said the levee would hold. "
        "Council member Tom Berg criticized the council."
    )
    summary, _ = build_offline(text, input_name="t")
    assert "the student" in [a.content.text for a in summary.attributions]
    stances = {s.actor: (s.stance, s.position) for s in summary.stances}
    assert "Harbour police" not in stances  # 'the student' is no claim
    assert stances["Ana Ruiz"] == ("unclear", "the levee would hold")
    assert stances["Tom Berg"][0] == "opposes"  # a bare object with a stated stance stays


def test_a_position_that_is_one_quotation_is_shown_without_its_marks() -> None:
    text = (
        "The harbour levee will be rebuilt next year.\n\n"
        'Mayor Ana Ruiz said "We will rebuild the levee before the winter storms."\n\n'
        "Tom Berg told the council 'the pumps are older than the wall itself\n\n"
        "Sam Ortiz called the plan “a gift to the builders” and walked out."
    )
    summary, _ = build_offline(text, input_name="t")
    positions = {s.actor: s.position for s in summary.stances}
    assert positions["Ana Ruiz"] == "We will rebuild the levee before the winter storms."
    assert positions["Tom Berg"].startswith("the pumps are older")
    assert positions["Sam Ortiz"].startswith("the plan “a gift to the builders”")


def test_an_act_with_an_irregular_verb() -> None:
    text = "Mayor Ana Ruiz sent a letter to the council.\n\nRuiz said the levee would hold."
    acts = [a[1:4] for a in reported(text) if a[4] == "subject_act"]
    assert acts == [("Ana Ruiz", "sent", "a letter to the council")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mayor Ana Ruiz handed over the keys to the council.",  # a particle, not an object
        "The harbour budget was approved by the council on Monday.",  # a passive
        "Mayor Ana Ruiz smiled sheepishly at the crowd.",  # an adverb
        "Ana Ruiz served as mayor of the harbour town for ten years.",  # 'as': a capacity
    ],
)
def test_no_act_without_a_subject_acting_on_something(sentence: str) -> None:
    text = f"{sentence}\n\nThe council met after the storm."
    assert not [a for a in reported(text) if a[4] == "subject_act"]


def test_no_attribution_has_an_empty_content() -> None:
    text = (
        "Mayor Ana Ruiz beamed and thanked the crowd for the welcome it gave the harbour "
        "master.\n\nRuiz said the levee would hold."
    )
    found = reported(text)
    assert found and all(a[3].strip() for a in found)


def test_an_act_with_an_adverb_before_its_object() -> None:
    text = "Ana Ruiz campaigned heavily for the levee plan.\n\nRuiz said the levee would hold."
    acts = [a[1:4] for a in reported(text) if a[4] == "subject_act"]
    assert acts == [("Ana Ruiz", "campaigned", "heavily for the levee plan")]


def test_a_time_after_the_cue_is_not_what_was_said() -> None:
    text = (
        "“The levee will hold,” Ana Ruiz said last month on the radio.\n\n"
        "The council met after the storm."
    )
    contents = [a[3] for a in reported(text)]
    assert not any(c.startswith("last month") for c in contents)


def test_no_act_for_someone_whose_words_the_article_never_gives() -> None:
    text = (
        "Mayor Ana Ruiz vetoed the harbour budget on Monday.\n\n"
        "Council member Tom Berg said the veto would delay the levee by a year."
    )
    assert not [a for a in reported(text) if a[4] == "subject_act"]


def test_according_to_two_documents_names_the_first_author() -> None:
    text = (
        "According to a complaint filed by the Harbour Board and a review by the state, the "
        "levee was never inspected.\n\nThe council met after the storm."
    )
    found = [a for a in reported(text) if a[4] == "according_to"]
    assert [a[1] for a in found] == ["Harbour Board"]


def test_strict_speaker_of_a_description_is_the_mention_at_the_quote() -> None:
    """Beside the strict figure (the resolved speaker alone), a gold source that describes
    the speaker ('the mayor') is compared with the mention at the quote; the resolved name is
    given beside it. A named gold source is compared with the resolved speaker, and a pronoun
    mention is never the mention compared."""
    text = (
        "Mayor Ana Ruiz visited the flooded district on Sunday.\n\n"
        "“We will rebuild every home,” the mayor said."
    )
    out = offline_extract(text)
    (quote,) = out["quotes"]
    assert quote["speaker"] == "Ana Ruiz" and quote["mention"] == "the mayor"
    start = text.index("We will")

    def doc(source: str) -> dict[str, object]:
        return {
            "text": text,
            "attributions": [
                {
                    "source": {"ranges": [[0, 0]], "text": source},
                    "cue": {"text": "said"},
                    "content": {"ranges": [[start - 1, start + 27]], "text": ""},
                    "has_quote_marks": True,
                    "source_is_pronoun": False,
                }
            ],
        }

    # strict: the resolved speaker alone; strict_mention: a description against the mention
    for source, strict, mention in [
        ("the mayor", 0.0, 1.0),
        ("Ruiz", 1.0, 1.0),
        ("the governor", 0.0, 0.0),
    ]:
        scored = evaluate([doc(source)], offline_extract).as_dict()
        assert scored["speaker_accuracy_strict"] == strict, source
        assert scored["speaker_accuracy_strict_mention"] == mention, source
    assert _strict_target("the mayor", {"speaker": "Ana Ruiz", "mention": "she"}) == "Ana Ruiz"
    assert _strict_target("Ruiz", {"speaker": "Ana Ruiz", "mention": "the mayor"}) == "Ana Ruiz"


def test_a_role_is_what_the_actor_does_not_a_courtesy_title_or_a_caption() -> None:
    text = (
        "Harbour row deepens\n\n"
        "Mr Tom Hale said the harbour fees were unfair to the families who live there.\n\n"
        "Ana Ruiz, pictured campaigning this week, said the fees would pay for the sea wall.\n\n"
        "Ray Holt, speaking on Monday, said the board should resign.\n\n"
        "Lena Park, managing director of the port, said the wall was needed.\n\n"
        "On Monday, Harbour captain Sam Ortiz said the boats were safe."
    )
    roles = {s.actor: s.role for s in summarize_offline(text, input_name="a").stances}
    assert roles == {
        "Tom Hale": "named in the article",
        "Ana Ruiz": "named in the article",
        "Ray Holt": "named in the article",
        "Lena Park": "managing director of the port",
        "Sam Ortiz": "Harbour captain",  # a lowercase role before the name
    }


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The harbour board will spend $12.9bn (£10bn) on the new sea wall.", "$12.9bn"),
        ("The harbour board will spend $4 million on the new sea wall.", "$4 million"),
        ("Fees at the harbour rose by 12 percent this year.", "12 percent"),
        ("Fees at the harbour rose by 12 percent this year, according to the board.", None),
    ],
)
def test_a_figure_without_a_source_asks_where_it_comes_from(
    sentence: str, figure: str | None
) -> None:
    text = "The harbour closed on Monday after a storm.\n\n" + sentence
    asked = [
        q.question
        for q in summarize_offline(text, input_name="a").open_questions
        if q.kind == "missing_context"
    ]
    assert asked == ([f"Where does the figure “{figure}” come from?"] if figure else [])


def test_a_quotation_in_double_apostrophes_is_unquoted_as_polnear_counts_marks() -> None:
    from summarizer.evaluation.attributions import AttributionScore, score_attributions

    text = "''The levee will hold,'' Ana Ruiz said. “We have sandbags,” Ray Holt said."
    doc = {
        "text": text,
        "attributions": [
            {"content": {"ranges": [[2, 21]]}, "has_quote_marks": False},
            {"content": {"ranges": [[40, 59]]}, "has_quote_marks": True},
        ],
    }
    predicted = [
        {"start": 2, "end": 21, "kind": "direct", "speaker": "Ana Ruiz"},
        {"start": 41, "end": 57, "kind": "direct", "speaker": "Ray Holt"},
    ]
    score = AttributionScore()
    score_attributions(doc, predicted, score)
    assert (score.all.tp, score.unquoted.tp, score.unquoted.fp, score.unquoted.fn) == (2, 1, 0, 0)


def test_one_stance_per_actor_however_the_name_is_punctuated() -> None:
    text = (
        "Harbour row deepens\n\nThe levee vote was held on Monday.\n\n"
        "Sam R. Ortiz Jr. said the fees were unfair to the families of the harbour.\n\n"
        "“We will fight this,” said Sam R. Ortiz Jr"
    )
    actors = [s.actor for s in summarize_offline(text, input_name="a").stances]
    assert actors == ["Sam R. Ortiz Jr."]


def test_a_definite_description_is_the_actor_the_article_introduced() -> None:
    text = (
        "Harbour fire\n\nA fire destroyed the harbour office on Monday.\n\n"
        "A doctor on the scene said she treated four firefighters for smoke.\n\n"
        "“They were lucky to get out alive,” the doctor said."
    )
    stances = summarize_offline(text, input_name="a").stances
    assert [(s.actor, len(s.evidence)) for s in stances] == [("A doctor on the scene", 2)]


def test_the_agency_is_the_agency_the_article_named_but_not_another_description() -> None:
    text = (
        "Harbour fire\n\nThe Maple Harbour News Agency said two boats burned on Monday.\n\n"
        "The fire started in the engine room, the news agency said.\n\n"
        "The vice president of the harbour board said the boats were insured.\n\n"
        "The president said the board would meet on Friday."
    )
    actors = [s.actor for s in summarize_offline(text, input_name="a").stances]
    assert "the news agency" not in actors and "Maple Harbour News Agency" in actors
    assert "The president" in actors  # not the vice president


def test_a_position_after_said_starts_with_what_was_said() -> None:
    text = "Harbour fees\n\nThe Harbour Trust said it would raise the mooring fees in June."
    stances = summarize_offline(text, input_name="a").stances
    assert [s.position for s in stances] == ["it would raise the mooring fees in June"]


def test_what_a_stance_is_toward_ends_on_no_function_word() -> None:
    """'welcomed the transfer of powers to the council under the …' cut at its eight words ends
    on a noun, not on 'under the'; 'dismissed reports that bids had faltered due to a rule'
    ends before 'due to a'."""
    text = (
        "Levee powers move to Maple Falls\n\n"
        "Ana Ruiz welcomed the transfer of powers to Maple Falls under the new levee bill on "
        "Monday.\n\n"
        "Tom Berg dismissed reports that bids had faltered due to a rule in his lease."
    )
    by_actor = {s.actor: s for s in summarize_offline(text, input_name="a").stances}
    assert by_actor["Ana Ruiz"].stance == "supports"
    assert by_actor["Ana Ruiz"].topic == "the transfer of powers to Maple Falls"
    assert by_actor["Tom Berg"].stance == "opposes"
    assert by_actor["Tom Berg"].topic == "reports that bids had faltered"


def test_no_hedge_question_on_a_refusal_or_what_someone_would_not_discuss() -> None:
    text = (
        "Coach Tom Berg would not discuss whether he would hand Ana Ruiz a longer deal.\n\n"
        "Her agent said he would not speak about her offers while the season lasts."
    )
    result = summarize_offline(text, input_name="a")
    assert [q for q in result.open_questions if q.kind == "unresolved"] == []


def test_a_position_over_several_quotations_leaves_out_the_words_between_them() -> None:
    text = (
        "Maple County won the levee vote on Monday.\n\n"
        "“It was a difficult week for us,” Ada Quist said. “We needed this win.”\n"
    )
    [stance] = summarize_offline(text, input_name="a").stances
    assert stance.actor == "Ada Quist"
    assert stance.position == "It was a difficult week for us … We needed this win."


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        # not inside a phrase a dash opens
        (
            "Ana Ruiz will be confirmed as the harbour board's permanent chair on Friday - exactly "
            "eight weeks after the last chair left the board in a row over the dredging budget",
            "Ana Ruiz will be confirmed as the harbour board's permanent chair on Friday",
        ),
        # not before the relative clause of a head that says nothing alone, nor after 'such'
        (
            "Harbour legend Tom Berg has been named as the man who will hand the silver cup to "
            "the winning crew of the regatta at the quay on Saturday",
            None,
        ),
        (
            "Visitors to the harbour fair will be able to scan a code to learn about objects such "
            "as the old cranes and the lighthouse on the quay",
            None,
        ),
        # a subordinate clause alone is no headline
        (
            "Although the harbour board boasts a record number of boats this summer, not even the "
            "old fishermen can remember a busier week at the quay",
            None,
        ),
    ],
)
def test_headline_never_ends_inside_a_phrase(lead: str, headline: str | None) -> None:
    # (None: no boundary leaves a phrase whole, so the lead is kept whole)
    assert shorten_at_clause(lead) == (headline or lead)


def test_a_position_is_a_claim_not_a_circumstance_or_a_bare_object() -> None:
    text = (
        "Maple County won the levee vote on Monday.\n\n"
        "Ada Quist spoke while visiting the levee works in Harbour Town. Ada Quist praised the "
        "plan. She told him: “The wall will hold another storm.”\n"
    )
    by_actor = {s.actor: s for s in summarize_offline(text, input_name="a").stances}
    assert by_actor["Ada Quist"].position == "The wall will hold another storm."


def test_a_position_does_not_open_with_a_conjunction_or_a_label() -> None:
    from summarizer.engines.offline.reported import RuleAttribution
    from summarizer.engines.offline.stances import _position

    text = "Police said the car was found, and confirmed that the seat was wet. She told him: “No.”"
    for claim, expected in (
        ("and confirmed", "confirmed that the seat was wet"),
        ("him:", "No."),  # (a quotation alone, without its marks)
    ):
        start = text.index(claim)
        end = text.index(".", start + len(claim) + 2) + (2 if claim == "him:" else 0)
        a = RuleAttribution(
            "indirect", "Police", "organization", (0, 6), (7, 11), (start, end), "x"
        )
        assert _position(text, a) == expected


def test_a_position_does_not_open_with_a_full_stop_left_before_a_quotation() -> None:
    from summarizer.engines.offline.reported import RuleAttribution
    from summarizer.engines.offline.stances import _position

    text = "Pedro spoke. ' We know just how we want our crew to sail,' Pedro said."
    start = text.index(". '")
    a = RuleAttribution(
        "direct",
        "Pedro",
        "named",
        (0, 5),
        (text.index("said"), len(text) - 1),
        (start, text.index(",'") + 1),
        "x",
    )
    assert _position(text, a) == "We know just how we want our crew to sail,"


def test_a_role_before_a_courtesy_title_is_the_office_without_the_title() -> None:
    text = (
        "Maple County won the levee vote on Monday.\n\n"
        "Undersecretary for Flood Defence Mr. Quillon says the levee will be raised in May.\n"
    )
    [stance] = summarize_offline(text, input_name="a").stances
    assert (stance.actor, stance.role) == ("Mr. Quillon", "Undersecretary for Flood Defence")


def test_a_question_keeps_a_name_the_article_capitalizes_inside_its_sentences() -> None:
    from summarizer.engines.offline.questions import as_question

    clause = "Apple could release a new phone"  # ('apple' is a common word too)
    assert as_question(clause, "could", "He said Apple would not.") == (
        "Will Apple release a new phone?"
    )


def test_hearsay_is_asked_even_when_not_rephrased() -> None:
    text = (
        "The harbour closed on Monday after a storm.\n\n"
        "The boy was riding in a car with two friends when he allegedly fired the gun as the "
        "car drove past the harbour.\n"
    )
    questions = summarize_offline(text, input_name="a").open_questions
    assert [q.kind for q in questions if "allegedly" in q.question] == ["unconfirmed"]


@pytest.mark.parametrize("verb", ["reasoned", "surmised", "opined", "retorted"])
def test_more_verbs_of_reporting_introduce_a_clause(verb: str) -> None:
    """'The mayor reiterated that …': reported speech as 'said that' is."""
    text = f"The council met. Ana Ruiz {verb} that the budget for the school would not change."
    assert ("Ana Ruiz", verb, "the budget for the school would not change") in [
        (speaker, cue, content) for _, speaker, cue, content, _ in reported(text)
    ]


def test_a_cue_followed_by_its_quotation_does_not_close_the_sentence() -> None:
    """'In New York, the mayor said “it was fine.”': the quotation is what was said; 'In New
    York' is no content of a closing cue."""
    text = "Pollution fell across the city. In New York, the mayor said “it was fine.”"
    found = reported(text)
    assert [content for _, _, _, content, _ in found] == ["“it was fine.”"]


def test_a_news_outlet_reporting_after_a_subordinator_is_the_speaker() -> None:
    """'Shares fell on Tuesday after Bloomberg reported …': the clause that 'after' opens has its
    own subject; the main clause before it is not the speaker."""
    found = reported(
        "The port authority met on Monday. Shares in the operator fell on Tuesday after the "
        "Carden Ledger reported the company was seeking new investors."
    )
    assert [(speaker, content) for _, speaker, _, content, _ in found] == [
        ("the Carden Ledger", "the company was seeking new investors")
    ]
    found = reported(
        "The port authority met on Monday. Markets rallied in the afternoon when the ministry "
        "announced that the levy would be cut."
    )
    assert [speaker for _, speaker, _, _, _ in found] == ["the ministry"]


def test_what_a_speaker_was_asked_is_not_what_the_speaker_said() -> None:
    """'Asked whether she would run again, Ruiz said …': the question is the reporter's."""
    for opening in ("Asked whether she would run again", "When asked about the delay"):
        found = reported(f"The vote is set for May. {opening}, Ruiz said she had not decided.")
        assert [(speaker, content) for _, speaker, _, content, _ in found] == [
            ("Ruiz", "she had not decided")
        ], opening


def test_an_age_after_a_role_and_name_keeps_the_name_as_the_speaker() -> None:
    """'Harbour master Tom Bale, 54, said …': the age is an appositive like a description."""
    found = reported(
        "The port reopened on Friday after the storm. Harbour master Tom Bale, 54, said the "
        "damage was limited to the outer pier."
    )
    assert [(speaker, content) for _, speaker, _, content, _ in found] == [
        ("Tom Bale", "the damage was limited to the outer pier")
    ]
    summary, _ = build_offline(
        "The port reopened on Friday after the storm. “The sea wall held and nobody was hurt,” "
        "harbour master Tom Bale, 54, said.",
        input_name="t",
    )
    assert [(q.speaker, q.text) for q in summary.quotes] == [
        ("Tom Bale", "The sea wall held and nobody was hurt")
    ]
