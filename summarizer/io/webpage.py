"""A web page given as an article: its article text, its metadata, and what looks wrong.

The text comes from trafilatura (``favor_precision``), with readability-lxml + html-text as a
second opinion: when readability's text is much longer and holds nearly all of trafilatura's,
trafilatura has cut the story short and readability's text is taken; when the two agree on
most of the text, the paragraphs only trafilatura kept (teasers, promotions) are dropped
(measured on real news pages: README "Web pages"). Before trafilatura reads the page, a lead
written as bare text (in the story's container, or in a text-only block just before it)
becomes a paragraph and a hover card of links inside a sentence goes; after the merge, link
teasers and the headings that end the text with nothing under them go. Both versions are
pinned in ``pyproject.toml``: quote offsets index this text, so the same page must give the
same text.

The text has one paragraph per block of the page, separated by a blank line (the attribution
rules work on paragraphs). Metadata (title, authors, publication date, site, canonical URL,
language) is taken from the page when it has it; a title that shares no word with the page's
own title (a masthead in the page's one ``<h1>``) gives way to it. A page with no article text
is an :class:`~summarizer.errors.InputError`; a text that looks like the wrong part of the
page (very short for the page, mostly link text, a list of headlines) comes with a warning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.errors import InputError

log = logging.getLogger("summarizer")

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|body|head|article|section|li|ul|table)\b", re.I)
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = tuple('.!?…:;"”’»«」』)')

MIN_WORDS = 8  # fewer words than this is no article (as for plain text)
SWITCH_RATIO = 1.5  # readability's text this much longer than trafilatura's ...
SWITCH_COVER = 0.9  # ... and holding this share of trafilatura's 4-word shingles: take it
AGREE_COVER = 0.7  # when readability holds this share of the text's shingles ...
AGREE_PARAGRAPH = 0.5  # ... a paragraph it holds less than this share of is dropped
LEAD_WORDS = 12  # a text-only block this long before the story's paragraphs: its lead
CARD_LINKS = 3  # an element in a paragraph with this many links and no text of its own: a card
LINK_LABEL_WORDS = 2  # a paragraph that is one link and this many words more: a link teaser
TRAILING_HEADING_WORDS = 5  # a short line without a full stop that ends the text: a heading
SITE_NAME_WORDS = 3  # a page title's last part after a separator of at most this many words
SHORT_WORDS = 80  # a body under this many words ...
SHORT_SHARE = 0.06  # ... and under this share of the page's visible words is "very short"
LINK_SHARE = 0.5  # more than half of the body's characters are link text
HEADLINE_SHARE = 0.6  # this share of paragraphs read like headlines (short, no full stop)
TEASER_ARTICLES = 3  # text drawn from this many <article> elements is a set of teasers


@dataclass(frozen=True)
class Page:
    """What a web page holds for us: the article text, metadata, and doubts about the text."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO date (YYYY-MM-DD) as the page gives it
    site: str | None = None
    url: str | None = None  # the canonical URL when the page names one, else where it came from
    language: str | None = None  # as the page declares it (<html lang>, Content-Language)
    warnings: tuple[str, ...] = field(default=())

    def metadata(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "site": self.site,
            "url": self.url,
            "language": self.language,
        }


def looks_like_html(text: str) -> bool:
    """A document start (``<!doctype html>``, ``<html>``), or text dense with common tags."""
    head = text[:2000]
    if _HTML_START.match(head):
        return True
    tags = len(_TAG.findall(text[:20000]))
    return tags >= 5 and tags * 40 > len(text[:20000].split())


def extract_page(html: str, *, name: str = "-", url: str | None = None) -> Page:
    """The article in ``html`` (``url``: where the page came from, if known).

    Raises :class:`InputError` when the page holds no article text.
    """
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(f"{name}: not a readable web page ({exc})") from None
    source = trafilatura.load_html(html)
    if source is not None:
        _wrap_leading_text(source)
        _lead_into_story(source)
        _drop_link_cards(source)
    doc: Any = trafilatura.bare_extraction(
        source if source is not None else html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
    )
    primary = _body_text(doc.body) if doc is not None and doc.body is not None else ""
    second = paragraphs(_readability_text(html))
    text = second if _cut_short(primary, second) else _agreed(primary, second)
    text = without_clutter(text, _link_texts(tree), _heading_texts(tree))
    if len(_LETTERS.findall(text)) < MIN_WORDS:
        raise InputError(
            f"{name}: a web page with no article text in it (a front page, a list of links, "
            "or a page that builds its text with JavaScript)"
        )
    authors: tuple[str, ...] = ()
    if doc is not None and doc.author:
        authors = tuple(a.strip() for a in doc.author.split(";") if a.strip())
    site = _clean(doc.sitename) if doc is not None else None
    return Page(
        text=text,
        title=headline(_clean(doc.title) if doc is not None else None, site, _page_title(tree)),
        authors=authors,
        published=_clean(doc.date) if doc is not None else None,
        site=site,
        url=_clean(doc.url) if doc is not None and doc.url else url,
        language=_declared_language(tree),
        warnings=tuple(doubts(text, tree)),
    )


# children that end a container's leading run of text (what a browser shows as a new block)
_BREAKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "figure",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "hr",
        "center",
        "form",
        "iframe",
    ]
)
_CONTAINERS = ("div", "section", "article", "main", "td")


def _wrap_leading_text(tree: Any) -> None:
    """A container's text before its first block (``<div>The lead … <em>x</em>.<br>…`` or
    ``<section>The lead …<p></p><h2>…``) becomes a ``<p>`` of its own: trafilatura drops such
    bare text when the container also holds blocks, and with it the story's lead paragraph.
    Only a run of at least ``MIN_WORDS`` words is wrapped (no bylines, labels)."""
    import lxml.html

    for element in list(tree.iter(*_CONTAINERS)):
        if not (element.text and element.text.strip()):
            continue
        run: list[Any] = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _BREAKS:
                break
            run.append(child)
        else:
            continue  # no block after the text: trafilatura takes the container whole
        words = len(_LETTERS.findall(element.text))
        words += sum(len(_LETTERS.findall(c.text_content() + (c.tail or ""))) for c in run)
        if words < MIN_WORDS:
            continue
        wrapper = lxml.html.Element("p")
        wrapper.text, element.text = element.text, None
        for child in run:
            wrapper.append(child)  # (moves it, with its tail)
        element.insert(0, wrapper)


def _lead_into_story(tree: Any) -> None:
    """A lead written as bare text in a block of its own right before the container of the
    story's paragraphs (``<div class="summary">The lead …</div><div class="text"><p>…``)
    becomes the container's first paragraph: trafilatura takes the container alone. Only a
    block with no element in it, of ``LEAD_WORDS`` words or more ending a sentence (a
    standfirst in a ``<p>`` of its own stays out, as trafilatura leaves it)."""
    import lxml.html

    for element in list(tree.iter("div", "section", "article")):
        lead = element.getprevious()
        if lead is None or lead.tag != "div" or len(lead) or not lead.text:
            continue
        if len(element.findall("p")) < 2:
            continue
        text = " ".join(lead.text.split())
        if len(_LETTERS.findall(text)) < LEAD_WORDS or not text.endswith(_SENTENCE_END):
            continue
        wrapper = lxml.html.Element("p")
        wrapper.text = text
        element.insert(0, wrapper)
        lead.text = None


def _drop_link_cards(tree: Any) -> None:
    """A card of links inside a paragraph goes (a hover card on a name: the person's picture,
    full name and latest stories, shown on hover, read as part of the sentence): an element in
    a ``<p>`` holding ``CARD_LINKS`` links or more and no text of its own; the innermost
    such element, so that the linked name the card hangs on stays."""
    for paragraph in list(tree.iter("p")):
        for element in reversed(list(paragraph.iter("span", "div"))):
            if len(element.xpath(".//a")) < CARD_LINKS:
                continue
            own = "".join(element.xpath(".//text()[not(ancestor::a)]"))
            if _LETTERS.search(own):
                continue
            parent = element.getparent()
            if parent is None:
                continue
            if element.tail:  # the sentence goes on after the card
                before = element.getprevious()
                if before is not None:
                    before.tail = (before.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)


def without_clutter(text: str, links: set[str], headings: set[str]) -> str:
    """``text`` without what a page puts between and after the story's paragraphs: a paragraph
    that is one link with a label at most ('[Related: <a>Other story</a>]', a 'read more'
    card), and at the end, the page's headings with nothing under them (the title of a
    newsletter box or of a list of other stories the extractor left out, 'You may also
    like:'). A text that is mostly such links is left as it is, for :func:`doubts` to flag
    (a list of links)."""
    paras = text.rstrip("\n").split("\n\n")
    kept = [p for p in paras if not _link_teaser(p, links)]
    if sum(map(len, kept)) < (1 - LINK_SHARE) * sum(map(len, paras)):
        kept = paras
    while len(kept) > 1 and kept[-1] in headings and _heading(kept[-1]):
        kept.pop()
    return "\n\n".join(kept) + "\n" if kept else text


def _link_teaser(paragraph: str, links: set[str]) -> bool:
    """Whether ``paragraph`` is one of the page's links, with a short label at most."""
    return " | " not in paragraph and any(
        len(link.split()) >= 3
        and link in paragraph
        and len(_LETTERS.findall(paragraph.replace(link, " "))) <= LINK_LABEL_WORDS
        for link in links
    )


def _heading_texts(tree: Any) -> set[str]:
    """The texts of the page's headings: ``<h1>``-``<h6>`` and what a class calls one."""
    found = tree.xpath(
        "//h1|//h2|//h3|//h4|//h5|//h6"
        "|//*[contains(@class, 'heading') or contains(@class, 'title')]"
    )
    return {" ".join(h.text_content().split()) for h in found} - {""}


def _heading(paragraph: str) -> bool:
    return (
        len(paragraph.split()) <= TRAILING_HEADING_WORDS
        and (not paragraph.endswith(_SENTENCE_END) or paragraph.endswith((":", "...", "…")))
        and " | " not in paragraph
    )


def paragraphs(text: str) -> str:
    """One paragraph per line of extracted text, blank lines between, inner spaces collapsed."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    kept = [line for line in lines if line]
    return "\n\n".join(kept) + "\n" if kept else ""


_BLOCKS = frozenset(
    [
        "p",
        "head",
        "list",
        "item",
        "quote",
        "table",
        "row",
        "code",
        "div",
        "section",
        "blockquote",
        "pre",
        "li",
        "ul",
        "ol",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)


def _body_text(body: Any) -> str:
    """trafilatura's extracted tree as paragraphs: each block one paragraph, ``<lb/>`` a line
    break inside it; whitespace collapsed as a browser does (source line wrapping is not a
    break)."""
    done: list[str] = []
    line: list[str] = []

    def flush() -> None:
        lines = (" ".join(part.split()) for part in "".join(line).split("\n"))
        paragraph = "\n".join(part for part in lines if part)
        if paragraph:
            done.append(paragraph)
        line.clear()

    def add(text: str | None) -> None:
        if text:
            line.append(re.sub(r"\s", " ", text))

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "lb":
            line.append("\n")
            return
        block = tag in _BLOCKS
        if block:
            flush()
        elif tag == "cell" and "".join(line).strip():
            line.append(" | ")
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)
        if block:
            flush()

    walk(body)
    flush()
    return "\n\n".join(done) + "\n" if done else ""


def _readability_text(html: str) -> str:
    import html_text
    from readability import Document

    try:
        body = Document(html).summary(html_partial=True)
    except Exception as exc:  # readability raises bare Exceptions on pages it cannot parse
        log.debug("readability failed: %s", exc)
        return ""
    return str(html_text.extract_text(body, guess_layout=True))


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def _cut_short(primary: str, second: str) -> bool:
    """Whether ``second`` holds ``primary`` and much more (the story trafilatura cut off)."""
    if not primary.strip():
        return bool(second.strip())
    if len(second) <= SWITCH_RATIO * len(primary):
        return False
    ours = _shingles(primary)
    return len(ours & _shingles(second)) >= SWITCH_COVER * len(ours)


def _agreed(primary: str, second: str) -> str:
    """``primary`` without the paragraphs readability left out, when the two agree on the
    rest: a teaser, a caption or a promotion one extractor kept and the other did not."""
    theirs = _shingles(second)
    ours = _shingles(primary)
    if not second.strip() or len(ours & theirs) < AGREE_COVER * len(ours):
        return primary
    kept = []
    for paragraph in primary.rstrip("\n").split("\n\n"):
        mine = _shingles(paragraph)
        short = len(_WORD.findall(paragraph)) < 4
        if short or len(mine & theirs) >= AGREE_PARAGRAPH * len(mine):
            kept.append(paragraph)
    return "\n\n".join(kept) + "\n" if kept else primary


# what separates a site's name from a headline in a page's title: 'Budget passes | Gazette',
# 'Budget passes - Gazette', 'Gazette: Budget passes'
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", ": ")


def without_site(title: str | None, site: str | None) -> str | None:
    """A page's title without the site's name the page adds to it ('Budget passes | Westbrook
    Gazette' -> 'Budget passes', 'Gazette: Budget passes' -> 'Budget passes'); a part is the
    site's when it is the site's name or starts it ('| Inexhibit' of 'Inexhibit magazine').
    The headline is what is left, of two words at least (else the title as it is)."""
    if not title or not site:
        return title
    name = site.casefold()

    def is_site(part: str) -> bool:
        part = part.strip().casefold()
        return bool(part) and (part == name or (name.startswith(part + " ")))

    for sep in _TITLE_SEPARATORS:
        if title.casefold().startswith(name + sep.rstrip()):
            rest = title[len(site) + len(sep.rstrip()) :].strip()
            if len(rest.split()) >= 2:
                return rest
        if title.casefold().endswith(sep + name) and len(title) > len(sep + name):
            head = title[: -len(sep + name)].strip()  # (the site's name may hold a separator)
        else:
            head, found, tail = title.rpartition(sep)
            head = head.strip() if found and is_site(tail) else ""
        if len(head.split()) >= 2:
            return head
    return title


def headline(title: str | None, site: str | None, page_title: str | None) -> str | None:
    """The story's headline: trafilatura's ``title`` without the site's name, unless it shares
    no word with the page's own title (``og:title``, else ``<title>``): then it is a masthead or
    a section name the page shows in a heading ('Gazette Online' for 'Budget passes - Gazette'),
    and the page's title, without the site's name, is the headline."""
    if page_title and (not title or not _shares(title, page_title)):
        return without_site(page_title, site) if site else _without_tail_name(page_title)
    return without_site(title, site)


def _shares(title: str, page_title: str) -> bool:
    """Whether the two share a word, or one holds the other (scripts written without spaces)."""
    a, b = title.casefold(), page_title.casefold()
    return a in b or b in a or bool(set(_LETTERS.findall(a)) & set(_LETTERS.findall(b)))


def _without_tail_name(title: str) -> str:
    """A page's title without a short name after a separator ('Budget passes - Gazette' ->
    'Budget passes'), when the site's name is not known."""
    for sep in _TITLE_SEPARATORS[:-1]:  # (not ': ', which a headline uses: 'Mayor: we will …')
        head, found, tail = title.rpartition(sep)
        if found and len(tail.split()) <= SITE_NAME_WORDS and len(head.split()) >= 2:
            return head.strip()
    return title


def _page_title(tree: Any) -> str | None:
    for value in (
        *tree.xpath("//meta[@property='og:title']/@content"),
        *tree.xpath("//title/text()"),
    ):
        if _clean(value):
            return _clean(value)
    return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _declared_language(tree: Any) -> str | None:
    for value in (
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath(
            "//meta[@http-equiv='Content-Language' or @http-equiv='content-language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ):
        if value and value.strip():
            return str(value).strip().replace("_", "-").split(",")[0]
    return None


def _visible_words(tree: Any) -> int:
    skip = {"script", "style", "noscript", "template", "svg"}
    count = 0
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in skip:
            continue
        if node.text:
            count += len(_LETTERS.findall(node.text))
        if node.tail and node.getparent() is not None:
            count += len(_LETTERS.findall(node.tail))
    return count


def _link_texts(tree: Any) -> set[str]:
    return {" ".join(a.text_content().split()) for a in tree.iter("a")} - {""}


def _articles_holding(paras: list[str], tree: Any) -> int:
    """How many of the page's ``<article>`` elements hold a paragraph of the text (outermost
    ones only: an article nested in another is part of it)."""
    wanted = [p for p in paras if len(p.split()) >= 5]
    count = 0
    for element in tree.iter("article"):
        if any(a.tag == "article" for a in element.iterancestors()):
            continue
        inside = " ".join(element.text_content().split())
        if any(" ".join(p.split()) in inside for p in wanted):
            count += 1
    return count


def doubts(text: str, tree: Any) -> list[str]:
    """Why the extracted text may not be the story: very short for the page, drawn from
    several <article> elements (teaser cards), mostly link text, or a list of headlines."""
    found = []
    paras = [p for p in text.split("\n\n") if p.strip()]
    words = len(_LETTERS.findall(text))
    page_words = _visible_words(tree)
    if words < SHORT_WORDS and words < SHORT_SHARE * page_words:
        found.append(
            f"the article text is very short for the page ({words} of its {page_words} words): "
            "the story may be missing (check it with summarizer extract)"
        )
    cards = _articles_holding(paras, tree)
    if cards >= TEASER_ARTICLES:
        found.append(
            f"the article text comes from {cards} separate <article> elements: it may be teaser "
            "cards of a front page, not one story (check it with summarizer extract)"
        )
    links = _link_texts(tree)
    linked = sum(len(p) for p in paras if p.strip(" •·|-–—") in links)
    if linked > LINK_SHARE * sum(len(p) for p in paras):
        found.append(
            "most of the article text is link text: it may be a list of links, not a story "
            "(check it with summarizer extract)"
        )
    else:
        prose = [p for p in paras if " | " not in p]  # table rows are not headlines
        headlines = [p for p in prose if len(p.split()) <= 14 and not p.endswith(_SENTENCE_END)]
        if len(prose) >= 5 and len(headlines) >= HEADLINE_SHARE * len(prose):
            found.append(
                "the article text looks like a list of headlines, not a story "
                "(check it with summarizer extract)"
            )
    return found
