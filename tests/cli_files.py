"""Shared by the CLI tests: a folder of the test server's sample articles, and the records of a
results file."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.testing.server import sample_article


def write_articles(folder: Path, n: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"article-{i:03d}.txt").write_text(sample_article(i), encoding="utf-8")
    return folder


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
