"""Score the support checker on FRANK-style files, as ``summarizer eval-support`` does.

A FRANK line is ``{"hash", "dataset", "article", "reference_summary", "systems": {MODEL:
{"summary", "factuality", "errors": {TYPE: score}}}}``. Every system summary is checked against
its article; a summary is *flagged* when the checker reports at least one unsupported term, and
*faulty* when its human ``factuality`` is below 1. Precision is the share of flagged summaries
that are faulty, recall the share of faulty summaries that are flagged, the false-positive rate
the share of error-free summaries that are flagged. ``per_error_type`` gives, for each FRANK
error type (a score below 1 means the annotators found that error), the share of the summaries
with it that were flagged. ``summaries_per_s`` counts the checking only (reading the file is
not timed), on one core.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.text.support import ArticleSupport, Unsupported


@dataclass
class SupportCase:
    article_id: str
    system: str
    article: str
    summary: str
    faulty: bool
    error_types: tuple[str, ...]
    published: date | None = None


def _share(part: int, rest: int) -> float:
    return part / (part + rest) if part + rest else 0.0


@dataclass
class SupportScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [caught, total]

    @property
    def summaries(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:  # of the flagged summaries, the faulty share
        return _share(self.tp, self.fp)

    @property
    def recall(self) -> float:  # of the faulty summaries, the flagged share
        return _share(self.tp, self.fn)

    @property
    def false_positive_rate(self) -> float:  # of the error-free summaries, the flagged share
        return _share(self.fp, self.tn)

    def as_dict(self) -> dict[str, Any]:
        return {
            "summaries": self.summaries,
            "faulty": self.tp + self.fn,
            "flagged": self.tp + self.fp,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "false_positive_rate": round(self.false_positive_rate, 3),
            "per_error_type": {
                kind: round(caught / total, 3) if total else 0.0
                for kind, (caught, total) in sorted(self.per_type.items())
            },
            "per_error_type_counts": {
                kind: {"caught": caught, "total": total}
                for kind, (caught, total) in sorted(self.per_type.items())
            },
            "summaries_per_s": round(self.summaries / self.seconds, 1) if self.seconds else 0.0,
        }


def _published(record: dict[str, Any]) -> date | None:
    for key in ("published", "date", "publication_date"):
        value = record.get(key)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


_PTB = [
    (re.compile(r"\\(['\"])"), r"\1"),
    (re.compile(r"-LRB-|-LSB-|-LCB-"), "("),
    (re.compile(r"-RRB-|-RSB-|-RCB-"), ")"),
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"`\s*"), "'"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|')(?=\W|$)", re.IGNORECASE), r"\1"),
    (re.compile(r"\s+([.,;:!?%)])"), r"\1"),
    (re.compile(r"([($£€])\s+"), r"\1"),
    (re.compile(r'"\s+([^"]*?)\s+"'), r'"\1"'),
]


def detokenize(summary: str) -> str:
    """FRANK's CNN/DM summaries are tokenized (``it 's`` , ``-LRB-``, ``` `` ```): undo it so
    that they read as the prose a summarizer writes."""
    for pattern, replacement in _PTB:
        summary = pattern.sub(replacement, summary)
    return summary


def load_frank(path: str | Path) -> list[SupportCase]:
    """Every system summary of a FRANK-format JSONL file, with its article and labels."""
    cases: list[SupportCase] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            article = record["article"]
            systems = record["systems"]
            if not isinstance(article, str) or not isinstance(systems, dict):
                raise TypeError("article must be text and systems an object")
            for name, system in systems.items():
                errors = system.get("errors") or {}
                cases.append(
                    SupportCase(
                        article_id=str(record.get("hash", number)),
                        system=str(name),
                        article=article,
                        summary=detokenize(str(system["summary"])),
                        faulty=float(system["factuality"]) < 1,
                        error_types=tuple(k for k, v in errors.items() if float(v) < 1),
                        published=_published(record),
                    )
                )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(
                f"{path}:{number}: not a FRANK record ({type(error).__name__}: {error}); "
                'expected {"article": ..., "systems": {NAME: {"summary", "factuality", '
                '"errors"}}}'
            ) from None
    if not cases:
        raise InputError(f"{path}: no summaries found")
    return cases


def check_cases(cases: list[SupportCase]) -> Iterator[tuple[SupportCase, list[Unsupported]]]:
    """Each case with what the checker reports; one index per article, reused across systems."""
    support: ArticleSupport | None = None
    for case in cases:
        if (
            support is None
            or support.text is not case.article
            or support.published != case.published
        ):
            support = ArticleSupport(case.article, case.published)
        yield case, support.check(case.summary)


def evaluate(cases: list[SupportCase]) -> SupportScore:
    score = SupportScore()
    started = time.process_time()
    results = list(check_cases(cases))
    score.seconds = time.process_time() - started
    for case, found in results:
        flagged = bool(found)
        if case.faulty:
            score.tp += flagged
            score.fn += not flagged
        else:
            score.fp += flagged
            score.tn += not flagged
        for kind in case.error_types:
            counts = score.per_type.setdefault(kind, [0, 0])
            counts[0] += flagged
            counts[1] += 1
    return score


def table(score: SupportScore) -> str:
    """The figures as a small text table."""
    r = score.as_dict()
    lines = [
        f"summaries  {r['summaries']} ({r['faulty']} with factuality < 1), flagged {r['flagged']}",
        f"precision  {r['precision']:.3f}",
        f"recall     {r['recall']:.3f}",
        f"FPR        {r['false_positive_rate']:.3f}",
        f"speed      {r['summaries_per_s']} summaries/s (one core, checking only)",
        "caught per FRANK error type:",
    ]
    for kind, counts in r["per_error_type_counts"].items():
        lines.append(
            f"  {kind:<7} {r['per_error_type'][kind]:.3f}  ({counts['caught']}/{counts['total']})"
        )
    return "\n".join(lines)
