"""The files of a batch job: request files, their manifests, and the results that come back.

A request file is OpenAI batch JSONL, one request per line (``custom_id``, ``method``, ``url``,
``body``). Beside each, a manifest (``requests.manifest.jsonl``): a header line, then one line
per input of that part: its ``custom_id`` → input name, the article's SHA-256, the prompt
version, and for inputs with no request (already cached, unreadable) why not. A ``custom_id``
is ``<part tag>-<line>``, so a result finds its request and manifest line by position: reading
results needs two arrays of offsets per part, never the files in memory.

Results are read in the shapes providers write them: OpenAI's output and error files
(``response.status_code`` and ``response.body``, or ``error.code`` for ``batch_expired``),
and ``vllm run-batch``'s single file (errors beside an empty body; older versions put the
completion itself in ``response``).
"""

from __future__ import annotations

import contextlib
import json
from array import array
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from summarizer.errors import ErrorKind, InputError

MAX_REQUESTS = 50_000  # per file, OpenAI's limit
MAX_FILE_BYTES = 200 * 1024 * 1024  # per file, OpenAI's limit
MANIFEST_VERSION = 1


def part_path(first: Path, number: int) -> Path:
    """``requests.jsonl``, then ``requests.2.jsonl``, ``requests.3.jsonl``..."""
    if number == 1:
        return first
    return first.with_name(f"{first.stem}.{number}{first.suffix or '.jsonl'}")


def manifest_path(requests: Path) -> Path:
    return requests.with_name(f"{requests.stem}.manifest.jsonl")


def is_manifest(path: Path) -> bool:
    return path.name.endswith(".manifest.jsonl")


def custom_id(tag: str, line: int) -> str:
    return f"{tag}-{line}"


def split_custom_id(value: str) -> tuple[str, int] | None:
    tag, _, line = value.rpartition("-")
    return (tag, int(line)) if tag and line.isdigit() else None


def _readline_at(fh: IO[bytes], offset: int) -> bytes:
    fh.seek(offset)
    return fh.readline()


class Part:
    """One request file and its manifest, indexed for lookups by ``custom_id``."""

    def __init__(self, requests: Path) -> None:
        self.requests = requests
        self.manifest = manifest_path(requests)
        if not requests.is_file():
            raise InputError(f"{requests}: no such request file")
        if not self.manifest.is_file():
            raise InputError(
                f"{requests}: its manifest {self.manifest.name} is missing "
                "(keep the files `summarizer batch prepare` wrote together)"
            )
        with contextlib.ExitStack() as opened:  # closed again if the files are not right
            self._req = opened.enter_context(requests.open("rb"))
            self._man = opened.enter_context(self.manifest.open("rb"))
            try:
                self.header: dict[str, Any] = json.loads(self._man.readline())
            except ValueError:
                self.header = {}
            if self.header.get("manifest") != MANIFEST_VERSION or "tag" not in self.header:
                raise InputError(f"{self.manifest}: not a manifest written by summarizer")
            self.tag: str = self.header["tag"]
            self.request_offsets = array("q")
            offset = 0
            for raw in self._req:
                self.request_offsets.append(offset)
                offset += len(raw)
            opened.pop_all()  # open until close()
        self.entry_offsets = array("q", [-1]) * len(self.request_offsets)
        self.done = bytearray(len(self.request_offsets))  # 1 once the line has its record

    def entries_without_request(self) -> Iterator[dict[str, Any]]:
        """Index the manifest; yields its entries that have no request (cached, unreadable)."""
        self._man.seek(0)
        offset = len(self._man.readline())
        for raw in self._man:
            here, offset = offset, offset + len(raw)
            entry = json.loads(raw)
            line = entry.get("line")
            if isinstance(line, int) and 1 <= line <= len(self.request_offsets):
                self.entry_offsets[line - 1] = here
            else:
                yield entry

    def lookup(self, line: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(request line, manifest entry) of request ``line`` (1-based)."""
        if not 1 <= line <= len(self.request_offsets) or self.entry_offsets[line - 1] < 0:
            return None
        request = json.loads(_readline_at(self._req, self.request_offsets[line - 1]))
        entry = json.loads(_readline_at(self._man, self.entry_offsets[line - 1]))
        return request, entry

    def missing(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """The requests with no record yet."""
        for i, done in enumerate(self.done):
            if not done:
                found = self.lookup(i + 1)
                if found is not None:
                    yield found

    def close(self) -> None:
        self._req.close()
        self._man.close()

    def __enter__(self) -> Part:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Result:
    """One line of a results file: an answer (a chat completion) or an error."""

    custom_id: str
    completion: dict[str, Any] | None = None
    error_kind: ErrorKind = ErrorKind.PROVIDER
    error_message: str = ""


_ERROR_KINDS = {
    "batch_expired": ErrorKind.BATCH_EXPIRED,
    "batch_cancelled": ErrorKind.BATCH_CANCELLED,
    "request_timeout": ErrorKind.TIMEOUT,
}


def _error_text(error: Any) -> str:
    if isinstance(error, str):
        return error
    if isinstance(error, dict):
        nested = error.get("error")
        inner: dict[str, Any] = nested if isinstance(nested, dict) else error
        return str(inner.get("message") or inner.get("code") or json.dumps(inner))
    return "unknown error"


def parse_result(raw: bytes, where: str) -> Result:
    """One results line, in OpenAI's or vLLM's shape."""
    try:
        line = json.loads(raw)
        cid = line["custom_id"]
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{where}: not a batch result line") from None
    response = line.get("response")
    error = line.get("error")
    if isinstance(response, dict) and "choices" in response:  # vLLM before 0.5.5
        return Result(cid, completion=response)
    status = response.get("status_code", 200) if isinstance(response, dict) else None
    body = response.get("body") if isinstance(response, dict) else None
    if status == 200 and isinstance(body, dict) and not error:
        return Result(cid, completion=body)
    if status is not None:
        message = _error_text(error if error else body)
        kind = ErrorKind.RATE_LIMITED if status == 429 else ErrorKind.HTTP_STATUS
        return Result(cid, error_kind=kind, error_message=f"HTTP {status}: {message}")
    code = error.get("code") if isinstance(error, dict) else None
    kind = _ERROR_KINDS.get(str(code), ErrorKind.PROVIDER)
    return Result(cid, error_kind=kind, error_message=_error_text(error))


def read_results(path: Path) -> Generator[Result, None, None]:
    """The results in ``path``, one line at a time."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            if raw.strip():
                yield parse_result(raw, f"{path}:{lineno}")
