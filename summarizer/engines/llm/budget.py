"""The token budget of one request: does the article fit the model's window, and how long may
the answer be.

A request is the fixed part (system prompt, schema, user template: the *overhead*), the article
(or a piece of it) and the answer. The window must hold all three. When the whole article does
not fit with room for an answer, :func:`plan` cuts it into pieces that do
(:func:`summarizer.text.chunks.plan_chunks`). ``max_tokens`` sent with a request is the output
limit, lowered to what the window leaves after the prompt, so a server never has to stop
mid-answer for lack of room (Ollama would, without saying why).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from summarizer.text.chunks import Chunk, plan_chunks
from summarizer.text.tokens import chars_for_tokens, estimate_tokens

MIN_ANSWER_TOKENS = 1024  # room kept for each answer: a piece's quotes and evidence fit in it
CONTEXT_SHARE = 0.1  # of a piece's room, given to the text before it (who "he" is)
SAFETY_TOKENS = 64  # chat template tokens the estimate does not see
MIN_PIECE_TOKENS = 128  # about a paragraph: a window leaving less for a piece is too small
WINDOW_FIX = (
    "use a model with a larger window, or give the server a larger one (llama.cpp: -c 16384; "
    "Ollama: OLLAMA_CONTEXT_LENGTH=16384) and say so with context_window="
)


@dataclass(frozen=True)
class Budget:
    """``window``: tokens the model takes at once (None: unknown, assumed large enough);
    ``max_output``: the output limit asked for; ``overhead``: tokens of a request without the
    article."""

    window: int | None
    max_output: int
    overhead: int

    def answer_room(self) -> int:
        """Tokens reserved for an answer when planning pieces."""
        if self.window is None:
            return self.max_output
        # half of what the prompt's fixed part leaves: an answer listing a piece's quotes and
        # evidence can be as long as the piece itself
        return min(self.max_output, max(MIN_ANSWER_TOKENS, (self.window - self.overhead) // 2))

    def article_room(self) -> int | None:
        """Tokens of article one request may carry (None: no limit known)."""
        if self.window is None:
            return None
        return self.window - self.overhead - self.answer_room() - SAFETY_TOKENS

    def max_tokens(self, prompt_tokens: int) -> int:
        """The output limit to send with a prompt of ``prompt_tokens``: what was asked, or
        what the window leaves, whichever is less (never below 1)."""
        if self.window is None:
            return self.max_output
        return max(1, min(self.max_output, self.window - prompt_tokens - SAFETY_TOKENS))

    def answer_tokens(self, prompt_tokens: int) -> int:
        """:meth:`max_tokens`, or :class:`WindowTooSmall` when that is below the least an
        answer needs (``MIN_ANSWER_TOKENS``, or the output limit asked for when lower): such a
        request is never sent."""
        tokens = self.max_tokens(prompt_tokens)
        least = min(MIN_ANSWER_TOKENS, self.max_output)
        if tokens < least:
            raise WindowTooSmall(
                f"a window of {self.window} tokens leaves {tokens} for an answer after a "
                f"{prompt_tokens}-token prompt, less than the {least} an answer needs"
            )
        return tokens


class WindowTooSmall(ValueError):
    """Not even a paragraph and an answer fit beside the prompt's fixed part."""


def plan(
    text: str, budget: Budget, part_overhead: int | None = None, tokens: int | None = None
) -> list[Chunk]:
    """One piece when ``text`` fits the budget, else pieces that each fit with their context
    beside the fixed part of a part's request (``part_overhead``, when it differs from the
    whole article's) and the answer room: each piece's estimate is checked, and the pieces
    made shorter until every one fits. ``tokens``: ``estimate_tokens(text)``, when known."""
    room = budget.article_room()
    if room is None or (estimate_tokens(text) if tokens is None else tokens) <= room:
        return [Chunk(0, len(text), 0)]
    if part_overhead is not None:
        budget = replace(budget, overhead=part_overhead)
        room = budget.article_room() or 0
    max_chars = chars_for_tokens(room, text)
    while room >= MIN_PIECE_TOKENS and max_chars > 0:
        chunks = plan_chunks(text, max_chars, context_chars=int(max_chars * CONTEXT_SHARE))
        over = max(estimate_tokens(text[c.context_start : c.end]) for c in chunks) - room
        if over <= 0:
            return chunks
        max_chars = min(max_chars - 1, max_chars * room // (room + over))  # denser than average
    raise WindowTooSmall(
        f"a window of {budget.window} tokens leaves {room} for the article beside a "
        f"{budget.overhead}-token prompt and a {budget.answer_room()}-token answer"
    )
