"""Client-side request and token budgets (``--rpm``, ``--tpm``), so a run stays under a quota.

Each budget is a bucket that refills at ``limit / 60`` per second. A caller reserves what it
needs and sleeps until the bucket covers it, so callers are served in arrival order and the
rate never exceeds the limit over any stretch of time. Requests are paced one by one (a bucket of
one request: no bursts for a provider that enforces its limit per second); tokens may burst
up to one second's budget, and are settled with the usage the server reports.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

from summarizer.errors import ConfigError


class _Bucket:
    def __init__(self, per_minute: float, capacity: float, clock: Callable[[], float]) -> None:
        self.rate = per_minute / 60.0
        self.capacity = capacity
        self.level = capacity
        self.clock = clock
        self.updated = clock()

    def reserve(self, amount: float) -> float:
        """Take ``amount`` now (possibly into debt); return the seconds to wait before using it."""
        now = self.clock()
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now
        self.level -= amount
        return 0.0 if self.level >= 0 else -self.level / self.rate

    def refund(self, amount: float) -> None:
        self.level = min(self.capacity, self.level + amount)


class RateLimiter:
    """Requests per minute and tokens per minute; either may be None (no limit)."""

    def __init__(
        self,
        rpm: float | None = None,
        tpm: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if (rpm is not None and rpm <= 0) or (tpm is not None and tpm <= 0):
            raise ConfigError("--rpm and --tpm must be positive numbers")
        self.rpm, self.tpm = rpm, tpm
        self._requests = _Bucket(rpm, 1.0, clock) if rpm else None
        self._tokens = _Bucket(tpm, tpm / 60.0, clock) if tpm else None
        self._lock = threading.Lock()  # the sync and async paths may share one limiter

    @property
    def active(self) -> bool:
        return bool(self._requests or self._tokens)

    def reserve(self, tokens: float) -> float:
        """Reserve one request and ``tokens``; the seconds to wait before sending."""
        with self._lock:
            wait = self._requests.reserve(1.0) if self._requests else 0.0
            if self._tokens:
                wait = max(wait, self._tokens.reserve(tokens))
            return wait

    def settle(self, estimated: float, actual: float) -> None:
        """Correct a token reservation with the usage the server reported."""
        if self._tokens and actual >= 0:
            with self._lock:
                self._tokens.refund(estimated - actual)

    async def acquire(self, tokens: float) -> None:
        wait = self.reserve(tokens)
        if wait > 0:
            await asyncio.sleep(wait)

    def acquire_sync(self, tokens: float) -> None:
        wait = self.reserve(tokens)
        if wait > 0:
            time.sleep(wait)
