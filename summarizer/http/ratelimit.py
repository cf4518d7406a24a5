"""Client-side request and token budgets (``--rpm``, ``--tpm``), so a run stays under a quota.

Each budget is a bucket that refills at ``limit / 60`` per second. A request is sent only when
both buckets hold what it needs, checked at the moment it is about to go: after a stall (a busy
event loop, a suspended laptop) the requests that waited do not leave in a burst. Requests are
paced one by one (a bucket of one request, for providers that enforce their limit per second);
tokens may burst up to one second's budget, and are settled with the usage the server reports.
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

    def wait_for(self, amount: float) -> float:
        """Seconds until ``amount`` may be taken (0.0: now). More than the capacity waits for
        a full bucket and then leaves it in debt."""
        now = self.clock()
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now
        need = min(amount, self.capacity)
        short = need - self.level
        return 0.0 if short <= 1e-9 else short / self.rate  # 1e-9: clock rounding

    def take(self, amount: float) -> None:
        self.level -= amount

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

    def share(self, parts: int) -> RateLimiter:
        """A limiter with a ``parts``-th of these budgets (one per worker process)."""
        return RateLimiter(
            rpm=self.rpm / parts if self.rpm else None,
            tpm=self.tpm / parts if self.tpm else None,
        )

    @property
    def active(self) -> bool:
        return bool(self._requests or self._tokens)

    def try_acquire(self, tokens: float) -> float:
        """Take one request and ``tokens`` if both budgets allow now (returns 0.0); else take
        nothing and return the seconds to wait before trying again."""
        wanted = [(b, n) for b, n in ((self._requests, 1.0), (self._tokens, tokens)) if b]
        with self._lock:
            wait = max((bucket.wait_for(n) for bucket, n in wanted), default=0.0)
            if wait == 0.0:
                for bucket, n in wanted:
                    bucket.take(n)
            return wait

    def settle(self, estimated: float, actual: float) -> None:
        """Correct a token reservation with the usage the server reported."""
        if self._tokens and actual >= 0:
            with self._lock:
                self._tokens.refund(estimated - actual)

    async def acquire(self, tokens: float) -> None:
        while (wait := self.try_acquire(tokens)) > 0:
            await asyncio.sleep(wait)

    def acquire_sync(self, tokens: float) -> None:
        while (wait := self.try_acquire(tokens)) > 0:
            time.sleep(wait)
