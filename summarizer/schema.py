"""The data: what the model fills in (``*Draft``) and what we publish (``ArticleSummary``).

Field descriptions of the draft models are prompt text: the model reads them through the JSON
schema. The model never supplies offsets. ``SummaryDraft`` validates itself against the article
passed in the validation context (instructor's ``context=``): every quote and evidence string
must be located in the article by code, or validation fails and instructor re-asks with the
error. With ``drop_ungrounded`` in the context (the last resort after the final attempt), items
that cannot be located are dropped and a warning is recorded instead.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, model_validator

from summarizer.grounding import PRONOUNS, Article, Located, strip_marks

SCHEMA_VERSION = "1"

StanceLabel = Literal["supports", "opposes", "neutral", "mixed", "unclear"]
SpeakerKind = Literal["named", "anonymous", "organization"]
QuestionKind = Literal["unresolved", "disputed", "unconfirmed", "missing_context", "inconsistency"]
MatchKind = Literal["exact", "normalized", "fuzzy"]
Engine = Literal["llm", "offline"]


def _lean_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Trim the JSON schema sent with every request: pydantic's titles repeat the names, and
    ``additionalProperties: false`` and ``minItems`` are enforced by validation anyway. The top
    model keeps its title: instructor names the tool after it."""
    if model.__name__ != "SummaryDraft":
        schema.pop("title", None)
    schema.pop("additionalProperties", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
        prop.pop("minItems", None)  # "at least one" is in the description and validated


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_lean_schema)


# ---------------------------------------------------------------------------------------------
# What the model fills in. The descriptions are prompt text, sent with every request: keep them
# short; the rules they state are checked by the validators below, not taken on trust.
# ---------------------------------------------------------------------------------------------

_EVIDENCE = "Verbatim excerpts of the article (at least one)."


class KeyPointDraft(_Strict):
    point: str = Field(description="A key fact, neutrally stated.")
    evidence: list[str] = Field(min_length=1, description=_EVIDENCE)


class SummaryTextDraft(_Strict):
    headline: str = Field(description="What happened, in at most 15 neutral words.")
    text: str = Field(description="2-4 neutral sentences, claims attributed.")
    key_points: list[KeyPointDraft] = Field(
        min_length=1, description="3-6 key facts, most important first."
    )


class StanceDraft(_Strict):
    actor: str = Field(description="Person, government or organization, as named.")
    role: str = Field(description="Who the actor is, per the article.")
    topic: str = Field(description="The article's main question; same for every actor.")
    position: str = Field(description="Their position, in one neutral sentence.")
    stance: StanceLabel = Field(description="Toward the topic; unclear if unsaid.")
    evidence: list[str] = Field(min_length=1, description=_EVIDENCE + " Best: their own words.")


class QuoteDraft(_Strict):
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


class OpenQuestionDraft(_Strict):
    question: str = Field(description="One open question.")
    kind: QuestionKind = Field(description=("unconfirmed: rests on one or unnamed sources."))
    why: str = Field(description="Why it is open, citing the article.")
    evidence: list[str] = Field(min_length=1, description=_EVIDENCE)


class SummaryDraft(_Strict):
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


# ---------------------------------------------------------------------------------------------
# What we publish
# ---------------------------------------------------------------------------------------------


class Span(_Strict):
    """A located span of the article: ``article[start:end] == text``."""

    text: str = Field(description="The article's own text at this span.")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset just past the last character.")
    match: MatchKind = Field(
        description=(
            "How the span was located: exact (verbatim), normalized (after normalizing quotes, "
            "dashes, ellipses and whitespace), fuzzy (a near-verbatim string repaired to the "
            "article's words)."
        )
    )


class Evidence(Span):
    quote: int | None = Field(
        default=None,
        description="Index into `quotes` when this span lies within that quote, else null.",
    )


class KeyPoint(_Strict):
    point: str = Field(description="One short, neutral statement of a key fact.")
    evidence: list[Span] = Field(description="Located spans of the article that support it.")


class Summary(_Strict):
    headline: str = Field(description="One neutral line saying what happened.")
    text: str = Field(description="2-4 neutral sentences summarizing the article.")
    key_points: list[KeyPoint] = Field(description="Key facts, each with located evidence.")


class Stance(_Strict):
    actor: str = Field(description="The actor, as the article names them.")
    role: str = Field(description="Who the actor is, from the article.")
    topic: str = Field(description="The article's main question the stance is toward.")
    position: str = Field(description="The actor's position in one neutral sentence.")
    stance: StanceLabel = Field(description="supports / opposes / neutral / mixed / unclear.")
    evidence: list[Evidence] = Field(description="Located spans, or references to quotes.")


class Quote(_Strict):
    text: str = Field(description="The quotation, verbatim: `article[start:end] == text`.")
    speaker: str = Field(description="Who said it, as the article names or describes them.")
    speaker_kind: SpeakerKind = Field(description="named / anonymous / organization.")
    cue: str = Field(description="The attributing verb or phrase (said, told, wrote...).")
    start: int = Field(ge=0, description="Character offset of the quotation's first character.")
    end: int = Field(ge=0, description="Character offset just past its last character.")
    match: MatchKind = Field(description="How the quotation was located in the article.")
    found_by: Engine = Field(
        description="Which engine found the quotation: the LLM, or the offline rules."
    )


class OpenQuestion(_Strict):
    question: str = Field(description="A question the article leaves open.")
    kind: QuestionKind = Field(
        description="unresolved / disputed / unconfirmed / missing_context / inconsistency."
    )
    why: str = Field(description="Why it is open, in one sentence.")
    evidence: list[Span] = Field(description="Located spans of the article behind it.")


class Usage(_Strict):
    prompt_tokens: int = Field(default=0, description="Prompt tokens, summed over all attempts.")
    completion_tokens: int = Field(default=0, description="Completion tokens, summed.")
    total_tokens: int = Field(default=0, description="All tokens, summed over all attempts.")


class RunInfo(_Strict):
    engine: Engine = Field(description="The engine that produced this summary.")
    model: str | None = Field(default=None, description="The model name (LLM engine only).")
    mode: str | None = Field(default=None, description="The instructor mode (LLM engine only).")
    base_url_host: str | None = Field(
        default=None, description="Host of the OpenAI-compatible server used; never a key."
    )
    prompt_version: str = Field(description="Short hash of the prompt files and the schema.")
    attempts: int = Field(ge=0, description="Model calls made (1 when the first answer held).")
    usage: Usage = Field(default_factory=Usage, description="Token usage over all attempts.")
    latency_s: float = Field(ge=0, description="Wall time of the summarization, in seconds.")
    warnings: list[str] = Field(
        default_factory=list, description="What was dropped or doubtful, and why."
    )
    cached: bool = Field(
        default=False,
        description="True when this result came from the local cache (no model call was made).",
    )


class ArticleSummary(_Strict):
    """A structured, verifiable summary of one news article (schema version 1)."""

    schema_version: Literal["1"] = Field(default="1", description="Version of this schema.")
    input: str = Field(description="What was summarized: a path, '-' for stdin, or a name.")
    language: str | None = Field(default=None, description="The article's language (BCP-47).")
    summary: Summary = Field(description="Headline, neutral text and key points with evidence.")
    stances: list[Stance] = Field(description="Which actor holds which position, with evidence.")
    quotes: list[Quote] = Field(description="Verbatim quotations located in the article.")
    open_questions: list[OpenQuestion] = Field(
        description="What the article leaves unresolved, disputed, unconfirmed or inconsistent."
    )
    run: RunInfo = Field(description="How this summary was produced.")


class ErrorInfo(_Strict):
    kind: str = Field(description="Short, stable name of the failure: input, rate_limited...")
    message: str = Field(description="One line: what went wrong and how to fix it.")


class ErrorRecord(_Strict):
    """A batch line for an article that could not be summarized."""

    schema_version: Literal["1"] = Field(default="1", description="Version of this schema.")
    input: str = Field(description="The input that failed: a path or a JSONL record's id.")
    error: ErrorInfo = Field(description="Why it failed.")
