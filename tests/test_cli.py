"""The command line through typer's CliRunner: exit codes, one-line errors, the library's JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import ArticleSummary, summarize
from summarizer.cli.main import app
from tests.conftest import SEED_PATH, fixture_path, replay

runner = CliRunner()


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def assert_one_line_error(result, code: int, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("summarizer: error: ")
    assert "Traceback" not in result.output + result.stderr
    for needle in needles:
        assert needle in err


def test_replay_run_prints_schema_valid_json(seed: str) -> None:
    result = invoke(
        "run", str(SEED_PATH), "--engine", "llm", "--replay", str(fixture_path("seed_happy_tools"))
    )
    assert result.exit_code == 0, result.stderr
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert summary.input == str(SEED_PATH)
    for q in summary.quotes:
        assert seed[q.start : q.end] == q.text


def test_cli_and_library_give_the_same_json(seed: str) -> None:
    cli = invoke(
        "run", str(SEED_PATH), "--replay", str(fixture_path("seed_happy_tools")), "-f", "json"
    )
    r = replay("seed_happy_tools")
    lib = summarize(seed, input_name=str(SEED_PATH), transport=r.transport())
    a, b = json.loads(cli.stdout), lib.model_dump(mode="json")
    a["run"].pop("latency_s"), b["run"].pop("latency_s")
    assert a == b


def test_stdin_and_output_file(tmp_path: Path, seed: str) -> None:
    out = tmp_path / "summary.json"
    result = invoke(
        "run", "-", "--replay", str(fixture_path("seed_happy_tools")), "-o", str(out), input=seed
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    summary = ArticleSummary.model_validate_json(out.read_text())
    assert summary.input == "-" and len(summary.quotes) == 6


@pytest.mark.parametrize(("fmt", "needle"), [("markdown", "## Quotes"), ("text", "Quotes:")])
def test_human_formats(fmt: str, needle: str) -> None:
    result = invoke(
        "run", str(SEED_PATH), "--replay", str(fixture_path("seed_happy_tools")), "-f", fmt
    )
    assert result.exit_code == 0
    assert needle in result.stdout
    assert "They’re going to need them for defence…" in result.stdout


def test_dropped_quote_warning_goes_to_stderr() -> None:
    result = invoke("run", str(SEED_PATH), "--replay", str(fixture_path("seed_never_grounded")))
    assert result.exit_code == 0
    assert "dropped a quote" in result.stderr
    assert len(json.loads(result.stdout)["run"]["warnings"]) == 1


def test_summarization_failure_exits_1() -> None:
    result = invoke("run", str(SEED_PATH), "--replay", str(fixture_path("seed_never_valid")))
    assert_one_line_error(result, 1, "no valid summary after 3 attempt(s)")
    assert result.stdout == ""


def test_missing_file_exits_2() -> None:
    assert_one_line_error(
        invoke("run", "no/such/article.txt"), 2, "no/such/article.txt", "no such file"
    )


def test_directory_without_articles_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    result = invoke("run", str(tmp_path))
    assert_one_line_error(result, 2, str(tmp_path), "no article files")
    assert result.stdout == ""  # no error record, no totals, no notice about the LLM


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image, not text"),
        (b"some text\x00\x01 with a NUL byte in it and more words here", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"Pr\x81\x8d\x90 sident said the plan is dead and the vote will fail.", "not UTF-8"),
        (b"OK.", "no sentences"),
        (b"x" * 2_000, "larger than the 1,000-byte limit"),
    ],
)
def test_unusable_content_exits_2(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert_one_line_error(invoke("run", str(path), "--max-bytes", "1000"), 2, problem)


def test_llm_engine_without_key_says_how_to_fix() -> None:
    result = invoke("run", str(SEED_PATH), "--engine", "llm")
    assert_one_line_error(
        result, 2, "No API key", "OPENAI_API_KEY", "OPENAI_BASE_URL", "--engine offline"
    )


def test_bad_replay_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert_one_line_error(
        invoke("run", str(SEED_PATH), "--replay", str(bad)), 2, "not readable JSON"
    )


def test_unknown_option_value_is_a_usage_error() -> None:
    result = invoke("run", str(SEED_PATH), "--engine", "magic")
    assert result.exit_code == 2


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("summarizer ")


def test_help_does_not_show_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-canary-do-not-print-1234567890")
    result = invoke("run", "--help")
    assert result.exit_code == 0
    assert "canary" not in result.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_batch_without_a_key_says_once_that_it_runs_offline(tmp_path: Path, workers: str) -> None:
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(SEED_PATH.read_text(encoding="utf-8"))
    result = invoke("run", str(tmp_path), "--workers", workers)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("no LLM configured") == 1
    assert len(result.stdout.splitlines()) == 4


def test_offline_runs_leave_the_cache_alone(private_cache: Path) -> None:
    result = invoke("run", str(SEED_PATH), "--engine", "offline")
    assert result.exit_code == 0
    assert not private_cache.exists()


def test_an_unusable_cache_says_how_to_fix_it(tmp_path: Path) -> None:
    from summarizer.engines.llm.cache import Cache
    from summarizer.errors import ConfigError

    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    cache = Cache(blocker / "cache")
    with pytest.raises(ConfigError, match=r"SUMMARIZER_CACHE_DIR .* or use --no-cache"):
        cache.get("key", "input")


def test_replay_is_refused_with_worker_processes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED_PATH.read_text(encoding="utf-8"))
    (tmp_path / "b.txt").write_text(SEED_PATH.read_text(encoding="utf-8"))
    result = invoke(
        "run", str(tmp_path), "--workers", "2", "--replay", str(fixture_path("seed_happy_tools"))
    )
    assert_one_line_error(result, 2, "--replay work in one process")


def test_eval_refuses_what_is_not_a_gold_file_in_one_line(tmp_path: Path, seed: str) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"input": "a", "text": seed}) + "\n", encoding="utf-8")
    assert_one_line_error(invoke("eval", str(articles)), 2, "articles.jsonl:1: not a gold record")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert_one_line_error(invoke("eval", str(empty)), 2, "no gold records")
    pages = tmp_path / "pages"
    pages.mkdir()
    result = invoke("eval", str(pages), "--json")
    assert_one_line_error(result, 2, "pages: is a directory, not a GOLD.jsonl file")
    assert "None" not in result.stderr


def test_the_final_line_groups_every_count_of_thousands() -> None:
    """`1,466 articles: 1,466 summarized`, never `1,466 articles: 1466 summarized`."""
    from summarizer.batch import Progress
    from summarizer.cli.runner import Totals

    totals = Totals(Progress(total=12_000), skipped=2_500, written=9_500, failed=1_200)
    totals.cached = 3_000
    line = totals.line()
    assert line.startswith("9,500 articles: 8,300 summarized (3,000 from cache), 1,200 failed")
    assert "2,500 already done (--resume)" in line
    totals.interrupted = True
    assert totals.line().startswith("9,500 of 12,000 articles: 8,300 summarized")


@pytest.mark.parametrize("resume", [False, True])
def test_a_batch_to_a_directory_says_so(tmp_path: Path, resume: bool) -> None:
    """Not "already holds results: add --resume" (nor a traceback with --resume)."""
    (tmp_path / "a.txt").write_text(SEED_PATH.read_text())
    (tmp_path / "b.txt").write_text(SEED_PATH.read_text().replace("Trump", "Biden"))
    out = tmp_path / "out"
    out.mkdir()
    args = ["run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--engine", "offline"]
    result = invoke(*args, "-o", str(out), *(["--resume"] if resume else []))
    assert_one_line_error(result, 2, f"{out} is a directory", "-f html -o DIR")


@pytest.mark.parametrize("name", ["summary.json", "page.html", "results.jsonl"])
def test_output_into_a_folder_that_does_not_exist_names_the_folder(
    tmp_path: Path, name: str
) -> None:
    out = tmp_path / "reports" / name
    fmt = ["-f", "html"] if name.endswith(".html") else []
    result = invoke("run", str(SEED_PATH), "--engine", "offline", *fmt, "-o", str(out))
    assert_one_line_error(result, 2, f"cannot write {out}: the folder {out.parent} does not exist")


@pytest.mark.parametrize("where", ["missing/rec.json", "."])
def test_record_to_a_path_that_cannot_be_written_fails_before_any_request(
    tmp_path: Path, where: str
) -> None:
    """Not "cannot reach 127.0.0.1 (No such file or directory: ...)" after spending tokens."""
    path = tmp_path / where
    url = "http://127.0.0.1:9/v1"  # nothing listens: the check must come before a request
    result = invoke("run", str(SEED_PATH), "--base-url", url, "--record", str(path), "--no-cache")
    assert_one_line_error(result, 2, f"cannot write --record {path}")


@pytest.mark.parametrize(
    ("args", "env", "needle"),
    [
        (["--base-url", "notaurl"], {}, "--base-url notaurl is not an http(s) URL"),
        ([], {"OPENAI_BASE_URL": "localhost:8080"}, "OPENAI_BASE_URL ('localhost:8080') is not"),
    ],
)
def test_a_base_url_that_is_not_a_url_is_a_usage_error(
    args: list[str], env: dict[str, str], needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "cannot reach ?:80 (Request URL is missing an 'http://' ...)", exit 1."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert_one_line_error(invoke("run", str(SEED_PATH), *args, "--no-cache"), 2, needle)
    offline = invoke("run", str(SEED_PATH), *args, "--engine", "offline", "-f", "json")
    assert offline.exit_code == 0, offline.stderr  # the offline engine sends nothing


def test_the_output_is_never_an_input(tmp_path: Path) -> None:
    """`-o` naming the article or the --jsonl file being read replaced it with the results
    (--resume even turned every JSONL record into an error record): refused, input intact."""
    article = tmp_path / "a.txt"
    article.write_text(SEED_PATH.read_text())
    records = tmp_path / "in.jsonl"
    records.write_text(
        "".join(json.dumps({"id": f"n{i}", "text": SEED_PATH.read_text()}) + "\n" for i in (1, 2))
    )
    before = {p: p.read_bytes() for p in (article, records)}
    for args in (
        ["run", str(article), "-o", str(article)],
        ["run", str(tmp_path), "-o", str(article)],  # a directory's file
        ["run", "--jsonl", str(records), "-o", str(records)],
        ["run", "--jsonl", str(records), "-o", str(records), "--resume"],
    ):
        result = invoke(*args, "--engine", "offline")
        assert_one_line_error(result, 2, "is also an input", "another file")
    assert {p: p.read_bytes() for p in before} == before


def test_jsonl_from_standard_input_says_what_to_do() -> None:
    """Not "-: cannot read (No such file or directory)"."""
    record = json.dumps({"id": "a", "text": SEED_PATH.read_text()}) + "\n"
    result = invoke("run", "--jsonl", "-", "--engine", "offline", input=record)
    assert_one_line_error(result, 2, "--jsonl reads a file, not standard input")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("batch", [False, True])
def test_a_full_disk_on_standard_output_is_one_line(tmp_path: Path, batch: bool) -> None:
    """`summarizer run ... > /dev/full`: not "internal error (OSError)", exit 1."""
    import subprocess

    from tests.terminal import summarizer_command

    (tmp_path / "a.txt").write_text(SEED_PATH.read_text())
    (tmp_path / "b.txt").write_text(SEED_PATH.read_text().replace("Trump", "Biden"))
    args = [str(tmp_path)] if batch else [str(tmp_path / "a.txt"), "-f", "json"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*summarizer_command(), "run", *args, "--engine", "offline", "--workers", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr == "summarizer: error: cannot write standard output: No space left on device\n"
    )


@pytest.mark.parametrize("command", ["extract", "run"])
def test_a_malformed_url_is_one_line(command: str) -> None:
    """`http://[::1` (an unclosed bracket): `extract` printed a whole traceback."""
    import subprocess

    from tests.terminal import summarizer_command

    done = subprocess.run(
        [*summarizer_command(), command, "http://[::1"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr == "summarizer: error: http://[::1: not a valid URL (Invalid IPv6 URL)\n"


def test_a_bug_in_any_command_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Every command, not only `run`, keeps a bug to one line."""
    import sys

    from summarizer.cli import main as cli_main
    from summarizer.evaluation import extract

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(extract, "evaluate_extraction", broken)
    monkeypatch.setattr(sys, "argv", ["summarizer", "eval-extract", "."])
    with pytest.raises(SystemExit) as exited:
        cli_main.main()
    assert exited.value.code == 1
    assert capsys.readouterr().err == "summarizer: error: internal error (KeyError): 'boom'\n"


def test_report_with_a_jsonl_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    """Not "5 pages, 5 without their article text" as if the file had been read."""
    records = tmp_path / "out.jsonl"
    result = invoke("run", str(SEED_PATH), "--engine", "offline", "-f", "json")
    records.write_text(json.dumps(json.loads(result.stdout)) + "\n")
    missing = tmp_path / "articles.jsonl"
    report = invoke("report", str(records), "-o", str(tmp_path / "pages"), "--jsonl", str(missing))
    assert_one_line_error(report, 2, f"--jsonl {missing}: cannot read")


def test_review_pages_are_not_written_into_an_input_folder(tmp_path: Path) -> None:
    """`run news -f html -o news/` then `--resume` summarized its own pages as articles."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(SEED_PATH.read_text())
    result = invoke("run", str(news), "--engine", "offline", "-f", "html", "-o", f"{news}/")
    assert_one_line_error(result, 2, "is also an input folder")
    assert [p.name for p in news.iterdir()] == ["a.txt"]


def test_an_error_naming_a_file_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no\nsuch.txt"
    assert_one_line_error(invoke("run", str(missing)), 2, "no\\nsuch.txt: no such file")


def test_output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(tmp_path: Path) -> None:
    """`-o /dev/null` or a named pipe: written to, never replaced by a file (as root, renaming
    over /dev/null had made it a regular file for every program on the machine)."""
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(
        target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True
    )  # (a daemon: the old code never opened the pipe, and the reader waited forever)
    reader.start()
    result = invoke("run", str(SEED_PATH), "--engine", "offline", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["input"] == str(SEED_PATH)
    assert not (tmp_path / "pipe.tmp").exists()


def test_output_through_a_symbolic_link_replaces_its_file_not_the_link(tmp_path: Path) -> None:
    real = tmp_path / "results" / "seed.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    result = invoke("run", str(SEED_PATH), "--engine", "offline", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real
    assert json.loads(real.read_text(encoding="utf-8"))["input"] == str(SEED_PATH)
