"""The LLM engine's window state: asked once per engine, whichever face and thread comes first,
and every request checked against it the same way."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from summarizer.config import Settings
from summarizer.engines.llm.engine import LLMEngine
from summarizer.errors import ConfigError, SummarizerError
from summarizer.testing.articles import long_article
from summarizer.testing.server import sample_article
from tests.stubserver import StubServer

PROBE_S = 0.6  # how long the server takes to say its window


def chats_before_the_window(server: StubServer) -> int:
    said = min((t for e, t in server.events if e == "window said"), default=None)
    assert said is not None, server.events
    return sum(1 for e, t in server.events if e.startswith("POST") and t < said)


@pytest.fixture
def slow_window() -> Iterator[StubServer]:
    """Says its window slowly (llama.cpp's /props), refuses every chat request at once."""
    refusal = {"error": {"message": "this test server answers nothing"}}
    with StubServer(400, refusal, window=8192, window_delay=PROBE_S) as server:
        yield server


def _engine(base_url: str) -> LLMEngine:
    return LLMEngine(
        Settings.resolve(engine="llm", base_url=base_url, model="m", mode="tools", timeout=5)
    )


@pytest.mark.loopback
def test_threads_sharing_an_engine_wait_for_the_one_asking_the_window(
    slow_window: StubServer,
) -> None:
    llm = _engine(slow_window.base_url)
    start = threading.Barrier(3)
    failures: list[BaseException] = []

    def article(i: int) -> None:
        start.wait()
        try:
            llm.summarize(sample_article(i), f"{i}.txt")
        except SummarizerError as error:
            failures.append(error)

    threads = [threading.Thread(target=article, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    llm.close()
    assert len(failures) == 3  # every chat request refused: each article failed alone
    assert [e for e, _ in slow_window.events].count("GET /props") == 1  # asked once
    assert chats_before_the_window(slow_window) == 0  # no article planned without it


@pytest.mark.loopback
def test_an_engine_works_in_a_second_event_loop_after_the_first_was_cancelled(
    slow_window: StubServer,
) -> None:
    llm = _engine(slow_window.base_url)

    async def two_articles() -> list[BaseException | object]:
        work = [llm.asummarize(sample_article(i), f"{i}.txt") for i in range(2)]
        return await asyncio.gather(*work, return_exceptions=True)

    async def cancelled_while_asking() -> None:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(two_articles(), PROBE_S / 4)

    asyncio.run(cancelled_while_asking())
    outcomes = asyncio.run(two_articles())  # a new loop: nothing of the old one may be needed
    asyncio.run(llm.aclose())
    assert [type(o).__name__ for o in outcomes] == ["ProviderError", "ProviderError"]
    assert chats_before_the_window(slow_window) == 0


def test_every_request_body_is_checked_against_the_window() -> None:
    llm = LLMEngine(Settings.resolve(engine="llm", api_key="sk-test", context_window=4096))
    with pytest.raises(ConfigError, match="window of 4096 tokens leaves"):
        llm.request_body(long_article(6000))  # the online path refuses to send it too
    assert llm.request_body(sample_article(1))["max_tokens"] > 0
