"""Instructions per LLM article of the client, counted by valgrind (not blurred by load).

    python benchmarks/llm_instructions.py [--articles 100]

The client runs ``benchmarks/run.py``'s batch (real-length articles, ``--jobs 64``, the test
server in its own process, not counted) under ``valgrind --tool=callgrind``, counting only
the batch of ``--articles`` articles: the count is switched on (``callgrind_control``) after
a warm-up batch (imports, the first connections) and off when the batch is done. Needs
valgrind; a minute or two.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
JOBS = 64


def _instrument(on: bool) -> None:
    """Switch callgrind's count on or off in this process."""
    switch = "on" if on else "off"
    subprocess.run(
        ["callgrind_control", "-i", switch, str(os.getpid())], check=True, capture_output=True
    )


def _run(n: int) -> None:
    """The child, under valgrind: a warm-up batch, then ``n`` distinct articles, counted."""
    sys.path.insert(0, str(HERE))  # benchmarks/ is not a package
    from articles import long_article
    from run import Server, _long_batch

    texts = [long_article(i) for i in range(n)]
    with Server() as server:
        asyncio.run(_long_batch(JOBS, JOBS, server, JOBS))
        _instrument(True)
        asyncio.run(_long_batch(n, n, server, JOBS, texts))
        _instrument(False)


def instructions(n: int) -> int:
    """Instructions the client spent on a batch of ``n`` articles."""
    sys.path.insert(0, str(HERE))  # benchmarks/ is not a package
    from instructions import callgrind_count

    return callgrind_count([__file__, "--child", str(n)], "--instr-atstart=no")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _run(args.child)
        return
    count = instructions(args.articles)
    print(
        f"LLM engine, client: {count / args.articles / 1e6:.2f} million instructions an "
        f"article ({args.articles} benchmark articles, --jobs {JOBS})"
    )


if __name__ == "__main__":
    main()
