"""Measure bytes per token of news articles on real tokenizers, to check
``summarizer.text.tokens.BYTES_PER_TOKEN`` (README: Local servers).

    python benchmarks/tokens.py FILE.jsonl... [--gguf MODEL.gguf]

Each JSONL line holds an article in ``text`` or ``article``. Tokenizers: OpenAI's o200k and
cl100k (``pip install -e ".[bench]"``) and, with ``--gguf``, the vocabulary of a GGUF model
(``pip install llama-cpp-python``). Prints, per tokenizer, the spread of bytes per token and
how often the estimate counts fewer tokens than the tokenizer does.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from pathlib import Path

from summarizer.text.tokens import estimate_tokens


def tokenizers(gguf: str | None) -> dict[str, Callable[[str], int]]:
    found: dict[str, Callable[[str], int]] = {}
    try:
        import bpe_openai

        for name in ("o200k_base", "cl100k_base"):
            encoding = bpe_openai.get_encoding(name)
            found[name] = lambda text, e=encoding: len(e.encode(text))
    except ImportError:
        print("bpe-openai not installed: pip install -e '.[bench]'")
    if gguf:
        from llama_cpp import Llama

        model = Llama(model_path=gguf, vocab_only=True, verbose=False)
        found[Path(gguf).stem] = lambda text: len(model.tokenize(text.encode(), add_bos=False))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--gguf")
    args = parser.parse_args()
    texts = []
    for file in args.files:
        for line in Path(file).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = record.get("text") or record.get("article") or ""
            if len(text) > 500:
                texts.append(text)
    print(f"{len(texts)} articles")
    for name, count in tokenizers(args.gguf).items():
        ratios, under = [], 0
        for text in texts:
            tokens = count(text)
            ratios.append(len(text.encode("utf-8")) / tokens)
            under += estimate_tokens(text) < tokens
        ratios.sort()
        print(
            f"{name}: bytes/token min {ratios[0]:.2f}, 5th pct {ratios[len(ratios) // 20]:.2f}, "
            f"median {statistics.median(ratios):.2f}, max {ratios[-1]:.2f}; "
            f"estimate below the count for {under} of {len(texts)}"
        )


if __name__ == "__main__":
    main()
