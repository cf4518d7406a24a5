"""Speed and cost figures for issue 4, as ratios where the machine's speed would blur them.

    pip install -e ".[bench]"        # adds bpe-openai, a tokenizer that ships its encodings
    python benchmarks/run.py         # about a minute; prints one line per figure

Everything runs against the project's own OpenAI-compatible server (summarizer.testing.server) on
127.0.0.1, started in a separate process so that its work does not share our interpreter.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from summarizer.batch import Progress, asummarize_many
from summarizer.http.ratelimit import RateLimiter
from summarizer.testing.server import sample_article

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package
from articles import long_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trump-zelensky-patriot-call.txt"


class Server:
    """``python -m summarizer.testing.server`` in its own process."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "summarizer.testing.server", *args],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.base_url = self.proc.stdout.readline().strip()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait()

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.base_url + "/_stats") as r:
            return dict(json.load(r))


async def batch(n: int, server: Server, **options: Any) -> tuple[float, Progress]:
    progress = Progress()
    items = [(f"a{i}", sample_article(i)) for i in range(n)]
    started = time.perf_counter()
    async for outcome in asummarize_many(
        items, engine="llm", api_key="sk-bench", base_url=server.base_url, progress=progress,
        **options,
    ):  # fmt: skip
        assert outcome.summary is not None, outcome.error
    return time.perf_counter() - started, progress


def throughput(n: int, jobs: int, latency: float) -> None:
    from summarizer.batch import summarize_many

    ideal = jobs / latency
    with Server("--latency", str(latency)) as server:
        options = {"engine": "llm", "api_key": "sk-bench", "base_url": server.base_url}
        list(summarize_many([sample_article(i) for i in range(8)], jobs=8, **options))  # warm up
        for workers in (1, 2):
            before = server.stats()["requests"]
            items = [(f"a{i}", sample_article(i)) for i in range(n)]
            started = time.perf_counter()
            outcomes = list(summarize_many(items, jobs=jobs, workers=workers, **options))
            wall = time.perf_counter() - started
            assert all(o.ok for o in outcomes)
            requests = server.stats()["requests"] - before
            achieved = n / wall
            print(
                f"throughput: {n} articles, --jobs {jobs}, --workers {workers}, latency "
                f"{latency}s: {achieved:.1f}/s of an ideal {ideal:.1f}/s = {achieved / ideal:.3f} "
                "(target >= 0.90)"
            )
    print(f"requests per article on clean answers: {requests / n:.2f} (target 1.00)")


def rpm_adherence(n: int, rpm: float) -> None:
    with Server("--rpm", str(rpm)) as server:
        asyncio.run(batch(1, server, jobs=1))
        time.sleep(1.0)  # let the server's bucket refill after the warm-up
        before = server.stats()
        wall, progress = asyncio.run(batch(n, server, jobs=32, limiter=RateLimiter(rpm=rpm)))
        after = server.stats()
    rate = (after["requests"] - before["requests"]) / wall * 60
    refused = after.get("rate_limited", 0) - before.get("rate_limited", 0)
    print(
        f"rpm limit {rpm:g} enforced by the server: achieved {rate:.0f}/min = {rate / rpm:.2f} "
        f"of the limit (target >= 0.90), {progress.failed} failures, {refused} 429s"
    )


def cached_rerun(n: int) -> None:
    from summarizer.engines.llm.cache import Cache

    with tempfile.TemporaryDirectory() as tmp, Server() as server:
        cache = Cache(tmp)
        asyncio.run(batch(n, server, jobs=32, cache=cache))
        before = server.stats()["requests"]
        wall, progress = asyncio.run(batch(n, server, jobs=32, cache=cache))
        requests = server.stats()["requests"] - before
    print(
        f"cached re-run of {n} articles: {requests} requests, {n / wall:.0f} articles/s "
        f"(target 0 and >= 500), {progress.cached} from cache"
    )


def prompt_overhead() -> None:
    """Request tokens that are not the article, per mode (o200k_base, gpt-4.1's encoding)."""
    try:
        import bpe_openai
    except ImportError:
        print("prompt overhead: skipped (pip install -e '.[bench]' for the tokenizer)")
        return
    import httpx2

    from summarizer import summarize

    encoding = bpe_openai.get_encoding("o200k_base")
    article = SEED.read_text(encoding="utf-8")
    bodies: dict[str, dict[str, Any]] = {}
    for mode in ("tools", "json_schema", "md_json"):

        def capture(request: httpx2.Request, mode: str = mode) -> httpx2.Response:
            bodies[mode] = json.loads(request.content)
            return httpx2.Response(400, json={"error": {"message": "captured"}})

        with contextlib.suppress(Exception):  # the 400 is the point: we wanted the request
            summarize(article, engine="llm", mode=mode, transport=httpx2.MockTransport(capture))
    parts = []
    for mode, body in bodies.items():
        text = "".join(m.get("content") or "" for m in body["messages"])
        structure = json.dumps(
            body.get("tools") or body.get("response_format") or "", separators=(",", ":")
        )  # as the request carries it
        total = len(encoding.encode(text)) + len(encoding.encode(structure))
        total += 4 * len(body["messages"])  # per-message framing, as the API counts it
        overhead = total - len(encoding.encode(article))
        parts.append(f"{mode} {overhead}")
    print(f"prompt overhead (tokens that are not the article, target <= 900): {', '.join(parts)}")


def cli_start() -> None:
    exe = [sys.executable, "-m", "summarizer"]

    def wall(args: list[str]) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([*exe, *args], capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    env_free = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    os.environ.clear()
    os.environ.update(env_free)
    helped = wall(["--help"])
    offline = wall(["run", "--engine", "offline", str(SEED)])
    print(
        f"CLI start (median of 5): --help {helped:.2f}s (target < 0.3), "
        f"offline run of the seed {offline:.2f}s (target < 0.6)"
    )


def grounding_overhead(rounds: int = 200) -> None:
    """Validating and grounding one model answer, and assembling the result, per article."""
    from summarizer.config import Settings
    from summarizer.engines.llm.assemble import assemble
    from summarizer.engines.llm.draft import SummaryDraft
    from summarizer.engines.llm.ground import Grounded, ground
    from summarizer.schema import Usage
    from summarizer.testing.server import draft_for
    from summarizer.text.grounding import Article

    articles = [sample_article(i) for i in range(20)] + [SEED.read_text(encoding="utf-8")]
    drafts = [(a, draft_for(a)) for a in articles]
    settings = Settings.resolve(engine="llm")
    started = time.perf_counter()
    for _ in range(rounds // len(drafts) + 1):
        for article, raw in drafts:
            grounded = ground(SummaryDraft.model_validate(raw), Article(article))
            assert isinstance(grounded, Grounded)
            assemble(
                grounded,
                article,
                "x",
                settings=settings,
                host="localhost",
                attempts=1,
                usage=Usage(),
                started=time.perf_counter(),
                rule_quotes=True,
            )
    count = (rounds // len(drafts) + 1) * len(drafts)
    per = (time.perf_counter() - started) / count * 1000
    print(f"grounding, validation and assembly: {per:.2f} ms per article (target < 2 ms)")


async def _long_batch(
    n: int, distinct: int, server: Server, jobs: int, texts: list[str] | None = None
) -> int:
    """``n`` real-length articles (``distinct`` different texts, repeated, or ``texts``)
    through the LLM engine; returns how many were summarized."""
    if texts is None:
        texts = [long_article(i) for i in range(distinct)]
    items = ((f"a{i}", texts[i % distinct]) for i in range(n))
    done = 0
    async for outcome in asummarize_many(
        items, engine="llm", api_key="sk-bench", base_url=server.base_url, jobs=jobs
    ):
        assert outcome.summary is not None, outcome.error
        done += 1
    return done


def client_cpu(n: int, jobs: int, profile: bool = False) -> None:
    """The client's own CPU per article: process CPU seconds / articles, against the test
    server in another process with zero latency, on real-length articles. ``profile``: under
    cProfile (CPU time), with where the time goes (the profiler slows Python code down more
    than C code, so read the shares, not the milliseconds)."""
    import cProfile

    texts = [long_article(i) for i in range(n)]  # made before the clock starts
    profiler = cProfile.Profile(time.process_time) if profile else None
    with Server() as server:
        asyncio.run(_long_batch(jobs, jobs, server, jobs))  # warm up: imports, connections
        requests = server.stats()["requests"]
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler is not None:
            profiler.enable()
        done = asyncio.run(_long_batch(n, n, server, jobs, texts))
        if profiler is not None:
            profiler.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        requests = server.stats()["requests"] - requests
    chars = sum(len(t) for t in texts) / n
    print(
        f"client CPU per article: {cpu / done * 1000:.2f} ms ({done} articles of "
        f"{chars:,.0f} characters on average, {requests / done:.2f} requests each, --jobs "
        f"{jobs}, latency 0, {cpu:.1f}s of CPU in {wall:.1f}s; target <= 5 ms)"
    )
    if profiler is not None:
        _print_shares(profiler)


# Where the client's CPU goes: (share, the functions whose inclusive time it is, minus these)
_SHARES: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]] = [
    ("the support check of the model's wording", [("llm/ground.py", "unsupported")], []),
    (
        "locating quotes and evidence (grounding without the support check)",
        [("llm/ground.py", "ground")],
        [("llm/ground.py", "unsupported")],
    ),
    (
        "HTTP: the request built and sent (httpx2's client), our retries and aiohttp",
        [("llm/engine.py", "_asend")],
        [("llm/engine.py", "completion_of")],
    ),
    (
        "  of which our transport: retries, pacing, deadline, aiohttp",
        [("http/transport.py", "handle_async_request")],
        [],
    ),
    ("    of which aiohttp", [("http/aio.py", "handle_async_request")], []),
    ("the rule-found quotes merged in", [("llm/assemble.py", "_with_rule_quotes")], []),
    ("  of which the rules' attribution", [("offline/attribution.py", "quotes")], []),
    (
        "assembling the ArticleSummary",
        [("llm/assemble.py", "assemble")],
        [("llm/assemble.py", "_with_rule_quotes")],
    ),
    (
        "parsing the answer",
        [("llm/engine.py", "completion_of"), ("llm/modes.py", "parse_response")],
        [],
    ),
    ("building requests", [("llm/modes.py", "prepare_request"), ("llm/engine.py", "budget")], []),
]


def _print_shares(profiler: Any) -> None:
    import pstats

    stats: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())

    def inclusive(where: list[tuple[str, str]]) -> float:
        return sum(
            row[3]
            for (path, _, name), row in stats.items()
            for part, function in where
            if name == function and path.replace("\\", "/").endswith(part)
        )

    for label, plus, minus in _SHARES:
        share = (inclusive(plus) - inclusive(minus)) / total
        print(f"  {share:6.1%}  {label}")


def _peak_rss_mb(n: int, jobs: int) -> float:
    """Peak memory of a fresh process running an LLM batch of ``n`` articles."""
    script = (
        "import asyncio, resource, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from run import Server, _long_batch\n"
        "with Server() as server:\n"
        "    asyncio.run(_long_batch(int(sys.argv[2]), 500, server, int(sys.argv[3])))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    here = str(Path(__file__).resolve().parent)
    out = subprocess.run(
        [sys.executable, "-c", script, here, str(n), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.split()[-1]) / 1024


def memory(small: int, large: int, jobs: int) -> None:
    """Peak memory of an LLM batch does not grow with its length."""
    a, b = _peak_rss_mb(small, jobs), _peak_rss_mb(large, jobs)
    print(
        f"peak memory, LLM batch: {small:,} articles {a:.0f} MB, {large:,} articles {b:.0f} MB "
        f"({(b / a - 1) * 100:+.1f}%, target within 10%)"
    )


# ``python -m summarizer ARGS`` that writes its own CPU seconds (not its workers') to a file
_OWN_CPU = """\
import atexit, resource, runpy, sys

def own_cpu(path=sys.argv[1]):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(path, "w") as fh:
        fh.write(repr(usage.ru_utime + usage.ru_stime))

atexit.register(own_cpu)  # the worker processes end without running atexit's functions
sys.argv = ["summarizer", *sys.argv[2:]]
runpy.run_module("summarizer", run_name="__main__", alter_sys=True)
"""


def offline_batch(n: int) -> None:
    """``summarizer run DIR --engine offline`` end to end, start-up included; then the CPU it
    took (the program and its worker processes, apart) and the engine's own CPU per article:
    what a batch spends outside the engine."""
    import resource

    from summarizer import summarize
    from summarizer.batch import default_workers

    def cpu_of_children() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker processes included
        return usage.ru_utime + usage.ru_stime

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "news"
        folder.mkdir()
        for i in range(n):
            (folder / f"{i:05d}.txt").write_text(long_article(i), encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        own = Path(tmp) / "own-cpu"
        command = [sys.executable, "-c", _OWN_CPU, str(own), "run", str(folder)]
        # the program's bytecode cached, as an installed package has it (pip compiles it at
        # install): with PYTHONDONTWRITEBYTECODE set, as on our CI machines, every start would
        # compile our sources again (about 75 ms). A cache of the run's own, filled by a
        # first run on one article, so that the source tree is left as it was.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        one = [*command[:4], "run", str(folder / "00000.txt"), "--engine", "offline"]
        subprocess.run([*one, "-o", os.devnull], capture_output=True, check=True, env=env)
        before = cpu_of_children()  # a one-article run: start-up and one summary
        subprocess.run([*one, "-o", os.devnull], capture_output=True, check=True, env=env)
        single = cpu_of_children() - before
        before = cpu_of_children()
        started = time.perf_counter()
        subprocess.run(
            [*command, "--engine", "offline", "-o", str(out)],
            capture_output=True,
            check=True,
            env=env,
        )
        wall = time.perf_counter() - started
        cpu = cpu_of_children() - before
        parent = float(own.read_text())
        lines = sum(1 for _ in out.open(encoding="utf-8"))
    workers = default_workers()
    print(
        f"offline batch, end to end: {n:,} articles ({lines:,} records) in {wall:.2f}s = "
        f"{n / wall:.0f} articles/s, start-up included (bytecode cached), {workers} worker "
        f"processes "
        f"(target >= 500); CPU {cpu:.2f}s = {cpu / n * 1000:.1f} ms an article, "
        f"at most {n / (cpu / workers):.0f} articles/s on {workers} idle cores"
    )
    print(
        f"  of that CPU: the program {parent:.2f}s (a one-article run: {single:.2f}s, "
        f"start-up included), the worker processes {cpu - parent:.2f}s = "
        f"{(cpu - parent) / n * 1000:.2f} ms an article"
    )
    texts = [long_article(i) for i in range(200)]
    summarize(texts[0], engine="offline")  # imports and first-call work out of the figure
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for text in texts:
            summarize(text, engine="offline")
        best = min(best, (time.process_time() - started) / len(texts))
    print(f"offline engine alone: {best * 1000:.2f} ms of CPU an article (best of 3 x 200)")
    # as the workers run it: that many processes at once, which share the cores' caches
    script = [sys.executable, "-c", _ENGINE_CPU, str(Path(__file__).resolve().parent)]
    running = [subprocess.Popen(script, stdout=subprocess.PIPE) for _ in range(workers)]
    together = statistics.mean(float(p.communicate()[0]) for p in running)
    rest = (cpu - parent) / n - together
    print(
        f"  {workers} processes at once: {together * 1000:.2f} ms an article each (200); the "
        f"workers' CPU outside the engine: about {rest * 1000:.2f} ms an article"
    )


# The offline engine's CPU an article, after a warm-up, in a process of its own
_ENGINE_CPU = """\
import sys, time
sys.path.insert(0, sys.argv[1])
from articles import long_article
from summarizer import summarize

texts = [long_article(i) for i in range(200)]
summarize(texts[0], engine="offline")
started = time.process_time()
for text in texts:
    summarize(text, engine="offline")
print((time.process_time() - started) / len(texts))
"""


def help_vs_openai() -> None:
    """``summarizer --help`` against ``python -c "import openai"``, in the same run."""

    def median(command: list[str]) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    helped = median([sys.executable, "-m", "summarizer", "--help"])
    openai_import = median([sys.executable, "-c", "import openai"])
    print(
        f"--help {helped:.3f}s vs import openai {openai_import:.3f}s: "
        f"{helped / openai_import:.2f} of it (target < 0.33)"
    )


def main() -> None:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # its retry log lines
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--rpm", type=float, default=1200)
    parser.add_argument(
        "--only",
        choices=["cpu", "memory", "offline", "help"],
        help="run one of the issue-10 figures only",
    )
    parser.add_argument(
        "--profile", action="store_true", help="with --only cpu: where the client's CPU goes"
    )
    args = parser.parse_args()
    if args.only == "cpu" or args.only is None:
        client_cpu(1000, 64, profile=args.profile)
    if args.only == "offline" or args.only is None:
        offline_batch(1000)
    if args.only == "help" or args.only is None:
        help_vs_openai()
    if args.only == "memory" or args.only is None:
        memory(1000, 10000, 64)
    if args.only is not None:
        return
    throughput(args.articles, args.jobs, args.latency)
    rpm_adherence(200, args.rpm)
    cached_rerun(args.articles)
    prompt_overhead()
    grounding_overhead()
    cli_start()


if __name__ == "__main__":
    main()
