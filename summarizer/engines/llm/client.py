"""The OpenAI clients the LLM engine sends through, and what their failures mean to a user.

HTTP failures are retried in one place, :mod:`summarizer.http.transport` (the SDK's own retries
are off). A caller injects HTTP in one of two ways: their own ``openai`` client (used as it is),
or an ``httpx2`` transport (a replay, a recorder) that our retries and pacing wrap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx2
import openai

from summarizer.config import Settings, missing_llm_message
from summarizer.errors import (
    ConfigError,
    DeadlineError,
    ErrorKind,
    ProviderError,
    SummarizerError,
)
from summarizer.http.aio import default_async_transport
from summarizer.http.refusals import quota_exhausted
from summarizer.http.transport import (
    AsyncResilientTransport,
    DeadlineExceeded,
    MalformedResponse,
    ResilientTransport,
)

if TYPE_CHECKING:
    from summarizer.http.ratelimit import RateLimiter

NO_KEY_PLACEHOLDER = "unused"  # local servers ignore the key, the SDK insists on one
_LIMITS = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)

Transport = httpx2.BaseTransport | httpx2.AsyncBaseTransport


def _require_configured(settings: Settings) -> None:
    if not settings.llm_configured:
        raise ConfigError(missing_llm_message())


def make_client(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> openai.OpenAI:
    """An OpenAI client for ``settings``, sending through our retrying, paced transport over
    ``transport`` (the network when None; a replay or recorder needs no key)."""
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
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> openai.AsyncOpenAI:
    """The async twin of :func:`make_client`."""
    if transport is None:
        _require_configured(settings)
    http_client = openai.DefaultAsyncHttpx2Client(
        transport=AsyncResilientTransport(
            transport or default_async_transport(_LIMITS),  # aiohttp under httpx2
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


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def provider_error(exc: openai.OpenAIError, settings: Settings, host: str) -> Exception:
    """The error a user can act on, for a failed request to ``host``."""
    if isinstance(exc.__cause__, SummarizerError):  # ours, raised under the SDK (a replay)
        return exc.__cause__
    if isinstance(exc.__cause__, MalformedResponse):
        return ProviderError(
            f"{host} kept sending malformed answers ({exc.__cause__}) after "
            f"{settings.http_attempts} attempts",
            kind=ErrorKind.MALFORMED_RESPONSE,
        )
    if isinstance(exc.__cause__, DeadlineExceeded):
        return DeadlineError(
            f"no answer within the article deadline of {settings.deadline:g}s "
            f"({exc.__cause__}): raise deadline="
        )
    if isinstance(exc, openai.AuthenticationError):
        return ConfigError(
            f"{host} rejected the API key: check {settings.where('api_key')}",
            kind=ErrorKind.AUTH,
        )
    if isinstance(exc, openai.NotFoundError):
        return ConfigError(
            f"{host} has no model {settings.model!r} (or no chat completions endpoint): "
            f"choose one with {settings.where('model')}",
            kind=ErrorKind.MODEL_NOT_FOUND,
        )
    if isinstance(exc, openai.RateLimitError) and (
        exc.code == "insufficient_quota" or quota_exhausted(str(exc))
    ):
        return ConfigError(
            f"{host} says the account has no quota left (billing, not pacing): add credit, "
            f"or use another key with {settings.where('api_key')}",
            kind=ErrorKind.AUTH,
        )
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(
            f"{host} kept rate-limiting after {settings.http_attempts} attempts: "
            "lower jobs= or set rpm=/tpm= under your quota",
            kind=ErrorKind.RATE_LIMITED,
        )
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(
            f"{host} did not answer within {settings.timeout:g}s: raise timeout=",
            kind=ErrorKind.TIMEOUT,
        )
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(
            f"cannot reach {settings.base_url_address} ({first_line(exc.__cause__ or exc)}): "
            f"check {settings.where('base_url')} and the network",
            kind=ErrorKind.CONNECTION,
        )
    if isinstance(exc, openai.APIStatusError):
        return ProviderError(
            f"{host} answered HTTP {exc.status_code}: {_api_message(exc)}",
            kind=ErrorKind.HTTP_STATUS,
        )
    return ProviderError(f"{host}: {first_line(exc)}")


def _api_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        message = body.get("message") or (body.get("error") or {}).get("message")
        if message:
            return one_line(str(message))
    return one_line(str(exc))


def one_line(text: str, limit: int = 300) -> str:
    """A server's message as one line: some servers send their whole traceback."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Traceback"):
        lines = lines[-1:]  # a Python traceback: its last line says what went wrong
    first = lines[0] if lines else "(no message)"
    return first if len(first) <= limit else first[: limit - 1] + "…"
