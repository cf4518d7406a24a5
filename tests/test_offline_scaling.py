"""The offline engine's attribution pass grows linearly with the article, not quadratically:
counted in executed Python steps (deterministic), not in time (the machine may be loaded)."""

import sys
from types import FrameType
from typing import Any

import pytest

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.reported import attributions

PARAGRAPHS = {
    # a quote, then reported speech by a pronoun whose content holds a quotation: each needs
    # the quotes around it (its kind, its speaker), which once meant a pass over every quote
    "quotes": "“Go now,” Lee said. He said the plan was “a good start” for the town.\n\n",
    # quotations in double apostrophes, one going on from the last ('' as quote marks)
    "apostrophes": "''The levee will hold,'' Ruiz said. ''We have sandbags.'' The river rose.\n\n",
    # a transcript's speaker and colon beside reported speech
    "transcript": "HALE: The banks are soft and the water is rising.\n\n"
    "Ruiz said the levee would hold through the spring.\n\n",
}


def _steps(paragraph: str, copies: int) -> int:
    attributor = Attributor(paragraph * copies)
    attributor.quotes()
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        found = attributions(attributor)
    finally:
        sys.settrace(None)
    assert len(found) >= copies  # what each paragraph says, found
    return count


@pytest.mark.parametrize("style", sorted(PARAGRAPHS))
def test_attributions_grow_linearly_with_the_article(style: str) -> None:
    small, large = _steps(PARAGRAPHS[style], 100), _steps(PARAGRAPHS[style], 400)
    assert large / small < 5  # four times the text: about four times the work
