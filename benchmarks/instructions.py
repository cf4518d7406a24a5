"""Instructions per offline summary, counted by valgrind (not blurred by the machine's load).

    python benchmarks/instructions.py                        # 6,000-character benchmark articles
    python benchmarks/instructions.py ../shared/eval/polnear_dev.jsonl   # articles of a JSONL file

Each count runs the offline engine under ``valgrind --tool=callgrind`` twice, once on the
warm-up articles alone and once with 20 more, and prints the difference per article, so the
start-up (imports, compiling the expressions) is left out. Needs valgrind (``apt install
valgrind``); about a minute.

The collector's passes are counted too, and a full pass (over every object of the process,
lexicons and compiled rules included) comes when enough objects have been made: whether one
falls among the 20 articles can move the figure by half a million instructions an article.
``--no-gc`` turns the collector off in the counting process (both runs): the figure then
compares two versions of the code without that lump.

``--stage context|quotes|reported`` counts one stage of the offline engine alone: both runs
take the same 20 articles through the stages before it (the quote rules need the context,
reported speech the quotes), and the second runs the stage too. The context is made as the
engine makes it, its word index included (read by the quote rules and reported speech).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = 20


def _texts(jsonl: str | None) -> list[str]:
    if jsonl is None:
        sys.path.insert(0, str(HERE))
        from articles import long_article

        return [long_article(i) for i in range(ARTICLES + 2)]
    with open(jsonl, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [r.get("text") or r.get("article") or "" for r in records][: ARTICLES + 2]


def _run(texts: list[str], n: int, collect: bool = True) -> None:
    """The child: two summaries to warm up, then ``n`` counted ones (``collect``: with the
    garbage collector on)."""
    import gc

    from summarizer import summarize

    if not collect:
        gc.disable()

    for text in texts[-2:]:
        summarize(text, engine="offline")
    for text in texts[:n]:
        summarize(text, engine="offline")


STAGES = ("context", "quotes", "reported")


def _run_stage(texts: list[str], stage: str, counted: bool, collect: bool = True) -> None:
    """The child of ``--stage``: the stages before ``stage`` for each article, and ``stage``
    itself when ``counted``."""
    import gc

    from summarizer import summarize
    from summarizer.engines.offline.attribution import Attributor
    from summarizer.engines.offline.reported import attributions, word_index

    if not collect:
        gc.disable()

    for text in texts[-2:]:
        summarize(text, engine="offline")
    for text in texts[:ARTICLES]:
        # (as the engine makes it: the quoted passages, paragraphs and sentences, and the word
        # index that the quote rules and reported speech share)
        if stage == "context":
            if counted:
                Attributor(text, words=word_index(text))
            continue
        attributor = Attributor(text, words=word_index(text))
        if stage == "quotes":
            if counted:
                attributor.quotes()
            continue
        attributor.quotes()
        if counted:
            attributions(attributor)


def callgrind_count(arguments: list[str], *options: str) -> int:
    """The instructions callgrind counts in ``python ARGUMENTS`` (``options``: callgrind's)."""
    command = [
        "valgrind",
        "--tool=callgrind",
        *options,
        "--callgrind-out-file=/dev/null",
        sys.executable,
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind said no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def _instructions(jsonl: str | None, n: int, collect: bool = True, stage: str | None = None) -> int:
    options = [*([jsonl] if jsonl is not None else []), *([] if collect else ["--no-gc"])]
    options += ["--stage", stage] if stage else []
    return callgrind_count([__file__, "--child", str(n), *options])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", nargs="?", help="a JSONL file of articles (text or article)")
    parser.add_argument(
        "--no-gc",
        action="store_true",
        help="count with the garbage collector off (no full collection pass may fall in a run)",
    )
    parser.add_argument(
        "--stage", choices=STAGES, help="count one stage of the offline engine alone"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    collect = not args.no_gc
    if args.child is not None:
        if args.stage:
            _run_stage(_texts(args.jsonl), args.stage, args.child > 0, collect)
        else:
            _run(_texts(args.jsonl), args.child, collect)
        return
    base = _instructions(args.jsonl, 0, collect, args.stage)
    more = _instructions(args.jsonl, ARTICLES, collect, args.stage)
    what = Path(args.jsonl).name if args.jsonl else "benchmark articles"
    how = "" if collect else " (collector off)"
    counted = f"the {args.stage} stage of " if args.stage else ""
    print(
        f"{what}: {(more - base) / ARTICLES / 1e6:.2f} million instructions "
        f"{counted}an offline summary{how}"
    )


if __name__ == "__main__":
    main()
