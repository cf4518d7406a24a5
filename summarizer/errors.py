"""One small hierarchy of errors. Each message says what went wrong and how to fix it.

The library raises these; only ``cli.py`` turns them into exit codes. ``kind`` is a short,
stable name for the failure (used in batch error records and logs).
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: something stopped an article from being summarized."""

    kind = "error"

    def __init__(self, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind  # a finer name than the class's: rate_limited, timeout...


class InputError(SummarizerError):
    """The article itself cannot be used (missing, empty, unreadable...)."""

    kind = "input"


class ConfigError(SummarizerError):
    """The configuration cannot work (no API key, unknown engine or mode...)."""

    kind = "config"


class ProviderError(SummarizerError):
    """The LLM provider failed: unreachable, refused the key, rate-limited past our retries."""

    kind = "provider"


class SummarizationFailed(SummarizerError):
    """The model's answers never yielded a valid, grounded summary."""

    kind = "invalid_output"


class DeadlineError(ProviderError):
    """The article's time budget ran out (``--deadline``)."""

    kind = "deadline"


class FetchError(SummarizerError):
    """A web page could not be fetched for a reason that may pass (refused, timed out, 5xx)."""

    kind = "fetch"
