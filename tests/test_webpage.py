"""Web pages: the article and nothing else, its metadata, and a warning when it looks wrong.

Each page here is written for the test and reproduces one way a hand-written extractor failed
on real news pages: teaser cards in their own <article>s, the whole page inside an ASP.NET
<form>, reader comments, an empty <article>.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer import summarize
from summarizer.errors import InputError
from summarizer.io.inputs import prepare_article
from summarizer.io.webpage import extract_page, looks_like_html, without_site

STORY = [
    "The city council of Westbrook approved a new budget on Tuesday after a debate that ran "
    "late into the night, ending months of argument over how to pay for the repair of the "
    "town's three bridges.",
    "“We will not raise taxes this year, and we will still fix every bridge,” Mayor Ana Ruiz "
    "said after the vote, which passed by seven votes to four.",
    "The opposition leader, Tom Becker, said the plan relied on grants that the state had not "
    "yet promised. “This budget is built on hope, not on money in the bank,” he told "
    "reporters outside the council chamber.",
    "Under the plan, the north bridge will be closed for repairs from March, with a temporary "
    "ferry service for pedestrians and cyclists, and the two other bridges will follow in the "
    "next two years.",
    "Residents who spoke at the meeting were divided. Several shop owners near the north "
    "bridge warned that months of closure would keep their customers away.",
]
STORY_HTML = "\n".join(f"<p>{p}</p>" for p in STORY)
HEAD = """<head><meta charset="utf-8"><title>Westbrook approves budget | Westbrook Gazette</title>
<meta property="og:title" content="Westbrook council approves budget without tax rise">
<meta property="og:site_name" content="Westbrook Gazette">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2024-03-05T18:30:00Z">
<link rel="canonical" href="https://gazette.example/news/westbrook-budget">
<script>var tracking = "“not a quote,” said nobody";</script><style>p{}</style></head>"""
NAV = """<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>"""
FOOTER = "<footer><p>Follow us on Facebook. © 2024 Westbrook Gazette</p></footer>"
TEASERS = "\n".join(
    f"""<article class="teaser"><h3><a href="/news/{i}">{title}</a></h3>
<p>{blurb} <a href="/news/{i}">Read more</a></p></article>"""
    for i, (title, blurb) in enumerate(
        [
            ("School board names new head", "The board chose a former teacher."),
            ("Storm warning for the weekend", "Forecasters expect strong winds."),
            ("Library extends opening hours", "The library will open on Sundays."),
            ("New CTV News App launched", "Get the latest news on your phone."),
        ]
    )
)


def page(body: str, head: str = HEAD, lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}">{head}<body>{body}</body></html>'


def assert_story_only(text: str) -> None:
    for paragraph in STORY:
        assert paragraph in text
    for noise in ("Home", "Sport", "Follow us", "Read more", "CTV News App", "tracking"):
        assert noise not in text, noise


def test_a_story_between_menus_and_footer() -> None:
    html = page(f"{NAV}<article><h1>Westbrook approves budget</h1>{STORY_HTML}</article>{FOOTER}")
    assert looks_like_html(html)
    result = extract_page(html)
    assert_story_only(result.text)
    assert result.warnings == ()


def test_teaser_articles_are_not_taken_for_the_story() -> None:
    html = page(
        f"{NAV}<main><div class='story'><h1>Westbrook approves budget</h1>{STORY_HTML}</div>"
        f"<section class='more'><h2>More news</h2>{TEASERS}</section></main>{FOOTER}"
    )
    assert_story_only(extract_page(html).text)


def test_a_form_wrapping_the_whole_page_keeps_the_story() -> None:
    html = page(
        '<form method="post" action="./article.aspx" id="aspnetForm">'
        '<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4NzMz">'
        f"{NAV}<div id='content'><h1>Westbrook approves budget</h1>{STORY_HTML}</div>"
        f"{FOOTER}</form>"
    )
    assert_story_only(extract_page(html).text)


def test_reader_comments_are_dropped() -> None:
    comments = "".join(
        f"<div class='comment'><span class='user'>reader{i}</span><p>{c}</p></div>"
        for i, c in enumerate(
            [
                "This council never listens to anyone, I have said so for years and years.",
                "Great news for the shops, finally some sense from the town hall people.",
                "Who is going to pay for the ferry? Not me, that is for sure, I can tell you.",
            ]
        )
    )
    html = page(
        f"{NAV}<article><h1>Westbrook approves budget</h1>{STORY_HTML}</article>"
        f"<section id='comments' class='comments'><h2>3 comments</h2>{comments}</section>"
        f"{FOOTER}"
    )
    text = extract_page(html).text
    assert_story_only(text)
    assert "never listens" not in text and "reader1" not in text


def test_an_empty_article_element_does_not_hide_the_story() -> None:
    html = page(
        f"{NAV}<article class='promo'></article>"
        f"<div class='post-body'><h1>Westbrook approves budget</h1>{STORY_HTML}</div>{FOOTER}"
    )
    assert_story_only(extract_page(html).text)


def test_paragraphs_are_separated_by_blank_lines_and_source_wrapping_is_not_a_break() -> None:
    wrapped = STORY[0].replace(" after a debate", "\n   after a debate")
    html = page(
        f"<article><p>{wrapped}</p><p>First line<br>second line of the same paragraph, which "
        f"goes on.</p>{STORY_HTML.split('</p>', 1)[1]}</article>"
    )
    text = extract_page(html).text
    paragraphs = text.rstrip("\n").split("\n\n")
    assert paragraphs[0] == STORY[0]
    assert paragraphs[1] == "First line\nsecond line of the same paragraph, which goes on."
    assert paragraphs[2:] == STORY[1:]


def test_metadata_of_the_page() -> None:
    html = page(f"{NAV}<article>{STORY_HTML}</article>{FOOTER}", lang="en-GB")
    meta = extract_page(html, url="https://gazette.example/b?utm=x").metadata()
    assert meta["title"] == "Westbrook council approves budget without tax rise"
    assert meta["authors"] == ["Maria Lopez"]
    assert meta["published"] == "2024-03-05"
    assert meta["site"] == "Westbrook Gazette"
    assert meta["url"] == "https://gazette.example/news/westbrook-budget"
    assert meta["language"] == "en-GB"


@pytest.mark.parametrize(
    "title",
    [
        "Westbrook approves budget | Westbrook Gazette",
        "Westbrook approves budget - Westbrook Gazette",
        "Westbrook Gazette: Westbrook approves budget",
        "Westbrook approves budget | Westbrook",  # the start of the site's name
    ],
)
def test_the_headline_is_the_title_without_the_site_name(title: str) -> None:
    """A page's title often carries the site's name, which is the source's, not the story's:
    the headline is the rest (the site's name stays in ``site``)."""
    head = (
        f'<head><meta charset="utf-8"><title>{title}</title>'
        '<meta property="og:site_name" content="Westbrook Gazette"></head>'
    )
    result = summarize(page(f"<article>{STORY_HTML}</article>", head=head), engine="offline")
    assert result.summary.headline == "Westbrook approves budget"
    assert result.source is not None and result.source.site == "Westbrook Gazette"


def test_a_title_that_is_only_the_site_name_is_kept() -> None:
    assert without_site("Westbrook Gazette", "Westbrook Gazette") == "Westbrook Gazette"
    assert without_site("Opinion | Budget passes", "Westbrook Gazette") == "Opinion | Budget passes"


def test_a_page_without_metadata_says_nothing_about_itself() -> None:
    meta = extract_page(page(f"<div>{STORY_HTML}</div>", head="<head></head>")).metadata()
    assert meta["authors"] == [] and meta["published"] is None and meta["url"] is None


def test_a_page_with_no_article_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"page\.html: a web page with no article text"):
        extract_page(page(f"{NAV}<div class='grid'></div>{FOOTER}"), name="page.html")


def test_a_list_of_headlines_is_flagged() -> None:
    items = "".join(
        f"<p>{t}</p>"
        for t in [
            "Mayor names new budget chief after long search",
            "Storm closes north bridge for second day",
            "Library to open on Sundays from April",
            "School board picks former teacher as head",
            "Ferry service for cyclists to start in March",
            "Shop owners fear months of bridge closure",
        ]
    )
    found = extract_page(page(f"<article>{items}</article>"))
    assert any("list of headlines" in w for w in found.warnings)


def test_a_front_page_of_teaser_cards_is_flagged() -> None:
    cards = "".join(
        f"<article class='card'><h2><a href='/n/{i}'>Council {verb} the budget plan</a></h2>"
        f"<p>The council met on Tuesday to discuss part {i} of the plan, officials said.</p>"
        "</article>"
        for i, verb in enumerate(["backs", "rejects", "delays", "revises", "approves", "amends"])
    )
    found = extract_page(page(f"{NAV}<main>{cards}</main>{FOOTER}"))
    assert any("separate <article> elements" in w for w in found.warnings)


def test_a_story_in_one_article_among_teaser_cards_is_not_flagged() -> None:
    html = page(f"{NAV}<article>{STORY_HTML}</article>{TEASERS}{FOOTER}")
    assert extract_page(html).warnings == ()


def test_mostly_link_text_is_flagged() -> None:
    links = "".join(
        f"<p><a href='/n/{i}'>{t}</a></p>"
        for i, t in enumerate(
            [
                "Mayor names new budget chief after a long search across the region.",
                "Storm closes the north bridge for a second day as winds grow stronger.",
                "Library to open on Sundays from April, the council said on Monday.",
                "School board picks a former teacher as its head after a close vote.",
            ]
        )
    )
    found = extract_page(page(f"<article>{links}<p>Published by the Gazette.</p></article>"))
    assert any("link text" in w for w in found.warnings)


def test_a_story_far_shorter_than_its_page_is_flagged() -> None:
    menu = (
        "<aside><ul class='related'>"
        + "".join(
            f"<li><a href='/x/{i}'>Another story about the town, number {i} of many</a></li>"
            for i in range(120)
        )
        + "</ul></aside>"
    )
    short = (
        "<article><p>The council met on Tuesday. “We agreed,” Mayor Ana Ruiz said.</p></article>"
    )
    found = extract_page(page(short + menu))
    assert any("very short for the page" in w for w in found.warnings)


def test_the_same_page_gives_the_same_text() -> None:
    html = page(f"{NAV}<article>{STORY_HTML}</article>{TEASERS}{FOOTER}")
    assert extract_page(html).text == extract_page(html).text


def test_summarize_reduces_html_like_the_cli(tmp_path: Path) -> None:
    """The library and the CLI take one path: same JSON for the same page (issue 9, item 13)."""
    html = page(f"{NAV}<article>{STORY_HTML}</article>{TEASERS}{FOOTER}")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    library = summarize(html, engine="offline", input_name=str(path), include_text=True)
    cli = subprocess.run(
        [sys.executable, "-m", "summarizer", "run", str(path), "--engine", "offline",
         "-f", "json", "--include-text"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    got, lib = json.loads(cli.stdout), json.loads(library.model_dump_json())
    for record in (got, lib):
        record["run"].pop("latency_s")
    assert got == lib
    assert library.text is not None
    assert_story_only(library.text)
    for quote in library.quotes:
        assert library.text[quote.start : quote.end] == quote.text
    assert "Ana Ruiz" in {q.speaker for q in library.quotes}
    assert library.source is not None and library.source.site == "Westbrook Gazette"
    # the page's title is the offline engine's headline
    assert library.summary.headline == "Westbrook council approves budget without tax rise"


def test_plain_text_has_no_source_block() -> None:
    text = "\n\n".join(STORY)
    result = summarize(text, engine="offline")
    assert result.source is None and result.text is None
    assert prepare_article(text, "a.txt").text == text


@pytest.mark.loopback
def test_the_publication_date_reaches_the_model(seed: str, devserver: Any) -> None:
    """A summary needs to know when "this week" was: the page's date is in the user prompt."""
    import httpx2

    server = devserver()
    forward = httpx2.HTTPTransport()
    sent: list[str] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        messages = json.loads(request.content)["messages"]
        sent.append(next(m["content"] for m in messages if m["role"] == "user"))
        return forward.handle_request(request)

    options: dict[str, Any] = {
        "engine": "llm",
        "api_key": "test",
        "base_url": server.base_url,
        "transport": httpx2.MockTransport(answer),
    }
    body = "".join(f"<p>{line}</p>" for line in seed.splitlines() if line.strip())
    html = page(f"<article>{body}</article>")
    result = summarize(html, **options)
    assert sent[-1].startswith("Published: 2024-03-05\n<<<ARTICLE\n")
    assert result.source is not None and result.source.published == "2024-03-05"
    summarize(seed, **options)
    assert sent[-1].startswith("<<<ARTICLE\n")  # plain text: no date, the prompt as before


def test_a_saved_page_is_decoded_with_its_meta_charset(tmp_path: Path) -> None:
    from summarizer.io.inputs import read_article

    html = page(
        "<article><p>Мэр города заявил во вторник, что город не будет повышать налоги в этом "
        "году. «Мы не поднимем налоги», — сказал мэр после голосования в совете.</p>"
        "<p>Оппозиция раскритиковала планы и заявила, что гранты ещё не обещаны.</p></article>",
        head="<head><meta charset='windows-1251'><title>Мэр и налоги</title></head>",
        lang="ru",
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1251"))
    text = prepare_article(read_article(str(path)), "page.html").text
    assert "«Мы не поднимем налоги»" in text


def test_a_language_the_text_cannot_tell_is_the_one_the_page_declares() -> None:
    """The rules tell a few languages by their words; another ('ru' in Cyrillic) is the page's
    declared one, not 'und-Cyrl'; a language the rules do tell keeps its own tag."""
    story = "".join(
        f"<p>Мэр заявил во вторник, что город не будет повышать налоги в этом году, {n}.</p>"
        for n in range(12)
    )
    html = page(f"<article>{story}</article>", head="<head><title>Налоги</title></head>", lang="ru")
    result = summarize(html, engine="offline")
    assert result.language == "ru"
    assert any("(ru)" in w for w in result.run.warnings)
    english = page(f"<article>{STORY_HTML}</article>", lang="fr")  # a template's wrong label
    assert summarize(english, engine="offline").language == "en"
