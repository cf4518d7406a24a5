"""Planning a long article into pieces that fit a window, and estimating tokens without a
tokenizer."""

from __future__ import annotations

import itertools

import pytest

from summarizer.testing.articles import long_article
from summarizer.text.chunks import Chunk, plan_chunks
from summarizer.text.sentences import paragraphs
from summarizer.text.tokens import (
    chars_for_tokens,
    estimate_tokens,
    looks_truncated,
    reask_looks_truncated,
)

ARTICLE = long_article(30_000)


def check_tiling(text: str, chunks: list[Chunk], max_chars: int) -> None:
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for before, after in itertools.pairwise(chunks):
        assert before.end == after.start  # no gap, no overlap: offsets shift by start
        assert after.context_start <= after.start
    for chunk in chunks:
        assert chunk.size <= max_chars + 2  # the blank line after the last paragraph


def test_a_short_article_is_one_piece() -> None:
    assert plan_chunks("A short article.\n\nTwo paragraphs.", 1000) == [Chunk(0, 33, 0)]


def test_a_long_article_is_cut_at_paragraphs_with_context() -> None:
    chunks = plan_chunks(ARTICLE, 8000, context_chars=600)
    check_tiling(ARTICLE, chunks, 8000)
    assert len(ARTICLE) / 8000 <= len(chunks) <= len(ARTICLE) / (8000 - 600 - 700) + 1
    starts = {s for s, _ in paragraphs(ARTICLE)}
    for chunk in chunks[1:]:
        assert chunk.start in starts  # at a paragraph's first character
        assert chunk.context_start in starts and 0 < chunk.start - chunk.context_start <= 600
    assert chunks[0].context_start == 0


def test_a_paragraph_too_long_is_cut_at_sentences_not_inside_quotes() -> None:
    sentence = "The committee met again on Monday and heard from many witnesses. "
    quote = "“We will not sign this. Not today. Not ever,” she said. "
    text = "Title\n\n" + sentence * 10 + quote + sentence * 10
    chunks = plan_chunks(text, 300)
    check_tiling(text, chunks, 300)
    q = text.index("“We")
    q_end = text.index("ever,”") + len("ever,”")
    assert any(c.start <= q and q_end <= c.end for c in chunks)  # the quote is in one piece
    for chunk in chunks[1:]:
        assert text[chunk.start - 2 : chunk.start] in {". ", "\n\n", ", "}


def test_a_word_longer_than_a_piece_is_cut_anyway() -> None:
    text = "x" * 250 + " end"
    chunks = plan_chunks(text, 100)
    check_tiling(text, chunks, 100)
    assert "".join(text[c.start : c.end] for c in chunks) == text


@pytest.mark.parametrize("size", [500, 2000, 12_000])
def test_every_character_is_in_exactly_one_piece(size: int) -> None:
    chunks = plan_chunks(ARTICLE, size, context_chars=size // 5)
    assert "".join(ARTICLE[c.start : c.end] for c in chunks) == ARTICLE
    check_tiling(ARTICLE, chunks, size)


def test_token_estimate_errs_high_and_detects_cut_prompts() -> None:
    # ~4.8 bytes a token for English news on OpenAI's tokenizers; the estimate counts more
    words = len(ARTICLE.split())
    assert words * 1.2 < estimate_tokens(ARTICLE) < words * 2
    assert estimate_tokens("Привет, мир") > estimate_tokens("Hello, wor")  # bytes, not chars
    assert chars_for_tokens(1000, "plain ascii " * 50) == 3500
    assert 3400 < chars_for_tokens(1000, ARTICLE) < 3500  # a few curly quotes
    assert chars_for_tokens(1000, "щ" * 10) == 1750
    assert looks_truncated(reported=4096, estimated=40_000)
    assert looks_truncated(reported=4090, estimated=5_000, window=4096)
    assert not looks_truncated(reported=3_900, estimated=5_000)  # a tokenizer that counts fewer
    assert not looks_truncated(reported=0, estimated=40_000)  # no usage reported
    assert not looks_truncated(reported=10, estimated=3_000)  # a stub's made-up usage
    # a re-ask: cut only below what the server read of the first request, or at a known window
    assert not reask_looks_truncated(reported=4411, read_before=1805, estimated=9181)
    assert reask_looks_truncated(reported=1500, read_before=1805, estimated=9181)
    assert reask_looks_truncated(reported=4090, read_before=1805, estimated=9181, window=4096)
    assert not reask_looks_truncated(reported=0, read_before=1805, estimated=9181)  # no usage


def test_budget_plans_pieces_that_fit_the_window() -> None:
    from summarizer.engines.llm.budget import Budget, WindowTooSmall, plan

    budget = Budget(window=4096, max_output=4000, overhead=2300)
    assert budget.answer_room() == 1024
    assert budget.max_tokens(prompt_tokens=3000) == 4096 - 3000 - 64  # what the window leaves
    assert Budget(None, 4000, 2300).max_tokens(100_000) == 4000  # unknown window: as asked
    chunks = plan(ARTICLE, budget)
    assert len(chunks) > 30
    for chunk in chunks:
        piece = ARTICLE[chunk.context_start : chunk.end]
        assert 2300 + estimate_tokens(piece) + 1024 <= 4096
    assert plan(ARTICLE, Budget(window=1_000_000, max_output=4000, overhead=2300)) == [
        Chunk(0, len(ARTICLE), 0)
    ]
    with pytest.raises(WindowTooSmall):
        plan(ARTICLE, Budget(window=2048, max_output=4000, overhead=1800))


def test_every_piece_leaves_the_answer_its_minimum() -> None:
    """Pieces fit beside a part prompt's own overhead, and a stretch of text denser in bytes
    than the article's average is cut shorter: no piece leaves less than the answer room."""
    from summarizer.engines.llm.budget import MIN_ANSWER_TOKENS, Budget, plan

    dense = "\n\n".join(["Київ заявив, що переговори тривають. " * 6] * 12)  # 2 bytes a letter
    text = long_article(3000) + "\n\n" + dense + "\n\n" + long_article(1000, title="Coda")
    budget = Budget(window=4096, max_output=4000, overhead=2700)
    chunks = plan(text, budget, part_overhead=2840)  # a part's prompt says more than the default
    check_tiling(text, chunks, len(text))
    for chunk in chunks:
        prompt = 2840 + estimate_tokens(text[chunk.context_start : chunk.end])
        assert budget.max_tokens(prompt) >= MIN_ANSWER_TOKENS
        assert budget.answer_tokens(prompt) == budget.max_tokens(prompt)


def test_a_request_with_too_little_room_for_its_answer_is_refused() -> None:
    from summarizer.engines.llm.budget import Budget, WindowTooSmall

    budget = Budget(window=4096, max_output=4000, overhead=2700)
    assert budget.answer_tokens(2900) == 4096 - 2900 - 64
    with pytest.raises(WindowTooSmall, match="less than the 1024 an answer needs"):
        budget.answer_tokens(3100)
    small_output = Budget(4096, 500, 2700)  # an output limit asked below the minimum: kept
    assert small_output.answer_tokens(3500) == 500
    with pytest.raises(WindowTooSmall, match="less than the 500 an answer needs"):
        small_output.answer_tokens(3600)
