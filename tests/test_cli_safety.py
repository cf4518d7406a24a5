"""What a person's files and runs are safe from: ``-o`` onto a file that is not a batch's
results, a resume that would mix two engines' or models' summaries, a command to finish a run
that would not reproduce it, a batch that fails a million articles on a dead server."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.batch import Outcome
from summarizer.cli.main import app
from summarizer.schema import ErrorInfo, ErrorRecord
from summarizer.testing.server import DevServer
from tests.cli_files import records, write_articles
from tests.terminal import Session, run_in_terminal

cli = CliRunner()
DEAD = "http://127.0.0.1:9/v1"  # the discard port: nothing listens, the connection is refused


def summary_line(name: str, engine: str, model: str | None) -> str:
    """A summary record as a batch writes it (its fields trimmed to those resume reads)."""
    run = {"engine": engine, "model": model, "prompt_version": "x", "attempts": 1}
    return json.dumps({"schema_version": "3", "input": name, "summary": {}, "run": run})


NOT_RESULTS = {
    "readme": "# My notes\n\nThings to remember.\n",
    "dataset": '{"text": "An article about a bridge."}\n{"text": "Another one."}\n',
    "mixed": summary_line("a", "offline", None) + '\n{"id": 1, "text": "not a result"}\n',
}


@pytest.mark.parametrize("content", NOT_RESULTS.values(), ids=NOT_RESULTS.keys())
def test_resume_refuses_a_file_that_is_not_results_and_leaves_it(
    tmp_path: Path, content: str
) -> None:
    news = write_articles(tmp_path / "news", 2)
    notes = tmp_path / "notes.md"
    notes.write_text(content, encoding="utf-8")
    args = ["run", str(news), "-o", str(notes), "--engine", "offline", "--workers", "1"]
    resumed = cli.invoke(app, [*args, "--resume"])
    assert resumed.exit_code == 2, resumed.stderr
    assert notes.read_text(encoding="utf-8") == content  # never touched
    assert resumed.stderr.count("\n") == 1
    assert f"--resume: {notes} is not a results file" in resumed.stderr
    assert "choose another -o file" in resumed.stderr
    # without --resume: no false "already holds results: add --resume"
    fresh = cli.invoke(app, args)
    assert fresh.exit_code == 2 and notes.read_text(encoding="utf-8") == content
    assert "already holds results" not in fresh.stderr and "--resume" not in fresh.stderr
    assert f"{notes} exists and is not a results file" in fresh.stderr
    assert "choose another -o file" in fresh.stderr


def test_resume_continues_a_results_file_with_error_records_and_a_torn_line(
    tmp_path: Path,
) -> None:
    news = write_articles(tmp_path / "news", 3)
    out = tmp_path / "out.jsonl"
    first = str(news / "article-000.txt")
    failed = ErrorRecord(
        input=str(news / "article-001.txt"), error=ErrorInfo(kind="x", message="y")
    )
    out.write_text(
        summary_line(first, "offline", None) + "\n" + failed.model_dump_json() + '\n{"inp'
    )
    result = cli.invoke(
        app, ["run", str(news), "-o", str(out), "--resume", "--engine", "offline", "--workers", "1"]
    )
    assert result.exit_code == 0, result.stderr
    names = [r["input"] for r in records(out)]
    assert sorted(names) == sorted(str(p) for p in news.iterdir()) and names[0] == first


def test_resume_refuses_summaries_of_another_engine_or_model(tmp_path: Path) -> None:
    news = write_articles(tmp_path / "news", 2)
    out = tmp_path / "out.jsonl"
    for earlier, args, said in [
        (
            ("offline", None),
            ["--engine", "llm", "--model", "m2", "--base-url", DEAD],
            "holds summaries by the offline engine, but this run would use the llm engine "
            "with model m2",
        ),
        (
            ("llm", "m1"),
            ["--engine", "llm", "--model", "m2", "--base-url", DEAD],
            "holds summaries by the llm engine with model m1, but this run would use the llm "
            "engine with model m2",
        ),
        (("llm", "m1"), ["--engine", "offline"], "but this run would use the offline engine"),
    ]:
        content = summary_line(str(news / "article-000.txt"), *earlier) + "\n"
        out.write_text(content)
        result = cli.invoke(app, ["run", str(news), "-o", str(out), "--resume", *args])
        assert result.exit_code == 2, result.stderr
        assert said in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "same --engine and --model as the first run, or write to another -o file" in (
            result.stderr
        )
        assert out.read_text() == content


def outcome(kind: str, name: str = "a.txt") -> Outcome:
    return Outcome(0, name, error=ErrorRecord(input=name, error=ErrorInfo(kind=kind, message="m")))


def test_the_server_watch_counts_only_the_model_servers_failures() -> None:
    from summarizer.cli.runner import UNREACHABLE_AFTER, ServerUnreachable, _ServerWatch

    watch = _ServerWatch(frozenset({"https://example.com/a"}))
    for _ in range(UNREACHABLE_AFTER - 1):
        watch.see(outcome("connection"))
    watch.see(outcome("input"))  # a bad file never reached the server: neither way
    watch.see(outcome("connection", "https://example.com/a"))  # a page not fetched
    with pytest.raises(ServerUnreachable):
        watch.see(outcome("connection"))
    watch = _ServerWatch(frozenset())
    for _ in range(UNREACHABLE_AFTER - 1):
        watch.see(outcome("connection"))
    watch.see(outcome("timeout"))  # the server answered, if slowly
    for _ in range(UNREACHABLE_AFTER - 1):
        watch.see(outcome("connection"))


@pytest.mark.loopback
def test_a_batch_stops_when_the_server_cannot_be_reached_and_resume_reruns_it(
    tmp_path: Path,
    devserver,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer.cli.runner import UNREACHABLE_AFTER

    monkeypatch.setenv("OPENAI_BASE_URL", DEAD)
    news = write_articles(tmp_path / "news", UNREACHABLE_AFTER + 10)
    out = tmp_path / "out.jsonl"
    args = ["run", str(news), "-o", str(out), "--no-cache", "--max-attempts", "1"]
    result = cli.invoke(app, args)
    assert result.exit_code == 1, result.stderr
    lines = records(out)
    assert UNREACHABLE_AFTER <= len(lines) < UNREACHABLE_AFTER + 10
    assert all(r["error"]["kind"] == "connection" for r in lines)  # type: ignore[index]
    assert "the model's server could not be reached" in result.stderr
    assert "check OPENAI_BASE_URL or --base-url" in result.stderr
    assert "stopped: " in result.stderr and "to finish, run: " in result.stderr
    assert DEAD not in result.stderr.split("to finish, run: ")[1]  # the server is to change
    # the server up: --resume runs the failed articles again, each once
    server: DevServer = devserver()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    finish = cli.invoke(app, [*args, "--resume"])
    assert finish.exit_code == 0, finish.stderr
    names = [r["input"] for r in records(out)]
    assert sorted(names) == sorted(str(p) for p in news.iterdir())
    assert all("summary" in r for r in records(out))


def told_to_run(session: Session) -> list[str]:
    said = session.raw.decode("utf-8").replace("\r\n", "\n")
    line = next(line for line in said.splitlines() if "to finish, run:" in line)
    return shlex.split(line.split("run: ", 1)[1])


@pytest.mark.loopback
def test_the_command_to_finish_names_the_engine_model_and_server_from_the_environment(
    tmp_path: Path,
    devserver,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server: DevServer = devserver(latency=0.25)
    news = write_articles(tmp_path / "news", 8)
    out = tmp_path / "out.jsonl"
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", "model-from-env")

    def two_done(_: Session) -> bool:
        return out.exists() and out.read_bytes().count(b"\n") >= 2

    session = run_in_terminal(
        ["run", str(news), "-o", str(out), "--jobs", "1", "--no-cache"],
        interrupt=two_done,
        cols=250,
    )
    assert session.code == 130, session.text
    argv = told_to_run(session)
    assert argv[-7:] == [
        "--engine", "llm", "--model", "model-from-env", "--base-url", server.base_url, "--resume",
    ], argv  # fmt: skip
    # the environment has changed since: the printed command still finishes the same run
    monkeypatch.delenv("OPENAI_BASE_URL")
    monkeypatch.delenv("SUMMARIZER_MODEL")
    finish = run_in_terminal(argv[1:], cols=250)
    assert finish.code == 0, finish.text
    done = records(out)
    assert sorted(r["input"] for r in done) == sorted(str(p) for p in news.iterdir())
    assert {r["run"]["model"] for r in done} == {"model-from-env"}  # type: ignore[index]


def test_the_server_watch_stops_a_run_of_one_refusal_too() -> None:
    """A wrong key, a model the server lacks, a mode it does not take: every article would
    fail the same way, so a run of one such kind stops the batch; two kinds mixed do not."""
    from summarizer.cli.runner import UNREACHABLE_AFTER, ServerUnreachable, _ServerWatch
    from summarizer.errors import ErrorKind

    watch = _ServerWatch(frozenset())
    for _ in range(UNREACHABLE_AFTER - 1):
        watch.see(outcome("auth"))
    with pytest.raises(ServerUnreachable) as stopped:
        watch.see(outcome("auth"))
    assert stopped.value.kind is ErrorKind.AUTH
    watch = _ServerWatch(frozenset())
    for i in range(3 * UNREACHABLE_AFTER):
        watch.see(outcome("unsupported" if i % 2 else "model_not_found"))


@pytest.mark.loopback
def test_a_batch_in_a_mode_the_server_refuses_stops_once(
    tmp_path: Path,
    devserver,  # type: ignore[no-untyped-def]
) -> None:
    from summarizer.cli.runner import UNREACHABLE_AFTER
    from summarizer.testing.personalities import Personality

    server: DevServer = devserver(personality=Personality(name="no-tools", tools="unsupported"))
    news = write_articles(tmp_path / "news", UNREACHABLE_AFTER + 10)
    out = tmp_path / "out.jsonl"
    args = ["run", str(news), "-o", str(out), "--no-cache", "--mode", "tools"]
    result = cli.invoke(app, [*args, "--base-url", server.base_url, "--jobs", "2"])
    assert result.exit_code == 1, result.stderr
    lines = records(out)
    assert UNREACHABLE_AFTER <= len(lines) < UNREACHABLE_AFTER + 10
    assert {r["error"]["kind"] for r in lines} == {"unsupported"}  # type: ignore[index]
    assert "every article failed the same way" in result.stderr
    assert "stopped: " in result.stderr and "to finish, run: " in result.stderr


def test_a_replay_file_is_read_once_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings (the recording's server) and the transport come from one reading."""
    from summarizer.cli.runner import RunOptions
    from summarizer.http import exchanges
    from tests.conftest import fixture_path

    reads: list[object] = []
    load = exchanges.load_fixture

    def counted(path: object) -> dict[str, object]:
        reads.append(path)
        return load(path)  # type: ignore[arg-type]

    monkeypatch.setattr(exchanges, "load_fixture", counted)
    options = RunOptions(engine="llm", replay=fixture_path("seed_happy_tools"))
    options.settings()
    options.transport()
    assert len(reads) == 1
