"""The offline summary's own fast paths (its assembly, stances and open questions) give what the
plainer code they replace gives."""

from __future__ import annotations

import textwrap

from summarizer.engines.offline.engine import _verbatim, build_offline
from summarizer.schema import ArticleSummary
from summarizer.text.wrapping import unwrap

PARAGRAPHS = [
    "The harbour board on Tuesday voted to sell the old ferry terminal to a private developer "
    "for $12 million, ending a dispute that had divided the town for most of the decade.",
    "“We have waited long enough for somebody to take this building off our hands,” said "
    "Mara Quint, who chairs the board, after the meeting in the town hall.",
    "Quint said the developer plans to open a market hall on the ground floor and that the "
    "sale could bring forty new jobs to the waterfront by the spring.",
    "Owen Tallis, a fisherman who has moored at the terminal for thirty years, criticised the "
    "sale as rushed. “Nobody asked the people who actually use the quay,” he told reporters.",
    "A spokesperson for the developer did not respond to a request for comment on Tuesday.",
]
FLAT = "Harbour board sells ferry terminal\n\n" + "\n\n".join(PARAGRAPHS)
WRAPPED = "Harbour board sells ferry terminal\n\n" + "\n\n".join(
    textwrap.fill(p, 60) for p in PARAGRAPHS
)


def test_a_wrapped_text_is_validated_once_as_the_flat_summary_read_back() -> None:
    """A hard-wrapped text's summary, its spans read from the text as given before the one
    validation, is the flat text's validated summary read back with ``model_dump`` and its spans
    replaced (the way it was made before), field for field."""
    assert unwrap(WRAPPED) == FLAT and unwrap(WRAPPED) is not WRAPPED
    new = build_offline(WRAPPED, input_name="a")[0]
    flat = build_offline(FLAT, input_name="a")[0]
    old = ArticleSummary.model_validate(_verbatim(flat.model_dump(), WRAPPED))
    for summary in (new, old, flat):
        summary.run.latency_s = 0.0
    assert new.model_dump_json() == old.model_dump_json()
    assert new.model_dump_json() != flat.model_dump_json()  # (the wrapped spans differ)
    # every kind of span is there, and some hold a line break
    assert new.quotes and new.attributions and new.stances and new.open_questions
    spans = [q for q in new.quotes] + [e for s in new.stances for e in s.evidence]
    spans += [e for q in new.open_questions for e in q.evidence]
    spans += [e for p in new.summary.key_points for e in p.evidence]
    spans += [s for a in new.attributions for s in (a.source, a.cue, a.content) if s]
    assert all(WRAPPED[s.start : s.end] == s.text for s in spans)
    assert any("\n" in s.text for s in spans)
