"""How each structured-output mode asks for a ``SummaryDraft`` and reads the answer.

One handler per mode, in the shape of instructor's per-mode handlers: prepare the request,
parse the response, build the re-ask. We own the first two steps over the openai SDK's types
and use instructor, through its documented mode registry (``instructor.v2.mode_registry``,
see instructor's ``v2/README.md``), for what it does well: pulling the JSON out of a tool call,
a message or a Markdown code block, and wording the re-ask.

Why we prepare requests ourselves instead of calling instructor's ``create``:

- the request body is a plain JSON value built once per engine and per article, so a provider
  batch file can carry exactly what the online path sends;
- instructor's ``create`` re-derives the schema, re-walks the response model for async
  validators and recompiles the prompt templates on every call (about 6 ms of CPU a request);
- in ``md_json`` mode instructor embeds the JSON schema indented (about 470 tokens of
  whitespace per request); we embed the same JSON compact;
- the article reaches the model as a value substituted into the user prompt, never as Jinja
  template text, so nothing in an article is ever evaluated.

The bodies are the ones instructor 1.17 builds (``tests/test_llm_engine.py`` compares them).
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Literal, TypeAlias, cast

import pydantic_core

from summarizer.engines.llm import prompts
from summarizer.engines.llm.draft import SummaryDraft

if TYPE_CHECKING:
    from instructor.v2.core.registry import ModeHandlers
    from openai.types.chat import ChatCompletion

    from summarizer.config import ModeChoice

JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool | None"
Message: TypeAlias = "dict[str, JSONValue]"
RequestBody: TypeAlias = "dict[str, JSONValue]"

_MD_JSON_ASK = "Return the correct JSON response within a ```json codeblock. not the JSON_SCHEMA"
_THINK = re.compile(r"^\s*<think>.*?</think>\s*", re.S)  # a reasoning model's preamble
# Models whose API takes max_completion_tokens (reasoning models) rather than max_tokens.
_COMPLETION_TOKENS_MODELS = ("o1", "o3", "o4", "gpt-5")


class NoToolCall(ValueError):
    """A tools-mode answer without a tool call: the server or model does not do tools."""


class NoChoice(ValueError):
    """A chat completion without a choice (``"choices": []``): no answer to read; the same
    request is sent again."""


def strip_reasoning(completion: ChatCompletion) -> ChatCompletion:
    """``completion`` without a ``<think>…</think>`` preamble in its content (reasoning is
    never parsed as the answer; ``reasoning_content`` is ignored)."""
    if not completion.choices:
        return completion
    message = completion.choices[0].message
    content = message.content
    if not content or "<think>" not in content:
        return completion
    stripped = _THINK.sub("", content, count=1)
    choice = completion.choices[0].model_copy(
        update={"message": message.model_copy(update={"content": stripped})}
    )
    return completion.model_copy(update={"choices": [choice, *completion.choices[1:]]})


def output_limit_field(model: str) -> str:
    """``max_completion_tokens`` for OpenAI's reasoning models, else ``max_tokens`` (what
    OpenAI-compatible servers read)."""
    name = model.rsplit("/", 1)[-1].lower()
    return "max_completion_tokens" if name.startswith(_COMPLETION_TOKENS_MODELS) else "max_tokens"


@dataclass(frozen=True)
class Cut:
    """An answer that is not an attempt at the schema: cut off at the token limit, or a
    refusal. It is asked again afresh (no re-ask: there is nothing to correct)."""

    why: Literal["truncated", "refusal"]
    detail: str = ""


def render(template: str, article: str | None = None) -> str:
    """A prompt file's text with the article substituted as a value.

    The same text instructor's Jinja rendering produced (one trailing newline dropped, then
    ``textwrap.dedent``), without evaluating anything: the article is never template text.
    """
    text = template[:-1] if template.endswith("\n") else template
    if article is not None:
        text = text.replace(prompts.ARTICLE_PLACEHOLDER, prompts.as_data(article))
    return _dedent(text)


_WHITESPACE_ONLY = re.compile(r"^[ \t]+$", re.MULTILINE)
_FIRST_TEXT = re.compile(r"^([ \t]*)\S", re.MULTILINE)


def _dedent(text: str) -> str:
    """``textwrap.dedent(text)``, quickly when there is no margin to remove: when the first
    line with text is not indented, dedent only empties the whitespace-only lines."""
    first = _FIRST_TEXT.search(text)
    if first is None or first.group(1):
        return textwrap.dedent(text)
    if not _has_blank_with_spaces(text):  # a search per mark: far cheaper than the pattern
        return text
    return _WHITESPACE_ONLY.sub("", text)


def _has_blank_with_spaces(text: str) -> bool:
    """Whether a line of ``text`` is spaces and tabs only (one of them ends a line: before
    a newline, or at the end)."""
    return " \n" in text or "\t\n" in text or text.endswith((" ", "\t"))


class ModeHandler:
    """Prepare the request, parse the response and build the re-ask for one mode."""

    def __init__(self, mode: ModeChoice) -> None:
        self.mode: ModeChoice = mode
        # the JSON sizes of the long strings (the articles' messages) the last bodies sent
        # held, as :meth:`body_json` wrote them, for :meth:`body_size` (by identity)
        self._written: dict[int, tuple[str, int]] = {}

    @cached_property
    def _instructor(self) -> ModeHandlers:
        import instructor
        from instructor.v2 import Provider, mode_registry

        modes = {
            "tools": instructor.Mode.TOOLS,
            "json_schema": instructor.Mode.JSON_SCHEMA,
            "json": instructor.Mode.JSON,
            "md_json": instructor.Mode.MD_JSON,
        }
        handlers: ModeHandlers = mode_registry.get_handlers(Provider.OPENAI, modes[self.mode])
        return handlers

    @cached_property
    def _structure(self) -> RequestBody:
        """What the mode adds to every body (the tool, the response format): built once."""
        if self.mode in {"md_json", "json"}:  # json: only the response format, built here
            return {"response_format": {"type": "json_object"}} if self.mode == "json" else {}
        _, kwargs = self._instructor.request_handler(SummaryDraft, {"messages": []})
        return {k: cast("JSONValue", v) for k, v in kwargs.items() if k != "messages"}

    @cached_property
    def _system(self) -> str:
        system = prompts.load("system")
        if self.mode in {"md_json", "json"}:  # the schema is in the prompt
            system += "\n\n" + _schema_instruction()
        return render(system)

    @cached_property
    def _user_template(self) -> str:
        user = prompts.load("user")
        if self.mode == "md_json":  # instructor merges its request into the user message
            user += "\n\n" + _MD_JSON_ASK
        return user

    def prepare_request(
        self,
        model: str,
        article: str,
        published: str | None = None,
        *,
        user: str | None = None,
        max_tokens: int | None = None,
    ) -> RequestBody:
        """The chat completion request for one article, as the JSON body to send
        (``published``: a web page's publication date, said before the article; ``user``: a
        user message of another prompt, already rendered, instead of the article's;
        ``max_tokens``: the output limit)."""
        if user is not None:
            if self.mode == "md_json":
                user += "\n\n" + _MD_JSON_ASK
        else:
            user = render(self._user_template, article)
        if published:
            user = f"Published: {published}\n{user}"
        messages: list[JSONValue] = [
            {"role": "system", "content": self._system},
            {"role": "user", "content": user},
        ]
        body: RequestBody = {"model": model, "messages": messages, **self._structure}
        if max_tokens is not None:
            body[output_limit_field(model)] = max_tokens
        return body

    def parse_response(self, completion: ChatCompletion) -> SummaryDraft | Cut:
        """The draft in the answer (validated for shape, not yet grounded), or why there is
        none to correct. Raises ``pydantic.ValidationError`` or ``ValueError`` for an answer
        to re-ask about."""
        completion = strip_reasoning(completion)
        if not completion.choices:
            raise NoChoice("the server answered without a choice")
        choice = completion.choices[0]
        if choice.finish_reason == "length":
            return Cut("truncated")
        if choice.message.refusal is not None:
            return Cut("refusal", choice.message.refusal)
        message = choice.message
        if self.mode == "tools" and not message.tool_calls and (message.content or "").strip():
            raise NoToolCall(
                "the answer has no tool call: call the SummaryDraft tool with the summary"
            )
        if not message.tool_calls and not (message.content or "").strip():
            reasoning = getattr(message, "reasoning_content", None) or (
                (message.model_extra or {}).get("reasoning_content")
            )
            raise ValueError(
                "the answer was empty"
                + (" (only reasoning)" if reasoning else "")
                + ": answer with the JSON object itself"
            )
        draft: SummaryDraft = self._instructor.response_parser(
            response=completion,
            response_model=SummaryDraft,
            validation_context=None,
            strict=None,
            stream=False,
        )
        return draft

    def body_size(self, body: RequestBody) -> int:
        """The UTF-8 bytes of ``json.dumps(body, ensure_ascii=False)``, without dumping the
        parts every body of this mode shares (the system prompt, the tool and its schema: two
        thirds of a body's JSON besides the article), which are measured once."""
        return json_size(body, self._constant_sizes, self._written)

    def body_json(self, body: RequestBody) -> bytes:
        """``pydantic_core.to_json(body)``, the bytes sent: the values every body of this mode
        shares (the system prompt, the tool and its schema: half the instructions of
        serializing a body) are serialized once (:func:`json_bytes`)."""
        return json_bytes(body, self._constant_json, self._written)

    @cached_property
    def _constant_json(self) -> dict[int, tuple[object, bytes]]:
        """The JSON of the values every body of this handler holds (the very objects, kept
        alive by the handler, so their ids stand for them)."""
        constants: list[object] = [self._system, *self._structure.values()]
        return {id(value): (value, pydantic_core.to_json(value)) for value in constants}

    @cached_property
    def _constant_sizes(self) -> dict[int, tuple[object, int]]:
        """The sizes of the values every body of this handler holds (the very objects, kept
        alive by the handler, so their ids stand for them)."""
        constants: list[object] = [self._system, *self._structure.values()]
        return {id(value): (value, json_size(value, {})) for value in constants}

    def build_reask(
        self, body: RequestBody, completion: ChatCompletion, error: Exception
    ) -> RequestBody:
        """The next request: ``body`` plus the answer and what is wrong with it (``body``
        again after an answer without a choice: there is nothing to correct)."""
        if not completion.choices:
            return body
        messages = body.get("messages")
        fresh = dict(body, messages=list(messages) if isinstance(messages, list) else [])
        reask = self._instructor.reask_handler(kwargs=fresh, response=completion, exception=error)
        return cast("RequestBody", reask)


@cache
def handler_for(mode: ModeChoice) -> ModeHandler:
    """The handler of ``mode``, shared by every engine in the process: what it builds once (the
    tool and its JSON schema, the prompts, their sizes) is the same for every engine, and
    building it costs about 10 ms of CPU (pydantic's JSON schema, instructor's walk of the
    response model), as much as two articles' grounding, for each engine made."""
    return ModeHandler(mode)


_dump = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def json_size(
    value: object,
    known: dict[int, tuple[object, int]],
    written: dict[int, tuple[str, int]] | None = None,
) -> int:
    """``len(json.dumps(value, ensure_ascii=False).encode("utf-8"))`` for a JSON value (string
    keys), walking its containers; ``known``: the sizes of values seen before, by identity
    (each entry holds its value, so that its id is not reused); ``written``: the sizes of
    long strings :func:`json_bytes` wrote (an article's message: not measured again)."""
    entry = known.get(id(value))
    if entry is not None and entry[0] is value:
        return entry[1]
    if isinstance(value, str):
        if len(value) <= _LONG:
            return len(_dump(value).encode())
        noted = written.pop(id(value), None) if written else None  # once: the check's
        return noted[1] if noted is not None and noted[0] is value else _string_size(value)
    if isinstance(value, dict):
        size = 2 * len(value) if value else 2  # braces, and ", " between items
        for key, item in value.items():
            size += (
                len(_dump(key).encode()) + 2 + json_size(item, known, written)
            )  # key, ": ", value
        return size
    if isinstance(value, list | tuple):
        size = 2 * len(value) if value else 2  # brackets, and ", " between items
        for item in value:
            size += json_size(item, known, written)
        return size
    return len(_dump(value))  # numbers, true, false, null


def json_bytes(
    value: object,
    known: dict[int, tuple[object, bytes]],
    written: dict[int, tuple[str, int]] | None = None,
) -> bytes:
    """``pydantic_core.to_json(value)``, byte for byte, for a value of dicts with string keys,
    lists, strings and numbers; ``known``: the JSON of values seen before, by identity (each
    entry holds its value, so that its id is not reused). Each string and key is still written
    by ``to_json``, the containers' brackets and separators here (the compact JSON ``to_json``
    writes: no spaces), the pieces joined once. ``written``: where the JSON size of each
    long string is noted, for :func:`json_size` (the same size: ``json.dumps`` escapes the
    same characters, in the same ways)."""
    pieces: list[bytes] = []
    _write(value, known, pieces, written)
    return b"".join(pieces)


def _write(
    value: object,
    known: dict[int, tuple[object, bytes]],
    out: list[bytes],
    written: dict[int, tuple[str, int]] | None,
) -> None:
    entry = known.get(id(value))
    if entry is not None and entry[0] is value:
        out.append(entry[1])
        return
    kind = type(value)
    if kind is dict and all(type(key) is str for key in cast("dict[object, object]", value)):
        out.append(b"{")
        for i, (key, item) in enumerate(cast("dict[str, object]", value).items()):
            out.append(_key_json(key) if not i else b"," + _key_json(key))
            _write(item, known, out, written)
        out.append(b"}")
    elif kind is list or kind is tuple:
        out.append(b"[")
        for i, item in enumerate(cast("list[object]", value)):
            if i:
                out.append(b",")
            _write(item, known, out, written)
        out.append(b"]")
    else:
        piece = pydantic_core.to_json(value)
        out.append(piece)
        if written is not None and kind is str and len(cast("str", value)) > _LONG:
            if len(written) >= _WRITTEN_KEPT:
                written.clear()  # requests in flight hold the others: these were not checked
            written[id(value)] = (cast("str", value), len(piece))


@lru_cache(maxsize=512)
def _key_json(key: str) -> bytes:
    """A key as ``to_json`` writes it in an object, with its colon."""
    return pydantic_core.to_json(key) + b":"


_LONG = 64  # characters: a longer string is measured in its UTF-8 bytes (:func:`_string_size`)
_WRITTEN_KEPT = 256  # long strings' sizes noted by json_bytes and not read yet, at most

# the bytes JSON writes as they are: all but the control characters, '"' and the backslash
_PLAIN = bytes(c for c in range(256) if c >= 32 and c not in b'"\\')
_SHORT_ESCAPES = (b'"', b"\\", b"\n", b"\r", b"\t", b"\b", b"\f")  # written in two bytes


def _string_size(value: str) -> int:
    """``len(json.dumps(value, ensure_ascii=False).encode("utf-8"))`` counted in its UTF-8
    bytes (an article sent already keeps its encoding in its string): the quotes around it,
    one more byte for each character escaped short ('\\"', '\\n') and five more for the other
    control characters ('\\u0000'), found by one pass at C speed (in UTF-8 every byte of a
    character beyond ASCII is above 127). Dumping a 6,000-character article and encoding the
    dump cost about 270,000 instructions, this about 60,000."""
    data = value.encode()
    escaped = data.translate(None, _PLAIN)
    short = sum(escaped.count(mark) for mark in _SHORT_ESCAPES) if escaped else 0
    return len(data) + 2 + short + 5 * (len(escaped) - short)


def _schema_instruction() -> str:
    """instructor's md_json instruction, with the schema compact (same JSON, no indentation)."""
    schema = json.dumps(SummaryDraft.model_json_schema(), ensure_ascii=False, separators=(",", ":"))
    return textwrap.dedent(
        f"""
        As a genius expert, your task is to understand the content and provide
        the parsed objects in json that match the following json_schema:\n

        {schema}

        Make sure to return an instance of the JSON, not the schema itself
        """
    )
