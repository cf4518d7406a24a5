"""The one place HTTP requests are paced and retried.

:class:`ResilientTransport` wraps the transport the OpenAI SDK sends through (the SDK's own
retries are off). For every request, re-asks included, it:

- waits for the client-side budgets (``--rpm`` / ``--tpm``, :mod:`summarizer.http.ratelimit`);
- retries 429, 500, 502, 503, 504 and dropped or timed-out connections with tenacity:
  the server's ``Retry-After`` (or ``retry-after-ms``) when it gives one, else exponential
  backoff with full jitter;
- keeps within the article's deadline (:func:`deadline`): no attempt starts after it, and each
  attempt's timeout is cut to the time left.

Only this module sleeps between HTTP attempts; instructor's re-asks are about content, not HTTP.
"""

from __future__ import annotations

import contextlib
import contextvars
import email.utils
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx2
import pydantic_core
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_result,
    stop_after_attempt,
)

from summarizer.http.ratelimit import RateLimiter
from summarizer.http.refusals import is_permanent, message_of, quota_exhausted

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
EXPECTED_COMPLETION_TOKENS = 1500  # reserved per request under --tpm until usage settles it
# a timeout this close to the article deadline was the deadline's cut (prepare), not --timeout's
DEADLINE_SLACK = 0.05
# ``response.extensions`` key of a 2xx JSON answer's body, parsed by the check that it parses:
# a reader takes it instead of parsing the body again
PARSED_JSON = "summarizer.parsed_json"
CHAT_COMPLETIONS_PATH = "/chat/completions"  # its answers must hold a choice

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "summarizer_deadline", default=None
)


class MalformedResponse(httpx2.TransportError):
    """A 2xx answer whose JSON body is cut short or garbled: retried like a dropped connection."""


class DeadlineExceeded(Exception):
    """The article's time budget ran out before its next HTTP attempt."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Every request made inside the block shares one time budget (None: no budget)."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # HTTP attempts per request, the first included (Settings.http_attempts)
    backoff: float = 0.5  # seconds: the first backoff's upper bound, doubling each time
    max_backoff: float = 30.0
    max_retry_after: float = 120.0  # longer Retry-After values are not waited for
    retry_timeouts: bool = True  # False for a local server, which may still be generating


def retry_after(response: httpx2.Response) -> float | None:
    """The wait a 429/503 response asks for, in seconds, if it says."""
    ms = response.headers.get("retry-after-ms")
    if ms:
        with contextlib.suppress(ValueError):
            return max(0.0, float(ms) / 1000.0)
    value = response.headers.get("retry-after")
    if not value:
        return None
    with contextlib.suppress(ValueError):
        return max(0.0, float(value))
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    return None


def _estimate_tokens(request: httpx2.Request) -> float:
    """Prompt tokens by the ~4 characters per token rule, plus the expected answer."""
    return len(request.content) / 4 + EXPECTED_COMPLETION_TOKENS


def _reported_tokens(response: httpx2.Response) -> float:
    try:
        parsed = response.extensions.get(PARSED_JSON)
        usage = (json.loads(response.content) if parsed is None else parsed).get("usage") or {}
        return float(usage.get("total_tokens", -1))
    except (ValueError, AttributeError):
        return -1.0


class _Policy:
    """What to retry and how long to wait: shared by the sync and async transports."""

    def __init__(self, policy: RetryPolicy, limiter: RateLimiter | None) -> None:
        self.policy = policy
        self.limiter = limiter if limiter is not None and limiter.active else None
        self._kwargs: dict[str, Any] = {
            "stop": stop_after_attempt(policy.attempts),
            "wait": self._wait,
            "retry": retry_if_exception(self._retryable_error) | retry_if_result(_retryable_answer),
            "retry_error_callback": _last_outcome,
            "reraise": True,
        }

    def retrying_kwargs(self) -> dict[str, Any]:
        """tenacity's strategies for one request; built once per transport, since a fresh
        ``Retrying`` per request is then cheap (about 0.03 ms)."""
        return self._kwargs

    def first_failed(self, error: BaseException) -> _First:
        """The first attempt's failure to retry, or (raised again) one not to retry."""
        if not self._retryable_error(error):
            raise error
        return _First(error=error)

    def _retryable_error(self, error: BaseException) -> bool:
        if isinstance(error, httpx2.TimeoutException) and not self.policy.retry_timeouts:
            return False
        return isinstance(error, httpx2.TransportError)

    def _wait(self, state: RetryCallState) -> float:
        outcome = state.outcome
        asked = None
        if outcome is not None and not outcome.failed:
            asked = retry_after(outcome.result())
        if asked is not None:
            if asked > self.policy.max_retry_after:
                raise _GiveUp(outcome.result() if outcome is not None else None)
            wait = asked
        else:
            cap = min(
                self.policy.max_backoff, self.policy.backoff * 2 ** (state.attempt_number - 1)
            )
            wait = random.uniform(0, cap)
        remaining = _remaining()
        if remaining is not None and wait >= remaining:
            raise DeadlineExceeded(f"waiting {wait:.1f}s to retry would pass the article deadline")
        return wait

    def prepare(self, request: httpx2.Request) -> float:
        """Check the deadline and cut the request's timeout to it; the tokens to reserve."""
        remaining = _remaining()
        if remaining is not None:
            if remaining <= 0:
                raise DeadlineExceeded("the article deadline passed")
            timeout = dict(request.extensions.get("timeout") or {})
            for key in ("connect", "read", "write", "pool"):
                current = timeout.get(key)
                timeout[key] = remaining if current is None else min(current, remaining)
            request.extensions["timeout"] = timeout
        return _estimate_tokens(request) if self.limiter else 0.0

    def timed_out(self, error: httpx2.TimeoutException) -> None:
        """A timeout that ends at the article deadline is the deadline's doing: say so."""
        remaining = _remaining()
        if remaining is not None and remaining <= DEADLINE_SLACK:
            raise DeadlineExceeded("cut short while waiting for the answer") from error

    def check(self, request: httpx2.Request, response: httpx2.Response) -> None:
        """Raise :class:`MalformedResponse` for a 2xx JSON answer that does not parse, or a
        chat completion without a choice; keep what it parses to in
        ``response.extensions[PARSED_JSON]``.

        Parsed by pydantic's parser, half the instructions of ``json.loads`` (340,000 for an
        answer of 13 KB), which takes no JSON that ``json.loads`` rejects; what it rejects
        ``json.loads`` decides (a byte order mark, UTF-16, a lone surrogate are JSON to it)."""
        if not response.is_success or "json" not in response.headers.get("content-type", ""):
            return
        try:
            parsed = response.extensions[PARSED_JSON] = pydantic_core.from_json(response.content)
        except ValueError:
            pass
        else:
            _check_choices(request, parsed)
            return
        try:
            parsed = json.loads(response.content)
        except ValueError:
            raise MalformedResponse(
                f"the server's answer was not valid JSON ({len(response.content)} bytes)",
                request=request,
            ) from None
        _check_choices(request, parsed)

    def settle(self, estimated: float, response: httpx2.Response) -> None:
        if self.limiter and self.limiter.tpm:
            self.limiter.settle(estimated, _reported_tokens(response))


def _check_choices(request: httpx2.Request, parsed: object) -> None:
    """Raise :class:`MalformedResponse` for a chat completion with no choice (``"choices":
    []``: some proxies and content filters answer so): there is no answer to read, and asking
    again may get one."""
    if (
        isinstance(parsed, dict)
        and not parsed.get("choices")
        and request.url.path.endswith(CHAT_COMPLETIONS_PATH)
    ):
        raise MalformedResponse("the server answered without a choice", request=request)


def _retryable_answer(response: httpx2.Response) -> bool:
    """A 429 or 5xx, unless its body says the request itself is invalid (a 500 carrying a
    validation error) or the account has no quota left: sending it again cannot help."""
    if response.status_code not in RETRY_STATUSES:
        return False
    if response.status_code == 429 and quota_exhausted(response.content.decode("utf-8", "replace")):
        return False  # the body's code, not only its message, says so
    return not is_permanent(response.status_code, message_of(response.content))


class _First:
    """The first attempt's outcome, when it is to be retried. The first attempt is made before
    tenacity is (a ``Retrying`` and its strategies' checks cost more than most requests' other
    steps); when it must be retried, tenacity starts from it: its first "attempt" gives this
    outcome back, so that waits, the stop and the last outcome are tenacity's as before."""

    def __init__(
        self, *, response: httpx2.Response | None = None, error: BaseException | None = None
    ) -> None:
        self.response, self.error, self.pending = response, error, True

    def stands(self) -> bool:
        """An answer not to retry: the request's answer as it is."""
        return self.response is not None and not _retryable_answer(self.response)

    def outcome(self) -> httpx2.Response:
        self.pending = False
        if self.error is not None:
            raise self.error
        assert self.response is not None
        return self.response


class _GiveUp(Exception):
    def __init__(self, response: httpx2.Response | None) -> None:
        super().__init__("Retry-After beyond the limit")
        self.response = response


def _last_outcome(state: RetryCallState) -> Any:
    assert state.outcome is not None
    return state.outcome.result()


def _remaining() -> float | None:
    end = _deadline.get()
    return None if end is None else end - time.monotonic()


def time_left() -> float | None:
    """Seconds left before the running article deadline (:func:`deadline`); None: none."""
    return _remaining()


class ResilientTransport(httpx2.BaseTransport):
    """Sync: pacing, retries and the deadline around ``inner``."""

    def __init__(
        self,
        inner: httpx2.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.inner = inner or httpx2.HTTPTransport()
        self._policy = _Policy(policy or RetryPolicy(), limiter)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            first = self._first(request)  # nearly every request ends with it (see _First)
            if first.stands():
                return first.outcome()
            response: httpx2.Response = Retrying(**self._policy.retrying_kwargs())(
                self._again, request, first
            )
        except _GiveUp as give_up:
            assert give_up.response is not None
            return give_up.response
        except httpx2.TimeoutException as error:
            self._policy.timed_out(error)
            raise
        return response

    def _first(self, request: httpx2.Request) -> _First:
        try:
            return _First(response=self._attempt(request))
        except BaseException as error:
            return self._policy.first_failed(error)

    def _again(self, request: httpx2.Request, first: _First) -> httpx2.Response:
        return first.outcome() if first.pending else self._attempt(request)

    def _attempt(self, request: httpx2.Request) -> httpx2.Response:
        tokens = self._policy.prepare(request)
        if self._policy.limiter:
            self._policy.limiter.acquire_sync(tokens)
        response = self.inner.handle_request(request)
        response.read()
        self._policy.check(request, response)
        self._policy.settle(tokens, response)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncResilientTransport(httpx2.AsyncBaseTransport):
    """Async: pacing, retries and the deadline around ``inner``."""

    def __init__(
        self,
        inner: httpx2.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.inner = inner or httpx2.AsyncHTTPTransport()
        self._policy = _Policy(policy or RetryPolicy(), limiter)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            first = await self._first(request)  # nearly every request ends with it (see _First)
            if first.stands():
                return first.outcome()
            response: httpx2.Response = await AsyncRetrying(**self._policy.retrying_kwargs())(
                self._again, request, first
            )
        except _GiveUp as give_up:
            assert give_up.response is not None
            return give_up.response
        except httpx2.TimeoutException as error:
            self._policy.timed_out(error)
            raise
        return response

    async def _first(self, request: httpx2.Request) -> _First:
        try:
            return _First(response=await self._attempt(request))
        except BaseException as error:
            return self._policy.first_failed(error)

    async def _again(self, request: httpx2.Request, first: _First) -> httpx2.Response:
        return first.outcome() if first.pending else await self._attempt(request)

    async def _attempt(self, request: httpx2.Request) -> httpx2.Response:
        tokens = self._policy.prepare(request)
        if self._policy.limiter:
            await self._policy.limiter.acquire(tokens)
        response = await self.inner.handle_async_request(request)
        await response.aread()
        self._policy.check(request, response)
        self._policy.settle(tokens, response)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
