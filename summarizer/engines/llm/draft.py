"""What the LLM engine asks the model to fill in (``*Draft``), and how a draft is grounded.

Field descriptions of the draft models are prompt text: the model reads them through the JSON
schema. The model never supplies offsets. ``SummaryDraft`` validates itself against the article
passed in the validation context (instructor's ``context=``): every quote and evidence string
must be located in the article by code, or validation fails and instructor re-asks with the
error. With ``drop_ungrounded`` in the context (the last resort after the final attempt), items
that cannot be located are dropped and a warning is recorded instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator

from summarizer.schema import QuestionKind, SpeakerKind, StanceLabel, StrictModel
from summarizer.text.grounding import PRONOUNS, Article, Located, strip_marks

# ---------------------------------------------------------------------------------------------
# What the model fills in. The descriptions are prompt text, sent with every request: keep them
# short; the rules they state are checked by the validators below, not taken on trust.
# ---------------------------------------------------------------------------------------------

_EVIDENCE = "Verbatim excerpts of the article (at least one)."


class KeyPointDraft(StrictModel):
    point: str = Field(description="A key fact, neutrally stated.")
    evidence: list[str] = Field(min_length=1, description=_EVIDENCE)


class SummaryTextDraft(StrictModel):
    headline: str = Field(description="What happened, in at most 15 neutral words.")
    text: str = Field(description="2-4 neutral sentences, claims attributed.")
    key_points: list[KeyPointDraft] = Field(
        min_length=1, description="3-6 key facts, most important first."
    )


class StanceDraft(StrictModel):
    actor: str = Field(description="Person, government or organization, as named.")
    role: str = Field(description="Who the actor is, per the article.")
    topic: str = Field(description="The article's main question; same for every actor.")
    position: str = Field(description="Their position, in one neutral sentence.")
    stance: StanceLabel = Field(description="Toward the topic; unclear if unsaid.")
    evidence: list[str] = Field(min_length=1, description=_EVIDENCE + " Best: their own words.")


class QuoteDraft(StrictModel):
    text: str = Field(
        description=(
            "Verbatim words inside the article's quotation marks, without them; one passage each."
        )
    )
    speaker: str = Field(
        description=("Full name (resolve he/she); an unnamed source as the article describes it.")
    )
    speaker_kind: SpeakerKind = Field(description="organization: a body speaking as such.")
    cue: str = Field(description="Attributing verb (said, told...).")

    _located: Located | None = PrivateAttr(default=None)


class OpenQuestionDraft(StrictModel):
    question: str = Field(description="One open question.")
    kind: QuestionKind = Field(description=("unconfirmed: rests on one or unnamed sources."))
    why: str = Field(description="Why it is open, citing the article.")
    evidence: list[str] = Field(min_length=1, description=_EVIDENCE)


class SummaryDraft(StrictModel):
    """Structured summary of a news article."""

    language: str = Field(description="BCP-47 code of the article's language.")
    summary: SummaryTextDraft = Field(description="The neutral summary.")
    stances: list[StanceDraft] = Field(description="One per actor whose position is reported.")
    quotes: list[QuoteDraft] = Field(description="Every direct quotation carrying a claim.")
    open_questions: list[OpenQuestionDraft] = Field(
        description="What the article leaves open or gets wrong."
    )

    _evidence: dict[tuple[str, int], list[Located]] = PrivateAttr(default_factory=dict)
    _warnings: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _ground_in_article(self, info: ValidationInfo) -> SummaryDraft:
        context = info.context if isinstance(info.context, dict) else {}
        article = context.get("article_index")
        if article is None and isinstance(context.get("article"), str):
            article = Article(context["article"])
        if not isinstance(article, Article):
            return self  # plain validation, e.g. of a stored draft: nothing to ground against
        problems = _ground(self, article, drop=bool(context.get("drop_ungrounded")))
        if problems:
            raise ValueError(
                "Some items are not supported by the article. Fix each one, copying text "
                "character for character from the article, or remove the item:\n- "
                + "\n- ".join(problems)
            )
        return self

    def evidence_spans(self, section: str, index: int) -> list[Located]:
        """Located evidence of item ``index`` of ``section`` (after validation in context)."""
        return self._evidence.get((section, index), [])

    @property
    def warnings(self) -> list[str]:
        return list(self._warnings)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ground(draft: SummaryDraft, article: Article, *, drop: bool) -> list[str]:
    """Locate every quote and evidence string. Returns the problems (empty when ``drop``)."""
    problems: list[str] = []
    warnings: list[str] = []
    draft._evidence = {}

    def report(problem: str, dropped: str) -> None:
        if drop:
            warnings.append(f"dropped {dropped}: {problem}")
        else:
            problems.append(problem)

    kept_quotes: list[QuoteDraft] = []
    seen_spans: set[tuple[int, int]] = set()
    for i, quote in enumerate(draft.quotes):
        located, reason = article.locate_quote(quote.text)
        speaker_problem = _speaker_problem(quote, article)
        if located is None:
            report(f"quotes[{i}].text {_short(quote.text)!r}: {reason}", "a quote")
        elif speaker_problem:
            report(f"quotes[{i}].speaker {quote.speaker!r}: {speaker_problem}", "a quote")
        elif (located.start, located.end) not in seen_spans:  # the same passage twice: once
            quote._located = located
            seen_spans.add((located.start, located.end))
            kept_quotes.append(quote)

    sections: list[tuple[str, list[Any]]] = [
        ("key_points", draft.summary.key_points),
        ("stances", draft.stances),
        ("open_questions", draft.open_questions),
    ]
    kept_sections: dict[str, list[Any]] = {}
    for name, items in sections:
        kept: list[Any] = []
        for i, item in enumerate(items):
            spans: list[Located] = []
            for j, text in enumerate(item.evidence):
                located = article.locate(strip_marks(text))
                if located is None:
                    report(
                        f"{name}[{i}].evidence[{j}] {_short(text)!r}: not found in the article",
                        f"evidence of {name}[{i}]",
                    )
                elif (located.start, located.end) not in {(s.start, s.end) for s in spans}:
                    spans.append(located)
            if spans:
                draft._evidence[(name, len(kept))] = spans
                kept.append(item)
            elif drop:
                warnings.append(f"dropped {name}[{i}]: none of its evidence is in the article")
        kept_sections[name] = kept

    if drop:
        draft.quotes = kept_quotes
        draft.summary.key_points = kept_sections["key_points"]
        draft.stances = kept_sections["stances"]
        draft.open_questions = kept_sections["open_questions"]
        draft._warnings = warnings
    return problems


def _speaker_problem(quote: QuoteDraft, article: Article) -> str | None:
    speaker = quote.speaker.strip()
    if not speaker or speaker.lower() in PRONOUNS:
        return "give the name (or description) the article uses, not a pronoun"
    if not article.names_in_article(speaker):
        return "not named in the article: use the name or description as the article gives it"
    return None
