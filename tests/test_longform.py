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


def test_a_part_whose_next_note_is_too_long_gives_one_that_fits_in_its_turn() -> None:
    """With room for two notes, they come from the first part and the middle one (in
    :func:`spread` order), even when the middle part's first note is too long: its next note
    that fits, not one of the parts after the first."""

    def part_of(number: int, *points: str) -> Part:
        evidence = (Located(0, 26, "exact"),)
        drafts = tuple(
            Supported(KeyPointDraft(point=p, evidence=[TEXT[:26]]), evidence) for p in points
        )
        grounded: Any = Grounded(None, (), drafts, (), ())  # type: ignore[arg-type]
        return Part(number, grounded)

    parts = [part_of(i, f"Point {i}.") for i in range(1, 9)]
    parts[4] = part_of(5, "A long point. " * 30, "Point 5.")  # the middle part (spread: 0, 4, …)
    room = 2 * (len(notes(parts[:1], TEXT, max_chars=10_000)[0]) + 1)
    taken = [json.loads(line) for line in notes(parts, TEXT, max_chars=room)]
    assert [(n["part"], n["text"]) for n in taken] == [(1, "Point 1."), (5, "Point 5.")]
