"""Reading servers' error answers: permanent or worth retrying, and which feature is missing."""

from __future__ import annotations

import pytest

from summarizer.http.refusals import (
    is_local,
    is_permanent,
    message_of,
    one_line,
    unsupported_feature,
)
from summarizer.testing.personalities import JSON_SCHEMA_REJECTED, PERSONALITIES

OLLAMA_TOOLS = PERSONALITIES["ollama-no-tools"].refuse({"tools": [{}], "model": "gemma:2b"})
VLLM_TOOLS = (
    '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'
)


@pytest.mark.parametrize(
    ("status", "message", "permanent", "feature"),
    [
        (500, JSON_SCHEMA_REJECTED, True, "json_schema"),
        (400, message_of(OLLAMA_TOOLS[1]) if OLLAMA_TOOLS else "", True, "tools"),
        (400, VLLM_TOOLS, True, "tools"),
        (400, "invalid JSON schema: $ref and $defs are not supported", True, "json_schema"),
        (400, "response_format type json_object is not supported by this model", True,
         "response_format"),
        (400, "This model's maximum context length is 4096 tokens", True, None),
        (404, "model 'x' not found", True, None),
        (500, "the server had an error", False, None),
        (503, "loading model", False, None),
        (429, "rate limit reached", False, None),
        (429, "You exceeded your current quota, please check your plan and billing details.",
         True, None),
    ],
)  # fmt: skip
def test_permanent_errors_and_missing_features(
    status: int, message: str, permanent: bool, feature: str | None
) -> None:
    assert is_permanent(status, message) is permanent
    assert unsupported_feature(status, message) == feature


def test_messages_of_the_usual_bodies() -> None:
    assert message_of(b'{"error": {"message": "nope", "type": "x"}}') == "nope"
    assert message_of({"error": "model does not support tools"}) == "model does not support tools"
    assert "Field required" in message_of({"detail": [{"msg": "Field required"}]})
    assert message_of(b"plain text") == "plain text"
    assert "\n" not in one_line(JSON_SCHEMA_REJECTED) and len(one_line(JSON_SCHEMA_REJECTED)) <= 200


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://localhost:11434/v1", True),
        ("http://192.168.1.20:8000/v1", True),
        ("http://gpu-box:8000/v1", True),
        ("http://[::1]:8000/v1", True),
        ("https://api.openai.com/v1", False),
        ("https://my-vllm.example.com/v1", False),
        (None, False),
    ],
)
def test_local_servers(url: str | None, local: bool) -> None:
    assert is_local(url) is local
