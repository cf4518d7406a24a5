"""``summarize`` and ``asummarize``: one article in, one ``ArticleSummary`` out."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from summarizer.config import LLM_HOWTO, Settings
from summarizer.engines.llm import prompts
from summarizer.errors import InputError
from summarizer.schema import (
    ArticleSummary,
)

if TYPE_CHECKING:
    import httpx2
    import openai

    from summarizer.engines.llm.cache import Cache
    from summarizer.engines.llm.extract import Extraction
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")


def summarize(
    text: str | bytes,
    *,
    input_name: str = "-",
    engine: str | None = None,
    model: str | None = None,
    mode: str | None = None,
    client: openai.OpenAI | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    max_attempts: int | None = None,
    timeout: float | None = None,
    deadline: float | None = None,
    http_client: httpx2.Client | None = None,
    transport: httpx2.BaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
) -> ArticleSummary:
    """Summarize one article.

    ``engine`` is ``auto`` (the LLM when ``client``, an API key or a base URL is configured,
    else the offline engine), ``llm`` or ``offline``. Settings not given come from
    ``OPENAI_API_KEY``, ``OPENAI_BASE_URL`` and ``SUMMARIZER_MODEL``.

    ``timeout`` bounds each HTTP request, ``deadline`` the whole article (re-asks and retries
    included). ``client`` is your own configured ``openai.OpenAI``; ``transport`` an
    ``httpx2`` transport to send through instead of the network (a replay, a recorder), still
    with our retries; ``http_client`` your own ``httpx2.Client``, used as it is. ``limiter``
    paces requests (:class:`summarizer.http.ratelimit.RateLimiter`); ``cache``
    (:class:`summarizer.engines.llm.cache.Cache`) returns a stored result instead of calling
    the model.

    ``text`` as ``bytes`` is decoded as the command line decodes a file (UTF-8, UTF-16 with a
    BOM, clearly Windows-1252; binary refused). Text under 8 words is refused, as on the
    command line. Raises a :class:`summarizer.errors.SummarizerError`.
    """
    text = as_text(text, input_name)
    have_client = client is not None or http_client is not None or transport is not None
    call = _begin(
        text,
        input_name,
        have_client,
        cache,
        engine=engine,
        model=model,
        mode=mode,
        api_key=api_key,
        base_url=base_url,
        max_attempts=max_attempts,
        timeout=timeout,
        deadline=deadline,
    )
    if isinstance(call, ArticleSummary):
        return call
    from summarizer.engines.llm import extract as llm
    from summarizer.http.transport import deadline as article_deadline

    settings = call.settings
    client = client or llm.make_client(settings, http_client, transport=transport, limiter=limiter)
    with article_deadline(settings.deadline):
        extraction, host = llm.extract(text, settings, client)
    return call.finish(extraction, host)


async def asummarize(
    text: str | bytes,
    *,
    input_name: str = "-",
    engine: str | None = None,
    model: str | None = None,
    mode: str | None = None,
    client: openai.AsyncOpenAI | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    max_attempts: int | None = None,
    timeout: float | None = None,
    deadline: float | None = None,
    http_client: httpx2.AsyncClient | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
) -> ArticleSummary:
    """The async twin of :func:`summarize` (``client`` is an ``openai.AsyncOpenAI``)."""
    text = as_text(text, input_name)
    have_client = client is not None or http_client is not None or transport is not None
    call = _begin(
        text,
        input_name,
        have_client,
        cache,
        engine=engine,
        model=model,
        mode=mode,
        api_key=api_key,
        base_url=base_url,
        max_attempts=max_attempts,
        timeout=timeout,
        deadline=deadline,
    )
    if isinstance(call, ArticleSummary):
        return call
    from summarizer.engines.llm import extract as llm
    from summarizer.http.transport import deadline as article_deadline

    settings = call.settings
    client = client or llm.make_async_client(
        settings, http_client, transport=transport, limiter=limiter
    )
    with article_deadline(settings.deadline):
        extraction, host = await llm.aextract(text, settings, client)
    return call.finish(extraction, host)


@dataclass
class _LLMCall:
    """An article on its way through the LLM: what is needed to finish it."""

    text: str
    input_name: str
    settings: Settings
    cache: Cache | None
    cache_key: str
    started: float = field(default_factory=time.perf_counter)

    def finish(self, extraction: Extraction, host: str) -> ArticleSummary:
        from summarizer.engines.llm.assemble import assemble

        result = assemble(extraction, self.text, self.input_name, self.settings, host, self.started)
        if self.cache is not None:
            self.cache.put(self.cache_key, result)
        return result


def _begin(
    text: str, input_name: str, have_client: bool, cache: Cache | None, **options: Any
) -> ArticleSummary | _LLMCall:
    """The summary when no model call is needed (offline engine, cache hit), else the call."""
    settings = _prepare(text, input_name, have_client, **options)
    if settings is None:
        return _offline(text, input_name, time.perf_counter())
    if cache is None:
        return _LLMCall(text, input_name, settings, None, "")
    from summarizer.engines.llm.cache import cache_key

    key = cache_key(text, settings, prompts.prompt_version())
    hit = cache.get(key, input_name)
    return hit if hit is not None else _LLMCall(text, input_name, settings, cache, key)


def _prepare(text: str, input_name: str, have_client: bool, **options: Any) -> Settings | None:
    """The settings when the LLM is to run; None when the offline engine is."""
    settings = Settings.resolve(**options)
    _check_text(text, input_name)
    return settings if choose_engine(settings, have_client) == "llm" else None


def choose_engine(settings: Settings, have_client: bool = False) -> str:
    """The engine that will run: ``auto`` picks the LLM only when one is configured."""
    if settings.engine != "auto":
        return settings.engine
    if have_client or settings.llm_configured:
        return "llm"
    log.warning("no LLM configured, using the offline engine: %s for the LLM", LLM_HOWTO)
    return "offline"


def as_text(text: object, input_name: str) -> str:
    """An article given to the library: bytes decoded as the CLI decodes files."""
    if isinstance(text, bytes | bytearray):
        from summarizer.io.inputs import decode_bytes

        return decode_bytes(bytes(text), input_name)
    if not isinstance(text, str):
        raise InputError(
            f"{input_name}: an article is text (str) or bytes, not {type(text).__name__}"
        )
    return text


def _check_text(text: str, input_name: str) -> None:
    from summarizer.io.inputs import require_words

    if not text.strip():
        raise InputError(f"{input_name}: the article is empty")
    require_words(text, input_name)


def _offline(text: str, input_name: str, started: float) -> ArticleSummary:
    from summarizer.engines.offline import engine as offline

    return offline.summarize_offline(text, input_name=input_name, started=started)
