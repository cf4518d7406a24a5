"""CPU time of the support check of one LLM answer: ``ArticleSupport`` for a generated
6,000-character article (``articles.long_article``) and 15 checks of sentences taken from it,
as the LLM engine checks the headline, summary, key points, stances and questions of an answer
(each text recombines two of the article's sentences, so that none is found word for word).

Run: ``python benchmarks/support_speed.py [ARTICLES]``. Prints the best of several rounds, per
answer, in CPU milliseconds (process time: another process on the machine does not count).
"""

from __future__ import annotations

import re
import sys
import time

from articles import long_article

from summarizer.text.support import ArticleSupport

ROUNDS = 12
QUOTE_MARKS = set('“”"')


def answers(count: int) -> list[tuple[str, list[str]]]:
    """(article, 15 texts made of its sentences spread over it) per article. Each text joins
    the first half of one sentence to the second half of the next, as a summary recombines
    the article's names and numbers: none is found word for word in the article (that would
    be answered by one search)."""
    out = []
    for i in range(count):
        article = long_article(i)
        sentences = [
            s.strip()
            for s in re.split(r"(?<=[.!?])\s+", article)
            if len(s) > 30 and not QUOTE_MARKS & set(s)  # a half quote would be a new quote
        ]
        step = max(1, len(sentences) // 16)
        texts = []
        for j in range(0, len(sentences) - 1, step):
            first, second = sentences[j].split(), sentences[j + 1].split()
            texts.append(" ".join(first[: len(first) // 2] + second[len(second) // 2 :]))
        out.append((article, texts[:15]))
    return out


def one_round(work: list[tuple[str, list[str]]]) -> float:
    started = time.process_time()
    for article, fields in work:
        support = ArticleSupport(article)
        for field in fields:
            support.check(field)
    return (time.process_time() - started) / len(work)


def main() -> int:
    work = answers(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
    one_round(work)  # the word list and the patterns, once per process
    best = min(one_round(work) for _ in range(ROUNDS))
    chars = sum(len(a) for a, _ in work) / len(work)
    print(f"support check of one answer: {best * 1000:.3f} ms CPU ({chars:,.0f}-char articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
