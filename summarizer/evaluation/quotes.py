"""Score quote extraction against annotated news (PolNeAR, GUM), as ``summarizer eval`` does.

Gold quotes follow the reference scorer in ``shared/eval``: for PolNeAR, the spans inside quote
marks (“…” or "…", at least 3 characters) within the content span of an attribution marked
``has_quote_marks``, with that attribution's source; for GUM, the given ``quote_spans`` (no
speakers). A prediction matches a gold quote when their spans overlap by at least half of the
shorter one (one-to-one, greedy, in prediction order). Speaker accuracy counts matched quotes
whose gold source is not a pronoun: correct when a capitalized token of the source (3+
letters, not a title; else any 3+ letter word) appears in the predicted speaker; strictly
correct when the head words of the gold source and the predicted speaker are equal
(:func:`summarizer.evaluation.attributions.head_word`): ``speaker_accuracy_strict``.
A second figure, ``speaker_accuracy_strict_mention``, is reported beside
it: there a gold source that is a description ("the mayor", "the California congressman": its
head word is written in lowercase) is compared with the mention the output gives for the quote
(``mention``: the text of its attribution's ``source`` span, where the article names the
speaker at that quote), when there is one, else with the speaker: PolNeAR marks that span, and
has no coreference to check whom "the mayor" is. A named gold source is always compared with
the speaker.
Attributions (quoted and reported speech) are scored by :mod:`summarizer.evaluation.attributions`;
every quote and attribution carries the rule that found it, so each rule is scored on its own.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from summarizer.engines.offline.attribution import PRONOUN_SPEAKERS
from summarizer.engines.offline.engine import build_offline  # imported before the clock starts
from summarizer.evaluation.attributions import (
    AttributionScore,
    Counts,
    head_word,
    score_attributions,
    speaker_matches_strict,
)

MIN_OVERLAP = 0.5
_TITLES = {
    "The",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sen",
    "Rep",
    "Gov",
    "President",
    "Secretary",
    "Senator",
    "Former",
    "State",
}
_MARKS = " \u201c\u201d\"'\u2018\u2019"


@dataclass
class GoldQuote:
    start: int
    end: int
    source: str = ""
    pronoun: bool = False


@dataclass
class Score(Counts):
    """Quote matches (``tp``, ``fp``, ``fn``, with their precision, recall and F1), speakers,
    attributions, each rule's matches, and the time taken."""

    speaker_scored: int = 0
    speaker_ok: int = 0
    speaker_ok_strict: int = 0
    speaker_ok_mention: int = 0
    articles: int = 0
    seconds: float = 0.0  # this process's CPU time in ``extract`` (the offline engine's speed)
    wall_seconds: float = 0.0  # elapsed time in ``extract`` (a model's speed: its requests)
    wall_clock: bool = False  # report speed by the wall clock (the LLM engine)
    attributions: AttributionScore = field(default_factory=AttributionScore)
    by_rule: dict[str, Counts] = field(default_factory=dict)
    speakers: Counter[str] = field(default_factory=Counter)

    # None: does not apply (no gold quote with a speaker was matched: GUM has no speakers)
    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_ok / self.speaker_scored if self.speaker_scored else None

    @property
    def speaker_accuracy_strict(self) -> float | None:
        return self.speaker_ok_strict / self.speaker_scored if self.speaker_scored else None

    @property
    def speaker_accuracy_strict_mention(self) -> float | None:
        return self.speaker_ok_mention / self.speaker_scored if self.speaker_scored else None

    def as_dict(self) -> dict[str, Any]:
        """Every figure; None (``null``) for those that do not apply: speakers when no gold
        quote names one, attributions when the gold has none or the engine makes none."""
        a = self.attributions
        scored = a.articles > 0
        per_second = round(self.articles / self.seconds, 1) if self.seconds else None
        per_wall_second = round(self.articles / self.wall_seconds, 2) if self.wall_seconds else None
        if self.wall_clock:  # CPU time says nothing of an engine that waits for a server
            per_second = None
        return {
            "articles": self.articles,
            "quote_precision": round(self.precision, 3),
            "quote_recall": round(self.recall, 3),
            "quote_f1": round(self.f1, 3),
            "speaker_accuracy": _rounded(self.speaker_accuracy),
            "speaker_accuracy_strict": _rounded(self.speaker_accuracy_strict),
            "speaker_accuracy_strict_mention": _rounded(self.speaker_accuracy_strict_mention),
            "speaker_scored": self.speaker_scored,
            "attribution_precision": round(a.all.precision, 3) if scored else None,
            "attribution_recall": round(a.all.recall, 3) if scored else None,
            "attribution_f1": round(a.all.f1, 3) if scored else None,
            "attribution_f1_unquoted": round(a.unquoted.f1, 3) if scored else None,
            "attribution_source_accuracy_strict": (
                round(a.source_ok / a.source_scored, 3) if a.source_scored else None
            ),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "articles_per_s": per_second,  # per second of CPU time (one core); null for the LLM
            "articles_per_wall_s": per_wall_second,  # per second elapsed, requests included
            "wall_seconds": round(self.wall_seconds, 2),
            # the names used before attributions were scored
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "articles_per_second": per_second,
        }

    def rules_dict(self) -> dict[str, Any]:
        """Each rule's matches and misses, for quotes and for attributions."""
        return {
            "quotes": {r: c.as_dict() for r, c in sorted(self.by_rule.items())},
            "attributions": {r: c.as_dict() for r, c in sorted(self.attributions.by_rule.items())},
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _quoted_segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    seg = text[lo:hi]
    for m in re.finditer(r"\u201c([^\u201c\u201d]+)(\u201d|$)", seg):
        out.append((lo + m.start(1), lo + m.end(1)))
    marks = [m.start() for m in re.finditer('"', seg)]
    out += [(lo + a + 1, lo + b) for a, b in zip(marks[0::2], marks[1::2], strict=False)]
    return [(a, b) for a, b in out if b - a >= 3]


def gold_quotes(doc: dict[str, Any]) -> list[GoldQuote]:
    """The gold quotes of one PolNeAR or GUM record."""
    if "quote_spans" in doc:
        return [GoldQuote(q["start"], q["end"]) for q in doc["quote_spans"]]
    text = doc["text"]
    found: dict[tuple[int, int], GoldQuote] = {}
    for att in doc.get("attributions", []):
        if not att.get("has_quote_marks"):
            continue
        source = (att.get("source") or {}).get("text", "")
        for lo, hi in att["content"]["ranges"]:
            for a, b in _quoted_segments(text, max(0, lo - 1), min(len(text), hi + 1)):
                found.setdefault(
                    (a, b), GoldQuote(a, b, source, bool(att.get("source_is_pronoun")))
                )
    return list(found.values())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1, min(a[1] - a[0], b[1] - b[0])) if inter > 0 else 0.0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS + ",.":
        end -= 1
    return start, end


def speaker_matches(gold_source: str, predicted: str) -> bool:
    tokens = [
        t for t in re.findall(r"[A-Z][A-Za-z'\-]+", gold_source) if len(t) >= 3 and t not in _TITLES
    ]
    if not tokens:
        tokens = [t for t in re.findall(r"[A-Za-z'\-]+", gold_source) if len(t) >= 3]
    return any(t.lower() in predicted.lower() for t in tokens)


def _strict_target(gold_source: str, quote: dict[str, Any]) -> str:
    """What the strict rule compares with ``gold_source``: the mention at the attribution site
    when the gold source is a description and the output has one, else the speaker."""
    speaker: str = quote.get("speaker") or ""
    mention: str = quote.get("mention") or ""
    head = head_word(gold_source)
    described = bool(head) and re.search(rf"(?<![\w-]){re.escape(head)}\b", gold_source)
    if mention and described and mention.lower() not in PRONOUN_SPEAKERS:
        return mention
    return speaker


def score_article(doc: dict[str, Any], prediction: dict[str, Any], score: Score) -> None:
    """Add one article's quotes and attributions to ``score``."""
    text = doc["text"]
    predicted = prediction["quotes"]
    attributions = prediction.get("attributions")  # None: the engine makes none (the LLM's)
    if "attributions" in doc and attributions is not None:
        score_attributions(doc, attributions, score.attributions)
    for a in attributions or []:
        if a.get("kind") == "indirect":  # a direct or mixed one holds a quote, counted below
            score.speakers[a.get("speaker") or ""] += 1
    gold = gold_quotes(doc)
    used: set[int] = set()
    for q in predicted:
        score.speakers[q.get("speaker") or ""] += 1
        rule = score.by_rule.setdefault(q.get("rule") or "?", Counts())
        s, e = _trim(text, q["start"], q["end"])
        best, best_i = 0.0, None
        for i, g in enumerate(gold):
            if i not in used:
                o = _overlap((s, e), (g.start, g.end))
                if o > best:
                    best, best_i = o, i
        if best_i is None or best < MIN_OVERLAP:
            score.fp += 1
            rule.fp += 1
            continue
        used.add(best_i)
        score.tp += 1
        rule.tp += 1
        g = gold[best_i]
        if g.source and not g.pronoun:
            score.speaker_scored += 1
            score.speaker_ok += speaker_matches(g.source, q.get("speaker") or "")
            speaker = q.get("speaker") or ""
            score.speaker_ok_strict += speaker_matches_strict(g.source, speaker)
            score.speaker_ok_mention += speaker_matches_strict(
                g.source, _strict_target(g.source, q)
            )
    score.fn += len(gold) - len(used)


def evaluate(
    docs: Iterable[dict[str, Any]],
    extract: Callable[[str], dict[str, Any]],
    predictions_out: Any = None,
    wall_clock: bool = False,
) -> Score:
    """Run ``extract`` over every document and score it; optionally write predictions.

    ``extract`` returns ``{"quotes": [...], "attributions": [...]}``, each item with ``start``,
    ``end``, ``speaker`` and ``rule`` (attributions also ``kind``); ``"attributions": None``
    when the engine makes none, so that they are not scored as all missed. ``wall_clock``:
    the engine's speed is elapsed time (a model's, which waits for its server), not CPU time."""
    score = Score(wall_clock=wall_clock)
    for doc in docs:
        started, wall_started = time.process_time(), time.perf_counter()
        predicted = extract(doc["text"])
        score.seconds += time.process_time() - started
        score.wall_seconds += time.perf_counter() - wall_started
        score.articles += 1
        score_article(doc, predicted, score)
        if predictions_out is not None:
            predictions_out.write(
                json.dumps({"doc_id": doc.get("doc_id"), **predicted}, ensure_ascii=False) + "\n"
            )
    return score


def offline_extract(text: str) -> dict[str, Any]:
    """The whole offline summary (timed as such); its quotes and attributions for the scorer."""
    result, attributor = build_offline(text, input_name="eval")
    rules = {(q.start, q.end): q.rule for q in attributor.quotes()}  # (else in reported speech)
    sites = [
        (a.content.start, a.content.end, a.speaker, a.source.text)
        for a in result.attributions
        if a.kind != "indirect" and a.source is not None
    ]

    def mention(start: int, end: int, speaker: str) -> str:
        """The source span of the quote's own attribution: a direct or mixed one of the same
        speaker holding the quote, the shortest."""
        holding = [
            (e - s, m) for s, e, who, m in sites if s <= start <= end <= e and who == speaker
        ]
        return min(holding)[1] if holding else ""

    return {
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "start": q.start,
                "end": q.end,
                "rule": rules.get((q.start, q.end), "in_reported_speech"),
                "mention": mention(q.start, q.end, q.speaker),
            }
            for q in result.quotes
        ],
        "attributions": [
            {
                "kind": a.kind,
                "speaker": a.speaker,
                "start": a.content.start,
                "end": a.content.end,
                "rule": a.rule,
            }
            for a in result.attributions
        ],
    }


def load_jsonl(path: str) -> list[dict[str, Any]]:
    """The annotated documents of a gold file: each a ``text`` with its ``attributions``
    (PolNeAR) or ``quote_spans`` (GUM). Anything else is an :class:`InputError`: scoring
    articles without annotations would print zeros."""
    from summarizer.errors import InputError

    docs = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except ValueError:
                    raise InputError(f"{path}:{n}: not a JSON line") from None
                if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                    raise InputError(f"{path}:{n}: a record needs a 'text' string")
                if not isinstance(doc.get("attributions", doc.get("quote_spans")), list):
                    raise InputError(
                        f"{path}:{n}: not a gold record: it needs 'attributions' (PolNeAR) or "
                        "'quote_spans' (GUM); to summarize articles use summarizer run --jsonl"
                    )
                docs.append(doc)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(
            f"{path}: is a directory, not a GOLD.jsonl file (eval-extract scores a directory "
            "of pages)"
        ) from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if not docs:
        raise InputError(f"{path}: no gold records")
    return docs
