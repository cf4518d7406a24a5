"""HTML given as an article: detected, and reduced to its readable text (standard library only).

Scripts, styles, navigation, headers, footers, asides, forms and figures are dropped; block
elements become paragraph breaks; entities are decoded. When the page has an ``<article>``
element, only its text is kept (the rest of a news page is menus and teasers).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|body|head|article|section|li|ul|table)\b", re.I)
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure",
         "svg", "iframe", "template", "button", "select"}  # fmt: skip
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
          "article", "blockquote", "tr", "table", "title", "main", "pre", "hr"}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col"}


def looks_like_html(text: str) -> bool:
    """A document start (``<!doctype html>``, ``<html>``), or text dense with common tags."""
    head = text[:2000]
    if _HTML_START.match(head):
        return True
    tags = len(_TAG.findall(text[:20000]))
    return tags >= 5 and tags * 40 > len(text[:20000].split())


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] = []
        self.skip_depth = 0
        self.article_depth = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag in _SKIP:
            self.skip_depth += 1
        if tag == "article":
            self.article_depth += 1
        if tag in _BLOCK:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _SKIP:
                self.skip_depth -= 1
            if top == "article":
                self.article_depth -= 1
            if top == tag:
                break
        if tag in _BLOCK:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth == 0:
            self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        if self.article_depth > 0:
            self.article_parts.append(text)


def html_to_text(html: str) -> str:
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    chosen = parser.article_parts if "".join(parser.article_parts).strip() else parser.parts
    text = "".join(chosen)
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p) + "\n"
