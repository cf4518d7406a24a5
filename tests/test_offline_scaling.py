"""The offline engine's attribution pass grows linearly with the article, not quadratically:
counted in executed Python steps (deterministic), not in time (the machine may be loaded)."""

import sys
from types import FrameType
from typing import Any

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.reported import attributions

# a quote, then reported speech by a pronoun whose content holds a quotation: each needs the
# quotes around it (its kind, its speaker), which once meant a pass over every quote
PARAGRAPH = "“Go now,” Lee said. He said the plan was “a good start” for the town.\n\n"


def _steps(copies: int) -> int:
    attributor = Attributor(PARAGRAPH * copies)
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
    assert len(found) >= 2 * copies  # every quote and every reported statement found
    return count


def test_attributions_grow_linearly_with_the_article() -> None:
    small, large = _steps(100), _steps(400)
    assert large / small < 5  # four times the text: about four times the work (was 9.4)
