"""Fixes found by running the offline engine as a user does (2026-11-28), each on a passage of
our own."""

import pytest

from summarizer.engines.offline.engine import build_offline

BODY = (
    "HARBOURTON, March 3 - The port authority of Harbourton on Monday approved a plan to dredge "
    "the old channel, ending a year of debate over its cost.\n\n"
    "The board voted 7 to 2 after a meeting that lasted six hours.\n\n"
    "“We have waited long enough for this,” harbour master Ines Vidal said after the vote.\n"
)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Harbourton approves plan to dredge the old channel", None),  # sentence case
        ("Harbour board backs dredging;", "Harbour board backs dredging"),  # a subtitle follows
    ],
)
def test_a_title_in_sentence_case_is_the_headline_not_the_summary(
    title: str, headline: str | None
) -> None:
    summary = build_offline(f"{title}\n\n{BODY}", input_name="t")[0].summary
    assert summary.headline == (headline or title)
    # the summary's text and key points start with the story, not its title again
    assert summary.text.startswith("HARBOURTON, March 3 - The port authority")
    assert [kp.point for kp in summary.key_points][:2] == [
        "HARBOURTON, March 3 - The port authority of Harbourton on Monday approved a plan to "
        "dredge the old channel, ending a year of debate over its cost.",
        "The board voted 7 to 2 after a meeting that lasted six hours.",
    ]


def test_a_first_sentence_is_no_title() -> None:
    summary = build_offline(BODY, input_name="t")[0].summary
    assert summary.text.startswith("HARBOURTON, March 3 - The port authority")
    assert summary.key_points[0].point.startswith("HARBOURTON, March 3")
