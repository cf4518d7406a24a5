"""Batch jobs at scale: prepare and collect throughput, peak memory, batch vs online cost.

    python benchmarks/jobs.py                # 10,000 articles; a few minutes on 2 cores
    python benchmarks/jobs.py --n 2000 --online-n 500

Articles are generated here, real length (4-6 thousand characters, a dozen paragraphs, several
quoted speakers), into a JSONL file. ``prepare`` and ``collect`` each run in a child process
(one core), which reports its CPU seconds and peak RSS; both also run on a tenth of the
articles, and the two peaks show whether memory grows with the number of articles. The
provider is :func:`summarizer.testing.batches.answer_file` (the test server's Batch API without
HTTP): 5% of first answers carry a made-up quote and need a re-ask, 1% of requests fail. The
re-asks go as a second batch. The online path runs ``summarize_many`` on the same articles
against the test server (in another process) with the same 5% of answers needing a re-ask.
Token counts are the test server's (4 characters a token), the same for both paths; prices are
``summarizer.jobs.prices``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_PLACES = ("Maple Falls", "Port Ellis", "Carden", "New Hollis", "Brayton", "Ostrava Bay", "Kelso")
_FIRST = ("Ana", "Tom", "Lena", "Marcus", "Priya", "Jonas", "Claire", "Omar", "Nadia", "Felix")
_LAST = ("Ruiz", "Berg", "Holt", "Okafor", "Marsh", "Lindqvist", "Duarte", "Keane", "Sato")
_TOPICS = (
    ("a new tram line", "the transport authority", "ridership forecasts"),
    ("the hospital merger", "the regional health board", "waiting lists"),
    ("a tax on second homes", "the finance committee", "housing prices"),
    ("the river flood defences", "the environment agency", "insurance premiums"),
    ("school meal funding", "the education department", "child poverty figures"),
)


def long_article(i: int) -> str:
    """A real-length news article, different for each ``i`` (about 4-6 thousand characters)."""
    place = _PLACES[i % len(_PLACES)]
    topic, body, measure = _TOPICS[i % len(_TOPICS)]

    def person(k: int) -> str:
        return f"{_FIRST[(i + k) % len(_FIRST)]} {_LAST[(i * 3 + k) % len(_LAST)]}"

    mayor, critic, expert, resident = person(0), person(3), person(5), person(7)
    amount, year = 20 + i % 180, 2026 + i % 4
    paragraphs = [
        f"{place} council backs {topic} despite warnings over {measure}",
        f"{place} - Councillors in {place} voted on Tuesday to approve {topic}, a plan worth "
        f"{amount} million dollars that {body} says will be finished by {year}, ending a "
        f"debate that has run for most of the year (report {i}).",
        f"“We have waited long enough, and the people of {place} deserve better than another "
        f"delay,” Mayor {mayor} said after the vote, adding that the council had listened to "
        "every objection raised during the consultation.",
        f"The decision followed a three-hour session in which opponents questioned the "
        f"assumptions behind the plan, in particular the {measure} that officials used to "
        f"justify its cost. Several members asked for an independent review before any "
        "contract is signed.",
        f"“The numbers in this report do not add up, and everyone in this room knows it,” "
        f"councillor {critic} told the meeting. “If we are wrong about {measure}, the people "
        f"who pay for it will be the ones who can least afford it.”",
        f"{body.capitalize()} said in a written statement that its estimates had been checked "
        "twice and were in line with those of neighbouring authorities, and that the timetable "
        "included a margin for delays caused by weather or supply problems.",
        f"{expert}, who studies public finance at the regional university and was not involved "
        f"in the plan, said the risks were real but manageable. “Every project of this size "
        "carries uncertainty; the question is whether the council has kept enough in reserve "
        f"to absorb it,” {expert.split()[0]} said.",
        f"Residents who attended the meeting were divided. {resident}, who has lived in {place} "
        f"for thirty years, said she supported the goal but not the price. “I want it built, "
        "but I do not want my grandchildren still paying for it,” she said.",
        f"According to a council official who asked not to be named because the figures have "
        f"not been published, the final cost could rise by as much as {5 + i % 20} percent if "
        "interest rates stay at their current level.",
        f"The plan now goes to {body}, which must approve the financing before work can begin. "
        f"A first report is expected in the spring, and the council has promised to publish "
        f"the full business case, including its assumptions about {measure}, before then.",
        f"Opposition members said they would ask for the vote to be reconsidered at the next "
        f"meeting. “This is not over,” {critic.split()[1]} said as the session ended.",
        f"Earlier this year, a similar scheme in a neighbouring town was paused after its "
        f"costs rose by a third, a case both sides cited during the debate. Supporters said "
        f"{place} had learned from it; opponents said it showed how quickly such plans go "
        "wrong when the assumptions are too optimistic.",
        f"Business groups in {place} welcomed the vote. A spokesperson for the local chamber of "
        f"commerce said members had been asking for {topic} for a decade and that the delay "
        "had already cost the town investment. “Companies do not wait for councils to make up "
        "their minds; they go somewhere else,” the spokesperson said.",
        "Not everyone in the business community agreed. The owner of a hardware shop near the "
        "town hall, who declined to give her name, said the construction would close roads "
        "for months and that small shops had not been asked how they would survive it.",
        f"The council's own risk register, seen by reporters, lists {2 + i % 6} risks as high, "
        f"including the availability of contractors and the possibility that {body} delays "
        "its approval. The register was last updated in the autumn, before the latest "
        "figures on costs were known.",
        f"Mayor {mayor.split()[1]} rejected suggestions that the council had rushed the "
        "decision. “We consulted for eleven months, we held public meetings in every ward, and "
        "we changed the plan three times because of what people told us,” the mayor said. "
        "“At some point a council has to decide.”",
        f"It was not clear on Tuesday evening whether the opposition had the votes to force a "
        f"second debate. {critic} said that several members of the governing group had "
        "privately expressed doubts, a claim the group's leader denied.",
    ]
    return "\n\n".join(paragraphs) + "\n"


def _rss_mb() -> float:
    """Peak RSS of this process image. ``ru_maxrss`` survives ``exec`` (a child started by a big
    parent would report the parent's size), so Linux's ``VmHWM`` is read when there is one."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _child(argv: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *argv], capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _settings() -> Any:
    from summarizer.config import Settings

    return Settings.resolve(engine="llm", base_url="http://127.0.0.1:9/v1", api_key="bench")


def phase_prepare(articles: str, out: str) -> None:
    from summarizer.io.sources import collect as sources
    from summarizer.jobs import prepare

    settings = _settings()
    start_cpu, rss_before = time.process_time(), _rss_mb()
    report = prepare(sources([], [articles]), Path(out), settings)
    cpu = time.process_time() - start_cpu
    n = report.requests
    print(json.dumps({"n": n, "cpu_s": cpu, "per_s": n / cpu, "mb": report.bytes / 1e6,
                      "rss_start_mb": rss_before, "peak_rss_mb": _rss_mb()}))  # fmt: skip


def phase_collect(results: str, requests: str, out: str) -> None:
    from summarizer.jobs import (
        collect,
        wire,  # the engine's modules, loaded before the clock
    )

    del wire
    settings = _settings()
    start_cpu, rss_before = time.process_time(), _rss_mb()
    report = collect(
        [Path(p) for p in results.split(",")],
        [Path(p) for p in requests.split(",")],
        Path(out),
        settings,
        reask="batch",
    )
    cpu = time.process_time() - start_cpu
    answers = report.records + report.pending
    spend = report.spend
    print(json.dumps({
        "answers": answers, "records": report.records, "summaries": report.summaries,
        "errors": sum(report.errors.values()), "pending": report.pending,
        "reask_files": [str(p) for p in report.reask_files], "cpu_s": cpu,
        "per_s": answers / cpu, "rss_start_mb": rss_before, "peak_rss_mb": _rss_mb(),
        "prompt_tokens": spend.batch.prompt_tokens,
        "completion_tokens": spend.batch.completion_tokens,
    }))  # fmt: skip


def phase_online(articles: str, n: int) -> None:
    """The online path on the first ``n`` articles, against the test server (tokens only)."""
    from summarizer.batch import summarize_many
    from summarizer.testing.server import DevServer, Faults

    # only made-up quotes: the online twin of the batch's 5% re-asks
    server = DevServer(faults=Faults(rate=0.05, kinds=("fabricated_quote",), seed=n)).start()
    try:
        base_url = server.base_url
        texts = []
        with open(articles, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts.append((record["id"], record["text"]))
                if len(texts) >= n:
                    break
        prompt = completion = summaries = 0
        for outcome in summarize_many(
            texts, jobs=32, engine="llm", base_url=base_url, api_key="bench", cache=None
        ):
            summary = outcome.summary
            if summary is not None:
                summaries += 1
                prompt += summary.run.usage.prompt_tokens
                completion += summary.run.usage.completion_tokens
        print(json.dumps({"n": len(texts), "summaries": summaries, "prompt_tokens": prompt,
                          "completion_tokens": completion}))  # fmt: skip
    finally:
        server.stop()


def _answer(requests: Path, output: Path, errors: Path, **faults: Any) -> dict[str, int]:
    from summarizer.testing.batches import BatchFaults, answer_file

    with requests.open("rb") as r, output.open("wb") as o, errors.open("wb") as e:
        return dict(answer_file(r, o, BatchFaults(**faults), errors=e))


def run_scale(n: int, work: Path) -> dict[str, Any]:
    articles = work / f"articles-{n}.jsonl"
    with articles.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i:06d}", "text": long_article(i)}) + "\n")
    requests = work / f"requests-{n}.jsonl"
    prep = _child(["_prepare", str(articles), str(requests)])
    out1, err1 = work / f"results-{n}.jsonl", work / f"errors-{n}.jsonl"
    provider = _answer(requests, out1, err1, reask_rate=0.05, error_rate=0.01, seed=n)
    summaries = work / f"summaries-{n}.jsonl"
    first = _child(["_collect", f"{out1},{err1}", str(requests), str(summaries)])
    second: dict[str, Any] = {"prompt_tokens": 0, "completion_tokens": 0, "records": 0}
    if first["reask_files"]:
        reask = Path(first["reask_files"][0])
        out2, err2 = work / f"results2-{n}.jsonl", work / f"errors2-{n}.jsonl"
        _answer(reask, out2, err2, seed=n)
        second = _child(["_collect", f"{out2},{err2}", str(reask), str(summaries)])
    records = sum(1 for _ in summaries.open(encoding="utf-8"))
    chars = articles.stat().st_size / n
    return {"n": n, "chars": chars, "prepare": prep, "provider": provider, "collect": first,
            "reask_round": second, "records": records}  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        phase = {"_prepare": phase_prepare, "_collect": phase_collect, "_online": phase_online}
        args: list[Any] = sys.argv[2:]
        if sys.argv[1] == "_online":
            args[1] = int(args[1])
        phase[sys.argv[1]](*args)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--online-n", type=int, default=None, help="default: --n")
    parser.add_argument("--model", default="gpt-4.1-mini")
    options = parser.parse_args()
    from summarizer.jobs.prices import BATCH_DISCOUNT, cost
    from summarizer.schema import Usage

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = run_scale(max(1, options.n // 10), work)
        big = run_scale(options.n, work)
        online_n = options.online_n or options.n
        online = _child(["_online", str(work / f"articles-{options.n}.jsonl"), str(online_n)])

    def per(figures: dict[str, Any], key: str) -> str:
        return f"{figures[key]['per_s']:,.0f}/s ({figures[key]['cpu_s']:.1f} s CPU)"

    n = big["n"]
    print(f"articles: {n:,}, {big['chars']:,.0f} characters each on average (JSONL record)")
    print(f"provider: {big['provider']}")
    print(f"prepare: {per(big, 'prepare')}, {big['prepare']['mb']:.0f} MB of requests")
    print(f"collect: {per(big, 'collect')} (parse, ground, assemble, write; re-asks written "
          f"as a batch); re-ask round: {big['reask_round'].get('records', 0)} records")  # fmt: skip
    print(f"records: {big['records']:,} for {n:,} articles")
    for phase in ("prepare", "collect"):
        a, b = small[phase]["peak_rss_mb"], big[phase]["peak_rss_mb"]
        print(f"peak RSS {phase}: {small['n']:,} articles {a:.0f} MB, {n:,} articles {b:.0f} MB "
              f"({(b - a) / a:+.1%})")  # fmt: skip
    batch_usage = Usage(
        prompt_tokens=big["collect"]["prompt_tokens"] + big["reask_round"]["prompt_tokens"],
        completion_tokens=big["collect"]["completion_tokens"]
        + big["reask_round"]["completion_tokens"],
    )
    online_usage = Usage(
        prompt_tokens=online["prompt_tokens"], completion_tokens=online["completion_tokens"]
    )
    batch_cost = cost(options.model, batch_usage, batch=True) or 0.0
    online_cost = cost(options.model, online_usage, batch=False) or 0.0
    scale = n / online["n"]
    print(
        f"batch path: {batch_usage.prompt_tokens + batch_usage.completion_tokens:,} tokens, "
        f"${batch_cost:,.2f} on {options.model} (batch price: {BATCH_DISCOUNT:g} x online)"
    )
    print(f"online path ({online['n']:,} articles, {online['summaries']:,} summaries): "
          f"{online_usage.prompt_tokens + online_usage.completion_tokens:,} tokens, "
          f"${online_cost:,.2f}; for {n:,} articles ${online_cost * scale:,.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
