"""The LLM engine's output, for checking that a speed change changes nothing.

    python benchmarks/llm_identity.py OUT.jsonl [--articles 200]

Writes, one JSON line each:

- every benchmark article (``articles.long_article(i)``) and short sample article through the
  LLM engine against ``python -m summarizer.testing.server`` (in its own process), with the
  wall-time field zeroed, in input order;
- the grounding of altered answers, which the test server never gives: each article's draft
  with its wording changed (numbers shifted, names swapped, dates moved, text lower-cased,
  quotes and evidence edited), grounded to problems (re-ask) and with ``drop=True`` (flags);
- ``check_support`` of the same altered texts against the article, with and without a
  publication date.

Run it before and after a change and compare the files byte for byte (``cmp``).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # benchmarks/ is not a package

from articles import long_article  # noqa: E402
from run import Server  # noqa: E402

from summarizer.batch import asummarize_many  # noqa: E402
from summarizer.testing.server import draft_for, sample_article  # noqa: E402

SEED = HERE.parent / "seeds" / "trump-zelensky-patriot-call.txt"


def _texts(n: int) -> list[str]:
    return (
        [long_article(i) for i in range(n)]
        + [sample_article(i) for i in range(n // 10)]
        + [SEED.read_text(encoding="utf-8")]
    )


async def _summaries(texts: list[str], out: Any) -> None:
    with Server() as server:
        items = [(f"a{i}", text) for i, text in enumerate(texts)]
        async for outcome in asummarize_many(
            items,
            engine="llm",
            api_key="sk-identity",
            base_url=server.base_url,
            jobs=16,
            ordered=True,
        ):
            assert outcome.summary is not None, outcome.error
            data = outcome.summary.model_dump(mode="json")
            data["run"]["latency_s"] = 0.0
            out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


_NUMBER = re.compile(r"\d+")
_CAPITAL = re.compile(r"\b[A-Z][a-z]+\b")
_SWAP_NAMES = ["Smith", "Berlin", "Ukrainian", "Macron", "UN", "Sept", "Monday", "Friday"]
_SWAP_WORDS = [
    "third", "first", "twelve", "a dozen", "two", "2-1", "1,500", "5m", "£1.5bn", "12%",
    "the world's biggest", "one of the most", "six people", "a pensioner", "the striker",
    "manager jim smith", "in 2019", "on 3 March 2024", "yesterday", "last night", "\"the plan\"",
    "“work can start”", "co-founder", "seafront", "U.S.", "O'Neill's", "against Carden",
]  # fmt: skip


def _alter(text: str, rng: random.Random) -> str:
    """One of several edits a model might make to a text of the article."""
    how = rng.randrange(8)
    if how == 0:
        return _NUMBER.sub(lambda m: str(int(m.group()) + rng.randrange(1, 30)), text)
    if how == 1:
        return _CAPITAL.sub(
            lambda m: rng.choice(_SWAP_NAMES) if rng.random() < 0.3 else m.group(), text
        )
    if how == 2:
        return text.lower()
    if how == 3:
        return text.title()
    if how == 4:
        words = text.split()
        for _ in range(rng.randrange(1, 4)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(_SWAP_WORDS))
        return " ".join(words)
    if how == 5:
        words = text.split()
        if len(words) > 6:
            del words[rng.randrange(len(words))]
        return " ".join(words)
    if how == 6:
        return text.replace('"', "“").replace("'", "’") + " " + rng.choice(_SWAP_WORDS)
    return text


def _altered_draft(raw: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return _alter(value, rng) if rng.random() < 0.5 else value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {
                k: (v if k in {"kind", "stance", "speaker_kind", "language"} else walk(v))
                for k, v in value.items()
            }
        return value

    return dict(walk(raw))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def _groundings(texts: list[str], out: Any) -> None:
    from summarizer.engines.llm.draft import SummaryDraft
    from summarizer.engines.llm.ground import ArticleChecks, ground
    from summarizer.text.grounding import Article
    from summarizer.text.support import ArticleSupport

    rng = random.Random(10)
    for i, text in enumerate(texts):
        raw = draft_for(text)
        for round_ in range(3):
            altered = _altered_draft(raw, rng) if round_ else raw
            try:
                draft = SummaryDraft.model_validate(altered)
            except Exception as error:  # an edit that breaks the draft's own rules
                out.write(json.dumps({"i": i, "invalid": type(error).__name__}) + "\n")
                continue
            article = Article(text)
            checks = ArticleChecks(article)
            asked = ground(draft, article, checks=checks)
            dropped = ground(draft, article, drop=True, checks=checks)
            fresh = ground(draft, Article(text), drop=True)
            record = {"i": i, "round": round_, "ask": _plain(asked), "drop": _plain(dropped)}
            assert _plain(fresh) == record["drop"], "a fresh Article answers differently"
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            strings = _strings(altered)
            for published in (None, date(2024, 3, 12)):
                support = ArticleSupport(text, published)  # one index answers every string
                found = [[dataclasses.astuple(u) for u in support.check(s)] for s in strings]
                out.write(json.dumps({"i": i, "support": found}, ensure_ascii=False) + "\n")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    texts = _texts(args.articles)
    with args.out.open("w", encoding="utf-8") as out:
        asyncio.run(_summaries(texts, out))
        _groundings(texts, out)


if __name__ == "__main__":
    main()
