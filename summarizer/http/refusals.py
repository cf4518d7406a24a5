"""What a server's error answer means: worth retrying, a request it will never accept, or a
feature it does not have.

Local and self-hosted servers say "I do not do that" in many ways: llama-cpp-python answers a
``json_schema`` response format with HTTP 500 and a request-validation error; Ollama answers
tools for a model without tool support with 400 "... does not support tools"; others reject
``$ref`` in schemas. Such an answer is *permanent*: sending the same request again cannot
succeed, so it is not retried, and ``--mode auto`` moves on to the next way of asking.
"""

from __future__ import annotations

import ipaddress
import json
import re
from typing import Any, Literal
from urllib.parse import urlsplit

Feature = Literal["tools", "json_schema", "response_format"]

# A request the server's own validation rejected (pydantic, FastAPI, OpenAI-style 400s).
_VALIDATION = re.compile(
    r"validation error|Input should be|literal_error|extra_forbidden|Extra inputs are not "
    r"permitted|Field required|Unrecognized request argument|invalid_request_error|"
    r"not supported|unsupported|is not allowed|Invalid schema|invalid JSON schema",
    re.I,
)
_FEATURES: tuple[tuple[Feature, re.Pattern[str]], ...] = (
    (
        "tools",
        re.compile(
            r"does not support tools|tool[s_ ]*(?:choice|calls?)?[^.]{0,40}"
            r"(?:not supported|unsupported|not enabled|requires)|"
            r"enable-auto-tool-choice|tool-call-parser",
            re.I,
        ),
    ),
    (
        "json_schema",
        re.compile(
            r"json_schema|\$ref|\$defs|schema[^.]{0,30}(?:not supported|"
            r"unsupported|invalid)",
            re.I,
        ),
    ),
    ("response_format", re.compile(r"response_format|json_object", re.I)),
)


def message_of(body: Any) -> str:
    """The error message in a JSON error body (OpenAI's ``{"error": {"message"}}``, FastAPI's
    ``{"detail"}``, Ollama's ``{"error": "..."}``), else the text."""
    if isinstance(body, bytes | str):
        try:
            body = json.loads(body)
        except ValueError:
            return body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict):
            found = error.get("message") or error.get("detail")
            if found:
                return found if isinstance(found, str) else json.dumps(found)
        elif isinstance(error, str):
            return error
        if "detail" in body:
            detail = body["detail"]
            return detail if isinstance(detail, str) else json.dumps(detail)
    return json.dumps(body) if body is not None else ""


def is_permanent(status: int, message: str) -> bool:
    """Whether the same request can never succeed: a 4xx other than 408/409/429, a 429 that
    says the account's quota is exhausted (OpenAI's ``insufficient_quota``: billing, not
    pacing), or a 5xx whose message is a request-validation error (llama-cpp-python's 500
    for ``json_schema``)."""
    if status == 429:
        return quota_exhausted(message)
    if 400 <= status < 500:
        return status not in {408, 409}
    return status >= 500 and bool(_VALIDATION.search(message))


def quota_exhausted(message: str) -> bool:
    """OpenAI's 429 for an account without credit ("You exceeded your current quota...")."""
    lowered = message.lower()
    return "insufficient_quota" in lowered or "exceeded your current quota" in lowered


def unsupported_feature(status: int, message: str) -> Feature | None:
    """The feature a permanent error says the server lacks, if it names one."""
    if not is_permanent(status, message) or status in {401, 403, 404}:
        return None
    for feature, pattern in _FEATURES:
        if pattern.search(message):
            return feature
    return None


def one_line(message: str, limit: int = 200) -> str:
    """A server's (possibly multi-line, traceback-laden) message as one short line."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_local(base_url: str | None) -> bool:
    """Whether ``base_url`` is a server on this machine or the local network (where a request
    that timed out is probably still being generated: sending it again queues behind it)."""
    if not base_url:
        return False
    host = urlsplit(base_url).hostname or ""
    if host in {"localhost", "host.docker.internal"} or host.endswith((".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # a bare machine name on the local network
    return address.is_loopback or address.is_private or address.is_link_local
