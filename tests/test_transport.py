"""The one retrying transport: what is retried, how long it waits, and the article deadline."""

from __future__ import annotations

import json
import time

import httpx2
import pytest

from summarizer.http.transport import (
    PARSED_JSON,
    DeadlineExceeded,
    MalformedResponse,
    ResilientTransport,
    RetryPolicy,
    deadline,
    retry_after,
)

FAST = RetryPolicy(attempts=3, backoff=0.001, max_backoff=0.01)


def scripted(*responses: httpx2.Response | Exception) -> tuple[httpx2.Client, list[float]]:
    """A client whose transport answers with ``responses`` in turn; and when each came."""
    seen: list[float] = []
    queue = list(responses)

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(time.monotonic())
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    transport = ResilientTransport(httpx2.MockTransport(handler), FAST)
    return httpx2.Client(transport=transport, base_url="http://model.test"), seen


def ok() -> httpx2.Response:
    return httpx2.Response(200, json={"choices": [{"index": 0, "finish_reason": "stop"}]})


def test_429_waits_for_retry_after_then_succeeds() -> None:
    client, seen = scripted(httpx2.Response(429, headers={"retry-after-ms": "150"}), ok())
    assert client.post("/v1/chat/completions", json={}).status_code == 200
    assert len(seen) == 2
    assert seen[1] - seen[0] >= 0.15


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(status: int) -> None:
    client, seen = scripted(httpx2.Response(status), ok())
    assert client.post("/x", json={}).status_code == 200
    assert len(seen) == 2


def test_the_last_failure_is_returned_after_the_attempts() -> None:
    client, seen = scripted(*[httpx2.Response(503)] * 3)
    assert client.post("/x", json={}).status_code == 503
    assert len(seen) == FAST.attempts


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    client, seen = scripted(httpx2.Response(status), ok())
    assert client.post("/x", json={}).status_code == status
    assert len(seen) == 1


def test_dropped_connections_and_malformed_json_are_retried() -> None:
    garbled = httpx2.Response(
        200, content=b'{"choices": [', headers={"content-type": "application/json"}
    )
    client, seen = scripted(httpx2.RemoteProtocolError("dropped"), garbled, ok())
    assert client.post("/x", json={}).status_code == 200
    assert len(seen) == 3


def test_a_chat_completion_without_a_choice_is_retried_as_malformed() -> None:
    """``"choices": []`` (a proxy, a content filter) is no answer: retried, then malformed."""
    empty = httpx2.Response(200, json={"choices": []})
    client, seen = scripted(empty, ok())
    assert client.post("/v1/chat/completions", json={}).status_code == 200
    assert len(seen) == 2
    client, seen = scripted(empty, empty, empty)
    with pytest.raises(MalformedResponse, match="without a choice"):
        client.post("/v1/chat/completions", json={})
    client, seen = scripted(empty)  # other endpoints' JSON is not a chat completion
    assert client.post("/v1/files", json={}).status_code == 200


def test_malformed_json_every_time_raises() -> None:
    garbled = httpx2.Response(200, content=b"{", headers={"content-type": "application/json"})
    client, _ = scripted(garbled, garbled, garbled)
    with pytest.raises(MalformedResponse):
        client.post("/x", json={})


@pytest.mark.parametrize(
    "body",
    [
        b'{"choices": [], "usage": {"total_tokens": 12}, "x": [1.5, -0.0, 1e400, null]}',
        b"NaN",
        b'\xef\xbb\xbf{"choices": []}',  # a byte order mark: JSON to json.loads
        b'{"text": "\\ud800"}',  # a lone surrogate: the same
        b'"\xed\xa0\x80"',
    ],
)
def test_a_json_answer_is_checked_as_json_loads_reads_it_and_kept_parsed(body: bytes) -> None:
    """The check that a JSON answer parses accepts what ``json.loads`` accepts, and keeps the
    parsed body (when pydantic's parser, which it uses first, takes it) for the reader."""
    answer = httpx2.Response(200, content=body, headers={"content-type": "application/json"})
    client, seen = scripted(answer)
    response = client.post("/x", json={})
    assert len(seen) == 1  # not retried: it is JSON
    expected = json.loads(body)
    if PARSED_JSON in response.extensions:
        parsed = response.extensions[PARSED_JSON]
        assert json.dumps(parsed) == json.dumps(expected)  # NaN == NaN as written
    else:
        assert body.startswith(b"\xef") or "\\ud800" in json.dumps(expected)


def test_a_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    client, seen = scripted(httpx2.Response(429, headers={"retry-after": "3600"}), ok())
    started = time.monotonic()
    assert client.post("/x", json={}).status_code == 429
    assert len(seen) == 1 and time.monotonic() - started < 1


def test_no_attempt_starts_after_the_article_deadline() -> None:
    client, seen = scripted(httpx2.Response(429, headers={"retry-after": "2"}), ok())
    with deadline(0.5), pytest.raises(DeadlineExceeded):
        client.post("/x", json={})
    assert len(seen) == 1


def test_retry_after_forms() -> None:
    assert retry_after(httpx2.Response(429, headers={"retry-after": "7"})) == 7
    assert retry_after(httpx2.Response(429, headers={"retry-after-ms": "250"})) == 0.25
    http_date = "Wed, 21 Oct 2015 07:28:00 GMT"  # in the past: no wait
    assert retry_after(httpx2.Response(429, headers={"retry-after": http_date})) == 0
    assert retry_after(httpx2.Response(429)) is None
