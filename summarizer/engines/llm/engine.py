"""The LLM engine: one object per run, holding its settings, clients, cache and limiter.

One chat completion per article when the first answer validates. The steps are public, so that
other ways of sending (a provider's batch API) build and read exactly what the online path does:

- :meth:`LLMEngine.request_body`: the JSON body of the first request for an article;
- :meth:`LLMEngine.parse_answer`: an answer parsed, validated and grounded, or why not;
- :meth:`LLMEngine.build_reask`: the next request, telling the model what to fix.

:meth:`LLMEngine.conversation` strings them together without doing any I/O: it yields the body
to send and receives the completion, up to ``Settings.max_attempts`` calls. An answer cut off
at the token limit, or a refusal, is asked again afresh; an answer that fails validation is
re-asked with the problems. After the last attempt the last answer is grounded once more with
unlocatable items dropped and recorded as warnings. :meth:`LLMEngine.summarize` and
:meth:`LLMEngine.asummarize` are the two thin faces that do the sending.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import httpx2
import openai
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from summarizer.engines.llm import prompts
from summarizer.engines.llm.assemble import assemble, merge_rule_quotes
from summarizer.engines.llm.client import (
    Transport,
    first_line,
    make_async_client,
    make_client,
    provider_error,
)
from summarizer.engines.llm.ground import Grounded, Ungrounded, ground
from summarizer.engines.llm.modes import Cut, ModeHandler, RequestBody
from summarizer.errors import ErrorKind, InputError, SummarizationFailed
from summarizer.http.transport import deadline
from summarizer.schema import ArticleSummary, SourceInfo, Usage
from summarizer.text.grounding import Article

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.engines.llm.cache import Cache
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")

CHAT_COMPLETIONS = "/chat/completions"


@dataclass(frozen=True)
class Rejected:
    """An answer to re-ask about: ``error`` says what is wrong, in words for the model."""

    error: Exception


Answer: TypeAlias = Grounded | Rejected | Cut


@dataclass(frozen=True)
class Extraction:
    """A grounded answer and what it cost."""

    grounded: Grounded
    attempts: int
    usage: Usage


def _add_usage(total: Usage, completion: ChatCompletion) -> Usage:
    usage = completion.usage
    if usage is None:
        return total
    return Usage(
        prompt_tokens=total.prompt_tokens + (usage.prompt_tokens or 0),
        completion_tokens=total.completion_tokens + (usage.completion_tokens or 0),
        total_tokens=total.total_tokens + (usage.total_tokens or 0),
    )


def _describe(exc: BaseException) -> str:
    """One line: for a ValidationError, how many problems and the first one."""
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"]) or "answer"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{where}: {first['msg']}{more}"
    return first_line(exc)


def _in_prose(completion: ChatCompletion) -> bool:
    """Whether an answer is text with no tool call (small local models often do this)."""
    if not completion.choices:
        return False
    message = completion.choices[0].message
    return not message.tool_calls and bool((message.content or "").strip())


def check_text(text: str, input_name: str) -> None:
    if not text.strip():
        raise InputError(f"{input_name}: the article is empty")


class LLMEngine:
    """Summarizes articles with a model behind an OpenAI-compatible API.

    ``client`` is a caller's own ``openai.OpenAI`` or ``openai.AsyncOpenAI``, used as it is;
    otherwise clients are built from ``settings`` on first use, sending through ``transport``
    (a replay, a recorder; the network when None) wrapped in our retries and ``limiter``.
    """

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        *,
        client: openai.OpenAI | openai.AsyncOpenAI | None = None,
        transport: Transport | None = None,
        limiter: RateLimiter | None = None,
        cache: Cache | None = None,
    ) -> None:
        self.settings = settings
        self.handler = ModeHandler(settings.mode)
        self.cache = cache
        self._transport = transport
        self._limiter = limiter
        self._client = client if isinstance(client, openai.OpenAI) else None
        self._aclient = client if isinstance(client, openai.AsyncOpenAI) else None
        self._owned: list[openai.OpenAI | openai.AsyncOpenAI] = []

    # --- the steps --------------------------------------------------------------------------

    def request_body(self, article: str, published: str | None = None) -> RequestBody:
        """The JSON body of the first chat completion request for ``article`` (``published``:
        the web page's publication date, so that the model knows when "this week" was)."""
        return self.handler.prepare_request(self.settings.model, article, published)

    def parse_answer(
        self, article: Article, completion: ChatCompletion, *, drop: bool = False
    ) -> Answer:
        """``completion`` parsed, validated and grounded in ``article``: :class:`Grounded`,
        :class:`Rejected` (re-ask with its error) or :class:`Cut` (ask again afresh).
        ``drop=True`` drops what cannot be located instead of rejecting the answer."""
        try:
            draft = self.handler.parse_response(completion)
        except (ValidationError, ValueError) as error:
            return Rejected(error)
        if isinstance(draft, Cut):
            return draft
        grounded = ground(draft, article, drop=drop)
        if isinstance(grounded, Ungrounded):
            return Rejected(_ungrounded_error(draft.model_dump(), grounded))
        return grounded

    def build_reask(
        self, body: RequestBody, completion: ChatCompletion, rejected: Rejected
    ) -> RequestBody:
        """The request after ``body`` got ``completion``: the answer and what to fix in it."""
        return self.handler.build_reask(body, completion, rejected.error)

    def conversation(
        self, text: str, published: str | None = None
    ) -> Generator[RequestBody, ChatCompletion, Extraction]:
        """Yields each request body to send and receives its completion; returns the
        grounded answer or raises :class:`SummarizationFailed`. Does no I/O."""
        article = Article(text)
        first = body = self.request_body(text, published)
        usage = Usage()
        attempts = 0
        while True:
            completion = yield body
            attempts += 1
            usage = _add_usage(usage, completion)
            answer = self.parse_answer(article, completion)
            if isinstance(answer, Grounded):
                return Extraction(answer, attempts, usage)
            if attempts >= self.settings.max_attempts:
                break
            body = first if isinstance(answer, Cut) else self.build_reask(body, completion, answer)
        return Extraction(self._last_resort(article, completion, answer, attempts), attempts, usage)

    def _last_resort(
        self, article: Article, completion: ChatCompletion, answer: Answer, attempts: int
    ) -> Grounded:
        """After the final attempt: the last answer with what cannot be located dropped, or
        the error that explains why there is none."""
        if isinstance(answer, Cut) and answer.why == "truncated":
            raise SummarizationFailed(
                f"the model's answer was cut off at its token limit ({attempts} attempt(s)): "
                "use a model with a larger output limit, or a shorter article",
                kind=ErrorKind.TRUNCATED,
            )
        if isinstance(answer, Cut):
            raise SummarizationFailed(
                f"the model refused to summarize this article ({attempts} attempt(s)): "
                f"{answer.detail[:200]}",
                kind=ErrorKind.REFUSAL,
            )
        assert isinstance(answer, Rejected)
        salvaged = self.parse_answer(article, completion, drop=True)
        if isinstance(salvaged, Grounded):
            return salvaged
        error = salvaged.error if isinstance(salvaged, Rejected) else answer.error
        if self.settings.mode == "tools" and _in_prose(completion):
            raise SummarizationFailed(
                f"the model answered in prose instead of calling the tool ({attempts} "
                "attempt(s)): for a server or model without tool calls use mode='json_schema' "
                "or mode='md_json'"
            )
        raise SummarizationFailed(
            f"no valid summary after {attempts} attempt(s): {_describe(error)}"
        )

    # --- the faces ---------------------------------------------------------------------------

    def summarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary:
        """One article, sending with the sync client."""
        check_text(text, input_name)
        started = time.perf_counter()
        published = source.published if source is not None else None
        key, hit = self._cached(f"{published}\x1f{text}" if published else text, input_name)
        if hit is not None:
            return hit
        client = self._sync_client()
        steps = self.conversation(text, published)
        with deadline(self.settings.deadline):
            try:
                body = next(steps)
                while True:
                    body = steps.send(self._send(client, body))
            except StopIteration as done:
                extraction: Extraction = done.value
        return self._finish(extraction, text, input_name, str(client.base_url.host), started, key)

    async def asummarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary:
        """One article, sending with the async client."""
        check_text(text, input_name)
        started = time.perf_counter()
        published = source.published if source is not None else None
        key, hit = self._cached(f"{published}\x1f{text}" if published else text, input_name)
        if hit is not None:
            return hit
        client = self._async_client()
        steps = self.conversation(text, published)
        with deadline(self.settings.deadline):
            try:
                body = next(steps)
                while True:
                    body = steps.send(await self._asend(client, body))
            except StopIteration as done:
                extraction: Extraction = done.value
        return self._finish(extraction, text, input_name, str(client.base_url.host), started, key)

    def _send(self, client: openai.OpenAI, body: RequestBody) -> ChatCompletion:
        try:
            return client.post(CHAT_COMPLETIONS, cast_to=ChatCompletion, body=body)
        except openai.OpenAIError as error:
            raise provider_error(error, self.settings, str(client.base_url.host)) from None

    async def _asend(self, client: openai.AsyncOpenAI, body: RequestBody) -> ChatCompletion:
        try:
            return await client.post(CHAT_COMPLETIONS, cast_to=ChatCompletion, body=body)
        except openai.OpenAIError as error:
            raise provider_error(error, self.settings, str(client.base_url.host)) from None

    def _cached(self, text: str, input_name: str) -> tuple[str, ArticleSummary | None]:
        if self.cache is None:
            return "", None
        from summarizer.engines.llm.cache import cache_key

        key = cache_key(text, self.settings, prompts.prompt_version())
        return key, self.cache.get(key, input_name)

    def _finish(
        self,
        extraction: Extraction,
        text: str,
        input_name: str,
        host: str,
        started: float,
        key: str,
    ) -> ArticleSummary:
        result = assemble(
            extraction.grounded,
            text,
            input_name,
            settings=self.settings,
            host=host,
            attempts=extraction.attempts,
            usage=extraction.usage,
            started=started,
        )
        result = merge_rule_quotes(result, text)
        if self.cache is not None:
            self.cache.put(key, result)
        return result

    # --- clients -----------------------------------------------------------------------------

    def _sync_client(self) -> openai.OpenAI:
        if self._client is None:
            transport = self._transport
            if transport is not None and not isinstance(transport, httpx2.BaseTransport):
                raise TypeError("summarize() needs a sync httpx2 transport")
            self._client = make_client(
                self.settings,
                transport=transport,
                limiter=self._limiter,
            )
            self._owned.append(self._client)
        return self._client

    def _async_client(self) -> openai.AsyncOpenAI:
        if self._aclient is None:
            transport = self._transport
            if transport is not None and not isinstance(transport, httpx2.AsyncBaseTransport):
                raise TypeError("asummarize() needs an async httpx2 transport")
            self._aclient = make_async_client(
                self.settings,
                transport=transport,
                limiter=self._limiter,
            )
            self._owned.append(self._aclient)
        return self._aclient

    def close(self) -> None:
        """Close the clients this engine made (a caller's own client stays open)."""
        for client in self._owned:
            if isinstance(client, openai.OpenAI):
                client.close()
        self._owned = [c for c in self._owned if isinstance(c, openai.AsyncOpenAI)]

    async def aclose(self) -> None:
        for client in self._owned:
            if isinstance(client, openai.AsyncOpenAI):
                await client.close()
            else:
                client.close()
        self._owned = []


def _ungrounded_error(answer: object, ungrounded: Ungrounded) -> ValidationError:
    """The problems as the validation error instructor's re-ask words for the model."""
    return ValidationError.from_exception_data(
        "SummaryDraft",
        [
            {
                "type": "value_error",
                "loc": (),
                "input": answer,
                "ctx": {"error": ValueError(ungrounded.message)},
            }
        ],
    )
