"""The LLM path: the only module that imports openai and instructor.

One chat completion per article when the first answer validates. HTTP failures are retried in
one place, :mod:`summarizer.http.transport` (the SDK's own retries are off); answers that fail
validation (a quote not in the article, missing fields...) are re-asked by instructor with the
validation error, up to ``Settings.max_attempts`` calls in all. After the last attempt, the last
answer is parsed once more with ungrounded items dropped and recorded as warnings. An answer
cut off at the token limit, or a refusal, is asked again while attempts remain.
"""

from __future__ import annotations

import functools
import json
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx2
import instructor
import openai
from instructor.core import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import ValidationError

from summarizer.config import LLM_HOWTO, Settings
from summarizer.engines.llm import prompts
from summarizer.engines.llm.draft import SummaryDraft
from summarizer.errors import (
    ConfigError,
    DeadlineError,
    ProviderError,
    SummarizationFailed,
    SummarizerError,
)
from summarizer.http.transport import (
    AsyncResilientTransport,
    DeadlineExceeded,
    MalformedResponse,
    ResilientTransport,
)
from summarizer.schema import Usage
from summarizer.text.grounding import Article

if TYPE_CHECKING:
    from summarizer.http.ratelimit import RateLimiter

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
}
_FAILURES = (InstructorRetryException, IncompleteOutputException, openai.OpenAIError)
NO_KEY_PLACEHOLDER = "unused"  # local servers ignore the key, the SDK insists on one
_LIMITS = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)


def _memoize_async_validator_check() -> None:
    """instructor checks the response model for async validators about 7 times per request,
    walking every class it references (~4 ms an article, a third of our CPU per request at
    --jobs 32). The check depends on the class alone, so remember the classes that passed.
    A pure optimisation: if instructor moves the function, the original keeps running."""
    try:
        from instructor.v2.validation import async_validators
    except ImportError:  # pragma: no cover - another instructor layout
        return
    original = async_validators.reject_async_validators
    if getattr(original, "_summarizer_memo", False):
        return
    passed: set[int] = set()
    keep: list[Any] = []  # the classes stay alive, so their ids are never reused

    def reject_async_validators(response_model: Any) -> None:
        if id(response_model) in passed:
            return
        original(response_model)  # raises for a model with async validators
        if isinstance(response_model, type):
            passed.add(id(response_model))
            keep.append(response_model)

    reject_async_validators._summarizer_memo = True  # type: ignore[attr-defined]
    async_validators.reject_async_validators = reject_async_validators


def _cache_compiled_templates() -> None:
    """instructor compiles each message as a Jinja template on every call (~1 ms a message).
    Our message texts are fixed (the article is a context value, never template text), so
    compile each distinct text once, in the same sandboxed environment, and render as before."""
    try:
        from instructor.v2.core import templating
        from jinja2.sandbox import SandboxedEnvironment
    except ImportError:  # pragma: no cover - another instructor layout
        return
    current = getattr(templating, "apply_template", None)
    if current is None or getattr(current, "_summarizer_memo", False):
        return  # gone from this instructor version, or already ours
    environment = SandboxedEnvironment()
    compiled = functools.lru_cache(maxsize=64)(environment.from_string)

    def apply_template(text: str, context: dict[str, Any]) -> str:
        return textwrap.dedent(compiled(text).render(**context))

    apply_template._summarizer_memo = True  # type: ignore[attr-defined]
    setattr(templating, "apply_template", apply_template)  # noqa: B010 - typed as a module


def _compact_embedded_schemas() -> None:
    """In md_json mode instructor writes the JSON schema into the system message indented by
    two spaces: about 470 tokens of whitespace on every request. The same JSON without the
    indentation means the same to the model. Only ``json.dumps`` calls that ask for an indent,
    in instructor's OpenAI handlers module, are changed."""
    try:
        from instructor.v2.providers.openai import handlers
    except ImportError:  # pragma: no cover - another instructor layout
        return
    if not isinstance(getattr(handlers, "json", None), type(json)):
        return  # gone, or already ours

    class _CompactJson:
        def __getattr__(self, name: str) -> Any:
            return getattr(json, name)

        @staticmethod
        def dumps(obj: Any, *args: Any, indent: Any = None, **kwargs: Any) -> str:
            if indent is not None:
                kwargs.setdefault("separators", (",", ":"))
            return json.dumps(obj, *args, **kwargs)

    setattr(handlers, "json", _CompactJson())  # noqa: B010 - typed as a module


_memoize_async_validator_check()
_cache_compiled_templates()
_compact_embedded_schemas()
# Wrapped once: instructor builds (and re-derives the JSON schema of) a new wrapper class on
# every call when given a plain pydantic model, which costs milliseconds per article.
_RESPONSE_MODEL: Any = instructor.response_schema(SummaryDraft)


@dataclass
class Extraction:
    """A validated draft and what it cost."""

    draft: SummaryDraft
    attempts: int
    usage: Usage
    warnings: list[str] = field(default_factory=list)


def make_client(
    settings: Settings,
    http_client: httpx2.Client | None = None,
    *,
    transport: httpx2.BaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> openai.OpenAI:
    """An OpenAI client for ``settings``, sending through our retrying, paced transport.

    ``transport`` replaces the network under it (a replay, a recorder) and needs no key;
    ``http_client`` is a caller's own client, used as it is (its retries are the caller's).
    """
    if http_client is None:
        if transport is None:
            _require_configured(settings)
        http_client = openai.DefaultHttpx2Client(
            transport=ResilientTransport(
                transport or httpx2.HTTPTransport(limits=_LIMITS), settings.retry_policy, limiter
            )
        )
    return openai.OpenAI(
        api_key=settings.api_key or NO_KEY_PLACEHOLDER,
        base_url=settings.base_url,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )


def make_async_client(
    settings: Settings,
    http_client: httpx2.AsyncClient | None = None,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> openai.AsyncOpenAI:
    """The async twin of :func:`make_client`."""
    if http_client is None:
        if transport is None:
            _require_configured(settings)
        http_client = openai.DefaultAsyncHttpx2Client(
            transport=AsyncResilientTransport(
                transport or httpx2.AsyncHTTPTransport(limits=_LIMITS),
                settings.retry_policy,
                limiter,
            )
        )
    return openai.AsyncOpenAI(
        api_key=settings.api_key or NO_KEY_PLACEHOLDER,
        base_url=settings.base_url,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )


def client_host(client: openai.OpenAI | openai.AsyncOpenAI) -> str:
    return str(client.base_url.host)


def _require_configured(settings: Settings) -> None:
    if not settings.llm_configured:
        raise ConfigError(
            f"No API key: {LLM_HOWTO} (or pass api_key= / base_url=), or use engine='offline'"
        )


def _request(article: str, settings: Settings) -> tuple[dict[str, Any], list[int]]:
    """The create() arguments for one article, and a counter of the calls it makes."""
    calls: list[int] = []
    hooks = Hooks()
    hooks.on("completion:response", lambda *_a, **_k: calls.append(1))
    kwargs: dict[str, Any] = {
        "model": settings.model,
        "response_model": _RESPONSE_MODEL,
        "messages": [
            {"role": "system", "content": prompts.load("system")},
            {"role": "user", "content": prompts.load("user")},
        ],
        # Renders {{ article }} in the user prompt and reaches the grounding validators.
        "context": {"article": article, "article_index": Article(article)},
        "max_retries": settings.max_attempts - 1,
        "hooks": hooks,
    }
    return kwargs, calls


def _usage_of(obj: Any) -> Usage:
    if obj is None:
        return Usage()
    return Usage(
        prompt_tokens=getattr(obj, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(obj, "completion_tokens", 0) or 0,
        total_tokens=getattr(obj, "total_tokens", 0) or 0,
    )


def _success(draft: SummaryDraft, completion: Any, calls: list[int]) -> Extraction:
    usage = getattr(draft, "_total_usage", None) or getattr(completion, "usage", None)
    return Extraction(draft=draft, attempts=max(len(calls), 1), usage=_usage_of(usage))


_REFUSAL_PREFIX = "Unable to generate a response due to "


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _cut_or_refused(exc: BaseException) -> str | None:
    """'truncated' (finish_reason length), 'refusal', or None for other failures."""
    for error in _chain(exc):
        if isinstance(error, IncompleteOutputException):
            return "truncated"
        if isinstance(error, AssertionError) and str(error).startswith(_REFUSAL_PREFIX):
            return "refusal"
    return None


def _ask_again(
    exc: BaseException, settings: Settings, calls: list[int], kwargs: dict[str, Any]
) -> bool:
    """A cut-off or refused answer is asked again while attempts remain."""
    if _cut_or_refused(exc) is None or len(calls) >= settings.max_attempts:
        return False
    kwargs["max_retries"] = max(0, settings.max_attempts - len(calls) - 1)
    return True


def _failure(exc: Exception, article: str, settings: Settings, calls: list[int]) -> Extraction:
    """Salvage the last answer after the final attempt, or raise the error that explains why not."""
    why = _cut_or_refused(exc)
    if why == "truncated":
        raise SummarizationFailed(
            f"the model's answer was cut off at its token limit ({len(calls)} attempt(s)): "
            "use a model with a larger output limit, or a shorter article",
            kind="truncated",
        ) from None
    if why == "refusal":
        refusal = next(str(e) for e in _chain(exc) if isinstance(e, AssertionError))
        raise SummarizationFailed(
            f"the model refused to summarize this article ({len(calls)} attempt(s)): "
            f"{refusal.removeprefix(_REFUSAL_PREFIX)[:200]}",
            kind="refusal",
        ) from None
    for error in (exc, exc.__cause__):
        if isinstance(error, openai.OpenAIError):
            raise _provider_error(error, settings) from None
    last = getattr(exc, "last_completion", None)
    attempts = getattr(exc, "n_attempts", None) or len(calls)
    usage = _usage_of(getattr(exc, "total_usage", None))
    if last is None:
        raise SummarizationFailed(
            f"the model returned no usable answer: {_describe(exc.__cause__ or exc)}"
        )
    try:
        draft = _RESPONSE_MODEL.from_response(
            last,
            validation_context={
                "article": article,
                "article_index": Article(article),
                "drop_ungrounded": True,
            },
            mode=MODES[settings.mode],
        )
    except (ValidationError, ValueError) as parse_error:
        if settings.mode == "tools" and _in_prose(last):
            raise SummarizationFailed(
                f"the model answered in prose instead of calling the tool ({attempts} "
                "attempt(s)): for a server or model without tool calls use mode='json_schema' "
                "or mode='md_json'"
            ) from None
        raise SummarizationFailed(
            f"no valid summary after {attempts} attempt(s): {_describe(parse_error)}"
        ) from None
    return Extraction(draft=draft, attempts=attempts, usage=usage, warnings=draft.warnings)


def _in_prose(completion: Any) -> bool:
    """Whether an answer is text with no tool call (small local models often do this)."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return False
    return not getattr(message, "tool_calls", None) and bool((message.content or "").strip())


def _describe(exc: BaseException) -> str:
    """One line: for a ValidationError, how many problems and the first one."""
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"]) or "answer"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{where}: {first['msg']}{more}"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _provider_error(exc: openai.OpenAIError, settings: Settings) -> Exception:
    host = settings.base_url_host
    if isinstance(exc.__cause__, SummarizerError):  # ours, raised under the SDK (a replay)
        return exc.__cause__
    if isinstance(exc.__cause__, MalformedResponse):
        return ProviderError(
            f"{host} kept sending malformed answers ({exc.__cause__}) after "
            f"{settings.http_attempts} attempts",
            kind="malformed_response",
        )
    if isinstance(exc.__cause__, DeadlineExceeded):
        return DeadlineError(
            f"no answer within the article deadline of {settings.deadline:g}s "
            f"({exc.__cause__}): raise deadline="
        )
    if isinstance(exc, openai.AuthenticationError):
        return ConfigError(
            f"{host} rejected the API key: check {settings.where('api_key')}", kind="auth"
        )
    if isinstance(exc, openai.NotFoundError):
        return ConfigError(
            f"{host} has no model {settings.model!r} (or no chat completions endpoint): "
            f"choose one with {settings.where('model')}",
            kind="model_not_found",
        )
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(
            f"{host} kept rate-limiting after {settings.http_attempts} attempts: "
            "lower jobs= or set rpm=/tpm= under your quota",
            kind="rate_limited",
        )
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(
            f"{host} did not answer within {settings.timeout:g}s: raise timeout=",
            kind="timeout",
        )
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(
            f"cannot reach {settings.base_url_address} ({_first_line(exc.__cause__ or exc)}): "
            f"check {settings.where('base_url')} and the network",
            kind="connection",
        )
    if isinstance(exc, openai.APIStatusError):
        return ProviderError(
            f"{host} answered HTTP {exc.status_code}: {_api_message(exc)}", kind="http_status"
        )
    return ProviderError(f"{host}: {_first_line(exc)}")


def _api_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        message = body.get("message") or (body.get("error") or {}).get("message")
        if message:
            return _one_line(str(message))
    return _one_line(str(exc))


def _one_line(text: str, limit: int = 300) -> str:
    """A server's message as one line: some servers send their whole traceback."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Traceback"):
        lines = lines[-1:]  # a Python traceback: its last line says what went wrong
    first = lines[0] if lines else "(no message)"
    return first if len(first) <= limit else first[: limit - 1] + "…"


def extract(article: str, settings: Settings, client: openai.OpenAI) -> tuple[Extraction, str]:
    """Ask the model for a grounded draft. Returns it and the host that answered."""
    structured = instructor.from_openai(client, mode=MODES[settings.mode])
    kwargs, calls = _request(article, settings)
    while True:
        try:
            draft, completion = structured.chat.completions.create_with_completion(**kwargs)
        except _FAILURES as exc:
            if _ask_again(exc, settings, calls, kwargs):
                continue
            return _failure(exc, article, settings, calls), client_host(client)
        return _success(draft, completion, calls), client_host(client)


async def aextract(
    article: str, settings: Settings, client: openai.AsyncOpenAI
) -> tuple[Extraction, str]:
    """The async twin of :func:`extract`."""
    structured = instructor.from_openai(client, mode=MODES[settings.mode])
    kwargs, calls = _request(article, settings)
    while True:
        try:
            draft, completion = await structured.chat.completions.create_with_completion(**kwargs)
        except _FAILURES as exc:
            if _ask_again(exc, settings, calls, kwargs):
                continue
            return _failure(exc, article, settings, calls), client_host(client)
        return _success(draft, completion, calls), client_host(client)
