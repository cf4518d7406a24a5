"""The fault run of issue 5: 300 articles against a server that fails ~30% of requests.

    python benchmarks/faults.py              # about half a minute

Starts the project's test server (summarizer.testing.server) with mixed faults (429 with and
without Retry-After, 500, 503, dropped connections, answers slower than the timeout, truncated
JSON, missing fields, fabricated quotes, finish_reason "length", empty answers, refusals),
runs ``summarizer run`` over 300 article files, and checks what it wrote: one record per
article, the share of summaries, and that every quote is found in its article at its offsets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from summarizer.testing.server import sample_article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "summarizer.testing.server", "--latency", "0.05",
         "--fault-rate", str(args.fault_rate), "--seed", str(args.seed), "--slow-s", "2"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    base_url = server.stdout.readline().strip()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            news = Path(tmp) / "news"
            news.mkdir()
            texts = {}
            for i in range(args.articles):
                path = news / f"article-{i:04d}.txt"
                path.write_text(sample_article(i), encoding="utf-8")
                texts[str(path)] = path.read_text(encoding="utf-8")
            out = Path(tmp) / "results.jsonl"
            env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(Path(tmp) / "cache")}
            env["OPENAI_API_KEY"] = "sk-fault-run"
            started = time.perf_counter()
            run = subprocess.run(
                [sys.executable, "-m", "summarizer", "run", str(news), "-o", str(out),
                 "--base-url", base_url, "--jobs", "16", "--timeout", "1", "--deadline", "30",
                 "--retry-timeouts"],  # the test server stands for a hosted API here
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            wall = time.perf_counter() - started
            with urllib.request.urlopen(base_url + "/_stats") as r:  # loopback only
                served = json.load(r)
            records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    finally:
        server.terminate()
        server.wait()

    inputs = Counter(r["input"] for r in records)
    summaries = [r for r in records if "summary" in r]
    errors = Counter(r["error"]["kind"] for r in records if "error" in r)
    ungrounded = sum(
        1
        for r in summaries
        for q in r["quotes"]
        if texts[r["input"]][q["start"] : q["end"]] != q["text"]
    )
    faults = {k: v for k, v in served.items() if k not in {"requests", "ok", "rate_limited"}}
    print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "(no stderr)")
    print(
        f"server: {served['requests']} requests, {sum(faults.values())} faulty "
        f"({sum(faults.values()) / served['requests']:.0%}): {dict(sorted(faults.items()))}"
    )
    once = set(inputs) == set(texts) and max(inputs.values()) == 1
    print(
        f"records: {len(records)} for {args.articles} articles "
        f"({'each once' if once else 'NOT each once'}), "
        f"{len(summaries)} summaries = {len(summaries) / args.articles:.1%} (target >= 95%), "
        f"errors {dict(errors)}, quotes not in their article: {ungrounded}; "
        f"exit {run.returncode}, {wall:.1f}s"
    )

    if not (once and len(summaries) >= 0.95 * args.articles and ungrounded == 0):
        sys.exit(1)


if __name__ == "__main__":
    main()
