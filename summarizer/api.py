"""``summarize`` and ``asummarize``: one article in, one ``ArticleSummary`` out.

Settings are resolved once (:class:`summarizer.config.Settings`), the engine is chosen once as
an object (:func:`choose_engine`), and the engine builds the summary.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Literal, Protocol, Unpack

from summarizer.config import LLM_HOWTO, Overrides, Settings
from summarizer.errors import InputError
from summarizer.io.inputs import Article, load_article
from summarizer.schema import ArticleSummary, SourceInfo

if TYPE_CHECKING:
    import httpx2
    import openai

    from summarizer.engines.llm.cache import Cache
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")


class Engine(Protocol):
    """What both engines do: summarize one article, sync or async."""

    name: str

    def summarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary: ...

    async def asummarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary: ...

    def close(self) -> None: ...

    async def aclose(self) -> None: ...


class OfflineEngine:
    """The rule-based engine: no model, no network."""

    name = "offline"

    @staticmethod
    def preload() -> None:
        """Import the rules now: before worker processes are forked, so that they share them
        instead of each importing (and compiling the expressions of) its own."""
        import summarizer.engines.offline.engine  # noqa: F401

    def summarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary:
        """``source``: what the web page said about itself; its title is the headline, its
        declared language the language when the text's own cannot tell."""
        from summarizer.engines.offline.engine import summarize_offline

        started = time.perf_counter()
        if not text.strip():
            raise InputError(f"{input_name}: the article is empty")
        title = source.title if source is not None else None
        declared = source.language if source is not None else None
        return summarize_offline(
            text, input_name=input_name, started=started, title=title, declared=declared
        )

    async def asummarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary:
        return self.summarize(text, input_name, source=source)

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


def article_text(text: object, input_name: str, max_bytes: int) -> str | None:
    """An article given to the library, read as the command line reads one: bytes are decoded
    as files are (the 8-word minimum and HTML extraction follow in ``load_article``)."""
    from summarizer.io.inputs import given_text

    if text is None:
        return None  # the page at url= is fetched
    return given_text(text, input_name, max_bytes)


def pick_engine(
    settings: Settings, have_http: bool = False, *, warn: bool = True
) -> Literal["llm", "offline"]:
    """``auto`` picks the LLM only when one is configured (a key, a base URL, or a client or
    transport given), and says so (unless ``warn`` is False) when it falls back to the
    offline engine."""
    if settings.engine != "auto":
        return settings.engine
    if have_http or settings.llm_configured:
        return "llm"
    if warn:
        log.warning("no LLM configured, using the offline engine: %s for the LLM", LLM_HOWTO)
    return "offline"


def choose_engine(
    settings: Settings,
    *,
    client: openai.OpenAI | openai.AsyncOpenAI | None = None,
    transport: httpx2.BaseTransport | httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
) -> Engine:
    """The engine that will run, as an object: see :func:`pick_engine`."""
    if pick_engine(settings, client is not None or transport is not None) == "offline":
        return OfflineEngine()
    from summarizer.engines.llm.engine import LLMEngine

    return LLMEngine(settings, client=client, transport=transport, limiter=limiter, cache=cache)


def summarize(
    text: str | bytes | None = None,
    settings: Settings | None = None,
    *,
    url: str | None = None,
    input_name: str | None = None,
    client: openai.OpenAI | None = None,
    transport: httpx2.BaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
    **overrides: Unpack[Overrides],
) -> ArticleSummary:
    """Summarize one article.

    ``settings`` (default: from the environment) with ``overrides`` by keyword: ``engine``
    (``auto``: the LLM when ``client``, an API key or a base URL is configured, else the
    offline engine; ``llm``; ``offline``), ``model``, ``mode``, ``api_key``, ``base_url``,
    ``max_attempts``, ``timeout`` (each HTTP request), ``deadline`` (the whole article,
    re-asks and retries included). Not given: ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
    ``SUMMARIZER_MODEL``, then the defaults.

    HTTP can be injected in one of two ways: ``client``, your own configured
    ``openai.OpenAI`` (used as it is), or ``transport``, an ``httpx2`` transport to send
    through instead of the network (a replay, a recorder), still with our retries.
    ``limiter`` paces requests (:class:`summarizer.http.ratelimit.RateLimiter`); ``cache``
    (:class:`summarizer.engines.llm.cache.Cache`) returns a stored result instead of calling
    the model. Raises a :class:`summarizer.errors.SummarizerError`.

    ``text`` is plain text or a web page's HTML, which is reduced to its article (the page's
    metadata goes to ``source``). ``url`` alone fetches the page (``allow_private_urls=True``
    to allow local and private addresses; ``page_cache_dir`` keeps fetched pages);
    ``include_text=True`` puts the text the offsets index in the result.
    """
    resolved = Settings.resolve(settings, **overrides)
    name = input_name or url or "-"
    article = load_article(article_text(text, name, resolved.max_bytes), name, resolved, url=url)
    engine = choose_engine(
        resolved, client=client, transport=transport, limiter=limiter, cache=cache
    )
    try:
        return summarize_article(engine, article, name, resolved)
    finally:
        engine.close()


async def asummarize(
    text: str | bytes | None = None,
    settings: Settings | None = None,
    *,
    url: str | None = None,
    input_name: str | None = None,
    client: openai.AsyncOpenAI | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
    **overrides: Unpack[Overrides],
) -> ArticleSummary:
    """The async twin of :func:`summarize` (``client`` is an ``openai.AsyncOpenAI``)."""
    import asyncio

    resolved = Settings.resolve(settings, **overrides)
    name = input_name or url or "-"
    given = article_text(text, name, resolved.max_bytes)
    article = await asyncio.to_thread(load_article, given, name, resolved, url=url)
    engine = choose_engine(
        resolved, client=client, transport=transport, limiter=limiter, cache=cache
    )
    try:
        return await asummarize_article(engine, article, name, resolved)
    finally:
        await engine.aclose()


def summarize_article(
    engine: Engine, article: Article, input_name: str, settings: Settings
) -> ArticleSummary:
    """One prepared article through ``engine``, with what its page said about it."""
    result = engine.summarize(article.text, input_name, source=article.source)
    return with_article(result, article, settings.include_text)


async def asummarize_article(
    engine: Engine, article: Article, input_name: str, settings: Settings
) -> ArticleSummary:
    result = await engine.asummarize(article.text, input_name, source=article.source)
    return with_article(result, article, settings.include_text)


def with_article(result: ArticleSummary, article: Article, include_text: bool) -> ArticleSummary:
    """The summary with the page's metadata, its doubts about the extraction, and (asked)
    the text."""
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
