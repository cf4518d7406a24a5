"""Batch runs against the project's test server: one record per input, order, cache, resume,
error records and the rate limiter. Real HTTP on 127.0.0.1, no mocks of our own code."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.batch import summarize_many
from summarizer.cli.main import app
from summarizer.engines.llm.cache import Cache
from summarizer.http.ratelimit import RateLimiter
from summarizer.io.output import prepare_resume
from summarizer.testing.server import Faults, sample_article

pytestmark = pytest.mark.loopback
cli = CliRunner()


def llm(server) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {"engine": "llm", "base_url": server.base_url, "api_key": "sk-test-key"}


def write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(sample_article(i), encoding="utf-8")
        paths.append(path)
    return paths


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_input_gets_exactly_one_record_and_quotes_are_grounded(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver(latency=0.01)
    items = [(f"a{i}", sample_article(i)) for i in range(12)]
    outcomes = list(summarize_many(items, jobs=4, **llm(server)))
    assert sorted(o.input for o in outcomes) == sorted(name for name, _ in items)
    texts = dict(items)
    for o in outcomes:
        assert o.summary is not None, o.error
        assert o.summary.run.attempts == 1
        for q in o.summary.quotes:
            assert texts[o.input][q.start : q.end] == q.text
    assert server.counts["requests"] == 12  # exactly one request per clean article


def test_packed_outcomes_carry_the_same_lines_and_summaries(devserver) -> None:  # type: ignore[no-untyped-def]
    """``packed=True`` (what ``summarizer run`` asks for) renders each summary as its line as
    the article ends: the same line, the same counts, and the same summary when asked for."""
    import asyncio

    from summarizer.batch import Progress, asummarize_many

    server = devserver()
    items = [(f"a{i}", sample_article(i)) for i in range(6)] + [("bad", "too short")]

    async def run(packed: bool) -> tuple[list[Any], Progress]:
        progress = Progress()
        got = [
            o
            async for o in asummarize_many(
                items, jobs=3, ordered=True, packed=packed, progress=progress, **llm(server)
            )
        ]
        return got, progress

    (plain, counted), (packed, counted_packed) = asyncio.run(run(False)), asyncio.run(run(True))
    assert [o.input for o in packed] == [o.input for o in plain] == [n for n, _ in items]
    assert packed[-1].error is not None and plain[-1].error is not None
    for a, b in zip(plain, packed, strict=True):
        if a.summary is None:
            continue
        assert b._line is not None and b._summary is None  # a line, not the model, waited
        line_a, line_b = json.loads(a.to_json()), json.loads(b.to_json())
        line_a["run"]["latency_s"] = line_b["run"]["latency_s"] = 0
        assert line_a == line_b and b.facts == a.facts
        assert b.summary is not None and b.summary.quotes == a.summary.quotes
    assert (counted_packed.done, counted_packed.failed, counted_packed.tokens) == (
        counted.done,
        counted.failed,
        counted.tokens,
    )


def test_records_come_as_articles_finish_unless_ordered(devserver) -> None:  # type: ignore[no-untyped-def]
    # the first article's answer is slow (half a second), so it finishes last
    server = devserver(faults=Faults(script={"(article 0)": ["slow"]}, slow_s=0.5))
    items = [(f"a{i}", sample_article(i)) for i in range(4)]
    finished = [o.input for o in summarize_many(items, jobs=4, **llm(server))]
    assert finished[-1] == "a0" and sorted(finished) == ["a0", "a1", "a2", "a3"]
    server2 = devserver(faults=Faults(script={"(article 0)": ["slow"]}, slow_s=0.5))
    ordered = [o.input for o in summarize_many(items, jobs=4, ordered=True, **llm(server2))]
    assert ordered == ["a0", "a1", "a2", "a3"]


def test_a_second_run_is_served_from_the_cache(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = devserver()
    cache = Cache(tmp_path / "c")
    items = [(f"a{i}", sample_article(i)) for i in range(5)]
    first = list(summarize_many(items, cache=cache, **llm(server)))
    assert server.counts["requests"] == 5 and not any(o.summary.run.cached for o in first)  # type: ignore[union-attr]
    second = list(summarize_many(items, cache=cache, **llm(server)))
    assert server.counts["requests"] == 5  # no new request
    assert all(o.summary is not None and o.summary.run.cached for o in second)
    # the cached result is the same summary, under this run's input name
    by_name = {o.input: o.summary for o in first}
    for o in second:
        a, b = o.summary.model_dump(), by_name[o.input].model_dump()  # type: ignore[union-attr]
        (
            a["run"].pop("cached"),
            b["run"].pop("cached"),
            a["run"].pop("latency_s"),
            b["run"].pop("latency_s"),
        )
        assert a == b
    # another model is another key
    list(summarize_many(items[:1], cache=cache, model="other-model", **llm(server)))
    assert server.counts["requests"] == 6


def test_bad_inputs_become_error_records_and_the_rest_go_on(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = devserver()
    good = write_articles(tmp_path / "news", 3)
    empty = tmp_path / "news" / "empty.txt"
    empty.write_text("  \n")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(
        json.dumps({"id": "j1", "text": sample_article(40)})
        + "\n{broken\n"
        + json.dumps({"id": "j2", "text": 42})
        + "\n"
    )
    out = tmp_path / "results.jsonl"
    result = cli.invoke(
        app,
        [
            "run",
            str(tmp_path / "news"),
            str(tmp_path / "missing.txt"),
            "--jsonl",
            str(jsonl),
            "-o",
            str(out),
            "--base-url",
            server.base_url,
            "--api-key",
            "sk-test-key",
        ],
    )
    assert result.exit_code == 2, result.stderr  # only bad inputs failed
    lines = records(out)
    by_input = {r["input"]: r for r in lines}
    assert len(lines) == len(by_input) == 8
    for path in good:
        assert "summary" in by_input[str(path)]
    assert "summary" in by_input["j1"]
    assert by_input[str(empty)]["error"]["kind"] == "input"  # type: ignore[index]
    assert "no such file" in by_input[str(tmp_path / "missing.txt")]["error"]["message"]  # type: ignore[index]
    assert by_input[f"{jsonl}:2"]["error"]["message"] == f"{jsonl}:2: not a JSON object"  # type: ignore[index]
    assert "not a string" in by_input["j2"]["error"]["message"]  # type: ignore[index]
    assert "4 summarized, 4 failed" in result.stderr


def test_resume_skips_done_inputs_and_reruns_failures(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = write_articles(tmp_path / "news", 6)
    out = tmp_path / "results.jsonl"
    # an earlier run: two summaries, one error record, and a line torn by a kill
    server = devserver()
    first = list(summarize_many([(str(p), p.read_text()) for p in paths[:3]], **llm(server)))
    lines = [o.to_json() for o in first[:2]]
    lines.append(json.dumps({"input": str(paths[2]), "error": {"kind": "timeout", "message": "x"}}))
    out.write_text("\n".join(lines) + "\n" + '{"schema_version": "1", "input": "torn')
    assert prepare_resume(out) == {first[0].input, first[1].input}
    assert out.read_text().endswith("\n") and len(records(out)) == 2
    result = cli.invoke(
        app,
        [
            "run",
            str(tmp_path / "news"),
            "-o",
            str(out),
            "--resume",
            "--no-cache",
            "--base-url",
            server.base_url,
            "--api-key",
            "sk-test-key",
        ],
    )
    assert result.exit_code == 0, result.stderr
    final = records(out)
    assert sorted(r["input"] for r in final) == sorted(str(p) for p in paths)  # once each
    assert all("summary" in r for r in final)
    assert "2 already done" in result.stderr
    assert server.counts["requests"] == 3 + 4  # the first run, then only the 4 not done


def test_the_limiter_keeps_a_run_under_the_servers_rpm(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver(rpm=1200)  # 20 requests per second, enforced with 429s
    items = [(f"a{i}", sample_article(i)) for i in range(20)]
    list(summarize_many(items, jobs=20, **llm(server)))
    assert server.counts["rate_limited"] > 0  # without a limiter the burst is refused
    paced = devserver(rpm=1200)
    # half the server's rate: the server refuses a third request within 50 ms, and on a
    # loaded machine a stalled event loop can send requests released 60 ms apart together
    limiter = RateLimiter(rpm=600)
    outcomes = list(summarize_many(items, jobs=20, limiter=limiter, **llm(paced)))
    assert all(o.ok for o in outcomes)
    assert paced.counts["rate_limited"] == 0
    assert paced.counts["requests"] == 20


def test_several_articles_write_json_lines_to_stdout(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_articles(tmp_path / "news", 3)
    server = devserver()
    result = cli.invoke(
        app,
        [
            "run",
            str(tmp_path / "news" / "*.txt"),
            "--jobs",
            "2",
            "--base-url",
            server.base_url,
            "--api-key",
            "sk-test-key",
        ],
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["run"]["engine"] == "llm" for line in lines)
    assert "3 articles: 3 summarized, 0 failed" in result.stderr


def test_an_llm_batch_runs_with_start_up_frozen_and_leaves_nothing_frozen(  # type: ignore[no-untyped-def]
    devserver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``summarizer run`` with the LLM keeps what start-up made out of the collector's full
    passes while the batch runs, and leaves the process as it found it (a host running the
    command in its own process, as these tests do, keeps its collector whole)."""
    import gc

    import summarizer.cli.runner as runner

    write_articles(tmp_path / "news", 2)
    server = devserver()
    frozen: list[int] = []
    drive = runner._drive

    async def watched(*args: Any) -> None:
        frozen.append(gc.get_freeze_count())
        await drive(*args)

    monkeypatch.setattr(runner, "_drive", watched)
    assert gc.get_freeze_count() == 0
    argv = ["run", str(tmp_path / "news"), "--base-url", server.base_url, "--api-key", "sk-t"]
    result = cli.invoke(app, argv)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert frozen and frozen[0] > 10_000  # the modules, classes and functions of start-up
    assert gc.get_freeze_count() == 0
    offline = cli.invoke(
        app, ["run", str(tmp_path / "news"), "--engine", "offline", "--workers", "1"]
    )
    assert offline.exit_code == 0, offline.stderr
    assert frozen[1:] == [0]  # the offline engine's batch is left as it was


def test_worker_processes_share_the_batch(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = devserver()
    items = [(f"a{i}", sample_article(i)) for i in range(9)]
    outcomes = list(summarize_many(items, jobs=4, workers=2, ordered=True, **llm(server)))
    assert [o.input for o in outcomes] == [name for name, _ in items]
    assert all(o.ok for o in outcomes) and server.counts["requests"] == 9
    write_articles(tmp_path / "news", 5)
    out = tmp_path / "results.jsonl"
    result = cli.invoke(
        app,
        ["run", str(tmp_path / "news"), "--workers", "2", "-o", str(out),
         "--base-url", server.base_url, "--api-key", "sk-test-key"],
    )  # fmt: skip
    assert result.exit_code == 0, out.read_text()
    assert len({r["input"] for r in records(out)}) == 5


def test_a_batch_will_not_append_to_earlier_results_without_resume(tmp_path: Path) -> None:
    write_articles(tmp_path / "news", 2)
    out = tmp_path / "results.jsonl"
    earlier = '{"input": "x", "summary": {}, "run": {"engine": "offline"}}\n'
    out.write_text(earlier)
    result = cli.invoke(app, ["run", str(tmp_path / "news"), "-o", str(out), "--engine", "offline"])
    assert result.exit_code == 2
    assert "already holds results: add --resume" in result.stderr
    assert out.read_text() == earlier  # untouched


def test_the_token_budget_holds_a_run_to_its_tokens_per_minute(devserver) -> None:  # type: ignore[no-untyped-def]
    import time

    server = devserver()
    tpm = 600_000  # 10,000 tokens a second, at most one second's worth at once
    items = [(f"a{i}", sample_article(i)) for i in range(16)]
    started = time.monotonic()
    outcomes = list(summarize_many(items, jobs=16, limiter=RateLimiter(tpm=tpm), **llm(server)))
    wall = time.monotonic() - started
    used = sum(o.summary.run.usage.total_tokens for o in outcomes if o.summary)
    # the drafts are the offline engine's output, whose size varies with its rules
    assert all(o.ok for o in outcomes) and used > 25_000
    # the first second's budget may go at once; the rest at the limit, never faster
    assert wall >= (used - tpm / 60) / (tpm / 60)


def test_ctrl_c_that_another_thread_receives_still_waits_for_the_whole_line() -> None:
    """The kernel may hand SIGINT to any thread (a progress bar's): the line and its count are
    still both done before the interruption is raised."""
    import signal
    import threading

    from summarizer.io.output import whole_line

    steps = []

    def interrupt_from_here() -> None:
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt), whole_line():
        other = threading.Thread(target=interrupt_from_here)
        other.start()
        other.join()
        time.sleep(0.05)  # the main thread runs Python's signal handlers meanwhile
        steps.append("written")
        steps.append("counted")
    assert steps == ["written", "counted"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_jsonl_records_of_a_dataset_with_its_own_text_field(tmp_path: Path, workers: str) -> None:
    """CNN/DailyMail-style records keep the text under "article" beside a "url": the text is
    summarized (the page is not fetched), in the parent or in a worker process."""
    jsonl = tmp_path / "dataset.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a", "url": "http://example.invalid/a", "article": sample_article(41)})
        + "\n"
        + json.dumps({"id": "b", "content": sample_article(42)})
        + "\n"
        + json.dumps({"id": "c", "headline": "no text here"})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    args = ["run", "--jsonl", str(jsonl), "--engine", "offline", "--workers", workers]
    result = cli.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 2, result.stderr  # the record without a text failed alone
    by_input: dict[str, Any] = {str(r["input"]): r for r in records(out)}
    for name, number in (("a", 41), ("b", 42)):
        expected = summarize(sample_article(number), engine="offline").summary.headline
        assert by_input[name]["summary"]["headline"] == expected
    assert '"article", "content", "body") or "url"' in by_input[f"{jsonl}:3"]["error"]["message"]
