"""The offline engine: rules only, no model and no network, the same ``ArticleSummary``.

- quotes and speakers from :mod:`summarizer.engines.offline.attribution`;
- an extractive summary: news leads are strong, so the headline and text come from the lead,
  key points are located sentences; boilerplate ("Follow us on:") is left out;
- one stance per speaker, in their own quoted words, labelled ``unclear`` (rules cannot tell);
- open questions from hedged or pending claims and from claims resting on unnamed sources.
"""

from __future__ import annotations

import re
import time

from summarizer.engines.offline.attribution import Attributor, RuleQuote
from summarizer.errors import InputError
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
from summarizer.text.language import detect_language

RULES_VERSION = "rules-1"
MAX_KEY_POINTS = 5
MAX_OPEN_QUESTIONS = 5

_BOILERPLATE = re.compile(
    r"^(?:follow us(?: on)?\b.*|read (?:the rest|more)\b.*|click here\b.*|share (?:this|on)\b.*|"
    r"sign up\b.*|subscribe\b.*|advertisement|related(?: coverage)?:.*|image:.*|photo:.*|"
    r"\(?(?:reporting|editing|writing) by\b.*|copyright\b.*|all rights reserved.*|"
    r"[\w/ ]{0,30}/(?:getty|instagram|reuters|ap)\b.*)$",
    re.I,
)
_HEDGE = re.compile(
    r"\b(may|might|could|would|plans? to|planning to|expected to|in discussions|in talks|"
    r"considering|unclear|not yet|has yet to|have yet to|pending|possibl[ey]|reportedly|"
    r"allegedly|likely|unlikely|fears?|uncertain|remains? to be seen|under investigation)\b",
    re.I,
)
_ANONYMOUS_SOURCE = re.compile(
    r"\b(an? (?:\w+ ){0,3}(?:source|official|person|aide|insider)s?\b[^.]{0,40}"
    r"(?:familiar|close|knowledgeable|briefed|speaking)|sources? (?:said|say|told)|"
    r"on condition of anonymity|people familiar with|not authori[sz]ed to speak)",
    re.I,
)


def _usable_sentences(text: str, all_sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in all_sentences if not _BOILERPLATE.match(text[s:e])]


def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end, match="exact")


def _headline(text: str, sents: list[tuple[int, int]]) -> str:
    first_line = text.strip().split("\n", 1)[0].strip()
    if first_line and len(first_line.split()) <= 20 and not first_line.endswith((".", "”", '"')):
        return first_line  # the article carries its own title
    s, e = sents[0]
    lead = text[s:e].rstrip(".")
    words = lead.split()
    if len(words) > 20:
        comma = lead.find(", ", len(" ".join(words[:6])))
        lead = lead[:comma] if 0 < comma < 160 else " ".join(words[:20]) + "…"
    return lead


def _key_sentences(text: str, sents: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Lead-first sentences that state something: not a bare quote, not a fragment."""
    chosen = []
    for s, e in sents:
        body = text[s:e]
        if len(body.split()) < 6 or body.startswith(("“", '"', "‘")) or body.endswith("?"):
            continue
        chosen.append((s, e))
        if len(chosen) == limit:
            break
    return chosen


def _stances(quotes: list[Quote], topic: str) -> list[Stance]:
    by_speaker: dict[str, list[int]] = {}
    for i, q in enumerate(quotes):
        by_speaker.setdefault(q.speaker, []).append(i)
    stances = []
    for speaker, indexes in by_speaker.items():
        first = max((quotes[i] for i in indexes), key=lambda q: len(q.text))
        role = {"anonymous": "unnamed source", "organization": "organization"}.get(
            first.speaker_kind, "quoted in the article"
        )
        words = first.text.split()
        excerpt = " ".join(words[:25]) + ("…" if len(words) > 25 else "")
        stances.append(
            Stance(
                actor=speaker,
                role=role,
                topic=topic,
                position=f"{speaker} is quoted: “{excerpt}”",
                stance="unclear",
                evidence=[
                    Evidence(
                        text=quotes[i].text,
                        start=quotes[i].start,
                        end=quotes[i].end,
                        match="exact",
                        quote=i,
                    )
                    for i in indexes[:3]
                ],
            )
        )
    return stances


def _open_questions(
    text: str, sents: list[tuple[int, int]], quotes: list[Quote]
) -> list[OpenQuestion]:
    questions: list[OpenQuestion] = []
    anonymous_quotes = [q for q in quotes if q.speaker_kind == "anonymous"]
    for s, e in sents:
        body = text[s:e]
        anonymous = next(
            (q for q in anonymous_quotes if s <= q.start < e), None
        ) or _ANONYMOUS_SOURCE.search(body)
        hedge = _HEDGE.search(body)
        if anonymous:
            who = anonymous.speaker if isinstance(anonymous, Quote) else anonymous.group(0)
            who = who.strip()
            if who[:2] in ("A ", "An"):
                who = who[0].lower() + who[1:]
            questions.append(
                OpenQuestion(
                    question=f"Is the account of {who} confirmed by a named source?",
                    kind="unconfirmed",
                    why="The claim rests on an unnamed source.",
                    evidence=[_span(text, s, e)],
                )
            )
        elif hedge:
            questions.append(
                OpenQuestion(
                    question=f"Will this happen: “{_clause(body, hedge.start())}”?",
                    kind="unresolved",
                    why=f"The article hedges this (“{hedge.group(0)}”): a possibility or a "
                    "process, not an outcome.",
                    evidence=[_span(text, s, e)],
                )
            )
        if len(questions) == MAX_OPEN_QUESTIONS:
            break
    return questions


def _clause(sentence: str, at: int) -> str:
    """The clause of ``sentence`` around position ``at`` (between commas), at most 15 words."""
    start = max(sentence.rfind(c, 0, at) for c in (",", ";", "—", ":")) + 1
    ends = [i for i in (sentence.find(c, at) for c in (",", ";", "—", ":")) if i != -1]
    end = min(ends) if ends else len(sentence)
    clause = sentence[start:end].strip().rstrip(".")
    words = clause.split()
    for lead in ("that", "and", "but", "which"):
        if words and words[0].lower() == lead:
            words = words[1:]
    return " ".join(words[:15]) + ("…" if len(words) > 15 else "")


def rule_quotes(text: str) -> list[Quote]:
    """The quotes the rules find, as published quotes (``found_by`` = offline)."""
    return [_as_quote(text, q) for q in Attributor(text).quotes()]


def _as_quote(text: str, q: RuleQuote) -> Quote:
    return Quote(
        text=text[q.start : q.end],
        speaker=q.speaker,
        speaker_kind=q.speaker_kind,
        cue=q.cue,
        start=q.start,
        end=q.end,
        match="exact",
        found_by="offline",
    )


def summarize_offline(
    text: str, *, input_name: str, started: float | None = None, title: str | None = None
) -> ArticleSummary:
    """Summarize ``text`` by rules alone (``title``: the page's own, used as the headline)."""
    started = time.perf_counter() if started is None else started
    attributor = Attributor(text)  # splits sentences and finds quotes once, for everything
    sents = _usable_sentences(text, attributor.ctx.sentences)
    if not sents:
        raise InputError(f"{input_name}: no sentences to summarize")
    quotes = [_as_quote(text, q) for q in attributor.quotes()]
    headline = title or _headline(text, sents)
    lead = _key_sentences(text, sents, 3)
    key = _key_sentences(text, sents, MAX_KEY_POINTS)
    summary_text = " ".join(text[s:e] for s, e in (lead or sents[:1]))
    language = detect_language(text)
    warnings = []
    if language != "en":
        warnings.append(
            f"the article looks like it is not in English ({language}); the offline engine's "
            "quote and speaker rules are written for English news: use the LLM engine for it"
        )
    return ArticleSummary(
        input=input_name,
        language=language,
        summary=Summary(
            headline=headline,
            text=summary_text,
            key_points=[
                KeyPoint(point=text[s:e], evidence=[_span(text, s, e)])
                for s, e in (key or sents[:1])
            ],
        ),
        stances=_stances(quotes, headline),
        quotes=quotes,
        open_questions=_open_questions(text, sents, quotes),
        run=RunInfo(
            engine="offline",
            prompt_version=RULES_VERSION,
            attempts=0,
            latency_s=round(time.perf_counter() - started, 4),
            warnings=warnings,
        ),
    )
