"""Web pages: the parts of a story a news page wraps oddly (a lead outside any paragraph), the
clutter around it (hover cards, link teasers, a heading of what follows the story), and the
headline when the page's metadata names only the site.

Each page here is written for the test and reproduces one construction seen on real news pages.
"""

from __future__ import annotations

from summarizer.io.webpage import extract_page
from tests.test_webpage import FOOTER, NAV, STORY, page

LEAD = (
    "The city council of Westbrook approved a new budget on Tuesday after a debate that ran "
    "late into the night, ending months of argument over the town's three bridges."
)


def test_a_lead_written_straight_into_the_story_container_is_kept() -> None:
    # the lead is bare text of the container, before an empty paragraph and a subheading
    body = (
        f'{NAV}<div class="article-content"><section class="article-page">{LEAD}<p></p>'
        "<h2>What the plan means</h2>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f"</section></div>{FOOTER}"
    )
    text = extract_page(page(body)).text
    assert text.startswith(LEAD + "\n\n")
    for paragraph in STORY:
        assert paragraph in text


def test_a_short_label_before_the_first_block_is_not_made_a_paragraph() -> None:
    body = (
        f'{NAV}<article><div class="story">Updated daily<p></p>'
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f"</div></article>{FOOTER}"
    )
    assert "Updated daily" not in extract_page(page(body)).text
