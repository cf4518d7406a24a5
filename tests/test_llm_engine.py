"""The LLM engine's public steps: request body, parse and ground, re-ask; no patching."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from openai.types.chat import ChatCompletion

from summarizer.config import Settings
from summarizer.engines.llm.engine import Extraction, LLMEngine, Rejected
from summarizer.engines.llm.ground import Grounded
from summarizer.engines.llm.modes import Cut, render
from summarizer.engines.llm.prompts import ARTICLE_END, ARTICLE_START, article_in, load
from summarizer.errors import ErrorKind, SummarizationFailed, SummarizerError
from summarizer.text.grounding import Article
from tests.conftest import FIXTURES, fixture_data


def completion(name: str, index: int = 0, **change: Any) -> ChatCompletion:
    data = json.loads(json.dumps(fixture_data(name)["exchanges"][index]["response"]["json"]))
    choice = data["choices"][0]
    for key, value in change.items():
        if key == "finish_reason":
            choice["finish_reason"] = value
        else:
            choice["message"][key] = value
    return ChatCompletion.model_validate(data)


def engine(mode: str = "tools", **settings: Any) -> LLMEngine:
    return LLMEngine(Settings.resolve(engine="llm", mode=mode, api_key="sk-test", **settings))


def instructor_body(mode: str, article: str) -> dict[str, Any]:
    """What instructor's own handler for ``mode`` builds from our rendered messages."""
    import instructor
    from instructor.v2 import Provider, mode_registry

    from summarizer.engines.llm.draft import SummaryDraft
    from summarizer.engines.llm.modes import render

    modes = {"tools": instructor.Mode.TOOLS, "json_schema": instructor.Mode.JSON_SCHEMA}
    handlers = mode_registry.get_handlers(Provider.OPENAI, modes[mode])
    messages = [
        {"role": "system", "content": render(load("system"))},
        {"role": "user", "content": render(load("user"), article)},
    ]
    _, body = handlers.request_handler(SummaryDraft, {"model": "m", "messages": messages})
    return dict(body)


@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_the_request_body_is_the_one_instructor_builds(seed: str, mode: str) -> None:
    body = engine(mode, model="m").request_body(seed)
    assert body.pop("max_tokens") == 4096  # ours: the output limit (--max-output-tokens)
    assert body == instructor_body(mode, seed)
    json.dumps(body)  # a plain JSON value: a batch file can carry it as it is


def test_md_json_embeds_the_same_schema_compact(seed: str) -> None:
    body = engine("md_json").request_body(seed)
    messages = body["messages"]
    assert isinstance(messages, list)
    system, user = (m["content"] for m in messages if isinstance(m, dict))
    assert isinstance(system, str) and isinstance(user, str)
    line = next(x for x in system.splitlines() if x.startswith("{"))
    from summarizer.engines.llm.draft import SummaryDraft

    assert json.loads(line) == SummaryDraft.model_json_schema()
    assert "\n  " not in line and user.endswith("within a ```json codeblock. not the JSON_SCHEMA")
    assert article_in(user) == seed


def test_the_delimiters_are_the_prompts_and_find_the_article() -> None:
    user = load("user")
    assert user.startswith(ARTICLE_START) and ARTICLE_END in user
    article = "Line one.\n<<<ARTICLE inside ARTICLE>>>\nLine two."
    body = engine().request_body(article)
    messages = body["messages"]
    assert isinstance(messages, list) and isinstance(messages[1], dict)
    content = messages[1]["content"]
    # the article's look-alikes of the markers are altered: the block ends where the prompt
    # ends it (offsets are computed on the article itself, never on this copy)
    assert isinstance(content, str) and content.count(ARTICLE_END) == 1
    assert article_in(content) == "Line one.\n<<ARTICLE inside ARTICLE>>\nLine two."


def test_parse_answer_grounds_or_says_what_to_fix(seed: str) -> None:
    llm = engine()
    article = Article(seed)
    good = llm.parse_answer(article, completion("seed_happy_tools"))
    assert isinstance(good, Grounded) and len(good.quotes) == len(good.draft.quotes) == 6
    assert all(seed[q.span.start : q.span.end] == q.draft.text for q in good.quotes)
    bad = llm.parse_answer(article, completion("seed_fabricated_then_fixed"))
    assert isinstance(bad, Rejected) and "not found in the article" in str(bad.error)
    body = llm.build_reask(llm.request_body(seed), completion("seed_fabricated_then_fixed"), bad)
    messages = body["messages"]
    assert isinstance(messages, list) and [m["role"] for m in messages if isinstance(m, dict)] == [
        "system",
        "user",
        "assistant",
        "tool",
    ]
    cut = llm.parse_answer(article, completion("seed_happy_tools", finish_reason="length"))
    assert cut == Cut("truncated")


def drive(llm: LLMEngine, text: str, answers: list[ChatCompletion]) -> tuple[Extraction, int]:
    """Run the I/O-free conversation with canned answers; returns the result and the calls."""
    steps = llm.conversation(text)
    calls = 0
    try:
        next(steps)
        while True:
            body = steps.send(answers[calls])
            calls += 1
            assert isinstance(body, dict)
    except StopIteration as done:
        return done.value, calls + 1


def test_a_cut_answer_is_asked_again_afresh_and_its_tokens_count(seed: str) -> None:
    llm = engine()
    cut = completion("seed_happy_tools", finish_reason="length")
    result, calls = drive(llm, seed, [cut, completion("seed_happy_tools")])
    assert calls == 2 and result.attempts == 2
    assert result.usage.total_tokens == 2 * (cut.usage.total_tokens if cut.usage else 0)


@pytest.mark.parametrize("mode", ["tools", "json_schema", "md_json"])
def test_a_refusal_is_a_refusal_in_every_mode(seed: str, mode: str) -> None:
    llm = engine(mode)
    refused = completion(f"seed_happy_{mode}", refusal="I can't help with that.", content=None)
    with pytest.raises(SummarizationFailed) as failure:
        drive(llm, seed, [refused] * 3)
    assert failure.value.kind == ErrorKind.REFUSAL and "can't help" in str(failure.value)


def test_importing_and_running_the_engine_patches_nothing() -> None:
    """instructor's module globals are the same objects before and after the engine runs."""
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import instructor
        names = [m.name for m in pkgutil.walk_packages(instructor.__path__, "instructor.")]
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:
                pass
        def snapshot():
            return {
                (name, key): id(value)
                for name, module in list(sys.modules.items())
                if name.startswith("instructor") and module is not None
                for key, value in list(vars(module).items())
            }
        before = snapshot()
        from summarizer import summarize
        from summarizer.http.exchanges import Replay
        from tests.conftest import SEED_PATH, fixture_path
        for name in ("seed_happy_tools", "seed_fabricated_then_fixed", "seed_happy_md_json"):
            mode = "md_json" if "md_json" in name else "tools"
            summarize(SEED_PATH.read_text(), mode=mode,
                      transport=Replay.from_file(fixture_path(name)).transport())
        after = snapshot()
        changed = sorted(k for k in before if k in after and before[k] != after[k])
        print(changed)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout


def sdk_and_ours(status: int, **answer: Any) -> tuple[object, ChatCompletion | Exception]:
    """The SDK's own reading of an answer (``cast_to=ChatCompletion``) and ours, which is the
    same whether our transport parsed the body already (checking that it parses) or not."""
    import httpx2
    import openai

    from summarizer.engines.llm.engine import completion_of
    from summarizer.http.transport import PARSED_JSON, ResilientTransport

    def send(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(status, **answer)

    def ours(transport: httpx2.BaseTransport) -> ChatCompletion | Exception:
        client = openai.OpenAI(
            api_key="sk-test", max_retries=0, http_client=httpx2.Client(transport=transport)
        )
        raw = client.post("/chat/completions", cast_to=httpx2.Response, body={})
        try:
            return completion_of(raw, "host")
        except Exception as error:
            return error

    client = openai.OpenAI(
        api_key="sk-test", http_client=httpx2.Client(transport=httpx2.MockTransport(send))
    )
    sdk = client.post("/chat/completions", cast_to=ChatCompletion, body={})
    read = ours(httpx2.MockTransport(send))
    parsed = ours(ResilientTransport(httpx2.MockTransport(send)))
    assert type(parsed) is type(read) and str(parsed) == str(read)
    if isinstance(read, ChatCompletion):
        assert isinstance(parsed, ChatCompletion) and parsed == read
        assert parsed.model_dump(exclude_unset=True) == read.model_dump(exclude_unset=True)
        assert parsed.model_dump_json() == read.model_dump_json()
    checked = ResilientTransport(httpx2.MockTransport(send)).handle_request(
        httpx2.Request("POST", "http://model.test/chat/completions")
    )
    assert (PARSED_JSON in checked.extensions) == ("json" in answer)
    return sdk, read


@pytest.mark.parametrize(
    "name",
    sorted(path.stem for path in FIXTURES.glob("*.json")),
)
def test_an_answer_is_read_as_the_sdk_reads_it(name: str) -> None:
    for exchange in fixture_data(name)["exchanges"]:
        sdk, ours = sdk_and_ours(200, json=exchange["response"]["json"])
        assert isinstance(sdk, ChatCompletion) and isinstance(ours, ChatCompletion)
        assert ours == sdk
        assert ours.model_dump(exclude_unset=True) == sdk.model_dump(exclude_unset=True)
        assert ours.model_dump_json() == sdk.model_dump_json()


def test_an_answer_that_does_not_conform_is_kept_as_it_came() -> None:
    """A server's own shape (no ``created``, an unknown finish reason, extra fields) is read
    leniently, as the SDK reads it; an answer that is no JSON object is a malformed answer."""
    odd = {
        "id": "x",
        "object": "chat.completion",
        "model": "local",
        "choices": [
            {
                "index": 0,
                "finish_reason": "eos_token",
                "message": {"role": "assistant", "content": "{}", "extra": 1},
            }
        ],
        "timings": {"predicted_ms": 3.5},
    }
    sdk, ours = sdk_and_ours(200, json=odd)
    assert isinstance(ours, ChatCompletion) and ours == sdk
    assert ours.choices[0].finish_reason == "eos_token"  # type: ignore[comparison-overlap]
    assert ours.model_dump(exclude_unset=True) == odd
    _, error = sdk_and_ours(200, text="<html>busy</html>")
    assert isinstance(error, SummarizerError) and error.kind == ErrorKind.MALFORMED_RESPONSE
    assert "host answered HTTP 200 without a chat completion" in str(error)


def test_merged_rule_quotes_keep_stance_evidence_pointing_at_its_quote(seed: str) -> None:
    """The model kept only its last quote; the rules' quotes are merged in article order, and
    each stance's evidence points again at the quote that holds it (or at none)."""
    from summarizer.engines.llm.assemble import merge_rule_quotes, quote_index
    from summarizer.engines.offline.engine import summarize_offline
    from summarizer.schema import Evidence

    full = summarize_offline(seed, input_name="x")
    assert len(full.quotes) >= 3 and len(full.stances) >= 2
    kept = [full.quotes[-1].model_copy(update={"found_by": "llm"})]

    def cited(start: int, end: int, quotes: list[Any]) -> Evidence:
        return Evidence(
            text=seed[start:end],
            start=start,
            end=end,
            match="exact",
            quote=quote_index(start, end, quotes),
        )

    spans = [(q.start, q.end) for q in full.quotes[:2]] + [(0, 20)]  # two quotes, a headline
    first = full.stances[0].model_copy(update={"evidence": [cited(*s, kept) for s in spans]})
    llm = full.model_copy(update={"quotes": kept, "stances": [first, *full.stances[1:]]})
    assert [e.quote for e in llm.stances[0].evidence] == [None, None, None]
    merged = merge_rule_quotes(llm, seed)
    assert [(q.start, q.end) for q in merged.quotes] == [(q.start, q.end) for q in full.quotes]
    assert merged.quotes[-1].found_by == "llm"
    assert {q.found_by for q in merged.quotes[:-1]} == {"offline"}
    assert [e.quote for e in merged.stances[0].evidence] == [0, 1, None]
    assert merged.stances[0].evidence[0].text == merged.quotes[0].text
    assert merged.stances[1] is llm.stances[1]  # nothing to re-point: not copied


def test_rule_quotes_outside_taken_spans_are_the_rule_quotes_that_overlap_none(seed: str) -> None:
    """``rule_quotes_outside`` gives what filtering ``rule_quotes`` gives, whether the taken
    spans cover every quoted passage (nothing to add), some of them, a part of one, or none."""
    from summarizer.engines.offline.engine import rule_quotes, rule_quotes_outside
    from summarizer.text.quotemarks import find_quoted_spans

    every = rule_quotes(seed)
    passages = [(s.start, s.end) for s in find_quoted_spans(seed)]
    assert len(every) >= 3 and len(passages) >= len(every)
    inner = [(s + 2, s + 4) for s, _ in passages]  # a few characters inside each passage
    for taken in (
        [], passages, inner, passages[::2], passages[1::2], passages[:-1], passages[:1],
        [(q.start, q.end) for q in every[1:]], [(q.start, q.end) for q in every[:-1]],
    ):  # fmt: skip
        expected = [q for q in every if all(q.end <= s or e <= q.start for s, e in taken)]
        assert rule_quotes_outside(seed, taken) == expected
    assert rule_quotes_outside(seed, inner) == []
    assert rule_quotes_outside(seed, passages[1:]) == every[:1]


def test_rule_quotes_of_some_passages_are_those_all_passages_give(seed: str) -> None:
    """``Attributor.quotes_among`` (which reads no passage after the last one asked for) gives
    each asked-for passage the quote ``quotes()`` gives it, or none when that gives none;
    the same on a hard-wrapped copy, whose soft line breaks the rules read as spaces."""
    import textwrap

    from summarizer.engines.offline.attribution import Attributor, quote_bounds
    from summarizer.text.wrapping import unwrap

    wrapped = "\n\n".join(textwrap.fill(p, 64) for p in seed.split("\n\n"))
    for text in (seed, unwrap(wrapped)):
        every = Attributor(text).quotes()
        spans = Attributor(text).ctx.spans
        assert len(every) >= 3 and len(spans) >= 4
        by_bounds = {(q.start, q.end): q for q in every}
        for wanted in ([0], [len(spans) - 1], list(range(1, len(spans), 2)), [2, 3]):
            some = Attributor(text).quotes_among(wanted)
            got = {(q.start, q.end): q for q in some}
            for i in wanted:
                bounds = quote_bounds(text, spans[i])
                assert got.get(bounds) == by_bounds.get(bounds)
            assert all(q.start < quote_bounds(text, spans[wanted[-1]])[1] for q in some)
        assert Attributor(text).quotes_among([]) == []


def test_rule_quotes_merged_while_assembling_give_the_same_summary(seed: str) -> None:
    """``assemble(..., rule_quotes=True)`` (one validation) is ``merge_rule_quotes`` of the
    model's summary (a copy), field for field, whether the rules add quotes or not."""
    from dataclasses import replace

    from summarizer.engines.llm.assemble import assemble, merge_rule_quotes
    from summarizer.schema import Usage

    llm = engine()
    good = llm.parse_answer(Article(seed), completion("seed_happy_tools"))
    assert isinstance(good, Grounded)
    added = []
    for grounded in (good, replace(good, quotes=good.quotes[-1:]), replace(good, quotes=())):
        options: dict[str, Any] = {
            "settings": llm.settings, "host": "h", "attempts": 1, "usage": Usage(), "started": 0.0
        }  # fmt: skip
        alone = assemble(grounded, seed, "seed", **options)
        old = merge_rule_quotes(alone, seed).model_dump()
        new = assemble(grounded, seed, "seed", **options, rule_quotes=True).model_dump()
        for summary in (old, new):
            summary["run"]["latency_s"] = 0
        assert new == old
        added.append(len(new["quotes"]) - len(alone.quotes))
    assert added[0] < added[1] < added[2]  # fewer of the model's quotes, more of the rules'
    assert any(e["quote"] is not None for st in new["stances"] for e in st["evidence"])


def test_each_face_says_which_transport_it_needs(seed: str) -> None:
    import asyncio

    import httpx2

    from summarizer import asummarize, summarize

    with pytest.raises(TypeError, match=r"^summarize\(\) needs a sync httpx2 transport$"):
        summarize(seed, transport=httpx2.AsyncHTTPTransport())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^asummarize\(\) needs an async httpx2 transport$"):
        asyncio.run(asummarize(seed, transport=httpx2.HTTPTransport()))  # type: ignore[arg-type]


def test_a_prompt_is_rendered_as_textwrap_dedent_renders_it() -> None:
    """The quick paths of render (no margin; no line of spaces alone) give what dedent
    gives, on texts made at random of spaces, tabs, newlines and words."""
    rng = random.Random(5)
    pieces = [" ", "\t", "\n", "\n", "word", "x", "\r\n"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 16)))
        assert render(text + "\n") == textwrap.dedent(text), repr(text)


def test_a_reask_after_a_long_blank_answer_is_not_taken_for_a_cut_prompt() -> None:
    """A small model's answer can end in thousands of blank lines: a few tokens for the
    server, kilobytes of escapes in the re-ask's request. The re-ask is cut only when the
    server reads less than it read of the first request (a real llama.cpp server read 4,411
    tokens of a re-ask estimated at 9,181, and the run failed, telling the user to enlarge a
    window that was large enough)."""
    import httpx2

    from summarizer import summarize
    from summarizer.text.tokens import looks_truncated, tokens_for_bytes
    from tests.conftest import SEED_PATH, fixture_path

    good = json.loads(fixture_path("seed_happy_tools").read_text())["exchanges"][0]["response"]
    call = good["json"]["choices"][0]["message"]["tool_calls"][0]["function"]
    draft = json.loads(call["arguments"])
    wrong = {**draft, "quotes": [{"text": "We will never give up the bridge", "speaker": "Nobody"}]}
    wrong["summary"] = {**draft["summary"], "text": draft["summary"]["text"] + "\n" * 30_000}
    sizes: list[int] = []  # each request's bytes
    tokens: list[int] = []  # the prompt tokens the server reports for it

    def answer(request: httpx2.Request) -> httpx2.Response:
        sizes.append(len(request.content))
        # the first prompt read whole (about 4 bytes a token); a run of blank lines is a token
        # for every few hundred, as a tokenizer merges them
        tokens.append(sizes[0] // 4 + (sizes[-1] - sizes[0]) // 40)
        body = json.loads(json.dumps(good["json"]))
        if len(sizes) == 1:
            body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = json.dumps(
                wrong
            )
        body["usage"] = {"prompt_tokens": tokens[-1], "completion_tokens": 900}
        body["usage"]["total_tokens"] = tokens[-1] + 900
        return httpx2.Response(200, json=body)

    result = summarize(
        SEED_PATH.read_text(),
        engine="llm",
        mode="tools",
        api_key="sk-test",
        base_url="http://model.test/v1",
        transport=httpx2.MockTransport(answer),
    )
    assert result.run.attempts == 2 and result.quotes  # re-asked once, and answered
    # (what the first request's check says of the re-ask: cut)
    assert looks_truncated(tokens[1], tokens_for_bytes(sizes[1]))
