"""Instructions per LLM article of the client, counted by valgrind (not blurred by load).

    python benchmarks/llm_instructions.py [--articles 100]

The client runs ``benchmarks/run.py``'s batch (real-length articles, ``--jobs 64``, the test
server in its own process, not counted) under ``valgrind --tool=callgrind`` twice: once with
the warm-up batch alone, once with ``--articles`` more, and prints the difference per article,
so start-up (imports, the first connections) is left out. Needs valgrind; a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
JOBS = 64


def _run(n: int, made: int) -> None:
    """The child: a warm-up batch, then ``n`` distinct articles (``made`` articles are
    generated either way: making them is not the client's work)."""
    sys.path.insert(0, str(HERE))  # benchmarks/ is not a package
    from articles import long_article
    from run import Server, _long_batch

    texts = [long_article(i) for i in range(made)]
    with Server() as server:
        asyncio.run(_long_batch(JOBS, JOBS, server, JOBS))
        if n:
            asyncio.run(_long_batch(n, n, server, JOBS, texts))


def _instructions(n: int, made: int) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        str(n),
        str(made),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind said no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--child", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _run(*args.child)
        return
    base = _instructions(0, args.articles)
    more = _instructions(args.articles, args.articles)
    print(
        f"LLM engine, client: {(more - base) / args.articles / 1e6:.2f} million instructions "
        f"an article ({args.articles} benchmark articles, --jobs {JOBS})"
    )


if __name__ == "__main__":
    main()
