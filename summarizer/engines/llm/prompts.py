"""Prompt files, loaded by name from ``summarizer/prompts/`` (package data, shipped in the wheel).

The user prompt holds the placeholder ``{{ article }}`` between the article delimiters
(:data:`ARTICLE_START`, :data:`ARTICLE_END`); the article's text is substituted as a value and
never interpreted as a template, with any look-alike of a delimiter in it altered
(:func:`as_data`). The delimiters are also how :mod:`summarizer.testing` finds the
article in a request (:func:`article_in`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError

PROMPT_NAMES = ("system", "user", "chunk", "final")
ARTICLE_PLACEHOLDER = "{{ article }}"
ARTICLE_START = "<<<ARTICLE\n"  # the user prompt: ARTICLE_START + article + ARTICLE_END
ARTICLE_END = "\nARTICLE>>>"


# What looks like a data block's marker inside the data (an article holding "ARTICLE>>>" would
# end its block early, and what follows would read as the prompt's own text): its run of angle
# brackets is cut to two in the copy the model reads. Offsets are never computed on that copy.
_MARKER_OPENS = re.compile(r"<{3,}(?=\s*(?:ARTICLE|CONTEXT|NOTES))", re.I)
_MARKER_CLOSES = re.compile(r"((?:ARTICLE|CONTEXT|NOTES)\s*)>{3,}", re.I)


def as_data(text: str) -> str:
    """``text`` as it goes between the prompt's markers: the same, but that no marker of
    ours (``<<<ARTICLE``, ``ARTICLE>>>``, the same for CONTEXT and NOTES, in any case) occurs
    in it, so that the block ends only where the prompt ends it."""
    if "<<<" not in text and ">>>" not in text:  # nearly every article: two scans in C
        return text
    return _MARKER_CLOSES.sub(r"\1>>", _MARKER_OPENS.sub("<<", text))


def article_in(message: str) -> str | None:
    """The article in a user message built from our prompt, or None if there is none."""
    start = message.find(ARTICLE_START)
    end = message.rfind(ARTICLE_END)
    if start == -1 or end < start + len(ARTICLE_START):
        return None
    return message[start + len(ARTICLE_START) : end]


def article_in_body(body: Mapping[str, Any]) -> str | None:
    """The article in a chat completion request body built from our prompt (its user message:
    a batch file's line, a request the test server receives), or None if there is none."""
    messages = body.get("messages")
    for message in messages if isinstance(messages, list) else []:
        content = message.get("content") if isinstance(message, dict) else None
        if message.get("role") == "user" and isinstance(content, str):
            found = article_in(content)
            if found is not None:
                return found
    return None


@cache
def prompts_dir() -> Path:
    """Where the prompt files are: ``summarizer/prompts/``, package data."""
    here = Path(__file__).resolve().parents[2] / "prompts"
    if (here / "system.md").is_file():
        return here
    raise ConfigError(f"prompt files not found in {here}: reinstall summarizer")


@cache
def load(name: str) -> str:
    """The text of ``prompts/<name>.md``."""
    path = prompts_dir() / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"no prompt named {name!r} in {prompts_dir()}") from None
    if name == "user" and ARTICLE_START + ARTICLE_PLACEHOLDER + ARTICLE_END not in text:
        raise ConfigError(
            f"{path} must hold {ARTICLE_START + ARTICLE_PLACEHOLDER + ARTICLE_END!r}: "
            "reinstall summarizer"
        )
    return text


@cache
def prompt_version() -> str:
    """A short hash of the prompt files and the model-facing schema: changes when either does."""
    from summarizer.engines.llm.draft import SummaryDraft
    from summarizer.schema import SCHEMA_VERSION

    digest = hashlib.sha256()
    for name in PROMPT_NAMES:
        digest.update(load(name).encode("utf-8"))
    digest.update(json.dumps(SummaryDraft.model_json_schema(), sort_keys=True).encode("utf-8"))
    digest.update(SCHEMA_VERSION.encode("utf-8"))
    return digest.hexdigest()[:12]
