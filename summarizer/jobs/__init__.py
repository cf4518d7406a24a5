"""Batch jobs: millions of articles through a provider's Batch API or ``vllm run-batch``.

The same requests as the online path, written as OpenAI batch JSONL (:func:`prepare`), run
elsewhere, and collected with the same guarantees (:func:`collect`): each answer is parsed,
grounded against its own article and re-asked when it does not validate; every input ends as
exactly one record; validated results go to the cache.

    from summarizer.jobs import prepare, collect
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.jobs.requestfiles import prepare
    from summarizer.jobs.results import collect

__all__ = ["collect", "prepare"]


def __getattr__(name: str) -> Any:  # imported on first use: the CLI's --help stays fast
    if name == "prepare":
        from summarizer.jobs.requestfiles import prepare

        return prepare
    if name == "collect":
        from summarizer.jobs.results import collect

        return collect
    raise AttributeError(name)
