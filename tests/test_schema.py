import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from summarizer.engines.llm.draft import SummaryDraft
from summarizer.engines.llm.ground import Grounded, Ungrounded, ground
from summarizer.schema import ArticleSummary
from summarizer.text.grounding import Article
from tests.conftest import fixture_data


def all_models(
    model: type[BaseModel], seen: set[type[BaseModel]] | None = None
) -> set[type[BaseModel]]:
    seen = seen if seen is not None else set()
    if model in seen:
        return seen
    seen.add(model)
    for field in model.model_fields.values():
        for arg in (*getattr(field.annotation, "__args__", ()), field.annotation):
            inner = getattr(arg, "__args__", (arg,))
            for candidate in (*inner, arg):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    all_models(candidate, seen)
    return seen


@pytest.mark.parametrize("root", [SummaryDraft, ArticleSummary])
def test_every_field_is_described_and_extra_is_forbidden(root: type[BaseModel]) -> None:
    models = all_models(root)
    assert len(models) >= 5
    for model in models:
        assert model.model_config.get("extra") == "forbid", model.__name__
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"


def happy_answer() -> dict[str, Any]:
    exchange = fixture_data("seed_happy_tools")["exchanges"][0]
    args = exchange["response"]["json"]["choices"][0]["message"]["tool_calls"][0]["function"]
    return json.loads(args["arguments"])


def grounded(answer: dict[str, Any], article: str, *, drop: bool = False) -> Grounded:
    """The answer grounded in the article; a ValidationError (as the model is re-asked with)
    when something is not in it."""
    draft = SummaryDraft.model_validate(answer)
    result = ground(draft, Article(article), drop=drop)
    if isinstance(result, Ungrounded):
        raise ValidationError.from_exception_data(
            "SummaryDraft",
            [{"type": "value_error", "loc": (), "input": answer, "ctx": {"error": result.message}}],
        )
    return result


def test_draft_validates_against_the_article(seed: str) -> None:
    draft = grounded(happy_answer(), seed)
    assert len(draft.quotes) == len(happy_answer()["quotes"])
    for q in draft.quotes:
        assert q.span is not None
        assert seed[q.span.start : q.span.end] == q.draft.text


def test_made_up_quote_fails_with_a_message_for_the_model(seed: str) -> None:
    answer = happy_answer()
    answer["quotes"].append(
        {
            "text": "Patriots for everyone",
            "speaker": "Donald Trump",
            "speaker_kind": "named",
            "cue": "said",
        }
    )
    with pytest.raises(ValidationError) as err:
        grounded(answer, seed)
    message = str(err.value)
    assert "quotes[6].text 'Patriots for everyone': not found in the article" in message


@pytest.mark.parametrize(
    ("speaker", "problem"),
    [("He", "not a pronoun"), ("Joe Biden", "not named in the article")],
)
def test_speaker_must_be_named_in_the_article(seed: str, speaker: str, problem: str) -> None:
    answer = happy_answer()
    answer["quotes"][0]["speaker"] = speaker
    with pytest.raises(ValidationError, match=problem):
        grounded(answer, seed)


def test_drop_mode_drops_and_warns(seed: str) -> None:
    answer = happy_answer()
    answer["quotes"].append(
        {
            "text": "Patriots for everyone",
            "speaker": "Donald Trump",
            "speaker_kind": "named",
            "cue": "said",
        }
    )
    answer["open_questions"][0]["evidence"] = ["Nothing like this is in the article at all"]
    draft = grounded(answer, seed, drop=True)
    assert [q.draft.text for q in draft.quotes] == [q["text"] for q in happy_answer()["quotes"]]
    assert len(draft.open_questions) == 3
    assert any("Patriots for everyone" in w for w in draft.warnings)
    assert any("dropped open_questions[0]" in w for w in draft.warnings)


def test_without_an_article_no_grounding_happens() -> None:
    """Validating a draft checks its shape only: nothing is located until it is grounded."""
    draft = SummaryDraft.model_validate(happy_answer())
    assert not any(name.startswith("_") for name in vars(draft))
    assert draft.__pydantic_private__ in (None, {})
