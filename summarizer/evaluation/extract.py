"""Scoring article extraction on a folder of web pages, with the article-extraction benchmark's
own metric (token-shingle precision / recall / F1 of the article body).

The folder holds ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
``html/<id>.html.gz`` (or ``.html``), as the public benchmark lays them out. The metric follows
the benchmark's ``evaluate.py`` (MIT): 4-word shingles of ``\\w+`` tokens, each page's counts
normalized so that long pages do not weigh more, precision and recall averaged over pages, and F1
of the two averages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, SummarizerError

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """The benchmark's normalized (tp, fp, fn) for one page."""
    gold, got = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in gold.keys() | got.keys():
        t, p = gold.get(key, 0), got.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass
class ExtractScore:
    pages: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # id -> tp fp fn
    warned: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)  # id -> the error
    seconds: float = 0.0

    def page_f1(self, key: str) -> float:
        p, r = _precision(*self.pages[key]), _recall(*self.pages[key])
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        counts = list(self.pages.values())
        precision = sum(_precision(*c) for c in counts if c[0] + c[1] > 0) / max(
            1, sum(1 for c in counts if c[0] + c[1] > 0)
        )
        recall = sum(_recall(*c) for c in counts if c[0] + c[2] > 0) / max(
            1, sum(1 for c in counts if c[0] + c[2] > 0)
        )
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        low = sorted(k for k in self.pages if self.page_f1(k) < 0.5)
        return {
            "pages": len(self.pages),
            "f1": round(f1, 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "pages_below_0.5": len(low),
            "pages_below_0.5_without_warning": [k for k in low if k not in self.warned],
            "warned": len(self.warned),
            "no_article": sorted(self.failed),
            "pages_per_second": round(len(self.pages) / self.seconds, 1) if self.seconds else 0,
        }


def load_benchmark(folder: str | Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """The ground truth and each page's file."""
    root = Path(folder)
    try:
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{root}: no readable ground-truth.json ({exc})") from None
    files = {}
    for key in truth:
        for candidate in (root / "html" / f"{key}.html.gz", root / "html" / f"{key}.html"):
            if candidate.exists():
                files[key] = candidate
                break
        else:
            raise InputError(f"{root}: no page html/{key}.html.gz for an id of ground-truth.json")
    return truth, files


def read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


Extractor = Callable[[bytes, str], tuple[str, tuple[str, ...]]]


def summarizer_extract(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """The text and warnings ``summarizer extract`` gives for a page file."""
    from summarizer.io.inputs import decode_bytes, prepare_article

    article = prepare_article(decode_bytes(data, name), name)
    return article.text, article.warnings


def _library(name: str) -> Extractor:
    """One library alone, text only (no metadata, no doubts): for comparison."""

    def run(data: bytes, key: str) -> tuple[str, tuple[str, ...]]:
        from summarizer.io.inputs import decode_bytes

        html = decode_bytes(data, key)
        if name == "readability":
            from summarizer.io.webpage import _readability_text

            return _readability_text(html), ()
        import trafilatura

        text = trafilatura.extract(
            html,
            include_comments=False,
            favor_precision=name.startswith("trafilatura-precision"),
            fast=name.endswith("-fast"),
        )
        return text or "", ()

    return run


EXTRACTORS: dict[str, Extractor] = {
    "summarizer": summarizer_extract,
    **{
        name: _library(name)
        for name in (
            "trafilatura",
            "trafilatura-precision",
            "trafilatura-precision-fast",
            "readability",
        )
    },
}


def evaluate_extraction(
    folder: str | Path, extract: Extractor = summarizer_extract
) -> tuple[ExtractScore, dict[str, str]]:
    """Score ``extract`` on every page of ``folder``; also the predicted texts, by id."""
    truth, files = load_benchmark(folder)
    pages = {key: read_page(path) for key, path in files.items()}
    score, predicted = ExtractScore(), {}
    started = time.perf_counter()
    for key, data in pages.items():
        try:
            text, warnings = extract(data, key)
        except SummarizerError as error:
            text, warnings = "", ()
            score.failed[key] = str(error)
        predicted[key] = text
        if warnings or key in score.failed:
            score.warned.add(key)
    score.seconds = time.perf_counter() - started
    for key, text in predicted.items():
        score.pages[key] = shingle_counts(truth[key].get("articleBody", ""), text)
    return score, predicted
