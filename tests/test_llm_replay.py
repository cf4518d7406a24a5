"""The LLM path end to end, against scripted OpenAI-format exchanges (no network)."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
from typing import Any

import openai
import pytest

from summarizer import (
    ArticleSummary,
    SummarizationFailed,
    SummarizerError,
    asummarize,
    summarize,
)
from summarizer.http.exchanges import Replay
from tests.conftest import SNAPSHOTS, fixture_data, fixture_path, replay


def fixture_usage(name: str) -> tuple[int, int, int]:
    usages = [e["response"]["json"]["usage"] for e in fixture_data(name)["exchanges"]]
    return (
        sum(u["prompt_tokens"] for u in usages),
        sum(u["completion_tokens"] for u in usages),
        sum(u["total_tokens"] for u in usages),
    )


def run(name: str, article: str, **kwargs: Any) -> tuple[ArticleSummary, Replay]:
    r = replay(name)
    return summarize(article, transport=r.transport(), **kwargs), r


def assert_grounded(result: ArticleSummary, article: str) -> None:
    for q in result.quotes:
        assert article[q.start : q.end] == q.text
    spans = [e for kp in result.summary.key_points for e in kp.evidence]
    spans += [e for st in result.stances for e in st.evidence]
    spans += [e for oq in result.open_questions for e in oq.evidence]
    assert spans
    for s in spans:
        assert article[s.start : s.end] == s.text


def comparable(result: ArticleSummary) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    data["run"].pop("latency_s")
    data["run"].pop("prompt_version")
    return data


def test_happy_path_is_one_call_and_grounded(seed: str) -> None:
    result, r = run("seed_happy_tools", seed)
    assert len(r.requests) == 1 and r.remaining == 0
    assert result.run.attempts == 1
    assert (
        result.run.usage.prompt_tokens,
        result.run.usage.completion_tokens,
        result.run.usage.total_tokens,
    ) == fixture_usage("seed_happy_tools")
    assert_grounded(result, seed)
    assert result.run.warnings == []
    assert result.run.engine == "llm" and result.run.base_url_host == "api.openai.com"
    assert len(result.run.prompt_version) == 12


def test_happy_path_snapshot(seed: str) -> None:
    result, _ = run("seed_happy_tools", seed, input_name="seeds/trump-zelensky-patriot-call.txt")
    snapshot = SNAPSHOTS / "seed_happy_tools.json"
    got = comparable(result)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert snapshot.exists(), "no snapshot: run with UPDATE_SNAPSHOTS=1 once and review it"
    assert got == json.loads(snapshot.read_text())


def test_seed_quotes_curly_quotes_ellipsis_and_anonymous_source(seed: str) -> None:
    result, _ = run("seed_happy_tools", seed)
    by_text = {q.text: q for q in result.quotes}
    ellipsis = next(q for q in result.quotes if "…" in q.text)
    assert ellipsis.match == "exact" and ellipsis.speaker == "Donald Trump"
    assert (ellipsis.start, ellipsis.end) == (503, 612)
    source = by_text["very good"]
    assert source.speaker_kind == "anonymous"
    assert seed[source.start - 1] == "“" and seed[source.end] == "”"
    # the stance evidence that lies inside a quote points at it
    trump = next(s for s in result.stances if s.actor == "Donald Trump")
    quoted = [e for e in trump.evidence if e.quote is not None]
    assert quoted and all(
        result.quotes[e.quote].start <= e.start and e.end <= result.quotes[e.quote].end
        for e in quoted
        if e.quote is not None
    )


def test_inconsistency_is_an_open_question(seed: str) -> None:
    result, _ = run("seed_happy_tools", seed)
    kinds = {oq.kind for oq in result.open_questions}
    assert "inconsistency" in kinds
    inconsistency = next(oq for oq in result.open_questions if oq.kind == "inconsistency")
    assert any("Biden administration" in e.text for e in inconsistency.evidence)


def test_fabricated_quote_is_reasked_then_fixed(seed: str) -> None:
    result, r = run("seed_fabricated_then_fixed", seed)
    assert len(r.requests) == 2 and result.run.attempts == 2
    reask = json.dumps(r.requests[1]["json"]["messages"][2:], ensure_ascii=False)
    assert "We are going to send Ukraine everything it needs" in reask
    assert "not found in the article" in reask
    assert "not inside quotation marks" in reask  # the paraphrase offered as a quote
    assert (
        result.run.usage.prompt_tokens,
        result.run.usage.completion_tokens,
        result.run.usage.total_tokens,
    ) == fixture_usage("seed_fabricated_then_fixed")
    assert all("everything it needs" not in q.text for q in result.quotes)
    assert all("requires more Patriot" not in q.text for q in result.quotes)
    assert_grounded(result, seed)


def test_typographic_variant_is_located_as_normalized(seed: str) -> None:
    result, r = run("seed_typographic_variant", seed)
    assert len(r.requests) == 1
    from_llm = [q for q in result.quotes if q.found_by == "llm"]
    assert [q.match for q in from_llm] == ["normalized", "normalized", "exact"]
    # the published text is the article's, curly apostrophes and ellipsis included
    assert from_llm[0].text.startswith("They’re going to need them for defence…")
    assert "– it’s no good" in from_llm[1].text
    assert_grounded(result, seed)


def test_rule_found_quotes_the_model_left_out_are_merged(seed: str) -> None:
    result, _ = run("seed_typographic_variant", seed)  # the model gave 3 of the 6 quotes
    assert len(result.quotes) == 6
    by_engine = {q.text: q.found_by for q in result.quotes}
    assert by_engine["pretty amazing"] == "offline" and by_engine["very good"] == "llm"
    assert [q.start for q in result.quotes] == sorted(q.start for q in result.quotes)
    spans = [(q.start, q.end) for q in result.quotes]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlaps
    assert_grounded(result, seed)


def test_never_grounded_quote_is_dropped_with_a_warning(seed: str) -> None:
    result, r = run("seed_never_grounded", seed)
    assert len(r.requests) == 3 and result.run.attempts == 3
    assert (
        result.run.usage.prompt_tokens,
        result.run.usage.completion_tokens,
        result.run.usage.total_tokens,
    ) == fixture_usage("seed_never_grounded")
    assert len(result.quotes) == 6
    assert all(" ... " not in q.text for q in result.quotes)
    assert len(result.run.warnings) == 1 and "dropped a quote" in result.run.warnings[0]
    assert_grounded(result, seed)


def test_never_valid_fails_clearly(seed: str) -> None:
    r = replay("seed_never_valid")
    with pytest.raises(
        SummarizationFailed, match=r"no valid summary after 3 attempt\(s\): summary\.text"
    ):
        summarize(seed, transport=r.transport())
    assert len(r.requests) == 3


def test_max_attempts_bounds_the_calls(seed: str) -> None:
    r = replay("seed_never_valid")
    with pytest.raises(SummarizationFailed, match="after 1 attempt"):
        summarize(seed, transport=r.transport(), max_attempts=1)
    assert len(r.requests) == 1


@pytest.mark.parametrize("mode", ["json_schema", "md_json"])
def test_other_modes(seed: str, mode: str) -> None:
    result, r = run(f"seed_happy_{mode}", seed, mode=mode)
    assert len(r.requests) == 1 and result.run.mode == mode
    assert len(result.quotes) == 6
    assert_grounded(result, seed)
    body = r.requests[0]["json"]
    assert "tools" not in body


def test_async_twin_gives_the_same_result(seed: str) -> None:
    sync_result, _ = run("seed_happy_tools", seed)
    r = replay("seed_happy_tools")
    async_result = asyncio.run(asummarize(seed, transport=r.transport()))
    assert len(r.requests) == 1
    assert comparable(async_result) == comparable(sync_result)


def test_a_users_own_client(seed: str) -> None:
    r = replay("seed_happy_tools")
    client = openai.OpenAI(
        api_key="sk-test-own-client",
        base_url="http://llm.internal:8000/v1",
        http_client=r.sync_client(),
    )
    result = summarize(seed, client=client, model="llama3.1:8b")
    assert result.run.base_url_host == "llm.internal" and result.run.model == "llama3.1:8b"
    assert r.requests[0]["json"]["model"] == "llama3.1:8b"
    assert r.requests[0]["path"] == "/v1/chat/completions"


def test_article_is_data_not_a_template(seed: str) -> None:
    """Template syntax in an article reaches the model unchanged (never rendered)."""
    tricky = seed + "\nEditor's note: {{ 7 * 7 }} {% if true %}x{% endif %} {# c #}\n"
    r = replay("seed_happy_tools")
    summarize(tricky, transport=r.transport())
    user = r.requests[0]["json"]["messages"][1]["content"]
    assert "{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}" in user
    assert "<<<ARTICLE" in user and "ARTICLE>>>" in user


def test_replay_file_is_what_it_says() -> None:
    for path in sorted(fixture_path("x").parent.glob("*.json")):
        data = json.loads(path.read_text())
        assert data["scripted"] is True, path.name
        assert data["exchanges"], path.name


def test_speedups_leave_the_requests_intact() -> None:
    """llm.py caches instructor's template compilation and compacts the schema it embeds in
    md_json mode: each request must still carry its own article and a schema that parses."""
    import httpx2

    sent: list[dict[str, Any]] = []

    def capture(request: httpx2.Request) -> httpx2.Response:
        sent.append(json.loads(request.content))
        return httpx2.Response(400, json={"error": {"message": "captured"}})

    articles = [
        "The mayor said on Monday that the bridge will reopen in May after the repairs end.",
        "The council voted on Tuesday to delay the budget until the grants are confirmed.",
    ]
    for article in articles:
        with pytest.raises(SummarizerError):
            summarize(
                article, engine="llm", mode="md_json", transport=httpx2.MockTransport(capture)
            )
    assert len(sent) == 2
    for article, body in zip(articles, sent, strict=True):
        user = [m["content"] for m in body["messages"] if m["role"] == "user"]
        assert any(f"<<<ARTICLE\n{article}\nARTICLE>>>" in u for u in user)
        system = body["messages"][0]["content"]
        schema = json.loads(system[system.index("{") : system.rindex("}") + 1])
        assert set(schema["properties"]) == {
            "language", "summary", "stances", "quotes", "open_questions"
        }  # fmt: skip
