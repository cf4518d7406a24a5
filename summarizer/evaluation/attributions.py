"""Score attributions (quoted and reported speech) against PolNeAR's gold, and speakers strictly.

Gold attributions are PolNeAR's: every attribution with a content span (2,192 on dev), of which
those without quote marks are scored apart ("unquoted"). A predicted attribution matches a gold
one when its content overlaps the gold content (all its ranges) by at least half of the shorter
of the two (one-to-one, greedy, in prediction order, the best overlap first), as the quote
scorer does. Unquoted: gold without quote marks against predictions without them, as PolNeAR
counts marks (“…” and "…"): of kind ``indirect``, or ``direct`` in double apostrophes
(''…'', which PolNeAR's ``has_quote_marks`` does not count).

Strict speaker accuracy: the head word of the predicted speaker must equal the head word of the
gold source ("White House spokesman Josh Earnest" -> earnest, "a source familiar with the call"
-> source, "The New York Times" -> times); sources that are pronouns are not scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.text import lexicon as lex

MIN_OVERLAP = 0.5
_HEAD_STOP = {
    "of", "with", "for", "at", "in", "from", "on", "who", "which", "that", "familiar", "close",
    "according", "to", "whose", "by", "through", "into", "over", "across", "near", "after",
    "during", "against", "about", "under", "who's",
}  # fmt: skip
_TOKEN = re.compile(r"[\w’'.-]+|[,(]")


def head_word(np: str) -> str:
    """The head of a noun phrase: the last word before a comma, a parenthesis, a preposition or
    a relative clause; possessives and a final period dropped; lowercase."""
    head = ""
    tokens = _TOKEN.findall(np)
    for i, token in enumerate(tokens):
        low = token.lower().strip(".")
        if token in ",(" or (
            head and (low in _HEAD_STOP or (low.endswith("ing") and token.islower()))
        ):
            name = _name_after_title(head, low, tokens[i + 1 :])
            if name:
                head = name
            break  # 'Protesters marching through the streets' -> protesters
        if low in lex.DETERMINERS and not head:
            continue
        head = low
    for suffix in ("’s", "'s"):
        if head.endswith(suffix):
            head = head[: -len(suffix)]
    return head


def _name_after_title(head: str, stop: str, rest: list[str]) -> str:
    """'Secretary of State John F. Kerry' -> kerry: a title 'of' a capitalized office followed
    by a person's name (a known first name or an initial); else ''."""
    if stop != "of" or head not in lex.TITLES | lex.ROLE_WORDS:
        return ""
    run = []
    for token in rest:
        if token in ",(" or not token[:1].isupper():
            break
        run.append(token)
    first_names = lex.FEMININE_FIRST_NAMES | lex.MASCULINE_FIRST_NAMES
    for token in run[:-1]:
        if token.lower() in first_names or re.fullmatch(r"[A-Z]\.", token):
            return run[-1].lower().strip(".")
    return ""


def speaker_matches_strict(gold_source: str, predicted: str) -> bool:
    return bool(predicted) and head_word(gold_source) == head_word(predicted)


@dataclass
class GoldAttribution:
    ranges: list[tuple[int, int]]
    source: str
    quoted: bool
    pronoun: bool

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.ranges)


def gold_attributions(doc: dict[str, Any]) -> list[GoldAttribution]:
    out = []
    for att in doc.get("attributions", []):
        content = att.get("content") or {}
        ranges = [(int(s), int(e)) for s, e in content.get("ranges", []) if e > s]
        if not ranges:
            continue
        out.append(
            GoldAttribution(
                ranges=ranges,
                source=(att.get("source") or {}).get("text", "") or "",
                quoted=bool(att.get("has_quote_marks")),
                pronoun=bool(att.get("source_is_pronoun")),
            )
        )
    return out


def _overlap(pred: tuple[int, int], gold: GoldAttribution) -> float:
    inter = sum(max(0, min(pred[1], e) - max(pred[0], s)) for s, e in gold.ranges)
    return inter / max(1, min(pred[1] - pred[0], gold.length)) if inter > 0 else 0.0


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class AttributionScore:
    articles: int = 0  # articles with gold attributions and the engine's attributions scored
    all: Counts = field(default_factory=Counts)
    unquoted: Counts = field(default_factory=Counts)
    source_scored: int = 0
    source_ok: int = 0
    by_rule: dict[str, Counts] = field(default_factory=dict)


def match(
    predicted: list[tuple[int, int]], gold: list[GoldAttribution]
) -> tuple[list[int | None], int]:
    """For each prediction, the index of the gold attribution it matches (or None); and how
    many gold attributions were left unmatched."""
    used: set[int] = set()
    out: list[int | None] = []
    for span in predicted:
        best, best_i = 0.0, None
        for i, g in enumerate(gold):
            if i not in used:
                o = _overlap(span, g)
                if o > best:
                    best, best_i = o, i
        if best_i is None or best < MIN_OVERLAP:
            out.append(None)
        else:
            used.add(best_i)
            out.append(best_i)
    return out, len(gold) - len(used)


_MARKS = re.compile(r"[“”\"]")


def _unmarked(text: str, predicted: dict[str, Any]) -> bool:
    """A prediction without quote marks as PolNeAR counts them: reported speech, or a
    quotation in double apostrophes."""
    kind = predicted.get("kind")
    start, end = predicted["start"], predicted["end"]
    return kind == "indirect" or (
        kind == "direct" and _MARKS.search(text, max(0, start - 1), end + 1) is None
    )


def score_attributions(
    doc: dict[str, Any], predicted: list[dict[str, Any]], score: AttributionScore
) -> None:
    """Add one article's attributions to ``score``."""
    score.articles += 1
    gold = gold_attributions(doc)
    spans = [(p["start"], p["end"]) for p in predicted]
    matched, missed = match(spans, gold)
    score.all.fn += missed
    for p, g in zip(predicted, matched, strict=True):
        rule = score.by_rule.setdefault(p.get("rule") or "?", Counts())
        if g is None:
            score.all.fp += 1
            rule.fp += 1
            continue
        score.all.tp += 1
        rule.tp += 1
        source = gold[g].source
        if source and not gold[g].pronoun:
            score.source_scored += 1
            score.source_ok += speaker_matches_strict(source, p.get("speaker") or "")
    unquoted_gold = [g for g in gold if not g.quoted]
    text = str(doc.get("text", ""))
    indirect = [(p["start"], p["end"]) for p in predicted if _unmarked(text, p)]
    matched, missed = match(indirect, unquoted_gold)
    score.unquoted.tp += sum(1 for g in matched if g is not None)
    score.unquoted.fp += sum(1 for g in matched if g is None)
    score.unquoted.fn += missed
