"""The LLM engine's last step: the validated draft becomes the published ``ArticleSummary``,
every span cut from the article by code, rule-found quotes the model left out merged in."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from summarizer.engines.llm import prompts
from summarizer.errors import SummarizationFailed
from summarizer.schema import (
    ArticleSummary,
    Evidence,
    KeyPoint,
    OpenQuestion,
    Quote,
    RunInfo,
    Span,
    Stance,
    Summary,
)
from summarizer.text.grounding import Located

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.engines.llm.draft import SummaryDraft
    from summarizer.engines.llm.extract import Extraction

log = logging.getLogger("summarizer")


def _span(article: str, located: Located) -> dict[str, Any]:
    return {
        "text": article[located.start : located.end],
        "start": located.start,
        "end": located.end,
        "match": located.match,
    }


def merge_rule_quotes(llm_quotes: list[Quote], article: str) -> list[Quote]:
    """The model's quotes plus the rule-found ones it left out (no overlapping spans), in
    article order: the LLM path's quote recall is at least the rules'."""
    from summarizer.engines.offline.engine import rule_quotes

    taken = [(q.start, q.end) for q in llm_quotes]
    extra = [q for q in rule_quotes(article) if all(q.end <= s or e <= q.start for s, e in taken)]
    return sorted(llm_quotes + extra, key=lambda q: q.start)


def assemble(
    extraction: Extraction,
    article: str,
    input_name: str,
    settings: Settings,
    host: str,
    started: float,
) -> ArticleSummary:
    """The published summary: the validated draft with every span cut from the article."""
    draft: SummaryDraft = extraction.draft
    llm_quotes = [
        Quote(
            **_span(article, q._located),
            speaker=q.speaker.strip(),
            speaker_kind=q.speaker_kind,
            cue=q.cue.strip(),
            found_by="llm",
        )
        for q in draft.quotes
        if q._located is not None
    ]
    quotes = merge_rule_quotes(llm_quotes, article)
    if not draft.summary.key_points:
        raise SummarizationFailed(
            "the model's key points had no evidence in the article after "
            f"{extraction.attempts} attempt(s)"
        )

    def quote_index(located: Located) -> int | None:
        for i, q in enumerate(quotes):
            if q.start <= located.start and located.end <= q.end:
                return i
        return None

    result = ArticleSummary(
        input=input_name,
        language=draft.language,
        summary=Summary(
            headline=draft.summary.headline.strip(),
            text=draft.summary.text.strip(),
            key_points=[
                KeyPoint(
                    point=kp.point.strip(),
                    evidence=[
                        Span(**_span(article, s)) for s in draft.evidence_spans("key_points", i)
                    ],
                )
                for i, kp in enumerate(draft.summary.key_points)
            ],
        ),
        stances=[
            Stance(
                actor=st.actor.strip(),
                role=st.role.strip(),
                topic=st.topic.strip(),
                position=st.position.strip(),
                stance=st.stance,
                evidence=[
                    Evidence(**_span(article, s), quote=quote_index(s))
                    for s in draft.evidence_spans("stances", i)
                ],
            )
            for i, st in enumerate(draft.stances)
        ],
        quotes=quotes,
        open_questions=[
            OpenQuestion(
                question=oq.question.strip(),
                kind=oq.kind,
                why=oq.why.strip(),
                evidence=[
                    Span(**_span(article, s)) for s in draft.evidence_spans("open_questions", i)
                ],
            )
            for i, oq in enumerate(draft.open_questions)
        ],
        run=RunInfo(
            engine="llm",
            model=settings.model,
            mode=settings.mode,
            base_url_host=host,
            prompt_version=prompts.prompt_version(),
            attempts=extraction.attempts,
            usage=extraction.usage,
            latency_s=round(time.perf_counter() - started, 3),
            warnings=extraction.warnings,
        ),
    )
    for warning in extraction.warnings:
        log.warning("%s: %s", input_name, warning, extra={"input": input_name})
    return result
