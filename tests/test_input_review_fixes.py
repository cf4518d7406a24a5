"""Fixes from the review of inputs, batches and the command line's messages, each on text of
our own (no shared evaluation data)."""

from __future__ import annotations

import json
import re
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


# --- bug 6: pages labelled iso-8859-1 / latin1 / us-ascii are windows-1252 --------------------

_LATIN_BODY = (
    b"<body><article><p>The caf\xe9 owner said on Monday that \xabthe new rules are unfair\xbb "
    b"and he would fight them.</p><p>\x93We will not back down,\x94 said Mayor Ann Smith on "
    b"Tuesday afternoon at a press conference downtown \x97 and he meant it.</p></article></body>"
)
_MEANT = "“We will not back down,” said Mayor Ann Smith"


def _latin_page(label: str | None) -> bytes:
    meta = f'<meta charset="{label}">'.encode() if label else b""
    return b"<html><head>" + meta + b"<title>Rules</title></head>" + _LATIN_BODY + b"</html>"


def _no_c1(text: str) -> bool:
    return not any(0x80 <= ord(c) <= 0x9F for c in text)


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO_8859-1", "latin1", "us-ascii"])
def test_a_saved_page_labelled_latin1_reads_as_windows_1252(tmp_path: Path, label: str) -> None:
    page = tmp_path / "latin.html"
    page.write_bytes(_latin_page(label))
    extracted = runner.invoke(app, ["extract", str(page)])
    assert extracted.exit_code == 0, extracted.output
    assert _MEANT in extracted.stdout and "downtown — and" in extracted.stdout
    assert _no_c1(extracted.stdout)
    result = runner.invoke(app, ["run", str(page), "--engine", "offline", "-f", "json"])
    assert result.exit_code == 0, result.output
    quotes = [q["text"] for q in json.loads(result.stdout)["quotes"]]
    assert "We will not back down" in quotes


def test_windows_1252_as_whatwg_defines_it() -> None:
    from summarizer.http.charset import codec_for_label, decode

    assert {codec_for_label(x) for x in ("iso-8859-1", "latin1", "us-ascii", "x-cp1252")} == {
        "cp1252"
    }
    assert codec_for_label("iso-8859-15") == "iso8859-15"  # not a windows-1252 label
    assert codec_for_label("no-such-charset") is None
    # the five bytes windows-1252 leaves undefined decode to their own code points
    assert decode(b"\x93a\x94 \x81\x8d\x8f\x90\x9d", "cp1252") == "“a” \x81\x8d\x8f\x90\x9d"


@pytest.fixture
def latin_site(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``python -m http.server`` on 127.0.0.1 (its handler, in a thread), serving pages with a
    ``<meta charset>`` only, and a page whose HTTP Content-Type names the charset."""
    import functools
    import http.server
    import threading

    (tmp_path / "meta.html").write_bytes(_latin_page("iso-8859-1"))
    (tmp_path / "header.html").write_bytes(_latin_page(None))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def guess_type(self, path):  # type: ignore[no-untyped-def]
            if str(path).endswith("header.html"):
                return "text/html; charset=" + self.server.label  # type: ignore[attr-defined]
            return super().guess_type(path)

        def log_message(self, *args):  # type: ignore[no-untyped-def]
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path))
    )
    server.label = "iso-8859-1"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.loopback
@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "us-ascii"])
def test_a_fetched_page_labelled_latin1_reads_as_windows_1252(latin_site, label: str) -> None:  # type: ignore[no-untyped-def]
    latin_site.label = label
    base = f"http://127.0.0.1:{latin_site.server_address[1]}"
    for page in ("meta.html", "header.html"):
        url = f"{base}/{page}"
        extracted = runner.invoke(app, ["extract", url, "--allow-private-urls", "--no-cache"])
        assert extracted.exit_code == 0, extracted.output
        assert _MEANT in extracted.stdout and _no_c1(extracted.stdout)
        result = runner.invoke(
            app, ["run", url, "--allow-private-urls", "--no-cache", "--engine", "offline"]
        )
        assert result.exit_code == 0, result.output
        quotes = [q["text"] for q in json.loads(result.stdout)["quotes"]]
        assert "We will not back down" in quotes


# --- bug 7: bytes in a batch are decoded as summarize(b"...") decodes them ------------------

_CP1252 = ("“We will not accept it,” said Mayor Ann Smith. " + ARTICLE).encode("cp1252")


def _without_latency(data: dict) -> dict:  # type: ignore[type-arg]
    data["run"].pop("latency_s")
    return data


@pytest.mark.parametrize("data", [ARTICLE.encode(), ARTICLE.encode("utf-16"), _CP1252])
def test_summarize_many_decodes_bytes_as_summarize_does(data: bytes) -> None:
    import asyncio

    from summarizer import asummarize_many, summarize, summarize_many

    single = summarize(data, engine="offline", input_name="a")
    expected = _without_latency(json.loads(single.model_dump_json()))
    (outcome,) = list(summarize_many([("a", data)], engine="offline"))
    assert outcome.error is None, outcome.error
    assert _without_latency(json.loads(outcome.to_json())) == expected

    async def both() -> list[str]:
        return [o.to_json() async for o in asummarize_many([("a", data)], engine="offline")]

    (line,) = asyncio.run(both())
    assert _without_latency(json.loads(line)) == expected


def test_bad_bytes_and_non_text_in_a_batch_are_input_errors_as_in_summarize() -> None:
    from summarizer import summarize_many

    items = [("png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20), ("int", 42)]
    outcomes = list(summarize_many(items, engine="offline", ordered=True))  # type: ignore[list-item]
    assert [o.error.error.kind for o in outcomes if o.error] == ["input", "input"]
    assert "a PNG image" in outcomes[0].error.error.message  # type: ignore[union-attr]
    assert "not int" in outcomes[1].error.error.message  # type: ignore[union-attr]


def test_an_internal_error_in_a_batch_is_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from summarizer import summarize_many
    from summarizer.io.sources import Source

    class Broken(Source):  # a source with a bug in it
        def read(self, max_bytes: int = 0) -> str:
            return {}["missing"]  # type: ignore[no-any-return]

    with caplog.at_level("DEBUG", logger="summarizer"):
        (outcome,) = list(summarize_many([Broken(name="b", text="x")], engine="offline"))
    assert outcome.error is not None and outcome.error.error.kind == "internal"
    logged = [r for r in caplog.records if r.exc_info and r.name == "summarizer"]
    assert logged, caplog.text
    assert "KeyError" in caplog.text
    assert "in read" in caplog.text  # the frame where it happened


# --- bug 18: a batch's first failures are named, with why ------------------------------------


def test_a_batch_names_its_first_three_failures(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(ARTICLE)
    (news / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    for name in ("c", "d", "e"):
        (news / f"{name}.txt").write_text(f"too short {name}")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["run", str(news), "--engine", "offline", "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "summarizer: 4 failures in the error records; the first 3:"
    assert lines[1] == f"  {news / 'b.txt'} (input): a PNG image, not text"
    assert lines[2].startswith(f"  {news / 'c.txt'} (input): no sentences to summarize")
    assert lines[3].startswith(f"  {news / 'd.txt'} (input): ")
    assert lines[4].startswith("summarizer: 5 articles: 1 summarized, 4 failed")
    errors = [json.loads(x) for x in out.read_text().splitlines() if '"error"' in x]
    assert len(errors) == 4  # all of them are in the records


def test_one_failure_is_named_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("")
    result = runner.invoke(app, ["run", str(tmp_path), "--engine", "offline"])
    lines = result.stderr.splitlines()
    assert lines[0] == "summarizer: 1 failure (also in the error records):"
    assert lines[1] == f"  {tmp_path / 'b.txt'} (input): the article is empty"


# --- bug 12: eval shows n/a for figures that do not apply, and names its own options ---------


def _gum_like(path: Path) -> Path:
    """Quote spans with no speakers and no attributions, as GUM has them."""
    text = ARTICLE + "\n“The bridge is safe,” the engineer told reporters on Wednesday.\n"
    spans = [
        {"start": text.index(q), "end": text.index(q) + len(q)}
        for q in ("We will not accept it,", "The bridge is safe,")
    ]
    path.write_text(json.dumps({"doc_id": "g1", "text": text, "quote_spans": spans}) + "\n")
    return path


def test_eval_without_speakers_or_attributions_says_n_a(tmp_path: Path) -> None:
    gold = _gum_like(tmp_path / "gum.jsonl")
    text = runner.invoke(app, ["eval", str(gold)])
    assert text.exit_code == 0, text.output
    line = text.stdout
    assert "speaker accuracy n/a, strict n/a (against the mention n/a; 0 scored)" in line
    assert "attributions P n/a R n/a F1 n/a, unquoted F1 n/a" in line
    assert "0.000" not in line
    figures = json.loads(runner.invoke(app, ["eval", str(gold), "--json"]).stdout)
    for key in (
        "speaker_accuracy",
        "speaker_accuracy_strict",
        "attribution_precision",
        "attribution_f1",
        "attribution_f1_unquoted",
        "attribution_source_accuracy_strict",
    ):
        assert key in figures and figures[key] is None, key
    assert figures["quote_f1"] > 0  # the figures that apply are still numbers


@pytest.mark.loopback
def test_eval_of_the_llm_engine_does_not_score_attributions_it_never_makes(
    tmp_path: Path,
    devserver,  # type: ignore[no-untyped-def]
) -> None:
    from tests.test_offline_reported import gold_doc

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_doc()) + "\n")
    offline = json.loads(runner.invoke(app, ["eval", str(gold), "--json"]).stdout)
    assert offline["attribution_f1"] > 0  # the offline engine's are scored
    server = devserver()
    args = ["eval", str(gold), "--engine", "llm", "-m", "local", "--base-url", server.base_url]
    result = runner.invoke(app, args, env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 0, result.output
    assert "attributions P n/a R n/a F1 n/a" in result.stdout
    figures = json.loads(runner.invoke(app, [*args, "--json"]).stdout.splitlines()[-1])
    assert figures["attribution_f1"] is None and figures["llm_articles"] == 1


def test_eval_without_a_key_names_an_option_eval_has(tmp_path: Path) -> None:
    gold = _gum_like(tmp_path / "gum.jsonl")
    env = {"OPENAI_API_KEY": None, "OPENAI_BASE_URL": None}
    result = runner.invoke(app, ["eval", str(gold), "--engine", "llm"], env=env)
    err = _one_line_error(result, 2)
    options = set(re.findall(r"--[a-z][a-z-]+", err))
    assert options, err
    listed = runner.invoke(app, ["eval", "--help"], terminal_width=200).stdout
    for option in options:
        assert option in listed, option


# --- bug 16: the library's messages name its parameters, the command line's its options ------


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ({"max_bytes": 0}, "max_bytes= must be at least 1 (got 0)"),
        ({"max_attempts": 0}, "max_attempts= must be at least 1 (got 0)"),
        ({"timeout": -1}, "timeout= must be a positive number of seconds (got -1)"),
        ({"deadline": 0}, "deadline= must be a positive number of seconds (got 0)"),
        ({"max_output_tokens": 3}, "max_output_tokens= must be at least 16 (got 3)"),
        ({"context_window": 5}, "context_window= must be at least 512 tokens (got 5)"),
        ({"engine": "gpt"}, "engine='gpt' is unknown: use auto, llm or offline"),
    ],
)
def test_library_config_messages_name_the_parameter(setting: dict, named: str) -> None:  # type: ignore[type-arg]
    from summarizer import ConfigError, summarize

    with pytest.raises(ConfigError) as error:
        summarize(ARTICLE, **setting)
    assert str(error.value) == named


def test_the_same_messages_name_the_options_on_the_command_line() -> None:
    from summarizer.cli.codes import for_cli

    assert for_cli("max_attempts= must be at least 1 (got 0)") == (
        "--max-attempts must be at least 1 (got 0)"
    )
    assert for_cli("engine='gpt' is unknown") == "--engine gpt is unknown"
    assert for_cli("allow it with allow_private_urls=True") == "allow it with --allow-private-urls"


@pytest.mark.loopback
def test_the_private_url_refusal_leads_with_the_library_parameter(latin_site) -> None:  # type: ignore[no-untyped-def]
    from summarizer import InputError, summarize

    url = f"http://127.0.0.1:{latin_site.server_address[1]}/meta.html"
    with pytest.raises(InputError) as error:
        summarize(url=url, engine="offline")
    assert str(error.value).endswith("allow it with allow_private_urls=True")
    assert "--allow" not in str(error.value)
    cli = runner.invoke(app, ["run", url, "--engine", "offline"])
    err = _one_line_error(cli, 2)
    assert err.endswith("allow it with --allow-private-urls") and "_urls" not in err


# --- bug 19: several articles, -f html and -o FILE.html: -o must be a folder -----------------


def test_several_articles_as_html_to_an_html_file_say_o_must_be_a_folder(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    b.write_text("Another story. " + ARTICLE)
    two = tmp_path / "two.html"
    args = ["run", str(a), str(b), "--engine", "offline"]
    err = _one_line_error(runner.invoke(app, [*args, "-f", "html", "-o", str(two)]), 2)
    assert f"-o {two} names an .html file" in err and "give -o a folder" in err
    assert "add -o" not in err  # -o was given
    assert not two.exists()
    err = _one_line_error(runner.invoke(app, [*args, "-f", "html"]), 2)
    assert err.endswith("review pages go to a folder: add -o DIR")
    err = _one_line_error(runner.invoke(app, [*args, "-f", "markdown", "-o", str(two)]), 2)
    assert err.endswith("drop --format markdown")
    pages = tmp_path / "pages"
    done = runner.invoke(app, [*args, "-f", "html", "-o", str(pages)])
    assert done.exit_code == 0, done.output
    assert (pages / "index.html").exists()


def test_a_pattern_or_folder_with_no_article_says_so_whatever_the_format(tmp_path: Path) -> None:
    """``-f text`` with a pattern that matches nothing: the problem is the pattern, not that
    several articles cannot be written as text."""
    empty = tmp_path / "empty"
    empty.mkdir()
    for given, problem in [
        (str(tmp_path / "*.html"), "no files match this pattern"),
        (str(empty), "a directory with no article files"),
    ]:
        for fmt in ("text", "markdown"):
            result = runner.invoke(app, ["run", given, "--engine", "offline", "-f", fmt])
            err = _one_line_error(result, 2)
            assert err.startswith(f"summarizer: error: {given}: {problem}"), err
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    several = runner.invoke(app, ["run", str(tmp_path / "*.txt"), "-f", "text"])
    assert _one_line_error(several, 2).endswith("drop --format text")


# --- bug 21: saved pages compressed as .html.gz are read, under the size cap ------------------

_PAGE = (
    "<html><head><meta charset='utf-8'><title>Bridge vote</title></head><body><article>"
    + "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n") if line)
    + "</article></body></html>"
)


def test_html_gz_pages_are_read_as_their_html(tmp_path: Path) -> None:
    import gzip

    plain, packed = tmp_path / "page.html", tmp_path / "gz" / "page.html.gz"
    packed.parent.mkdir()
    plain.write_text(_PAGE)
    packed.write_bytes(gzip.compress(_PAGE.encode()))
    a = runner.invoke(app, ["extract", str(plain)])
    b = runner.invoke(app, ["extract", str(packed)])
    assert a.exit_code == b.exit_code == 0, b.output
    assert b.stdout == a.stdout  # the same text, as eval-extract reads it
    run = runner.invoke(app, ["run", str(packed), "--engine", "offline", "-f", "json"])
    assert run.exit_code == 0, run.output
    summary = json.loads(run.stdout)
    assert summary["source"]["title"] == "Bridge vote"
    assert "We will not accept it" in [q["text"] for q in summary["quotes"]]
    (packed.parent / "notes.gz").write_bytes(gzip.compress(b"not an article name"))
    batch = runner.invoke(app, ["run", str(packed.parent), "--engine", "offline"])
    assert batch.exit_code == 0, batch.output
    assert [json.loads(x)["input"] for x in batch.stdout.splitlines()] == [str(packed)]


def test_html_gz_is_never_inflated_past_the_cap(tmp_path: Path) -> None:
    import gzip

    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body>" + b" " * 3_000_000))
    assert bomb.stat().st_size < 10_000
    err = _one_line_error(runner.invoke(app, ["extract", str(bomb), "--max-bytes", "100000"]), 2)
    assert err.endswith("inflates past the 100,000-byte limit (raise it with --max-bytes)")
    corrupt = tmp_path / "bad.html.gz"
    corrupt.write_bytes(b"\x1f\x8b" + b"x" * 40)
    err = _one_line_error(runner.invoke(app, ["run", str(corrupt), "--engine", "offline"]), 2)
    assert err.endswith("bad.html.gz: the gzip file is corrupt")
