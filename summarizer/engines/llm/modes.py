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
import textwrap
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TypeAlias, cast

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
        text = text.replace(prompts.ARTICLE_PLACEHOLDER, article)
    return textwrap.dedent(text)


class ModeHandler:
    """Prepare the request, parse the response and build the re-ask for one mode."""

    def __init__(self, mode: ModeChoice) -> None:
        self.mode: ModeChoice = mode

    @cached_property
    def _instructor(self) -> ModeHandlers:
        import instructor
        from instructor.v2 import Provider, mode_registry

        modes = {
            "tools": instructor.Mode.TOOLS,
            "json_schema": instructor.Mode.JSON_SCHEMA,
            "md_json": instructor.Mode.MD_JSON,
        }
        handlers: ModeHandlers = mode_registry.get_handlers(Provider.OPENAI, modes[self.mode])
        return handlers

    @cached_property
    def _structure(self) -> RequestBody:
        """What the mode adds to every body (the tool, the response format): built once."""
        if self.mode == "md_json":
            return {}
        _, kwargs = self._instructor.request_handler(SummaryDraft, {"messages": []})
        return {k: cast("JSONValue", v) for k, v in kwargs.items() if k != "messages"}

    @cached_property
    def _system(self) -> str:
        system = prompts.load("system")
        if self.mode == "md_json":
            system += "\n\n" + _schema_instruction()
        return render(system)

    @cached_property
    def _user_template(self) -> str:
        user = prompts.load("user")
        if self.mode == "md_json":  # instructor merges its request into the user message
            user += "\n\n" + _MD_JSON_ASK
        return user

    def prepare_request(
        self, model: str, article: str, published: str | None = None
    ) -> RequestBody:
        """The chat completion request for one article, as the JSON body to send
        (``published``: a web page's publication date, said before the article)."""
        user = render(self._user_template, article)
        if published:
            user = f"Published: {published}\n{user}"
        messages: list[JSONValue] = [
            {"role": "system", "content": self._system},
            {"role": "user", "content": user},
        ]
        return {"model": model, "messages": messages, **self._structure}

    def parse_response(self, completion: ChatCompletion) -> SummaryDraft | Cut:
        """The draft in the answer (validated for shape, not yet grounded), or why there is
        none to correct. Raises ``pydantic.ValidationError`` or ``ValueError`` for an answer
        to re-ask about."""
        if completion.choices:
            choice = completion.choices[0]
            if choice.finish_reason == "length":
                return Cut("truncated")
            if choice.message.refusal is not None:
                return Cut("refusal", choice.message.refusal)
        draft: SummaryDraft = self._instructor.response_parser(
            response=completion,
            response_model=SummaryDraft,
            validation_context=None,
            strict=None,
            stream=False,
        )
        return draft

    def build_reask(
        self, body: RequestBody, completion: ChatCompletion, error: Exception
    ) -> RequestBody:
        """The next request: ``body`` plus the answer and what is wrong with it."""
        messages = body.get("messages")
        fresh = dict(body, messages=list(messages) if isinstance(messages, list) else [])
        reask = self._instructor.reask_handler(kwargs=fresh, response=completion, exception=error)
        return cast("RequestBody", reask)


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
