"""The LLM engine: one object per run, holding its settings, clients, cache and limiter.

One chat completion per article when the first answer validates. The steps are public, so that
other ways of sending (a provider's batch API) build and read exactly what the online path does:

- :meth:`LLMEngine.request_body`: the JSON body of the first request for an article;
- :meth:`LLMEngine.parse_answer`: an answer parsed, validated and grounded, or why not;
- :meth:`LLMEngine.build_reask`: the next request, telling the model what to fix.

:meth:`LLMEngine.conversation` strings them together without doing any I/O: it yields the body
to send and receives the completion, up to ``Settings.max_attempts`` calls. A refusal, or an
answer the server stopped early, is asked again afresh (an answer cut off at the output limit
of the first request is not: it would be cut again); an answer that fails validation is
re-asked with the problems. After the last attempt the last answer (else the best earlier one,
when the last cannot be used) is grounded once more with unlocatable items dropped and recorded
as warnings. :meth:`LLMEngine.summarize` and
:meth:`LLMEngine.asummarize` are the two thin faces that do the sending.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeVar

import httpx2
import openai
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from summarizer.config import DEFAULT_MAX_OUTPUT_TOKENS, FIXED_MODES
from summarizer.engines.llm import longform, prompts
from summarizer.engines.llm.assemble import assemble
from summarizer.engines.llm.budget import (
    SAFETY_TOKENS,
    WINDOW_FIX,
    Budget,
    WindowTooSmall,
    plan,
)
from summarizer.engines.llm.client import (
    CHAT_COMPLETIONS,
    AsyncEndpoint,
    SyncEndpoint,
    Transport,
    first_line,
    make_async_endpoint,
    make_endpoint,
    provider_error,
)
from summarizer.engines.llm.draft import SummaryDraft
from summarizer.engines.llm.ground import ArticleChecks, Grounded, Ungrounded, ground
from summarizer.engines.llm.modes import (
    Cut,
    ModeHandler,
    NoChoice,
    NoToolCall,
    RequestBody,
    handler_for,
)
from summarizer.errors import (
    ConfigError,
    DeadlineError,
    ErrorKind,
    InputError,
    ProviderError,
    SummarizationFailed,
    SummarizerError,
)
from summarizer.http.refusals import is_permanent, message_of, one_line, unsupported_feature
from summarizer.http.transport import PARSED_JSON, DeadlineExceeded, deadline
from summarizer.http.window import (
    Window,
    discover,
    known_output_limit,
    known_window,
    window_from_error,
)
from summarizer.schema import ArticleSummary, SourceInfo, Usage
from summarizer.text.chunks import Chunk
from summarizer.text.grounding import Article
from summarizer.text.tokens import (
    chars_for_tokens,
    estimate_tokens,
    looks_truncated,
    reask_looks_truncated,
    tokens_for_bytes,
)

if TYPE_CHECKING:
    from summarizer.config import ModeChoice, Settings
    from summarizer.engines.llm.cache import Cache
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")

_Endpoint = TypeVar("_Endpoint", SyncEndpoint, AsyncEndpoint)


class ModeUnsupported(SummarizerError):
    """The server or model does not do what the current mode asks (tools, a JSON schema...)."""

    kind = ErrorKind.UNSUPPORTED


class PromptTooLong(SummarizerError):
    """The server said the prompt does not fit its window, and named the window."""

    kind = ErrorKind.HTTP_STATUS

    def __init__(self, message: str, window: int) -> None:
        super().__init__(message)
        self.window = window


@dataclass(frozen=True)
class Rejected:
    """An answer to re-ask about: ``error`` says what is wrong, in words for the model.
    ``draft``: the answer, when it was whole and its only faults were items that dropping
    them fixes (``problems`` of them): a summary can still be made of it."""

    error: Exception
    draft: SummaryDraft | None = None
    problems: int = 0


@dataclass
class _Tried:
    """The answers about one request before the last: the best one that dropping its bad
    items would make a summary of, and how many answered rather than refused."""

    best: Rejected | None = None
    answered: int = 0  # answers that were not refusals
    last_error: Exception | None = None  # what was wrong with the latest one

    def note(self, answer: Rejected | Cut) -> None:
        if isinstance(answer, Cut) and answer.why == "refusal":
            return
        self.answered += 1
        if isinstance(answer, Rejected):
            self.last_error = answer.error
            if answer.draft is not None and (
                self.best is None or answer.problems <= self.best.problems
            ):
                self.best = answer


Answer: TypeAlias = Grounded | Rejected | Cut
Prompt: TypeAlias = Literal["article", "part", "final"]  # the prompts a request is made in
# an answer cut off when its prompt and it filled this share of the window: the window's doing
WINDOW_FULL = 0.95


@dataclass(frozen=True)
class Extraction:
    """A grounded answer and what it cost."""

    grounded: Grounded
    attempts: int
    usage: Usage
    article: Article | None = None  # the article it was grounded in (its views are reused)


def _add_usage(total: Usage, completion: ChatCompletion) -> Usage:
    usage = completion.usage
    if usage is None:
        return total
    return Usage(
        prompt_tokens=total.prompt_tokens + (usage.prompt_tokens or 0),
        completion_tokens=total.completion_tokens + (usage.completion_tokens or 0),
        total_tokens=total.total_tokens + (usage.total_tokens or 0),
    )


def _sum(a: Usage, b: Usage) -> Usage:
    return Usage(
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        total_tokens=a.total_tokens + b.total_tokens,
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
        self._mode: ModeChoice | None = None if settings.mode == "auto" else settings.mode
        # what the server said of its window (asked once, or named in a "prompt too long")
        self._window: Window | None = None
        known = known_window(settings.model)  # the table's, looked up once
        self._known_window = Window(known, "known model") if known else None
        self._settled = False  # the server asked and the remembered mode read (:meth:`_settle`)
        self._settle_lock = threading.Lock()  # one asks; other articles and threads wait
        self._unsaved_mode: str | None = None
        self._overheads: dict[tuple[str, str], int] = {}
        self._published: dict[str, Settings] = {}  # the settings a result states, by mode
        self.cache = cache
        self._transport = transport
        self._limiter = limiter
        if client is not None and not isinstance(client, openai.OpenAI | openai.AsyncOpenAI):
            raise ConfigError(
                "client= must be an openai.OpenAI (for summarize()) or an openai.AsyncOpenAI "
                f"(for asummarize()), got {_type_name(client)}"
            )
        self._client = client if isinstance(client, openai.OpenAI) else None
        self._aclient = client if isinstance(client, openai.AsyncOpenAI) else None
        self._owned: list[openai.OpenAI | openai.AsyncOpenAI] = []
        # the endpoints of the clients built here, posted to without the SDK's request path
        self._endpoint: SyncEndpoint | None = None
        self._aendpoint: AsyncEndpoint | None = None
        self._given_client = client is not None

    # --- the steps --------------------------------------------------------------------------

    @property
    def mode(self) -> ModeChoice:
        """The mode requests are made in: the one set, or what ``auto`` has settled on."""
        return self._mode or FIXED_MODES[0]  # type: ignore[return-value]

    @property
    def handler(self) -> ModeHandler:
        return handler_for(self.mode)

    def request_body(
        self, article: str, published: str | None = None, *, max_tokens: int | None = None
    ) -> RequestBody:
        """The JSON body of the first chat completion request for ``article`` (``published``:
        the web page's publication date, so that the model knows when "this week" was), with
        the output limit (``--max-output-tokens``, lowered to what the window leaves)."""
        if max_tokens is None:
            max_tokens = _answer_tokens(self.budget(), article)
        return self.handler.prepare_request(
            self.settings.model, article, published, max_tokens=max_tokens
        )

    def window(self) -> Window | None:
        """The model's window: ``--context-window``, else what the server said, else the
        table of known models, else None (unknown)."""
        if self.settings.context_window is not None:
            return Window(self.settings.context_window, "context_window=")
        if self._window is not None:
            return self._window
        return self._known_window

    def budget(self, prompt: Prompt = "article", handler: ModeHandler | None = None) -> Budget:
        """The token budget of a request in ``prompt`` (``article``: the whole article;
        ``part``, ``final``: the prompts of a long article read in parts): the window, the
        output limit, and the request's fixed part, estimated once per mode and prompt."""
        handler = handler or self.handler
        key = (handler.mode, prompt)
        overhead = self._overheads.get(key)
        if overhead is None:  # the request without its article: the same for every article
            if prompt == "article":
                empty = handler.prepare_request(self.settings.model, "")
            else:
                user = (
                    longform.part_prompt("", Chunk(0, 0, 0), 999, 999)
                    if prompt == "part"
                    else longform.final_prompt([], 999)
                )
                empty = handler.prepare_request(self.settings.model, "", user=user)
            overhead = self._overheads[key] = estimate_tokens(json.dumps(empty))
        window = self.window()
        return Budget(window.tokens if window else None, self.settings.max_output_tokens, overhead)

    def parse_answer(
        self,
        article: Article,
        completion: ChatCompletion,
        *,
        drop: bool = False,
        limit: int | None = None,
        handler: ModeHandler | None = None,
        checks: ArticleChecks | None = None,
    ) -> Answer:
        """``completion`` parsed, validated and grounded in ``article``: :class:`Grounded`,
        :class:`Rejected` (re-ask with its error) or :class:`Cut` (ask again afresh).
        ``drop=True`` drops what cannot be located instead of rejecting the answer. An answer
        whose completion tokens reached ``limit`` was cut, whatever its finish reason says
        (llama-cpp-python says "tool_calls"). ``checks``: the article's support checks, kept
        across the answers about one article."""
        used = completion.usage.completion_tokens if completion.usage else 0
        if limit is not None and used >= limit and not drop:
            return Cut("truncated")
        try:
            draft = (handler or self.handler).parse_response(completion)
        except NoToolCall:
            if self.settings.mode == "auto" and not drop:
                raise ModeUnsupported("the server answered without a tool call") from None
            raise SummarizationFailed(
                "the model answered in prose instead of calling the tool: for a server or model "
                "without tool calls use mode='json_schema' or mode='md_json' (or mode='auto')"
            ) from None
        except (ValidationError, ValueError) as error:
            return Rejected(error)
        if isinstance(draft, Cut):
            return draft
        grounded = ground(draft, article, drop=drop, checks=checks)
        if isinstance(grounded, Ungrounded):
            return Rejected(
                _ungrounded_error(draft.model_dump(), grounded), draft, len(grounded.problems)
            )
        return grounded

    def build_reask(
        self,
        body: RequestBody,
        completion: ChatCompletion,
        rejected: Rejected,
        handler: ModeHandler | None = None,
    ) -> RequestBody:
        """The request after ``body`` got ``completion``: the answer and what to fix in it."""
        return (handler or self.handler).build_reask(body, completion, rejected.error)

    def conversation(
        self, text: str, published: str | None = None
    ) -> Generator[RequestBody, ChatCompletion, Extraction]:
        """Yields each request body to send and receives its completion; returns the
        grounded answer or raises :class:`SummarizationFailed`. Does no I/O.

        The sender throws into it what a request failed with: with ``--mode auto``, a clear
        "unsupported" answer moves on to the next mode (tools, json_schema, json, md_json) and
        the article starts again; a "prompt too long" naming the window plans again with it."""
        answered, usage = 0, Usage()  # every answer counts, those of an abandoned mode too
        while True:
            mode = self.mode
            inner = self._in_mode(self.handler, text, published)
            try:
                body = next(inner)
                while True:
                    try:
                        completion = yield body
                    except SummarizerError as error:  # the request failed: the sender says how
                        body = inner.throw(error)
                        continue
                    answered += 1
                    usage = _add_usage(usage, completion)
                    body = inner.send(completion)
            except StopIteration as finished:
                done: Extraction = finished.value
                return Extraction(done.grounded, answered, usage, done.article)
            except ModeUnsupported as unsupported:
                self._next_mode(mode, unsupported)
                continue
            except PromptTooLong as too_long:
                known = self.window()
                if known is not None and known.tokens <= too_long.window:
                    raise
                self._window = Window(too_long.window, "the server's error")

    def _next_mode(self, failed: ModeChoice, unsupported: ModeUnsupported) -> None:
        """Move ``auto`` on from the mode that ``failed`` to the next, or fail when none is
        left (another article may have moved it on already)."""
        if self.mode != failed:
            return
        if self.settings.mode != "auto" or self.mode == FIXED_MODES[-1]:
            raise SummarizationFailed(
                f"the server does not accept {self.mode} requests ({unsupported}); "
                "no other mode to try",
                kind=ErrorKind.UNSUPPORTED,
            )
        tried = self.mode
        self._mode = FIXED_MODES[FIXED_MODES.index(tried) + 1]  # type: ignore[assignment]
        log.info("%s: %s; trying --mode %s", self.settings.base_url_host, unsupported, self.mode)
        self._unsaved_mode = self.mode  # stored when the article ends

    def _in_mode(
        self, handler: ModeHandler, text: str, published: str | None
    ) -> Generator[RequestBody, ChatCompletion, Extraction]:
        """The article in the current mode: in one request, or in parts and a final request."""
        budget = self.budget("article", handler)
        parts_budget = self.budget("part", handler)
        tokens = estimate_tokens(text)  # once: encoding an article costs 70,000 instructions
        try:
            chunks = plan(text, budget, parts_budget.overhead, tokens)
        except WindowTooSmall as small:
            raise ConfigError(f"{small}: {WINDOW_FIX}") from None
        if len(chunks) == 1:
            max_tokens = _answer_tokens(budget, text, tokens)
            body = handler.prepare_request(
                self.settings.model, text, published, max_tokens=max_tokens
            )
            return (yield from self._ask(handler, Article(text), body))
        parts: list[longform.Part] = []
        attempts, usage = 0, Usage()
        for number, chunk in enumerate(chunks, 1):
            user = longform.part_prompt(text, chunk, number, len(chunks))
            body = self._body(handler, user, parts_budget, text[chunk.context_start : chunk.end])
            piece = Article(text[chunk.context_start : chunk.end])
            extraction = yield from self._ask(handler, piece, body)
            attempts, usage = attempts + extraction.attempts, _sum(usage, extraction.usage)
            parts.append(longform.Part.of(number, extraction.grounded, chunk.context_start))
        final_budget = self.budget("final", handler)
        room = final_budget.article_room() or 0
        notes = longform.notes(parts, text, chars_for_tokens(room, text))
        if not notes:
            raise ConfigError(
                f"a window of {budget.window} tokens leaves {room} for the notes of the final "
                f"request, too few for any of the {len(chunks)} parts' notes: {WINDOW_FIX}"
            )
        whole = Article(text)
        final = yield from self._ask(
            handler,
            whole,
            self._body(
                handler, longform.final_prompt(notes, len(chunks)), final_budget, "\n".join(notes)
            ),
        )
        grounded = longform.combine(final.grounded, parts)
        return Extraction(grounded, attempts + final.attempts, _sum(usage, final.usage), whole)

    def _body(self, handler: ModeHandler, user: str, budget: Budget, filling: str) -> RequestBody:
        """The request whose user message is ``user``: ``budget``'s template with ``filling``."""
        max_tokens = _answer_tokens(budget, filling)
        return handler.prepare_request(self.settings.model, "", user=user, max_tokens=max_tokens)

    def _ask(
        self, handler: ModeHandler, article: Article, first: RequestBody
    ) -> Generator[RequestBody, ChatCompletion, Extraction]:
        """One request and its re-asks, up to ``--max-attempts``. The first request is not
        sent again unchanged after its answer was cut off at the output limit it carried (the
        same request would be cut again): with a higher limit when :meth:`_raise_limit` finds
        one, else not at all."""
        body = first
        checks = ArticleChecks(article)  # every answer about the article is checked with it
        usage = Usage()
        attempts = 0
        tried = _Tried()
        read_first = 0  # the prompt tokens the server reported for the first request
        while True:
            completion = yield body
            attempts += 1
            usage = _add_usage(usage, completion)
            self._check_input(body, completion, handler, read_first if body is not first else 0)
            if body is first and completion.usage:
                read_first = completion.usage.prompt_tokens
            sent = body.get("max_tokens") or body.get("max_completion_tokens")
            limit = sent if isinstance(sent, int) else None
            answer = self.parse_answer(
                article, completion, limit=limit, handler=handler, checks=checks
            )
            if isinstance(answer, Grounded):
                return Extraction(answer, attempts, usage, article)
            if attempts >= self.settings.max_attempts:
                break
            if body is first and _cut_at(answer, completion, limit):
                raised = self._raise_limit(first, limit, handler)
                if raised is None:  # the same request would be cut again
                    break
                first = raised
            tried.note(answer)
            if isinstance(answer, Cut):
                body = first
            else:
                body = self.build_reask(body, completion, answer, handler)
        grounded = self._last_resort(
            article, completion, answer, attempts, handler, checks, tried=tried, limit=limit
        )
        return Extraction(grounded, attempts, usage, article)

    def _raise_limit(
        self, body: RequestBody, limit: int | None, handler: ModeHandler
    ) -> RequestBody | None:
        """``body`` with twice its output limit ``limit``, within what the model is known to
        allow (:func:`known_output_limit`) and what the window leaves; None when the caller set
        the limit (``max_output_tokens=``, kept as given) or it cannot be raised."""
        if limit is None or self.settings.max_output_tokens != DEFAULT_MAX_OUTPUT_TOKENS:
            return None
        most = known_output_limit(self.settings.model)
        if most is None:
            return None
        raised = min(2 * limit, most)
        window = self.window()
        if window is not None:
            prompt = tokens_for_bytes(handler.body_size(body))
            raised = min(raised, window.tokens - prompt - SAFETY_TOKENS)
        if raised <= limit:
            return None
        field = "max_completion_tokens" if "max_completion_tokens" in body else "max_tokens"
        return {**body, field: raised}

    def _check_input(
        self,
        body: RequestBody,
        completion: ChatCompletion,
        handler: ModeHandler,
        read_before: int = 0,
    ) -> None:
        """Fail when the server read far less of the prompt than was sent (Ollama cuts prompts
        beyond its window without a word); ``read_before``: for a re-ask, the prompt tokens
        the server reported for the first request (see :func:`reask_looks_truncated`)."""
        reported = completion.usage.prompt_tokens if completion.usage else 0
        # estimate_tokens of the body's JSON, measured without dumping its constant parts
        estimated = tokens_for_bytes(handler.body_size(body))
        window = self.window()
        tokens = window.tokens if window else None
        if (
            reask_looks_truncated(reported, read_before, estimated, tokens)
            if read_before
            else looks_truncated(reported, estimated, tokens)
        ):
            raise SummarizationFailed(
                f"the server read only {reported} tokens of a prompt of about {estimated}: it "
                "cut the article to its context window. Give it a larger window (Ollama: "
                "OLLAMA_CONTEXT_LENGTH=32768 or num_ctx in a Modelfile; llama.cpp: -c 32768), "
                "or pass context_window= with the server's real window so long articles are "
                "read in parts",
                kind=ErrorKind.INPUT_TRUNCATED,
            )

    def _last_resort(
        self,
        article: Article,
        completion: ChatCompletion,
        answer: Answer,
        attempts: int,
        handler: ModeHandler | None = None,
        checks: ArticleChecks | None = None,
        *,
        tried: _Tried | None = None,
        limit: int | None = None,
    ) -> Grounded:
        """After the final attempt: the last answer with what cannot be located dropped; else
        (refused, empty, cut off, not whole) the best earlier answer (``tried``) so; else the
        error that explains why there is none. ``limit``: the output limit the last request
        carried."""
        salvaged: Answer | None = None
        if isinstance(answer, Rejected):
            salvaged = self.parse_answer(
                article, completion, drop=True, handler=handler, checks=checks
            )
            if isinstance(salvaged, Grounded):
                return salvaged
        if tried is not None and tried.best is not None and tried.best.draft is not None:
            earlier = ground(tried.best.draft, article, drop=True, checks=checks)
            if isinstance(earlier, Grounded):
                log.info(
                    "the last answer could not be used (%s): an earlier answer is kept, "
                    "with what it got wrong dropped",
                    _describe(answer.error) if isinstance(answer, Rejected) else str(answer),
                )
                return earlier
        if isinstance(answer, Cut) and answer.why == "truncated":
            raise self._cut_off(completion, attempts, limit)
        if isinstance(answer, Cut):
            if tried is None or not tried.answered:
                raise SummarizationFailed(
                    f"the model refused to summarize this article ({attempts} attempt(s)): "
                    f"{answer.detail[:200]}",
                    kind=ErrorKind.REFUSAL,
                )
            why = f": {_describe(tried.last_error)}" if tried.last_error is not None else ""
            raise SummarizationFailed(
                f"the model's last answer was a refusal ({answer.detail[:120]}), and its "
                f"{tried.answered} earlier answer(s) could not be used{why} "
                f"({attempts} attempt(s))",
                kind=ErrorKind.REFUSAL,
            )
        assert isinstance(answer, Rejected)
        if isinstance(answer.error, NoChoice):
            raise SummarizationFailed(
                f"the server answered without a choice ({attempts} attempt(s))",
                kind=ErrorKind.MALFORMED_RESPONSE,
            )
        error = salvaged.error if isinstance(salvaged, Rejected) else answer.error
        raise SummarizationFailed(
            f"no valid summary after {attempts} attempt(s): {_describe(error)}"
        )

    def _cut_off(
        self, completion: ChatCompletion, attempts: int, limit: int | None
    ) -> SummarizationFailed:
        """Why an answer was cut off, in the caller's terms: the context window when the
        request's output limit was lowered to what it left (or the prompt and the answer
        filled it), the output limit asked for (``max_output_tokens=``) when the answer
        reached it, else the server's own reason (``finish_reason: "length"`` below both)."""
        usage = completion.usage
        used = usage.completion_tokens if usage else 0
        prompt = usage.prompt_tokens if usage else 0
        asked = self.settings.max_output_tokens
        sent = limit if limit is not None else asked
        window = self.window()
        if window is not None and (
            (sent < asked and used >= sent) or prompt + used >= window.tokens * WINDOW_FULL
        ):
            return SummarizationFailed(
                f"the model's answer was cut off at {used} tokens, all that the context window "
                f"of {window.tokens} tokens ({window.source}) left after the prompt "
                f"({attempts} attempt(s)): give the server a larger window (Ollama: "
                "OLLAMA_CONTEXT_LENGTH=16384; llama.cpp: -c 16384) and say so with "
                "context_window=",
                kind=ErrorKind.TRUNCATED,
            )
        if used >= sent > asked:  # raised as far as the model allows (_raise_limit)
            return SummarizationFailed(
                f"the model's answer was cut off at its token limit of {sent} tokens, raised "
                f"from max_output_tokens= ({asked}) after each cut ({attempts} attempt(s)): "
                "raise max_output_tokens= further if the model allows, or summarize a shorter "
                "article",
                kind=ErrorKind.TRUNCATED,
            )
        if used >= sent:
            return SummarizationFailed(
                f"the model's answer was cut off at its token limit of {sent} tokens "
                f"({attempts} attempt(s); the same request would be cut again): raise "
                f"max_output_tokens= (now {asked}) if the model allows longer answers, or "
                "summarize a shorter article",
                kind=ErrorKind.TRUNCATED,
            )
        room = "the context window" if window is not None else "the window, if the server has one"
        return SummarizationFailed(
            f"the server stopped the answer at {used} tokens (finish_reason length), below "
            f"the output limit of {sent} tokens (max_output_tokens=) and {room} "
            f"({attempts} attempt(s)): the server limits answers itself; check its settings",
            kind=ErrorKind.TRUNCATED,
        )

    # --- the faces ---------------------------------------------------------------------------

    def summarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary:
        """One article, sending with the sync client."""
        check_text(text, input_name)
        started = time.perf_counter()
        published = source.published if source is not None else None
        key = self._cache_key(f"{published}\x1f{text}" if published else text)
        hit = self.cache.get(key, input_name) if self.cache is not None else None
        if hit is not None:
            return hit
        client = self._sync_client()
        steps = self.conversation(text, published)
        with deadline(self.settings.deadline):
            self._settle()  # within the article's deadline
            try:
                body = next(steps)
                while True:
                    try:
                        completion = self._send(client, body)
                    except SummarizerError as error:
                        body = steps.throw(error)
                        continue
                    body = steps.send(completion)
            except StopIteration as done:
                extraction: Extraction = done.value
            finally:
                if self._unsaved_mode is not None and self.cache is not None:
                    mode, self._unsaved_mode = self._unsaved_mode, None
                    self.cache.put_mode(self._server(), self.settings.model, mode)
        result = self._finish(extraction, text, input_name, str(client.base_url.host), started)
        if self.cache is not None:
            self.cache.put(key, result)
        return result

    async def asummarize(
        self, text: str, input_name: str = "-", *, source: SourceInfo | None = None
    ) -> ArticleSummary:
        """One article, sending with the async client."""
        check_text(text, input_name)
        started = time.perf_counter()
        published = source.published if source is not None else None
        key = self._cache_key(f"{published}\x1f{text}" if published else text)
        hit = await self.cache.aget(key, input_name) if self.cache is not None else None
        if hit is not None:
            return hit
        client = self._async_client()
        steps = self.conversation(text, published)
        with deadline(self.settings.deadline):
            if not self._settled:  # in a thread (with the deadline): it may ask the server
                await asyncio.to_thread(self._settle)
            try:
                body = next(steps)
                while True:
                    try:
                        completion = await self._asend(client, body)
                    except SummarizerError as error:
                        body = steps.throw(error)
                        continue
                    body = steps.send(completion)
            except StopIteration as done:
                extraction: Extraction = done.value
            finally:
                if self._unsaved_mode is not None and self.cache is not None:
                    mode, self._unsaved_mode = self._unsaved_mode, None
                    await self.cache.aput_mode(self._server(), self.settings.model, mode)
        result = self._finish(extraction, text, input_name, str(client.base_url.host), started)
        if self.cache is not None:
            await self.cache.aput(key, result)
        return result

    def _send(self, client: openai.OpenAI, body: RequestBody) -> ChatCompletion:
        endpoint = self._endpoint if self._endpoint and self._endpoint.client is client else None
        host = endpoint.host if endpoint is not None else str(client.base_url.host)
        try:
            if endpoint is not None:  # our own client: its endpoint (see ChatEndpoint)
                response = endpoint.post(body, self.handler.body_json(body))
            else:
                response = client.post(CHAT_COMPLETIONS, cast_to=httpx2.Response, body=body)
        except openai.OpenAIError as error:
            raise self._failure(error, host) from None
        return completion_of(response, host)

    async def _asend(self, client: openai.AsyncOpenAI, body: RequestBody) -> ChatCompletion:
        endpoint = self._aendpoint if self._aendpoint and self._aendpoint.client is client else None
        host = endpoint.host if endpoint is not None else str(client.base_url.host)
        try:
            if endpoint is not None:  # our own client: its endpoint (see ChatEndpoint)
                response = await endpoint.post(body, self.handler.body_json(body))
            else:
                response = await client.post(CHAT_COMPLETIONS, cast_to=httpx2.Response, body=body)
        except openai.OpenAIError as error:
            raise self._failure(error, host) from None
        return completion_of(response, host)

    def _failure(self, error: openai.OpenAIError, host: str) -> Exception:
        """What a failed request means: a mode the server lacks (``auto`` moves on), a prompt
        too long for a window the error names, a request the server will never accept (one
        line and a hint), or what :func:`provider_error` says."""
        if (
            isinstance(error, openai.APIStatusError)
            and not isinstance(
                error, openai.AuthenticationError | openai.NotFoundError | openai.RateLimitError
            )
            and error.status_code != 402  # no credit left: provider_error says so
        ):
            status = error.status_code
            message = message_of(error.body if error.body is not None else error.response.content)
            window = window_from_error(message)
            if window is not None and is_permanent(status, message):
                return PromptTooLong(
                    f"{host} says the prompt does not fit its window of {window} tokens", window
                )
            feature = unsupported_feature(status, message)
            if feature is not None and self.settings.mode == "auto":
                return ModeUnsupported(f"{host} does not support {feature}: {one_line(message)}")
            if is_permanent(status, message):
                hint = (
                    "; try --mode auto (or json)"
                    if feature is not None
                    else "; check --model and the server's options"
                )
                return ProviderError(
                    f"{host} refused the request (HTTP {status}, not retried): "
                    f"{one_line(message)}{hint}",
                    kind=ErrorKind.UNSUPPORTED if feature else ErrorKind.HTTP_STATUS,
                )
        return provider_error(error, self.settings, host)

    def _server(self) -> str:
        return self.settings.server

    def _settle(self) -> None:
        """Before the first request, once per engine, whichever face and thread comes first
        (the others wait): the mode this server accepted last time (``--mode auto``, from the
        cache), and the window of a self-hosted server when nothing else states it. A failure
        leaves it unsettled: the next article tries again."""
        if self._settled:
            return
        with self._settle_lock:
            if self._settled:
                return
            if self.settings.mode == "auto" and self._mode is None and self.cache is not None:
                remembered = self.cache.get_mode(self._server(), self.settings.model)
                if remembered in FIXED_MODES:
                    self._mode = remembered  # type: ignore[assignment]
            base_url = self.settings.base_url
            probe = self._probe_client(base_url) if base_url and not self._given_client else None
            if probe is not None and base_url and self.settings.context_window is None:
                with probe as http:
                    try:
                        self._window = discover(
                            http, base_url, self.settings.model, timeout=self.settings.timeout
                        )
                    except DeadlineExceeded:
                        raise DeadlineError(
                            f"the article deadline of {self.settings.deadline:g}s passed while "
                            "asking the server for its context window: raise deadline=, or "
                            "give context_window="
                        ) from None
            self._settled = True

    def _probe_client(self, base_url: str) -> httpx2.Client | None:
        """The client that asks the server for its window: over the network, through the
        recorder (a recording holds the probes, so that it captures the run as it is), or
        from a replayed recording (which answers them as recorded); None over a caller's
        other transport."""
        from summarizer.http.exchanges import Recording, Replay

        transport = self._transport
        if transport is None:
            return _discovery_client(base_url)
        if isinstance(transport, Recording):
            return httpx2.Client(transport=transport.probe_transport())
        if isinstance(transport, httpx2.MockTransport) and isinstance(transport.handler, Replay):
            return httpx2.Client(transport=httpx2.MockTransport(transport.handler))
        return None

    def _cache_key(self, text: str) -> str:
        if self.cache is None:
            return ""
        from summarizer.engines.llm.cache import cache_key

        return cache_key(text, self.settings, prompts.prompt_version())

    def _finish(
        self,
        extraction: Extraction,
        text: str,
        input_name: str,
        host: str,
        started: float,
    ) -> ArticleSummary:
        mode = self.mode
        published = self._published.get(mode)
        if published is None:  # made once per mode, not copied for every article
            published = self._published[mode] = replace(self.settings, mode=mode)
        return assemble(
            extraction.grounded,
            text,
            input_name,
            settings=published,
            host=host,
            attempts=extraction.attempts,
            usage=extraction.usage,
            started=started,
            rule_quotes=True,
            grounded_in=extraction.article,
        )

    # --- clients -----------------------------------------------------------------------------

    def _sync_client(self) -> openai.OpenAI:
        if self._client is None and self._aclient is not None and self._given_client:
            raise ConfigError(
                "client= must be an openai.OpenAI for summarize() (got "
                f"{_type_name(self._aclient)}): pass it to asummarize(), or give an openai.OpenAI"
            )
        if self._client is None:
            self._endpoint = self._own(
                make_endpoint, httpx2.BaseTransport, "summarize() needs a sync"
            )
            self._client = self._endpoint.client
        return self._client

    def _async_client(self) -> openai.AsyncOpenAI:
        if self._aclient is None and self._client is not None and self._given_client:
            raise ConfigError(
                "client= must be an openai.AsyncOpenAI for asummarize() (got "
                f"{_type_name(self._client)}): pass it to summarize(), or give an "
                "openai.AsyncOpenAI"
            )
        if self._aclient is None:
            self._aendpoint = self._own(
                make_async_endpoint, httpx2.AsyncBaseTransport, "asummarize() needs an async"
            )
            self._aclient = self._aendpoint.client
        return self._aclient

    def _own(self, make: Callable[..., _Endpoint], suits: type, needs: str) -> _Endpoint:
        """A client of this engine's own, from its settings, over the caller's transport (when
        given, it must be of the kind ``suits``), paced by its limiter; with its endpoint."""
        if self._transport is not None and not isinstance(self._transport, suits):
            raise TypeError(f"{needs} httpx2 transport")
        endpoint = make(self.settings, transport=self._transport, limiter=self._limiter)
        self._owned.append(endpoint.client)
        return endpoint

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


def _type_name(value: object) -> str:
    """``openai.OpenAI``, ``str``: the public name of ``value``'s type."""
    kind = type(value)
    module = kind.__module__.split(".")[0]
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _discovery_client(base_url: str) -> httpx2.Client:
    """The client that asks the server for its window. To a plain-HTTP server, with no proxy
    in the environment, it never opens a TLS connection (its probes go to the server itself
    and it follows no redirect): it gets a TLS context that trusts nothing, failing closed,
    instead of the default one, whose CA certificates cost 47 ms of CPU to load."""
    if base_url.startswith("http://") and not urllib.request.getproxies_environment():
        return httpx2.Client(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    return httpx2.Client()


def completion_of(response: httpx2.Response, host: str) -> ChatCompletion:
    """The chat completion in a 2xx answer, read as the SDK reads it for
    ``cast_to=ChatCompletion`` (leniently: a server's missing or extra fields are kept as they
    came), but in one validating pass when the answer conforms, as nearly every answer does:
    a seventh of the SDK's CPU for the same object. The body our transport parsed (checking
    that it parses) is validated as it is, not parsed again."""
    parsed = response.extensions.get(PARSED_JSON)  # our transport parsed it already
    completion: ChatCompletion | None = None
    try:
        if parsed is not None:
            completion = ChatCompletion.model_validate(parsed)
        else:
            completion = ChatCompletion.model_validate_json(response.content)
    except ValidationError:
        pass
    if completion is None:
        try:
            data = response.json() if parsed is None else parsed
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ProviderError(
                f"{host} answered HTTP {response.status_code} without a chat completion "
                f"({len(response.content)} bytes of "
                f"{response.headers.get('content-type', 'no type')})",
                kind=ErrorKind.MALFORMED_RESPONSE,
            )
        completion = ChatCompletion.model_construct(**data)
    if not getattr(completion, "choices", None):  # a caller's client: ours retried it
        raise ProviderError(
            f"{host} answered without a choice (an empty chat completion)",
            kind=ErrorKind.MALFORMED_RESPONSE,
        )
    return completion


def _cut_at(answer: Answer, completion: ChatCompletion, limit: int | None) -> bool:
    """Whether ``answer`` was cut off at the output limit its request carried."""
    used = completion.usage.completion_tokens if completion.usage else 0
    return (
        isinstance(answer, Cut)
        and answer.why == "truncated"
        and limit is not None
        and (used >= limit)
    )


def _answer_tokens(budget: Budget, filling: str, tokens: int | None = None) -> int:
    """The output limit of a request of ``budget``'s fixed part with ``filling`` (the article,
    a piece, the notes; ``tokens``: its estimate, when known), or a clear error when the
    window leaves too little: the one check of every request's size."""
    if tokens is None:
        tokens = estimate_tokens(filling)
    try:
        return budget.answer_tokens(budget.overhead + tokens)
    except WindowTooSmall as small:
        raise ConfigError(f"{small}: {WINDOW_FIX}") from None


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
