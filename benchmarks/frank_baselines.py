"""FRANK's published metric outputs scored like ``summarizer eval-support``, for comparison.

    python benchmarks/frank_baselines.py frank_valid.jsonl baseline_factuality_metrics_outputs.json

The second file is FRANK's own (github.com/artidoro/frank, ``data/``): FactCC's label and
BERTScore for every summary. The summaries of the first file are matched by article hash and
system. FactCC flags a summary it labels inconsistent (score < 0.5); BERTScore (precision
against the article, the variant FRANK's authors found best) has no threshold of its own, so
it is given the one that flags as many error-free summaries as a target false-positive rate
(``--fpr``, default: the support checker's own on the same file).
"""

from __future__ import annotations

import argparse
import json
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("frank")
    parser.add_argument("baselines")
    parser.add_argument("--fpr", type=float, default=None)
    args = parser.parse_args()
    labels: dict[tuple[str, str], bool] = {}
    with open(args.frank, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            for system, item in record["systems"].items():
                labels[(record["hash"], system)] = float(item["factuality"]) < 1
    with open(args.baselines, encoding="utf-8") as fh:
        rows = [r for r in json.load(fh) if (r["hash"], r["model_name"]) in labels]
    if args.fpr is None:
        from summarizer.evaluation.support import evaluate, load_frank

        args.fpr = evaluate(load_frank(args.frank)).false_positive_rate
    print(f"{len(rows)} of {len(labels)} summaries matched; target FPR {args.fpr:.3f}")

    def report(name: str, flagged: list[bool]) -> None:
        faulty = [labels[(r["hash"], r["model_name"])] for r in rows]
        tp = sum(f and y for f, y in zip(flagged, faulty, strict=True))
        fp = sum(f and not y for f, y in zip(flagged, faulty, strict=True))
        pos, neg = sum(faulty), len(faulty) - sum(faulty)
        precision = tp / (tp + fp) if tp + fp else 0.0
        print(f"{name:<22} precision {precision:.3f}  recall {tp / pos:.3f}  FPR {fp / neg:.3f}")

    report("FactCC", [r["FactCC"] < 0.5 for r in rows])
    for metric in ("BertScore P Art",):
        good = sorted(r[metric] for r in rows if not labels[(r["hash"], r["model_name"])])
        cut = good[int(args.fpr * len(good))] if good else 0.0  # flag below this score
        report(f"{metric} < {cut:.3f}", [r[metric] < cut for r in rows])
    sys.stdout.flush()


if __name__ == "__main__":
    main()
