"""The CPU of ``summarizer run DIR --jobs 64`` with the LLM engine, per article, start-up
included: the command as a user runs it, writing its JSON lines to a file.

    python benchmarks/cli_cpu.py [--articles 1000] [--rounds 3] [--tree DIR ...]

The benchmark's real-length articles (``articles.long_article``) are written to a folder, the
test server runs in its own process (not counted, zero latency), and each run's CPU is the
command's process time (user + system) divided by the articles. ``--tree``: the checkout
whose ``summarizer`` to run (``PYTHONPATH``), several to compare them run by run, alternated
(the machine's load moves CPU time: only alternated runs compare).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # benchmarks/ is not a package

from articles import long_article  # noqa: E402
from run import Server  # noqa: E402


def cli_cpu(folder: str, n: int, base_url: str, tree: str) -> float:
    """Milliseconds of the command's CPU per article, one run."""
    out = os.path.join(folder, "out.jsonl")
    if os.path.exists(out):
        os.remove(out)
    command = [sys.executable, "-m", "summarizer", "run", folder, "--engine", "llm"]
    command += ["--base-url", base_url, "--api-key", "sk-bench", "--jobs", "64", "--no-cache"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [*command, "-o", out],
        check=True,
        env={**os.environ, "PYTHONPATH": tree},
        cwd=tempfile.gettempdir(),  # not a checkout: PYTHONPATH says which
        capture_output=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, encoding="utf-8") as lines:
        assert sum(1 for _ in lines) == n, "a record is missing"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu / n * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tree", action="append", help="a checkout (default: this one)")
    args = parser.parse_args()
    trees = args.tree or [str(HERE.parent)]
    runs: dict[str, list[float]] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory() as folder, Server() as server:
        for i in range(args.articles):
            Path(folder, f"a{i:05d}.txt").write_text(long_article(i), encoding="utf-8")
        for _ in range(args.rounds):
            for tree in trees:
                runs[tree].append(cli_cpu(folder, args.articles, server.base_url, tree))
    for tree, ms in runs.items():
        print(
            f"summarizer run, LLM, --jobs 64, {args.articles} articles: "
            f"{' '.join(f'{m:.2f}' for m in ms)} ms of CPU an article, median "
            f"{statistics.median(ms):.2f} (start-up included; {tree})"
        )


if __name__ == "__main__":
    main()
