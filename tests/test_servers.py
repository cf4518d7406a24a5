"""Each quirk of a real server, imitated by the test server (summarizer.testing.personalities):
``--mode auto`` picks a mode the server accepts, or the article fails fast with the right kind.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from summarizer import summarize
from summarizer.engines.llm import longform
from summarizer.engines.llm.cache import Cache
from summarizer.errors import SummarizerError
from summarizer.schema import ArticleSummary
from summarizer.testing.articles import long_article
from summarizer.testing.personalities import PERSONALITIES, Personality
from summarizer.testing.server import sample_article

pytestmark = pytest.mark.loopback
longform_notes = longform.notes


def run(server: Any, text: str, **settings: Any) -> ArticleSummary:
    options: dict[str, Any] = {"engine": "llm", "base_url": server.base_url, "timeout": 5}
    return summarize(text, input_name="a.txt", **{**options, **settings})


def assert_verbatim(result: ArticleSummary, text: str) -> None:
    spans = [*result.quotes]
    spans += [e for kp in result.summary.key_points for e in kp.evidence]
    spans += [e for st in result.stances for e in st.evidence]
    spans += [e for oq in result.open_questions for e in oq.evidence]
    assert result.quotes and spans
    for span in spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("personality", "mode", "requests"),
    [
        ("openai", "tools", 1),
        ("llama-cpp-python", "tools", 1),  # tools work there; json_schema never tried
        ("no-tool-calls", "json_schema", 2),  # an answer without a tool call: next mode
        ("ollama-no-tools", "json_schema", 2),  # 400 "does not support tools": next mode
        ("vllm-reasoning", "tools", 1),
    ],
)
def test_auto_picks_a_mode_the_server_accepts(
    devserver: Any, personality: str, mode: str, requests: int
) -> None:
    server = devserver(personality=PERSONALITIES[personality])
    text = sample_article(1)
    result = run(server, text)
    assert result.run.mode == mode
    assert server.counts["requests"] == requests
    assert_verbatim(result, text)


def test_json_schema_rejected_with_a_500_falls_to_json_and_is_not_retried(devserver: Any) -> None:
    quirks = Personality(reject_json_schema=True, tools="ignored")
    server = devserver(personality=quirks)
    result = run(server, sample_article(2))
    assert result.run.mode == "json"  # tools answered as text, json_schema refused, json works
    assert server.counts["refused"] == 1  # the 500 was not retried
    assert server.counts["requests"] == 3


def test_a_500_validation_error_is_one_line_with_a_hint_when_the_mode_is_fixed(
    devserver: Any,
) -> None:
    server = devserver(personality=PERSONALITIES["llama-cpp-python"])
    started = time.monotonic()
    with pytest.raises(SummarizerError) as failure:
        run(server, sample_article(3), mode="json_schema")
    assert time.monotonic() - started < 3  # no backoff, no retries
    assert server.counts["requests"] == 1
    message = str(failure.value)
    assert failure.value.kind == "unsupported" and "\n" not in message
    assert "HTTP 500" in message and "--mode auto (or json)" in message


def test_refs_unsupported_falls_to_json(devserver: Any) -> None:
    server = devserver(personality=Personality(refs_unsupported=True))
    result = run(server, sample_article(4))
    assert result.run.mode == "json"  # tools and json_schema carry $defs; json has it in the prompt
    assert server.counts["refused"] == 2


def test_the_working_mode_is_remembered_per_server_and_model(devserver: Any) -> None:
    server = devserver(personality=PERSONALITIES["ollama-no-tools"])
    run(server, sample_article(5), cache=Cache())
    assert server.counts["refused"] == 1
    again = run(server, sample_article(6), cache=Cache())  # a new engine: the cache remembers
    assert again.run.mode == "json_schema"
    assert server.counts["refused"] == 1


def test_the_async_path_remembers_the_working_mode_too(devserver: Any) -> None:
    import asyncio

    from summarizer import asummarize

    server = devserver(personality=PERSONALITIES["ollama-no-tools"])
    options: dict[str, Any] = {"engine": "llm", "base_url": server.base_url, "timeout": 5}
    asyncio.run(asummarize(sample_article(5), cache=Cache(), **options))
    assert server.counts["refused"] == 1
    again = asyncio.run(asummarize(sample_article(6), cache=Cache(), **options))
    assert again.run.mode == "json_schema"
    assert server.counts["refused"] == 1


def test_think_prefix_is_stripped(devserver: Any) -> None:
    server = devserver(personality=Personality(think=True))
    result = run(server, sample_article(7), mode="json_schema")
    assert result.run.attempts == 1 and result.quotes


def test_empty_content_with_reasoning_is_re_asked(devserver: Any) -> None:
    server = devserver(personality=Personality(reasoning_only=1))
    result = run(server, sample_article(8), mode="json")
    assert result.run.attempts == 2  # the empty answer was re-asked, not a crash


def test_every_request_carries_an_output_limit_and_a_cut_is_seen_by_its_count(
    devserver: Any,
) -> None:
    server = devserver(personality=PERSONALITIES["llama-cpp-python"])
    with pytest.raises(SummarizerError) as failure:
        run(server, sample_article(9), max_output_tokens=40, max_attempts=2)
    assert failure.value.kind == "truncated"  # finish_reason said "tool_calls"
    assert server.counts["requests"] == 1  # the same request would be cut again: not re-sent
    assert "raise max_output_tokens= (now 40)" in str(failure.value)  # the caller's limit


def test_an_answer_cut_at_the_users_output_limit_names_the_option(devserver: Any) -> None:
    from typer.testing import CliRunner

    from summarizer.cli.main import app

    server = devserver(personality=PERSONALITIES["llama-cpp-python"])
    args = ["run", "-", "--engine", "llm", "--base-url", server.base_url, "--max-attempts", "1"]
    result = CliRunner().invoke(app, [*args, "--max-output-tokens", "40"], input=sample_article(9))
    assert result.exit_code == 1, result.output
    error = result.stderr.strip()
    assert error.startswith("summarizer: error: ") and "\n" not in error
    assert "raise --max-output-tokens (now 40)" in error and "max_output_tokens=" not in error


def test_silent_prompt_truncation_is_input_truncated_with_the_fix(devserver: Any) -> None:
    server = devserver(personality=Personality(context_window=4096))
    text = long_article(8000)
    with pytest.raises(SummarizerError) as failure:
        run(server, text, model="my-model")  # the window is unknown to the client
    assert failure.value.kind == "input_truncated"
    assert "OLLAMA_CONTEXT_LENGTH" in str(failure.value) and "-c " in str(failure.value)
    assert server.counts["requests"] == 1  # not re-asked: the answer cannot be right


def test_a_long_article_through_a_4096_token_window_is_read_in_parts(
    devserver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[list[str]] = []  # the notes each final request carried

    def noted(*args: Any, **kwargs: Any) -> list[str]:
        taken.append(longform_notes(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(longform, "notes", noted)
    server = devserver(personality=PERSONALITIES["llama-server"])  # reports n_ctx 4096 at /props
    text = long_article(30_000)
    started = time.monotonic()
    result = run(server, text, model="local-model", timeout=30)
    elapsed = time.monotonic() - started
    assert_verbatim(result, text)
    requests = server.counts["requests"]
    assert requests == result.run.attempts  # every request counted in the run
    parts = requests - 1
    assert parts > 20  # 30,000 words do not fit 4,096 tokens: many parts, then one final call
    assert text.index("“Paragraph 1 ") + 1 in {q.start for q in result.quotes}  # the first part
    assert max(q.start for q in result.quotes) > len(text) * 0.9  # ... and from the last
    assert len({q.start for q in result.quotes}) == len(result.quotes)
    # the final summary is not only about the beginning: the final request's notes (two: all a
    # 4096-token window leaves beside the answer) come from parts spread over the article, the
    # first and one a quarter or half way in (whichever's notes fit), not the first two
    (final_notes,) = taken
    noted = sorted({json.loads(line)["part"] for line in final_notes})
    assert len(noted) >= 2 and noted[0] == 1 and noted[-1] > parts * 0.2, noted
    assert elapsed < 60


def test_the_window_given_on_the_command_line_wins(devserver: Any) -> None:
    server = devserver()  # reports no window
    text = long_article(6000)
    result = run(server, text, model="local-model", context_window=8192)
    assert 2 < server.counts["requests"] == result.run.attempts
    assert_verbatim(result, text)


def test_eval_scores_a_model_on_a_server(devserver: Any, tmp_path: Any) -> None:
    """``summarizer eval GOLD.jsonl --engine llm -m MODEL``: quote F1 and what it cost."""
    import json
    import re

    from typer.testing import CliRunner

    from summarizer.cli.main import app

    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as out:
        for i in range(4):
            text = sample_article(i)
            spans = [
                {"start": m.start(1), "end": m.end(1), "text": m.group(1)}
                for m in re.finditer(r"“([^”]+)”", text)
            ]
            out.write(json.dumps({"doc_id": f"d{i}", "text": text, "quote_spans": spans}) + "\n")
    server = devserver(personality=PERSONALITIES["no-tool-calls"])
    args = ["eval", str(gold), "--engine", "llm", "-m", "local", "--base-url", server.base_url]
    result = CliRunner().invoke(app, [*args, "--json"], env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["quote_f1"] > 0.9 and figures["llm_articles"] == 4
    assert figures["requests_per_article"] == 1.25  # the first article also tried tools
    assert figures["modes"] == {"json_schema": 4} and figures["failures"] == {}
    assert figures["prompt_tokens_per_article"] > 1000


def test_eval_with_a_model_that_fails_every_article_scores_nothing(
    devserver: Any, tmp_path: Any
) -> None:
    """Not "quote F1 0.000", exit 0: one line saying why, exit 1."""
    import json

    from typer.testing import CliRunner

    from summarizer.cli.main import app
    from summarizer.testing.server import Faults

    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps({"doc_id": f"d{i}", "text": sample_article(i), "quote_spans": []}) + "\n"
            for i in range(2)
        )
    )
    server = devserver(faults=Faults(rate=1.0, kinds=("refusal",)))
    args = ["eval", str(gold), "--engine", "llm", "-m", "local", "--base-url", server.base_url]
    result = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 1, result.output
    assert "every article failed (refusal: 2)" in result.stderr
    assert "F1" not in result.stdout


def test_a_prompt_too_long_error_naming_the_window_plans_parts(devserver: Any) -> None:
    server = devserver(personality=Personality(context_window=6000, overflow="error"))
    text = long_article(6000)
    result = run(server, text, model="local-model")
    assert server.counts["refused"] == 1  # the whole article once, then parts that fit
    assert server.counts["requests"] - 1 == result.run.attempts > 2
    assert_verbatim(result, text)


def test_a_timed_out_request_to_a_local_server_is_not_sent_again(devserver: Any) -> None:
    from summarizer.testing.server import Faults

    server = devserver(faults=Faults(script={"(article 11)": ["slow", "slow"]}, slow_s=1.0))
    started = time.monotonic()
    with pytest.raises(SummarizerError) as failure:
        run(server, sample_article(11), timeout=0.3)
    assert failure.value.kind == "timeout"
    assert server.counts["requests"] == 1  # the server may still be generating it
    assert time.monotonic() - started < 3


def test_a_request_cut_by_the_deadline_names_the_deadline_not_the_timeout(
    devserver: Any,
) -> None:
    """The deadline cuts the request's timeout (a local server: not sent again): the error is
    the deadline's, in the library's words and in the command line's."""
    from typer.testing import CliRunner

    from summarizer.cli.main import app
    from summarizer.testing.server import Faults

    server = devserver(faults=Faults(script={"(article 12)": ["slow"] * 4}, slow_s=2.0))
    with pytest.raises(SummarizerError) as failure:
        run(server, sample_article(12), timeout=30, deadline=0.5)
    assert failure.value.kind == "deadline"
    message = str(failure.value)
    assert "deadline=" in message and "timeout" not in message and "\n" not in message

    args = ["run", "-", "--engine", "llm", "--base-url", server.base_url, "-m", "local"]
    result = CliRunner().invoke(app, [*args, "--deadline", "0.5"], input=sample_article(12))
    assert result.exit_code == 1, result.output
    assert "--deadline" in result.stderr and "--timeout" not in result.stderr
    assert server.counts["requests"] == 2  # each run sent it once: a local server may be busy


def test_concurrent_long_articles_wait_for_the_window_and_never_exceed_it(devserver: Any) -> None:
    """With --jobs 4, the first article asks the server for its window; the others wait for
    that answer and plan their parts with it: no request is over the window."""
    from summarizer.batch import summarize_many

    server = devserver(
        personality=Personality(window_endpoint="llamacpp", context_window=4096, overflow="error")
    )
    texts = {f"a{i}": long_article(3000, title=f"Council meeting number {i}") for i in range(4)}
    outcomes = list(
        summarize_many(
            list(texts.items()), jobs=4, engine="llm", base_url=server.base_url, model="local"
        )
    )
    assert [o.error for o in outcomes if o.error] == []
    assert server.counts["refused"] == 0  # no request was over the window
    assert server.counts["window_asked"] == 1
    for outcome in outcomes:
        assert outcome.summary is not None and outcome.summary.run.attempts > 2  # in parts
        assert_verbatim(outcome.summary, texts[outcome.input])


def test_no_request_is_sent_with_less_than_the_minimum_answer_room(devserver: Any) -> None:
    """At a 4096-token window an article is read in parts: every part, and the final request,
    leaves the answer at least MIN_ANSWER_TOKENS (the part and final prompts' own words are
    counted)."""
    import json

    import httpx2

    from summarizer.engines.llm.budget import MIN_ANSWER_TOKENS

    class Recording(httpx2.BaseTransport):
        def __init__(self) -> None:
            self.inner = httpx2.HTTPTransport()
            self.limits: list[int] = []

        def handle_request(self, request: httpx2.Request) -> httpx2.Response:
            self.limits.append(json.loads(request.content)["max_tokens"])
            return self.inner.handle_request(request)

    server = devserver(personality=PERSONALITIES["llama-server"])
    text = long_article(3000)
    recording = Recording()
    result = run(server, text, model="local-model", context_window=4096, transport=recording)
    assert_verbatim(result, text)
    assert len(recording.limits) == result.run.attempts > 2  # parts, then the final request
    assert min(recording.limits) >= MIN_ANSWER_TOKENS


def test_a_window_too_small_for_an_answer_names_the_setting(devserver: Any) -> None:
    from typer.testing import CliRunner

    from summarizer.cli.main import app

    server = devserver()
    args = ["run", "-", "--engine", "llm", "--base-url", server.base_url, "-m", "local-model"]
    result = CliRunner().invoke(app, [*args, "--context-window", "3000"], input=long_article(2000))
    assert result.exit_code == 2, result.output
    error = result.stderr.strip()
    assert error.startswith("summarizer: error: ") and "\n" not in error
    assert "--context-window" in error and "context_window=" not in error
    assert server.counts["requests"] == 0  # nothing was sent
