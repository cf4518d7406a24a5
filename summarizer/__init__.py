"""summarizer: structured, verifiable summaries of news articles.

>>> from summarizer import summarize
>>> result = summarize(open("article.txt").read())      # doctest: +SKIP
>>> result.quotes[0].text == article[result.quotes[0].start:result.quotes[0].end]  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from summarizer.api import asummarize, summarize
from summarizer.errors import (
    ConfigError,
    InputError,
    ProviderError,
    SummarizationFailed,
    SummarizerError,
)
from summarizer.schema import ArticleSummary

try:
    __version__ = version("summarizer")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+source"

__all__ = [
    "ArticleSummary",
    "ConfigError",
    "InputError",
    "ProviderError",
    "SummarizationFailed",
    "SummarizerError",
    "__version__",
    "asummarize",
    "summarize",
]
