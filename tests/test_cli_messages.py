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
from tests.cli_files import records, write_articles

cli = CliRunner()


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


def test_the_help_of_run_says_what_o_does_with_several_articles() -> None:
    result = cli.invoke(app, ["run", "--help"], terminal_width=200)
    assert "appended" not in result.stdout
    assert "JSON Lines into a new or empty file, or --resume to continue one" in result.stdout


def test_check_support_refuses_empty_text(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(sample_article(1), encoding="utf-8")
    for text in ["", "  "]:
        result = cli.invoke(app, ["check-support", str(article), "--text", text])
        assert result.exit_code == 2
        assert result.stderr == (
            "summarizer: error: --text is empty: give the text to check against the article\n"
        )
    shown = cli.invoke(app, ["check-support", "--help"]).stdout
    assert "x>=1" not in shown


@pytest.mark.parametrize(
    ("command", "argument"),
    [("eval", "GOLD.jsonl"), ("extract", "PAGE"), ("check-support", "ARTICLE"),
     ("report", "RESULTS.jsonl"), ("batch status", "JOB")],
)  # fmt: skip
def test_usage_lines_name_arguments_without_braces(command: str, argument: str) -> None:
    usage = cli.invoke(app, [*command.split(), "--help"]).stdout.splitlines()[0]
    assert usage.endswith(f"[OPTIONS] {argument}") and "{" not in usage, usage


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"%PDF-1.4\n", "a PDF document, not text: extract its text first (pdftotext)"),
        (b"\x1f\x8b\x08\x00\x00", "gzip-compressed data, not text: decompress it first (gunzip)"),
        (b"\x89PNG\r\n\x1a\n\x00", "a PNG image, not text"),
    ],
)
def test_a_file_that_is_not_text_says_what_it_is_then_the_fix(
    tmp_path: Path, data: bytes, said: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    result = cli.invoke(app, ["run", str(path), "--engine", "offline"])
    assert result.stderr == f"summarizer: error: {path}: {said}\n"


def test_gzip_on_standard_input_is_read_as_a_gz_file_is() -> None:
    import gzip

    text = sample_article(2)
    result = cli.invoke(
        app, ["run", "-", "--engine", "offline", "-f", "json"], input=gzip.compress(text.encode())
    )
    assert result.exit_code == 0, result.stderr
    plain = cli.invoke(app, ["run", "-", "--engine", "offline", "-f", "json"], input=text)
    strip = {"latency_s"}

    def facts(out: str) -> dict[str, object]:
        record = json.loads(out)
        record["run"] = {k: v for k, v in record["run"].items() if k not in strip}
        return record

    assert facts(result.stdout) == facts(plain.stdout)
