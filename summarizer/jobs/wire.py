"""The LLM engine's conversation, driven by batch results instead of HTTP answers.

The online path asks :meth:`LLMEngine.conversation` for a request body, sends it, and gives the
answer back; the conversation decides everything else (ground, re-ask, ask afresh after a cut
answer, salvage after the last attempt, sum the usage). A batch does the same with answers that
arrive in a file, hours later, in another process: a :class:`Talk` is that conversation resumed
from the answers an article already had (kept with its re-ask), so a batch answer means exactly
what the same answer means online.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import httpx2
from openai.types.chat import ChatCompletion

from summarizer.engines.llm.assemble import assemble, merge_rule_quotes
from summarizer.engines.llm.client import CHAT_COMPLETIONS
from summarizer.engines.llm.engine import Extraction, LLMEngine
from summarizer.errors import ProviderError, SummarizerError

if TYPE_CHECKING:
    from collections.abc import Generator

    import openai

    from summarizer.config import Settings
    from summarizer.engines.llm.modes import RequestBody
    from summarizer.schema import ArticleSummary

ENDPOINT = "/v1" + CHAT_COMPLETIONS  # the batch line's url: the endpoint the online path posts to


def completion_from_result(data: dict[str, Any]) -> ChatCompletion:
    """A completion from a results file, built the way the SDK builds a response (leniently)."""
    return ChatCompletion.construct(**data)


class Talk:
    """One article's conversation with the model, resumed from its earlier answers."""

    def __init__(
        self,
        engine: LLMEngine,
        text: str,
        history: list[dict[str, Any]],
        published: str | None = None,
    ) -> None:
        self._steps: Generator[RequestBody, ChatCompletion, Extraction] = engine.conversation(
            text, published
        )
        self.body: RequestBody = next(self._steps)
        self.history = list(history)
        for earlier in history:  # each earlier answer asked for another round
            self.body = self._steps.send(completion_from_result(earlier))

    def answer(self, completion: dict[str, Any]) -> Extraction | None:
        """Give the conversation ``completion``: its grounded result, or None when it asks again
        (``self.body``). Raises the online path's :class:`SummarizerError` when it gives up."""
        try:
            self.body = self._steps.send(completion_from_result(completion))
        except StopIteration as done:
            extraction: Extraction = done.value
            return extraction
        self.history.append(completion)
        return None


def finish(
    extraction: Extraction, text: str, input_name: str, settings: Settings, host: str
) -> ArticleSummary:
    """The published summary of a grounded conversation, as the online path assembles it."""
    result = assemble(
        extraction.grounded,
        text,
        input_name,
        settings=settings,
        host=host,
        attempts=extraction.attempts,
        usage=extraction.usage,
        started=time.perf_counter(),
    )
    return merge_rule_quotes(result, text)


def send(client: openai.OpenAI, settings: Settings, body: RequestBody) -> dict[str, Any]:
    """Post one request online (our retries and limits) and return the answer as JSON."""
    import openai as sdk

    from summarizer.engines.llm.client import provider_error

    try:
        raw = client.post(CHAT_COMPLETIONS, cast_to=httpx2.Response, body=body)
    except sdk.OpenAIError as error:
        failure = provider_error(error, settings, str(client.base_url.host))
        if isinstance(failure, SummarizerError):
            raise failure from None
        raise ProviderError(str(failure)) from None
    answer: dict[str, Any] = raw.json()
    return answer


def dumps(obj: Any) -> str:
    """Compact JSON, as the SDK sends it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
