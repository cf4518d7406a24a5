"""What we publish: ``ArticleSummary`` and the batch ``ErrorRecord``, the documented contract.

The LLM engine's model-facing drafts live in ``summarizer.engines.llm.draft``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

SCHEMA_VERSION = "3"  # 3: `attributions`; 2: `source` (web pages), `text`, `unsupported`

StanceLabel = Literal["supports", "opposes", "neutral", "mixed", "unclear"]
SpeakerKind = Literal["named", "anonymous", "organization"]
QuestionKind = Literal["unresolved", "disputed", "unconfirmed", "missing_context", "inconsistency"]
MatchKind = Literal["exact", "normalized", "fuzzy"]
Engine = Literal["llm", "offline"]
AttributionKind = Literal["direct", "indirect", "mixed"]


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


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_lean_schema)


# ---------------------------------------------------------------------------------------------
# What we publish
# ---------------------------------------------------------------------------------------------


class Span(StrictModel):
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


SupportKind = Literal["number", "date", "name", "quote"]


class UnsupportedTerm(StrictModel):
    """A name, number, date or quoted phrase of the model's own wording that the article does
    not support (``summarizer.text.support``); kept after the re-asks ran out, and flagged."""

    field: str = Field(
        description="Which text it is in: headline, text, point, actor, role, topic, "
        "position, question, why."
    )
    kind: SupportKind = Field(description="number / date / name / quote.")
    term: str = Field(description="The term as written: `<field>[start:end] == term`.")
    start: int = Field(ge=0, description="Character offset of the term in that field's text.")
    end: int = Field(ge=0, description="Character offset just past the term.")
    reason: str = Field(description="Why the article does not support it.")


class Checked(StrictModel):
    """An item whose free text was checked against the article; ``unsupported`` is written
    only when it is not empty."""

    unsupported: list[UnsupportedTerm] = Field(
        default_factory=list,
        description=(
            "Terms of this item's own text that the article does not support (omitted when "
            "none): the model kept them through every re-ask. Treat the item with care."
        ),
    )

    @model_serializer(mode="wrap")
    def _omit_when_empty(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and not data.get("unsupported"):
            data.pop("unsupported", None)
        return data


class KeyPoint(Checked):
    point: str = Field(description="One short, neutral statement of a key fact.")
    evidence: list[Span] = Field(description="Located spans of the article that support it.")


class Summary(Checked):
    headline: str = Field(description="One neutral line saying what happened.")
    text: str = Field(description="2-4 neutral sentences summarizing the article.")
    key_points: list[KeyPoint] = Field(description="Key facts, each with located evidence.")


class Stance(Checked):
    actor: str = Field(description="The actor, as the article names them.")
    role: str = Field(description="Who the actor is, from the article.")
    topic: str = Field(description="The article's main question the stance is toward.")
    position: str = Field(description="The actor's position in one neutral sentence.")
    stance: StanceLabel = Field(description="supports / opposes / neutral / mixed / unclear.")
    evidence: list[Evidence] = Field(description="Located spans, or references to quotes.")


class Quote(StrictModel):
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


class Attribution(StrictModel):
    """Who said what, quoted or reported: "Zelensky said that he and Trump had agreed to …"."""

    kind: AttributionKind = Field(
        description=(
            "direct (a quotation), indirect (reported speech, no quote marks) or mixed (reported "
            "speech holding a partial quotation)."
        )
    )
    speaker: str = Field(description="Who said it, resolved as in `quotes` (a name, a body...).")
    speaker_kind: SpeakerKind = Field(description="named / anonymous / organization.")
    source: Span | None = Field(
        default=None, description="Where the article names the speaker here, when it does."
    )
    cue: Span = Field(description="The reporting verb or phrase: said, told Reuters, according to.")
    content: Span = Field(
        description="What was said, in the article's words (never a quote of ours)."
    )
    rule: str | None = Field(
        default=None, description="The offline rule that found it (for evaluation), else null."
    )


class OpenQuestion(Checked):
    question: str = Field(description="A question the article leaves open.")
    kind: QuestionKind = Field(
        description="unresolved / disputed / unconfirmed / missing_context / inconsistency."
    )
    why: str = Field(description="Why it is open, in one sentence.")
    evidence: list[Span] = Field(description="Located spans of the article behind it.")


class Usage(StrictModel):
    prompt_tokens: int = Field(default=0, description="Prompt tokens, summed over all attempts.")
    completion_tokens: int = Field(default=0, description="Completion tokens, summed.")
    total_tokens: int = Field(default=0, description="All tokens, summed over all attempts.")


class RunInfo(StrictModel):
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


class SourceInfo(StrictModel):
    """What a web page says about itself (every field null when the page does not say)."""

    url: str | None = Field(
        default=None, description="The page's canonical URL, else the URL it was fetched from."
    )
    title: str | None = Field(default=None, description="The article's title.")
    authors: list[str] = Field(default_factory=list, description="The byline's authors.")
    published: str | None = Field(
        default=None, description="Publication date as the page gives it (ISO, YYYY-MM-DD)."
    )
    site: str | None = Field(default=None, description="The site's name.")
    language: str | None = Field(
        default=None, description="The language the page declares (<html lang>), as written."
    )


class ArticleSummary(StrictModel):
    """A structured, verifiable summary of one news article (schema version 3)."""

    schema_version: Literal["3"] = Field(default="3", description="Version of this schema.")
    input: str = Field(description="What was summarized: a path, a URL, '-' for stdin, or a name.")
    language: str | None = Field(default=None, description="The article's language (BCP-47).")
    source: SourceInfo | None = Field(
        default=None,
        description="For a web page (a file or a URL): its title, authors, date, site and URL.",
    )
    summary: Summary = Field(description="Headline, neutral text and key points with evidence.")
    stances: list[Stance] = Field(description="Which actor holds which position, with evidence.")
    quotes: list[Quote] = Field(description="Verbatim quotations located in the article.")
    attributions: list[Attribution] = Field(
        default_factory=list,
        description="Who said what, quoted or reported, located by offsets (offline engine).",
    )
    open_questions: list[OpenQuestion] = Field(
        description="What the article leaves unresolved, disputed, unconfirmed or inconsistent."
    )
    run: RunInfo = Field(description="How this summary was produced.")
    text: str | None = Field(
        default=None,
        description="The article text that every offset indexes (only with --include-text).",
    )


class ErrorInfo(StrictModel):
    kind: str = Field(description="Short, stable name of the failure: input, rate_limited...")
    message: str = Field(description="One line: what went wrong and how to fix it.")


class ErrorRecord(StrictModel):
    """A batch line for an article that could not be summarized."""

    schema_version: Literal["3"] = Field(default="3", description="Version of this schema.")
    input: str = Field(description="The input that failed: a path or a JSONL record's id.")
    error: ErrorInfo = Field(description="Why it failed.")
