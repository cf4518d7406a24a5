"""Batch files given by mistake: a one-line error, and every file opened is closed again."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.jobs import prepare
from summarizer.jobs.files import Part, manifest_path, read_results
from summarizer.jobs.results import collect
from summarizer.testing.server import sample_article


def settings() -> Settings:
    return Settings.resolve(engine="llm", api_key="k", base_url="http://127.0.0.1:9/v1")


def no_file_left_open(failing: Callable[[], object], match: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        with pytest.raises(InputError, match=match):
            failing()
        gc.collect()  # an unclosed file warns when it is collected
    leaked = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert not leaked, [str(w.message) for w in leaked]


@pytest.fixture
def requests(tmp_path: Path) -> Path:
    path = tmp_path / "requests.jsonl"
    prepare([("a.txt", sample_article(1))], path, settings())
    return path


def test_a_manifest_not_ours_closes_both_files(requests: Path) -> None:
    manifest_path(requests).write_text('{"manifest": "someone else\'s"}\n', encoding="utf-8")
    no_file_left_open(lambda: Part(requests), "not a manifest written by summarizer")


def test_collect_closes_the_good_files_when_a_later_one_is_bad(
    requests: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text("{}\n", encoding="utf-8")  # a request file without its manifest
    out = tmp_path / "out.jsonl"
    no_file_left_open(lambda: collect([], [requests, other], out, settings()), "manifest")
    no_file_left_open(lambda: collect([], [requests, requests], out, settings()), "twice")


def test_a_bad_results_line_closes_the_results_file(requests: Path, tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text("not json\n", encoding="utf-8")
    no_file_left_open(lambda: list(read_results(results)), "not a batch result line")
    out = tmp_path / "out.jsonl"
    no_file_left_open(lambda: collect([results], [requests], out, settings()), "not a batch")
