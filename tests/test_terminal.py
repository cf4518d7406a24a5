"""The program as a person runs it: a real ``summarizer`` process in a pseudo-terminal.

Redirected output, output on the terminal, Ctrl-C in the middle of a batch, narrow and wide
terminals. Each test asserts on what ends up in the file, what the screen shows and the exit
code (tests/terminal.py drives the pty and emulates the screen).
"""

from __future__ import annotations

import itertools
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer

from summarizer.testing.server import DevServer
from tests.stubserver import StubServer
from tests.terminal import Session, run_in_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")

ARTICLE = (
    "The city council of {town} voted on Tuesday to repair the old bridge over the river. "
    '"We cannot wait another winter," said Mayor Ana Ruiz, who has pushed for the work since '
    "2019. The repairs will cost about 4 million dollars and start in {month}. "
    'Local shop owners welcomed the decision. "The detour has cost us half our customers," '
    "said baker Tom Hale. The council will publish the contract next week.\n"
)
TOWNS = ["Ashford", "Brill", "Corby", "Dunmore", "Elton", "Frome", "Garth", "Hythe"]
MONTHS = ["March", "April", "May", "June", "July", "August", "September", "October"]


def make_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        town, month = TOWNS[i % len(TOWNS)], MONTHS[i % len(MONTHS)]
        text = ARTICLE.format(town=f"{town} {i}", month=month)
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def summaries(lines: list[str]) -> list[dict[str, object]]:
    records = [json.loads(line) for line in lines]
    return [r for r in records if "summary" in r]


def lines_written(session: Session) -> list[str]:
    """The lines the program wrote to the terminal (a long one may wrap on the screen)."""
    return ANSI.sub("", session.raw.decode("utf-8")).replace("\r\n", "\n").strip().splitlines()


def told_to_run(session: Session) -> list[str]:
    """The command an interrupted run said would finish it."""
    said = lines_written(session)
    command = next(line for line in said if "to finish, run:" in line).split("run: ", 1)[1]
    return shlex.split(command)


def no_records_on(session: Session) -> None:
    assert '"schema_version"' not in session.raw.decode("utf-8", "replace"), session.text


@pytest.mark.parametrize("engine", ["offline", pytest.param("llm", marks=pytest.mark.loopback)])
def test_redirected_stdout_gets_every_record_with_stderr_on_a_terminal(
    tmp_path: Path,
    devserver,  # type: ignore[no-untyped-def]
    engine: str,
) -> None:
    """``summarizer run DIR > out.jsonl`` in a terminal: the records go to the file."""
    articles = make_articles(tmp_path / "news", 4)
    out = tmp_path / "out.jsonl"
    args = ["--engine", "offline"]
    if engine == "llm":
        args = ["--base-url", devserver(latency=0.05).base_url, "--no-cache"]
    session = run_in_terminal(["run", str(articles), *args], stdout=out)
    assert session.code == 0, session.text
    records = summaries(session.records())
    assert len(records) == 4
    assert {r["run"]["engine"] for r in records} == {engine}  # type: ignore[index]
    no_records_on(session)
    assert "4 articles: 4 summarized" in session.text


def test_stdout_on_the_terminal_shows_every_record_whole(tmp_path: Path) -> None:
    articles = make_articles(tmp_path / "news", 3)
    session = run_in_terminal(["run", str(articles), "--engine", "offline"], rows=60)
    assert session.code == 0, session.text
    plain = ANSI.sub("", session.raw.decode("utf-8")).replace("\r\n", "\n")
    records = [json.loads(line) for line in plain.splitlines() if line.startswith("{")]
    assert sorted(r["input"] for r in records) == sorted(str(p) for p in articles.iterdir())
    assert "3 articles: 3 summarized" in session.text


@pytest.mark.loopback
def test_the_bar_advances_per_article(tmp_path: Path, devserver) -> None:  # type: ignore[no-untyped-def]
    server: DevServer = devserver(latency=0.3)
    articles = make_articles(tmp_path / "news", 4)
    out = tmp_path / "out.jsonl"
    session = run_in_terminal(
        ["run", str(articles), "--base-url", server.base_url, "--jobs", "1", "--no-cache"],
        stdout=out,
    )
    assert session.code == 0, session.text
    seen = {n for n in range(5) if any(f"{n}/4 done" in frame for frame in session.frames)}
    assert {1, 2, 3} <= seen, seen
    assert "4 articles: 4 summarized" in session.text
    assert "━" not in session.text  # the bar is gone at the end


def test_notices_go_above_the_bar(tmp_path: Path) -> None:
    # enough articles that the run lasts a few bar redraws (0.1 s apart) even when a loaded
    # machine starves the parent while the worker processes run
    articles = make_articles(tmp_path / "news", 300)
    out = tmp_path / "out.jsonl"
    session = run_in_terminal(["run", str(articles)], stdout=out)  # no LLM: a notice
    assert session.code == 0, session.text
    for frame in session.frames:
        for row in frame.splitlines():
            assert not ("done" in row and "no LLM configured" in row), frame
    shown = {int(n) for f in session.frames for n in re.findall(r"(\d+)/300 done", f)}
    assert max(shown) > 0, shown  # the bar moved while the articles finished
    notice = [row for row in session.screen if "no LLM configured" in row]
    assert len(notice) == 1 and notice[0].startswith("summarizer: no LLM configured"), session.text
    assert len(session.records()) == 300


@pytest.mark.loopback
@pytest.mark.parametrize(
    ("signal_name", "code", "said"),
    [("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated (SIGTERM)")],
)
def test_ctrl_c_mid_batch_prints_totals_and_the_resume_command(
    tmp_path: Path,
    devserver,  # type: ignore[no-untyped-def]
    signal_name: str,
    code: int,
    said: str,
) -> None:
    """Ctrl-C (SIGINT to the process group) and ``kill PID`` (SIGTERM to the program alone, as
    a scheduler sends it) stop a batch alike: whole lines, the totals, the command that
    finishes the run."""
    import signal

    server: DevServer = devserver(latency=0.25)
    articles = make_articles(tmp_path / "news", 8)
    out = tmp_path / "out.jsonl"
    args = ["run", str(articles), "--base-url", server.base_url, "--jobs", "1", "--no-cache"]

    def two_done(_: Session) -> bool:
        return out.exists() and out.read_bytes().count(b"\n") >= 2

    session = run_in_terminal(
        args,
        stdout=out,
        interrupt=two_done,
        interrupt_with=signal.Signals[signal_name],
        interrupt_group=signal_name == "SIGINT",
        cols=250,
    )
    assert session.code == code, session.text
    lines = session.records()
    assert 2 <= len(lines) < 8
    assert all(json.loads(line)["input"] for line in lines)  # every line whole
    assert out.read_bytes().endswith(b"\n")
    assert f"{said}: {len(lines)} of 8 articles: {len(lines)} summarized" in " ".join(
        lines_written(session)
    )
    argv = told_to_run(session)
    assert argv[:1] == ["summarizer"] and argv[-3:] == ["-o", str(out), "--resume"]
    finish = run_in_terminal(argv[1:], cols=250)  # the command exactly as printed
    assert finish.code == 0, finish.text
    names = [json.loads(line)["input"] for line in out.read_text().splitlines()]
    assert sorted(names) == sorted(str(p) for p in articles.iterdir())  # each once
    assert "already done (--resume)" in finish.text


@pytest.mark.parametrize("cols", [80, 160])
def test_help_fits_the_terminal(cols: int) -> None:
    session = run_in_terminal(["run", "--help"], cols=cols, rows=200)
    assert session.code == 0
    assert all(len(row) <= cols for row in session.screen)
    text = session.text
    assert "<bool>" not in text and "list[str]" not in text and "<" + "int>" not in text
    words = set(re.findall(r"[A-Za-z]+", HELP_WORDS))
    shown = set(re.findall(r"[A-Za-z]+", text))
    assert words <= shown, words - shown  # no word cut at the edge


HELP_WORDS = (
    "Summarize news articles into structured, verifiable summaries. "
    "Several articles print JSON Lines, one record per article as each finishes"
)


def every_command() -> list[tuple[list[str], Any]]:
    """Each command and subcommand of the CLI, found in its command tree (new ones included)."""
    from summarizer.cli.main import app

    found: list[tuple[list[str], Any]] = []

    def walk(command: Any, path: list[str]) -> None:  # typer's (vendored) click commands
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            if not sub.hidden:
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


TYPE_MARKERS = re.compile(r"<(str|int|float|path|list|bool|choice)\b|<[a-z_]+(\|[a-z_]+)+>")
BOX = "│╭╮╰╯─ "


@pytest.mark.parametrize(
    ("path", "command"),
    every_command(),
    ids=[" ".join(["summarizer", *path]) for path, _ in every_command()],
)
def test_every_help_fits_80_columns_whole_words_and_no_types(path: list[str], command: Any) -> None:
    cols = 80
    session = run_in_terminal([*path, "--help"], cols=cols, rows=200)
    assert session.code == 0, session.text
    text = session.text
    assert text.count("Usage:") == 1, text  # all of it on the screen
    for row in session.screen:  # a full row that is not a panel's border ran off the edge
        assert len(row) < cols or row[-1] in BOX, row
    assert not TYPE_MARKERS.search(text), [m.group() for m in TYPE_MARKERS.finditer(text)]
    for param in command.params:  # a placeholder is a metavar, not {page} or [articles]
        if param.param_type_name == "argument" and param.name:
            assert f"{{{param.name}}}" not in text and f"[{param.name}]" not in text, text
    rows = [row.strip(BOX) for row in session.screen]
    for row, after in itertools.pairwise(rows):
        assert not (re.search(r"[A-Za-z]-$", row) and re.match(r"[A-Za-z]", after)), (row, after)
    written = [command.help or ""] + [
        getattr(p, "help", None) or "" for p in command.params if not getattr(p, "hidden", False)
    ]
    words = set(re.findall(r"[A-Za-z]+", " ".join(written)))
    shown = set(re.findall(r"[A-Za-z]+", text))
    assert words <= shown, words - shown  # no word cut at the edge


@pytest.mark.parametrize("cols", [80, 160])
def test_a_usage_error_is_one_line(cols: int) -> None:
    session = run_in_terminal(["run", "x.txt", "--engine", "gpt"], cols=cols)
    assert session.code == 2
    assert len(lines_written(session)) == 1, session.text
    assert session.text.startswith("summarizer: error: ")
    assert "gpt" in session.text and "auto" in session.text
    assert not set("╭╮╰╯│─") & set(session.text)


def test_an_empty_directory_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out.jsonl"
    for given in [str(tmp_path / "empty"), str(tmp_path / "nothing" / "*.txt")]:
        session = run_in_terminal(["run", given], stdout=out, cols=250)
        assert session.code == 2, session.text
        assert len(lines_written(session)) == 1, session.text
        assert session.text.startswith("summarizer: error: ")
        assert given in session.text
        assert out.read_text() == ""


@pytest.mark.loopback
def test_a_rejected_key_stops_the_batch_at_once(tmp_path: Path) -> None:
    articles = make_articles(tmp_path / "news", 11)
    out = tmp_path / "out.jsonl"
    body = {"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}}
    with StubServer(401, body) as server:
        session = run_in_terminal(
            [
                "run",
                str(articles),
                "--base-url",
                server.base_url,
                "--api-key",
                "sk-bad",
                "--jobs",
                "2",
                "--no-cache",
            ],
            stdout=out,
        )
    assert session.code == 2, session.text
    assert session.text.count("summarizer:") == 1, session.text  # one line, the bar gone
    assert session.text.startswith("summarizer: error: ") and "--api-key" in session.text
    assert out.read_text() == ""
    assert server.requests <= 3


def test_warnings_are_counted_with_a_few_examples(tmp_path: Path) -> None:
    from tests.conftest import SEED_PATH, fixture_path

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    session = run_in_terminal(
        ["run", str(folder), "--replay", str(fixture_path("seed_never_grounded"))], stdout=out
    )
    assert session.code == 0, session.text
    record = json.loads(out.read_text())
    assert len(record["run"]["warnings"]) == 1
    assert "1 warning" in session.text
    assert sum("dropped a quote" in line for line in lines_written(session)) == 1


@pytest.mark.loopback
def test_a_cached_rerun_spends_no_tokens_and_says_so(tmp_path: Path, devserver) -> None:  # type: ignore[no-untyped-def]
    server: DevServer = devserver()
    articles = make_articles(tmp_path / "news", 3)
    args = ["run", str(articles), "--base-url", server.base_url]
    first = run_in_terminal(args, stdout=tmp_path / "first.jsonl", cols=160)
    spent = sum(json.loads(line)["run"]["usage"]["total_tokens"] for line in first.records())
    assert spent > 0 and f"{spent:,} tokens spent" in first.text
    again = run_in_terminal(args, stdout=tmp_path / "again.jsonl", cols=160)
    assert again.code == 0, again.text
    assert "(3 from cache)" in again.text
    assert f"0 tokens spent, {spent:,} served from cache" in again.text


@pytest.mark.loopback
def test_ctrl_c_with_the_records_on_the_terminal_says_how_to_keep_them(
    tmp_path: Path, devserver
) -> None:  # type: ignore[no-untyped-def]
    server: DevServer = devserver(latency=0.25)
    articles = make_articles(tmp_path / "news", 8)
    args = ["run", str(articles), "--base-url", server.base_url, "--jobs", "1", "--no-cache"]

    def one_shown(session: Session) -> bool:
        return b'"schema_version"' in session.raw

    session = run_in_terminal(args, interrupt=one_shown, cols=160)
    assert session.code == 130, session.text
    said = " ".join(lines_written(session))
    assert "interrupted: " in said and "of 8 articles" in said
    assert "write them to a file with -o FILE" in said and "--resume" in said


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path, workers: str) -> None:
    """`summarizer run DIR | head -1`: the pipe closes after one record; no "internal error",
    no traceback, the exit status a shell gives a process ended by SIGPIPE (worker processes
    included)."""
    import subprocess

    from tests.terminal import summarizer_command

    articles = make_articles(tmp_path / "news", 400)
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("OPENAI_")}
    args = ["run", str(articles), "--engine", "offline", "--no-progress", "--workers", workers]
    proc = subprocess.Popen(
        [*summarizer_command(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does
    errors = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, errors
    assert json.loads(first)["input"]
    assert "internal error" not in errors and "Traceback" not in errors


def test_a_command_group_alone_shows_its_help() -> None:
    """`summarizer batch` as `summarizer` alone: the help, laid out, not squeezed into an error."""
    session = run_in_terminal(["batch"], cols=80, rows=60)
    assert session.code == 0, session.text
    assert "error" not in session.text and session.text.count("Usage:") == 1
    assert any(row.strip().startswith("collect") for row in session.screen), session.text


def test_an_article_typed_on_the_terminal_is_announced(tmp_path: Path) -> None:
    """`summarizer run -` on a terminal said nothing while it waited for the article."""
    from tests.conftest import SEED_PATH

    article = SEED_PATH.read_text().replace("\n", " ")[:600].encode() + b"\n\x04"
    out = tmp_path / "out.json"
    session = run_in_terminal(["run", "-", "--engine", "offline"], typed=article, stdout=out)
    assert session.code == 0, session.text
    assert json.loads(out.read_text())["input"] == "-"
    assert "reading the article from standard input (end with Ctrl-D)" in session.text


def test_ctrl_c_while_the_command_line_is_loading_is_one_line_and_exit_130() -> None:
    """A Ctrl-C in the first tenths of a second, while the command line's modules are still
    being imported, is reported as any interrupt: one line, exit 130, no traceback from the
    module being imported. (The interrupt is sent as the import of ``summarizer.cli.main``
    starts, by an import hook, so the moment is not left to timing.)"""
    import subprocess
    import sys

    script = (
        "import os, signal, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'summarizer.cli.main':\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['summarizer', '--help']\n"
        "from summarizer.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130
    assert done.stderr == "summarizer: interrupted; nothing was written\n"
    assert done.stdout == ""


def test_an_interrupt_caught_inside_generated_code_leaves_the_exit_code_to_the_command(
    tmp_path: Path,
) -> None:
    """CPython marks a KeyboardInterrupt raised in code that ``exec()`` runs from a string as
    unhandled even when it is caught (a Ctrl-C can land there while a module loads), and a
    process started with ``python -m`` then ended by SIGINT after it had printed its one line
    and chosen its code (seen as a flaky interrupted ``batch collect``). Here such an interrupt
    is raised, and caught, as the command ends: the command's own exit code must stand."""
    import os
    import subprocess
    import sys

    entry = tmp_path / "entry"
    entry.mkdir()
    (entry / "__init__.py").write_text("")
    (entry / "__main__.py").write_text(
        "import sys\n"
        "from summarizer.cli import main\n"  # (the function, before its submodule shadows it)
        "import summarizer.cli.main as command\n"
        "real = command.app\n"
        "def app(*args, **kwargs):\n"
        "    try:\n"
        "        return real(*args, **kwargs)\n"
        "    finally:\n"
        "        try:\n"
        "            exec('raise KeyboardInterrupt')\n"
        "        except KeyboardInterrupt:\n"
        "            pass\n"
        "command.app = app\n"
        "sys.argv = ['summarizer', 'run', 'missing.txt']\n"
        "main()\n"
    )
    project = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), project])}
    done = subprocess.run(
        [sys.executable, "-m", "entry"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr == "summarizer: error: missing.txt: no such file\n"


def test_sigterm_to_the_group_stops_worker_processes_cleanly(tmp_path: Path) -> None:
    """``timeout`` sends SIGTERM to the whole process group: the offline engine's worker
    processes end, the parent reports what was written, and nothing prints a traceback."""
    import signal

    articles = make_articles(tmp_path / "news", 3000)
    out = tmp_path / "out.jsonl"

    def some_done(_: Session) -> bool:
        return out.exists() and out.read_bytes().count(b"\n") >= 20

    session = run_in_terminal(
        ["run", str(articles), "--engine", "offline", "--workers", "2", "-o", str(out)],
        interrupt=some_done,
        interrupt_with=signal.SIGTERM,
        cols=250,
    )
    said = " ".join(lines_written(session))
    assert "Traceback" not in said, said
    lines = out.read_text().splitlines()
    assert all(json.loads(line)["input"] for line in lines)  # every line whole
    assert session.code == 143, said
    assert f"terminated (SIGTERM): {len(lines)} of 3,000 articles" in said
    assert told_to_run(session)[-1] == "--resume"
