"""What the command line says of the inputs it is given, and of itself: a file given under
two spellings, a web address without https://, its help and usage lines, files that are not
text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.testing.server import sample_article

cli = CliRunner()


def write_articles(folder: Path, n: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"article-{i:03d}.txt").write_text(sample_article(i), encoding="utf-8")
    return folder


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_file_given_under_two_spellings_is_summarized_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    write_articles(tmp_path / "bad", 2)
    ok, other = "bad/article-000.txt", "bad/article-001.txt"
    out = tmp_path / "out.jsonl"
    result = cli.invoke(
        app,
        ["run", ok, f"./{ok}", "bad/../" + ok, other, "bad", "-o", str(out),
         "--engine", "offline", "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [r["input"] for r in records(out)] == [ok, other]  # the first spelling of each
    said = result.stderr + caplog.text
    assert f"./{ok} is the same file as {ok}" in said
    assert "each file is summarized once" in said


@pytest.mark.parametrize(
    "given", ["www.example.com/news.html", "example.com/a.html", "www.bbc.co.uk"]
)
def test_a_web_address_without_its_scheme_is_said_to_be_one(tmp_path: Path, given: str) -> None:
    result = cli.invoke(app, ["run", given, "--engine", "offline"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"summarizer: error: {given}: no such file; if it is a web address, give it with "
        f"https:// (https://{given})\n"
    )


@pytest.mark.parametrize("given", ["notes.md", "missing/a.txt", "report.v2/a.txt"])
def test_a_missing_file_is_not_taken_for_a_web_address(tmp_path: Path, given: str) -> None:
    result = cli.invoke(app, ["run", str(given), "--engine", "offline"])
    assert result.stderr == f"summarizer: error: {given}: no such file\n"


def test_a_jsonl_url_that_is_not_one_is_shown(tmp_path: Path) -> None:
    data = tmp_path / "urls.jsonl"
    data.write_text('{"id": "r1", "url": "www.example.com/a.html"}\n{"id": "r2", "url": 5}\n')
    out = tmp_path / "out.jsonl"
    cli.invoke(app, ["run", "--jsonl", str(data), "-o", str(out), "--engine", "offline"])
    messages = [r["error"]["message"] for r in records(out)]  # type: ignore[index]
    assert messages == [
        'r1: "url" is not an http(s) URL: "www.example.com/a.html" (give it with https://: '
        "https://www.example.com/a.html)",
        'r2: "url" is not an http(s) URL: 5',
    ]
