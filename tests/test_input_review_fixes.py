"""Fixes from the review of inputs, batches and the command line's messages, each on text of
our own (no shared evaluation data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app

runner = CliRunner()

ARTICLE = (
    "The city council met on Monday to discuss the budget plan for next year. "
    "Members argued for hours about roads, schools and the new bridge over the river.\n\n"
    "“We will not accept it,” said Mayor Ann Smith after the vote on Tuesday.\n"
)


def _records(n: int) -> str:
    return "".join(
        json.dumps({"id": f"a{i}", "text": f"Article {i}. " + ARTICLE}) + "\n" for i in range(n)
    )


def _one_line_error(result, code: int) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("summarizer: error: ")
    assert "Traceback" not in result.output
    return err


# --- bug 3: JSON Lines named as an article -------------------------------------------------


@pytest.mark.parametrize("name", ["data.jsonl", "data.ndjson", "data.txt", "data"])
def test_jsonl_named_as_an_article_is_refused_with_the_fix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(_records(3))
    result = runner.invoke(app, ["run", str(path), "--engine", "offline", "-f", "json"])
    err = _one_line_error(result, 2)
    assert f"{path} looks like JSON Lines: use --jsonl {path}" in err
    assert result.stdout == ""


def test_jsonl_among_several_articles_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    data = tmp_path / "m.jsonl"
    data.write_text(_records(2))
    result = runner.invoke(app, ["run", str(article), str(data), "--engine", "offline"])
    assert "looks like JSON Lines" in _one_line_error(result, 2)
    prepared = runner.invoke(app, ["batch", "prepare", str(data), "-o", str(tmp_path / "r.jsonl")])
    assert "looks like JSON Lines" in _one_line_error(prepared, 2)


def test_the_same_records_with_jsonl_are_a_batch(tmp_path: Path) -> None:
    data = tmp_path / "data.txt"
    data.write_text(_records(3))
    result = runner.invoke(app, ["run", "--jsonl", str(data), "--engine", "offline"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["input"] for line in result.stdout.splitlines()] == [
        "a0",
        "a1",
        "a2",
    ]


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,  # prose
        '{"note": "no text field"}\n' + ARTICLE,  # a JSON line, but not a record, then prose
        '{"text": "a record"}\nAnd then prose. ' + ARTICLE,  # prose after one JSON line
        "{\n" + ARTICLE,  # a brace that opens no JSON
    ],
)
def test_an_article_that_merely_starts_with_json_is_summarized(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text)
    result = runner.invoke(app, ["run", str(path), "--engine", "offline", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["input"] == str(path)
