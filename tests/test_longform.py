"""The notes a long article's final request carries: what fits in the room the window leaves."""

from __future__ import annotations

import json
from typing import Any

from summarizer.engines.llm.draft import KeyPointDraft
from summarizer.engines.llm.ground import Grounded, Supported
from summarizer.engines.llm.longform import Part, notes
from summarizer.text.grounding import Located

TEXT = "The council met on Monday. " + "It argued at length about the budget for roads. " * 8


def part(number: int, point: str) -> Part:
    evidence = (Located(0, 26, "exact"),)
    key_point = Supported(KeyPointDraft(point=point, evidence=[TEXT[:26]]), evidence)
    grounded: Any = Grounded(None, (), (key_point,), (), ())  # type: ignore[arg-type]
    return Part(number, grounded)


def test_a_note_too_long_for_the_room_left_does_not_keep_shorter_ones_out() -> None:
    parts = [part(1, "A long point. " * 30), part(2, "Short."), part(3, "Also short.")]
    lines = notes(parts, TEXT, max_chars=200)
    assert [json.loads(line)["part"] for line in lines] == [2, 3]  # in turn, the long one left
    assert sum(len(line) + 1 for line in lines) <= 200
    assert notes(parts, TEXT, max_chars=20) == []
