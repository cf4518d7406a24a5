"""Server personalities: the quirks of real OpenAI-compatible servers, for the test server.

A :class:`Personality` makes :class:`summarizer.testing.server.DevServer` answer the way a
particular kind of server does, so that a client can be tested against each quirk without that
server. Each field is one quirk seen on a real server (the README's "Local servers" names them):

- ``reject_json_schema``: ``response_format.type = "json_schema"`` is refused with HTTP 500 and a
  request-validation body (llama-cpp-python's ``llama_cpp.server`` accepts only ``text`` and
  ``json_object``);
- ``tools``: ``"ok"`` (tool calls as asked), ``"ignored"`` (the answer comes as text, no tool
  call: a model or chat template without tool support), ``"unsupported"`` (HTTP 400 "... does not
  support tools", as Ollama answers for such models);
- ``refs_unsupported``: a schema with ``$ref``/``$defs`` is refused with HTTP 400;
- ``context_window``: prompts beyond this many tokens are silently cut to it (Ollama's OpenAI
  endpoint): the answer is built from what was kept and ``usage.prompt_tokens`` reports the cut;
  with ``overflow="error"`` they are refused with 400 naming the window (llama-cpp-python);
- ``think``: the content starts with a ``<think>…</think>`` block (reasoning models);
- ``reasoning_only``: the first N answers carry ``reasoning_content`` and an empty ``content``;
- ``finish_at_limit``: the ``finish_reason`` reported when an answer is cut at ``max_tokens``
  (``"length"`` as documented; llama-cpp-python says ``"tool_calls"`` in tools mode);
- ``window_endpoint``: which discovery endpoint reports the context window: ``"llamacpp"``
  (``GET /props``), ``"ollama"`` (``POST /api/show``), ``"vllm"`` (``GET /v1/models`` with
  ``max_model_len``), or None.

Tokens are counted as this server counts them everywhere: four characters of JSON per token.
Presets for the servers named above are in :data:`PERSONALITIES`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from summarizer.engines.llm import prompts

CHARS_PER_TOKEN = 4  # the test server's token count: len(json) // 4
_THINK = "<think>\nThe user wants a structured summary. I will answer in JSON.\n</think>\n\n"

# What llama-cpp-python 0.3.36's server answers for a response_format it does not accept: the
# pydantic request-validation error and a stack frame, in a 500, as its message.
JSON_SCHEMA_REJECTED = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', 'ctx': "
    "{'expected': \"'text' or 'json_object'\"}}\n\n  File \"/site-packages/llama_cpp/server/"
    'app.py", line 376, in create_chat_completion\n    POST /v1/chat/completions'
)


@dataclass(frozen=True)
class Personality:
    """How the test server departs from a well-behaved OpenAI endpoint (default: it does not)."""

    name: str = "openai"
    reject_json_schema: bool = False
    tools: Literal["ok", "ignored", "unsupported"] = "ok"
    refs_unsupported: bool = False
    context_window: int | None = None
    think: bool = False
    reasoning_only: int = 0  # the first N answers: reasoning_content only, empty content
    finish_at_limit: str = "length"
    window_endpoint: Literal["llamacpp", "ollama", "vllm"] | None = None
    model_window: int | None = None  # what the discovery endpoint reports (else context_window)
    overflow: Literal["cut", "error"] = "cut"  # beyond context_window: cut silently, or a 400

    # -- before the answer: refuse what this server refuses ------------------------------

    def refuse(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """(status, error body) when this server refuses the request, else None."""
        fmt = body.get("response_format") or {}
        if self.reject_json_schema and fmt.get("type") == "json_schema":
            return 500, {
                "error": {
                    "message": JSON_SCHEMA_REJECTED,
                    "type": "internal_server_error",
                    "param": None,
                    "code": None,
                }
            }
        if self.tools == "unsupported" and body.get("tools"):
            model = body.get("model", "model")
            return 400, {
                "error": {
                    "message": f"registry.ollama.ai/library/{model} does not support tools",
                    "type": "api_error",
                    "param": None,
                    "code": None,
                }
            }
        size = len(json.dumps(body)) // CHARS_PER_TOKEN
        if self.overflow == "error" and self.context_window and size > self.context_window:
            return 400, {  # llama-cpp-python's words
                "error": {
                    "message": f"Requested tokens ({size}) exceed context window of "
                    f"{self.context_window}",
                    "type": "invalid_request_error",
                }
            }
        if self.refs_unsupported and _has_refs(body):
            return 400, {
                "error": {
                    "message": "invalid JSON schema: $ref and $defs are not supported",
                    "type": "invalid_request_error",
                }
            }
        return None

    # -- what the server sees: a prompt cut at its window ---------------------------------

    def seen(self, body: dict[str, Any]) -> dict[str, Any]:
        """The request as the model sees it: beyond ``context_window`` tokens, the article's end
        is dropped without a word (the answer is built from the rest)."""
        if self.context_window is None or self.overflow == "error":
            return body
        budget = self.context_window * CHARS_PER_TOKEN
        size = len(json.dumps(body))
        if size <= budget:
            return body
        cut = dict(body)
        messages = []
        for message in body.get("messages", []):
            content = message.get("content")
            if message.get("role") == "user" and isinstance(content, str) and size > budget:
                article = prompts.article_in(content)
                if article is not None:
                    start = content.index(prompts.ARTICLE_START) + len(prompts.ARTICLE_START)
                    # the start is kept (at least a paragraph's worth, so there is an answer)
                    keep = max(min(len(article), 400), len(article) - (size - budget) - 1)
                    content = content[:start] + article[:keep] + content[start + len(article) :]
                    size = budget
                message = {**message, "content": content}
            messages.append(message)
        cut["messages"] = messages
        return cut

    # -- after the answer: this server's way of answering ---------------------------------

    def shape(self, body: dict[str, Any], completion: dict[str, Any], answer_no: int) -> None:
        """Change ``completion``, the answer to ``body`` (this server's answer number
        ``answer_no``, from 0), in place."""
        choice = completion["choices"][0]
        message = choice["message"]
        if self.tools == "ignored" and message.get("tool_calls"):
            arguments = message.pop("tool_calls")[0]["function"]["arguments"]
            message["content"] = arguments
            choice["finish_reason"] = "stop"
        if answer_no < self.reasoning_only:
            message["reasoning_content"] = "Let me think about the article step by step."
            message["content"] = ""
            message.pop("tool_calls", None)
            choice["finish_reason"] = "stop"
        elif self.think and message.get("content"):
            message["content"] = _THINK + message["content"]
        self._limit_output(body, completion)

    def _limit_output(self, body: dict[str, Any], completion: dict[str, Any]) -> None:
        """Cut the answer at the request's ``max_tokens``, as every server does."""
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        usage = completion["usage"]
        if not isinstance(limit, int) or usage["completion_tokens"] <= limit:
            return
        choice = completion["choices"][0]
        message = choice["message"]
        keep = limit * CHARS_PER_TOKEN
        if message.get("tool_calls"):
            function = message["tool_calls"][0]["function"]
            function["arguments"] = function["arguments"][:keep]
        elif isinstance(message.get("content"), str):
            message["content"] = message["content"][:keep]
        lies = self.finish_at_limit == "tool_calls" and not message.get("tool_calls")
        choice["finish_reason"] = "length" if lies else self.finish_at_limit
        usage["completion_tokens"] = limit
        usage["total_tokens"] = usage["prompt_tokens"] + limit

    # -- discovery endpoints ----------------------------------------------------------------

    def discovery(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """The answer of this server's context-window endpoint at ``path``, else None."""
        window = self.model_window or self.context_window
        route = path.split("?")[0].rstrip("/")
        if self.window_endpoint == "llamacpp" and method == "GET" and route.endswith("/props"):
            return {
                "default_generation_settings": {"n_ctx": window, "n_predict": -1},
                "total_slots": 1,
                "model_path": "/models/model.gguf",
            }
        if self.window_endpoint == "ollama" and method == "POST" and route.endswith("/api/show"):
            return {
                "modelfile": "FROM /models/model.gguf",
                "parameters": f"num_ctx {window}" if window else "",
                "details": {"format": "gguf", "family": "llama"},
                "model_info": {"general.architecture": "llama", "llama.context_length": 131072},
            }
        if self.window_endpoint == "vllm" and method == "GET" and route.endswith("/models"):
            return {
                "object": "list",
                "data": [
                    {
                        "id": body.get("model", "served-model"),
                        "object": "model",
                        "max_model_len": window,
                    }
                ],
            }
        return None


def _has_refs(body: dict[str, Any]) -> bool:
    schemas: list[Any] = [t.get("function", {}).get("parameters") for t in body.get("tools") or []]
    fmt = body.get("response_format") or {}
    schemas.append((fmt.get("json_schema") or {}).get("schema"))
    text = json.dumps([s for s in schemas if s])
    return '"$ref"' in text or '"$defs"' in text


PERSONALITIES: dict[str, Personality] = {
    "openai": Personality(),
    "llama-cpp-python": Personality(
        name="llama-cpp-python", reject_json_schema=True, finish_at_limit="tool_calls"
    ),
    "llama-server": Personality(
        name="llama-server", window_endpoint="llamacpp", context_window=4096
    ),
    "ollama": Personality(
        name="ollama", context_window=4096, window_endpoint="ollama", refs_unsupported=True
    ),
    "ollama-no-tools": Personality(
        name="ollama-no-tools", tools="unsupported", context_window=4096, window_endpoint="ollama"
    ),
    "vllm-reasoning": Personality(
        name="vllm-reasoning", think=True, window_endpoint="vllm", model_window=32768
    ),
    "no-tool-calls": Personality(name="no-tool-calls", tools="ignored"),
}
