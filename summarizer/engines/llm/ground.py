"""Grounding a draft: every quote and evidence string located in the article by code.

:func:`ground` returns a value, never a half-mutated draft: :class:`Grounded` (each kept item
with the spans that support it, plus warnings for what was dropped) or :class:`Ungrounded` (the
problems, worded for the model, to re-ask with). With ``drop=True`` (the last resort after the
final attempt) nothing is a problem: items that cannot be located are dropped with a warning.

The model's own wording (headline, summary text, key points, stance positions, open questions'
``why``) is checked too (:mod:`summarizer.text.support`): a name, number, date or quoted phrase
the article does not support is a problem to re-ask with; with ``drop=True`` the item stays,
carrying the terms as :class:`Flagged` values, and a warning says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from summarizer.engines.llm.draft import (
    KeyPointDraft,
    OpenQuestionDraft,
    QuoteDraft,
    StanceDraft,
    SummaryDraft,
)
from summarizer.text.grounding import PRONOUNS, Article, Located, strip_marks
from summarizer.text.support import ArticleSupport, Unsupported, support_for

Item = TypeVar("Item", KeyPointDraft, StanceDraft, OpenQuestionDraft)

UNGROUNDED_PREAMBLE = (
    "Some items are not supported by the article. Fix each one, copying text "
    "character for character from the article, or remove the item:\n- "
)


@dataclass(frozen=True, slots=True)
class LocatedQuote:
    draft: QuoteDraft
    span: Located


@dataclass(frozen=True, slots=True)
class Flagged:
    """A term of the model's own wording that the article does not support, and the field
    (headline, text, point, actor, role, topic, position, question, why) it is in."""

    field: str
    term: Unsupported


@dataclass(frozen=True, slots=True)
class Supported(Generic[Item]):
    """A key point, stance or open question and the located spans of its evidence."""

    draft: Item
    evidence: tuple[Located, ...]
    unsupported: tuple[Flagged, ...] = ()


@dataclass(frozen=True)
class Grounded:
    """A draft whose every kept quote and evidence string is located in the article."""

    draft: SummaryDraft
    quotes: tuple[LocatedQuote, ...]
    key_points: tuple[Supported[KeyPointDraft], ...]
    stances: tuple[Supported[StanceDraft], ...]
    open_questions: tuple[Supported[OpenQuestionDraft], ...]
    warnings: tuple[str, ...] = ()
    summary_unsupported: tuple[Flagged, ...] = ()  # in the headline and the summary text


@dataclass(frozen=True)
class Ungrounded:
    """What the model must fix: one line per item that is not in the article."""

    problems: tuple[str, ...]

    @property
    def message(self) -> str:
        return UNGROUNDED_PREAMBLE + "\n- ".join(self.problems)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ArticleChecks:
    """The support check of one article's answers: the article is indexed once
    (:class:`~summarizer.text.support.ArticleSupport`) and each distinct text is checked once,
    for every answer about the article (a re-ask repeats most of the answer it corrects, and
    the last resort grounds the last answer again). It goes with the article: nothing global."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._support: ArticleSupport | None = None
        self._terms: dict[str, tuple[Unsupported, ...]] = {}
        self._actors: dict[str, tuple[Unsupported, ...]] = {}

    def unsupported(self, value: str, *, actor: bool = False) -> tuple[Unsupported, ...]:
        """The terms of ``value`` the article does not support; an ``actor`` is also checked
        as a whole name (not "a capitalised word inside a sentence")."""
        known = self._actors if actor else self._terms
        terms = known.get(value)
        if terms is None:
            if self._support is None:
                self._support = support_for(self.article)
            terms = self._support.terms(value)
            if actor and value and not terms and not self.article.names_in_article(value):
                terms = (Unsupported("name", value, 0, len(value), "is not named in the article"),)
            known[value] = terms
        return terms


class _Report:
    """Problems (to re-ask with) or, when dropping, warnings."""

    def __init__(self, drop: bool, checks: ArticleChecks) -> None:
        self.drop = drop
        self.checks = checks
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def add(self, problem: str, dropped: str) -> None:
        if self.drop:
            self.warnings.append(f"dropped {dropped}: {problem}")
        else:
            self.problems.append(problem)


# The model's own wording that is checked for names, numbers and dates the article lacks: every
# free-text field that is published (a stance's actor and role too: "Emmanuel Macron" or
# "French President" in an article that names neither is re-asked, then flagged).
KEY_POINT_FIELDS = ("point",)
STANCE_FIELDS = ("actor", "role", "topic", "position")
QUESTION_FIELDS = ("question", "why")


def ground(
    draft: SummaryDraft,
    article: Article,
    *,
    drop: bool = False,
    checks: ArticleChecks | None = None,
) -> Grounded | Ungrounded:
    """Locate every quote and evidence string of ``draft`` in ``article``. ``checks``: the
    article's support checks, when grounding several answers about it."""
    if checks is None:
        checks = ArticleChecks(article)
    elif checks.article is not article:
        raise ValueError("ground(): checks= belongs to another article")
    report = _Report(drop, checks)
    quotes = _ground_quotes(draft.quotes, article, report)
    key_points = _ground_items("key_points", draft.summary.key_points, article, report)
    stances = _ground_items("stances", draft.stances, article, report)
    open_questions = _ground_items("open_questions", draft.open_questions, article, report)
    summary_flags = _flag("summary", draft.summary, ("headline", "text"), report)
    if report.drop:  # the kept items carry their flags; the warnings index the published lists
        key_points = _flag_kept("key_points", key_points, KEY_POINT_FIELDS, report)
        stances = _flag_kept("stances", stances, STANCE_FIELDS, report)
        open_questions = _flag_kept("open_questions", open_questions, QUESTION_FIELDS, report)
    else:  # problems name the model's own indexes
        for section, fields, items in (
            ("key_points", KEY_POINT_FIELDS, draft.summary.key_points),
            ("stances", STANCE_FIELDS, draft.stances),
            ("open_questions", QUESTION_FIELDS, draft.open_questions),
        ):
            for i, item in enumerate(items):
                _flag(f"{section}[{i}]", item, fields, report)
    if report.problems:
        return Ungrounded(tuple(report.problems))
    return Grounded(
        draft=draft,
        quotes=quotes,
        key_points=key_points,
        stances=stances,
        open_questions=open_questions,
        warnings=tuple(report.warnings),
        summary_unsupported=summary_flags,
    )


def _flag(
    where: str, model: object, fields: tuple[str, ...], report: _Report
) -> tuple[Flagged, ...]:
    """The unsupported terms of ``model``'s free-text ``fields``: problems to re-ask with,
    or (when dropping) flags and warnings."""
    flags: list[Flagged] = []
    unsupported = report.checks.unsupported
    for name in fields:
        value = getattr(model, name).strip()  # as published
        for term in unsupported(value, actor=name == "actor"):
            if report.drop:
                flags.append(Flagged(name, term))
                report.warnings.append(f"unsupported in {where}.{name}: {term.message()}")
            else:
                report.problems.append(f"{where}.{name}: {term.message()}")
    return tuple(flags)


def _flag_kept(
    section: str,
    items: tuple[Supported[Item], ...],
    fields: tuple[str, ...],
    report: _Report,
) -> tuple[Supported[Item], ...]:
    kept: list[Supported[Item]] = []
    for i, item in enumerate(items):
        flags = _flag(f"{section}[{i}]", item.draft, fields, report)
        kept.append(replace(item, unsupported=flags) if flags else item)
    return tuple(kept)


def _ground_quotes(
    quotes: Sequence[QuoteDraft], article: Article, report: _Report
) -> tuple[LocatedQuote, ...]:
    kept: list[LocatedQuote] = []
    seen: set[tuple[int, int]] = set()
    for i, quote in enumerate(quotes):
        located, reason = article.locate_quote(quote.text)
        speaker_problem = _speaker_problem(quote, article)
        if located is None:
            report.add(f"quotes[{i}].text {_short(quote.text)!r}: {reason}", "a quote")
        elif speaker_problem:
            report.add(f"quotes[{i}].speaker {quote.speaker!r}: {speaker_problem}", "a quote")
        elif quote.cue.strip() and not article.contains_cue(quote.cue):
            problem = (
                "not in the article: copy the verb that introduces the quote, or leave it empty"
            )
            if report.drop:  # the quote stands; its cue was the model's, not the article's
                report.warnings.append(f"quotes[{i}].cue {quote.cue!r} removed: {problem}")
                if (located.start, located.end) not in seen:
                    seen.add((located.start, located.end))
                    kept.append(LocatedQuote(quote.model_copy(update={"cue": ""}), located))
            else:
                report.problems.append(f"quotes[{i}].cue {quote.cue!r}: {problem}")
        elif (located.start, located.end) not in seen:  # the same passage twice: once
            seen.add((located.start, located.end))
            kept.append(LocatedQuote(quote, located))
    return tuple(kept)


def _ground_items(
    name: str, items: Sequence[Item], article: Article, report: _Report
) -> tuple[Supported[Item], ...]:
    kept: list[Supported[Item]] = []
    locate = article.locate
    for i, item in enumerate(items):
        spans: list[Located] = []
        seen: set[tuple[int, int]] = set()  # the same passage twice: once
        for j, text in enumerate(item.evidence):
            located = locate(strip_marks(text))
            if located is None:
                report.add(
                    f"{name}[{i}].evidence[{j}] {_short(text)!r}: not found in the article",
                    f"evidence of {name}[{i}]",
                )
            elif (where := (located.start, located.end)) not in seen:
                seen.add(where)
                spans.append(located)
        if spans:
            kept.append(Supported(item, tuple(spans)))
        elif report.drop:
            report.warnings.append(f"dropped {name}[{i}]: none of its evidence is in the article")
    return tuple(kept)


def _speaker_problem(quote: QuoteDraft, article: Article) -> str | None:
    speaker = quote.speaker.strip()
    if not speaker or speaker.lower() in PRONOUNS:
        return "give the name (or description) the article uses, not a pronoun"
    if not article.names_in_article(speaker):
        return "not named in the article: use the name or description as the article gives it"
    return None
