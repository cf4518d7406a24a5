"""A Markdown article (``.md``, ``.markdown``) read as the plain text a reader sees.

Markdown's marks are not the article's words: read as they are, ``**$4 million**`` and
``_Ana Ruiz_`` became a key point's and a speaker's text, a link's address made its sentence
look like boilerplate, and a paragraph wrapped over several lines was cut at each line. The
text is what markdown-it-py (a CommonMark parser) reads: each heading, paragraph, list item
and table row on its own, separated by blank lines; emphasis and link marks dropped, a link's
text kept, images and raw HTML dropped; a line break inside a paragraph is a space. Offsets in
the summary then index this text, as they index the extracted text of a web page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it-py is imported only when a Markdown file is read
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_markdown_name(name: str) -> bool:
    """Whether an input's name says it is Markdown."""
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_text(source: str) -> tuple[str, str | None]:
    """The plain text of Markdown ``source`` (its blocks separated by blank lines) and its
    title: the heading that opens it, if one does."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    row: list[str] | None = None
    title = None
    if len(tokens) > 1 and tokens[0].type == "heading_open" and tokens[1].type == "inline":
        title = _inline(tokens[1].children or []) or None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" | ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            words = _inline(token.children or [])
            if row is not None:
                row.append(words)
            elif words:
                blocks.append(words)
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.strip("\n"))
    return "\n\n".join(blocks), title


def _inline(children: list[Token]) -> str:
    """The words of one block's inline tokens, without their marks."""
    out: list[str] = []
    for child in children:  # (an image's alternative text is its own children: not read)
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out).strip()
