"""Reading an article: one clear error for each way that fails, and a fix where one is clear.

- a size limit (``--max-bytes``), named in the message;
- binary files (PNG, PDF, JPEG, GIF, ZIP/DOCX, gzip, anything with NUL bytes) refused by name;
- UTF-8 (with or without BOM) and UTF-16 with a BOM decoded; Windows-1252 (which covers the
  printable Latin-1 range) decoded when the result is clearly text, else a clear error;
- HTML detected and reduced to its article text, with the page's metadata
  (:func:`prepare_article`, :mod:`summarizer.io.webpage`), for the library and the CLI alike;
- a Markdown file (``.md``) read as its plain text (:mod:`summarizer.io.markdown`);
- text with no sentence to summarize refused.
"""

from __future__ import annotations

import itertools
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.config import DEFAULT_MAX_BYTES
from summarizer.errors import InputError

if TYPE_CHECKING:  # pydantic is not imported for `summarizer --help`
    from summarizer.config import Settings
    from summarizer.schema import SourceInfo

MAX_BYTES = DEFAULT_MAX_BYTES  # a news article is tens of kilobytes; this is a safety limit
MIN_WORDS = 8  # fewer is not an article: refused, not summarized into nothing

log = logging.getLogger("summarizer")

_MAGIC = (  # what the data is, and what to do instead
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"%PDF-", "a PDF document", "extract its text first (pdftotext)"),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt)", "save the article as plain text"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first (gunzip)"),
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_C1_OR_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_article(path: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``path`` (``-`` reads stdin)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if data.startswith(b"\x1f\x8b"):  # `zcat` forgotten, or `curl --compressed` not used
            data = _inflate(data, path, max_bytes)
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        try:
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file{_web_address_hint(path)}") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if p.suffix.lower() == ".gz" and data.startswith(b"\x1f\x8b"):
            data = _inflate(data, path, max_bytes)  # a saved page.html.gz, as eval-extract reads
    return decode_bytes(data, path, max_bytes)


def _inflate(data: bytes, name: str, max_bytes: int) -> bytes:
    """A gzip file's content, never inflated past ``max_bytes`` (a small file that would
    inflate past it is refused, not inflated)."""
    import zlib

    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise InputError(f"{name}: the gzip file is corrupt") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise InputError(
            f"{name}: inflates past the {max_bytes:,}-byte limit (raise it with max_bytes=)"
        )
    return out


class DecodedText(str):
    """Text decoded from bytes by a guess (a legacy charset), carrying a note for each guess:
    :func:`prepare_article` makes them the article's warnings, so that they reach the
    result's ``run.warnings`` wherever the text goes (a batch prints no log line per
    article)."""

    notes: tuple[str, ...]

    def __new__(cls, text: str, notes: tuple[str, ...] = ()) -> DecodedText:
        decoded = super().__new__(cls, text)
        decoded.notes = notes
        return decoded


def decode_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: larger than the {max_bytes:,}-byte limit (raise it with max_bytes=)"
        )
    for magic, what, fix in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}, not text" + (f": {fix}" if fix else ""))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"(at byte {exc.start}): convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"
            ) from None
    elif b"\x00" in data:
        raise InputError(f"{name}: binary content (NUL bytes), not text")
    else:
        text = _decode_8bit(data, name)
    return decode_article(text, name, max_bytes)


def _decode_8bit(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    declared = _META_CHARSET.search(data[:4096])  # a saved web page names its charset
    if declared:
        from summarizer.http.charset import codec_for_label, decode

        codec = codec_for_label(declared.group(1).decode("ascii"))  # as browsers read it
        if codec is not None:
            try:
                return decode(data, codec)
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not _C1_OR_CONTROL.search(text) and _mostly_words(text):
        note = "not UTF-8; decoded as Windows-1252 (Latin-1)"
        log.warning("%s: %s", name, note, extra={"input": name})
        return DecodedText(text, (note,))
    raise InputError(
        f"{name}: not UTF-8 text (invalid byte at offset {utf8_error}) and not clearly "
        "Windows-1252/Latin-1: convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"
    )


def _mostly_words(text: str) -> bool:
    """Whether the non-ASCII characters sit inside words or are common typography."""
    odd = [c for c in text if ord(c) > 127]
    if not odd:
        return True
    fine = sum(1 for c in odd if c.isalpha() or c in "“”‘’–—…«»€£°·•©®™§")
    return fine / len(odd) >= 0.9


def given_text(text: object, name: str, max_bytes: int = MAX_BYTES) -> str:
    """An article handed to the library (``summarize``, a batch's ``(name, text)``), read as
    the command line reads one: bytes are decoded as files are; anything else but text is an
    :class:`InputError`."""
    if isinstance(text, bytes | bytearray):
        return decode_bytes(bytes(text), name, max_bytes)
    if not isinstance(text, str):
        raise InputError(f"{name}: an article is text (str) or bytes, not {type(text).__name__}")
    return decode_article(text, name, max_bytes)


def decode_article(text: str, name: str, max_bytes: int = MAX_BYTES) -> str:
    """Checks on an article's text, wherever it came from (HTML stays HTML until
    :func:`prepare_article`)."""
    if len(text) > max_bytes:
        raise InputError(
            f"{name}: larger than the {max_bytes:,}-byte limit (raise it with max_bytes=)"
        )
    if "\x00" in text:
        raise InputError(f"{name}: binary content (NUL bytes), not text")
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    return text


@dataclass(frozen=True)
class Article:
    """The text the engines summarize (offsets index it), and what a web page said about it."""

    text: str
    source: SourceInfo | None = None
    warnings: tuple[str, ...] = ()


def prepare_article(text: str, name: str, *, url: str | None = None) -> Article:
    """An article's text as the engines see it: a web page reduced to its article (with its
    metadata and any doubt about the extraction), then checked for sentences.

    ``url``: where the page came from, when it came from the web.
    """
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    source: SourceInfo | None = None
    warnings: tuple[str, ...] = text.notes if isinstance(text, DecodedText) else ()
    from summarizer.io.webpage import extract_page, looks_like_html

    if looks_like_html(text):
        from summarizer.schema import SourceInfo

        page = extract_page(text, name=name, url=url)
        text, source = page.text, SourceInfo(**page.metadata())
        warnings += page.warnings
        for warning in page.warnings:
            log.warning("%s: %s", name, warning, extra={"input": name})
    else:
        from summarizer.io.markdown import is_markdown_name, markdown_text

        if is_markdown_name(name):
            text, title = markdown_text(text)  # the words a reader sees, without the marks
            if title:
                from summarizer.schema import SourceInfo

                source = SourceInfo(title=title)
    require_words(text, name)
    return Article(str(text), source, warnings)


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


_HOST = re.compile(r"^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?::\d+)?$")


def looks_like_web_address(given: str) -> bool:
    """``www.example.com/news.html``, ``example.com/a.html``: a web address without its
    ``https://`` (a host name with a dot, then a path, or starting with ``www.``), not a path
    whose first folder exists."""
    if is_url(given):
        return False
    first, slash, _ = given.partition("/")
    if not _HOST.match(first) or not (slash or first.lower().startswith("www.")):
        return False
    return not Path(first).exists()


def _web_address_hint(given: str) -> str:
    if not looks_like_web_address(given):
        return ""
    return f"; if it is a web address, give it with https:// (https://{given})"


def is_url(given: str) -> bool:
    """A URL rather than a path (only http and https are fetched; others are refused)."""
    return bool(_URL.match(given))


def load_article(
    text: str | None, name: str, settings: Settings, *, url: str | None = None
) -> Article:
    """The article to summarize from its text, or from the page at ``url`` when no text is
    given (``url`` with a text: where that page came from)."""
    fetched: tuple[str, ...] = ()
    if text is None:
        if url is None:
            raise InputError(f"{name}: give the article's text, or url= to fetch it")
        from summarizer.http.fetch import TIMEOUT_S, PageCache, fetch_page

        page = fetch_page(
            url,
            allow_private=settings.allow_private_urls,
            max_bytes=settings.max_bytes,
            timeout=min(settings.timeout, TIMEOUT_S),
            cache=PageCache(settings.page_cache_dir) if settings.page_cache_dir else None,
            policy=settings.retry_policy,
        )
        text, url, fetched = page.html, page.final_url, page.warnings
        for warning in fetched:
            log.warning("%s: %s", name, warning, extra={"input": name})
    article = prepare_article(decode_article(text, name, settings.max_bytes), name, url=url)
    if not fetched:
        return article
    return Article(article.text, article.source, fetched + article.warnings)


def require_words(text: str, name: str) -> None:
    """The same minimum for every way in (CLI, library, batch): 8 words of text."""
    if sum(1 for _ in itertools.islice(_WORD.finditer(text), MIN_WORDS)) < MIN_WORDS:
        raise InputError(
            f"{name}: no sentences to summarize (fewer than {MIN_WORDS} words of text)"
        )
