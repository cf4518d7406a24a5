"""``summarize`` and ``asummarize``: one article in, one ``ArticleSummary`` out."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from summarizer.config import LLM_HOWTO, Settings
from summarizer.engines.llm import prompts
from summarizer.errors import InputError
from summarizer.io.inputs import MAX_BYTES, Article, load_article
from summarizer.schema import (
    ArticleSummary,
)

if TYPE_CHECKING:
    import httpx2
    import openai

    from summarizer.engines.llm.cache import Cache
    from summarizer.engines.llm.extract import Extraction
    from summarizer.http.fetch import PageCache
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")


def summarize(
    text: str | None = None,
    *,
    url: str | None = None,
    allow_private_urls: bool = False,
    include_text: bool = False,
    page_cache: PageCache | None = None,
    max_bytes: int = MAX_BYTES,
    input_name: str | None = None,
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

    ``text`` may be plain text or a web page's HTML (reduced to its article, with the page's
    metadata in ``source``); ``url`` alone fetches the page (``allow_private_urls`` to allow
    local and private addresses; ``page_cache``: a :class:`summarizer.http.fetch.PageCache`);
    ``max_bytes`` caps the article or page; ``include_text`` puts the text the offsets index
    in the result.
    Raises a :class:`summarizer.errors.SummarizerError`.
    """
    have_client = client is not None or http_client is not None or transport is not None
    name = input_name or url or "-"
    article = load_article(
        text,
        name,
        url=url,
        allow_private_urls=allow_private_urls,
        max_bytes=max_bytes,
        timeout=timeout,
        page_cache=page_cache,
    )
    call = _begin(
        article,
        name,
        include_text,
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
        extraction, host = llm.extract(call.text, settings, client, call.published)
    return call.finish(extraction, host)


async def asummarize(
    text: str | None = None,
    *,
    url: str | None = None,
    allow_private_urls: bool = False,
    include_text: bool = False,
    page_cache: PageCache | None = None,
    max_bytes: int = MAX_BYTES,
    input_name: str | None = None,
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
    import asyncio

    have_client = client is not None or http_client is not None or transport is not None
    name = input_name or url or "-"
    article = await asyncio.to_thread(
        load_article,
        text,
        name,
        url=url,
        allow_private_urls=allow_private_urls,
        max_bytes=max_bytes,
        timeout=timeout,
        page_cache=page_cache,
    )
    call = _begin(
        article,
        name,
        include_text,
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
        extraction, host = await llm.aextract(call.text, settings, client, call.published)
    return call.finish(extraction, host)


@dataclass
class _LLMCall:
    """An article on its way through the LLM: what is needed to finish it."""

    article: Article
    include_text: bool
    input_name: str
    settings: Settings
    cache: Cache | None
    cache_key: str
    started: float = field(default_factory=time.perf_counter)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> str | None:
        return self.article.source.published if self.article.source is not None else None

    def finish(self, extraction: Extraction, host: str) -> ArticleSummary:
        from summarizer.engines.llm.assemble import assemble

        result = assemble(extraction, self.text, self.input_name, self.settings, host, self.started)
        if self.cache is not None:
            self.cache.put(self.cache_key, result)
        return _with_article(result, self.article, self.include_text)


def _with_article(result: ArticleSummary, article: Article, include_text: bool) -> ArticleSummary:
    """The summary with what the page said about itself, its doubts, and (asked) the text."""
    run = result.run
    if article.warnings:
        run = run.model_copy(update={"warnings": [*article.warnings, *run.warnings]})
    return result.model_copy(
        update={
            "source": article.source,
            "text": article.text if include_text else None,
            "run": run,
        }
    )


def _begin(
    article: Article,
    input_name: str,
    include_text: bool,
    have_client: bool,
    cache: Cache | None,
    **options: Any,
) -> ArticleSummary | _LLMCall:
    """The summary when no model call is needed (offline engine, cache hit), else the call."""
    text = article.text
    settings = _prepare(text, input_name, have_client, **options)
    if settings is None:
        title = article.source.title if article.source is not None else None
        result = _offline(text, input_name, time.perf_counter(), title)
        return _with_article(result, article, include_text)
    if cache is None:
        return _LLMCall(article, include_text, input_name, settings, None, "")
    from summarizer.engines.llm.cache import cache_key

    key = cache_key(text, settings, prompts.prompt_version())
    hit = cache.get(key, input_name)
    if hit is not None:
        return _with_article(hit, article, include_text)
    return _LLMCall(article, include_text, input_name, settings, cache, key)


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


def _check_text(text: str, input_name: str) -> None:
    if not text.strip():
        raise InputError(f"{input_name}: the article is empty")


def _offline(text: str, input_name: str, started: float, title: str | None) -> ArticleSummary:
    from summarizer.engines.offline import engine as offline

    return offline.summarize_offline(text, input_name=input_name, started=started, title=title)
