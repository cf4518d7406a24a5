"""``summarizer eval-extract``: the extraction benchmark's metric, on a folder we write here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evaluation.extract import evaluate_extraction, shingle_counts
from tests.test_webpage import NAV, STORY, STORY_HTML, TEASERS, page


def test_the_metric_counts_shingles_like_the_benchmark() -> None:
    assert shingle_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_counts("one two three four five", "one two three four six")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_a_folder_is_scored(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    truth = {}
    for key, body in (("good", STORY_HTML), ("teasers", TEASERS + STORY_HTML)):
        html = page(f"{NAV}<article>{body}</article>")
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[key] = {"articleBody": "\n".join(STORY), "url": f"https://example.com/{key}"}
    empty = page(f"{NAV}<div></div>")
    (tmp_path / "html" / "empty.html.gz").write_bytes(gzip.compress(empty.encode()))
    truth["empty"] = {"articleBody": "A story that the page does not hold at all.", "url": ""}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    score, predicted = evaluate_extraction(tmp_path)
    result = score.as_dict()
    assert result["pages"] == 3 and result["no_article"] == ["empty"]
    assert score.page_f1("good") == 1.0 and score.page_f1("empty") == 0.0
    assert result["pages_below_0.5"] == 1 and result["pages_below_0.5_without_warning"] == []
    assert predicted["good"].startswith(STORY[0])


def test_a_folder_without_ground_truth_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"ground-truth\.json"):
        evaluate_extraction(tmp_path)
