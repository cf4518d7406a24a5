"""What the LLM engine asks the model to fill in (``*Draft``).

Field descriptions of the draft models are prompt text: the model reads them through the JSON
schema. The model never supplies offsets, and a draft validates its shape only: locating its
quotes and evidence in the article is :func:`summarizer.engines.llm.ground.ground`.
"""

from __future__ import annotations

from pydantic import Field

from summarizer.schema import QuestionKind, SpeakerKind, StanceLabel, StrictModel

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
