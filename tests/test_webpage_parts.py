"""Web pages: the parts of a story a news page wraps oddly (a lead outside any paragraph), the
clutter around it (hover cards, link teasers, a heading of what follows the story), and the
headline when the page's metadata names only the site.

Each page here is written for the test and reproduces one construction seen on real news pages.
"""

from __future__ import annotations

from summarizer.io.webpage import extract_page, headline, without_clutter
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


def test_a_lead_in_a_text_only_block_before_the_story_is_kept() -> None:
    body = (
        f'{NAV}<div class="article"><h1>Westbrook approves budget</h1>'
        f'<div class="share"><a href="/share">Share</a></div>'
        f'<div class="article__summary summary">\n  {LEAD}\n</div>'
        f'<div class="article__text text">{"".join(f"<p>{p}</p>" for p in STORY)}</div>'
        f"</div>{FOOTER}"
    )
    text = extract_page(page(body)).text
    assert text.startswith(LEAD + "\n\n")
    for paragraph in STORY:
        assert paragraph in text


def test_a_standfirst_in_a_paragraph_of_its_own_stays_out() -> None:
    dek = "Why the town chose to borrow rather than raise taxes, and what it means for you?"
    body = (
        f'{NAV}<div class="article"><h1>Westbrook approves budget</h1>'
        f'<div class="article__lead"><p>{dek}</p></div>'
        f'<div class="article__text" itemprop="articleBody">'
        f"{''.join(f'<p>{p}</p>' for p in STORY)}</div></div>{FOOTER}"
    )
    text = extract_page(page(body)).text
    assert dek not in text
    assert text.startswith(STORY[0])


def story_with(middle: str, end: str = "") -> str:
    """The story in an <article>, ``middle`` after its second paragraph, ``end`` after it."""
    ps = [f"<p>{p}</p>" for p in STORY]
    body = "".join(ps[:2]) + middle + "".join(ps[2:]) + end
    return page(f"{NAV}<article><h1>Westbrook approves budget</h1>{body}</article>{FOOTER}")


def test_a_hover_card_inside_a_sentence_is_dropped() -> None:
    card = (
        '<span class="card"><span><img src="/ruiz.jpg" alt=""><a href="/p/ruiz">Ana Maria Ruiz'
        '</a><a href="/s/1">Mayor opens the new library on Sunday</a> <a href="/s/2">Council '
        'votes on parking fees</a> <a href="/p/ruiz">MORE</a></span></span>'
    )
    sentence = (
        f'<p>Mayor <span class="person"><a href="/p/ruiz">Ana Ruiz</a>{card}</span> (Independent) '
        "thanked the residents who "
        "came to the meeting and promised a report on the repairs every month.</p>"
    )
    text = extract_page(story_with(sentence)).text
    assert (
        "Mayor Ana Ruiz (Independent) thanked the residents who came to the meeting and "
        "promised a report on the repairs every month." in text
    )
    for noise in ("Maria", "library", "parking", "MORE"):
        assert noise not in text, noise
    for paragraph in STORY:
        assert paragraph in text


def test_a_paragraph_that_is_one_link_with_a_label_is_dropped() -> None:
    related = (
        '<p><b>[Related: <a href="/news/9">School board names a former teacher as its new '
        "head</a>]</b></p>"
    )
    card = (
        '<a class="read-more" href="/news/8"><span>Also on our site</span> <span>Storm warning '
        "issued for the whole valley this weekend</span></a>"
    )
    text = extract_page(story_with(related + card)).text
    for noise in ("Related", "School board", "Also on", "Storm warning"):
        assert noise not in text, noise
    for paragraph in STORY:
        assert paragraph in text


def test_a_sentence_with_a_link_in_it_is_kept() -> None:
    sentence = (
        '<p>The full budget is <a href="/budget.pdf">published on the council website</a> '
        "for anyone who wants to read it.</p>"
    )
    text = extract_page(story_with(sentence)).text
    assert (
        "The full budget is published on the council website for anyone who wants to read it."
        in text
    )


def test_the_heading_of_what_follows_the_story_is_dropped() -> None:
    # trafilatura drops these small boxes on a page this size, but keeps the heading of one on
    # a real page: the box's title ends the text, its links and form are gone
    text = "\n\n".join([*STORY, "More Gazette Stories", "Gazette Daily Newsletter"]) + "\n"
    headings = {"Westbrook approves budget", "More Gazette Stories", "Gazette Daily Newsletter"}
    assert without_clutter(text, set(), headings) == "\n\n".join(STORY) + "\n"
    # a heading that introduces what is not there: 'You may also like:'
    teaser = "\n\n".join([*STORY, "You may also like:"]) + "\n"
    assert without_clutter(teaser, set(), {"You may also like:"}) == "\n\n".join(STORY) + "\n"
    # a short last line that is no heading of the page stays: a credit, a sign-off
    signed = "\n\n".join([*STORY, "With wire services"]) + "\n"
    assert without_clutter(signed, set(), headings) == signed


def test_a_credit_line_that_ends_the_story_is_kept() -> None:
    text = extract_page(story_with("", "<p>With wire services</p>")).text
    assert text.endswith("\n\nWith wire services\n")


# the page's one <h1> is the site's name in its header (trafilatura takes a lone <h1> for the
# title); the headline is only in the page's title
MASTHEAD = '<div id="header"><a href="/"><h1>Westbrook Online</h1></a></div>'


def test_a_masthead_in_a_heading_is_not_the_title() -> None:
    head = "<head><title>Council approves budget without tax rise - Gazette</title></head>"
    body = f"{MASTHEAD}<div class='story'>{''.join(f'<p>{p}</p>' for p in STORY)}</div>"
    result = extract_page(page(body, head=head))
    assert result.title == "Council approves budget without tax rise"


def test_the_og_title_names_the_story_when_the_heading_is_the_masthead() -> None:
    head = (
        "<head><title>Gazette</title>"
        '<meta property="og:title" content="Council approves budget without tax rise">'
        "</head>"
    )
    body = f"{MASTHEAD}<div class='story'>{''.join(f'<p>{p}</p>' for p in STORY)}</div>"
    assert extract_page(page(body, head=head)).title == "Council approves budget without tax rise"


def test_a_headline_worded_unlike_the_page_title_is_kept() -> None:
    head = "<head><title>Westbrook budget: council says no to tax rise | Gazette</title></head>"
    body = (
        f"{NAV}<article><h1>Budget passes after a long night</h1>"
        f"{''.join(f'<p>{p}</p>' for p in STORY)}</article>"
    )
    assert extract_page(page(body, head=head)).title == "Budget passes after a long night"


def test_headline_without_a_known_site() -> None:
    assert headline("Westbrook Online", None, "Budget passes - Gazette") == "Budget passes"
    assert headline(None, None, "Budget passes | The Westbrook Gazette") == "Budget passes"
    assert headline("Budget passes", None, "Budget passes - Gazette") == "Budget passes"
    assert headline("Mayor", None, "Mayor: we will fix the bridges") == "Mayor"
    assert headline("市议会", None, "市议会通过预算 - 新闻网") == "市议会"
