"""The client-side limiter, on a fake clock: requests evenly paced, tokens settled by usage."""

from __future__ import annotations

import pytest

from summarizer.errors import ConfigError
from summarizer.http.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_requests_are_paced_evenly_at_the_limit() -> None:
    clock = FakeClock()
    limiter = RateLimiter(rpm=600, clock=clock)  # one request every 0.1 s
    assert limiter.try_acquire(0) == 0.0
    assert limiter.try_acquire(0) == pytest.approx(0.1)  # refused: try again in 0.1 s
    assert limiter.try_acquire(0) == pytest.approx(0.1)  # a refusal takes nothing
    clock.now += 0.1
    assert limiter.try_acquire(0) == 0.0


def test_after_a_stall_the_waiting_requests_do_not_leave_in_a_burst() -> None:
    clock = FakeClock()
    limiter = RateLimiter(rpm=60, clock=clock)
    limiter.try_acquire(0)
    clock.now += 3600  # an hour idle, or a loop that stalled
    assert limiter.try_acquire(0) == 0.0
    assert limiter.try_acquire(0) == pytest.approx(1.0)  # still one per second


def test_tokens_wait_for_their_budget_and_are_settled_by_usage() -> None:
    clock = FakeClock()
    limiter = RateLimiter(tpm=6000, clock=clock)  # 100 tokens per second, at most 100 at once
    assert limiter.try_acquire(100) == 0.0
    assert limiter.try_acquire(300) == pytest.approx(1.0)  # waits for a full bucket...
    clock.now += 1.0
    assert limiter.try_acquire(300) == 0.0  # ...then goes, 200 tokens in debt
    assert limiter.try_acquire(100) == pytest.approx(3.0)
    limiter.settle(estimated=300, actual=100)  # the request used less than reserved
    assert limiter.try_acquire(100) == pytest.approx(1.0)


def test_both_budgets_must_allow_a_request() -> None:
    clock = FakeClock()
    limiter = RateLimiter(rpm=6000, tpm=600, clock=clock)  # 100 requests/s, 10 tokens/s
    assert limiter.try_acquire(10) == 0.0
    assert limiter.try_acquire(10) == pytest.approx(1.0)  # the token budget decides
    clock.now += 1.0
    assert limiter.try_acquire(10) == 0.0


def test_limits_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="positive"):
        RateLimiter(rpm=0)
    assert not RateLimiter().active
