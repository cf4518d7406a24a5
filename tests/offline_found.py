"""Shared by the offline rule tests: every attribution the reported-speech rules find in a text,
as the strings a reader checks."""

from __future__ import annotations

from summarizer.engines.offline.attribution import Attributor
from summarizer.engines.offline.reported import attributions


def found(text: str) -> list[tuple[str, str, str, str]]:
    """(rule, speaker, cue, content) of every attribution, offsets checked."""
    out = []
    for a in attributions(Attributor(text)):
        assert a.content[0] < a.content[1] <= len(text)
        cue, content = text[a.cue[0] : a.cue[1]], text[a.content[0] : a.content[1]]
        out.append((a.rule or "", a.speaker, cue, content))
    return out
