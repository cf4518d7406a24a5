"""How many tokens a server's model can take at once (its context window), and where that came
from.

In order: ``--context-window`` (the caller knows best); what the server reports (llama.cpp's
``llama-server``: ``GET /props``, the context of one slot, so ``-np`` is accounted for; Ollama:
``POST /api/show``, ``num_ctx`` when the model sets it, else Ollama's default; vLLM:
``GET /v1/models``, ``max_model_len``); what a server's error says when a prompt was too long
(:func:`window_from_error`); else a table of well-known models (:func:`known_window`). Nothing
here retries: a probe that fails just means that server does not say.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx2

from summarizer.http.transport import DEADLINE_SLACK, DeadlineExceeded, time_left

OLLAMA_DEFAULT_WINDOW = 4096  # OLLAMA_CONTEXT_LENGTH's default; /v1 ignores num_ctx in requests
PROBE_TIMEOUT = 5.0


@dataclass(frozen=True)
class Window:
    tokens: int
    source: str  # "--context-window", "llama.cpp /props", "ollama /api/show", ...


@dataclass(frozen=True)
class Probe:
    """One request that may reveal the window, and how to read its answer."""

    method: str
    url: str
    body: dict[str, Any] | None
    source: str
    read: Callable[[Any, str], int | None]


def _root(base_url: str) -> str:
    """``http://host:port`` of a base URL such as ``http://host:port/v1``."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _read_props(data: Any, model: str) -> int | None:
    settings = data.get("default_generation_settings") if isinstance(data, dict) else None
    return _positive(settings.get("n_ctx")) if isinstance(settings, dict) else None


def _read_models(data: Any, model: str) -> int | None:
    models = data.get("data") if isinstance(data, dict) else None
    if not isinstance(models, list):
        return None
    entries = [m for m in models if isinstance(m, dict)]
    chosen = [m for m in entries if m.get("id") == model] or (entries if len(entries) == 1 else [])
    return _positive(chosen[0].get("max_model_len")) if chosen else None


def _read_ollama(data: Any, model: str) -> int | None:
    if not isinstance(data, dict) or "model_info" not in data:
        return None
    m = re.search(r"(?m)^\s*num_ctx\s+(\d+)", str(data.get("parameters") or ""))
    if m:
        return int(m.group(1))
    info = data.get("model_info") or {}
    trained = [_positive(v) or 0 for k, v in info.items() if k.endswith(".context_length")]
    return min([OLLAMA_DEFAULT_WINDOW, *(t for t in trained if t)])


def probes(base_url: str, model: str) -> list[Probe]:
    """The requests that ask a server at ``base_url`` for ``model``'s window, in order."""
    root = _root(base_url)
    return [
        Probe("GET", root + "/props", None, "llama.cpp /props", _read_props),
        Probe("GET", base_url.rstrip("/") + "/models", None, "/v1/models", _read_models),
        Probe("POST", root + "/api/show", {"model": model}, "ollama /api/show", _read_ollama),
    ]


def _answer(probe: Probe, response: httpx2.Response, model: str) -> Window | None:
    if response.status_code != 200:
        return None
    try:
        tokens = probe.read(json.loads(response.content), model)
    except ValueError:
        return None
    return Window(tokens, probe.source) if tokens else None


def probing(base_url: str, model: str) -> Generator[Probe, httpx2.Response | None, Window | None]:
    """Yields each probe to send and receives its answer (None: it failed); returns the
    window the first informative answer gives. Does no I/O."""
    for probe in probes(base_url, model):
        response = yield probe
        found = _answer(probe, response, model) if response is not None else None
        if found:
            return found
    return None


def discover(
    client: httpx2.Client, base_url: str, model: str, *, timeout: float = PROBE_TIMEOUT
) -> Window | None:
    """Ask the server (no retries; each probe within ``timeout``, at most
    :data:`PROBE_TIMEOUT`, and within the running article deadline, which raises
    :class:`~summarizer.http.transport.DeadlineExceeded` once passed); None when it does not
    say."""
    steps = probing(base_url, model)
    try:
        probe = next(steps)
        while True:
            wait = min(timeout, PROBE_TIMEOUT)
            left = time_left()
            if left is not None:
                if left <= DEADLINE_SLACK:
                    raise DeadlineExceeded("the article deadline passed")
                wait = min(wait, left)
            try:
                answer = client.request(probe.method, probe.url, json=probe.body, timeout=wait)
            except httpx2.HTTPError:
                answer = None
            probe = steps.send(answer)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


# What servers say when a prompt does not fit, and the window in it.
_WINDOW_IN_ERROR = (
    re.compile(r"exceed(?:s|ed)? (?:the )?context window of (\d+)", re.I),  # llama-cpp-python
    re.compile(r"maximum context length is (\d+)", re.I),  # vLLM, OpenAI
    re.compile(r"context (?:size|length|window)[^0-9]{0,40}\(?(\d{3,7})\)?", re.I),  # llama-server
    re.compile(r"n_ctx[\"':= ]+(\d+)", re.I),
)


def window_from_error(message: str) -> int | None:
    """The window a "prompt too long" error names, else None."""
    for pattern in _WINDOW_IN_ERROR:
        m = pattern.search(message)
        if m:
            return int(m.group(1))
    return None


# Context windows of well-known models (tokens), matched on the name's start after any
# "provider/" prefix and before any ":tag"; the longest match wins. Local servers often serve
# less than the model was trained for: their own report (or --context-window) comes first.
KNOWN_WINDOWS = {
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-3.5-turbo": 16_385,
    "gpt-5": 400_000,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
    "llama3.1": 131_072,
    "llama3.2": 131_072,
    "llama3.3": 131_072,
    "llama-3.1": 131_072,
    "llama-3.2": 131_072,
    "llama-3.3": 131_072,
    "llama3": 8_192,
    "qwen2.5": 32_768,
    "qwen3": 40_960,
    "mistral": 32_768,
    "mistral-nemo": 131_072,
    "gemma2": 8_192,
    "gemma3": 131_072,
    "phi3": 4_096,
    "phi4": 16_384,
    "smollm2": 8_192,
    "deepseek-r1": 131_072,
}


def known_window(model: str) -> int | None:
    """The table's window for ``model``, if it knows it."""
    return _known(KNOWN_WINDOWS, model)


def _known(table: dict[str, int], model: str) -> int | None:
    """``table``'s entry for ``model``: its name after any "provider/" and before any ":tag"
    starts with the entry's key; the longest key wins."""
    name = model.rsplit("/", 1)[-1].split(":", 1)[0].lower()
    matches = [key for key in table if name.startswith(key)]
    return table[max(matches, key=len)] if matches else None


# The longest answer (output tokens) each well-known hosted model may give, matched as
# :data:`KNOWN_WINDOWS` is. An answer cut off at the default output limit is asked again with a
# higher one, up to this, when the caller set no limit of their own.
KNOWN_OUTPUT_LIMITS = {
    "gpt-4.1": 32_768,
    "gpt-4o": 16_384,
    "gpt-5": 128_000,
    "o3": 100_000,
    "o4-mini": 100_000,
}


def known_output_limit(model: str) -> int | None:
    """The table's output limit for ``model``, if it knows it."""
    return _known(KNOWN_OUTPUT_LIMITS, model)
