"""``summarizer eval GOLD.jsonl --engine llm``: the same scoring for any model on any
OpenAI-compatible server, with what it cost.

One LLM engine serves the whole run (so ``--mode auto`` settles once); each article's quotes
go to the scorer as the published result has them (the model's, plus the rules' that it left
out, each saying ``found_by``). Requests, tokens and re-asks are counted per article; an article
that fails is scored as having no quotes and counted by its error kind, but for the kinds in
``stop_on`` (a setting or a key every article would fail on), which stop the run at once, and
a server that cannot be reached: ``unreachable_after`` connection failures in a row, before
any article got an answer, stop it with :class:`ServerNeverReached`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from summarizer.config import Settings
from summarizer.engines.llm.engine import LLMEngine
from summarizer.errors import ErrorKind, SummarizerError

#: articles in a row whose requests could not connect, with none answered yet, that stop
#: ``summarizer eval``. ``summarizer run`` waits for 20 (``cli.runner.UNREACHABLE_AFTER``): its
#: articles go out together and fail together within a few seconds; eval asks for one article
#: at a time, each already retried (about 2 s), so 3 in a row are as sure a sign, 6 s not 40.
UNREACHABLE_AFTER = 3


class ServerNeverReached(Exception):
    """The model's server could not be reached for ``unreachable_after`` articles in a row,
    and none has been answered in this run."""

    def __init__(self, failures: int) -> None:
        super().__init__(f"{failures} articles in a row could not connect, none was answered")
        self.failures = failures


class LLMExtract:
    """A callable for :func:`summarizer.evaluation.quotes.evaluate` that asks the model."""

    def __init__(
        self,
        settings: Settings,
        stop_on: Collection[ErrorKind] = (),
        unreachable_after: int | None = None,
    ) -> None:
        self.engine = LLMEngine(settings)
        self.stop_on = frozenset(stop_on)
        self.unreachable_after = unreachable_after
        self.streak = 0  # connection failures in a row
        self.reached = False  # an article got the server's answer
        self.articles = 0
        self.requests = 0
        self.reasked = 0  # articles that took more than one request
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.failures: Counter[str] = Counter()
        self.modes: Counter[str] = Counter()

    def __call__(self, text: str) -> dict[str, Any]:
        self.articles += 1
        try:
            result = self.engine.summarize(text, "eval")
        except SummarizerError as error:
            kind = ErrorKind.of(error.kind)
            if kind in self.stop_on:
                raise  # every other article would fail the same way
            self.failures[str(error.kind)] += 1
            if kind is ErrorKind.CONNECTION:
                self.streak += 1
            elif not kind.is_usage:  # the server answered something
                self.streak = 0
            limit = self.unreachable_after
            if not self.reached and limit is not None and self.streak >= limit:
                raise ServerNeverReached(self.streak) from error
            return {"quotes": [], "attributions": None}
        self.reached = True
        run = result.run
        self.requests += run.attempts
        self.reasked += run.attempts > 1
        self.prompt_tokens += run.usage.prompt_tokens
        self.completion_tokens += run.usage.completion_tokens
        self.modes[run.mode or "?"] += 1
        quotes = [
            {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end,
             "rule": q.found_by}
            for q in result.quotes
        ]  # fmt: skip
        return {"quotes": quotes, "attributions": None}  # the LLM engine makes none

    def as_dict(self) -> dict[str, Any]:
        n = max(1, self.articles)
        return {
            "llm_articles": self.articles,
            "requests_per_article": round(self.requests / n, 3),
            "prompt_tokens_per_article": round(self.prompt_tokens / n, 1),
            "completion_tokens_per_article": round(self.completion_tokens / n, 1),
            "reask_rate": round(self.reasked / n, 3),
            "failures": dict(self.failures),
            "modes": dict(self.modes),
        }

    def line(self) -> str:
        d = self.as_dict()
        return (
            f"llm {self.engine.settings.model}: {d['requests_per_article']} requests, "
            f"{d['prompt_tokens_per_article']:.0f} prompt + "
            f"{d['completion_tokens_per_article']:.0f} completion tokens per article; re-asked "
            f"{d['reask_rate']:.1%}; modes {d['modes']}; failures {d['failures'] or 'none'}"
        )

    def close(self) -> None:
        self.engine.close()
