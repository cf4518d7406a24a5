"""The one place HTTP requests are paced and retried.

:class:`ResilientTransport` wraps the transport the OpenAI SDK sends through (the SDK's own
retries are off). For every request, re-asks included, it:

- waits for the client-side budgets (``--rpm`` / ``--tpm``, :mod:`summarizer.http.ratelimit`);
- retries 429, 500, 502, 503, 504 and dropped or timed-out connections: the server's
  ``Retry-After`` (or ``retry-after-ms``) when it gives one, else exponential backoff with full
  jitter;
- keeps within the article's deadline (:func:`deadline`): no attempt starts after it, and each
  attempt's timeout is cut to the time left.

Only this module sleeps between HTTP attempts; re-asks are about content, not HTTP. The policy
(what to retry, how long to wait) is one object; the sync and async transports are two thin
loops around it. (A plain loop, not tenacity: building tenacity's retry state for every request
cost about 1 ms of CPU, a fifth of the client's whole budget per article.)
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import email.utils
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx2

from summarizer.http.ratelimit import RateLimiter

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
EXPECTED_COMPLETION_TOKENS = 1500  # reserved per request under --tpm until usage settles it

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
        usage = json.loads(response.content).get("usage") or {}
        return float(usage.get("total_tokens", -1))
    except (ValueError, AttributeError):
        return -1.0


class _Policy:
    """What to retry and how long to wait: shared by the sync and async transports."""

    def __init__(self, policy: RetryPolicy, limiter: RateLimiter | None) -> None:
        self.policy = policy
        self.limiter = limiter if limiter is not None and limiter.active else None

    def wait_after(self, attempt: int, response: httpx2.Response | None) -> float | None:
        """Seconds to wait before the attempt after ``attempt`` (1-based), which got
        ``response`` (None: a transport error); None when no further attempt is made."""
        if attempt >= self.policy.attempts:
            return None
        if response is not None and response.status_code not in RETRY_STATUSES:
            return None
        asked = retry_after(response) if response is not None else None
        if asked is not None:
            if asked > self.policy.max_retry_after:
                return None  # not worth waiting for: the caller gets the answer as it is
            wait = asked
        else:
            cap = min(self.policy.max_backoff, self.policy.backoff * 2 ** (attempt - 1))
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

    def check(self, request: httpx2.Request, response: httpx2.Response) -> None:
        """Raise :class:`MalformedResponse` for a 2xx JSON answer that does not parse."""
        if not response.is_success or "json" not in response.headers.get("content-type", ""):
            return
        try:
            json.loads(response.content)
        except ValueError:
            raise MalformedResponse(
                f"the server's answer was not valid JSON ({len(response.content)} bytes)",
                request=request,
            ) from None

    def settle(self, estimated: float, response: httpx2.Response) -> None:
        if self.limiter and self.limiter.tpm:
            self.limiter.settle(estimated, _reported_tokens(response))


def _remaining() -> float | None:
    end = _deadline.get()
    return None if end is None else end - time.monotonic()


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
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._attempt(request)
            except httpx2.TransportError:
                wait = self._policy.wait_after(attempt, None)
                if wait is None:
                    raise
            else:
                wait = self._policy.wait_after(attempt, response)
                if wait is None:
                    return response
                response.close()
            time.sleep(wait)

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
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self._attempt(request)
            except httpx2.TransportError:
                wait = self._policy.wait_after(attempt, None)
                if wait is None:
                    raise
            else:
                wait = self._policy.wait_after(attempt, response)
                if wait is None:
                    return response
                await response.aclose()
            await asyncio.sleep(wait)

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
