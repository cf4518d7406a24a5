"""Where a batch's articles come from: paths, directories, globs and JSONL records.

A :class:`Source` is cheap (a name and where to read it); the text is read only when the
article's turn comes, so a bad file becomes that article's error record, not the batch's end,
and a JSONL file of millions of records is never held in memory.
"""

from __future__ import annotations

import glob
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError
from summarizer.io.inputs import (
    MAX_BYTES,
    decode_article,
    given_text,
    is_url,
    looks_like_web_address,
    read_article,
)

logger = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Source:
    """One article of a batch. ``name`` is the ``input`` of its output record."""

    name: str
    path: str | None = None  # a file to read
    text: str | bytes | None = None  # or the text itself (bytes: decoded as a file is)
    jsonl_offset: int | None = None  # or the byte offset of its record in the JSONL ``path``
    jsonl_field: str = "text"  # ... and the field of that record that holds the text
    url: str | None = None  # or a web page to fetch (the summarizer fetches it, not read())
    problem: str | None = None  # known bad before reading (no such file, a bad JSONL line)

    def read(self, max_bytes: int = MAX_BYTES) -> str:
        if self.problem is not None:
            raise InputError(f"{self.name}: {self.problem}")
        if self.text is not None:
            return given_text(self.text, self.name, max_bytes)
        assert self.path is not None
        if self.jsonl_offset is None:
            return read_article(self.path, max_bytes=max_bytes)
        with open(self.path, "rb") as fh:
            fh.seek(self.jsonl_offset)
            record = json.loads(fh.readline())
        return decode_article(record[self.jsonl_field], self.name, max_bytes)


#: What a batch takes: sources, texts, or ``(name, text)`` pairs (a text may be bytes)
Item = Source | str | bytes | tuple[str, str] | tuple[str, bytes]


def is_article_file(path: Path) -> bool:
    """A file a directory's articles are taken from: ``.txt``, ``.md``, ``.html``... or one of
    those gzip-compressed (``page.html.gz``)."""
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(ARTICLE_SUFFIXES)


def from_texts(items: Iterable[Item]) -> Iterator[Source]:
    """Library inputs: texts (named ``#1``, ``#2``...) or ``(name, text)`` pairs."""
    for i, item in enumerate(items, 1):
        if isinstance(item, Source):
            yield item
        elif isinstance(item, tuple):
            yield Source(name=str(item[0]), text=item[1])
        else:
            yield Source(name=f"#{i}", text=item)


def collect(paths: Sequence[str], jsonl: Sequence[str] = ()) -> list[Source]:
    """The sources named on a command line, in order; a name that is taken twice is an error.
    A file given again (``bad/ok.txt ./bad/ok.txt``, a folder and a glob that both name it)
    is taken once, under its first spelling."""
    found: list[Source] = []
    files: dict[str, str] = {}  # each file's resolved path: the spelling it was taken under
    folders: dict[str, str] = {}  # each folder's resolved path, found once
    again: list[tuple[str, str]] = []
    for given in paths:
        for source in _expand(given, say=True):
            if source.path is not None and source.path != "-":
                key = _resolved(source.path, folders)
                if (first := files.get(key)) is not None:
                    again.append((source.path, first))
                    continue
                files[key] = source.path
            found.append(source)
    if again:
        shown, first = again[0]
        same = "the same file as" if shown != first else "given again:"
        logger.warning(
            "%s %s %s; %s",
            _count(len(again), "input"),
            "names a file already given" if len(again) == 1 else "name files already given",
            f"({shown} is {same} {first})" if shown != first else f"({shown})",
            "each file is summarized once, under its first name",
        )
    for path in jsonl:
        found.extend(_jsonl_sources(path))
    seen: dict[str, int] = {}
    unique = []
    for source in found:
        if source.name in seen:
            seen[source.name] += 1
            unique.append(
                Source(
                    name=f"{source.name} (duplicate {seen[source.name]})",
                    problem=f"{source.name!r} is given more than once; only the first is used",
                )
            )
            continue
        seen[source.name] = 1
        unique.append(source)
    return unique


def _resolved(path: str, folders: dict[str, str]) -> str:
    """``path`` with its folder resolved (``./bad/ok.txt``, ``bad/../bad/ok.txt`` and
    ``bad/ok.txt`` are one file), each folder resolved once (a folder of a million files)."""
    folder, name = os.path.split(path)
    if (real := folders.get(folder)) is None:
        real = folders[folder] = os.path.realpath(folder or ".")
    return os.path.join(real, name)


def _shown(value: object, limit: int = 100) -> str:
    """A record's value as JSON, cut to ``limit`` characters (an error line, not the record)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def is_pattern(given: str) -> bool:
    """A glob to expand ourselves (quoted on the command line), not a file of that name."""
    return not is_url(given) and not Path(given).exists() and bool(_GLOB_CHARS & set(given))


def nothing_in(given: str) -> str | None:
    """Why the folder or pattern ``given`` names no article file (``None`` when it names
    some, or is neither)."""
    if given == "-" or is_url(given) or not (Path(given).is_dir() or is_pattern(given)):
        return None
    found = _expand(given)
    return found[0].problem if len(found) == 1 else None


def _expand(given: str, say: bool = False) -> list[Source]:
    """The sources ``given`` names (``say``: log the subfolders a folder's batch leaves out)."""
    if given == "-":
        return [Source(name="-", path="-")]
    if is_url(given):
        return [Source(name=given, url=given)]
    path = Path(given)
    if path.is_dir():
        files, folders = [], 0
        with os.scandir(path) as entries:  # (an entry knows its type: no stat a file)
            for entry in entries:
                if entry.is_dir():
                    folders += not entry.name.startswith(".")  # ('.git': never articles)
                elif entry.is_file() and is_article_file(Path(entry.name)):
                    files.append(path / entry.name)
        files.sort()
        # a folder's own files are its articles: its subfolders are said, not read
        deeper = (
            f"; {folders:,} subfolder{'' if folders == 1 else 's'} not read (a folder's own "
            f"files are its articles): to include {'it' if folders == 1 else 'them'}, quote a "
            f"glob: '{path / '**' / '*.txt'}'"
            if folders
            else ""
        )
        if not files:
            suffixes = ", ".join(ARTICLE_SUFFIXES) + " or those .gz"
            return [
                Source(
                    name=given,
                    problem=f"a directory with no article files ({suffixes}){deeper}",
                )
            ]
        if deeper and say:
            logger.warning("%s: %s", given, deeper[2:])
        return [Source(name=str(p), path=str(p)) for p in files]
    if is_pattern(given):
        matches = sorted(m for m in glob.glob(given, recursive=True) if Path(m).is_file())
        if not matches:
            return [Source(name=given, problem="no files match this pattern")]
        return [Source(name=m, path=m) for m in matches]
    return [Source(name=given, path=given)]


#: The fields a JSONL record may hold its article's text in, in the order they are looked for
#: ("article": CNN/DailyMail and other datasets; "content", "body": scraped pages)
TEXT_FIELDS = ("text", "article", "content", "body")
_NEEDS = (
    f'a record needs "{TEXT_FIELDS[0]}" (or '
    + ", ".join(f'"{f}"' for f in TEXT_FIELDS[1:])
    + ') or "url"'
)


JSONL_SUFFIXES = (".jsonl", ".ndjson")
_SNIFF_LINES = 3  # the first non-blank lines that must each be a record


def looks_like_jsonl(path: str, max_bytes: int = MAX_BYTES) -> bool:
    """Whether a file named as an article is JSON Lines, meant for ``--jsonl``: its name says
    so (``.jsonl``, ``.ndjson``), or its first non-blank lines (up to three) are each a JSON
    object that the batch reader takes as a record (a text field or a URL). A directory, a URL
    or stdin is not looked at."""
    if path == "-" or is_url(path):
        return False
    p = Path(path)
    if not p.is_file():
        return False
    if p.suffix.lower() in JSONL_SUFFIXES:
        return True
    try:
        with p.open("rb") as fh:
            lines: list[bytes] = []
            while len(lines) < _SNIFF_LINES:
                raw = fh.readline(max_bytes + 1)
                if not raw:
                    break
                if raw.strip():
                    lines.append(raw)
    except OSError:
        return False  # reading it as an article says why
    return bool(lines) and all(_is_record(raw) for raw in lines)


def refuse_jsonl_articles(paths: Iterable[str]) -> None:
    """The command line's check on the files named as articles: JSON Lines given as one
    article would be summarized as one article of JSON syntax (``--jsonl`` was forgotten)."""
    for given in paths:
        if looks_like_jsonl(given):
            import shlex

            raise InputError(f"{given} looks like JSON Lines: use --jsonl {shlex.quote(given)}")


def _is_record(raw: bytes) -> bool:
    if not raw.lstrip().startswith(b"{"):
        return False
    try:
        record = json.loads(raw)
    except ValueError:
        return False
    if not isinstance(record, dict):
        return False
    if any(isinstance(record.get(f), str) for f in TEXT_FIELDS):
        return True
    url = record.get("url")
    return isinstance(url, str) and is_url(url)


def _jsonl_sources(path: str) -> list[Source]:
    """One source per record (``{"id": ..., "text": ...}`` or ``{"id": ..., "url": ...}``, the
    text also under one of :data:`TEXT_FIELDS`; the text is used when a record has both); a
    bad line is that record's error."""
    if path == "-":  # records are read again by their offset when their turn comes
        return [
            Source(
                name=path,
                problem="--jsonl reads a file, not standard input: save the "
                "records to a file first (or give one article as - )",
            )
        ]
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        return [Source(name=path, problem=f"cannot read ({exc.strerror or exc})")]
    sources = []
    with fh:
        offset = 0
        for lineno, raw in enumerate(fh, 1):
            here, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(raw)
            except ValueError:
                sources.append(Source(name=where, problem="not a JSON object"))
                continue
            field = (
                next((f for f in TEXT_FIELDS if f in record), None)
                if isinstance(record, dict)
                else None
            )
            if not isinstance(record, dict) or (field is None and "url" not in record):
                sources.append(Source(name=where, problem=_NEEDS))
                continue
            name = str(record.get("id", where))
            if field is None:
                url = record["url"]
                if not isinstance(url, str) or not is_url(url):
                    problem = f'"url" is not an http(s) URL: {_shown(url)}'
                    if isinstance(url, str) and looks_like_web_address(url):
                        problem += f" (give it with https://: https://{url})"
                    sources.append(Source(name=name, problem=problem))
                else:
                    sources.append(Source(name=name, url=url))
                continue
            if not isinstance(record[field], str):
                sources.append(Source(name=name, problem=f'"{field}" is not a string'))
                continue
            sources.append(Source(name=name, path=path, jsonl_offset=here, jsonl_field=field))
    return sources
