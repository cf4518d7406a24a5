"""The LLM engine's steps as a batch uses them, one request body or answer at a time.

``request_body`` is the body the online path sends for an article; ``read_answer`` parses,
validates and grounds one answer (a chat completion as JSON) against its article;
``reask_body`` is the next request when an answer did not validate; ``finish`` makes the
published summary. The batch never calls the model itself here: it writes these bodies to
files and reads the provider's answers back.
"""

from __future__ import annotations

import json
import re
import textwrap
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from summarizer.config import Settings
from summarizer.engines.llm import prompts
from summarizer.engines.llm.draft import SummaryDraft
from summarizer.errors import ConfigError, ProviderError, SummarizerError
from summarizer.schema import ArticleSummary, Usage
from summarizer.text.grounding import Article

ENDPOINT = "/v1/chat/completions"
_ARTICLE = re.compile(r"<<<ARTICLE\n(.*)\nARTICLE>>>", re.S)
_REASK = "Validation Error found:\n{error}\nRecall the function correctly, fix the errors"
_TOOL_NAME = SummaryDraft.__name__
_tools_cache: list[dict[str, Any]] = []


def _tools() -> list[dict[str, Any]]:
    if not _tools_cache:
        parameters = SummaryDraft.model_json_schema()
        description = parameters.pop("description", "")
        parameters.pop("title", None)
        parameters["required"] = sorted(parameters.get("required", []))
        _tools_cache.append(
            {
                "type": "function",
                "function": {
                    "name": _TOOL_NAME,
                    "description": description,
                    "parameters": parameters,
                },
            }
        )
    return _tools_cache


def render_user(article: str) -> str:
    """The user message for ``article``: the prompt with the article inserted as a value."""
    template = prompts.load("user").removesuffix("\n")
    head, _, tail = template.partition("{{ article }}")
    return textwrap.dedent(head + article + tail)


def request_body(article: str, settings: Settings) -> dict[str, Any]:
    """The chat completion request the online path sends for ``article``."""
    if settings.mode != "tools":
        raise ConfigError(f"batch jobs use --mode tools for now (not {settings.mode})")
    return {
        "messages": [
            {
                "role": "system",
                "content": textwrap.dedent(prompts.load("system").removesuffix("\n")),
            },
            {"role": "user", "content": render_user(article)},
        ],
        "model": settings.model,
        "tool_choice": {"type": "function", "function": {"name": _TOOL_NAME}},
        "tools": _tools(),
    }


def article_of(body: dict[str, Any]) -> str | None:
    """The article inside a request body (its user message), as it was sent."""
    for message in body.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            found = _ARTICLE.search(content)
            if found:
                return found.group(1)
    return None


@dataclass
class Answer:
    """One answer, read: a grounded draft, or the problem to re-ask with."""

    usage: Usage
    draft: SummaryDraft | None = None
    problem: str | None = None
    kind: str = "invalid_output"  # or truncated, refusal
    message: dict[str, Any] | None = None  # the assistant message, for the re-ask
    warnings: list[str] = field(default_factory=list)


def usage_of(completion: dict[str, Any]) -> Usage:
    raw = completion.get("usage") or {}
    prompt = int(raw.get("prompt_tokens") or 0)
    done = int(raw.get("completion_tokens") or 0)
    return Usage(
        prompt_tokens=prompt,
        completion_tokens=done,
        total_tokens=int(raw.get("total_tokens") or prompt + done),
    )


def read_answer(completion: dict[str, Any], article: str, *, last: bool) -> Answer:
    """Parse, validate and ground one chat completion against ``article``.

    ``last``: no re-ask follows, so items that cannot be grounded are dropped (with warnings)
    rather than failing the answer, as after the online path's last attempt.
    """
    usage = usage_of(completion)
    try:
        choice = completion["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        return Answer(usage, problem="the answer has no message", kind="malformed_response")
    if choice.get("finish_reason") == "length":
        return Answer(usage, problem="the answer was cut off at its token limit", kind="truncated")
    calls = message.get("tool_calls") or []
    if message.get("refusal") or not calls:
        refusal = message.get("refusal") or message.get("content") or "no tool call"
        return Answer(usage, problem=str(refusal)[:200], kind="refusal", message=message)
    arguments = calls[0].get("function", {}).get("arguments", "")
    context = {"article": article, "article_index": Article(article), "drop_ungrounded": last}
    try:
        draft = SummaryDraft.model_validate_json(arguments, context=context)
    except ValidationError as exc:
        return Answer(usage, problem=str(exc), message=message)
    if last and not draft.summary.key_points:
        return Answer(usage, problem="no key point had evidence in the article", message=message)
    return Answer(usage, draft=draft, message=message, warnings=draft.warnings)


def reask_body(body: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """The next request after ``answer`` failed: the conversation so far and the problems."""
    messages = list(body["messages"])
    content = _REASK.format(error=answer.problem)
    message = answer.message
    if answer.kind in {"truncated", "malformed_response"} or message is None:
        return {**body, "messages": messages}  # asked again as it was
    calls = message.get("tool_calls") or []
    messages.append(message)
    if not calls:
        messages.append({"role": "user", "content": content})
    for call in calls:
        messages.append(
            {
                "role": "tool",
                "tool_call_id": call.get("id"),
                "name": call.get("function", {}).get("name"),
                "content": content,
            }
        )
    return {**body, "messages": messages}


def finish(
    answer: Answer,
    article: str,
    input_name: str,
    settings: Settings,
    attempts: int,
    usage: Usage,
) -> ArticleSummary:
    """The published summary of a validated answer (the online path's assembler)."""
    from summarizer.engines.llm.assemble import assemble
    from summarizer.engines.llm.extract import Extraction

    assert answer.draft is not None
    extraction = Extraction(
        draft=answer.draft, attempts=attempts, usage=usage, warnings=answer.warnings
    )
    return assemble(
        extraction, article, input_name, settings, settings.base_url_host, time.perf_counter()
    )


def dumps(obj: Any) -> str:
    """Compact JSON, as the SDK sends it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def provider_error(exc: Exception, settings: Settings) -> SummarizerError:
    """The online path's error for an SDK failure (rate limited, timeout, HTTP status...)."""
    from summarizer.engines.llm.extract import _provider_error

    error = _provider_error(exc, settings)  # type: ignore[arg-type]
    return error if isinstance(error, SummarizerError) else ProviderError(str(error))
