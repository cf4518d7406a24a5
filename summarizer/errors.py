"""One small hierarchy of errors. Each message says what went wrong and how to fix it.

Every error has a :class:`ErrorKind`: a short, stable name (used in batch error records and
logs) that also knows the command line's exit code for it and whether it is a usage error (fixed
by changing the input or the settings, not by running again).
"""

from __future__ import annotations

from enum import StrEnum

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class ErrorKind(StrEnum):
    INPUT = "input"
    CONFIG = "config"
    AUTH = "auth"
    MODEL_NOT_FOUND = "model_not_found"
    PROVIDER = "provider"
    RATE_LIMITED = "rate_limited"
    HTTP_STATUS = "http_status"
    CONNECTION = "connection"
    TIMEOUT = "timeout"
    MALFORMED_RESPONSE = "malformed_response"
    DEADLINE = "deadline"
    INVALID_OUTPUT = "invalid_output"
    TRUNCATED = "truncated"
    INPUT_TRUNCATED = "input_truncated"
    UNSUPPORTED = "unsupported"
    REFUSAL = "refusal"
    INTERNAL = "internal"
    # batch jobs: a request the provider never ran, or a result that never came
    BATCH_EXPIRED = "batch_expired"
    BATCH_CANCELLED = "batch_cancelled"
    MISSING_RESULT = "missing_result"

    @property
    def is_usage(self) -> bool:
        """Fixed by the user (the input, a setting), not by trying again."""
        return self in _USAGE

    @property
    def exit_code(self) -> int:
        return EXIT_USAGE if self.is_usage else EXIT_FAILED

    @classmethod
    def of(cls, name: str) -> ErrorKind:
        """The kind named ``name`` (as in an error record); unknown names are internal."""
        try:
            return cls(name)
        except ValueError:
            return cls.INTERNAL


_USAGE = frozenset({ErrorKind.INPUT, ErrorKind.CONFIG, ErrorKind.AUTH, ErrorKind.MODEL_NOT_FOUND})


class SummarizerError(Exception):
    """Base class: something stopped an article from being summarized."""

    kind: ErrorKind = ErrorKind.INTERNAL

    def __init__(self, message: str, *, kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind  # a finer kind than the class's: rate_limited, timeout...

    @property
    def exit_code(self) -> int:
        return self.kind.exit_code


class InputError(SummarizerError):
    """The article itself cannot be used (missing, empty, unreadable...)."""

    kind = ErrorKind.INPUT


class ConfigError(SummarizerError):
    """The configuration cannot work (no API key, unknown engine or mode...)."""

    kind = ErrorKind.CONFIG


class ProviderError(SummarizerError):
    """The LLM provider failed: unreachable, refused the key, rate-limited past our retries."""

    kind = ErrorKind.PROVIDER


class SummarizationFailed(SummarizerError):
    """The model's answers never yielded a valid, grounded summary."""

    kind = ErrorKind.INVALID_OUTPUT


class DeadlineError(ProviderError):
    """The article's time budget ran out (``--deadline``)."""

    kind = ErrorKind.DEADLINE


class FetchError(SummarizerError):
    """A web page could not be fetched for a reason that may pass (refused, timed out, 5xx)."""

    kind = ErrorKind.CONNECTION
