"""Fixes found by running the offline engine as a user does (2026-11-28), each on a passage of
our own."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.engines.offline.engine import build_offline

runner = CliRunner()

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
