"""Hard-wrapped text: soft line breaks are read as spaces, offsets unchanged."""

from __future__ import annotations

import textwrap

from summarizer import summarize
from summarizer.text.quotemarks import find_quoted_spans
from summarizer.text.wrapping import unwrap

PARAGRAPHS = [
    "The city council on Monday approved a budget that adds four million dollars for the "
    "schools of the east side, after a heated debate that lasted more than six hours.",
    "“We will not cut the school budget this year, whatever the state decides to do about "
    "the roads plan,” said Ana Ruiz, the chair of the council, after the vote.",
    "Tom Berg, a member of the opposition, said the vote had ignored the public and that "
    "the council would come to regret it before the end of the year.",
    "“This plan was written in a hurry and nobody outside this room has read it,” Berg "
    "told reporters.",
]
FLAT = "Council approves school budget\n\n" + "\n\n".join(PARAGRAPHS)
WRAPPED = "Council approves school budget\n\n" + "\n\n".join(
    textwrap.fill(p, 72) for p in PARAGRAPHS
)


def test_a_wrapped_text_reads_as_the_flat_one_with_offsets_into_the_text_as_given() -> None:
    flat, wrapped = summarize(FLAT, engine="offline"), summarize(WRAPPED, engine="offline")
    assert [(q.speaker, q.text.replace("\n", " ")) for q in wrapped.quotes] == [
        (q.speaker, q.text) for q in flat.quotes
    ]
    assert [q.speaker for q in wrapped.quotes] == ["Ana Ruiz", "Tom Berg"]
    for q in wrapped.quotes:
        assert WRAPPED[q.start : q.end] == q.text  # verbatim, its line breaks and all
    assert any("\n" in q.text for q in wrapped.quotes)
    for a in wrapped.attributions:
        for span in (a.source, a.cue, a.content):
            if span is not None:
                assert WRAPPED[span.start : span.end] == span.text
    for point in wrapped.summary.key_points:
        assert (
            point.point
            == point.evidence[0].text
            == WRAPPED[point.evidence[0].start : point.evidence[0].end]
        )


def test_quoted_spans_cross_a_soft_line_break() -> None:
    spans = find_quoted_spans(WRAPPED)
    assert len(spans) == 2 and all(s.closed for s in spans)
    assert unwrap(WRAPPED) != WRAPPED and len(unwrap(WRAPPED)) == len(WRAPPED)
    assert "\n\n" in unwrap(WRAPPED)  # the blank lines between paragraphs stay


def test_text_that_is_not_wrapped_is_left_as_it_is() -> None:
    assert unwrap(FLAT) is FLAT  # a paragraph a line
    one_per_line = "\n".join(PARAGRAPHS * 2)
    assert unwrap(one_per_line) is one_per_line
    table = "Results after 36 races:\n" + "\n".join(
        f"{i} Driver Number{i} {5000 - i} {i % 7} 1 17 27" for i in range(1, 30)
    )
    assert unwrap(table) is table  # short rows of figures


def test_lists_and_headings_keep_their_lines() -> None:
    text = (
        "## The budget in brief, as the council approved it on Monday evening\n"
        + textwrap.fill(PARAGRAPHS[0] + " " + PARAGRAPHS[2], 72)
        + "\n- The budget passed by six votes to three after a long and heated debate.\n"
        "- The next meeting of the council is in May, when the roads plan comes back.\n"
    )
    unwrapped = unwrap(text)
    assert unwrapped.startswith(
        "## The budget in brief, as the council approved it on Monday evening\n"
    )
    assert "\n- The budget passed" in unwrapped and "\n- The next meeting" in unwrapped
