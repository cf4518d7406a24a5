"""The LLM engine checks the model's own wording against the article (scripted replays)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from summarizer import summarize
from summarizer.engines.llm.draft import SummaryDraft
from summarizer.engines.llm.ground import ArticleChecks, Grounded, Ungrounded, ground
from summarizer.io.render import to_markdown
from summarizer.text.grounding import Article
from summarizer.text.support import ArticleSupport, Unsupported
from tests.conftest import fixture_data, replay


def first_answer(name: str) -> dict[str, object]:
    exchange = fixture_data(name)["exchanges"][0]
    call = exchange["response"]["json"]["choices"][0]["message"]["tool_calls"][0]
    answer: dict[str, object] = json.loads(call["function"]["arguments"])
    return answer


def test_an_invented_number_and_place_are_reasked_then_fixed(seed: str) -> None:
    r = replay("seed_invented_then_fixed")
    result = summarize(seed, transport=r.transport())
    assert len(r.requests) == 2 and result.run.attempts == 2
    reask = json.dumps(r.requests[1]["json"]["messages"][2:], ensure_ascii=False)
    assert "summary.text: '12' is a number the article does not give" in reask
    assert "key_points[0].point: 'Geneva' does not appear in the article" in reask
    assert "remove it or use the article's words" in reask
    # the fixed answer is published clean: nothing flagged, no warning
    assert result.run.warnings == []
    assert "12 more" not in result.summary.text
    assert "unsupported" not in result.model_dump_json()


def test_a_term_kept_through_every_reask_is_flagged_and_warned(
    seed: str, caplog: pytest.LogCaptureFixture
) -> None:
    r = replay("seed_unsupported_kept")
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        result = summarize(seed, transport=r.transport())
    assert len(r.requests) == 3 and result.run.attempts == 3
    stance = result.stances[0]
    assert "Geneva" in stance.position  # the item stays
    [term] = stance.unsupported
    assert (term.field, term.kind, term.term) == ("position", "name", "Geneva")
    assert stance.position[term.start : term.end] == "Geneva"
    assert any("stances[0].position" in w and "'Geneva'" in w for w in result.run.warnings)
    assert "Geneva" in caplog.text
    assert all(not kp.unsupported for kp in result.summary.key_points)
    data = json.loads(result.model_dump_json())
    assert data["stances"][0]["unsupported"][0]["term"] == "Geneva"
    assert "unsupported" not in data["stances"][1] and "unsupported" not in data["summary"]
    assert "**not in the article:** “Geneva”" in to_markdown(result)


def test_ground_checks_every_free_text_field(seed: str) -> None:
    answer = first_answer("seed_happy_tools")
    draft = SummaryDraft.model_validate(answer)
    assert isinstance(ground(draft, Article(seed)), Grounded)
    changed = draft.model_copy(deep=True)
    changed.summary.headline = "Trump and Zelensky talk in Ohio"
    changed.stances[1].position = "Zelensky said 40 systems were agreed."
    changed.open_questions[0].why = "The article names Trump but cites Senator Smith."
    grounded = ground(changed, Article(seed))
    assert isinstance(grounded, Ungrounded)
    assert grounded.problems == (
        "summary.headline: 'Ohio' does not appear in the article: remove it or use the "
        "article's words",
        "stances[1].position: '40' is a number the article does not give: remove it or use "
        "the article's words",
        "open_questions[0].why: 'Smith' does not appear in the article: remove it or use the "
        "article's words",
    )
    dropped = ground(changed, Article(seed), drop=True)
    assert isinstance(dropped, Grounded)
    assert [f.term.term for f in dropped.summary_unsupported] == ["Ohio"]
    assert [f.term.term for f in dropped.stances[1].unsupported] == ["40"]
    assert len(dropped.warnings) == 3


def test_a_stances_actor_a_question_and_a_cue_are_not_taken_on_the_models_word(
    seed: str,
) -> None:
    """Every published free-text field is checked, not only the summary's prose: an actor or a
    question naming someone the article does not, and a cue the article never uses."""
    draft = SummaryDraft.model_validate(first_answer("seed_happy_tools"))
    changed = draft.model_copy(deep=True)
    changed.stances[0].actor = "Emmanuel Macron"
    changed.open_questions[0].question = "Will 40 batteries arrive?"
    changed.quotes[0].cue = "screamed angrily"
    grounded = ground(changed, Article(seed))
    assert isinstance(grounded, Ungrounded)
    problems = "\n".join(grounded.problems)
    assert "stances[0].actor: 'Emmanuel Macron'" in problems or "'Macron'" in problems
    assert "open_questions[0].question: '40'" in problems
    assert "quotes[0].cue 'screamed angrily': not in the article" in problems
    dropped = ground(changed, Article(seed), drop=True)
    assert isinstance(dropped, Grounded)
    assert {f.field for f in dropped.stances[0].unsupported} == {"actor"}
    assert dropped.quotes[0].draft.cue == ""  # the quote stands, without the invented cue
    assert any("cue 'screamed angrily' removed" in w for w in dropped.warnings)


def test_the_answers_about_one_article_share_its_support_checks(
    seed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-ask and the last resort check the same article: it is indexed once, and a text
    the previous answer already had is not checked again; the results are the same."""
    draft = SummaryDraft.model_validate(first_answer("seed_happy_tools"))
    changed = draft.model_copy(deep=True)
    changed.stances[1].position = "Zelensky said 40 systems were agreed."
    checked: list[str] = []
    built: list[object] = []
    real_terms, real_init = ArticleSupport.terms, ArticleSupport.__init__

    def terms(self: ArticleSupport, text: str) -> tuple[Unsupported, ...]:
        checked.append(text)
        return real_terms(self, text)

    def init(self: ArticleSupport, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(ArticleSupport, "terms", terms)
    monkeypatch.setattr(ArticleSupport, "__init__", init)
    article = Article(seed)
    checks = ArticleChecks(article)
    first = ground(changed, article, checks=checks)
    assert isinstance(first, Ungrounded) and len(built) == 1
    once = len(checked)
    assert once == len(set(checked))  # within one answer, a repeated text is checked once
    last = ground(changed, article, drop=True, checks=checks)  # the last resort
    fixed = ground(draft, article, checks=checks)  # the corrected answer
    assert len(built) == 1 and len(checked) == once + 1  # only the corrected position
    assert last == ground(changed, Article(seed), drop=True)
    assert fixed == ground(draft, Article(seed))
    with pytest.raises(ValueError, match="another article"):
        ground(draft, Article(seed), checks=checks)
