"""Offline batches over several worker processes: the same records as one process, in input
order, and every guarantee of a batch kept (whole lines, Ctrl-C with totals and the resume
command, --resume, bad articles as error records, the bar; a closed pipe: test_terminal.py)."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.batch import Outcome, _Pool, asummarize_many, default_workers, summarize_many
from summarizer.cli.main import app
from summarizer.errors import SummarizerError
from summarizer.testing.articles import long_article
from tests.terminal import Session, run_in_terminal
from tests.test_terminal import lines_written, make_articles, told_to_run

cli = CliRunner()
LATENCY = re.compile(r'"latency_s":[0-9.e-]+')

# An article the offline engine takes seconds over (about 3.6 MB; 2.4 MB took 1.6 s of CPU on a
# fast machine, 1.2 MB under a second: the tests below wait a second for the others to finish
# while it runs, so it must outlast that with room to spare)
SLOW_WORDS = 600_000


def same(lines: list[str]) -> list[str]:
    """The records without their timing, the one field that differs from run to run."""
    return [LATENCY.sub("", line) for line in lines]


def items(n: int) -> list[tuple[str, str]]:
    return [(f"a{i}", long_article(300 + 40 * i)) for i in range(n)]


def test_worker_processes_give_the_records_of_one_process_in_input_order() -> None:
    given = [*items(7), ("empty", "   "), ("short", "too short to summarize")]
    one = [o.to_json() for o in summarize_many(given, engine="offline", ordered=True)]
    outcomes = list(summarize_many(given, engine="offline", ordered=True, workers=3))
    assert [o.input for o in outcomes] == [name for name, _ in given]
    assert same([o.to_json() for o in outcomes]) == same(one)
    assert [o.ok for o in outcomes] == [True] * 7 + [False, False]
    # the summary comes back from its JSON line only when asked for, and is the same model
    first = outcomes[0].summary
    assert first is not None and first.model_dump_json() == outcomes[0].to_json()
    assert outcomes[7].error is not None and outcomes[7].error.error.kind == "input"


def test_the_async_batch_shares_out_the_articles_too() -> None:
    given = items(6)

    async def run(workers: int) -> list[Outcome]:
        return [
            o async for o in asummarize_many(given, engine="offline", ordered=True, workers=workers)
        ]

    one, two = asyncio.run(run(1)), asyncio.run(run(2))
    assert [o.input for o in two] == [name for name, _ in given]
    assert same([o.to_json() for o in two]) == same([o.to_json() for o in one])


def _no_word(pipe: int) -> None:
    """A worker that dies (killed, out of memory) before it sends anything."""
    os._exit(3)


def _half_a_message(pipe: int) -> None:
    """A worker killed in the middle of sending: the length of a message, a part of it. (A
    ``multiprocessing.Queue`` waits for the rest of such a message for ever: SIGTERM to the
    group hung a batch now and then.)"""
    os.write(pipe, struct.pack("<Q", 100_000) + b"x" * 1_000)
    os._exit(1)


@pytest.mark.parametrize("dies", [_no_word, _half_a_message])
def test_a_worker_that_dies_stops_the_batch_instead_of_hanging_it(
    dies: Callable[[int], None],
) -> None:
    context = multiprocessing.get_context("fork")
    read, write = os.pipe()
    dying = context.Process(target=dies, args=(write,), daemon=True)
    dying.start()
    os.close(write)
    pool = _Pool([dying], [read], ordered=False)
    with pytest.raises(SummarizerError, match="worker process ended"):
        while not pool.done:
            pool.receive(0.2)
    pool.close()


def test_the_workers_stop_soon_when_the_batch_is_left() -> None:
    """Closing the outcomes early (Ctrl-C, a consumer that has what it wanted) ends the
    worker processes at once, not after their share of the articles."""
    outcomes = summarize_many(items(400), engine="offline", workers=2)
    assert next(outcomes).ok
    workers = multiprocessing.active_children()
    assert workers
    outcomes.close()
    assert not any(p.is_alive() for p in workers)
    assert all(p.exitcode == 0 for p in workers), [p.exitcode for p in workers]


def test_the_cli_uses_every_cpu_for_the_offline_engine(tmp_path: Path) -> None:
    folder = make_articles(tmp_path / "news", 12)
    (folder / "b-empty.txt").write_text("\n", encoding="utf-8")  # one bad article
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    base = ["run", str(folder), "--engine", "offline", "-o"]
    assert cli.invoke(app, [*base, str(one), "--workers", "1"]).exit_code == 2
    result = cli.invoke(app, [*base, str(two), "--workers", "2"])
    assert result.exit_code == 2, result.stderr  # only a bad input failed: the others are there
    assert "13 articles: 12 summarized, 1 failed" in result.stderr
    names = [json.loads(line)["input"] for line in two.read_text().splitlines()]
    assert names == sorted(str(p) for p in folder.iterdir())  # input order
    assert sorted(same(two.read_text().splitlines())) == sorted(same(one.read_text().splitlines()))
    assert default_workers() >= 1


def test_resume_with_worker_processes_runs_only_what_is_missing(tmp_path: Path) -> None:
    folder = make_articles(tmp_path / "news", 10)
    out = tmp_path / "out.jsonl"
    full = tmp_path / "full.jsonl"
    base = ["run", str(folder), "--engine", "offline", "--workers", "2"]
    assert cli.invoke(app, [*base, "-o", str(full)]).exit_code == 0
    lines = full.read_text().splitlines()
    out.write_text("\n".join(lines[:4]) + "\n" + lines[4][:50])  # killed mid-line
    result = cli.invoke(app, [*base, "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.stderr
    assert "4 already done (--resume)" in result.stderr
    names = [json.loads(line)["input"] for line in out.read_text().splitlines()]
    assert sorted(names) == sorted(str(p) for p in folder.iterdir())  # each exactly once


def test_ctrl_c_stops_the_workers_with_totals_and_the_resume_command(tmp_path: Path) -> None:
    articles = make_articles(tmp_path / "news", 3000)
    out = tmp_path / "out.jsonl"
    args = ["run", str(articles), "--engine", "offline", "--workers", "2"]

    def some_done(_: Session) -> bool:
        return out.exists() and out.read_bytes().count(b"\n") >= 20

    session = run_in_terminal(args, stdout=out, interrupt=some_done, cols=250)
    assert session.code == 130, session.text
    lines = session.records()
    assert 20 <= len(lines) < 3000
    assert all(json.loads(line)["input"] for line in lines)  # every line whole
    assert f"interrupted: {len(lines)} of 3,000 articles" in " ".join(lines_written(session))
    assert "Traceback" not in session.text and "internal error" not in session.text
    finish = run_in_terminal(told_to_run(session)[1:], cols=250)
    assert finish.code == 0, finish.text
    names = [json.loads(line)["input"] for line in out.read_text().splitlines()]
    assert sorted(names) == sorted(str(p) for p in articles.iterdir())  # each once


def test_the_bar_advances_with_worker_processes(tmp_path: Path) -> None:
    articles = make_articles(tmp_path / "news", 300)
    out = tmp_path / "out.jsonl"
    session = run_in_terminal(
        ["run", str(articles), "--engine", "offline", "--workers", "2"], stdout=out
    )
    assert session.code == 0, session.text
    shown = {int(n) for f in session.frames for n in re.findall(r"(\d+)/300 done", f)}
    assert any(0 < n < 300 for n in shown), shown  # it moved while the articles finished
    assert len(session.records()) == 300
    assert "300 articles: 300 summarized" in session.text


def test_standard_input_in_a_batch_is_read_before_the_workers_start(tmp_path: Path) -> None:
    """A worker process's stdin is /dev/null: ``run - a.txt`` reads ``-`` in the parent."""
    folder = make_articles(tmp_path / "news", 1)
    text = long_article(400)
    result = cli.invoke(
        app, ["run", "-", str(folder), "--engine", "offline", "--workers", "2"], input=text
    )
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == ["-", str(next(folder.iterdir()))]
    assert records[0]["summary"]["headline"] and "error" not in records[0]


TICKING = """
import asyncio, json, sys, time
from summarizer.batch import asummarize_many
from summarizer.io.sources import Source
from summarizer.testing.articles import long_article

async def main():
    gaps, done = [], asyncio.Event()
    async def tick():
        last = time.monotonic()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now
    ticker = asyncio.create_task(tick())
    await asyncio.sleep(0.05)
    print("ticking", flush=True)
    items = [Source("-", path="-"), ("b", long_article(300))]
    names = [o.input async for o in asummarize_many(items, engine="offline", workers=2)]
    done.set()
    await ticker
    print(json.dumps({"names": sorted(names), "max_gap": max(gaps)}))

asyncio.run(main())
"""


def test_the_async_batch_with_workers_keeps_the_event_loop_running() -> None:
    """Standard input read, processes forked, waited for and ended: none of it on the loop."""
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-c", TICKING],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"ticking\n"
    time.sleep(1.0)  # the article on standard input comes late, as a slow pipe's does
    proc.stdin.write(long_article(400).encode())
    proc.stdin.close()
    out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err.decode()
    result = json.loads(out)
    assert result["names"] == ["-", "b"]
    assert result["max_gap"] < 0.5, result  # the loop ran while standard input was waited for


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_article_holds_up_only_what_comes_after_it(workers: int) -> None:
    """What is finished goes out while the next article runs (each worker process sends it):
    the records before a slow article are out long before it is done."""
    import time

    given = [*items(10), ("slow", long_article(SLOW_WORDS)), ("after", long_article(300))]
    arrived: dict[str, float] = {}
    for outcome in summarize_many(given, engine="offline", ordered=True, workers=workers):
        arrived[outcome.input] = time.monotonic()
    assert list(arrived) == [name for name, _ in given]  # input order
    assert arrived["slow"] - arrived["a9"] > 0.5, arrived  # not held back behind "slow"


def test_told_of_ctrl_c_the_workers_outcomes_still_come_in_input_order() -> None:
    """``KeyboardInterrupt`` thrown into the iterator (Ctrl-C while the caller was busy with
    an outcome): what the processes had finished comes before the interruption goes on."""
    import time

    quick = items(16)
    given = [*quick[:10], ("slow", long_article(SLOW_WORDS)), *quick[11:]]
    outcomes = summarize_many(given, engine="offline", ordered=True, workers=2)
    got = [next(outcomes).input for _ in range(10)]
    time.sleep(1.0)  # worker 1 finishes a11, a13, a15; worker 0 is on "slow"
    got.append(outcomes.throw(KeyboardInterrupt()).input)
    with pytest.raises(KeyboardInterrupt):
        got.extend(outcome.input for outcome in outcomes)
    assert got == [f"a{i}" for i in range(10)] + ["a11", "a13", "a15"]


def test_ctrl_c_writes_every_record_the_workers_finished(tmp_path: Path) -> None:
    """Ctrl-C while a slow article runs: the records of the other worker that come after it
    in input order (held back for order) are written too, then the run stops as usual."""
    import time

    articles = make_articles(tmp_path / "news", 50)
    (articles / "a010.txt").write_text(long_article(SLOW_WORDS), encoding="utf-8")  # worker 0's
    out = tmp_path / "out.jsonl"
    seen: list[float] = []

    def stuck_at_the_slow_one(_: Session) -> bool:
        if not (out.exists() and out.read_bytes().count(b"\n") >= 10):
            return False
        seen.append(time.monotonic())
        return seen[-1] - seen[0] > 1.0  # the other worker has long finished its share

    args = ["run", str(articles), "--engine", "offline", "--workers", "2"]
    session = run_in_terminal(args, stdout=out, interrupt=stuck_at_the_slow_one, cols=250)
    assert session.code == 130, session.text
    names = [Path(json.loads(line)["input"]).name for line in session.records()]
    # worker 1 (odd inputs) finished everything; worker 0 never got past a010
    expected = [f"a{i:03d}.txt" for i in range(50) if i < 10 or (i > 10 and i % 2)]
    assert names == expected
    assert f"interrupted: {len(expected)} of 50 articles" in " ".join(lines_written(session))
    assert "Traceback" not in session.text and "internal error" not in session.text
