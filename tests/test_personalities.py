"""The test server's personalities: each quirk of a real server shows on the wire as it does there.

These tests talk raw HTTP to the server; how the client copes with each quirk is tested in
tests/test_servers.py.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest

from summarizer.testing.personalities import PERSONALITIES, Personality
from summarizer.testing.server import DevServer, sample_article

pytestmark = pytest.mark.loopback

SCHEMA = {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {}}}


def body(article: str, **extra: Any) -> dict[str, Any]:
    user = f"Summarize.\n<<<ARTICLE\n{article}\nARTICLE>>>"
    return {
        "model": "tiny",
        "messages": [
            {"role": "system", "content": "Be careful."},
            {"role": "user", "content": user},
        ],
        **extra,
    }


TOOLS = [{"type": "function", "function": {"name": "SummaryDraft", "parameters": {}}}]


def post(server: DevServer, payload: dict[str, Any]) -> httpx2.Response:
    return httpx2.post(server.base_url + "/chat/completions", json=payload, timeout=10)


def test_default_server_answers_with_a_tool_call_and_honours_max_tokens(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver()
    full = post(server, body(sample_article(1), tools=TOOLS)).json()
    assert full["choices"][0]["finish_reason"] == "tool_calls"
    json.loads(full["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])
    cut = post(server, body(sample_article(1), tools=TOOLS, max_tokens=50)).json()
    assert cut["usage"]["completion_tokens"] == 50
    assert cut["choices"][0]["finish_reason"] == "length"
    assert len(cut["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]) == 200


def test_json_schema_rejected_with_a_500_validation_body(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver(personality=PERSONALITIES["llama-cpp-python"])
    fmt = {"type": "json_schema", "json_schema": {"name": "S", "schema": {}}}
    answer = post(server, body(sample_article(2), response_format=fmt))
    assert answer.status_code == 500
    assert "Input should be 'text' or 'json_object'" in answer.json()["error"]["message"]
    ok = post(server, body(sample_article(2), response_format={"type": "json_object"}))
    assert ok.status_code == 200 and json.loads(ok.json()["choices"][0]["message"]["content"])


def test_finish_reason_tool_calls_at_the_limit(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver(personality=PERSONALITIES["llama-cpp-python"])
    cut = post(server, body(sample_article(3), tools=TOOLS, max_tokens=40)).json()
    assert cut["usage"]["completion_tokens"] == 40
    assert cut["choices"][0]["finish_reason"] == "tool_calls"  # the lie: it was cut


def test_tools_ignored_and_tools_unsupported(devserver) -> None:  # type: ignore[no-untyped-def]
    ignored = devserver(personality=PERSONALITIES["no-tool-calls"])
    message = post(ignored, body(sample_article(4), tools=TOOLS)).json()["choices"][0]["message"]
    assert "tool_calls" not in message and json.loads(message["content"])["summary"]
    refusing = devserver(personality=PERSONALITIES["ollama-no-tools"])
    answer = post(refusing, body(sample_article(4), tools=TOOLS))
    assert answer.status_code == 400
    assert "does not support tools" in answer.json()["error"]["message"]


def test_refs_unsupported(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver(personality=Personality(refs_unsupported=True))
    tools = [{"type": "function", "function": {"name": "S", "parameters": SCHEMA}}]
    assert post(server, body(sample_article(5), tools=tools)).status_code == 400
    assert post(server, body(sample_article(5), tools=TOOLS)).status_code == 200


def test_silent_truncation_at_the_window(devserver) -> None:  # type: ignore[no-untyped-def]
    server = devserver(personality=Personality(context_window=300))
    long_article = "\n\n".join(sample_article(i) for i in range(6))
    answer = post(server, body(long_article, tools=TOOLS)).json()
    assert answer["usage"]["prompt_tokens"] <= 300  # well under what was sent, and no error
    assert len(json.dumps(body(long_article, tools=TOOLS))) // 4 > 900
    draft = json.loads(answer["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])
    assert all(q["text"] in long_article for q in draft["quotes"])  # built from what was kept
    assert "article 5" not in json.dumps(draft)  # the end was dropped


def test_think_prefix_and_reasoning_only(devserver) -> None:  # type: ignore[no-untyped-def]
    thinker = devserver(personality=PERSONALITIES["vllm-reasoning"])
    content = post(thinker, body(sample_article(6))).json()["choices"][0]["message"]["content"]
    assert content.startswith("<think>") and "</think>" in content
    quiet = devserver(personality=Personality(reasoning_only=1))
    first = post(quiet, body(sample_article(6), tools=TOOLS)).json()["choices"][0]["message"]
    assert first["content"] == "" and first["reasoning_content"] and "tool_calls" not in first
    second = post(quiet, body(sample_article(6), tools=TOOLS)).json()["choices"][0]["message"]
    assert second["tool_calls"]


@pytest.mark.parametrize(
    ("name", "method", "path", "field"),
    [
        ("llama-server", "GET", "/props", ("default_generation_settings", "n_ctx")),
        ("ollama", "POST", "/api/show", ("parameters",)),
        ("vllm-reasoning", "GET", "/v1/models", ("data", 0, "max_model_len")),
    ],
)
def test_discovery_endpoints(devserver, name: str, method: str, path: str, field: tuple) -> None:  # type: ignore[no-untyped-def, type-arg]
    server = devserver(personality=PERSONALITIES[name])
    root = server.base_url.removesuffix("/v1")
    found: Any = httpx2.request(method, root + path, json={"model": "m"}, timeout=5).json()
    for key in field:
        found = found[key]
    assert found  # a window is reported
    plain = devserver().base_url.removesuffix("/v1")
    assert httpx2.request(method, plain + path, timeout=5).status_code == 404
