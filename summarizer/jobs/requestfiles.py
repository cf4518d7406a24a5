"""``prepare``: articles in, OpenAI batch request files out (with a manifest beside each).

Streams: one article is read, turned into its request line and written before the next is
read, so memory stays flat for any number of articles. A file is closed and the next one begun
before it would pass the provider's limits (50,000 requests or 200 MB).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from summarizer.config import FIXED_MODES, Settings
from summarizer.engines.llm import prompts
from summarizer.errors import InputError, SummarizerError
from summarizer.io.inputs import MAX_BYTES, load_article
from summarizer.io.sources import Source, from_texts
from summarizer.jobs import wire
from summarizer.jobs.files import (
    MANIFEST_VERSION,
    MAX_FILE_BYTES,
    MAX_REQUESTS,
    custom_id,
    manifest_path,
    part_path,
)

if TYPE_CHECKING:
    from summarizer.engines.llm.cache import Cache

log = logging.getLogger("summarizer")
MAX_PROBLEMS = 3  # the unreadable inputs ``Prepared.problems`` names


@dataclass
class Prepared:
    """What ``prepare`` wrote."""

    files: list[Path] = field(default_factory=list)  # request files, in order
    requests: int = 0
    cached: int = 0
    failed: int = 0  # inputs that could not be read: error records at collect
    bytes: int = 0
    problems: list[str] = field(default_factory=list)  # why the first unreadable ones are

    def line(self) -> str:
        files = ", ".join(str(p) for p in self.files) or "no request file"
        return (
            f"{self.requests:,} requests in {len(self.files)} file(s) ({files}; "
            f"{self.bytes / 1e6:.1f} MB); {self.cached:,} already in the cache, "
            f"{self.failed:,} unreadable"
        )


class RequestWriter:
    """Writes request lines and manifest entries, starting a new part at the limits."""

    def __init__(
        self,
        first: Path,
        header: dict[str, Any],
        *,
        tag_prefix: str = "p",
        max_requests: int = MAX_REQUESTS,
        max_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self.first = first
        self.header = header
        self.tag_prefix = tag_prefix
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.report = Prepared()
        self._number = 0
        self._req: IO[bytes] | None = None
        self._man: IO[bytes] | None = None
        self._lines = 0
        self._bytes = 0

    @property
    def tag(self) -> str:
        return f"{self.tag_prefix}{self._number}"

    def _open_next(self) -> None:
        self.close()
        self._number += 1
        path = part_path(self.first, self._number)
        try:
            self._req = path.open("wb")
            self._man = manifest_path(path).open("wb")
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        header = {"manifest": MANIFEST_VERSION, "tag": self.tag, **self.header}
        self._man.write(wire.dumps(header).encode() + b"\n")
        self.report.files.append(path)
        self._lines = self._bytes = 0

    def add(self, body_json: str, entry: dict[str, Any]) -> None:
        """One request (its body as JSON text) and its manifest entry."""
        line_no = self._lines + 1
        data = self._line(custom_id(self.tag, line_no), body_json)
        if len(data) > self.max_bytes:
            raise InputError(f"{entry.get('input')}: its request is larger than a batch file")
        if (
            self._req is None
            or self._lines >= self.max_requests
            or self._bytes + len(data) > self.max_bytes
        ):
            self._open_next()
            line_no = 1
            data = self._line(custom_id(self.tag, line_no), body_json)
        assert self._req is not None and self._man is not None
        self._req.write(data)
        self._lines += 1
        self._bytes += len(data)
        self.report.requests += 1
        self.report.bytes += len(data)
        entry = {"custom_id": custom_id(self.tag, line_no), "line": line_no, **entry}
        self._man.write(wire.dumps(entry).encode() + b"\n")

    def note(self, entry: dict[str, Any]) -> None:
        """A manifest entry with no request (already cached, or unreadable)."""
        if self._man is None:
            self._open_next()
        assert self._man is not None
        self._man.write(wire.dumps(entry).encode() + b"\n")

    @staticmethod
    def _line(cid: str, body_json: str) -> bytes:
        head = wire.dumps({"custom_id": cid, "method": "POST", "url": wire.ENDPOINT})
        return (head[:-1] + ',"body":' + body_json + "}\n").encode("utf-8")

    def close(self) -> None:
        for fh in (self._req, self._man):
            if fh is not None:
                fh.close()
        self._req = self._man = None


def _remove(report: Prepared) -> None:
    for written in report.files:
        written.unlink(missing_ok=True)
        manifest_path(written).unlink(missing_ok=True)
    report.files = []
    report.bytes = 0


def _remove_stale_parts(first: Path, kept: int) -> None:
    """Parts left by an earlier, larger prepare of the same name would be submitted too."""
    number = kept + 1
    while (stale := part_path(first, number)).exists() and number > 1:
        stale.unlink()
        manifest_path(stale).unlink(missing_ok=True)
        number += 1


def run_tag(first: Path) -> str:
    """A short tag unique to one prepare run: custom_ids of different runs never collide."""
    seed = f"{first.resolve()}:{time.time_ns()}:{os.getpid()}"
    return "b" + hashlib.sha256(seed.encode()).hexdigest()[:8] + "p"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(text: str, published: str | None) -> str:
    """What the online path keys an article's cached result by: its text, with a web page's
    publication date (the model is told it), as ``LLMEngine.summarize`` does."""
    return f"{published}\x1f{text}" if published else text


def header_for(settings: Settings, round_no: int = 1) -> dict[str, Any]:
    return {
        "round": round_no,
        "model": settings.model,
        "mode": settings.mode,
        "base_url_host": settings.base_url_host,
        # the server the requests are for (never a key): collect re-asks there by default
        "base_url": settings.server if settings.base_url else None,
        "prompt_version": prompts.prompt_version(),
        "endpoint": wire.ENDPOINT,
    }


def prepare(
    inputs: Iterable[Source | str | tuple[str, str]],
    output: Path | str,
    settings: Settings | None = None,
    *,
    cache: Cache | None = None,
    max_requests: int = MAX_REQUESTS,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_article_bytes: int = MAX_BYTES,
    say: Callable[[str], str] | None = None,
) -> Prepared:
    """Write one OpenAI batch request per article to ``output`` (split into ``output.2.jsonl``
    ... at the limits), each beside its manifest. Articles already in ``cache`` (a
    :class:`summarizer.engines.llm.cache.Cache`) get no request. ``inputs``: sources, texts, or
    ``(name, text)`` pairs. ``say``: how an unreadable input's message is worded (the command
    line names its options). Returns what was written."""
    settings = settings or Settings.resolve(engine="llm")
    if settings.mode == "auto":  # nothing to probe in a file: the first mode auto would try
        settings = replace(settings, mode=FIXED_MODES[0])  # type: ignore[arg-type]
    first = Path(output)
    version = prompts.prompt_version()
    writer = RequestWriter(
        first,
        header_for(settings),
        tag_prefix=run_tag(first),
        max_requests=max_requests,
        max_bytes=max_file_bytes,
    )
    from summarizer.engines.llm.cache import cache_key
    from summarizer.engines.llm.engine import LLMEngine

    engine = LLMEngine(settings)  # builds the bodies; sends nothing

    if settings.max_bytes != max_article_bytes:
        settings = replace(settings, max_bytes=max_article_bytes)
    try:
        for source in from_texts(inputs):
            try:  # read as the online path reads it: a web page's article, not its HTML
                given = None if source.url is not None else source.read(max_article_bytes)
                article = load_article(given, source.name, settings, url=source.url)
            except SummarizerError as exc:
                why = say(str(exc)) if say is not None else str(exc)
                writer.note({"input": source.name, "error": {"kind": exc.kind, "message": why}})
                writer.report.failed += 1
                if len(writer.report.problems) < MAX_PROBLEMS:
                    writer.report.problems.append(
                        why if source.name in why else f"{source.name}: {why}"
                    )
                continue
            text = article.text
            published = article.source.published if article.source is not None else None
            digest = sha256(text)
            entry: dict[str, Any] = {
                "input": source.name,
                "sha256": digest,
                "prompt_version": version,
            }
            if article.source is not None:  # the page's metadata, for its record at collect
                entry["source"] = article.source.model_dump(mode="json")
            if article.warnings:
                entry["warnings"] = list(article.warnings)
            if cache is not None:
                key = cache_key(article_key(text, published), settings, version)
                if cache.get(key, source.name) is not None:
                    writer.note({**entry, "cached": key})
                    writer.report.cached += 1
                    continue
            body = next(engine.conversation(text, published))  # the online path's first request
            if prompts.article_in_body(body) != text:  # the prompt's rendering changed it: keep it
                entry["text"] = text
            writer.add(wire.dumps(body), entry)
    except BaseException:  # Ctrl-C, a full disk: no partial file that looks ready to submit
        writer.close()
        _remove(writer.report)
        raise
    finally:
        writer.close()
    if not writer.report.requests:  # nothing to submit: no empty request file to submit
        _remove(writer.report)
    _remove_stale_parts(first, len(writer.report.files))
    return writer.report
