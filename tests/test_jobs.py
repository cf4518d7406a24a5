"""Batch jobs (``summarizer batch``): request files, the Files and Batches API, collecting.

The provider is the project's test server over real HTTP on 127.0.0.1; a ``vllm run-batch``
results file is written here in the format its documentation shows.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx2
import pytest
from typer.testing import CliRunner

from summarizer import api
from summarizer.cli.main import app
from summarizer.config import Settings
from summarizer.engines.llm.cache import Cache
from summarizer.engines.llm.client import make_client
from summarizer.errors import InputError
from summarizer.jobs import prepare, provider
from summarizer.jobs.files import MAX_REQUESTS, manifest_path, parse_result
from summarizer.jobs.prices import BATCH_DISCOUNT, PRICES, cost
from summarizer.jobs.results import collect
from summarizer.schema import Usage
from summarizer.testing.batches import BatchFaults, answer_file
from summarizer.testing.server import DevServer, _article_of, _completion, sample_article

cli = CliRunner()


def _articles(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [(f"news/{i:05d}.txt", sample_article(i)) for i in range(start, start + n)]


def _answer(requests: Path, results: Path, faults: BatchFaults | None = None) -> None:
    with requests.open("rb") as source, results.open("wb") as out:
        answer_file(source, out, faults)


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_grounded(record: dict[str, Any], text: str) -> None:
    spans = [*record["quotes"]]
    for section in (record["summary"]["key_points"], record["stances"], record["open_questions"]):
        for item in section:
            spans += item["evidence"]
    assert record["quotes"] and record["summary"]["key_points"]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def _settings(server: DevServer | None = None, **options: Any) -> Settings:
    base_url = server.base_url if server else "http://127.0.0.1:9/v1"
    return Settings.resolve(engine="llm", api_key="test-key", base_url=base_url, **options)


# -- request files ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["tools", "json_schema", "md_json"])
def test_a_prepared_body_is_byte_identical_to_the_online_request(mode: str, tmp_path: Path) -> None:
    article = sample_article(7)
    sent: list[bytes] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.content)
        body = json.loads(request.content)
        return httpx2.Response(200, json=_completion(body, _article_of(body), None))

    settings = _settings(mode=mode)
    api.summarize(
        article,
        engine="llm",
        mode=mode,
        api_key="test-key",
        base_url=settings.base_url,
        transport=httpx2.MockTransport(answer),
    )
    prepare([("a", article)], tmp_path / "requests.jsonl", settings)
    line = (tmp_path / "requests.jsonl").read_bytes()
    cid = json.loads(line)["custom_id"].encode()
    head = b'{"custom_id":"' + cid + b'","method":"POST","url":"/v1/chat/completions","body":'
    assert line.startswith(head) and line.endswith(b"}\n")
    assert line[len(head) : -2] == sent[0]


def test_request_files_split_at_the_limits_with_a_manifest_beside_each(tmp_path: Path) -> None:
    out = tmp_path / "requests.jsonl"
    report = prepare(_articles(7), out, _settings(), max_requests=3)
    assert [p.name for p in report.files] == [
        "requests.jsonl",
        "requests.2.jsonl",
        "requests.3.jsonl",
    ]
    assert [len(p.read_bytes().splitlines()) for p in report.files] == [3, 3, 1]
    seen = []
    for path in report.files:
        header, *entries = _records(manifest_path(path))
        assert header["tag"] and header["prompt_version"] and header["model"] == "gpt-4.1-mini"
        requests = _records(path)
        assert [e["custom_id"] for e in entries] == [r["custom_id"] for r in requests]
        seen += [e["input"] for e in entries]
    assert seen == [name for name, _ in _articles(7)]

    one = len((tmp_path / "requests.jsonl").read_bytes().splitlines()[0]) + 1
    by_size = prepare(_articles(5), tmp_path / "sized.jsonl", _settings(), max_file_bytes=2 * one)
    sizes = [p.stat().st_size for p in by_size.files]
    assert len(by_size.files) == 3 and max(sizes) <= 2 * one and by_size.requests == 5
    assert MAX_REQUESTS == 50_000


def test_unreadable_inputs_are_noted_and_become_error_records(tmp_path: Path) -> None:
    inputs: list[Any] = [("good", sample_article(1)), ("blank", "   \n")]
    out = tmp_path / "requests.jsonl"
    report = prepare(inputs, out, _settings())
    assert report.requests == 1 and report.failed == 1
    _answer(out, tmp_path / "results.jsonl")
    collected = collect([tmp_path / "results.jsonl"], [out], tmp_path / "o.jsonl", _settings())
    records = {r["input"]: r for r in _records(tmp_path / "o.jsonl")}
    assert records["blank"]["error"]["kind"] == "input" and "summary" in records["good"]
    assert collected.records == 2


def test_cached_articles_get_no_request_and_are_collected_from_the_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    settings = _settings()
    first = tmp_path / "first.jsonl"
    prepare(_articles(3), first, settings)
    _answer(first, tmp_path / "r1.jsonl")
    collect([tmp_path / "r1.jsonl"], [first], tmp_path / "o1.jsonl", settings, cache=cache)

    again = prepare(_articles(5), tmp_path / "again.jsonl", settings, cache=cache)
    assert (again.requests, again.cached) == (2, 3)
    _answer(tmp_path / "again.jsonl", tmp_path / "r2.jsonl")
    report = collect(
        [tmp_path / "r2.jsonl"], [tmp_path / "again.jsonl"], tmp_path / "o2.jsonl", settings,
        cache=cache,
    )  # fmt: skip
    records = _records(tmp_path / "o2.jsonl")
    assert sorted(r["input"] for r in records) == [name for name, _ in _articles(5)]
    assert report.from_cache == 3 and sum(r["run"]["cached"] for r in records) == 3


# -- results files ---------------------------------------------------------------------------


def _vllm_line(request: dict[str, Any], n: int, *, legacy: bool = False) -> dict[str, Any]:
    """A line of ``vllm run-batch`` output as its documentation shows it."""
    body = request["body"]
    completion = _completion(body, _article_of(body), None)
    completion["id"] = f"cmpl-{n:032x}"
    if legacy:  # vLLM's first format: the completion itself in "response"
        return {"id": f"vllm-{n:032x}", "custom_id": request["custom_id"],
                "response": completion, "error": None}  # fmt: skip
    response = {"status_code": 200, "request_id": f"vllm-batch-{n:032x}", "body": completion}
    return {"id": f"vllm-{n:032x}", "custom_id": request["custom_id"], "response": response,
            "error": None}  # fmt: skip


def test_collect_takes_a_vllm_run_batch_results_file(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    articles = dict(_articles(4))
    prepare(list(articles.items()), requests, _settings())
    lines = _records(requests)
    results = [_vllm_line(lines[0], 0), _vllm_line(lines[1], 1, legacy=True)]
    results.append(_vllm_line(lines[2], 2))
    results.append({  # an error as vLLM writes it: a status beside an empty body
        "id": "vllm-3", "custom_id": lines[3]["custom_id"],
        "response": {"status_code": 400, "request_id": "vllm-batch-3", "body": None},
        "error": "This model's maximum context length is 8192 tokens.",
    })  # fmt: skip
    results_path = tmp_path / "results.jsonl"
    results_path.write_text("".join(json.dumps(r) + "\n" for r in reversed(results)))

    out = tmp_path / "out.jsonl"
    run = cli.invoke(
        app,
        ["batch", "collect", str(results_path), "--requests", str(requests), "-o", str(out),
         "--self-hosted"],  # no key, no server: nothing needed a re-ask
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    records = {r["input"]: r for r in _records(out)}
    assert len(records) == 4
    for name in list(articles)[:3]:
        _check_grounded(records[name], articles[name])
    failed = records[list(articles)[3]]["error"]
    assert failed["kind"] == "http_status" and "maximum context length" in failed["message"]
    assert "3 summarized" in run.output and "1 failed" in run.output


def test_openai_error_lines_are_read_as_the_provider_writes_them() -> None:
    expired = {"id": "batch_req_1", "custom_id": "p1-1", "response": None,
               "error": {"code": "batch_expired", "message": "not executed in time"}}  # fmt: skip
    limited = {"error": {"message": "slow down", "type": "requests"}}
    status = {"id": "batch_req_2", "custom_id": "p1-2", "error": None,
              "response": {"status_code": 429, "request_id": "r", "body": limited}}  # fmt: skip
    a, b = (
        parse_result(json.dumps(expired).encode(), "x"),
        parse_result(json.dumps(status).encode(), "y"),
    )
    assert (a.error_kind, a.error_message, a.completion) == (
        "batch_expired",
        "not executed in time",
        None,
    )
    assert (b.error_kind, b.error_message) == ("rate_limited", "HTTP 429: slow down")


def test_collecting_again_writes_no_input_twice(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    prepare(_articles(6), requests, _settings())
    _answer(requests, tmp_path / "r.jsonl", BatchFaults(error_rate=0.3))
    out = tmp_path / "out.jsonl"
    first = collect([tmp_path / "r.jsonl"], [requests], out, _settings())
    with out.open("ab") as fh:
        fh.write(b'{"schema_version":"1","inp')  # a kill in the middle of a line
    second = collect([tmp_path / "r.jsonl"], [requests], out, _settings())
    failed = sum(first.errors.values())  # the failures are redone (the faults vary by run)
    assert first.records == 6 and second.records == failed and second.summaries == 0
    assert second.exit_code() == (1 if failed else 0) and second.earlier_errors == 0
    assert sorted(r["input"] for r in _records(out)) == [n for n, _ in _articles(6)]


# -- the whole cycle against the Batch API -----------------------------------------------------


@pytest.mark.loopback
def test_the_whole_cycle_1000_articles_with_reasks_and_provider_errors(  # type: ignore[no-untyped-def]
    devserver, tmp_path: Path
) -> None:
    server = devserver(batch_faults=BatchFaults(reask_rate=0.05, error_rate=0.01, seed=1))
    settings = _settings(server)
    articles = dict(_articles(1000))
    prepared = prepare(list(articles.items()), tmp_path / "requests.jsonl", settings)
    assert prepared.requests == 1000
    with make_client(settings) as client:
        state = provider.submit(prepared.files, tmp_path / "job.json", client, settings)
        assert [run.status for run in state.runs] == ["validating"]
        seen = [provider.refresh(state, client, settings).runs[0].status for _ in range(2)]
        assert seen == ["in_progress", "completed"]
        state = provider.JobState.load(tmp_path / "job.json")  # as from a new terminal
        report = provider.collect_job(
            state, client, settings, tmp_path / "out.jsonl", cache=Cache(tmp_path / "c")
        )
    assert report is not None
    records = _records(tmp_path / "out.jsonl")
    assert len(records) == 1000 and {r["input"] for r in records} == set(articles)
    failed = [r for r in records if "error" in r]
    server_failed, server_reasks = server.batches.counts["failed"], server.batches.counts["reask"]
    assert 0 < len(failed) == server_failed and {r["error"]["kind"] for r in failed} == {
        "http_status"
    }
    assert 20 < server_reasks < 80 and report.reasked == server_reasks
    assert server.counts["requests"] == server_reasks == report.reask_requests  # online re-asks
    summaries = [r for r in records if "summary" in r]
    assert len(summaries) == 1000 - server_failed
    for record in summaries:
        _check_grounded(record, articles[record["input"]])
    reasked = [r for r in summaries if r["run"]["attempts"] == 2]
    assert len(reasked) == server_reasks
    once = [r for r in summaries if r["run"]["attempts"] == 1]
    assert min(r["run"]["usage"]["prompt_tokens"] for r in reasked) > 1.5 * max(
        r["run"]["usage"]["prompt_tokens"] for r in once
    )  # both rounds counted
    spend = report.spend
    assert spend.batch.total_tokens + spend.online.total_tokens == sum(
        r["run"]["usage"]["total_tokens"] for r in summaries
    )


@pytest.mark.loopback
def test_reasks_as_a_second_batch_through_the_cli(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = devserver(batch_faults=BatchFaults(reask_rate=0.25, seed=2))
    env = {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "test-key"}
    news = tmp_path / "news"
    news.mkdir()
    articles = {}
    for name, text in _articles(40):
        path = news / Path(name).name
        path.write_text(text, encoding="utf-8")
        articles[str(path)] = text
    requests, out = tmp_path / "requests.jsonl", tmp_path / "out.jsonl"

    def run(*args: str) -> Any:
        return cli.invoke(app, ["batch", *args], env=env)

    assert run("prepare", str(news), "-o", str(requests)).exit_code == 0
    assert run("submit", str(requests)).exit_code == 0
    job = tmp_path / "requests.job.json"
    first = run(
        "collect", "--job", str(job), "-o", str(out), "--reask", "batch", "--wait", "--poll", "0"
    )
    assert first.exit_code == 0, first.output  # --wait: the re-ask batch too
    reasks = server.batches.counts["reask"]
    assert f"{reasks} waiting in a re-ask batch" in first.output  # round 1's line
    assert f"{reasks} records: {reasks} summarized" in first.output  # round 2's
    status = run("status", str(job))
    assert "round 2" in status.output
    second = run("collect", "--job", str(job), "-o", str(out), "--wait", "--poll", "0")
    assert second.exit_code == 0 and "nothing new to collect" in second.output, second.output
    records = _records(out)
    assert sorted(r["input"] for r in records) == sorted(articles)
    for record in records:
        _check_grounded(record, articles[record["input"]])
    assert sum(r["run"]["attempts"] == 2 for r in records) == reasks
    assert server.counts["requests"] == 0  # no online request at all
    again = run("prepare", str(news), "-o", str(tmp_path / "again.jsonl"))
    assert again.exit_code == 0 and "all 40 article(s) are already in the cache" in again.output
    assert not (tmp_path / "again.jsonl").exists()  # no empty request file to submit


@pytest.mark.loopback
def test_an_expired_batch_and_a_failed_one(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = devserver(batch_faults=BatchFaults(expire_after=3))
    settings = _settings(server)
    requests = tmp_path / "requests.jsonl"
    prepare(_articles(8), requests, settings)
    broken = tmp_path / "broken.jsonl"
    prepare(_articles(2, start=8), broken, settings)
    first, second = broken.read_text().splitlines()
    broken.write_text(first + "\n" + second.replace('"POST"', '"GET"') + "\n")
    with make_client(settings) as client:
        state = provider.submit([requests, broken], tmp_path / "job.json", client, settings)
        provider.wait(state, client, settings, poll=0)
        assert [run.status for run in state.runs] == ["expired", "failed"]
        assert "method must be POST" in state.runs[1].errors[0]
        provider.collect_job(state, client, settings, tmp_path / "out.jsonl")
    kinds = Counter(r.get("error", {}).get("kind", "ok") for r in _records(tmp_path / "out.jsonl"))
    assert kinds == {"ok": 3, "batch_expired": 5, "missing_result": 2}


# -- the command line and prices ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["collect", "-o", "x.jsonl"],
        ["status", "no-such-job.json"],
        ["submit", "no-such-file.jsonl"],
        ["prepare", "-o", "r.jsonl"],
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli.invoke(app, ["batch", *args], env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert run.exit_code == 2
    assert run.output.count("summarizer: error:") == 1 and "Traceback" not in run.output


def test_batch_requests_cost_the_discounted_price() -> None:
    usage = Usage(prompt_tokens=2_000_000, completion_tokens=500_000, total_tokens=2_500_000)
    model = "gpt-4.1-mini"
    online = cost(model, usage, batch=False)
    batch = cost(model, usage, batch=True)
    price_in, price_out = PRICES[model]
    assert online == pytest.approx(2 * price_in + 0.5 * price_out)
    assert batch == pytest.approx(online * BATCH_DISCOUNT) and batch < online  # type: ignore[operator]
    assert cost(model + "-2025-04-14", usage, batch=True) == batch
    assert cost("llama3.1:8b", usage, batch=True) is None


def test_results_are_collected_as_the_requests_were_prepared(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    prepare(_articles(2), requests, _settings(model="gpt-4.1-nano"))
    _answer(requests, tmp_path / "r.jsonl")
    collect([tmp_path / "r.jsonl"], [requests], tmp_path / "o.jsonl", _settings(model="other"))
    assert {r["run"]["model"] for r in _records(tmp_path / "o.jsonl")} == {"gpt-4.1-nano"}

    manifest = manifest_path(requests)
    header, *entries = manifest.read_text().splitlines()
    stale = json.loads(header) | {"prompt_version": "000000000000"}
    manifest.write_text("\n".join([json.dumps(stale), *entries]) + "\n")
    with pytest.raises(InputError, match="prepare the batch again"):
        collect([tmp_path / "r.jsonl"], [requests], tmp_path / "o2.jsonl", _settings())


@pytest.mark.parametrize("mode", ["tools", "json_schema", "md_json"])
def test_each_mode_is_collected_and_reasked_as_a_batch(mode: str, tmp_path: Path) -> None:
    settings = _settings(mode=mode)
    # custom_ids differ per prepare run, so which answers need a re-ask is drawn anew each
    # time: 20 articles at a rate of 0.5 make "none at all" a one-in-a-million run
    articles = dict(_articles(20))
    requests = tmp_path / "requests.jsonl"
    prepare(list(articles.items()), requests, settings)
    faults = BatchFaults(reask_rate=0.5, seed=4)
    _answer(requests, tmp_path / "r1.jsonl", faults)
    out = tmp_path / "out.jsonl"
    first = collect([tmp_path / "r1.jsonl"], [requests], out, settings, reask="batch")
    assert first.pending == first.reasked > 0 and first.records == 20 - first.pending
    (reask,) = first.reask_files
    assert all(len(r["body"]["messages"]) > 2 for r in _records(reask))  # answer + what to fix
    _answer(reask, tmp_path / "r2.jsonl")  # right this time
    second = collect([tmp_path / "r2.jsonl"], [reask], out, settings, reask="batch")
    assert second.records == first.pending and second.pending == 0
    records = _records(out)
    assert sorted(r["input"] for r in records) == sorted(articles)
    for record in records:
        _check_grounded(record, articles[record["input"]])
        assert record["run"]["mode"] == mode


def _web_page(article: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article.split("\n\n")[1:])
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridges</title>'
        '<meta property="article:published_time" content="2024-03-05T18:30:00Z">'
        "<script>var nav = 1;</script></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Bridges</h1>{paragraphs}</article><footer>© Gazette</footer></body></html>"
    )


def test_a_web_page_is_prepared_as_the_online_path_reads_it(tmp_path: Path) -> None:
    """The request carries the page's article and date, never its HTML; the record its
    metadata; a too-short text and a URL that cannot be fetched are error records."""
    html = _web_page(sample_article(3))
    sent: list[bytes] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.content)
        body = json.loads(request.content)
        return httpx2.Response(200, json=_completion(body, _article_of(body), None))

    settings = _settings()
    online = api.summarize(
        html, settings, transport=httpx2.MockTransport(answer), input_name="page.html"
    )
    assert online.source is not None and online.source.published == "2024-03-05"
    inputs: list[Any] = [("page.html", html), ("short", "Too short."), ("missing", None)]
    from summarizer.io.sources import Source

    inputs[2] = Source(name="gone", url="http://127.0.0.1:9/gone.html")
    out = tmp_path / "requests.jsonl"
    report = prepare(inputs, out, settings)
    assert report.requests == 1 and report.failed == 2
    line = out.read_bytes().splitlines()[0]
    assert b"<html" not in line and line.endswith(sent[0] + b"}")
    _answer(out, tmp_path / "results.jsonl")
    collect([tmp_path / "results.jsonl"], [out], tmp_path / "o.jsonl", settings)
    records = {r["input"]: r for r in _records(tmp_path / "o.jsonl")}
    assert records["page.html"]["source"] == online.source.model_dump(mode="json")
    _check_grounded(records["page.html"], online_text(html))
    assert "fewer than 8 words" in records["short"]["error"]["message"]
    assert records["gone"]["error"]["kind"] == "input"


def online_text(html: str) -> str:
    from summarizer.io.inputs import prepare_article

    return prepare_article(html, "page.html").text


@pytest.mark.loopback
def test_preparing_over_a_job_not_yet_collected_is_refused(devserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Its results (already paid for) would match no request of the new files: all lost."""
    server = devserver()
    env = {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "test-key"}
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, start in ((first, 0), (second, 5)):
        folder.mkdir()
        for name, text in _articles(3, start=start):
            (folder / Path(name).name).write_text(text, encoding="utf-8")
    requests, out = tmp_path / "requests.jsonl", tmp_path / "out.jsonl"

    def run(*args: str) -> Any:
        return cli.invoke(app, ["batch", *args], env=env)

    assert run("prepare", str(first), "-o", str(requests)).exit_code == 0
    assert run("submit", str(requests)).exit_code == 0
    again = run("prepare", str(second), "-o", str(requests))
    assert again.exit_code == 2 and "not collected yet" in again.output, again.output
    job = tmp_path / "requests.job.json"
    collected = run("collect", "--job", str(job), "-o", str(out), "--wait", "--poll", "0")
    assert collected.exit_code == 0, collected.output
    assert sorted(Path(r["input"]).parent.name for r in _records(out)) == ["first"] * 3
    assert run("prepare", str(second), "-o", str(requests)).exit_code == 0  # collected: free


def test_an_interrupted_prepare_leaves_no_partial_request_file(tmp_path: Path) -> None:
    """Ctrl-C in the middle wrote half a request file that looked ready to submit (and the
    CLI said "nothing was written")."""

    def articles() -> Any:
        yield from _articles(5)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        prepare(articles(), tmp_path / "requests.jsonl", _settings(), max_requests=2)
    assert list(tmp_path.iterdir()) == []
