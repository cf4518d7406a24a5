"""Fixes found by running the offline engine as a user does (2026-11-28), each on a passage of
our own."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.engines.offline.engine import build_offline
from summarizer.schema import ArticleSummary

runner = CliRunner()


def _after_a_lead(sentence: str) -> ArticleSummary:
    """The offline summary of ``sentence`` as an article's second paragraph."""
    text = "The harbour closed on Monday after a storm.\n\n" + sentence + "\n"
    return build_offline(text, input_name="t")[0]


BODY = (
    "HARBOURTON, March 3 - The port authority of Harbourton on Monday approved a plan to dredge "
    "the old channel, ending a year of debate over its cost.\n\n"
    "The board voted 7 to 2 after a meeting that lasted six hours.\n\n"
    "“We have waited long enough for this,” harbour master Ines Vidal said after the vote.\n"
)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Harbourton approves plan to dredge the old channel", None),  # sentence case
        ("Harbour board backs dredging;", "Harbour board backs dredging"),  # a subtitle follows
    ],
)
def test_a_title_in_sentence_case_is_the_headline_not_the_summary(
    title: str, headline: str | None
) -> None:
    summary = build_offline(f"{title}\n\n{BODY}", input_name="t")[0].summary
    assert summary.headline == (headline or title)
    # the summary's text and key points start with the story, not its title again
    assert summary.text.startswith("HARBOURTON, March 3 - The port authority")
    assert [kp.point for kp in summary.key_points][:2] == [
        "HARBOURTON, March 3 - The port authority of Harbourton on Monday approved a plan to "
        "dredge the old channel, ending a year of debate over its cost.",
        "The board voted 7 to 2 after a meeting that lasted six hours.",
    ]


def test_a_first_sentence_is_no_title() -> None:
    summary = build_offline(BODY, input_name="t")[0].summary
    assert summary.text.startswith("HARBOURTON, March 3 - The port authority")
    assert summary.key_points[0].point.startswith("HARBOURTON, March 3")


# -- a folder's subfolders are said, not silently left out ---------------------------------


def test_a_folder_s_subfolders_are_named_as_not_read(tmp_path: Path) -> None:
    news = tmp_path / "news"
    (news / "2024").mkdir(parents=True)
    (news / ".cache").mkdir()  # hidden: never articles, not counted
    (news / "a.txt").write_text(BODY, encoding="utf-8")
    (news / "2024" / "b.txt").write_text(BODY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["run", str(news), "--engine", "offline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{news}: 1 subfolder not read" in result.stderr
    assert f"to include it, quote a glob: '{news / '**' / '*.txt'}'" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    # the glob it suggests reads both
    deep = tmp_path / "deep.jsonl"
    glob = str(news / "**" / "*.txt")
    result = runner.invoke(app, ["run", glob, "--engine", "offline", "-o", str(deep)])
    assert result.exit_code == 0, result.output
    assert "not read" not in result.stderr
    assert len(deep.read_text(encoding="utf-8").splitlines()) == 2


def test_a_folder_with_only_subfolders_says_how_to_read_them(tmp_path: Path) -> None:
    news = tmp_path / "news"
    for year in ("2023", "2024"):
        (news / year).mkdir(parents=True)
        (news / year / "a.txt").write_text(BODY, encoding="utf-8")
    result = runner.invoke(app, ["run", str(news), "--engine", "offline"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"summarizer: error: {news}: a directory with no article files")
    assert line.endswith(
        f"2 subfolders not read (a folder's own files are its articles): to "
        f"include them, quote a glob: '{news / '**' / '*.txt'}'"
    )


# -- a source that asks not to be named: the clause says nothing, the main verb is the cue ---


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue", "content"),
    [
        (
            "An official who asked not to be named because the talks were private said the "
            "plan was “too costly”.",
            "An official",
            "said",
            "the plan was “too costly”",
        ),
        (
            "A senior aide who spoke on condition of anonymity said the governor would veto "
            "the bill.",
            "A senior aide",
            "said",
            "the governor would veto the bill",
        ),
        (
            "The diplomat, who declined to be identified, told reporters that the ceasefire "
            "would hold.",
            "The diplomat",
            "told reporters",
            "the ceasefire would hold",
        ),
        (
            "Two people familiar with the talks, who requested anonymity to discuss private "
            "deliberations, said a deal was close.",
            "Two people familiar with the talks",
            "said",
            "a deal was close",
        ),
    ],
)
def test_a_source_asking_not_to_be_named_states_only_what_follows(
    sentence: str, speaker: str, cue: str, content: str
) -> None:
    summary = _after_a_lead(sentence)
    assert [(a.speaker, a.cue.text, a.content.text) for a in summary.attributions] == [
        (speaker, cue, content)
    ]
    assert summary.attributions[0].speaker_kind == "anonymous"


def test_two_figures_for_one_measure_are_asked_about_once_each() -> None:
    text = (
        "The regional government has promised to cover 60 percent of the cost of the new "
        "channel.\n\nDredging starts in May, the port said.\n\n"
        "Officials later said the regional government would cover 22 percent of the cost of "
        "the channel.\n"
    )
    questions = build_offline(text, input_name="t")[0].open_questions
    asked = [q.question for q in questions if q.kind == "inconsistency"]
    assert asked == ["Which figure is right: 60 percent of the cost or 22 percent of the cost?"]


# -- a stance the verb states: more verbs of support and opposition; an object's abbreviation


@pytest.mark.parametrize(
    ("sentence", "actor", "label", "toward"),
    [
        (
            "Senator Ana Ruiz approved the plan to dredge the channel.",
            "Ana Ruiz",
            "supports",
            "the plan to dredge the channel",
        ),
        (
            "Governor Tom Lee lauded Mr. Okafor for his work on the levee.",
            "Tom Lee",
            "supports",
            "Mr. Okafor",
        ),
        (
            "Mayor Ines Vidal faulted the port board for the delays.",
            "Ines Vidal",
            "opposes",
            "the port board",
        ),
        (
            "Ruiz had mocked the proposal, saying it would never pass.",
            "Ruiz",
            "opposes",
            "the proposal",
        ),
    ],
)
def test_the_verb_states_the_stance_toward_its_object(
    sentence: str, actor: str, label: str, toward: str
) -> None:
    stances = _after_a_lead(sentence).stances
    assert [(s.actor, s.stance, s.topic) for s in stances] == [(actor, label, toward)]


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON — ", "KYIV, Ukraine (AP) — ", "LOS ANGELES, Sept. 28 (UPI) — ",
     "NEW YORK, Jan 5 (Reuters) - ", "HARBOURTON, March 3 - "],
)  # fmt: skip
def test_a_dateline_of_a_place_in_capitals_is_not_the_headline(dateline: str) -> None:
    body = "The harbour reopened on Monday after a week of dredging, the port said.\n\nMore."
    summary = build_offline(dateline + body, input_name="t")[0].summary
    assert summary.headline.startswith("The harbour reopened on Monday"), summary.headline


@pytest.mark.parametrize("lead", ["OK — the vote is in.", "The US - China talks resumed."])
def test_a_sentence_that_opens_with_capitals_keeps_them(lead: str) -> None:
    summary = build_offline(lead + " The harbour reopened on Monday.", input_name="t")[0].summary
    assert summary.headline.startswith(lead[:6]), summary.headline


@pytest.mark.parametrize(
    "sentence",
    [
        "“We are out of money,” an official who spoke on condition of anonymity said on Monday.",
        "“We are out of money,” an official, who spoke on condition of anonymity, said.",
        "“We are out of money,” an official who asked not to be named said.",
        "“We are out of money,” an official who requested anonymity said on Monday.",
        "An official who asked not to be named said the plan was “out of money”.",
    ],
)
def test_a_quotation_of_a_source_asking_not_to_be_named_is_theirs(sentence: str) -> None:
    quotes = _after_a_lead(sentence).quotes
    assert [(q.speaker.lower(), q.speaker_kind) for q in quotes] == [("an official", "anonymous")]
