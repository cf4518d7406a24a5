"""Rules-15: each rule on a passage of our own (written for a construction, never for an eval
article); each test fails on the rules before it."""

from __future__ import annotations

import pytest

from .offline_found import found


@pytest.mark.parametrize(
    ("between", "place"),
    [
        ("The senator argued that New York's courts have sealed such files.", "New York"),
        ("The company said North Carolina had approved the permit in March.", "North Carolina"),
        ("She has called the treatment of African Americans a disgrace.", "African Americans"),
    ],
)
def test_she_is_never_a_place_or_a_people(between: str, place: str) -> None:
    """'she' is a person the article names, never a place ('New York') nor a people ('African
    Americans') named between her and the pronoun."""
    text = (
        "Lawyers for Ilse Okafor filed papers with the court on Monday.\n\n"
        f"{between}\n\n"
        "In a statement to the court, she noted that she had warned the board twice."
    )
    speakers = {speaker for _, speaker, cue, _ in found(text) if cue == "noted"}
    assert speakers == {"Ilse Okafor"}
