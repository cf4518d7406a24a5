"""Batch jobs as a user runs them: collecting again, interrupted collects, prepare's refusals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.config import Settings
from summarizer.jobs import prepare
from summarizer.jobs.results import collect
from summarizer.testing.batches import BatchFaults, answer_file
from summarizer.testing.server import sample_article

cli = CliRunner()
LOCAL = "http://127.0.0.1:9/v1"


def _articles(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [(f"news/{i:05d}.txt", sample_article(i)) for i in range(start, start + n)]


def _settings(**options: Any) -> Settings:
    return Settings.resolve(engine="llm", api_key="test-key", base_url=LOCAL, **options)


def _answer(requests: Path, results: Path, faults: BatchFaults | None = None) -> None:
    with requests.open("rb") as source, results.open("wb") as out:
        answer_file(source, out, faults)


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _files(folder: Path, n: int) -> list[str]:
    """``n`` article files in ``folder/news``, their paths."""
    news = folder / "news"
    news.mkdir(exist_ok=True)
    paths = []
    for name, text in _articles(n):
        path = news / Path(name).name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _batch(*args: str, env: dict[str, str] | None = None) -> Any:
    return cli.invoke(app, ["batch", *args], env={"OPENAI_BASE_URL": "", **(env or {})})


# -- 1. collecting again -----------------------------------------------------------------------


def test_collecting_the_full_results_replaces_the_missing_results(tmp_path: Path) -> None:
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    prepare(_articles(24), requests, _settings())
    _answer(requests, results)
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(results.read_bytes().splitlines(keepends=True)[:10]))
    out = tmp_path / "s2.jsonl"
    args = ["--requests", str(requests), "-o", str(out), "--self-hosted"]
    first = _batch("collect", str(part), *args)
    assert first.exit_code == 1, first.output
    assert "10 summarized" in first.output and "14 failed" in first.output
    second = _batch("collect", str(results), *args)
    assert second.exit_code == 0, second.output
    assert "14 records: 14 summarized" in second.output
    records = _records(out)
    assert sorted(r["input"] for r in records) == [n for n, _ in _articles(24)]
    assert all("summary" in r for r in records)


def test_error_records_of_inputs_not_collected_now_are_kept_and_fail_the_exit(
    tmp_path: Path,
) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    prepare(_articles(3), one, _settings())
    prepare(_articles(3, start=3), two, _settings())
    _answer(one, tmp_path / "r1.jsonl", BatchFaults(error_rate=1.0))
    _answer(two, tmp_path / "r2.jsonl")
    out = tmp_path / "out.jsonl"
    first = collect([tmp_path / "r1.jsonl"], [one], out, _settings())
    assert first.exit_code() == 1 and sum(first.errors.values()) == 3
    second = collect([tmp_path / "r2.jsonl"], [two], out, _settings())
    assert (second.summaries, second.earlier_errors, second.exit_code()) == (3, 3, 1)
    assert "3 failed earlier" in second.line()
    assert len(_records(out)) == 6


def test_results_of_other_request_files_are_refused_in_one_line(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    prepare(_articles(3), one, _settings())
    prepare(_articles(3, start=3), two, _settings())
    _answer(one, tmp_path / "r1.jsonl")
    out = tmp_path / "out.jsonl"
    run = _batch("collect", str(tmp_path / "r1.jsonl"), "--requests", str(two), "-o", str(out))
    assert run.exit_code == 2, run.output
    assert run.output.count("summarizer: error:") == 1 and "--requests" in run.output
    assert not out.exists() or not out.read_bytes()


# -- 3. an interrupted collect -----------------------------------------------------------------


@pytest.mark.loopback
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_collect_says_what_it_wrote_and_how_to_finish(  # type: ignore[no-untyped-def]
    devserver, tmp_path: Path, signum: int
) -> None:
    server = devserver(latency=0.5)  # the online re-asks take their time
    settings = Settings.resolve(engine="llm", api_key="test-key", base_url=server.base_url)
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    prepare(_articles(40), requests, settings)
    _answer(requests, results, BatchFaults(reask_rate=0.5, seed=3))
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "test-key",
           "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    command = [sys.executable, "-m", "summarizer", "batch", "collect", str(results),
               "--requests", str(requests), "-o", str(out), "--jobs", "1"]  # fmt: skip
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 21):
        time.sleep(0.05)  # the answers that validated, then a first re-ask
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    written = len(_records(out))
    assert child.returncode == (130 if signum == signal.SIGINT else 143), err
    assert 0 < written < 40 and "nothing was written" not in err
    assert f"{written} records written to {out}" in err, err
    assert "to finish, run the same command again: summarizer batch collect" in err
    again = subprocess.run(command[:-2], env=env, stderr=subprocess.PIPE, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert sorted(r["input"] for r in _records(out)) == [n for n, _ in _articles(40)]


# -- 4. nothing to prepare -------------------------------------------------------------------


def test_prepare_of_a_missing_file_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = _batch("prepare", "news", "-o", "r4.jsonl", env={"OPENAI_BASE_URL": LOCAL})
    assert run.exit_code == 2, run.output
    assert run.output.strip() == "summarizer: error: news: no such file"
    assert not list(tmp_path.glob("r4*"))
    both = _batch("prepare", "news", "old", "-o", "r4.jsonl", env={"OPENAI_BASE_URL": LOCAL})
    assert both.exit_code == 2 and "2 input(s) unreadable" in both.output
    assert "news: no such file; old: no such file" in both.output


def test_prepare_with_no_request_writes_no_request_file(tmp_path: Path) -> None:
    out = tmp_path / "requests.jsonl"
    report = prepare([("blank", "  \n")], out, _settings())
    assert (report.requests, report.failed, report.files) == (0, 1, [])
    assert report.problems and report.problems[0].startswith("blank")
    assert not list(tmp_path.iterdir())


# -- 5. private URLs ---------------------------------------------------------------------------


@pytest.mark.loopback
def test_prepare_names_and_has_the_allow_private_urls_option(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    lines = [
        {"id": "local", "url": "http://127.0.0.1:9/page"},
        {"id": "b", "text": sample_article(1)},
    ]
    jsonl.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "r.jsonl"
    args = ["prepare", "--jsonl", str(jsonl), "-o", str(out), "--no-cache"]
    run = _batch(*args, env={"OPENAI_BASE_URL": LOCAL})
    assert run.exit_code == 0, run.output
    assert "allow_private_urls" not in run.output and "--allow-private-urls" in run.output
    note = _records(out.with_name("r.manifest.jsonl"))[1]
    assert note["input"] == "local" and "--allow-private-urls" in note["error"]["message"]
    allowed = _batch(*args, "--allow-private-urls", env={"OPENAI_BASE_URL": LOCAL})
    assert allowed.exit_code == 0, allowed.output
    assert "private" not in allowed.output  # fetched (and could not connect): not refused


# -- 6. the server the requests were prepared for ----------------------------------------------


@pytest.mark.loopback
def test_a_self_hosted_collect_reasks_the_server_the_requests_were_prepared_for(  # type: ignore[no-untyped-def]
    devserver, tmp_path: Path
) -> None:
    server = devserver()
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    made = _batch("prepare", *_files(tmp_path, 8), "-o", str(requests), "--base-url",
                  server.base_url)  # fmt: skip
    assert made.exit_code == 0, made.output
    _answer(requests, results, BatchFaults(reask_rate=1.0, seed=1))
    out = tmp_path / "out.jsonl"
    run = _batch("collect", str(results), "--requests", str(requests), "-o", str(out),
                 "--self-hosted")  # no OPENAI_BASE_URL, no key  # fmt: skip
    assert run.exit_code == 0, run.output
    assert server.counts["requests"] > 0  # the re-asks went to the local server
    records = _records(out)
    assert len(records) == 8 and {r["run"]["base_url_host"] for r in records} == {"127.0.0.1"}


def test_with_no_key_nor_server_the_hint_names_the_batch_commands_options(tmp_path: Path) -> None:
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    assert _batch("prepare", *_files(tmp_path, 4), "-o", str(requests)).exit_code == 0
    _answer(requests, results, BatchFaults(reask_rate=1.0, seed=1))
    out = tmp_path / "out.jsonl"
    run = _batch("collect", str(results), "--requests", str(requests), "-o", str(out))
    assert run.exit_code == 2 and run.output.count("summarizer: error:") == 1, run.output
    assert "--api-key" in run.output and "--base-url" in run.output
    assert "--engine" not in run.output


@pytest.mark.loopback
def test_the_job_file_keeps_the_server_for_status_from_a_new_shell(  # type: ignore[no-untyped-def]
    devserver, tmp_path: Path
) -> None:
    server = devserver()
    requests = tmp_path / "requests.jsonl"
    local = ["--base-url", server.base_url]
    assert _batch("prepare", *_files(tmp_path, 3), "-o", str(requests), *local).exit_code == 0
    assert _batch("submit", str(requests), *local, "--api-key", "secret-key").exit_code == 0
    job = tmp_path / "requests.job.json"
    saved = json.loads(job.read_text())
    assert saved["base_url"] == server.base_url and "secret-key" not in job.read_text()
    status = _batch("status", str(job))  # no --base-url, no OPENAI_BASE_URL
    assert status.exit_code == 0 and "round 1" in status.output, status.output
    done = _batch("collect", "--job", str(job), "-o", str(tmp_path / "o.jsonl"), "--wait",
                  "--poll", "0")  # fmt: skip
    assert done.exit_code == 0, done.output


# -- 7. a server that does not know the job ------------------------------------------------------


@pytest.mark.loopback
def test_status_at_a_server_that_does_not_know_the_batch_names_the_jobs_server(  # type: ignore[no-untyped-def]
    devserver, tmp_path: Path
) -> None:
    server, other = devserver(), devserver()
    requests = tmp_path / "requests.jsonl"
    local = ["--base-url", server.base_url]
    assert _batch("prepare", *_files(tmp_path, 2), "-o", str(requests), *local).exit_code == 0
    assert _batch("submit", str(requests), *local).exit_code == 0
    job = tmp_path / "requests.job.json"
    status = _batch("status", str(job), "--base-url", other.base_url)
    assert status.exit_code == 2 and status.output.count("summarizer: error:") == 1, status.output
    assert "has no batch" in status.output and f"submitted to {server.base_url}" in status.output
    assert "--model" not in status.output and "model" not in status.output


# -- 8. --mode -----------------------------------------------------------------------------------


def test_prepare_help_lists_the_modes_it_accepts(tmp_path: Path) -> None:
    shown = _batch("prepare", "--help").output
    assert "[tools|json_schema|json|md_json]" in " ".join(shown.split())
    paths = _files(tmp_path, 1)
    for mode in ("tools", "json_schema", "json", "md_json"):
        out = tmp_path / f"{mode}.jsonl"
        made = _batch("prepare", *paths, "--mode", mode, "-o", str(out), "--no-cache",
                      env={"OPENAI_BASE_URL": LOCAL})  # fmt: skip
        assert made.exit_code == 0, made.output
        assert _records(out.with_name(f"{mode}.manifest.jsonl"))[0]["mode"] == mode
    auto = _batch("prepare", *paths, "--mode", "auto", "-o", str(tmp_path / "a.jsonl"))
    assert auto.exit_code == 2 and "'auto' is not one of" in auto.output
    assert not (tmp_path / "a.jsonl").exists()


# -- an interrupted submit ---------------------------------------------------------------------


class _SecondBatchHangs:
    """A provider on 127.0.0.1 that takes uploads and starts the first batch, then never
    answers the creation of the second."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        created: list[int] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length") or 0))
                if self.path.endswith("/files"):
                    body = {"id": f"file-{len(created)}", "object": "file", "bytes": 1,
                            "created_at": 0, "filename": "r.jsonl", "purpose": "batch",
                            "status": "processed"}  # fmt: skip
                else:
                    created.append(1)
                    if len(created) > 1:
                        time.sleep(30)  # (the test stops the client long before)
                        return
                    body = {"id": "batch-1", "object": "batch", "status": "validating",
                            "endpoint": "/v1/chat/completions", "input_file_id": "file-0",
                            "completion_window": "24h", "created_at": 0}  # fmt: skip
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.loopback
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_submit_says_what_the_job_file_holds(tmp_path: Path, signum: int) -> None:
    provider = _SecondBatchHangs()
    try:
        settings = Settings.resolve(engine="llm", api_key="test-key", base_url=provider.base_url)
        one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
        prepare(_articles(2), one, settings)
        prepare(_articles(2, start=2), two, settings)
        job = tmp_path / "job.json"
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
               "OPENAI_BASE_URL": provider.base_url, "OPENAI_API_KEY": "test-key"}  # fmt: skip
        command = [sys.executable, "-m", "summarizer", "batch", "submit", str(one), str(two),
                   "--job", str(job)]  # fmt: skip
        child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and b"batch-1" not in (
            job.read_bytes() if job.exists() else b""
        ):
            time.sleep(0.05)  # the first batch started and recorded
        time.sleep(0.3)  # (the second upload, then its batch's creation, which hangs)
        child.send_signal(signum)
        _, err = child.communicate(timeout=30)
    finally:
        provider.close()
    assert child.returncode == (130 if signum == signal.SIGINT else 143), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"the job file {job} holds the 1 batch(es) started so far" in err, err
    assert "run the same command again" in err


@pytest.mark.loopback
def test_a_status_stopped_by_sigterm_says_so_in_one_line(tmp_path: Path) -> None:
    import socket

    from summarizer.jobs.provider import BatchRun, JobState

    silent = socket.socket()  # a provider that takes the connection and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    base_url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
    job = tmp_path / "job.json"
    JobState(job, "127.0.0.1", "m", [BatchRun("r.jsonl", batch_id="batch-1")], base_url).save()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "OPENAI_API_KEY": "test-key"}  # fmt: skip
    command = [sys.executable, "-m", "summarizer", "batch", "status", str(job)]
    try:
        child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        silent.settimeout(30)
        asked = silent.accept()[0]  # it asks, and waits for the answer
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
        asked.close()
    finally:
        silent.close()
    assert child.returncode == 143, err
    assert err == "summarizer: terminated (SIGTERM); nothing was written\n", err
