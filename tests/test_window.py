"""Knowing a server's context window: what it reports, what its errors say, the known models."""

from __future__ import annotations

import httpx2
import pytest

from summarizer.http.window import Window, discover, known_window, window_from_error
from summarizer.testing.personalities import PERSONALITIES, Personality


@pytest.mark.loopback
@pytest.mark.parametrize(
    ("personality", "expected"),
    [
        (PERSONALITIES["llama-server"], Window(4096, "llama.cpp /props")),
        (
            Personality(window_endpoint="llamacpp", context_window=2048),
            Window(2048, "llama.cpp /props"),
        ),
        (PERSONALITIES["ollama"], Window(4096, "ollama /api/show")),
        (PERSONALITIES["vllm-reasoning"], Window(32768, "/v1/models")),
        (PERSONALITIES["openai"], None),
        (PERSONALITIES["llama-cpp-python"], None),
    ],
)
def test_discovered_from_the_server(
    devserver, personality: Personality, expected: Window | None
) -> None:  # type: ignore[no-untyped-def]
    server = devserver(personality=personality)
    with httpx2.Client() as client:
        assert discover(client, server.base_url, "served-model") == expected


def test_nothing_listening_is_no_window() -> None:
    transport = httpx2.MockTransport(lambda request: httpx2.Response(404))
    with httpx2.Client(transport=transport) as client:
        assert discover(client, "http://127.0.0.1:9/v1", "m") is None


@pytest.mark.parametrize(
    ("message", "window"),
    [
        ("Requested tokens (5123) exceed context window of 2048", 2048),
        ("This model's maximum context length is 4096 tokens. However, you requested 6000", 4096),
        ("the request exceeds the available context size (8192 tokens), try increasing it", 8192),
        ("model not found", None),
    ],
)
def test_window_from_a_servers_error(message: str, window: int | None) -> None:
    assert window_from_error(message) == window


def test_known_models() -> None:
    assert known_window("gpt-4.1-mini") == 1_047_576
    assert known_window("llama3.1:8b") == 131_072
    assert known_window("meta-llama/Llama-3.1-8B-Instruct") == 131_072
    assert known_window("/models/SmolLM2-135M-Instruct.Q4_1.gguf") == 8_192
    assert known_window("mistral-nemo:12b") == 131_072  # the longer name wins over "mistral"
    assert known_window("my-own-finetune") is None
