"""Random strings for the tests that compare a shortcut with the check it stands for: the same
seed gives the same strings."""

from __future__ import annotations

import random
from collections.abc import Sequence


def random_strings(pieces: Sequence[str], n: int, seed: int) -> list[str]:
    """``n`` strings of 1 to 14 pieces each, chosen from ``pieces``."""
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(n)]


def random_spans(text: str, rng: random.Random, n: int) -> list[tuple[int, int]]:
    """The whole of ``text`` and ``n`` spans of it drawn at random (some of them empty)."""
    spans = [(0, len(text))]
    for _ in range(n):
        s = rng.randint(0, len(text))
        spans.append((s, rng.randint(s, len(text))))
    return spans


def random_phrases(
    words: Sequence[str],
    alphabet: str,
    n: int,
    seed: int,
    *,
    most_parts: int,
    most_letters: int,
    joiners: Sequence[str],
    endings: Sequence[str] = (),
) -> list[str]:
    """``n`` phrases of up to ``most_parts`` parts, each a word of ``words`` or up to
    ``most_letters`` characters of ``alphabet`` (as likely), joined by one of ``joiners`` and
    ended by one of ``endings`` (when there are any)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [
            rng.choice(words)
            if rng.random() < 0.5
            else "".join(rng.choice(alphabet) for _ in range(rng.randint(0, most_letters)))
            for _ in range(rng.randint(0, most_parts))
        ]
        phrase = rng.choice(joiners).join(parts)
        out.append(phrase + rng.choice(endings) if endings else phrase)
    return out
