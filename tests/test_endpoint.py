"""Our clients' chat completions endpoint sends what the SDK's ``post`` sends and fails as it
fails (summarizer/engines/llm/client.py, ChatEndpoint): the same URL, headers, body and timeout,
and the same exception class, message, body and cause for every kind of failure."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx2
import openai
import pytest

from summarizer.engines.llm.client import AsyncEndpoint, SyncEndpoint

BODY = {
    "model": "m",
    "messages": [{"role": "user", "content": 'Zürich, “quoted” and "escaped" \\ text'}],
    "max_tokens": 10,
}
Handler = Callable[[httpx2.Request], httpx2.Response]


def _clients(handler: Handler, **options: object) -> tuple[openai.OpenAI, SyncEndpoint]:
    http = openai.DefaultHttpx2Client(transport=httpx2.MockTransport(handler))
    client = openai.OpenAI(
        api_key="sk-test",
        max_retries=0,
        http_client=http,
        **options,  # type: ignore[arg-type]
    )
    return client, SyncEndpoint(client, http)


def _async_clients(handler: Handler) -> tuple[openai.AsyncOpenAI, AsyncEndpoint]:
    http = openai.DefaultAsyncHttpx2Client(transport=httpx2.MockTransport(handler))
    client = openai.AsyncOpenAI(
        api_key="sk-test", base_url="http://127.0.0.1:9/v1", max_retries=0, http_client=http
    )
    return client, AsyncEndpoint(client, http)


def _sdk_post(client: openai.OpenAI) -> httpx2.Response:
    return client.post("/chat/completions", cast_to=httpx2.Response, body=BODY)


@pytest.mark.parametrize(
    "options",
    [
        {"base_url": "http://127.0.0.1:9/v1", "timeout": 33.0},
        {"base_url": "http://127.0.0.1:9/v1/", "timeout": httpx2.Timeout(5.0, read=60.0)},
        {"base_url": "http://my_host.internal:9/api/v1", "organization": "org-1"},
    ],
)
def test_the_request_is_the_one_the_sdk_sends(options: dict[str, object]) -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json={"ok": True})

    client, endpoint = _clients(handler, **options)
    assert _sdk_post(client).json() == {"ok": True}
    assert endpoint.post(BODY).json() == {"ok": True}
    sdk, ours = seen
    assert ours.method == sdk.method == "POST"
    assert str(ours.url) == str(sdk.url) and str(ours.url).endswith("/v1/chat/completions")
    assert ours.content == sdk.content
    assert ours.extensions == sdk.extensions
    assert ours.headers.multi_items() == sdk.headers.multi_items()
    assert ours.headers["authorization"] == "Bearer sk-test"


def test_the_clients_cookies_are_sent_as_the_sdk_sends_them() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, headers={"set-cookie": "session=abc; Path=/"}, json={})

    client, endpoint = _clients(handler, base_url="http://127.0.0.1:9/v1")
    endpoint.post(BODY)  # no cookie yet; the answer sets one
    _sdk_post(client)
    endpoint.post(BODY)
    first, sdk, ours = seen
    assert "cookie" not in first.headers
    assert ours.headers.multi_items() == sdk.headers.multi_items()
    assert ours.headers["cookie"] == "session=abc"
    assert ours.content == sdk.content


def _statuses() -> list[httpx2.Response]:
    error = {"error": {"message": "bad things", "code": "insufficient_quota", "type": "x"}}
    return [
        httpx2.Response(status, json=error)
        for status in (400, 401, 403, 404, 409, 418, 422, 429, 500, 503)
    ] + [
        httpx2.Response(400, json={"detail": "no error object"}),
        httpx2.Response(502, text="<html>Bad gateway</html>"),
        httpx2.Response(500, text=""),
        httpx2.Response(304),
    ]


def _both_fail(handler: Handler, kind: type[openai.OpenAIError]) -> tuple[Exception, Exception]:
    """What the SDK's ``post`` and our endpoint raise with ``handler`` answering: the same
    class and message."""
    client, endpoint = _clients(handler, base_url="http://127.0.0.1:9/v1")
    with pytest.raises(kind) as sdk:
        _sdk_post(client)
    with pytest.raises(kind) as ours:
        endpoint.post(BODY)
    assert type(ours.value) is type(sdk.value)
    assert str(ours.value) == str(sdk.value)
    return sdk.value, ours.value


@pytest.mark.parametrize("answer", _statuses(), ids=lambda r: str(r.status_code))
def test_a_status_error_is_the_sdks(answer: httpx2.Response) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(answer.status_code, headers=answer.headers, content=answer.content)

    sdk, ours = _both_fail(handler, openai.APIStatusError)
    assert isinstance(sdk, openai.APIStatusError) and isinstance(ours, openai.APIStatusError)
    assert ours.body == sdk.body
    assert ours.status_code == sdk.status_code
    assert ours.code == sdk.code


class Boom(Exception):
    pass


@pytest.mark.parametrize(
    "failure",
    [httpx2.ReadTimeout("slow"), httpx2.ConnectError("refused"), Boom("a replay's own error")],
    ids=lambda e: type(e).__name__,
)
def test_a_failure_to_send_is_the_sdks(failure: Exception) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise failure

    sdk, ours = _both_fail(handler, openai.APIConnectionError)
    assert ours.__cause__ is sdk.__cause__ is failure


def test_the_async_endpoint_sends_and_fails_as_the_async_sdk() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        if len(seen) > 2:
            return httpx2.Response(429, json={"error": {"message": "slow down"}})
        return httpx2.Response(200, json={"ok": True})

    async def both() -> None:
        client, endpoint = _async_clients(handler)
        await client.post("/chat/completions", cast_to=httpx2.Response, body=BODY)
        await endpoint.post(BODY)
        with pytest.raises(openai.RateLimitError) as sdk:
            await client.post("/chat/completions", cast_to=httpx2.Response, body=BODY)
        with pytest.raises(openai.RateLimitError) as ours:
            await endpoint.post(BODY)
        assert str(ours.value) == str(sdk.value) and ours.value.body == sdk.value.body

    asyncio.run(both())
    sdk, ours = seen[:2]
    assert str(ours.url) == str(sdk.url) and ours.content == sdk.content
    assert ours.headers.multi_items() == sdk.headers.multi_items()
    assert ours.extensions == sdk.extensions


ODD = {
    "empty": {},
    "nothing": [],
    "text": 'tab\there, new\nline, \x00\x1f, "quotes", back\\slash, é, 😀, \u2028',
    "numbers": [0, -1, 10**20, 1.5, 1e-7, -0.0],
    "flags": [True, False, None],
    "nested": {"a": [{"b": [[], {}]}], "c": ("tuple", 1)},
}


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_a_bodys_size_is_its_jsons(mode: str) -> None:
    from summarizer.engines.llm.modes import ModeHandler, json_size

    handler = ModeHandler(mode)  # type: ignore[arg-type]
    article = 'Zürich, 3 June. “We will see,” she said. \\ "Yes"\n\n' * 20
    bodies = [
        handler.prepare_request("gpt-4.1-mini", article, "2025-06-03", max_tokens=4096),
        handler.prepare_request("o3-mini", "", user="the notes\tof the parts"),
        {**handler.prepare_request("m", article), "messages": [*BODY["messages"], ODD]},
        ODD,
    ]
    for body in bodies:
        expected = len(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        assert handler.body_size(body) == expected  # type: ignore[arg-type]
        assert json_size(body, {}) == expected


def test_a_long_strings_size_is_its_jsons() -> None:
    """Long strings are measured in their UTF-8 bytes, not dumped: the same size, on strings
    made at random of control characters, quote marks, backslashes and other scripts."""
    import random

    from summarizer.engines.llm.modes import json_size

    rng = random.Random(5)
    alphabet = 'ab "\\\n\r\t\b\f\x00\x1f\x7fé“”😀\u2028'
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(60, 200)))
        assert json_size(text, {}) == len(json.dumps(text, ensure_ascii=False).encode("utf-8"))


def test_a_reask_bodys_size_is_its_jsons(seed: str) -> None:
    from summarizer.config import Settings
    from summarizer.engines.llm.engine import LLMEngine, Rejected
    from summarizer.text.grounding import Article
    from tests.test_llm_engine import completion

    llm = LLMEngine(Settings.resolve(None, engine="llm", api_key="sk-test", mode="tools"))
    answer = completion("seed_fabricated_then_fixed")
    bad = llm.parse_answer(Article(seed), answer)
    assert isinstance(bad, Rejected)
    body = llm.build_reask(llm.request_body(seed), answer, bad)
    assert len(body["messages"]) == 4  # type: ignore[arg-type]
    expected = len(json.dumps(body, ensure_ascii=False).encode("utf-8"))
    assert llm.handler.body_size(body) == expected


def test_a_body_is_sent_as_the_json_the_sdk_writes_in_every_mode() -> None:
    """The handler writes a body's JSON with the values it shares between bodies (system
    prompt, tool and schema) serialized once: ``pydantic_core.to_json``'s bytes, for its own
    bodies, a re-ask's, and a body whose shared values are other objects (a caller's)."""
    import pydantic_core

    from summarizer.config import FIXED_MODES
    from summarizer.engines.llm.modes import handler_for, json_bytes

    seen: list[bytes] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request.content)
        return httpx2.Response(200)

    _, endpoint = _clients(handler)
    for mode in FIXED_MODES:
        modes = handler_for(mode)  # type: ignore[arg-type]
        for article in ('Zürich, “quoted” and "escaped" \\ text\n\u2028\x01 😀', "Short."):
            body = modes.prepare_request("m", article, "2026-01-02", max_tokens=100)
            assert modes.body_json(body) == pydantic_core.to_json(body)
            endpoint.post(body, modes.body_json(body))
            assert seen[-1] == pydantic_core.to_json(body)
        again = dict(
            body,
            messages=[
                *body["messages"],
                {
                    "role": "assistant",
                    "tool_calls": [{"id": "c1", "function": {"arguments": '{"a": 1}'}}],
                },
            ],
        )
        assert modes.body_json(again) == pydantic_core.to_json(again)
        other = json.loads(json.dumps(body))  # equal values, other objects
        other["messages"][0]["content"] += " (a caller's own)"
        assert modes.body_json(other) == pydantic_core.to_json(other)
    for value in ({}, [], (1, "a"), {1: "a"}, {"a": {2: None}}, {"k\x1f": [True, 1.5, 10**30]}):
        assert json_bytes(value, {}) == pydantic_core.to_json(value)


def test_a_body_sent_is_measured_from_the_json_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The size of a body's long strings (an article's message) is noted as its JSON is
    written, for the check of the body's size after the answer (once); a body not written
    is measured, random strings of control characters, marks and other scripts alike."""
    import random

    from summarizer.engines.llm import modes

    rng = random.Random(7)
    alphabet = 'ab "\\\n\r\t\b\f\x00\x1f\x7fé“”😀\u2028'
    for mode in ("tools", "json_schema", "json", "md_json"):
        handler = modes.ModeHandler(mode)  # type: ignore[arg-type]
        handler.body_size(handler.prepare_request("m", "its constant parts measured"))
        for _ in range(20):
            article = "".join(rng.choice(alphabet) for _ in range(rng.randrange(60, 400)))
            body = handler.prepare_request("m", article, max_tokens=10)
            expected = len(json.dumps(body, ensure_ascii=False).encode("utf-8"))
            handler.body_json(body)
            with monkeypatch.context() as patched:  # measured from the note alone
                patched.setattr(modes, "_string_size", lambda value: 1 / 0)
                assert handler.body_size(body) == expected
            assert handler.body_size(body) == expected  # the note was read: measured
