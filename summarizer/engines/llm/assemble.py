"""The LLM engine's last steps: a grounded draft becomes the published ``ArticleSummary``, every
span cut from the article by code (:func:`assemble`); then the rule-found quotes the model left
out are merged in (:func:`merge_rule_quotes`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarizer.engines.llm import prompts
from summarizer.errors import SummarizationFailed
from summarizer.schema import ArticleSummary, Quote, Stance, Usage
from summarizer.text.grounding import Article, Located
from summarizer.text.quotemarks import QuotedSpan

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.engines.llm.ground import Flagged, Grounded

log = logging.getLogger("summarizer")


# The summary is built as one tree of plain values and validated once (ArticleSummary's own
# validation, every field checked as a constructor per model would): about half the CPU of
# some 80 constructors an article.
Value = dict[str, object]


def _span(article: str, located: Located) -> Value:
    return {
        "text": article[located.start : located.end],
        "start": located.start,
        "end": located.end,
        "match": located.match,
    }


def _unsupported(flags: Sequence[Flagged]) -> list[Value]:
    return [
        {
            "field": f.field,
            "kind": f.term.kind,
            "term": f.term.term,
            "start": f.term.start,
            "end": f.term.end,
            "reason": f.term.reason,
        }
        for f in flags
    ]


def _evidence(article: str, located: Located, quotes: Sequence[tuple[int, int]]) -> Value:
    span = _span(article, located)
    span["quote"] = _quote_at(located.start, located.end, quotes)
    return span


def _quote_at(start: int, end: int, quotes: Sequence[tuple[int, int]]) -> int | None:
    for i, (s, e) in enumerate(quotes):
        if s <= start and end <= e:
            return i
    return None


def quote_index(start: int, end: int, quotes: Sequence[Quote]) -> int | None:
    """The first quote whose span holds ``start:end``, if any."""
    for i, q in enumerate(quotes):
        if q.start <= start and end <= q.end:
            return i
    return None


def assemble(
    grounded: Grounded,
    article: str,
    input_name: str,
    *,
    settings: Settings,
    host: str,
    attempts: int,
    usage: Usage,
    started: float,
    rule_quotes: bool = False,
    grounded_in: Article | None = None,
) -> ArticleSummary:
    """The published summary of a grounded draft, with the model's quotes only, or with
    ``rule_quotes`` the rule-found quotes merged in as :func:`merge_rule_quotes` merges them
    (the same summary, validated once instead of copied again). ``grounded_in``: the
    ``Article`` the draft was grounded in, whose views of the text are reused."""
    draft = grounded.draft
    if not grounded.key_points:
        raise SummarizationFailed(
            f"the model's key points had no evidence in the article after {attempts} attempt(s)"
        )
    quotes: list[Value | Quote] = [
        {
            "text": article[q.span.start : q.span.end],
            "start": q.span.start,
            "end": q.span.end,
            "match": q.span.match,
            "speaker": q.draft.speaker.strip(),
            "speaker_kind": q.draft.speaker_kind,
            "cue": q.draft.cue.strip(),
            "found_by": "llm",
        }
        for q in grounded.quotes
    ]
    spans = [(q.span.start, q.span.end) for q in grounded.quotes]
    if rule_quotes:
        quoted = grounded_in.quoted_spans if grounded_in and grounded_in.text == article else None
        quotes, spans = _with_rule_quotes(quotes, spans, article, quoted)
    tree: Value = {
        "input": input_name,
        "language": draft.language,
        "summary": {
            "headline": draft.summary.headline.strip(),
            "text": draft.summary.text.strip(),
            "key_points": [
                {
                    "point": kp.draft.point.strip(),
                    "evidence": [_span(article, s) for s in kp.evidence],
                    "unsupported": _unsupported(kp.unsupported),
                }
                for kp in grounded.key_points
            ],
            "unsupported": _unsupported(grounded.summary_unsupported),
        },
        "stances": [
            {
                "actor": st.draft.actor.strip(),
                "role": st.draft.role.strip(),
                "topic": st.draft.topic.strip(),
                "position": st.draft.position.strip(),
                "stance": st.draft.stance,
                "evidence": [_evidence(article, s, spans) for s in st.evidence],
                "unsupported": _unsupported(st.unsupported),
            }
            for st in grounded.stances
        ],
        "quotes": quotes,  # values, and rule-found Quotes (validated already: kept as they are)
        "open_questions": [
            {
                "question": oq.draft.question.strip(),
                "kind": oq.draft.kind,
                "why": oq.draft.why.strip(),
                "evidence": [_span(article, s) for s in oq.evidence],
                "unsupported": _unsupported(oq.unsupported),
            }
            for oq in grounded.open_questions
        ],
        "run": {
            "engine": "llm",
            "model": settings.model,
            "mode": settings.mode,
            "base_url_host": host,
            "prompt_version": prompts.prompt_version(),
            "attempts": attempts,
            "usage": usage,
            "latency_s": round(time.perf_counter() - started, 3),
            "warnings": list(grounded.warnings),
        },
    }
    result = ArticleSummary.model_validate(tree)
    for warning in grounded.warnings:
        log.warning("%s: %s", input_name, warning, extra={"input": input_name})
    return result


def _with_rule_quotes(
    quotes: list[Value | Quote],
    spans: list[tuple[int, int]],
    article: str,
    quoted: Sequence[QuotedSpan] | None = None,
) -> tuple[list[Value | Quote], list[tuple[int, int]]]:
    """The model's quotes (values) with the rule-found quotes that overlap none of them, in
    article order (the model's first at the same start), and their spans; the model's own
    order when the rules add nothing (as :func:`merge_rule_quotes`). ``quoted``: the
    article's quoted passages, when grounding found them already."""
    from summarizer.engines.offline.engine import rule_quotes_outside

    extra = rule_quotes_outside(article, spans, quoted)
    if not extra:
        return quotes, spans
    merged: list[tuple[tuple[int, int], Value | Quote]] = list(zip(spans, quotes, strict=True))
    merged += [((q.start, q.end), q) for q in extra]
    merged.sort(key=lambda item: item[0][0])  # stable: the model's quote first at one start
    return [q for _, q in merged], [span for span, _ in merged]


def merge_rule_quotes(result: ArticleSummary, article: str) -> ArticleSummary:
    """``result`` with the rule-found quotes the model left out (no overlapping spans) merged
    in, in article order, and stance evidence pointing into the merged list: the LLM path's
    quote recall is at least the rules'."""
    from summarizer.engines.offline.engine import rule_quotes_outside

    extra = rule_quotes_outside(article, [(q.start, q.end) for q in result.quotes])
    if not extra:
        return result
    quotes = sorted(result.quotes + extra, key=lambda q: q.start)
    stances = [_repointed(st, quotes) for st in result.stances]
    return result.model_copy(update={"quotes": quotes, "stances": stances})


def _repointed(stance: Stance, quotes: Sequence[Quote]) -> Stance:
    """``stance`` with each evidence's ``quote`` index into ``quotes`` (copied only when an
    index changes)."""
    evidence = [
        e
        if e.quote == (i := quote_index(e.start, e.end, quotes))
        else e.model_copy(update={"quote": i})
        for e in stance.evidence
    ]
    if all(a is b for a, b in zip(evidence, stance.evidence, strict=True)):
        return stance
    return stance.model_copy(update={"evidence": evidence})
