"""The LLM result cache under an event loop: a busy database file never stalls the loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

from summarizer import asummarize
from summarizer.engines.llm.cache import Cache
from tests.conftest import replay

HELD = 1.5  # seconds another process holds the database's write lock


def summarize_seed(seed: str, cache: Cache | None):  # type: ignore[no-untyped-def]
    transport = replay("seed_happy_tools").transport()
    return asummarize(seed, input_name="seed.txt", transport=transport, cache=cache)


def test_a_busy_cache_file_does_not_block_the_event_loop(tmp_path: Path, seed: str) -> None:
    asyncio.run(summarize_seed(seed, None))  # imports done: the loop's gaps are the cache's
    cache = Cache(tmp_path / "c").open()
    other = sqlite3.connect(cache.path, isolation_level=None, check_same_thread=False)
    gaps: list[float] = []

    async def ticker() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    async def main() -> float:
        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0.05)
        other.execute("BEGIN IMMEDIATE")  # another process writing: our store must wait
        threading.Timer(HELD, other.execute, ("COMMIT",)).start()
        started = time.monotonic()
        result = await summarize_seed(seed, cache)
        waited = time.monotonic() - started
        await asyncio.sleep(0.05)  # the ticker's turn: a stalled loop shows as one long gap
        tick.cancel()
        assert not result.run.cached
        return waited

    waited = asyncio.run(main())
    other.close()
    assert waited >= HELD * 0.9  # the result was stored once the lock was released ...
    assert max(gaps) < HELD / 2, max(gaps)  # ... while the loop went on running other tasks
    assert asyncio.run(summarize_seed(seed, cache)).run.cached
    cache.close()


def test_two_servers_on_one_host_do_not_share_cached_results() -> None:
    """Ollama on :11434 and llama.cpp on :8080 answer differently for one model name: a result
    cached from one is not served for the other (the key holds the port and the path)."""
    from summarizer.config import Settings
    from summarizer.engines.llm.cache import cache_key

    def key(base_url: str) -> str:
        return cache_key("An article.", Settings(base_url=base_url), "v1")

    ollama, llama = key("http://127.0.0.1:11434/v1"), key("http://127.0.0.1:8080/v1")
    assert ollama != llama
    assert key("http://127.0.0.1:8080/v1/") == llama  # (a trailing slash is the same server)
    assert key("http://127.0.0.1:8080/proxy/v1") != llama
    assert key("https://api.openai.com/v1") == key("https://api.openai.com:443/v1")
