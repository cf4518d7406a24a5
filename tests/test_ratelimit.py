"""The client-side limiter, on a fake clock: requests evenly paced, tokens settled by usage."""

from __future__ import annotations

import pytest

from summarizer.errors import ConfigError
from summarizer.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_requests_are_paced_evenly_at_the_limit() -> None:
    clock = FakeClock()
    limiter = RateLimiter(rpm=600, clock=clock)  # one request every 0.1 s
    waits = [limiter.reserve(0) for _ in range(5)]  # five callers arrive at once
    assert waits == pytest.approx([0.0, 0.1, 0.2, 0.3, 0.4])


def test_an_idle_limiter_does_not_save_up_a_burst() -> None:
    clock = FakeClock()
    limiter = RateLimiter(rpm=60, clock=clock)
    limiter.reserve(0)
    clock.now += 3600  # an hour idle
    assert limiter.reserve(0) == 0.0
    assert limiter.reserve(0) == pytest.approx(1.0)  # still one per second, no burst


def test_tokens_wait_for_their_budget_and_are_settled_by_usage() -> None:
    clock = FakeClock()
    limiter = RateLimiter(tpm=6000, clock=clock)  # 100 tokens per second
    assert limiter.reserve(100) == 0.0
    assert limiter.reserve(300) == pytest.approx(3.0)  # in debt by 300 tokens
    limiter.settle(estimated=300, actual=100)  # the request used less than reserved
    assert limiter.reserve(100) == pytest.approx(2.0)


def test_limits_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="positive"):
        RateLimiter(rpm=0)
    assert not RateLimiter().active
