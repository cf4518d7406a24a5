"""The LLM engine's window state: asked once per engine, whichever face and thread comes first,
and every request checked against it the same way."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from summarizer.config import Settings
from summarizer.engines.llm.engine import LLMEngine
from summarizer.errors import ConfigError, SummarizerError
from summarizer.testing.articles import long_article
from summarizer.testing.server import sample_article

PROBE_S = 0.6  # how long the server takes to say its window


class _SlowWindowServer:
    """Says its window (llama.cpp's /props) slowly, refuses every chat request at once, and
    notes when each request came and went."""

    def __init__(self) -> None:
        self.events: list[tuple[str, float]] = []
        events = self.events

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/props":
                    events.append(("props", time.monotonic()))
                    time.sleep(PROBE_S)
                    events.append(("props answered", time.monotonic()))
                    self._answer(200, {"default_generation_settings": {"n_ctx": 8192}})
                else:
                    self._answer(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                events.append(("chat", time.monotonic()))
                self._answer(400, {"error": {"message": "this test server answers nothing"}})

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.http.server_address[1]}/v1"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def count(self, name: str) -> int:
        return sum(1 for event, _ in self.events if event == name)

    def chats_before_the_window(self) -> int:
        answered = min((t for e, t in self.events if e == "props answered"), default=None)
        assert answered is not None, self.events
        return sum(1 for e, t in self.events if e == "chat" and t < answered)


@pytest.fixture
def slow_window() -> Iterator[_SlowWindowServer]:
    server = _SlowWindowServer()
    yield server
    server.http.shutdown()
    server.http.server_close()


def _engine(base_url: str) -> LLMEngine:
    return LLMEngine(
        Settings.resolve(engine="llm", base_url=base_url, model="m", mode="tools", timeout=5)
    )


@pytest.mark.loopback
def test_threads_sharing_an_engine_wait_for_the_one_asking_the_window(
    slow_window: _SlowWindowServer,
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
    assert slow_window.count("props") == 1  # asked once
    assert slow_window.chats_before_the_window() == 0  # no article planned without it


@pytest.mark.loopback
def test_an_engine_works_in_a_second_event_loop_after_the_first_was_cancelled(
    slow_window: _SlowWindowServer,
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
    assert slow_window.chats_before_the_window() == 0


def test_every_request_body_is_checked_against_the_window() -> None:
    llm = LLMEngine(Settings.resolve(engine="llm", api_key="sk-test", context_window=4096))
    with pytest.raises(ConfigError, match="window of 4096 tokens leaves"):
        llm.request_body(long_article(6000))  # the online path refuses to send it too
    assert llm.request_body(sample_article(1))["max_tokens"] > 0
