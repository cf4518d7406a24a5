"""How many tokens a text is, estimated without a tokenizer.

A tokenizer library would either download its vocabulary at run time (tiktoken: fails offline)
or know only some models' vocabularies. The budget only needs a safe estimate: UTF-8 bytes
divided by a constant measured on news articles with several tokenizers (``benchmarks/tokens.py``
measures it; README "Local servers"). Bytes rather than characters, so that scripts whose
characters take several bytes (and usually several tokens) are not underestimated.

The constant is deliberately low (more tokens than most tokenizers count), so a prompt planned
to fit a window does fit; a server reporting far fewer prompt tokens than the estimate has cut
the prompt (:func:`looks_truncated`).
"""

from __future__ import annotations

import math

# Measured on 256 English news articles (benchmarks/tokens.py): bytes a token min / median / max
# o200k 3.55 / 4.81 / 5.51, cl100k 3.63 / 4.79 / 5.40, SmolLM2's 49k vocabulary 2.91 / 4.46 /
# 5.25 (the estimate is below SmolLM2's count for 3 articles of 256); JSON schemas about 3.8.
BYTES_PER_TOKEN = 3.5
# A server reporting fewer prompt tokens than this share of the estimate has not read it all:
# the estimate errs high by at most ~40% on the tokenizers measured.
TRUNCATED_BELOW = 0.5
MIN_WINDOW = 512  # a prompt cut to a window is reported at about the window's size


def estimate_tokens(text: str) -> int:
    """Tokens in ``text``, erring high."""
    return tokens_for_bytes(len(text.encode("utf-8")))


def tokens_for_bytes(size: int) -> int:
    """Tokens in ``size`` bytes of UTF-8 text, erring high (as :func:`estimate_tokens`)."""
    return math.ceil(size / BYTES_PER_TOKEN)


def chars_for_tokens(tokens: int, text: str) -> int:
    """How many characters of ``text`` (of its mix of scripts) fit in ``tokens``, erring low."""
    if tokens <= 0:
        return 0
    size = len(text.encode("utf-8"))
    bytes_per_char = size / len(text) if text else 1.0
    return int(tokens * BYTES_PER_TOKEN / max(1.0, bytes_per_char))


def looks_truncated(reported: int, estimated: int, window: int | None = None) -> bool:
    """Whether a server that reports ``reported`` prompt tokens for a prompt estimated at
    ``estimated`` has silently dropped part of it: far fewer than estimated, or exactly a known
    window's worth of a prompt estimated larger than it."""
    if reported < MIN_WINDOW or estimated < 256:
        return False  # no (or made-up) usage: no server's window is that small
    if reported < TRUNCATED_BELOW * estimated:
        return True
    return window is not None and estimated > window and reported >= window - 8


def reask_looks_truncated(
    reported: int, read_before: int, estimated: int, window: int | None = None
) -> bool:
    """:func:`looks_truncated` for a re-ask, whose prompt is the first request's (of which the
    server reported ``read_before`` tokens) with the model's answer and the re-ask after it:
    cut when the server read less than it read of the first request, or a known window's worth
    of a prompt estimated larger. Not by the share of the estimate: a model's own output is no
    text of ours to estimate (a small model's answer can be a long run of blank lines, a few
    tokens and kilobytes of escapes in the request)."""
    if reported < MIN_WINDOW or estimated < 256:
        return False
    if reported < read_before:
        return True
    return window is not None and estimated > window and reported >= window - 8
