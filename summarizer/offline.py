"""The offline engine: rule-based, no model, no network."""

from __future__ import annotations

from summarizer.errors import ConfigError
from summarizer.schema import ArticleSummary


def summarize_offline(text: str, *, input_name: str, started: float) -> ArticleSummary:
    raise ConfigError(
        "the offline engine is not available yet: set OPENAI_API_KEY or OPENAI_BASE_URL "
        "and use --engine llm"
    )
