"""summarizer: structured, verifiable summaries of news articles.

>>> from summarizer import summarize
>>> result = summarize(open("article.txt").read())      # doctest: +SKIP
>>> result.quotes[0].text == article[result.quotes[0].start:result.quotes[0].end]  # doctest: +SKIP

Names are imported on first use, so ``summarizer --help`` starts without pydantic or openai.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

# A library is quiet: it logs to the "summarizer" logger and the application decides what to
# show (the command line prints notices itself). Without a handler of its own, Python would
# print our warnings, and instructor's per-attempt errors (which we report as exceptions), on
# stderr through its last-resort handler. An application that configures logging still gets
# both through the root logger.
for _name in ("summarizer", "instructor"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from summarizer.api import asummarize, summarize
    from summarizer.batch import asummarize_many, summarize_many
    from summarizer.errors import (
        ConfigError,
        InputError,
        ProviderError,
        SummarizationFailed,
        SummarizerError,
    )
    from summarizer.schema import ArticleSummary
    from summarizer.text.support import Unsupported, check_support

_EXPORTS = {
    "summarize": "summarizer.api",
    "asummarize": "summarizer.api",
    "summarize_many": "summarizer.batch",
    "asummarize_many": "summarizer.batch",
    "ArticleSummary": "summarizer.schema",
    "check_support": "summarizer.text.support",
    "Unsupported": "summarizer.text.support",
    "ConfigError": "summarizer.errors",
    "InputError": "summarizer.errors",
    "ProviderError": "summarizer.errors",
    "SummarizationFailed": "summarizer.errors",
    "SummarizerError": "summarizer.errors",
}

__all__ = [
    "ArticleSummary",
    "ConfigError",
    "InputError",
    "ProviderError",
    "SummarizationFailed",
    "SummarizerError",
    "Unsupported",
    "__version__",
    "asummarize",
    "asummarize_many",
    "check_support",
    "summarize",
    "summarize_many",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("summarizer")
        except PackageNotFoundError:  # running from a source tree
            return "0.0.0+source"
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
